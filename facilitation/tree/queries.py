"""The statements the welfare tree's read runs: the database finds, weighs and ranks the nodes.

Each is built once with bound parameters (forum_id, keep, nodes), so SQLAlchemy reuses its
compiled SQL; their number does not depend on the size of the forum.
"""

from collections.abc import Callable
from functools import cache
from typing import Any

from sqlalchemy import (
    CTE,
    BindParameter,
    ColumnElement,
    Executable,
    Integer,
    Subquery,
    and_,
    bindparam,
    case,
    distinct,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import aliased
from sqlmodel import col

from facilitation.tree.parts import PART_OF_KIND
from models import (
    ActionItem,
    ActionItemContribution,
    Contribution,
    ContributionKind,
    ContributionStatus,
    Participant,
    Theme,
    ThemePost,
    TreeTie,
)

FORUM: BindParameter[int] = bindparam("forum_id", type_=Integer)
NODES: BindParameter[Any] = bindparam("nodes", expanding=True)
Among = Callable[[Any], ColumnElement[bool]]


def _on_tree(row: Any) -> ColumnElement[bool]:
    return and_(
        col(row.forum_id) == FORUM,
        col(row.status) == ContributionStatus.VISIBLE,
        col(row.kind).in_(list(PART_OF_KIND)),
    )


def _counts_under(row: Any, node: Any) -> ColumnElement[bool]:
    # A duplicate counts under its node while that node is visible, of the same kind and not merged
    # itself; otherwise (the services hand duplicates on) it stands on its own: no point is dropped.
    return and_(
        col(node.id) == row.merged_into_id,
        col(node.forum_id) == FORUM,
        col(node.status) == ContributionStatus.VISIBLE,
        col(node.kind) == row.kind,
        col(node.merged_into_id).is_(None),
    )


def _themed(node_id: Any) -> ColumnElement[bool]:
    """The contribution `node_id` is in one of the forum's live themes: the tree draws it in its theme's node."""
    found: ColumnElement[bool] = (
        select(col(ThemePost.contribution_id))
        .join(Theme, col(Theme.id) == ThemePost.theme_id)
        .where(
            col(ThemePost.contribution_id) == node_id,
            col(Theme.forum_id) == FORUM,
            col(Theme.dissolved_at).is_(None),
        )
        .exists()
    )
    return found


def _members(among: Among) -> CTE:
    """The forum's contributions on the tree that `among` picks, with the node each counts under."""
    row, node = aliased(Contribution, name="c"), aliased(Contribution, name="n")
    return (
        select(
            col(row.id).label("id"),
            func.coalesce(node.id, row.id).label("node_id"),
            col(row.kind).label("kind"),
            col(row.participant_id).label("participant_id"),
            col(Participant.sector).label("sector"),
        )
        .select_from(row)
        .join(node, _counts_under(row, node), isouter=True)
        .join(Participant, col(Participant.id) == row.participant_id, isouter=True)
        # A node hidden from the tree takes its duplicates with it.
        .where(_on_tree(row), func.coalesce(node.in_tree, row.in_tree).is_(True), among(row))
        .cte("members")
    )


@cache
def links() -> Executable:
    """Each plan item's answers on the tree: (action item, node, kind)."""
    linked = (
        select(col(ActionItemContribution.contribution_id))
        .join(ActionItem)
        .where(col(ActionItem.forum_id) == FORUM, col(ActionItem.deleted_at).is_(None))
    )
    members = _members(lambda row: col(row.id).in_(linked))
    return (
        select(col(ActionItemContribution.action_item_id), members.c.node_id, members.c.kind)
        .join(ActionItem)
        .join(members, members.c.id == ActionItemContribution.contribution_id)
        .where(col(ActionItem.forum_id) == FORUM, col(ActionItem.deleted_at).is_(None))
    )


TIED = (("root", col(TreeTie.root_id)), ("trunk", col(TreeTie.fund_id)), ("fruit", col(TreeTie.benefit_id)))


@cache
def ties() -> Executable:
    """Each tie's three ends as (node, kind) pairs, None where the end is empty or off the tree."""
    tied = union_all(*(select(column).where(col(TreeTie.forum_id) == FORUM) for _, column in TIED))
    members = _members(lambda row: col(row.id).in_(tied))
    ends = {part: members.alias(f"tie_{part}") for part, _ in TIED}
    query = select(*(column for end in ends.values() for column in (end.c.node_id, end.c.kind))).select_from(TreeTie)
    for part, column in TIED:
        query = query.join(ends[part], ends[part].c.id == column, isouter=True)
    return query.where(col(TreeTie.forum_id) == FORUM)


def _alone(own: Any, other: Any) -> ColumnElement[bool]:
    """`own`, outer-joined to `other` on _counts_under, is on the tree as a node of its own, in no theme."""
    return and_(_on_tree(own), col(other.id).is_(None), col(own.in_tree).is_(True), ~_themed(own.id))


def _first(kind: ContributionKind, newest_first: bool) -> Subquery:
    """The kind's first nodes by id, as many as are kept: on SQLite the forum's index walks them in order."""
    own, other = aliased(Contribution), aliased(Contribution)
    return (
        select(literal("first"), col(own.id), col(own.kind), literal(1))
        .select_from(own)
        .join(other, _counts_under(own, other), isouter=True)
        .where(_alone(own, other), col(own.kind) == kind)
        .order_by(col(own.id).desc() if newest_first else col(own.id).asc())
        .limit(bindparam("keep"))
        .subquery()
    )


@cache
def weights(newest_first: bool) -> Executable:
    """What ranking the nodes needs, as (what, node, kind, number) rows.

    A node without duplicates weighs 1, so a part's heaviest nodes are among its nodes with
    duplicates ("merged", with their weights) and its first nodes by id ("first", as many as
    are kept, newest or oldest first); "count" rows give each part's number of nodes.
    Nodes in a theme are left out: `rows` reads every one of them, for their theme's node.
    """
    row, node = aliased(Contribution, name="c"), aliased(Contribution, name="n")
    duplicates = (
        select(col(node.id).label("node_id"), col(row.participant_id).label("participant_id"))
        .select_from(row)
        .join(node, and_(_counts_under(row, node), col(node.in_tree).is_(True), ~_themed(node.id)))
        .where(_on_tree(row), col(row.merged_into_id).is_not(None))
        .cte("duplicates")
    )
    heads = select(col(Contribution.id), col(Contribution.participant_id)).where(
        col(Contribution.id).in_(select(duplicates.c.node_id))
    )
    people = union_all(select(duplicates.c.node_id, duplicates.c.participant_id), heads).subquery("people")
    weight = func.count(distinct(people.c.participant_id)) + func.sum(
        case((people.c.participant_id.is_(None), 1), else_=0)
    )
    merged = (
        select(literal("merged").label("what"), people.c.node_id, col(Contribution.kind), weight)
        .join(Contribution, col(Contribution.id) == people.c.node_id)
        .group_by(people.c.node_id, col(Contribution.kind))
    )
    own, other = aliased(Contribution), aliased(Contribution)
    count = (
        select(literal("count"), literal(0), col(own.kind), func.count())
        .select_from(own)
        .join(other, _counts_under(own, other), isouter=True)
        .where(_alone(own, other))
        .group_by(own.kind)
    )
    first = [_first(kind, newest_first) for kind in PART_OF_KIND]
    return union_all(merged, *(select(*part.c) for part in first), count)


@cache
def rows(every: bool) -> Executable:
    """The members of the nodes asked for and of every node in a theme (or of every node), with their
    node's text, category and theme (id and name, None when in no theme)."""

    def asked(row: Any) -> ColumnElement[bool]:
        return or_(
            col(row.id).in_(NODES),
            col(row.merged_into_id).in_(NODES),
            _themed(row.id),
            and_(col(row.merged_into_id).is_not(None), _themed(row.merged_into_id)),
        )

    members = _members((lambda row: true()) if every else asked)
    node = aliased(Contribution, name="node")
    # A live theme's posts are keyed by the post: one row at most per node.
    grouped = (
        select(col(ThemePost.contribution_id), col(Theme.id), col(Theme.name))
        .join(Theme, col(Theme.id) == ThemePost.theme_id)
        .where(col(Theme.forum_id) == FORUM, col(Theme.dissolved_at).is_(None))
        .subquery("grouped")
    )
    query = (
        select(
            members.c.id,
            members.c.node_id,
            members.c.kind,
            members.c.participant_id,
            members.c.sector,
            col(node.text),
            col(node.category),
            grouped.c.id.label("theme_id"),
            grouped.c.name.label("theme_name"),
        )
        .join(node, col(node.id) == members.c.node_id)
        .join(grouped, grouped.c.contribution_id == members.c.node_id, isouter=True)
    )
    if not every:
        query = query.where(or_(members.c.node_id.in_(NODES), grouped.c.id.is_not(None)))
    return query.order_by(members.c.id)
