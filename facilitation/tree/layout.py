"""Where each part of the welfare tree goes: a pure, deterministic layout.

Positions are pixels of a fixed canvas (origin bottom-left, y up), so the Plotly
figure, a later PDF export and the tests share one geometry. Every node owns a
slot of a grid; its marker and label stay inside the slot, so labels never overlap.
Each part takes the largest text that fits its items; the canvas grows taller only
when even the smallest text does not fit.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from itertools import groupby
from math import ceil, sqrt
from typing import Literal

from facilitation.present.thai_wrap import display_width, wrap_label
from facilitation.tree.data import TreeData, TreeItem

CAP_PER_PART = 60
GUTTER = 130.0  # left margin for the part captions
MARGIN = 12.0
MORE = "__more__"
NodePart = Literal["root", "trunk", "branch", "fruit"]


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    def overlaps(self, other: "Box") -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1


@dataclass(frozen=True)
class Density:
    font_px: int
    columns: int  # label width in text columns
    lines: int

    @property
    def char_px(self) -> float:
        return 0.62 * self.font_px  # a little wider than Thai and Latin glyphs average

    @property
    def line_px(self) -> float:
        return 1.45 * self.font_px  # Thai stacks vowels and tone marks above and below

    @property
    def marker_max(self) -> float:
        return 2.0 * self.font_px

    @property
    def slot_w(self) -> float:
        return self.columns * self.char_px + self.marker_max + 16

    @property
    def slot_h(self) -> float:
        return max(self.lines * self.line_px, self.marker_max) + 10


# Largest text first; at each size, narrower labels before a smaller size, since
# projector distance punishes small text more than an extra line.
DENSITIES = tuple(
    Density(font, columns, 3 if font >= 13 else 2)
    for font in (18, 16, 14, 13, 12, 11, 10)
    for columns in (16, 13, 11, 9)
)


@dataclass(frozen=True)
class PlacedNode:
    key: str  # "c:<id>", "branch:<category>", "more:<part>"
    part: NodePart
    item: TreeItem | None
    x: float  # marker centre
    y: float
    marker_px: float
    lines: tuple[str, ...]
    font_px: int
    box: Box  # marker and label together
    weight: int
    hidden_count: int = 0  # for a "+N more" node: how many items it stands for


@dataclass(frozen=True)
class Edge:
    kind: Literal["root", "branch", "path"]
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class TreeLayout:
    width: float
    height: float
    ground_y: float
    crown_y: float
    trunk_x: float
    trunk: Box
    crown: Box
    nodes: tuple[PlacedNode, ...]
    edges: tuple[Edge, ...]

    def node(self, key: str) -> PlacedNode | None:
        return next((node for node in self.nodes if node.key == key), None)


def _center_out(count: int) -> list[int]:
    return sorted(range(count), key=lambda i: (abs(i - (count - 1) / 2), i))


def _row(cx: float, top: float, count: int, density: Density) -> list[Box]:
    left = cx - count * density.slot_w / 2
    slots = [
        Box(left + i * density.slot_w, top - density.slot_h, left + (i + 1) * density.slot_w, top) for i in range(count)
    ]
    return [slots[i] for i in _center_out(count)]


def _grid(region: Box, cx: float, count: int, density: Density) -> list[Box] | None:
    """Slots for `count` nodes in rows from the region's top, each row centred on `cx`."""
    half = min(cx - region.x0, region.x1 - cx)
    columns, rows = int(2 * half // density.slot_w), int((region.y1 - region.y0) // density.slot_h)
    if columns * rows < count:
        return None
    slots: list[Box] = []
    for row in range(ceil(count / columns) if count else 0):
        slots += _row(cx, region.y1 - row * density.slot_h, min(columns, count - row * columns), density)
    return slots


def _tiers(widths: list[int], columns: int) -> list[list[int]]:
    """Sector indices packed left to right into tiers of at most `columns` slot columns."""
    tiers: list[list[int]] = [[]]
    used = 0
    for index, width in enumerate(widths):
        if tiers[-1] and used + width > columns:
            tiers.append([])
            used = 0
        tiers[-1].append(index)
        used += width
    return tiers


def _crown(region: Box, cx: float, groups: list[tuple[str, int]], density: Density) -> dict[str, list[Box]] | None:
    """Per category: its branch slot (first) and fruit slots above it, sectors side by side.

    When the branches do not fit side by side, their sectors wrap into tiers, one above
    the other, each tier with its own row of branch labels.
    """
    columns = int((region.x1 - region.x0) // density.slot_w)
    rows = int((region.y1 - region.y0) // density.slot_h)
    if not groups:
        return {}
    # The lowest canopy that fits spreads the fruits wide, like a crown.
    for height in range(1, rows):
        widths = [max(1, ceil(count / height)) for _, count in groups]
        if max(widths) > columns:
            continue
        tiers = _tiers(widths, columns)
        if len(tiers) * (height + 1) <= rows:
            break
    else:
        return None
    sectors: dict[str, list[Box]] = {}
    for tier_index, tier in enumerate(tiers):
        base = region.y0 + tier_index * (height + 1) * density.slot_h
        left = cx - sum(widths[i] for i in tier) * density.slot_w / 2
        for index in tier:
            (category, count), width = groups[index], widths[index]
            sector_cx = left + width * density.slot_w / 2
            branch = _row(sector_cx, base + density.slot_h, 1, density)
            fruits: list[Box] = []
            for row in range(ceil(count / width)):
                fruits += _row(sector_cx, base + (row + 2) * density.slot_h, min(width, count - row * width), density)
            sectors[category] = branch + fruits
            left += width * density.slot_w
    return sectors


def _marker(weight: int, heaviest: int, density: Density) -> float:
    smallest = 0.8 * density.font_px
    share = sqrt((weight - 1) / (heaviest - 1)) if heaviest > 1 else 0.0
    return smallest + (density.marker_max - smallest) * min(1.0, share)


def _more(part: NodePart, hidden: list[TreeItem], label: str, slot: Box, density: Density) -> PlacedNode:
    """The "+N more" node standing for the least weighty items of a part."""
    node = _node(f"more:{part}", part, None, label, 1, 1, slot, density, len(hidden))
    return replace(node, weight=sum(item.weight for item in hidden))


def _node(
    key: str,
    part: NodePart,
    item: TreeItem | None,
    text: str,
    weight: int,
    heaviest: int,
    slot: Box,
    density: Density,
    hidden: int = 0,
) -> PlacedNode:
    lines = wrap_label(text, density.columns, density.lines)
    marker = _marker(weight, heaviest, density)
    x, y = slot.x0 + 6 + density.marker_max / 2, slot.cy
    text_right = x + density.marker_max / 2 + 4 + max(display_width(line) for line in lines) * density.char_px
    half = max(marker, len(lines) * density.line_px) / 2
    box = Box(slot.x0 + 2, y - half, min(slot.x1 - 2, text_right), y + half)
    return PlacedNode(key, part, item, x, y, marker, lines, density.font_px, box, weight, hidden)


def _capped(items: list[TreeItem], cap: int) -> tuple[list[TreeItem], list[TreeItem]]:
    ordered = sorted(items, key=lambda item: (-item.weight, item.id))
    return (ordered, []) if len(ordered) <= cap else (ordered[: cap - 1], ordered[cap - 1 :])


def layout_tree(
    data: TreeData,
    *,
    category_labels: Mapping[str, str],
    more_label: Callable[[int], str],
    width: float = 1400,
    height: float = 1000,
    cap: int = CAP_PER_PART,
) -> TreeLayout:
    """Place every item of `data`; the same data always gives the same layout."""
    parts = {part: [item for item in data.items if item.part == part] for part in ("root", "trunk", "fruit")}
    heaviest = max((item.weight for item in data.items), default=1)
    kept = {part: _capped(items, cap) for part, items in parts.items()}
    order = {key: index for index, key in enumerate(category_labels)}
    fruits = sorted(
        kept["fruit"][0], key=lambda item: (order.get(item.category or "", len(order)), -item.weight, item.id)
    )
    groups = [(key, len(list(members))) for key, members in groupby(fruits, key=lambda item: item.category or "")]
    if kept["fruit"][1]:
        groups.append((MORE, 1))
    for _attempt in range(12):
        trunk_x = (GUTTER + width - MARGIN) / 2
        ground_y, crown_y = 0.34 * height, 0.62 * height
        regions = {
            "root": Box(GUTTER, MARGIN, width - MARGIN, ground_y - 14),
            "trunk": Box(GUTTER, ground_y + 10, width - MARGIN, crown_y - 10),
            "fruit": Box(GUTTER, crown_y + 6, width - MARGIN, height - 40),
        }
        placed = _place(regions, trunk_x, kept, fruits, groups, heaviest, category_labels, more_label)
        if placed is not None:
            break
        height *= 1.15
    else:
        raise ValueError("tree does not fit")
    nodes, trunk_width = placed
    return TreeLayout(
        width,
        height,
        ground_y,
        crown_y,
        trunk_x,
        Box(trunk_x - trunk_width / 2, ground_y, trunk_x + trunk_width / 2, crown_y),
        regions["fruit"],
        tuple(nodes),
        _edges(nodes, data, trunk_x, ground_y, crown_y),
    )


def _place(
    regions: dict[str, Box],
    trunk_x: float,
    kept: dict[str, tuple[list[TreeItem], list[TreeItem]]],
    fruits: list[TreeItem],
    groups: list[tuple[str, int]],
    heaviest: int,
    category_labels: Mapping[str, str],
    more_label: Callable[[int], str],
) -> tuple[list[PlacedNode], float] | None:
    nodes: list[PlacedNode] = []
    trunk_width = 90.0
    grid_parts: tuple[tuple[str, NodePart], ...] = (("root", "root"), ("trunk", "trunk"))
    for part, node_part in grid_parts:
        shown, hidden = kept[part]
        count = len(shown) + (1 if hidden else 0)
        fit = next(((d, s) for d in DENSITIES if (s := _grid(regions[part], trunk_x, count, d)) is not None), None)
        if fit is None:
            return None
        density, slots = fit
        for item, slot in zip(shown, slots, strict=False):
            nodes.append(_node(f"c:{item.id}", node_part, item, item.text, item.weight, heaviest, slot, density))
        if hidden:
            nodes.append(_more(node_part, hidden, more_label(len(hidden)), slots[-1], density))
        if part == "trunk" and slots:
            trunk_width = max(trunk_width, max(s.x1 for s in slots) - min(s.x0 for s in slots) + 24)
    fit_crown = next(
        ((d, c) for d in DENSITIES if (c := _crown(regions["fruit"], trunk_x, groups, d)) is not None), None
    )
    if fit_crown is None:
        return None
    density, sectors = fit_crown
    by_category = {key: list(members) for key, members in groupby(fruits, key=lambda item: item.category or "")}
    for category, slots in sectors.items():
        if category == MORE:
            hidden = kept["fruit"][1]
            nodes.append(_more("fruit", hidden, more_label(len(hidden)), slots[1], density))
            continue
        members = by_category[category]
        label = category_labels.get(category, category)
        nodes.append(_node(f"branch:{category}", "branch", None, label, 1, heaviest, slots[0], density))
        for item, slot in zip(members, slots[1:], strict=False):
            nodes.append(_node(f"c:{item.id}", "fruit", item, item.text, item.weight, heaviest, slot, density))
    return nodes, trunk_width


def _edges(
    nodes: list[PlacedNode], data: TreeData, trunk_x: float, ground_y: float, crown_y: float
) -> tuple[Edge, ...]:
    edges = [Edge("root", ((trunk_x, ground_y), (n.x, n.y))) for n in nodes if n.part == "root"]
    edges += [Edge("branch", ((trunk_x, crown_y), (n.x, n.y))) for n in nodes if n.part == "branch"]
    at = {n.key: (n.x, n.y) for n in nodes}
    more = {"root": at.get("more:root"), "trunk": at.get("more:trunk"), "fruit": at.get("more:fruit")}
    for path in data.paths:
        points: list[tuple[float, float]] = []
        for part, node_id in (("root", path.root_id), ("trunk", path.fund_id), ("fruit", path.benefit_id)):
            point = at.get(f"c:{node_id}") or more[part] if node_id is not None else None
            if point is None and part == "trunk" and points:
                point = (trunk_x, (ground_y + crown_y) / 2)  # no fund named: the path still runs up the trunk
            if point is not None:
                points.append(point)
        if len(points) >= 2:
            edges.append(Edge("path", tuple(points)))
    return tuple(edges)
