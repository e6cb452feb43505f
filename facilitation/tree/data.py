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
    merged_ids: tuple[int, ...]  # duplicates merged into this node; for a theme, every other post it groups
    theme_id: int | None = None  # a theme's node: the theme's posts of this part, `text` its name

    @property
    def posts(self) -> int:
        """How many posts the node stands for: its own, its duplicates, and for a theme all of these."""
        return len(self.merged_ids) + 1

    @property
    def key(self) -> str:
        """The node's key on the drawn tree: its theme and part, or its contribution."""
        return f"theme:{self.theme_id}:{self.part}" if self.theme_id is not None else f"c:{self.id}"


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


def _category(row: Row[*tuple[Any, ...]]) -> str | None:
    """A fruit's branch: the facilitator's choice or the suggestion from its node's text (None off the fruits)."""
    if PART_OF_KIND[row.kind] != "fruit":
        return None
    return row.category if row.category in CATEGORY_KEYS else suggest_category(row.text)


def _item(members: list[Row[*tuple[Any, ...]]]) -> TreeItem:
    """One node from its members' rows (the node's own row among them): who raised it, from which sectors."""
    head = members[0]  # every row carries its node's kind, text and category
    return _weighed(members, node_id=head.node_id, kind=head.kind, text=head.text, category=_category(head))


def _theme_item(nodes: list[list[Row[*tuple[Any, ...]]]]) -> TreeItem:
    """The node of one theme's posts on one part of the tree, from the rows of the nodes it groups."""
    members = sorted((row for rows in nodes for row in rows), key=lambda row: row.id)
    first = min(nodes, key=lambda rows: rows[0].node_id)[0]
    category = None
    if PART_OF_KIND[first.kind] == "fruit":
        # The grouped fruit hangs on the branch most of its posts would hang on alone, so the
        # branches the room sees change the least when the facilitator groups; a tie goes to
        # the branch drawn first (the catalogue's order), whatever order the posts came in.
        votes: Counter[str | None] = Counter()
        for rows in nodes:
            votes[_category(rows[0])] += len(rows)
        top = max(votes.values())
        category = next(key for key in CATEGORY_KEYS if votes[key] == top)
    node_id, kind, name, theme_id = first.node_id, first.kind, first.theme_name, first.theme_id
    return _weighed(members, node_id=node_id, kind=kind, text=name, category=category, theme_id=theme_id)


def _weighed(
    members: list[Row[*tuple[Any, ...]]],
    *,
    node_id: int,
    kind: ContributionKind,
    text: str,
    category: str | None,
    theme_id: int | None = None,
) -> TreeItem:
    """The node standing for `members`, weighed by the distinct people among them and coloured by their sectors."""
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
    return TreeItem(
        id=node_id,
        part=PART_OF_KIND[kind],
        kind=kind,
        text=text,
        weight=len(people) + anonymous,
        sector=next((sector for sector, n in sectors.items() if n == top), None),
        sectors=sectors,
        category=category,
        merged_ids=tuple(row[0] for row in members if row[0] != node_id),
        theme_id=theme_id,
    )


def _folded(items: Sequence[TreeItem], totals: dict[TreePart, Folded]) -> dict[TreePart, Folded]:
    """Per part, what the items read leave of its totals (which leave out the nodes in themes: all are read)."""
    left = {}
    for part, total in totals.items():
        read = [item.weight for item in items if item.part == part and item.theme_id is None]
        if total.count > len(read):
            left[part] = Folded(total.count - len(read), total.weight - sum(read))
    return left


def _grouped(rows: Sequence[Row[*tuple[Any, ...]]]) -> tuple[list[TreeItem], dict[int, int]]:
    """The items the rows make, heaviest first per part, and the item each node is drawn as.

    A node in a theme is drawn in its theme's node for its part; the rest stand on their own.
    """
    nodes: dict[int, list[Row[*tuple[Any, ...]]]] = defaultdict(list)
    for row in rows:
        nodes[row.node_id].append(row)
    themes: dict[tuple[int, TreePart], list[list[Row[*tuple[Any, ...]]]]] = defaultdict(list)
    items: list[TreeItem] = []
    drawn_as: dict[int, int] = {}
    for node_id, members in nodes.items():
        head = members[0]
        if head.theme_id is None:
            items.append(_item(members))
            drawn_as[node_id] = node_id
        else:
            themes[(head.theme_id, PART_OF_KIND[ContributionKind(head.kind)])].append(members)
    for grouped in themes.values():
        item = _theme_item(grouped)
        items.append(item)
        drawn_as |= dict.fromkeys((members[0].node_id for members in grouped), item.id)
    items.sort(key=lambda i: (PART_ORDER[i.part], -i.weight, i.id))
    return items, drawn_as


def _redrawn(path: Triple, drawn_as: dict[int, int]) -> Triple:
    """The path between the items its nodes are drawn as (a theme's node for a node in a theme)."""
    root, fund, benefit = (drawn_as.get(node_id, node_id) if node_id is not None else None for node_id in path)
    return root, fund, benefit


def _sort_key(path: TreePath) -> tuple[int, ...]:
    return (*(-1 if v is None else v for v in (path.root_id, path.fund_id, path.benefit_id)), path.source == "tie")


def tree_data(
    *, session: Session, forum_id: int, lang: str, keep: int | None = None, newest_first: bool = False
) -> TreeData:
    """The forum's welfare tree: items on each part, weighted by who raised them, and the paths that join them.

    With `keep`, a part holds only its `keep` heaviest items (among equals the newest first when
    `newest_first`, else the oldest) and those on a path; `folded` adds up the rest. A layout
    that shows at most `keep` items per part, in that order, draws the same tree from either read.
    The posts of a live theme are one item per part they are on (its name, the people of all of
    them), read in full whatever `keep`; a path to one of them runs to that item.
    """
    found = session.exec(select(Forum.tree_labels).where(Forum.id == forum_id)).first()
    if found is None:  # tree_labels is never NULL: None means no such forum
        raise ForumNotFound(id=forum_id)
    # The same few statements whatever the forum's size: the database picks and weighs the nodes.
    from_actions = _action_paths(session, forum_id)
    from_ties = _tie_paths(session, forum_id)
    totals: dict[TreePart, Folded] = {}
    if keep is None:
        rows = _run(session, queries.rows(every=True), forum_id=forum_id)
    else:
        kept, totals = _heaviest(session, forum_id, keep, newest_first)
        kept |= {node_id for path in from_actions | from_ties for node_id in path if node_id is not None}
        rows = _run(session, queries.rows(every=False), forum_id=forum_id, nodes=sorted(kept))
    items, drawn_as = _grouped(rows)
    from_actions = {_redrawn(path, drawn_as) for path in from_actions}
    # A path the plan already draws is not drawn twice for a tie.
    from_ties = {_redrawn(path, drawn_as) for path in from_ties} - from_actions
    paths = [TreePath(*path, source="action") for path in from_actions]
    paths += [TreePath(*path, source="tie") for path in from_ties]
    return TreeData(
        items=tuple(items),
        paths=tuple(sorted(paths, key=_sort_key)),
        labels=part_labels(dict(found), lang),
        folded=_folded(items, totals),
    )
