"""tree_figure and sankey_figure: the welfare tree and its paths as Plotly figures (no database)."""

import re
from html import escape, unescape

import plotly.graph_objects as go
import pytest

from facilitation.core.i18n import t
from facilitation.present.palette import SECTOR_COLOURS
from facilitation.tree.categories import category_labels
from facilitation.tree.data import TreeData, TreeItem, TreePath, part_labels
from facilitation.tree.figure import LEGEND_PX, _legend_rows, sankey_figure, tree_figure
from facilitation.tree.layout import TreeLayout, layout_tree
from models import ContributionKind, Sector

ROOT, FUND, BENEFIT = ContributionKind.ROOT_CAUSE, ContributionKind.FUND, ContributionKind.BENEFIT
HOSTILE = "<b>bold</b> & <script>alert(1)</script>"
LABELS = part_labels({"roots": "ทุนชุมชน"}, "th")


def _item(
    item_id: int,
    kind: ContributionKind,
    text: str,
    *,
    weight: int = 1,
    sectors: dict[Sector, int] | None = None,
    category: str | None = None,
) -> TreeItem:
    part = {ROOT: "root", FUND: "trunk", BENEFIT: "fruit"}[kind]
    sectors = sectors or {}
    top = max(sectors.values(), default=0)
    return TreeItem(
        id=item_id,
        part=part,  # type: ignore[arg-type]
        kind=kind,
        text=text,
        weight=weight,
        sector=next((sector for sector, n in sectors.items() if n == top), None),
        sectors=sectors,
        category=category or ("sickness" if part == "fruit" else None),
        merged_ids=(),
    )


ITEMS = (
    _item(1, ROOT, HOSTILE, weight=3, sectors={Sector.STATE: 2, Sector.COMMUNITY: 1}),
    _item(2, ROOT, "ผู้ป่วยติดเตียงไม่มีรถไปหาหมอ", sectors={Sector.ACADEMIC: 1}),
    _item(3, ROOT, "เด็กเลิกเรียนกลางคันเพราะไม่มีค่ารถ", sectors={Sector.ACADEMIC: 1}),
    _item(10, FUND, "กองทุนสวัสดิการชุมชนตำบลศิลา", weight=2, sectors={Sector.COMMUNITY: 2}),
    _item(11, FUND, "ข้อบัญญัติงบประมาณ อบต. ด้านสวัสดิการ", sectors={Sector.LOCAL_GOVERNMENT: 1}),
    _item(20, BENEFIT, "นอนโรงพยาบาลได้คืนละ 200 บาท", weight=2),  # no author: no sector
    _item(21, BENEFIT, "ทุนการศึกษาลูกหลานสมาชิก", sectors={Sector.PUBLIC_BENEFIT: 1}, category="education"),
    _item(22, BENEFIT, "รถรับส่งผู้ป่วยไปตามนัด", sectors={Sector.LOCAL_GOVERNMENT: 1}),
)
PATHS = (
    TreePath(1, 10, 20, "action"),
    TreePath(1, 10, 21, "tie"),
    TreePath(2, None, 22, "tie"),
)
DATA = TreeData(items=ITEMS, paths=PATHS, labels=LABELS)


def _layout(data: TreeData) -> TreeLayout:
    return layout_tree(
        data, category_labels=category_labels("th"), more_label=lambda count: t("tree_more", "th", count=count)
    )


@pytest.fixture(scope="module")
def layout() -> TreeLayout:
    return _layout(DATA)


@pytest.fixture(scope="module")
def figure(layout: TreeLayout) -> go.Figure:
    return tree_figure(layout, labels=LABELS, lang="th")


def _node_traces(figure: go.Figure) -> list[go.Scatter]:
    return [trace for trace in figure.data if trace.mode == "markers+text"]


def _trace_of(figure: go.Figure, item_id: int) -> tuple[go.Scatter, int]:
    for trace in _node_traces(figure):
        if f"c:{item_id}" in trace.customdata:
            return trace, list(trace.customdata).index(f"c:{item_id}")
    raise AssertionError(f"no node for item {item_id}")


def _plain(markup: str) -> str:
    """Plotly text as a reader sees it: line breaks and the figure's own bold gone, entities decoded."""
    return unescape(re.sub(r"</?b>|<br>", " ", markup))


def _strings(value: object) -> list[str]:
    """Every string anywhere in a figure's JSON-like structure."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _strings(item)]
    return []


def _squash(text: str) -> str:
    return "".join(text.split())


def test_one_node_trace_per_sector_present_named_and_coloured_by_sector(figure: go.Figure) -> None:
    by_name = {trace.name: trace for trace in _node_traces(figure)}
    present = {entry.sector for entry in ITEMS if entry.sector is not None}
    assert present == {Sector.STATE, Sector.ACADEMIC, Sector.COMMUNITY, Sector.LOCAL_GOVERNMENT, Sector.PUBLIC_BENEFIT}
    for sector in Sector:
        name = t(f"sector_{sector.value}", "th")
        assert (name in by_name) is (sector in present), sector
        if sector in present:
            trace = by_name[name]
            assert trace.marker.color == SECTOR_COLOURS[sector]
            expected = {f"c:{entry.id}" for entry in ITEMS if entry.sector == sector}
            assert set(trace.customdata) == expected
    assert set(by_name[t("tree_no_sector", "th")].customdata) == {"c:20"}
    sector_names = [trace.name for trace in _node_traces(figure) if trace.name != LABELS["branches"]]
    assert len(sector_names) == len(set(sector_names)) == len(present) + 1


def test_every_item_is_drawn_once(figure: go.Figure) -> None:
    keys = [key for trace in _node_traces(figure) for key in trace.customdata if key.startswith("c:")]
    assert sorted(keys) == sorted(f"c:{entry.id}" for entry in ITEMS)


def test_the_labels_are_the_traces_text(figure: go.Figure, layout: TreeLayout) -> None:
    for node in layout.nodes:
        if node.item is None:
            continue
        trace, index = _trace_of(figure, node.item.id)
        assert trace.text[index] == "<br>".join(escape(line) for line in node.lines)
        assert _squash(_plain(trace.text[index])).rstrip("…") in _squash(node.item.text)
    trace, index = _trace_of(figure, 10)
    assert _squash(_plain(trace.text[index])) == _squash("กองทุนสวัสดิการชุมชนตำบลศิลา")


def test_a_contribution_s_markup_is_shown_as_text_not_run(figure: go.Figure) -> None:
    trace, index = _trace_of(figure, 1)
    for shown in (trace.text[index], trace.hovertext[index]):
        assert "<b>bold" not in shown
        assert "<script" not in shown
        assert "&lt;b&gt;bold&lt;/b&gt;" in shown
        assert "&amp;" in shown
    assert _squash(HOSTILE) in _squash(_plain(trace.hovertext[index]))
    everything = "\n".join(_strings(figure.to_plotly_json()))
    assert "<script" not in everything
    assert "<b>bold" not in everything
    assert "&lt;script&gt;" in everything


def test_the_hover_tells_the_full_text_kind_sector_and_how_many_raised_it(figure: go.Figure) -> None:
    for entry in ITEMS:
        trace, index = _trace_of(figure, entry.id)
        hover = trace.hovertext[index]
        assert _squash(entry.text) in _squash(_plain(hover)), entry.id
        assert t(f"kind_{entry.kind.value}", "th") in hover
        assert t("tree_raised_by", "th", count=entry.weight) in hover
        if entry.sector is not None:
            assert t(f"sector_{entry.sector.value}", "th") in hover
    trace, index = _trace_of(figure, 1)
    hover = trace.hovertext[index]
    assert t("tree_raised_by", "th", count=3) in hover
    assert f"{t('sector_state', 'th')} 2" in hover
    assert f"{t('sector_community', 'th')} 1" in hover


def test_the_figure_has_the_layout_s_size_and_keeps_its_view_between_updates(
    figure: go.Figure, layout: TreeLayout
) -> None:
    assert figure.layout.width == layout.width
    assert figure.layout.height == layout.height
    assert figure.layout.xaxis.range == (0, layout.width)
    assert figure.layout.yaxis.range == (0, layout.height)
    assert figure.layout.uirevision


def test_a_grown_canvas_gives_a_taller_figure() -> None:
    fruits = tuple(_item(100 + i, BENEFIT, f"สวัสดิการผู้สูงอายุ ลำดับที่ {i}", category="old_age") for i in range(60))
    layout = layout_tree(
        TreeData(fruits, (), LABELS), category_labels=category_labels("th"), more_label=str, height=600
    )
    figure = tree_figure(layout, labels=LABELS, lang="th")
    assert layout.height > 600
    assert figure.layout.height == layout.height


def test_the_ground_line_is_drawn_at_ground_level(figure: go.Figure, layout: TreeLayout) -> None:
    lines = [shape for shape in figure.layout.shapes if shape.type == "line"]
    assert any(
        shape.y0 == shape.y1 == layout.ground_y and shape.x0 <= 0 and shape.x1 >= layout.width for shape in lines
    )


def test_the_part_labels_caption_the_tree_with_the_forum_s_own_label(figure: go.Figure) -> None:
    captions = [_squash(_plain(annotation.text)) for annotation in figure.layout.annotations]
    assert _squash("ทุนชุมชน") in captions
    assert _squash(t("tree_part_roots", "th")) not in captions
    for key in ("trunk", "branches", "fruits"):
        assert _squash(LABELS[key]) in captions, key


def test_a_label_with_markup_is_escaped_in_the_captions() -> None:
    labels = part_labels({"trunk": "<i>ทุน</i> & <b>"}, "th")
    figure = tree_figure(_layout(DATA), labels=labels, lang="th")
    texts = [annotation.text for annotation in figure.layout.annotations]
    assert "<i>" not in "".join(texts)
    assert any(_squash(_plain(text)) == _squash("<i>ทุน</i> & <b>") for text in texts)


def test_the_lines_connect_roots_branches_and_paths(figure: go.Figure, layout: TreeLayout) -> None:
    lines = {trace.name: trace for trace in figure.data if trace.mode == "lines"}
    assert set(lines) == {"root", "branch", "path"}
    path_edges = [edge for edge in layout.edges if edge.kind == "path"]
    assert len(path_edges) == len(PATHS)
    # Each edge is drawn as one or more pieces (a line passing under a label is left out there),
    # and every piece still ends at the markers the edge joins.
    assert list(lines["path"].x).count(None) >= len(path_edges)
    assert list(lines["root"].x).count(None) >= 3
    drawn = set(zip(lines["path"].x, lines["path"].y, strict=True)) | set(
        zip(lines["root"].x, lines["root"].y, strict=True)
    )
    for edge in layout.edges:
        if edge.kind in ("path", "root"):
            assert edge.points[-1] in drawn


def test_an_empty_tree_draws_without_items() -> None:
    layout = _layout(TreeData((), (), LABELS))
    figure = tree_figure(layout, labels=LABELS, lang="th")
    assert _node_traces(figure) == []
    assert figure.layout.height == layout.height


def test_english_figures_use_english_names() -> None:
    figure = tree_figure(_layout(DATA), labels=part_labels({}, "en"), lang="en")
    names = {trace.name for trace in _node_traces(figure)}
    assert t("sector_state", "en") in names
    trace, index = _trace_of(figure, 1)
    assert t("tree_raised_by", "en", count=3) in trace.hovertext[index]


def _sankey(data: TreeData) -> go.Sankey:
    figure = sankey_figure(data, labels=LABELS, lang="th")
    (trace,) = figure.data
    assert trace.type == "sankey"
    return trace


def test_the_sankey_shows_only_the_items_on_paths() -> None:
    sankey = _sankey(DATA)
    on_paths = {i for path in PATHS for i in (path.root_id, path.fund_id, path.benefit_id) if i is not None}
    shown = {unescape(text) for text in sankey.node.customdata}
    assert shown == {entry.text for entry in ITEMS if entry.id in on_paths}
    assert "ข้อบัญญัติงบประมาณ อบต. ด้านสวัสดิการ" not in shown  # fund 11 is on no path
    assert len(sankey.node.label) == len(on_paths)
    assert all("<script" not in label for label in sankey.node.label)


def test_the_sankey_link_values_count_the_paths() -> None:
    sankey = _sankey(DATA)
    texts = [unescape(text) for text in sankey.node.customdata]
    by_text = {entry.text: entry.id for entry in ITEMS}
    flows = {
        (by_text[texts[s]], by_text[texts[t_]]): value
        for s, t_, value in zip(sankey.link.source, sankey.link.target, sankey.link.value, strict=True)
    }
    # Two paths run root 1 → fund 10; one each from fund 10 to benefits 20 and 21; root 2 → benefit 22 direct.
    assert flows == {(1, 10): 2, (10, 20): 1, (10, 21): 1, (2, 22): 1}


def test_the_sankey_title_names_the_forum_s_parts() -> None:
    title = sankey_figure(DATA, labels=LABELS, lang="th").layout.title.text
    assert "ทุนชุมชน" in unescape(title)
    assert LABELS["fruits"] in unescape(title)


def test_a_sankey_without_paths_has_no_links() -> None:
    figure = sankey_figure(TreeData(ITEMS, (), LABELS), labels=LABELS, lang="th")
    (sankey,) = figure.data
    assert len(sankey.link.value or ()) == 0
    assert len(sankey.node.label or ()) == 0
    figure.to_json()  # serialisable for the page


def test_a_sankey_of_an_empty_tree_has_no_links() -> None:
    (sankey,) = sankey_figure(TreeData((), (), LABELS), labels=LABELS, lang="th").data
    assert len(sankey.link.value or ()) == 0


def _legend_sizes(figure: go.Figure) -> tuple[float, float]:
    return figure.layout.legend.font.size, figure.layout.margin.t


def test_on_a_laptop_the_legend_is_small_and_the_figure_keeps_the_canvas_size(
    figure: go.Figure, layout: TreeLayout
) -> None:
    assert _legend_sizes(figure) == (LEGEND_PX, 0)
    assert figure.layout.height == layout.height


def test_read_from_afar_the_legend_is_as_large_as_the_labels_and_sits_above_the_tree() -> None:
    layout = _layout(DATA)
    bands = []
    for branches in ("กิ่ง", "หมวดสวัสดิการที่ชุมชนจัดให้สมาชิกตั้งแต่เกิดจนตาย" * 2):
        figure = tree_figure(layout, labels=part_labels({"branches": branches}, "th"), lang="th", min_font=20)
        px, band = _legend_sizes(figure)
        assert px >= 20
        # The legend grows up from the top of the canvas into a band of its own, as tall as its rows.
        assert (figure.layout.legend.y, figure.layout.legend.yanchor) == (1, "bottom")
        assert figure.layout.margin.autoexpand is False
        rows = _legend_rows([trace.name for trace in _node_traces(figure)], layout.width, px)
        assert rows >= 1 and band >= rows * 1.45 * px
        # The canvas keeps one pixel per layout unit below the band.
        assert figure.layout.height == layout.height + band
        assert figure.layout.yaxis.range == (0, layout.height)
        bands.append(band)
    assert bands[0] < bands[1]  # a forum's long part label takes another row


def test_a_long_legend_takes_more_rows() -> None:
    px = 20
    short = ["หน่วยงานรัฐ", "อื่น ๆ"]
    long = short + ["หมวดสวัสดิการที่ชุมชนจัดให้สมาชิก" * 2] * 3
    assert _legend_rows([], 1440, px) == 0
    assert _legend_rows(short, 1440, px) == 1
    assert _legend_rows(long, 1440, px) >= 3  # a grid of the widest entry: one a row


def _crowded(paths: int) -> TreeData:
    """`paths` separate causes, funds and benefits, each path its own chain (seeded texts)."""
    items = tuple(
        _item(1000 * part + i, kind, f"{ITEMS[i % len(ITEMS)].text} {i}")
        for part, kind in enumerate((ROOT, FUND, BENEFIT), 1)
        for i in range(paths)
    )
    chains = tuple(TreePath(1000 + i, 2000 + i, 3000 + i, "tie") for i in range(paths))
    return TreeData(items, chains, LABELS)


@pytest.mark.parametrize("paths", [3, 9, 12, 40])
def test_a_fitted_sankey_takes_the_screen_and_folds_what_does_not_fit(paths: int) -> None:
    width, height, px = 1440, 860, 20
    figure = sankey_figure(_crowded(paths), labels=LABELS, lang="th", width=width, height=height, min_font=px)
    (sankey,) = figure.data
    assert (figure.layout.width, figure.layout.height) == (width, height)
    assert sankey.textfont.size >= px and figure.layout.title.font.size >= px
    lines = max(label.count("<br>") + 1 for label in sankey.node.label)
    # Labels are centred on their nodes: a pad as tall as a label keeps them apart, and half a
    # label of margin above and below keeps the first and the last on the screen.
    label = lines * 1.45 * px
    assert sankey.node.pad >= label
    plot = height - figure.layout.margin.t - figure.layout.margin.b
    assert figure.layout.margin.t >= 50 + label / 2 - 1 and figure.layout.margin.b >= label / 2 - 1
    shown = len(sankey.node.label) // 3  # the three columns are alike here
    assert (shown - 1) * sankey.node.pad <= 2 / 3 * plot  # plotly.js narrows the pad past that
    more = [text for text in sankey.node.customdata if text.startswith("+")]
    if shown < paths:
        assert more == [t("tree_more", "th", count=paths - shown + 1)] * 3
    else:
        assert more == []
    if paths == 3:
        assert lines == 3  # few enough for three lines of each text
    assert sum(sankey.link.value) == 2 * paths  # every path still flows, through "+N more" if folded
