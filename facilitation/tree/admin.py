"""What a facilitator does to shape the welfare tree: move, categorise, merge, hide, tie and relabel."""

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session, select

from facilitation.core.db import insert_once
from facilitation.core.errors import (
    CannotMerge,
    CannotTie,
    ContributionNotFound,
    DuplicateContribution,
    StaleEdit,
    UnknownTreeLabel,
)
from facilitation.core.text import clean_text
from facilitation.core.versioning import update_if_current
from facilitation.forum.contributions import same_kept
from facilitation.forum.forums import bump_revision
from facilitation.forum.plans import answers_plan
from facilitation.forum.policy import Action, require
from facilitation.live.changes import Topic, bump
from facilitation.tree.categories import ensure_category
from facilitation.tree.data import LABEL_KEYS, PART_OF_KIND
from models import Contribution, ContributionKind, ContributionStatus, Forum, TreeTie, saved_id, utcnow

LABEL_MAX = 40


def _contribution(session: Session, forum_id: int, contribution_id: int) -> Contribution:
    contribution = session.get(Contribution, contribution_id)
    if contribution is None or contribution.forum_id != forum_id or contribution.status != ContributionStatus.VISIBLE:
        raise ContributionNotFound(id=contribution_id)
    return contribution


def _duplicates_of(session: Session, contribution_id: int) -> list[Contribution]:
    return list(session.exec(select(Contribution).where(Contribution.merged_into_id == contribution_id)))


def _save(
    session: Session, forum_id: int, *contributions: Contribution, saved: Sequence[int] = (), kind: bool = False
) -> None:
    """Store `contributions` with new versions; `saved` were stored already, `kind` says a kind changed."""
    for contribution in contributions:
        contribution.updated_at = utcnow()
        # Every change bumps the version, in SQL: a form drawn before it is then refused.
        contribution.version = Contribution.version + 1
        session.add(contribution)
    bump_revision(session=session, forum_id=forum_id)
    _tree_changed(session, forum_id, [*map(saved_id, contributions), *saved], kind=kind)


def _tree_changed(session: Session, forum_id: int, ids: Sequence[int], *, kind: bool = False) -> None:
    # The feed groups posts by kind, so only a kind change redraws it; the plan marks
    # an answer whose version moved, so it redraws when one of these answers an item.
    topics = [Topic.TREE, *([Topic.POSTS] if kind else [])]
    if answers_plan(session=session, contribution_ids=ids):
        topics.append(Topic.PLAN)
    bump(session=session, forum_id=forum_id, topics=topics)


def recategorise(*, session: Session, forum_id: int, contribution_id: int, kind: ContributionKind) -> Contribution:
    """Move a contribution to another kind (a "benefit" that is really a fund), with its merged duplicates."""
    kind = ContributionKind(kind)
    require(session=session, forum_id=forum_id, action=Action.TIDY_TREE)
    contribution = _contribution(session, forum_id, contribution_id)
    if contribution.kind == kind:
        return contribution
    moving = [contribution, *_movable_duplicates(session, contribution, kind)]
    contribution.merged_into_id = None
    for row in moving:
        row.kind = kind
    _save(session, forum_id, *moving, kind=True)
    return contribution


def _movable_duplicates(session: Session, contribution: Contribution, kind: ContributionKind) -> list[Contribution]:
    """The duplicates that move with `contribution` to `kind`; refused if one would clash with its author's post."""
    # Duplicates say the same thing, so they move too; a duplicate moved alone leaves its node.
    duplicates = _duplicates_of(session, saved_id(contribution))
    for row in [contribution, *duplicates]:
        if row.participant_id is None:
            continue
        clash = same_kept(session=session, participant_id=row.participant_id, kind=kind, text=row.text)
        if clash is not None:
            raise DuplicateContribution(id=row.id)
    return duplicates


def set_category(*, session: Session, forum_id: int, contribution_id: int, category: str | None) -> Contribution:
    """Choose a benefit's welfare category (None goes back to the suggestion)."""
    if category is not None:
        ensure_category(category)
    require(session=session, forum_id=forum_id, action=Action.TIDY_TREE)
    contribution = _contribution(session, forum_id, contribution_id)
    contribution.category = category
    _save(session, forum_id, contribution)
    return contribution


def merge(*, session: Session, forum_id: int, keep_id: int, duplicate_ids: list[int]) -> Contribution:
    """Fold duplicates into one node (same forum, same part of the tree); returns the node kept."""
    require(session=session, forum_id=forum_id, action=Action.TIDY_TREE)
    keep = _contribution(session, forum_id, keep_id)
    changed: list[Contribution] = []
    if keep.merged_into_id is not None:
        target = session.get(Contribution, keep.merged_into_id)
        if target is not None and target.forum_id == forum_id and target.status == ContributionStatus.VISIBLE:
            keep = target
        else:  # its node was withdrawn since: `keep` stands on its own again
            keep.merged_into_id = None
            changed.append(keep)
    if keep.kind not in PART_OF_KIND:
        raise CannotMerge(id=keep.id)
    duplicates = []
    for duplicate_id in sorted(set(duplicate_ids) - {keep_id, saved_id(keep)}):
        duplicate = session.get(Contribution, duplicate_id)
        if duplicate is None or duplicate.status != ContributionStatus.VISIBLE:
            raise ContributionNotFound(id=duplicate_id)
        if duplicate.forum_id != forum_id or duplicate.kind != keep.kind:
            raise CannotMerge(id=duplicate_id)
        duplicates.append(duplicate)
    # Re-point what was merged into a duplicate, so every node stays one hop from its duplicates.
    moved = [row for duplicate in duplicates for row in _duplicates_of(session, saved_id(duplicate))]
    for row in [*duplicates, *moved]:
        row.merged_into_id = keep.id
    changed += [*duplicates, *moved]
    if changed:
        _save(session, forum_id, *changed)
    return keep


def unmerge(*, session: Session, forum_id: int, contribution_id: int, version: int) -> Contribution:
    """Split a merged duplicate back out into an item of its own, if it is still at the version shown."""
    require(session=session, forum_id=forum_id, action=Action.TIDY_TREE)
    _contribution(session, forum_id, contribution_id)
    saved = update_if_current(
        session=session,
        table=Contribution,
        row_id=contribution_id,
        seen=version,
        values={"merged_into_id": None},
        missing=ContributionNotFound(id=contribution_id),
    )
    bump_revision(session=session, forum_id=forum_id)
    _tree_changed(session, forum_id, [contribution_id])
    return saved


def set_in_tree(*, session: Session, forum_id: int, contribution_id: int, shown: bool) -> Contribution:
    """Show or hide an item on the tree; it stays in the feed and the summary."""
    require(session=session, forum_id=forum_id, action=Action.TIDY_TREE)
    contribution = _contribution(session, forum_id, contribution_id)
    contribution.in_tree = shown
    _save(session, forum_id, contribution)
    return contribution


def tie(
    *, session: Session, forum_id: int, root_id: int | None, fund_id: int | None, benefit_id: int | None
) -> TreeTie:
    """Tie a root cause, a fund and a benefit (at least two of them) into one path; tying it again returns it."""
    slots = (
        (root_id, ContributionKind.ROOT_CAUSE),
        (fund_id, ContributionKind.FUND),
        (benefit_id, ContributionKind.BENEFIT),
    )
    if sum(1 for contribution_id, _ in slots if contribution_id is not None) < 2:
        raise CannotTie()
    require(session=session, forum_id=forum_id, action=Action.TIDY_TREE)
    for contribution_id, kind in slots:
        if contribution_id is not None and _contribution(session, forum_id, contribution_id).kind != kind:
            raise CannotTie(id=contribution_id)

    def same_path() -> TreeTie | None:
        return session.exec(
            select(TreeTie).where(
                TreeTie.forum_id == forum_id,
                TreeTie.root_id == root_id,  # `== None` is SQL's IS NULL
                TreeTie.fund_id == fund_id,
                TreeTie.benefit_id == benefit_id,
            )
        ).first()

    # Two facilitator tabs tying the same path at once: the unique index uq_treetie_path
    # lets one insert win and the other returns it.
    path = TreeTie(forum_id=forum_id, root_id=root_id, fund_id=fund_id, benefit_id=benefit_id)
    made, created = insert_once(session, path, same_path)
    if created:
        bump_revision(session=session, forum_id=forum_id)
        bump(session=session, forum_id=forum_id, topics=[Topic.TREE])
    return made


def untie(*, session: Session, forum_id: int, tie_id: int) -> None:
    """Remove a tie; one already gone (a double tap) or of another forum is left alone."""
    require(session=session, forum_id=forum_id, action=Action.TIDY_TREE)
    found = session.get(TreeTie, tie_id)
    if found is None or found.forum_id != forum_id:
        return
    session.delete(found)
    bump_revision(session=session, forum_id=forum_id)
    bump(session=session, forum_id=forum_id, topics=[Topic.TREE])


def set_tree_labels(*, session: Session, forum_id: int, labels: dict[str, str]) -> Forum:
    """Override some part labels for this forum; an empty label goes back to the default."""
    unknown = set(labels) - set(LABEL_KEYS)
    if unknown:
        raise UnknownTreeLabel(keys=sorted(unknown))
    cleaned = {
        key: clean_text(value, max_length=LABEL_MAX, required=False, field=f"tree_part_{key}")
        for key, value in labels.items()
    }
    forum = require(session=session, forum_id=forum_id, action=Action.TIDY_TREE)
    # A new dict, not an in-place change: the JSON column only sees reassignment.
    merged = {**(forum.tree_labels or {}), **cleaned}
    forum.tree_labels = {key: merged[key] for key in LABEL_KEYS if merged.get(key)}
    session.add(forum)
    bump_revision(session=session, forum_id=forum_id)
    bump(session=session, forum_id=forum_id, topics=[Topic.TREE])
    return forum


def edit_item(
    *,
    session: Session,
    forum_id: int,
    contribution_id: int,
    version: int,
    kind: ContributionKind | None = None,
    category: str | None = None,
    shown: bool | None = None,
    duplicate_ids: Sequence[int] = (),
) -> Contribution:
    """The tree page's form for one item, as one action: only the fields it changed (None: unchanged)."""
    # Checked here too, so a form sent unchanged from a stale page is refused like any other.
    require(session=session, forum_id=forum_id, action=Action.TIDY_TREE)
    current = _contribution(session, forum_id, contribution_id)
    # category "" goes back to the suggestion; None leaves the category as it is.
    values: dict[str, Any] = {}
    moving: list[Contribution] = []
    if kind is not None and ContributionKind(kind) != current.kind:
        moving = _movable_duplicates(session, current, ContributionKind(kind))
        values |= {"kind": ContributionKind(kind), "merged_into_id": None}
    if category is not None and values.get("kind", current.kind) == ContributionKind.BENEFIT:
        if category:
            ensure_category(category)
        if (category or None) != current.category:
            values["category"] = category or None
    if shown is not None and shown != current.in_tree:
        values["in_tree"] = shown
    if not values and not duplicate_ids:
        # Nothing to write; a form drawn from an older version is still told it was.
        if current.version != version:
            raise StaleEdit(current=current)
        return current
    # The item's own change and the check of the version the form showed are one UPDATE:
    # a form drawn before someone else's save writes nothing.
    saved = update_if_current(
        session=session,
        table=Contribution,
        row_id=contribution_id,
        seen=version,
        values=values,
        missing=ContributionNotFound(id=contribution_id),
    )
    for row in moving:
        row.kind = saved.kind
    _save(session, forum_id, *moving, saved=[contribution_id], kind="kind" in values)
    if duplicate_ids:
        merge(session=session, forum_id=forum_id, keep_id=contribution_id, duplicate_ids=list(duplicate_ids))
    return saved
