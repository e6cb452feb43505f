"""The welfare tree and its Sankey companion as Plotly figures, drawn from a TreeLayout."""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape as html_escape
from math import ceil

import plotly.graph_objects as go

from facilitation.core.i18n import t
from facilitation.present.palette import KIND_COLOURS, SECTOR_COLOURS
from facilitation.present.thai_wrap import display_width, wrap_label, wrap_phrases
from facilitation.tree.data import TreeData, TreeItem
from facilitation.tree.layout import GUTTER, PlacedNode, TreeLayout, drawn_lines
from models import ContributionKind, Sector

FONT = "Sarabun, 'TH Sarabun New', Loma, Garuda, 'Noto Sans Thai', Tahoma, sans-serif"
EDGE_STYLE = {"root": ("#8d6e63", 1.4), "branch": ("#6d4c41", 4.0), "path": ("#d84315", 2.2)}
MORE_COLOUR = "#9e9e9e"
THEME_RING = "#3e2723"
CAPTION_PX = 20  # the part captions are read from the back of the hall, like the labels
MESSAGE_PX = 26
SANKEY_PX = 20
LEGEND_PX = 14  # on a laptop; a screen read from afar gives its own smallest size


def escape(text: str) -> str:
    """Text made safe for Plotly's pseudo-HTML labels, shown exactly as it was typed."""
    # Plotly turns only &lt; &gt; &amp; (and numeric references) back into characters:
    # html.escape's default &quot; and &#x27; would show as typed entities on the tree.
    return html_escape(text, quote=False)


def _lines(layout: TreeLayout, kind: str) -> go.Scatter:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for piece in drawn_lines(layout, kind):
        xs += [x for x, _ in piece] + [None]
        ys += [y for _, y in piece] + [None]
    colour, width = EDGE_STYLE[kind]
    opacity = 0.6 if kind == "path" else 0.55
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        line={"color": colour, "width": width},
        opacity=opacity,
        hoverinfo="skip",
        showlegend=False,
        name=kind,
    )


def item_label(item: TreeItem, lang: str) -> str:
    """What a node is labelled: a theme's name with how many posts it groups, else the post's text."""
    if item.theme_id is None:
        return item.text
    return t("tree_theme_label", lang, name=item.text, count=item.posts)


def _hover(node: PlacedNode, lang: str) -> str:
    if node.item is None:
        return escape(" ".join(node.lines))
    item = node.item
    sector = t(f"sector_{item.sector.value}", lang) if item.sector else "—"
    shares = ", ".join(f"{t(f'sector_{s.value}', lang)} {n}" for s, n in item.sectors.items() if n)
    theme = [] if item.theme_id is None else [escape(t("tree_theme_hover", lang, count=item.posts))]
    return "<br>".join(
        [f"<b>{escape(line)}</b>" for line in wrap_phrases(item.text, 48)]
        + theme
        + [
            f"{t(f'kind_{item.kind.value}', lang)} · {sector}",
            t("tree_raised_by", lang, count=item.weight) + (f" ({escape(shares)})" if shares else ""),
        ]
    )


def _rings(nodes: list[PlacedNode], lang: str) -> go.Scatter:
    """A dark ring around each theme's node, over its sector's colour: it stands for several posts, not one."""
    # A trace of its own rather than per-node outlines on every sector's trace: Plotly checks
    # each colour of a list, which cost 8 ms a draw at 500 nodes whether or not any was a theme.
    return go.Scatter(
        x=[n.x for n in nodes],
        y=[n.y for n in nodes],
        mode="markers",
        name=escape(t("tree_theme_legend", lang)),
        marker={
            "size": [n.marker_px + 7 for n in nodes],
            "color": THEME_RING,
            "symbol": "circle-open",
            "line": {"width": 2.5},
        },
        hoverinfo="skip",
    )


def _nodes(nodes: list[PlacedNode], name: str, colour: str, lang: str, *, symbol: str = "circle") -> go.Scatter:
    return go.Scatter(
        x=[n.x for n in nodes],
        y=[n.y for n in nodes],
        mode="markers+text",
        name=escape(name),
        marker={
            "size": [n.marker_px for n in nodes],
            "color": colour,
            "symbol": symbol,
            "line": {"color": "white", "width": 1.5},
        },
        text=["<br>".join(escape(line) for line in n.lines) for n in nodes],
        textposition="middle right",
        textfont={"size": [n.font_px for n in nodes], "family": FONT, "color": "#212121"},
        hovertext=[_hover(n, lang) for n in nodes],
        hoverinfo="text",
        customdata=[n.key for n in nodes],
    )


def _legend_rows(names: list[str], width: float, px: int) -> int:
    """How many rows Plotly's horizontal legend of `names` takes across `width` pixels.

    As plotly.js lays it out: one row when every entry fits side by side, else a grid whose
    columns are as wide as the widest entry. Text widths are estimated generously.
    """
    if not names:
        return 0
    entries = [40 + display_width(name) * 0.62 * px for name in names]  # the symbol and gaps, then the text
    if sum(entries) + 5 * len(entries) < width:
        return 1
    per_row = max(1, int(width // (max(entries) + 5)))
    return ceil(len(names) / per_row)


def _legend(traces: list[go.Scatter], width: float, min_font: int | None) -> tuple[dict[str, object], float]:
    """The legend's layout, and the height of the band it takes above the tree (0: drawn over the tree)."""
    if min_font is None:
        return {"orientation": "h", "x": 0.01, "y": 0.995, "yanchor": "top", "font": {"size": LEGEND_PX}}, 0.0
    # Read from afar, the legend is as large as the labels: it takes a band of its own above
    # the canvas instead of covering the top of the crown, and the canvas keeps its pixels.
    px = max(LEGEND_PX, min_font)
    names = [str(trace.name) for trace in traces if trace.showlegend is not False]
    rows = _legend_rows(names, width, px)
    band = rows * round(1.5 * px) + 12 if rows else 0
    legend = {"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom", "font": {"size": px}}
    return legend, float(band)


def tree_figure(layout: TreeLayout, *, labels: Mapping[str, str], lang: str, min_font: int | None = None) -> go.Figure:
    """The tree: roots below the ground line, funds on the trunk, categories as branches, benefits as fruits.

    With `min_font` (a screen read from afar), the legend is as large and sits above the tree.
    """
    traces: list[go.Scatter] = [_lines(layout, "root"), _lines(layout, "branch"), _lines(layout, "path")]
    items = [n for n in layout.nodes if n.item is not None]
    for sector in (*Sector, None):
        members = [n for n in items if n.item is not None and n.item.sector == sector]
        if members:
            name = t(f"sector_{sector.value}", lang) if sector else t("tree_no_sector", lang)
            traces.append(_nodes(members, name, SECTOR_COLOURS[sector] if sector else MORE_COLOUR, lang))
    themes = [n for n in items if n.item is not None and n.item.theme_id is not None]
    if themes:
        traces.append(_rings(themes, lang))
    branches = [n for n in layout.nodes if n.part == "branch"]
    if branches:
        traces.append(_nodes(branches, labels["branches"], "#6d4c41", lang, symbol="diamond"))
    more = [n for n in layout.nodes if n.item is None and n.part != "branch"]
    if more:
        traces.append(_nodes(more, t("tree_more_legend", lang), MORE_COLOUR, lang, symbol="circle-open"))
    legend, band = _legend(traces, layout.width, min_font)
    figure = go.Figure(data=traces)
    branch_y = min((n.y for n in branches), default=layout.crown_y + 30)
    captions = (
        (labels["roots"], layout.ground_y / 2),
        (labels["trunk"], (layout.ground_y + layout.crown_y) / 2),
        (labels["branches"], branch_y),
        (labels["fruits"], (branch_y + layout.height) / 2 + 20),
    )
    figure.update_layout(
        width=layout.width,
        height=layout.height + band,
        # The legend never pushes the margin: the canvas keeps one pixel per layout unit.
        margin={"l": 0, "r": 0, "t": band, "b": 0, "autoexpand": False},
        paper_bgcolor="white",
        plot_bgcolor="white",
        font={"family": FONT},
        xaxis={"range": [0, layout.width], "visible": False, "fixedrange": True},
        yaxis={"range": [0, layout.height], "visible": False, "fixedrange": True},
        legend=legend,
        hoverlabel={"font": {"family": FONT, "size": 15}, "align": "left"},
        uirevision="tree",  # live updates keep the view instead of redrawing from scratch
        shapes=[
            {
                "type": "rect",
                "x0": 0,
                "x1": layout.width,
                "y0": 0,
                "y1": layout.ground_y,
                "fillcolor": "#efebe9",
                "line": {"width": 0},
                "layer": "below",
            },
            {
                "type": "line",
                "x0": 0,
                "x1": layout.width,
                "y0": layout.ground_y,
                "y1": layout.ground_y,
                "line": {"color": "#6d4c41", "width": 3},
                "layer": "below",
            },
            {
                "type": "rect",
                "x0": layout.trunk.x0,
                "x1": layout.trunk.x1,
                "y0": layout.trunk.y0,
                "y1": layout.trunk.y1,
                "fillcolor": "#bcaaa4",
                "opacity": 0.45,
                "line": {"width": 0},
                "layer": "below",
            },
            {
                "type": "circle",
                "x0": layout.crown.x0,
                "x1": layout.crown.x1,
                "y0": layout.crown.y0 - 10,
                "y1": layout.crown.y1 + 30,
                "fillcolor": "#c8e6c9",
                "opacity": 0.35,
                "line": {"width": 0},
                "layer": "below",
            },
        ],
        annotations=[
            {
                "x": GUTTER / 2,
                "y": y,
                "text": "<br>".join(escape(line) for line in wrap_label(text, 10, 4)),
                "showarrow": False,
                "font": {"size": CAPTION_PX, "color": "#4e342e", "family": FONT},
            }
            for text, y in captions
        ]
        + [
            {
                "x": 4,
                "y": 4,
                "xanchor": "left",
                "yanchor": "bottom",
                "showarrow": False,
                "text": escape(t("tree_adapted", lang)),
                "font": {"size": 11, "color": "#6d6d6d", "family": FONT},
            },
        ],
    )
    if not layout.nodes:
        figure.add_annotation(_message(t("wall_tree_empty", lang), layout.width, layout.height, y=0.8))
    return figure


def _message(text: str, width: float, height: float, *, y: float = 0.5) -> dict[str, object]:
    """A view with nothing to draw says so, large, instead of showing a bare canvas."""
    lines = "<br>".join(escape(line) for line in wrap_label(text, max(20, int(width * 0.6 / (0.62 * MESSAGE_PX))), 4))
    return {
        "x": 0.5,
        "y": y,
        "xref": "paper",
        "yref": "paper",
        "text": lines,
        "showarrow": False,
        "font": {"size": MESSAGE_PX, "color": "#4e342e", "family": FONT},
        "bgcolor": "#f5f1ea",
        "borderpad": 18,
    }


Node = int | str  # a contribution's id, or "more:<part>" for what a column folds


@dataclass(frozen=True)
class _Nodes:
    """What the Sankey draws: its nodes, the flows between them, and how each "+N more" adds up."""

    nodes: list[Node]
    flows: Counter[tuple[Node, Node]]
    folded: dict[str, int]  # "more:<part>" -> how many items it stands for
    lines: int  # label lines
    pad: float  # pixels between two nodes of a column
    overhang: float = 0.0  # how far a label reaches above its column's first node or below its last


def _all_nodes(items: Mapping[int, TreeItem], flows: Counter[tuple[int, int]]) -> _Nodes:
    used = sorted({node_id for pair in flows for node_id in pair}, key=lambda i: (items[i].part != "root", i))
    shown: Counter[tuple[Node, Node]] = Counter()
    for pair, value in flows.items():
        shown[pair] = value
    return _Nodes(list(used), shown, {}, 3, 14.0)


def _fitted_nodes(items: Mapping[int, TreeItem], flows: Counter[tuple[int, int]], room_h: float, px: int) -> _Nodes:
    """The nodes whose labels of `px` fit `room_h` pixels, kept apart.

    Plotly centres a node's label on the node and keeps `pad` pixels between nodes: a pad as
    tall as a label keeps labels apart, and half a label above and below the nodes keeps the
    first and last labels on the screen. Three label lines are tried first, then two; what still
    does not fit folds into a "+N more" node of its column, the lightest flows first (the newest
    among equals, as on the tree).
    """
    through: Counter[int] = Counter()
    for (source, target), value in flows.items():
        through[source] += value
        through[target] += value
    by_part: dict[str, list[int]] = {part: [] for part in ("root", "trunk", "fruit")}
    for node_id in sorted(through, key=lambda i: (-through[i], -i)):
        by_part[items[node_id].part].append(node_id)
    crowded = max(len(ids) for ids in by_part.values())
    for lines in (3, 2):
        label = lines * 1.45 * px  # Thai stacks marks above and below its lines
        pad, overhang = ceil(label) + 4, ceil(label / 2)
        # plotly.js's d3-sankey narrows the pad to fit: gaps take at most 2/3 of a column's height.
        room = max(2, int(2 * (room_h - 2 * overhang) / (3 * pad)) + 1)
        if crowded <= room:
            break
    nodes: list[Node] = []
    into: dict[int, str] = {}
    folded: dict[str, int] = {}
    for part, ids in by_part.items():
        kept = ids if len(ids) <= room else ids[: room - 1]
        nodes += sorted(kept)
        if len(kept) < len(ids):
            into |= dict.fromkeys(ids[len(kept) :], f"more:{part}")
            folded[f"more:{part}"] = len(ids) - len(kept)
            nodes.append(f"more:{part}")
    merged: Counter[tuple[Node, Node]] = Counter()
    for (source, target), value in flows.items():
        merged[(into.get(source, source), into.get(target, target))] += value
    return _Nodes(nodes, merged, folded, lines, pad, overhang)


def sankey_figure(
    data: TreeData,
    *,
    labels: Mapping[str, str],
    lang: str,
    width: float | None = None,
    height: float | None = None,
    min_font: int | None = None,
) -> go.Figure:
    """Causes → funds → benefits along the paths the plan and the facilitator drew.

    Given a `height` (a screen's), the figure takes that size, and a column that does not fit
    folds its lightest nodes into "+N more"; labels are never smaller than `min_font`.
    """
    items = {item.id: item for item in data.items}
    flows: Counter[tuple[int, int]] = Counter()
    for path in data.paths:
        chain = [node_id for node_id in (path.root_id, path.fund_id, path.benefit_id) if node_id in items]
        for source, target in zip(chain, chain[1:], strict=False):
            flows[(source, target)] += 1
    px = max(SANKEY_PX, min_font or 0)
    title_h, edge = 50, 10
    drawn = _all_nodes(items, flows) if height is None else _fitted_nodes(items, flows, height - title_h - edge, px)
    margin = {"l": edge, "r": edge, "t": title_h + drawn.overhang, "b": edge + drawn.overhang}
    index = {node: position for position, node in enumerate(drawn.nodes)}

    def text(node: Node) -> str:
        if isinstance(node, str):
            return t("tree_more", lang, count=drawn.folded[node])
        return item_label(items[node], lang)

    def colour(node: Node) -> str:
        return MORE_COLOUR if isinstance(node, str) else KIND_COLOURS[ContributionKind(items[node].kind)]

    figure = go.Figure(
        go.Sankey(
            arrangement="snap",
            node={
                "label": [
                    "<br>".join(escape(line) for line in wrap_label(text(n), 22, drawn.lines)) for n in drawn.nodes
                ],
                "color": [colour(n) for n in drawn.nodes],
                "customdata": [escape(text(n)) for n in drawn.nodes],
                "hovertemplate": "%{customdata}<extra></extra>",
                "pad": drawn.pad,
                "thickness": 16,
            },
            link={
                "source": [index[source] for source, _ in drawn.flows],
                "target": [index[target] for _, target in drawn.flows],
                "value": list(drawn.flows.values()),
                "color": "rgba(216, 67, 21, 0.35)",  # a projector washes pale colours out
            },
            textfont={"family": FONT, "size": px},
        )
    )
    if not flows:
        # An empty Sankey draws nothing, not even annotations over it: hide it and say so.
        figure.update_traces(visible=False)
        figure.update_layout(xaxis={"visible": False}, yaxis={"visible": False}, plot_bgcolor="white")
        figure.add_annotation(_message(t("wall_paths_empty", lang), width or 1200, 420))
    figure.update_layout(
        title={
            "text": escape(f"{labels['roots']} → {labels['trunk']} → {labels['fruits']}"),
            "font": {"family": FONT, "size": max(22, px)},
        },
        height=height if height is not None else max(420, 40 * len(drawn.nodes)),
        margin=margin,
        font={"family": FONT},
    )
    if width is not None:
        figure.update_layout(width=width)
    return figure
