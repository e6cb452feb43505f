"""Creating forums, checking who runs them, and moving them through the SPA stages."""

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, func, select

from facilitation.core.errors import ForumNotFound, NoFreeJoinCode, NotAuthorised
from facilitation.core.text import clean_text
from facilitation.core.tokens import hash_token, new_join_code, new_token, normalise_join_code, token_matches
from facilitation.forum.areas import resolve_area
from models import Forum, ForumCreate, Participant, Stage, utcnow

STAGE_ORDER = (Stage.SHARE, Stage.PLAN, Stage.ACT, Stage.CLOSED)
# 31**6 codes: twenty taken in a row means the table is nearly full or the random source is broken.
JOIN_CODE_DRAWS = 20


@dataclass(frozen=True)
class CreatedForum:
    forum: Forum
    facilitator_token: str  # shown once; only its hash is stored


@dataclass(frozen=True)
class ForumPulse:
    """The little a phone polls for: enough to know when to redraw."""

    stage: Stage
    revision: int


def create_forum(*, session: Session, data: ForumCreate) -> CreatedForum:
    """Create a forum with a fresh join code and facilitator key."""
    area = resolve_area(data.province_code, data.district_code, data.tambon_code)
    token = new_token()
    values = data.model_dump()
    values["title"] = clean_text(data.title, max_length=200)
    values["venue"] = clean_text(data.venue, max_length=200, required=False)
    for _ in range(JOIN_CODE_DRAWS):
        forum = Forum(
            **values,
            code=new_join_code(),
            facilitator_token_hash=hash_token(token),
            area_name_th=area.name("th"),
            area_name_en=area.name("en"),
        )
        try:
            with session.begin_nested():
                session.add(forum)
            return CreatedForum(forum=forum, facilitator_token=token)
        except IntegrityError:
            continue  # join code already taken: draw another
    raise NoFreeJoinCode(draws=JOIN_CODE_DRAWS)


def get_forum(*, session: Session, code: str) -> Forum:
    """The forum with this join code; raises ForumNotFound."""
    forum = session.exec(select(Forum).where(Forum.code == normalise_join_code(code))).first()
    if forum is None:
        raise ForumNotFound(code=code)
    return forum


def authorise_facilitator(*, session: Session, code: str, key: str | None) -> Forum:
    """The forum if `key` is its facilitator key; raises NotAuthorised otherwise."""
    try:
        forum = get_forum(session=session, code=code)
    except ForumNotFound:
        raise NotAuthorised() from None
    if not token_matches(key, forum.facilitator_token_hash):
        raise NotAuthorised()
    return forum


def pulse(*, session: Session, forum_id: int) -> ForumPulse:
    """Stage and revision of a forum, read in one small query."""
    row = session.exec(select(Forum.stage, Forum.revision).where(Forum.id == forum_id)).first()
    if row is None:
        raise ForumNotFound(id=forum_id)
    return ForumPulse(stage=Stage(row[0]), revision=row[1])


def set_stage(*, session: Session, forum: Forum, stage: Stage) -> Forum:
    """Move the forum to `stage` (forwards or back; a closed forum can be reopened)."""
    locked = session.get(Forum, forum.id)
    if locked is None:
        raise ForumNotFound(id=forum.id)
    if locked.stage != stage:
        locked.stage = stage
        touch(locked)
    session.add(locked)
    return locked


def next_stage(stage: Stage) -> Stage | None:
    """The stage after `stage`, or None after Closed."""
    index = STAGE_ORDER.index(stage)
    return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None


def touch(forum: Forum) -> None:
    """Bump the revision phones watch; call inside the write that changed something."""
    forum.revision += 1
    forum.updated_at = utcnow()


def bump_revision(*, session: Session, forum_id: int) -> None:
    """Bump a forum's revision inside the current write transaction."""
    forum = session.get(Forum, forum_id)
    if forum is None:
        raise ForumNotFound(id=forum_id)
    touch(forum)
    session.add(forum)


def participant_count(*, session: Session, forum_id: int) -> int:
    """How many people have joined."""
    return session.exec(select(func.count()).select_from(Participant).where(Participant.forum_id == forum_id)).one()


@dataclass(frozen=True)
class Headline:
    """What the projector's header shows: little enough to read every tick."""

    title: str
    stage: Stage
    joined: int


def headline(*, session: Session, forum_id: int) -> Headline:
    """Title, stage and how many have joined, in two small queries."""
    forum = session.get(Forum, forum_id)
    if forum is None:
        raise ForumNotFound(id=forum_id)
    return Headline(forum.title, Stage(forum.stage), participant_count(session=session, forum_id=forum_id))
