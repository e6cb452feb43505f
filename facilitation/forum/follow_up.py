"""Follow-up forums: a forum that starts from what the earlier forum in its area promised.

A follow-up is an ordinary forum with one more stage in front, Review: the room sees the earlier
forum's action items and commitments with their latest progress, and the facilitator carries the
open ones into the new plan. Any number of forums linked this way form a series.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, or_, select

from facilitation.core.errors import (
    ActionItemNotFound,
    FollowUpBeforeEarlier,
    ForumNotFound,
    ItemNotOpen,
    NotAFollowUp,
    StaleEdit,
)
from facilitation.core.tokens import token_matches
from facilitation.forum.forums import CreatedForum, bump_revision, create_forum, set_stage, stage_order
from facilitation.forum.plans import ITEM_FIELDS, LINKS, CommitmentView, plan
from facilitation.forum.policy import Action, require
from facilitation.forum.progress_read import FINISHED, ItemProgress, item_progress, latest_reports
from facilitation.live.changes import Topic, bump
from models import (
    ActionItem,
    CarriedItem,
    Commitment,
    Forum,
    ForumCreate,
    ForumFollowUp,
    ProgressReport,
    ProgressStatus,
    ProgressSubject,
    Stage,
    saved_id,
)

# What the Review screens redraw for, in the forum they show: an item carried (PLAN) and a progress report,
# whose topic is PROGRESS once reports have one (until then PLAN). A report on an earlier forum's item
# reaches its reviewers through `bump_with_reviewers`.
REVIEW_TOPICS: tuple[Topic, ...] = (Topic.PLAN, Topic.PROGRESS)

# The fields a carried item copies from the earlier one: the plan's columns, dates kept.
CARRIED_FIELDS = frozenset(ITEM_FIELDS) - set(LINKS)


def earlier_forum_id(*, session: Session, forum_id: int) -> int | None:
    """The forum this one follows up, or None for an ordinary forum."""
    link = session.get(ForumFollowUp, forum_id)
    return None if link is None else link.earlier_forum_id


def stages_of(*, session: Session, forum_id: int) -> tuple[Stage, ...]:
    """The forum's stages in order: Review first only when it follows up an earlier forum."""
    return stage_order(follow_up=earlier_forum_id(session=session, forum_id=forum_id) is not None)


def start_follow_up(
    *,
    session: Session,
    earlier_forum_id: int,
    title: str,
    forum_date: date,
    venue: str = "",
    creation_key: str | None = None,
) -> CreatedForum:
    """A new forum in the earlier forum's area that follows it up, at its Review stage.

    Made through `create_forum`, so it gets its own join code and facilitator key; a repeated
    `creation_key` (a double tap) returns the forum the first made. An earlier forum that is closed
    can be followed up: that is what the cycle is for.
    """
    earlier = session.get(Forum, earlier_forum_id)
    if earlier is None:
        raise ForumNotFound(id=earlier_forum_id)
    if forum_date < earlier.forum_date:
        # The series reads oldest first: a follow-up dated before its forum would read as its past.
        raise FollowUpBeforeEarlier()
    data = ForumCreate(
        title=title,
        province_code=earlier.province_code,
        district_code=earlier.district_code,
        tambon_code=earlier.tambon_code,
        forum_date=forum_date,
        venue=venue,
        language=earlier.language,
    )
    created = create_forum(session=session, data=data, creation_key=creation_key)
    if not created.created:
        return created
    forum = created.forum
    # The earlier forum's names, as filed: one series reads as one area even if the official names change.
    forum.area_name_th, forum.area_name_en = earlier.area_name_th, earlier.area_name_en
    session.add(forum)
    session.flush()
    session.add(ForumFollowUp(forum_id=saved_id(forum), earlier_forum_id=earlier_forum_id))
    set_stage(session=session, forum=forum, stage=Stage.REVIEW)
    return created


@dataclass(frozen=True)
class ReviewCommitment:
    """A commitment made at the earlier forum, with its owner's newest report (None: never reported)."""

    commitment: CommitmentView
    latest: ProgressReport | None

    @property
    def status(self) -> ProgressStatus:
        return ProgressStatus.NOT_STARTED if self.latest is None else ProgressStatus(self.latest.status)

    @property
    def percent(self) -> int:
        return 0 if self.latest is None else self.latest.percent


@dataclass(frozen=True)
class ReviewItem:
    """An earlier action item as the Review stage shows it."""

    number: int  # its number in the earlier forum's plan
    item: ActionItem
    progress: ItemProgress
    commitments: list[ReviewCommitment]
    carried_into: int | None  # the id of the item it became in this forum's plan, once carried

    @property
    def open(self) -> bool:
        """Neither done nor dropped: it can be carried into the new plan."""
        return self.progress.status not in FINISHED


@dataclass(frozen=True)
class ReviewBoard:
    """What the Review stage shows: the earlier forum's plan with its progress (empty for an ordinary forum)."""

    earlier: Forum | None
    items: list[ReviewItem]

    @property
    def open_items(self) -> list[ReviewItem]:
        return [item for item in self.items if item.open]


def review_board(*, session: Session, forum_id: int) -> ReviewBoard:
    """The earlier forum's action items and commitments with their latest status, in its plan's order."""
    earlier_id = earlier_forum_id(session=session, forum_id=forum_id)
    if earlier_id is None:
        return ReviewBoard(earlier=None, items=[])
    earlier = session.get(Forum, earlier_id)
    rows = plan(session=session, forum_id=earlier_id)
    item_ids = [saved_id(row.item) for row in rows]
    progress = item_progress(session=session, item_ids=item_ids)
    reports = latest_reports(
        session=session,
        subject_kind=ProgressSubject.COMMITMENT,
        subject_ids=[commitment.id for row in rows for commitment in row.commitments],
    )
    carried = dict(
        session.exec(
            select(CarriedItem.earlier_item_id, CarriedItem.action_item_id).where(
                CarriedItem.forum_id == forum_id, col(CarriedItem.earlier_item_id).in_(item_ids)
            )
        ).all()
    )
    items = [
        ReviewItem(
            number=row.number,
            item=row.item,
            progress=progress[saved_id(row.item)],
            commitments=[ReviewCommitment(commitment, reports.get(commitment.id)) for commitment in row.commitments],
            carried_into=carried.get(saved_id(row.item)),
        )
        for row in rows
    ]
    return ReviewBoard(earlier=earlier, items=items)


@dataclass(frozen=True)
class Carried:
    item: ActionItem  # the item in the follow-up's plan
    created: bool  # False: it had been carried already (a double tap, another tab)


def _carried(session: Session, forum_id: int, earlier_item_id: int) -> ActionItem | None:
    found = session.exec(
        select(ActionItem)
        .join(CarriedItem, col(CarriedItem.action_item_id) == ActionItem.id)
        .where(CarriedItem.forum_id == forum_id, CarriedItem.earlier_item_id == earlier_item_id)
    ).first()
    return found


def carry_item(
    *,
    session: Session,
    forum_id: int,
    earlier_item_id: int,
    seen: int | None = None,
    creation_key: str | None = None,
) -> Carried:
    """Copy an open item of the earlier forum into this follow-up's plan (same fields, dates kept).

    Carried once: a second carry of the same item returns the first copy. `seen` is the earlier
    item's version the button was drawn from; an item edited since is refused with StaleEdit.
    The copy's history is the earlier item's reports followed by its own (`item_history`).
    """
    require(session=session, forum_id=forum_id, action=Action.CARRY_ITEM)
    earlier_id = earlier_forum_id(session=session, forum_id=forum_id)
    if earlier_id is None:
        raise NotAFollowUp(id=forum_id)
    if (existing := _carried(session, forum_id, earlier_item_id)) is not None:
        return Carried(existing, created=False)
    earlier = session.get(ActionItem, earlier_item_id)
    if earlier is None or earlier.forum_id != earlier_id or earlier.deleted_at is not None:
        raise ActionItemNotFound(id=earlier_item_id)
    if seen is not None and earlier.version != seen:
        raise StaleEdit(current=earlier)
    if item_progress(session=session, item_ids=[earlier_item_id])[earlier_item_id].status in FINISHED:
        raise ItemNotOpen(activity=earlier.activity)
    item = ActionItem(forum_id=forum_id, creation_key=creation_key, **earlier.model_dump(include=set(CARRIED_FIELDS)))
    try:
        # Both rows or neither: the unique (earlier item, forum) settles a race the forum lock did not.
        with session.begin_nested():
            session.add(item)
            session.flush()
            session.add(CarriedItem(action_item_id=saved_id(item), forum_id=forum_id, earlier_item_id=earlier_item_id))
    except IntegrityError:
        if (existing := _carried(session, forum_id, earlier_item_id)) is not None:
            return Carried(existing, created=False)
        raise
    bump_revision(session=session, forum_id=forum_id)
    bump(session=session, forum_id=forum_id, topics=[Topic.PLAN])
    return Carried(item, created=True)


def carried_chain(*, session: Session, item_id: int) -> list[int]:
    """The item and the items it was carried from, oldest first (`[item_id]` when never carried)."""
    chain = [item_id]
    while (earlier := session.get(CarriedItem, chain[0])) is not None:
        chain.insert(0, earlier.earlier_item_id)
    return chain


def item_history(*, session: Session, item_id: int) -> list[ProgressReport]:
    """Every report on the item and its commitments, oldest first; a carried item's starts with the earlier's."""
    history: list[ProgressReport] = []
    for link in carried_chain(session=session, item_id=item_id):
        committed = session.exec(select(Commitment.id).where(Commitment.action_item_id == link)).all()
        on_item = (col(ProgressReport.subject_kind) == ProgressSubject.ACTION_ITEM) & (
            col(ProgressReport.subject_id) == link
        )
        on_commitment = (col(ProgressReport.subject_kind) == ProgressSubject.COMMITMENT) & col(
            ProgressReport.subject_id
        ).in_(committed)
        history += session.exec(
            select(ProgressReport)
            .where(or_(on_item, on_commitment))
            .order_by(col(ProgressReport.reported_on), col(ProgressReport.id))
        ).all()
    return history


def reviewing_forums(*, session: Session, forum_id: int) -> list[int]:
    """The forums that follow up this one: a report on one of its items changes their Review screens too."""
    return list(session.exec(select(ForumFollowUp.forum_id).where(ForumFollowUp.earlier_forum_id == forum_id)).all())


def bump_with_reviewers(*, session: Session, forum_id: int, topics: Iterable[Topic]) -> None:
    """Bump `topics` of the forum and of every forum reviewing it, inside the caller's transaction."""
    topics = list(topics)
    for each in sorted({forum_id, *reviewing_forums(session=session, forum_id=forum_id)}):
        bump(session=session, forum_id=each, topics=topics)


@dataclass(frozen=True)
class SeriesForum:
    """One forum of a series, as the summary's timeline lists it."""

    forum_id: int
    code: str
    title: str
    forum_date: date
    stage: Stage
    follows: int | None  # the forum it follows up
    items: int  # live action items in its plan
    done: int  # of them, done
    carried: int  # of them, carried in from the forum it follows
    key_opens: bool = False  # the facilitator key given also opens this forum's console


def _linked(session: Session, forum_ids: set[int]) -> list[ForumFollowUp]:
    return list(
        session.exec(
            select(ForumFollowUp).where(
                or_(col(ForumFollowUp.forum_id).in_(forum_ids), col(ForumFollowUp.earlier_forum_id).in_(forum_ids))
            )
        ).all()
    )


def forum_series(*, session: Session, forum_id: int, key: str | None = None) -> list[SeriesForum]:
    """Every forum linked to this one by follow-ups, earlier and later, oldest first.

    A forum nobody followed up and that follows none is a series of one. `key`: a facilitator
    key, to say which of the series' consoles it opens too.
    """
    found, frontier = {forum_id}, {forum_id}
    links: dict[int, int] = {}
    while frontier:  # one query per step along the series, however it branches
        rows = _linked(session, frontier)
        links |= {row.forum_id: row.earlier_forum_id for row in rows}
        reached = {row.forum_id for row in rows} | {row.earlier_forum_id for row in rows}
        frontier = reached - found
        found |= reached
    forums = session.exec(select(Forum).where(col(Forum.id).in_(found))).all()
    if forum_id not in {forum.id for forum in forums}:
        raise ForumNotFound(id=forum_id)
    items = session.exec(
        select(ActionItem.id, ActionItem.forum_id).where(
            col(ActionItem.forum_id).in_(found), col(ActionItem.deleted_at).is_(None)
        )
    ).all()
    progress = item_progress(session=session, item_ids=[item_id for item_id, _ in items if item_id is not None])
    carried = set(session.exec(select(CarriedItem.action_item_id).where(col(CarriedItem.forum_id).in_(found))).all())
    series = []
    for forum in sorted(forums, key=lambda forum: (forum.forum_date, saved_id(forum))):
        mine = [item_id for item_id, owner in items if owner == forum.id and item_id is not None]
        series.append(
            SeriesForum(
                forum_id=saved_id(forum),
                code=forum.code,
                title=forum.title,
                forum_date=forum.forum_date,
                stage=Stage(forum.stage),
                follows=links.get(saved_id(forum)),
                items=len(mine),
                done=sum(progress[item_id].status == ProgressStatus.DONE for item_id in mine),
                carried=sum(item_id in carried for item_id in mine),
                key_opens=token_matches(key, forum.facilitator_token_hash),
            )
        )
    return series
