"""Where each part of the welfare tree goes: a pure, deterministic layout.

Positions are pixels of a fixed canvas (origin bottom-left, y up), so the Plotly
figure, a later PDF export and the tests share one geometry. Every node owns a
slot of a grid; its marker and label stay inside the slot, so labels never overlap.
Each part takes the largest text that fits its items; the canvas grows taller only
when even the smallest text does not fit. A screen that must be read from afar (the
projector) sets a smallest text size instead: the canvas keeps its size and the lightest
items of a part that does not fit fold into its "+N more" node.

Lines never cross a label: `drawn_lines` runs each edge into a node vertically, beside
its label, and leaves out the stretches of line that would pass under another label, and the
short dashes such cuts leave between two labels. A path never runs into a "+N more" node.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from itertools import groupby
from math import ceil, hypot, sqrt
from typing import Literal

from facilitation.present.thai_wrap import display_width, wrap_label
from facilitation.tree.data import Folded, TreeData, TreeItem

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
# A screen read from the back of a hall (the projector) may take larger text still.
HALL_DENSITIES = tuple(Density(font, columns, 3) for font in (24, 22, 20) for columns in (16, 13, 11, 9))


@dataclass(frozen=True)
class PlacedNode:
    key: str  # "c:<id>", "theme:<id>:<part>", "branch:<category>", "more:<part>"
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

    @property
    def folded(self) -> int:
        """How many items the "+N more" nodes stand for."""
        return sum(node.hidden_count for node in self.nodes)


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


def _grid_room(region: Box, cx: float, density: Density) -> int:
    """How many slots `_grid` has in the region at this density."""
    half = min(cx - region.x0, region.x1 - cx)
    return int(2 * half // density.slot_w) * int((region.y1 - region.y0) // density.slot_h)


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


def _more(part: NodePart, hidden: Folded, label: str, slot: Box, density: Density) -> PlacedNode:
    """The "+N more" node standing for the least weighty items of a part."""
    node = _node(f"more:{part}", part, None, label, 1, 1, slot, density, hidden.count)
    return replace(node, weight=hidden.weight)


def _lines(text: str | tuple[str, str], density: Density) -> tuple[str, ...]:
    """The label's lines; a (name, note) pair keeps the note whole on the last line when it fits one."""
    if isinstance(text, str):
        return wrap_label(text, density.columns, density.lines)
    name, note = text
    if display_width(note) <= density.columns:
        return (*wrap_label(name, density.columns, density.lines - 1), note)
    return wrap_label(f"{name} {note}", density.columns, density.lines)


def _node(
    key: str,
    part: NodePart,
    item: TreeItem | None,
    text: str | tuple[str, str],
    weight: int,
    heaviest: int,
    slot: Box,
    density: Density,
    hidden: int = 0,
) -> PlacedNode:
    lines = _lines(text, density)
    marker = _marker(weight, heaviest, density)
    x, y = slot.x0 + 6 + density.marker_max / 2, slot.cy
    text_right = x + density.marker_max / 2 + 4 + max(display_width(line) for line in lines) * density.char_px
    half = max(marker, len(lines) * density.line_px) / 2
    box = Box(slot.x0 + 2, y - half, min(slot.x1 - 2, text_right), y + half)
    return PlacedNode(key, part, item, x, y, marker, lines, density.font_px, box, weight, hidden)


def _capped(ordered: list[TreeItem], cap: int, unread: Folded | None) -> tuple[list[TreeItem], Folded]:
    """The heaviest items up to the cap, and what the rest add up to (`ordered` heaviest first).

    `unread` is what the data already left out of the part: lighter than every item in it.
    """
    rest = unread or Folded(0, 0)
    if len(ordered) + rest.count <= cap:
        return ordered, rest
    hidden = ordered[cap - 1 :]
    return ordered[: cap - 1], Folded(len(hidden) + rest.count, sum(item.weight for item in hidden) + rest.weight)


def layout_tree(
    data: TreeData,
    *,
    category_labels: Mapping[str, str],
    more_label: Callable[[int], str],
    width: float = 1400,
    height: float = 1000,
    cap: int = CAP_PER_PART,
    min_font: int | None = None,
    theme_note: Callable[[TreeItem], str] | None = None,
) -> TreeLayout:
    """Place every item of `data`; the same data always gives the same layout.

    With `min_font`, labels are never smaller than that and the canvas keeps its size:
    the lightest items of a part that does not fit fold into its "+N more" node. A theme's
    node is labelled with its name and, on a line of its own, `theme_note(item)` (how many posts).
    """
    # Folding to fit a screen keeps, among items raised as often, the newest: the room sees
    # what was just posted join the tree, and the older ones wait in "+N more".
    newest_first = -1 if min_font is not None else 1
    parts = {
        part: sorted(
            (item for item in data.items if item.part == part), key=lambda item: (-item.weight, newest_first * item.id)
        )
        for part in ("root", "trunk", "fruit")
    }
    heaviest = max((item.weight for item in data.items), default=1)  # what a read folds is lighter
    densities = DENSITIES if min_font is None else tuple(d for d in HALL_DENSITIES + DENSITIES if d.font_px >= min_font)
    caps = dict.fromkeys(parts, cap)
    unread: dict[str, Folded] = dict(data.folded.items())
    order = {key: index for index, key in enumerate(category_labels)}
    for _attempt in range(80):
        kept = {part: _capped(items, caps[part], unread.get(part)) for part, items in parts.items()}
        fruits = sorted(
            kept["fruit"][0], key=lambda item: (order.get(item.category or "", len(order)), -item.weight, item.id)
        )
        groups = [(key, len(list(members))) for key, members in groupby(fruits, key=lambda item: item.category or "")]
        if kept["fruit"][1].count:
            groups.append((MORE, 1))
        trunk_x = (GUTTER + width - MARGIN) / 2
        ground_y, crown_y = 0.34 * height, 0.62 * height
        regions = {
            "root": Box(GUTTER, MARGIN, width - MARGIN, ground_y - 14),
            "trunk": Box(GUTTER, ground_y + 10, width - MARGIN, crown_y - 10),
            "fruit": Box(GUTTER, crown_y + 6, width - MARGIN, height - 40),
        }
        placed = _place(
            regions, trunk_x, kept, fruits, groups, heaviest, category_labels, more_label, densities, theme_note
        )
        if not isinstance(placed, str):
            break
        shown = min(caps[placed], len(parts[placed]))
        if min_font is not None and shown > 1:
            if placed == "fruit":
                caps[placed] = max(1, min(shown - 1, int(shown * 0.85)))  # fold the lightest few more
            else:  # a grid holds a known number of slots: fold straight down to it
                region = regions[placed]
                room = max(_grid_room(region, trunk_x, density) for density in densities)
                caps[placed] = max(1, min(shown - 1, room))
        else:
            height *= 1.15
    else:
        raise ValueError("tree does not fit")
    assert not isinstance(placed, str)  # the loop ends only on a fit
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
    kept: dict[str, tuple[list[TreeItem], Folded]],
    fruits: list[TreeItem],
    groups: list[tuple[str, int]],
    heaviest: int,
    category_labels: Mapping[str, str],
    more_label: Callable[[int], str],
    densities: tuple[Density, ...] = DENSITIES,
    theme_note: Callable[[TreeItem], str] | None = None,
) -> tuple[list[PlacedNode], float] | str:
    """The placed nodes and the trunk's width, or the name of the first part that did not fit."""

    def shown_as(item: TreeItem) -> str | tuple[str, str]:
        return (item.text, theme_note(item)) if item.theme_id is not None and theme_note is not None else item.text

    grid_parts: tuple[tuple[str, NodePart], ...] = (("root", "root"), ("trunk", "trunk"))
    grids: list[tuple[str, NodePart, Density, list[Box]]] = []
    for part, node_part in grid_parts:
        shown, hidden = kept[part]
        count = len(shown) + (1 if hidden.count else 0)
        fit = next(((d, s) for d in densities if (s := _grid(regions[part], trunk_x, count, d)) is not None), None)
        if fit is None:
            return part
        grids.append((part, node_part, *fit))
    fit_crown = next(
        ((d, c) for d in densities if (c := _crown(regions["fruit"], trunk_x, groups, d)) is not None), None
    )
    if fit_crown is None:
        return "fruit"
    # Nodes are made once every part fits: folding a crowded tree tries many caps that do not.
    nodes: list[PlacedNode] = []
    trunk_width = 90.0
    for part, node_part, density, slots in grids:
        shown, hidden = kept[part]
        for item, slot in zip(shown, slots, strict=False):
            nodes.append(_node(item.key, node_part, item, shown_as(item), item.weight, heaviest, slot, density))
        if hidden.count:
            nodes.append(_more(node_part, hidden, more_label(hidden.count), slots[-1], density))
        if part == "trunk" and slots:
            trunk_width = max(trunk_width, max(s.x1 for s in slots) - min(s.x0 for s in slots) + 24)
    density, sectors = fit_crown
    by_category = {key: list(members) for key, members in groupby(fruits, key=lambda item: item.category or "")}
    for category, slots in sectors.items():
        if category == MORE:
            rest = kept["fruit"][1]
            nodes.append(_more("fruit", rest, more_label(rest.count), slots[1], density))
            continue
        members = by_category[category]
        label = category_labels.get(category, category)
        nodes.append(_node(f"branch:{category}", "branch", None, label, 1, heaviest, slots[0], density))
        for item, slot in zip(members, slots[1:], strict=False):
            nodes.append(_node(item.key, "fruit", item, shown_as(item), item.weight, heaviest, slot, density))
    return nodes, trunk_width


def _edges(
    nodes: list[PlacedNode], data: TreeData, trunk_x: float, ground_y: float, crown_y: float
) -> tuple[Edge, ...]:
    edges = [Edge("root", ((trunk_x, ground_y), (n.x, n.y))) for n in nodes if n.part == "root"]
    edges += [Edge("branch", ((trunk_x, crown_y), (n.x, n.y))) for n in nodes if n.part == "branch"]
    at = {n.item.id: (n.x, n.y) for n in nodes if n.item is not None}
    # A path never runs into a "+N more" node. Drawn there, every path to a folded item met on
    # one summary node and read as a hub that the "+N more" is not (it stands for many unrelated
    # items). A path keeps the stretch between the items it shows, and is left out when fewer
    # than two are shown. A folded fund is treated like a fund not named: the path runs up the
    # trunk between its cause and its benefit. Paths that now show the same stretch draw it once.
    paths: dict[tuple[tuple[float, float], ...], None] = {}
    for path in data.paths:
        root, fund, benefit = (
            at.get(node_id) if node_id is not None else None
            for node_id in (path.root_id, path.fund_id, path.benefit_id)
        )
        if fund is None and root is not None and benefit is not None:
            fund = (trunk_x, (ground_y + crown_y) / 2)
        points = tuple(point for point in (root, fund, benefit) if point is not None)
        if len(points) >= 2:
            paths[points] = None
    edges += [Edge("path", points) for points in paths]
    return tuple(edges)


Segment = tuple[tuple[float, float], tuple[float, float]]
LABEL_GAP = 3.0  # how far a line stays from a label's box
# A line cut by labels on both sides leaves a dash where it crosses the gap between two rows
# of labels (7-10 px): shorter than this, nobody follows it to either end, so it is not drawn.
# A piece that starts or ends at one of its edge's points always stays: it shows where the line goes.
STRAY_PX = 12.0


def label_box(node: PlacedNode) -> Box:
    """Where a node's label text lies: right of its marker, as tall as its box."""
    return Box(node.x + node.marker_px / 2, node.box.y0, node.box.x1, node.box.y1)


def _port(node: PlacedNode, upwards: bool) -> tuple[float, float]:
    # Straight above or below the marker's centre, clear of the label: the marker sits
    # left of its label, so a line arriving here vertically never crosses it.
    return (node.x, node.box.y1 + LABEL_GAP if upwards else node.box.y0 - LABEL_GAP)


def _routed(points: tuple[tuple[float, float], ...], at: dict[tuple[float, float], PlacedNode]) -> list[Segment]:
    """An edge's segments, each node entered and left vertically beside its label."""
    segments: list[Segment] = []
    for start, end in zip(points, points[1:], strict=False):
        upwards = end[1] >= start[1]
        a, b = at.get(start), at.get(end)
        leave = _port(a, upwards) if a is not None else start
        enter = _port(b, not upwards) if b is not None else end
        if a is not None:
            segments.append((start, leave))
        segments.append((leave, enter))
        if b is not None:
            segments.append((enter, end))
    return segments


def _inside(segment: Segment, box: Box) -> tuple[float, float] | None:
    """The stretch (t0, t1) of the segment, 0..1 along it, inside the box (Liang–Barsky)."""
    (x0, y0), (x1, y1) = segment
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - box.x0), (dx, box.x1 - x0), (-dy, y0 - box.y0), (dy, box.y1 - y0)):
        if p == 0:
            if q <= 0:
                return None
            continue
        r = q / p
        if p < 0:
            low = max(low, r)
        else:
            high = min(high, r)
        if low >= high:
            return None
    return low, high


def _clipped(segment: Segment, boxes: list[Box]) -> list[Segment]:
    """The parts of the segment outside every box."""
    (x0, y0), (x1, y1) = segment
    dx, dy = x1 - x0, y1 - y0
    sx0, sx1, sy0, sy1 = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
    cuts = sorted(
        stretch
        for box in boxes
        if box.x0 < sx1
        and sx0 < box.x1
        and box.y0 < sy1
        and sy0 < box.y1  # cheap test first
        and (stretch := _inside(segment, box)) is not None
    )
    kept: list[Segment] = []
    at = 0.0
    for low, high in [*cuts, (1.0, 1.0)]:
        if low > at:
            kept.append(((x0 + dx * at, y0 + dy * at), (x0 + dx * low, y0 + dy * low)))
        at = max(at, high)
    return kept


def drawn_lines(layout: TreeLayout, kind: str) -> list[tuple[tuple[float, float], ...]]:
    """The pieces of line drawn for the edges of `kind`: routed beside labels, never across one."""
    at = {(node.x, node.y): node for node in layout.nodes}
    boxes = [
        Box(b.x0 - LABEL_GAP / 2, b.y0 - LABEL_GAP / 2, b.x1 + LABEL_GAP / 2, b.y1 + LABEL_GAP / 2)
        for b in (label_box(node) for node in layout.nodes)
    ]
    pieces: list[tuple[tuple[float, float], ...]] = []
    for edge in layout.edges:
        if edge.kind != kind:
            continue
        own: list[tuple[tuple[float, float], ...]] = []
        for segment in _routed(edge.points, at):
            for start, end in _clipped(segment, boxes):
                if own and own[-1][-1] == start:
                    own[-1] = (*own[-1], end)  # one polyline while nothing cuts it
                else:
                    own.append((start, end))
        stops = set(edge.points)
        pieces += [piece for piece in own if piece[0] in stops or piece[-1] in stops or _length(piece) >= STRAY_PX]
    return pieces


def _length(piece: tuple[tuple[float, float], ...]) -> float:
    return sum(hypot(x1 - x0, y1 - y0) for (x0, y0), (x1, y1) in zip(piece, piece[1:], strict=False))
