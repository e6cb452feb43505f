"""Creating forums, checking who runs them, and moving them through the SPA stages."""

from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from facilitation.core.errors import ForumNotFound, KeyRenewedSinceCreated, NoFreeJoinCode, NotAuthorised, StageMoved
from facilitation.core.text import clean_text
from facilitation.core.tokens import hash_token, new_join_code, new_token, normalise_join_code, token_matches
from facilitation.forum.areas import resolve_area
from facilitation.live.changes import Topic, bump
from models import Forum, ForumCreate, Participant, Stage, saved_id, utcnow

STAGE_ORDER = (Stage.SHARE, Stage.PLAN, Stage.ACT, Stage.CLOSED)
# A follow-up forum first reviews what the earlier forum in its area promised; an ordinary forum never shows Review.
FOLLOW_UP_STAGE_ORDER = (Stage.REVIEW, *STAGE_ORDER)
# 31**6 codes: twenty taken in a row means the table is nearly full or the random source is broken.
JOIN_CODE_DRAWS = 20


@dataclass(frozen=True)
class CreatedForum:
    forum: Forum
    facilitator_token: str  # shown once; only its hash is stored
    created: bool = True  # False: a repeated submit found the forum its first submit made


@dataclass(frozen=True)
class ForumPulse:
    """The little a phone polls for: enough to know when to redraw."""

    stage: Stage
    revision: int


def create_forum(*, session: Session, data: ForumCreate, creation_key: str | None = None) -> CreatedForum:
    """Create a forum with a fresh join code and facilitator key; a repeated `creation_key` returns the first.

    The page draws `creation_key` before the first tap and it becomes the forum's
    facilitator key, so a double tap that finds the forum can hand the same key back;
    only its hash is stored (in `creation_key`, unique, and as the facilitator key's hash).
    """
    area = resolve_area(data.province_code, data.district_code, data.tambon_code)
    token = creation_key or new_token()
    key_hash = hash_token(token) if creation_key else None
    values = data.model_dump()
    values["title"] = clean_text(data.title, max_length=200, field="home_title")
    values["venue"] = clean_text(data.venue, max_length=200, required=False, field="home_venue")

    def first_made() -> CreatedForum | None:
        if key_hash is None:
            return None
        found = session.exec(select(Forum).where(Forum.creation_key == key_hash)).first()
        if found is None:
            return None
        if found.facilitator_token_hash != key_hash:
            # Handing the creation key back would open a console that refuses it.
            raise KeyRenewedSinceCreated(code=found.code)
        return CreatedForum(forum=found, facilitator_token=token, created=False)

    if (repeated := first_made()) is not None:
        return repeated
    for _ in range(JOIN_CODE_DRAWS):
        forum = Forum(
            **values,
            code=new_join_code(),
            facilitator_token_hash=hash_token(token),
            creation_key=key_hash,
            area_name_th=area.name("th"),
            area_name_en=area.name("en"),
        )
        try:
            with session.begin_nested():
                session.add(forum)
            return CreatedForum(forum=forum, facilitator_token=token)
        except IntegrityError:
            # Either a submit with the same key won the race (return its forum), or
            # the join code was taken: draw another.
            if (repeated := first_made()) is not None:
                return repeated
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


def set_stage(*, session: Session, forum: Forum, stage: Stage, seen: Stage | None = None) -> Forum:
    """Move the forum to `stage` (forwards or back; a closed forum can be reopened).

    `seen` is the stage the facilitator's screen showed when the button was drawn: if
    the forum has moved since (another tab closed it, say), StageMoved refuses, so a
    stale tab cannot reopen a closed forum. Scripts that move a forum on purpose
    (the sample loader, tests) leave it None.
    """
    # Locked like every write's stage check (policy.require), so a write that checked
    # the old stage commits before the change, or waits and sees the new stage.
    locked = session.get(Forum, forum.id, with_for_update=True, populate_existing=True)
    if locked is None:
        raise ForumNotFound(id=forum.id)
    if seen is not None and locked.stage != seen:
        raise StageMoved(seen=Stage(seen), stage=Stage(locked.stage))
    if locked.stage != stage:
        locked.stage = stage
        session.add(locked)
        bump_revision(session=session, forum_id=saved_id(locked))
        bump(session=session, forum_id=saved_id(locked), topics=[Topic.STAGE])
    return locked


def stage_order(*, follow_up: bool) -> tuple[Stage, ...]:
    """The stages a forum goes through: Review first in a follow-up forum only."""
    return FOLLOW_UP_STAGE_ORDER if follow_up else STAGE_ORDER


def next_stage(stage: Stage, *, follow_up: bool = False) -> Stage | None:
    """The stage after `stage`, or None after Closed."""
    order = stage_order(follow_up=follow_up)
    index = order.index(stage)
    return order[index + 1] if index + 1 < len(order) else None


def bump_revision(*, session: Session, forum_id: int) -> None:
    """Bump the revision phones watch, inside the write that changed something."""
    # In SQL, not `forum.revision += 1`: two transactions that read the same revision
    # in Python would both write it plus one, and phones would miss one change.
    statement = update(Forum).where(col(Forum.id) == forum_id).values(revision=Forum.revision + 1, updated_at=utcnow())
    # Through the session: it flushes pending changes first and updates the copies it holds.
    if session.execute(statement).rowcount == 0:  # type: ignore[attr-defined]
        raise ForumNotFound(id=forum_id)


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
