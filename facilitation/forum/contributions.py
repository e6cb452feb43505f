"""Share: what participants raise, and how they edit or withdraw their own."""

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from facilitation.core.db import insert_once
from facilitation.core.errors import ContributionNotFound, DuplicateContribution
from facilitation.core.text import clean_text
from facilitation.core.versioning import update_if_current
from facilitation.core.words import words_of
from facilitation.forum.moderation_log import record
from facilitation.forum.moderation_rules import Hold, hold_for
from facilitation.forum.plans import answers_plan
from facilitation.forum.policy import Action, require
from facilitation.forum.themes import in_a_theme
from facilitation.live.changes import Topic, bump
from models import (
    Contribution,
    ContributionCreate,
    ContributionKind,
    ContributionStatus,
    ContributionUpdate,
    ModerationAction,
    Participant,
    RegisteredPerson,
    Sector,
    TreeTie,
    saved_id,
    utcnow,
)

TIE_COLUMNS = ("root_id", "fund_id", "benefit_id")
# The kinds the welfare tree draws (tree.data.PART_OF_KIND, which this capability cannot import).
TREE_KINDS = frozenset({ContributionKind.ROOT_CAUSE, ContributionKind.FUND, ContributionKind.BENEFIT})
# Kept: the statuses that hold an author's words (the double-tap index counts them); only a
# withdrawal frees them. Its author may edit a post showing or waiting, not one hidden.
KEPT = (ContributionStatus.VISIBLE, ContributionStatus.PENDING, ContributionStatus.HIDDEN)
EDITABLE = (ContributionStatus.VISIBLE, ContributionStatus.PENDING)


@dataclass(frozen=True)
class Posted:
    contribution: Contribution
    created: bool  # False when the same text was already there (a double tap, a resubmit)


@dataclass(frozen=True)
class FeedItem:
    id: int
    kind: ContributionKind
    text: str
    sector: Sector | None
    author: str
    organisation: str
    # Typed at the console for someone registered without a phone: lists mark it so.
    by_facilitator: bool = False


def same_kept(*, session: Session, participant_id: int, kind: ContributionKind, text: str) -> Contribution | None:
    """The author's kept contribution (showing, waiting or hidden) of this kind with exactly this text, if any."""
    return session.exec(
        select(Contribution).where(
            Contribution.participant_id == participant_id,
            Contribution.kind == kind,
            Contribution.text == text,
            col(Contribution.status).in_(KEPT),
        )
    ).first()


def _hidden_twin(session: Session, participant_id: int, text: str) -> Contribution | None:
    # A post the facilitator hid is not sent again under another kind either: that would
    # put the same words back on the wall with one tap.
    return session.exec(
        select(Contribution).where(
            Contribution.participant_id == participant_id,
            Contribution.text == text,
            Contribution.status == ContributionStatus.HIDDEN,
        )
    ).first()


def add_contribution(*, session: Session, participant: Participant, data: ContributionCreate) -> Posted:
    """Post a contribution; posting the same kind and text again returns the first one.

    The post waits for the facilitator (status pending) when the forum approves every post
    first or the word filter matches it. The first one returned may be pending or hidden:
    the caller tells the person so.
    """
    text = clean_text(data.text, field="share_text")
    kind = ContributionKind(data.kind)
    require(session=session, forum_id=participant.forum_id, action=Action.POST)
    author = saved_id(participant)
    twin = same_kept(session=session, participant_id=author, kind=kind, text=text) or _hidden_twin(
        session, author, text
    )
    if twin is not None:
        return Posted(twin, created=False)
    hold = hold_for(session=session, forum_id=participant.forum_id, text=text)
    contribution = Contribution(
        forum_id=participant.forum_id,
        participant_id=participant.id,
        kind=kind,
        text=text,
        words=list(words_of(text)),
        status=ContributionStatus.VISIBLE if hold is None else ContributionStatus.PENDING,
    )
    row, created = insert_once(
        session, contribution, lambda: same_kept(session=session, participant_id=author, kind=kind, text=text)
    )
    if created and hold is not None:
        _held(session, row, hold)
    elif created:
        bump(session=session, forum_id=participant.forum_id, topics=[Topic.POSTS, *_tree_if_drawn([kind])])
    return Posted(row, created=created)


def _held(session: Session, post: Contribution, hold: Hold) -> None:
    """`post` went to the queue: the log says why, and the console's queue follows."""
    session.flush()
    record(
        session=session,
        forum_id=post.forum_id,
        action=ModerationAction.HELD,
        by_role=hold.by,
        post=post,
        detail=", ".join(hold.words),
    )
    bump(session=session, forum_id=post.forum_id, topics=[Topic.QUEUE])


def _tree_if_drawn(kinds: Iterable[ContributionKind]) -> list[Topic]:
    return [Topic.TREE] if any(ContributionKind(kind) in TREE_KINDS for kind in kinds) else []


def _changed_posts(*, session: Session, forum_id: int, ids: Collection[int], kinds: Iterable[ContributionKind]) -> None:
    bump(session=session, forum_id=forum_id, topics=posts_topics(session=session, ids=ids, kinds=kinds))


def posts_topics(*, session: Session, ids: Collection[int], kinds: Iterable[ContributionKind]) -> list[Topic]:
    """The topics of the screens showing these posts: the feed, the tree if drawn, the plan if answered,
    the themes if grouped."""
    plan = [Topic.PLAN] if answers_plan(session=session, contribution_ids=ids) else []
    themes = [Topic.THEMES] if in_a_theme(session=session, contribution_ids=ids) else []
    return [Topic.POSTS, *_tree_if_drawn(kinds), *plan, *themes]


def _own(
    session: Session, participant: Participant, contribution_id: int, statuses: Collection[ContributionStatus]
) -> Contribution:
    contribution = session.get(Contribution, contribution_id)
    if contribution is None or contribution.participant_id != participant.id or contribution.status not in statuses:
        raise ContributionNotFound(id=contribution_id)
    return contribution


def bump_versions(*, session: Session, ids: list[int], **values: Any) -> None:
    """Write `values` to these contributions and bump their versions, in SQL."""
    if ids:
        statement = (
            update(Contribution)
            .where(col(Contribution.id).in_(ids))
            .values(**values, version=Contribution.version + 1, updated_at=utcnow())
        )
        session.execute(statement)


def _repoint_ties(session: Session, old_id: int, new_id: int) -> None:
    for tie in session.exec(
        select(TreeTie).where(
            (TreeTie.root_id == old_id) | (TreeTie.fund_id == old_id) | (TreeTie.benefit_id == old_id)
        )
    ):
        ends = {name: new_id if getattr(tie, name) == old_id else getattr(tie, name) for name in TIE_COLUMNS}
        twin = session.exec(
            select(TreeTie).where(
                TreeTie.forum_id == tie.forum_id, *(getattr(TreeTie, name) == ends[name] for name in TIE_COLUMNS)
            )
        ).first()
        if twin is not None:  # the heir already has this path: one row per path
            session.delete(tie)
        else:
            for name, value in ends.items():
                setattr(tie, name, value)
            session.add(tie)
    session.flush()


def hand_on_duplicates(*, session: Session, node: Contribution, kind: ContributionKind) -> list[int]:
    """`node` leaves its place on the tree: its oldest visible duplicate of `kind` becomes the node of the rest.

    Returns the ids of the duplicates it changed.
    """
    duplicates = list(
        session.exec(
            select(Contribution)
            .where(
                Contribution.merged_into_id == node.id,
                Contribution.kind == kind,
                Contribution.status == ContributionStatus.VISIBLE,
            )
            .order_by(col(Contribution.id))
        )
    )
    if not duplicates:
        return []
    heir, *rest = duplicates
    heir_id = saved_id(heir)
    # The node's place (its branch, shown or hidden) is the facilitator's choice for the
    # whole group, so the heir takes it; the other duplicates stay one hop from their node.
    bump_versions(
        session=session,
        ids=[heir_id],
        merged_into_id=None,
        category=node.category if node.category is not None else heir.category,
        in_tree=node.in_tree,
    )
    bump_versions(session=session, ids=[saved_id(row) for row in rest], merged_into_id=heir_id)
    _repoint_ties(session, saved_id(node), heir_id)
    session.expire_all()
    return [saved_id(row) for row in duplicates]


def edit_contribution(
    *, session: Session, participant: Participant, contribution_id: int, version: int, data: ContributionUpdate
) -> Contribution:
    """Change the kind or text of one's own contribution (showing or waiting), if it is at the version the form showed.

    New words are judged again: a showing post whose new text the filter matches, or in a
    forum that approves every post first, waits for the facilitator again.
    """
    require(session=session, forum_id=participant.forum_id, action=Action.EDIT_OWN_POST)
    contribution = _own(session, participant, contribution_id, EDITABLE)
    was, was_status = ContributionKind(contribution.kind), ContributionStatus(contribution.status)
    kind = ContributionKind(data.kind) if data.kind is not None else was
    text = clean_text(data.text, field="share_text") if data.text is not None else contribution.text
    clash = same_kept(session=session, participant_id=saved_id(participant), kind=kind, text=text)
    if clash is not None and clash.id != contribution.id:
        raise DuplicateContribution()
    values: dict[str, Any] = {"kind": kind, "text": text, "words": list(words_of(text))}
    if kind != was:
        # Another kind is another part of the tree: a duplicate leaves the node it was
        # folded into and shows as its own item, and a node hands its duplicates on.
        values["merged_into_id"] = None
    hold = None
    if was_status == ContributionStatus.VISIBLE and text != contribution.text:
        hold = hold_for(session=session, forum_id=participant.forum_id, text=text)
        if hold is not None:
            values["status"] = ContributionStatus.PENDING
    saved = update_if_current(
        session=session,
        table=Contribution,
        row_id=contribution_id,
        seen=version,
        values=values,
        missing=ContributionNotFound(id=contribution_id),
    )
    changed = [contribution_id]
    if kind != was or hold is not None:
        # Off the tree (another part, or waiting): its duplicates count under one of their own.
        changed += hand_on_duplicates(session=session, node=saved, kind=was)
        session.refresh(saved)
    if hold is not None:
        _held(session, saved, hold)
    if was_status == ContributionStatus.PENDING:
        # It shows nowhere yet; its new words are the facilitator's to judge, in the queue.
        bump(session=session, forum_id=participant.forum_id, topics=[Topic.QUEUE])
    else:
        _changed_posts(session=session, forum_id=participant.forum_id, ids=changed, kinds={was, kind})
    return saved


def withdraw_contribution(*, session: Session, participant: Participant, contribution_id: int) -> Contribution:
    """Take one's own contribution back (kept, marked withdrawn, shown nowhere); its duplicates stay counted.

    A waiting or hidden post may be withdrawn too: its words are then free to be sent again.
    """
    require(session=session, forum_id=participant.forum_id, action=Action.WITHDRAW_OWN_POST)
    contribution = _own(session, participant, contribution_id, KEPT)
    status = ContributionStatus(contribution.status)
    # Withdrawing needs no version: whatever changed since, the author wants it gone.
    bump_versions(session=session, ids=[contribution_id], status=ContributionStatus.WITHDRAWN)
    kind = ContributionKind(contribution.kind)
    heirs = hand_on_duplicates(session=session, node=contribution, kind=kind)
    if status == ContributionStatus.VISIBLE:
        _changed_posts(session=session, forum_id=participant.forum_id, ids=[contribution_id, *heirs], kinds=[kind])
    else:  # it showed nowhere but on the author's phone, the console's moderation tab and the plan's marks
        plan = [Topic.PLAN] if answers_plan(session=session, contribution_ids=[contribution_id]) else []
        bump(session=session, forum_id=participant.forum_id, topics=[Topic.QUEUE, *plan])
    session.refresh(contribution)
    return contribution


def my_contributions(*, session: Session, participant: Participant) -> list[Contribution]:
    """One's own contributions, showing, waiting or hidden by the facilitator (not withdrawn), newest first."""
    return list(
        session.exec(
            select(Contribution)
            .where(Contribution.participant_id == participant.id, col(Contribution.status).in_(KEPT))
            .order_by(col(Contribution.id).desc())
        )
    )


def feed(*, session: Session, forum_id: int) -> dict[ContributionKind, list[FeedItem]]:
    """Every visible contribution of a forum, newest first, grouped by kind (all kinds present)."""
    rows = session.exec(
        select(Contribution, Participant, RegisteredPerson.participant_id)
        .select_from(Contribution)
        .join(Participant, col(Participant.id) == Contribution.participant_id, isouter=True)
        .join(RegisteredPerson, col(RegisteredPerson.participant_id) == Contribution.participant_id, isouter=True)
        .where(Contribution.forum_id == forum_id, Contribution.status == ContributionStatus.VISIBLE)
        .order_by(col(Contribution.id).desc())
    ).all()
    grouped: dict[ContributionKind, list[FeedItem]] = defaultdict(list)
    for contribution, author, registered in rows:
        grouped[ContributionKind(contribution.kind)].append(
            FeedItem(
                id=saved_id(contribution),
                kind=ContributionKind(contribution.kind),
                text=contribution.text,
                sector=Sector(author.sector) if author else None,
                author=author.display_name if author else "",
                organisation=author.organisation if author else "",
                by_facilitator=registered is not None,
            )
        )
    return {kind: grouped.get(kind, []) for kind in ContributionKind}
