"""The welfare tree and its Sankey companion as Plotly figures, drawn from a TreeLayout."""

from collections import Counter
from collections.abc import Mapping
from html import escape as html_escape

import plotly.graph_objects as go

from facilitation.core.i18n import t
from facilitation.present.palette import KIND_COLOURS, SECTOR_COLOURS
from facilitation.present.thai_wrap import wrap_label, wrap_phrases
from facilitation.tree.data import TreeData
from facilitation.tree.layout import GUTTER, PlacedNode, TreeLayout, drawn_lines
from models import ContributionKind, Sector

FONT = "Sarabun, 'TH Sarabun New', Loma, Garuda, 'Noto Sans Thai', Tahoma, sans-serif"
EDGE_STYLE = {"root": ("#8d6e63", 1.4), "branch": ("#6d4c41", 4.0), "path": ("#d84315", 2.2)}
MORE_COLOUR = "#9e9e9e"
CAPTION_PX = 20  # the part captions are read from the back of the hall, like the labels
MESSAGE_PX = 26
SANKEY_PX = 20


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


def _hover(node: PlacedNode, lang: str) -> str:
    if node.item is None:
        return escape(" ".join(node.lines))
    item = node.item
    sector = t(f"sector_{item.sector.value}", lang) if item.sector else "—"
    shares = ", ".join(f"{t(f'sector_{s.value}', lang)} {n}" for s, n in item.sectors.items() if n)
    return "<br>".join(
        [f"<b>{escape(line)}</b>" for line in wrap_phrases(item.text, 48)]
        + [
            f"{t(f'kind_{item.kind.value}', lang)} · {sector}",
            t("tree_raised_by", lang, count=item.weight) + (f" ({escape(shares)})" if shares else ""),
        ]
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


def tree_figure(layout: TreeLayout, *, labels: Mapping[str, str], lang: str) -> go.Figure:
    """The tree: roots below the ground line, funds on the trunk, categories as branches, benefits as fruits."""
    traces: list[go.Scatter] = [_lines(layout, "root"), _lines(layout, "branch"), _lines(layout, "path")]
    items = [n for n in layout.nodes if n.item is not None]
    for sector in (*Sector, None):
        members = [n for n in items if n.item is not None and n.item.sector == sector]
        if members:
            name = t(f"sector_{sector.value}", lang) if sector else t("tree_no_sector", lang)
            traces.append(_nodes(members, name, SECTOR_COLOURS[sector] if sector else MORE_COLOUR, lang))
    branches = [n for n in layout.nodes if n.part == "branch"]
    if branches:
        traces.append(_nodes(branches, labels["branches"], "#6d4c41", lang, symbol="diamond"))
    more = [n for n in layout.nodes if n.item is None and n.part != "branch"]
    if more:
        traces.append(_nodes(more, t("tree_more_legend", lang), MORE_COLOUR, lang, symbol="circle-open"))
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
        height=layout.height,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        paper_bgcolor="white",
        plot_bgcolor="white",
        font={"family": FONT},
        xaxis={"range": [0, layout.width], "visible": False, "fixedrange": True},
        yaxis={"range": [0, layout.height], "visible": False, "fixedrange": True},
        legend={"orientation": "h", "x": 0.01, "y": 0.995, "yanchor": "top", "font": {"size": 14}},
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


def sankey_figure(data: TreeData, *, labels: Mapping[str, str], lang: str) -> go.Figure:
    """Causes → funds → benefits along the paths the plan and the facilitator drew."""
    items = {item.id: item for item in data.items}
    flows: Counter[tuple[int, int]] = Counter()
    for path in data.paths:
        chain = [node_id for node_id in (path.root_id, path.fund_id, path.benefit_id) if node_id in items]
        for source, target in zip(chain, chain[1:], strict=False):
            flows[(source, target)] += 1
    used = sorted({node_id for pair in flows for node_id in pair}, key=lambda i: (items[i].part != "root", i))
    index = {node_id: position for position, node_id in enumerate(used)}
    figure = go.Figure(
        go.Sankey(
            arrangement="snap",
            node={
                "label": ["<br>".join(escape(line) for line in wrap_label(items[i].text, 22, 3)) for i in used],
                "color": [KIND_COLOURS[ContributionKind(items[i].kind)] for i in used],
                "customdata": [escape(items[i].text) for i in used],
                "hovertemplate": "%{customdata}<extra></extra>",
                "pad": 14,
                "thickness": 16,
            },
            link={
                "source": [index[source] for source, _ in flows],
                "target": [index[target] for _, target in flows],
                "value": list(flows.values()),
                "color": "rgba(216, 67, 21, 0.25)",
            },
            textfont={"family": FONT, "size": SANKEY_PX},
        )
    )
    if not flows:
        # An empty Sankey draws nothing, not even annotations over it: hide it and say so.
        figure.update_traces(visible=False)
        figure.update_layout(xaxis={"visible": False}, yaxis={"visible": False}, plot_bgcolor="white")
        figure.add_annotation(_message(t("wall_paths_empty", lang), 1200, 420))
    figure.update_layout(
        title={
            "text": escape(f"{labels['roots']} → {labels['trunk']} → {labels['fruits']}"),
            "font": {"family": FONT, "size": 22},
        },
        height=max(420, 40 * len(used)),
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        font={"family": FONT},
    )
    return figure
