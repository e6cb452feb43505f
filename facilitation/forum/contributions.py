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
from facilitation.forum.plans import answers_plan
from facilitation.forum.policy import Action, require
from facilitation.live.changes import Topic, bump
from models import (
    Contribution,
    ContributionCreate,
    ContributionKind,
    ContributionStatus,
    ContributionUpdate,
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


def same_visible(*, session: Session, participant_id: int, kind: ContributionKind, text: str) -> Contribution | None:
    """The author's visible contribution of this kind with exactly this text, if there is one."""
    return session.exec(
        select(Contribution).where(
            Contribution.participant_id == participant_id,
            Contribution.kind == kind,
            Contribution.text == text,
            Contribution.status == ContributionStatus.VISIBLE,
        )
    ).first()


def add_contribution(*, session: Session, participant: Participant, data: ContributionCreate) -> Posted:
    """Post a contribution; posting the same kind and text again returns the first one."""
    text = clean_text(data.text, field="share_text")
    kind = ContributionKind(data.kind)
    require(session=session, forum_id=participant.forum_id, action=Action.POST)
    contribution = Contribution(
        forum_id=participant.forum_id, participant_id=participant.id, kind=kind, text=text, words=list(words_of(text))
    )
    row, created = insert_once(
        session,
        contribution,
        lambda: same_visible(session=session, participant_id=saved_id(participant), kind=kind, text=text),
    )
    if created:
        bump(session=session, forum_id=participant.forum_id, topics=[Topic.POSTS, *_tree_if_drawn([kind])])
    return Posted(row, created=created)


def _tree_if_drawn(kinds: Iterable[ContributionKind]) -> list[Topic]:
    return [Topic.TREE] if any(ContributionKind(kind) in TREE_KINDS for kind in kinds) else []


def _changed_posts(session: Session, forum_id: int, ids: Collection[int], kinds: Iterable[ContributionKind]) -> None:
    """Bump the topics of the screens showing these posts: the feed, the tree if drawn, the plan if answered."""
    plan = [Topic.PLAN] if answers_plan(session=session, contribution_ids=ids) else []
    bump(session=session, forum_id=forum_id, topics=[Topic.POSTS, *_tree_if_drawn(kinds), *plan])


def _own(session: Session, participant: Participant, contribution_id: int) -> Contribution:
    contribution = session.get(Contribution, contribution_id)
    if (
        contribution is None
        or contribution.participant_id != participant.id
        or contribution.status != ContributionStatus.VISIBLE
    ):
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
    """Change the kind or text of one's own visible contribution, if it is still at the version the form showed."""
    require(session=session, forum_id=participant.forum_id, action=Action.EDIT_OWN_POST)
    contribution = _own(session, participant, contribution_id)
    was = ContributionKind(contribution.kind)
    kind = ContributionKind(data.kind) if data.kind is not None else was
    text = clean_text(data.text, field="share_text") if data.text is not None else contribution.text
    clash = same_visible(session=session, participant_id=saved_id(participant), kind=kind, text=text)
    if clash is not None and clash.id != contribution.id:
        raise DuplicateContribution()
    values: dict[str, Any] = {"kind": kind, "text": text, "words": list(words_of(text))}
    if kind != was:
        # Another kind is another part of the tree: a duplicate leaves the node it was
        # folded into and shows as its own item, and a node hands its duplicates on.
        values["merged_into_id"] = None
    saved = update_if_current(
        session=session,
        table=Contribution,
        row_id=contribution_id,
        seen=version,
        values=values,
        missing=ContributionNotFound(id=contribution_id),
    )
    changed = [contribution_id]
    if kind != was:
        changed += hand_on_duplicates(session=session, node=saved, kind=was)
        session.refresh(saved)
    _changed_posts(session, participant.forum_id, changed, {was, kind})
    return saved


def withdraw_contribution(*, session: Session, participant: Participant, contribution_id: int) -> Contribution:
    """Take one's own contribution back (kept, marked withdrawn, shown nowhere); its duplicates stay counted."""
    require(session=session, forum_id=participant.forum_id, action=Action.WITHDRAW_OWN_POST)
    contribution = _own(session, participant, contribution_id)
    # Withdrawing needs no version: whatever changed since, the author wants it gone.
    bump_versions(session=session, ids=[contribution_id], status=ContributionStatus.WITHDRAWN)
    kind = ContributionKind(contribution.kind)
    heirs = hand_on_duplicates(session=session, node=contribution, kind=kind)
    _changed_posts(session, participant.forum_id, [contribution_id, *heirs], [kind])
    session.refresh(contribution)
    return contribution


def my_contributions(*, session: Session, participant: Participant) -> list[Contribution]:
    """One's own visible contributions, newest first."""
    return list(
        session.exec(
            select(Contribution)
            .where(Contribution.participant_id == participant.id, Contribution.status == ContributionStatus.VISIBLE)
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
