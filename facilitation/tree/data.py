"""The welfare tree's data: what sits on the roots, trunk and fruits, and the paths between them."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import product
from typing import Literal

from sqlmodel import Session, col, select

from facilitation.core.errors import ForumNotFound
from facilitation.core.i18n import t
from facilitation.tree.categories import CATEGORY_KEYS, suggest_category
from models import (
    ActionItem,
    ActionItemContribution,
    Contribution,
    ContributionKind,
    ContributionStatus,
    Forum,
    Participant,
    Sector,
    TreeTie,
    saved_id,
)

TreePart = Literal["root", "trunk", "fruit"]
PART_OF_KIND: dict[ContributionKind, TreePart] = {
    ContributionKind.ROOT_CAUSE: "root",
    ContributionKind.FUND: "trunk",
    ContributionKind.BENEFIT: "fruit",
}
PART_ORDER: dict[TreePart, int] = {"root": 0, "trunk": 1, "fruit": 2}
LABEL_KEYS = ("roots", "trunk", "branches", "fruits", "leaves")
LABEL_PREFIX = "tree_part_"
Triple = tuple[int | None, int | None, int | None]  # root, fund, benefit


@dataclass(frozen=True)
class TreeItem:
    id: int  # the node's contribution id (the kept one when duplicates were merged)
    part: TreePart
    kind: ContributionKind
    text: str
    weight: int  # distinct people who raised it, merged duplicates included (>= 1)
    sector: Sector | None  # most common sector among them (ties: first in Sector order); None if no author
    sectors: dict[Sector, int]
    category: str | None  # fruits only: the facilitator's choice or the suggestion
    merged_ids: tuple[int, ...]  # duplicates merged into this node


@dataclass(frozen=True)
class TreePath:
    root_id: int | None
    fund_id: int | None
    benefit_id: int | None
    source: Literal["action", "tie"]


@dataclass(frozen=True)
class TreeData:
    items: tuple[TreeItem, ...]  # by part (roots, trunk, fruits), heaviest first, then id
    paths: tuple[TreePath, ...]  # deduplicated, sorted
    labels: dict[str, str]  # part labels: the forum's override or the catalogue default


@dataclass(frozen=True)
class _Row:
    id: int
    kind: ContributionKind
    text: str
    participant_id: int | None
    merged_into_id: int | None
    in_tree: bool
    category: str | None
    sector: Sector | None


def part_labels(overrides: dict[str, str], lang: str) -> dict[str, str]:
    """Every part label in `lang`, the forum's overrides first."""
    return {key: overrides.get(key) or t(LABEL_PREFIX + key, lang) for key in LABEL_KEYS}


def _rows(session: Session, forum_id: int) -> dict[int, _Row]:
    query = (
        select(Contribution, Participant.sector)
        .join(Participant, isouter=True)
        .where(
            Contribution.forum_id == forum_id,
            Contribution.status == ContributionStatus.VISIBLE,
            col(Contribution.kind).in_(list(PART_OF_KIND)),
        )
    )
    rows = {}
    for contribution, sector in session.exec(query):
        row_id = saved_id(contribution)
        rows[row_id] = _Row(
            id=row_id,
            kind=ContributionKind(contribution.kind),
            text=contribution.text,
            participant_id=contribution.participant_id,
            merged_into_id=contribution.merged_into_id,
            in_tree=contribution.in_tree,
            category=contribution.category,
            sector=Sector(sector) if sector is not None else None,
        )
    return rows


def _node(row: _Row, rows: dict[int, _Row]) -> _Row:
    """The row a contribution counts under: its node, or itself when that node is gone."""
    target = rows.get(row.merged_into_id) if row.merged_into_id is not None else None
    # A node withdrawn or moved to another kind leaves its duplicates standing on their own
    # (the services hand them on to one of them): people's points are never dropped.
    if target is None or target.kind != row.kind or target.merged_into_id is not None:
        return row
    return target


def _groups(rows: dict[int, _Row]) -> dict[int, list[_Row]]:
    """Node id → the node's row followed by the duplicates folded into it."""
    nodes = {row.id: _node(row, rows) for row in rows.values()}
    # A node hidden from the tree takes its duplicates with it.
    groups = {node.id: [node] for node in nodes.values() if node.in_tree}
    for row in sorted(rows.values(), key=lambda r: r.id):
        node = nodes[row.id]
        if node.id != row.id and node.id in groups:
            groups[node.id].append(row)
    return groups


def _item(members: list[_Row]) -> TreeItem:
    node = members[0]
    people = {row.participant_id: row.sector for row in members if row.participant_id is not None}
    anonymous = sum(1 for row in members if row.participant_id is None)
    counts = Counter(sector for sector in people.values() if sector is not None)
    sectors = {sector: counts[sector] for sector in Sector if counts[sector]}
    top = max(sectors.values(), default=0)
    part = PART_OF_KIND[node.kind]
    category = None
    if part == "fruit":
        category = node.category if node.category in CATEGORY_KEYS else suggest_category(node.text)
    return TreeItem(
        id=node.id,
        part=part,
        kind=node.kind,
        text=node.text,
        weight=len(people) + anonymous,
        sector=next((sector for sector, n in sectors.items() if n == top), None),
        sectors=sectors,
        category=category,
        merged_ids=tuple(sorted(row.id for row in members[1:])),
    )


def _action_paths(session: Session, forum_id: int, node_of: dict[int, TreeItem]) -> set[Triple]:
    links = session.exec(
        select(ActionItemContribution.action_item_id, ActionItemContribution.contribution_id)
        .join(ActionItem)
        .where(ActionItem.forum_id == forum_id, col(ActionItem.deleted_at).is_(None))
    )
    answers: dict[int, dict[TreePart, set[int]]] = defaultdict(lambda: {"root": set(), "trunk": set(), "fruit": set()})
    for action_item_id, contribution_id in links:
        node = node_of.get(contribution_id)
        if node is not None:
            answers[action_item_id][node.part].add(node.id)
    paths: set[Triple] = set()
    for parts in answers.values():
        if sum(1 for ids in parts.values() if ids) < 2:
            continue
        roots, funds, benefits = (sorted(ids) if ids else [None] for ids in parts.values())
        paths.update(product(roots, funds, benefits))
    return paths


def _tie_paths(session: Session, forum_id: int, node_of: dict[int, TreeItem]) -> set[Triple]:
    paths: set[Triple] = set()
    for tie in session.exec(select(TreeTie).where(TreeTie.forum_id == forum_id)):
        path: list[int | None] = []
        for part, contribution_id in (("root", tie.root_id), ("trunk", tie.fund_id), ("fruit", tie.benefit_id)):
            node = node_of.get(contribution_id) if contribution_id is not None else None
            # A part since hidden, withdrawn or moved to another part of the tree drops out of the path.
            path.append(node.id if node is not None and node.part == part else None)
        root, fund, benefit = path
        if sum(1 for node_id in path if node_id is not None) >= 2:
            paths.add((root, fund, benefit))
    return paths


def _sort_key(path: TreePath) -> tuple[int, ...]:
    return (*(-1 if v is None else v for v in (path.root_id, path.fund_id, path.benefit_id)), path.source == "tie")


def tree_data(*, session: Session, forum_id: int, lang: str) -> TreeData:
    """The forum's welfare tree: items on each part, weighted by who raised them, and the paths that join them."""
    forum = session.get(Forum, forum_id)
    if forum is None:
        raise ForumNotFound(id=forum_id)
    rows = _rows(session, forum_id)
    groups = _groups(rows)
    items = sorted((_item(members) for members in groups.values()), key=lambda i: (PART_ORDER[i.part], -i.weight, i.id))
    node_of = {row.id: item for item in items for row in groups[item.id]}
    from_actions = _action_paths(session, forum_id, node_of)
    # A path the plan already draws is not drawn twice for a tie.
    from_ties = _tie_paths(session, forum_id, node_of) - from_actions
    paths = [TreePath(*path, source="action") for path in from_actions]
    paths += [TreePath(*path, source="tie") for path in from_ties]
    return TreeData(
        items=tuple(items),
        paths=tuple(sorted(paths, key=_sort_key)),
        labels=part_labels(forum.tree_labels or {}, lang),
    )
