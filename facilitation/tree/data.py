"""The welfare tree's data: what sits on the roots, trunk and fruits, and the paths between them."""

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import product
from typing import Any, Literal

from sqlalchemy import Executable, Row
from sqlmodel import Session, select

from facilitation.core.errors import ForumNotFound
from facilitation.core.i18n import t
from facilitation.tree import queries
from facilitation.tree.categories import CATEGORY_KEYS, suggest_category
from facilitation.tree.parts import PART_OF_KIND as PART_OF_KIND
from facilitation.tree.parts import PART_ORDER as PART_ORDER
from facilitation.tree.parts import TreePart as TreePart
from models import ContributionKind, Forum, Sector

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
class Folded:
    """The items of a part a shortened read left out: how many, and their weights added up."""

    count: int
    weight: int


@dataclass(frozen=True)
class TreeData:
    items: tuple[TreeItem, ...]  # by part (roots, trunk, fruits), heaviest first, then id
    paths: tuple[TreePath, ...]  # deduplicated, sorted
    labels: dict[str, str]  # part labels: the forum's override or the catalogue default
    folded: dict[TreePart, Folded] = field(default_factory=dict)  # per part, what tree_data(keep=) left out


def part_labels(overrides: dict[str, str], lang: str) -> dict[str, str]:
    """Every part label in `lang`, the forum's overrides first."""
    return {key: overrides.get(key) or t(LABEL_PREFIX + key, lang) for key in LABEL_KEYS}


def _run(session: Session, statement: Executable, **params: object) -> Sequence[Row[*tuple[Any, ...]]]:
    # Core statements, run on the session's connection: in its transaction, so in the same snapshot.
    return session.connection().execute(statement, params).all()


def _action_paths(session: Session, forum_id: int) -> set[Triple]:
    answers: dict[int, dict[TreePart, set[int]]] = defaultdict(lambda: {"root": set(), "trunk": set(), "fruit": set()})
    for action_item_id, node_id, kind in _run(session, queries.links(), forum_id=forum_id):
        answers[action_item_id][PART_OF_KIND[ContributionKind(kind)]].add(node_id)
    paths: set[Triple] = set()
    for parts in answers.values():
        if sum(1 for ids in parts.values() if ids) < 2:
            continue
        roots, funds, benefits = (sorted(ids) if ids else [None] for ids in parts.values())
        paths.update(product(roots, funds, benefits))
    return paths


def _tie_paths(session: Session, forum_id: int) -> set[Triple]:
    paths: set[Triple] = set()
    for row in _run(session, queries.ties(), forum_id=forum_id):
        # A part since hidden, withdrawn or moved to another part of the tree drops out of the path.
        root, fund, benefit = (
            node_id if kind is not None and PART_OF_KIND[ContributionKind(kind)] == part else None
            for (part, _), node_id, kind in zip(queries.TIED, row[0::2], row[1::2], strict=True)
        )
        if sum(1 for node_id in (root, fund, benefit) if node_id is not None) >= 2:
            paths.add((root, fund, benefit))
    return paths


def _heaviest(
    session: Session, forum_id: int, keep: int, newest_first: bool
) -> tuple[set[int], dict[TreePart, Folded]]:
    """Each part's `keep` heaviest nodes (ties as the layout orders them), and each part's count and weight."""
    merged: dict[TreePart, dict[int, int]] = defaultdict(dict)
    first: dict[TreePart, list[int]] = defaultdict(list)
    counts: dict[TreePart, int] = {}
    for what, node_id, kind, number in _run(session, queries.weights(newest_first), forum_id=forum_id, keep=keep):
        part = PART_OF_KIND[ContributionKind(kind)]
        if what == "merged":
            merged[part][node_id] = number
        elif what == "first":
            first[part].append(node_id)
        else:
            counts[part] = number
    kept: set[int] = set()
    totals: dict[TreePart, Folded] = {}
    # A node without duplicates weighs 1: the part's heaviest are among its merged and its first nodes.
    for part, count in counts.items():
        weights = merged[part]
        candidates = set(weights) | set(first[part])
        order = sorted(
            candidates, key=lambda node_id: (-weights.get(node_id, 1), -node_id if newest_first else node_id)
        )
        kept.update(order[:keep])
        totals[part] = Folded(count, count + sum(weight - 1 for weight in weights.values()))
    return kept, totals


def _item(members: list[Row[*tuple[Any, ...]]]) -> TreeItem:
    """One node from its members' rows (the node's own row among them): who raised it, from which sectors."""
    _, node_id, kind, _, _, text, category = members[0]  # every row carries its node's kind, text and category
    people: dict[int, Sector] = {}
    anonymous = 0
    for _, _, _, participant_id, sector in (row[:5] for row in members):
        if participant_id is None:
            anonymous += 1
        else:
            people[participant_id] = sector
    counts = Counter(sector for sector in people.values() if sector is not None)
    sectors = {sector: counts[sector] for sector in Sector if counts[sector]}
    top = max(sectors.values(), default=0)
    part = PART_OF_KIND[kind]
    if part == "fruit":
        category = category if category in CATEGORY_KEYS else suggest_category(text)
    else:
        category = None
    return TreeItem(
        id=node_id,
        part=part,
        kind=kind,
        text=text,
        weight=len(people) + anonymous,
        sector=next((sector for sector, n in sectors.items() if n == top), None),
        sectors=sectors,
        category=category,
        merged_ids=tuple(row[0] for row in members if row[0] != node_id),
    )


def _folded(items: Sequence[TreeItem], totals: dict[TreePart, Folded]) -> dict[TreePart, Folded]:
    """Per part, what the items read leave of its totals."""
    left = {}
    for part, total in totals.items():
        read = [item.weight for item in items if item.part == part]
        if total.count > len(read):
            left[part] = Folded(total.count - len(read), total.weight - sum(read))
    return left


def _sort_key(path: TreePath) -> tuple[int, ...]:
    return (*(-1 if v is None else v for v in (path.root_id, path.fund_id, path.benefit_id)), path.source == "tie")


def tree_data(
    *, session: Session, forum_id: int, lang: str, keep: int | None = None, newest_first: bool = False
) -> TreeData:
    """The forum's welfare tree: items on each part, weighted by who raised them, and the paths that join them.

    With `keep`, a part holds only its `keep` heaviest items (among equals the newest first when
    `newest_first`, else the oldest) and those on a path; `folded` adds up the rest. A layout
    that shows at most `keep` items per part, in that order, draws the same tree from either read.
    """
    found = session.exec(select(Forum.tree_labels).where(Forum.id == forum_id)).first()
    if found is None:  # tree_labels is never NULL: None means no such forum
        raise ForumNotFound(id=forum_id)
    # The same few statements whatever the forum's size: the database picks and weighs the nodes.
    from_actions = _action_paths(session, forum_id)
    # A path the plan already draws is not drawn twice for a tie.
    from_ties = _tie_paths(session, forum_id) - from_actions
    totals: dict[TreePart, Folded] = {}
    if keep is None:
        rows = _run(session, queries.rows(every=True), forum_id=forum_id)
    else:
        kept, totals = _heaviest(session, forum_id, keep, newest_first)
        kept |= {node_id for path in from_actions | from_ties for node_id in path if node_id is not None}
        rows = _run(session, queries.rows(every=False), forum_id=forum_id, nodes=sorted(kept))
    groups: dict[int, list[Row[*tuple[Any, ...]]]] = defaultdict(list)
    for row in rows:
        groups[row.node_id].append(row)
    items = sorted((_item(group) for group in groups.values()), key=lambda i: (PART_ORDER[i.part], -i.weight, i.id))
    paths = [TreePath(*path, source="action") for path in from_actions]
    paths += [TreePath(*path, source="tie") for path in from_ties]
    return TreeData(
        items=tuple(items),
        paths=tuple(sorted(paths, key=_sort_key)),
        labels=part_labels(dict(found), lang),
        folded=_folded(items, totals),
    )
