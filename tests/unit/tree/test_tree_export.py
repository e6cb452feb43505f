"""tree_export: the tree as PNG and SVG (kaleido driving the system Chromium) and as one offline HTML file."""

import io
import json
import re
from html import escape
from pathlib import Path

import plotly.graph_objects as go
import pytest
from PIL import Image

from facilitation.tree.data import TreeData, TreeItem, TreePath, part_labels
from facilitation.tree.export import figure_html, figure_image, image_browser
from facilitation.tree.view import TreeView, draw_tree
from models import ContributionKind, Sector

FUND_TEXT = "กองทุนสวัสดิการชุมชนตำบลศิลา"
ROOT_TEXT = "ไม่มีรถไปหาหมอ"
BENEFIT_TEXT = "ค่านอนโรงพยาบาล"
OWN_LABEL = "ทุนชุมชน"
WIDTH, HEIGHT = 900, 640


def _item(item_id: int, kind: ContributionKind, text: str, category: str | None = None) -> TreeItem:
    part = {
        ContributionKind.ROOT_CAUSE: "root",
        ContributionKind.FUND: "trunk",
        ContributionKind.BENEFIT: "fruit",
    }[kind]
    return TreeItem(
        item_id,
        part,
        kind,
        text,
        1,
        Sector.COMMUNITY,
        {Sector.COMMUNITY: 1},
        category,
        (),  # type: ignore[arg-type]
    )


def test_a_browser_for_images_is_found() -> None:
    assert image_browser() is not None


@pytest.fixture(scope="module")
def view() -> TreeView:
    data = TreeData(
        items=(
            _item(1, ContributionKind.ROOT_CAUSE, ROOT_TEXT),
            _item(2, ContributionKind.FUND, FUND_TEXT),
            _item(3, ContributionKind.BENEFIT, BENEFIT_TEXT, "sickness"),
        ),
        paths=(TreePath(1, 2, 3, "tie"),),
        labels=part_labels({"roots": OWN_LABEL}, "th"),
    )
    drawn = draw_tree(data, lang="th", width=WIDTH, height=HEIGHT)
    assert drawn.layout.height == HEIGHT  # three items fit: the canvas keeps its size
    return drawn


@pytest.fixture(scope="module")
def figure(view: TreeView) -> go.Figure:
    return view.tree


@pytest.fixture(scope="module")
def png(figure: go.Figure) -> bytes:
    return figure_image(figure, "png")


@pytest.fixture(scope="module")
def svg(figure: go.Figure) -> str:
    image = figure_image(figure, "svg")
    assert isinstance(image, bytes)
    return image.decode("utf-8")


@pytest.fixture(scope="module")
def page(figure: go.Figure) -> str:
    made = figure_html(figure, title="ต้นไม้สวัสดิการ <ศิลา> & เพื่อน")
    assert isinstance(made, bytes)
    return made.decode("utf-8")


def _in_text(text: str, document: str) -> bool:
    """`text` is in `document` as is, XML-escaped, or as a JSON string's escaped body."""
    return any(form in document for form in (text, escape(text), json.dumps(text)[1:-1]))


def test_png_is_a_png_at_twice_the_figure_s_size(png: bytes) -> None:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        assert image.size == (WIDTH * 2, HEIGHT * 2)
        # Not a blank page: the tree's colours are drawn on the white background.
        assert len(image.convert("RGB").getcolors(maxcolors=1_000_000) or ()) > 10


def test_svg_is_an_svg_of_the_figure_with_its_thai_labels(svg: str, view: TreeView) -> None:
    assert "<svg" in svg
    assert f'width="{WIDTH}"' in svg and f'height="{HEIGHT}"' in svg
    labels = {node.key: node.lines for node in view.layout.nodes}
    assert "".join(labels["c:2"]) == FUND_TEXT  # shown whole, over more than one line
    for key in ("c:1", "c:2", "c:3"):
        for line in labels[key]:
            assert _in_text(line, svg), line
    assert _in_text(OWN_LABEL, svg)


def test_html_is_a_whole_page_with_the_title_escaped(page: str) -> None:
    assert "<html" in page
    assert "<title>ต้นไม้สวัสดิการ &lt;ศิลา&gt; &amp; เพื่อน</title>" in page
    assert "<ศิลา>" not in page
    assert "charset" in page.split("</head>", 1)[0]


def test_html_carries_plotly_js_inline_and_fetches_nothing(page: str) -> None:
    assert "plotly.js v" in page  # the bundle's own header: embedded, not linked
    assert "Plotly.newPlot" in page
    assert not re.search(r"<script[^>]*\bsrc\s*=", page)
    markup = re.sub(r"<script\b[^>]*>.*?</script>", "", page, flags=re.DOTALL)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", markup)
    assert "<link" not in markup
    # The only mention of Plotly's CDN is the bundle's default map-data address, used by geo charts alone.
    for found in re.finditer(r"cdn\.plot\.ly", page):
        around = page[found.start() - 100 : found.end() + 1]
        assert re.search(r'topojsonURL:\{[^{}]*dflt:"https://cdn\.plot\.ly/', around), around


def test_html_holds_the_tree_s_labels(page: str) -> None:
    for text in (FUND_TEXT, ROOT_TEXT, BENEFIT_TEXT, OWN_LABEL):
        assert _in_text(text, page), text


def test_image_browser_follows_browser_path_and_reports_none_when_missing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """BROWSER_PATH wins when it exists; a missing one means no PNG/SVG export (buttons disabled)."""
    fake = tmp_path / "chrome"
    fake.write_text("#!/bin/sh\n")
    monkeypatch.setenv("BROWSER_PATH", str(fake))
    assert image_browser() == str(fake)
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "missing"))
    assert image_browser() is None
    monkeypatch.delenv("BROWSER_PATH")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert image_browser() is None
