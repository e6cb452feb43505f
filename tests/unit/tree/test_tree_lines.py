"""The projector's tree: labels large enough for a hall, and no line drawn across a label."""

import random
from dataclasses import replace
from math import dist

import pytest
from sqlalchemy import Engine

from bench.tree_bench import synthetic_items
from facilitation.core.db import make_engine, read_session, write_session
from facilitation.core.i18n import t
from facilitation.core.migrate import upgrade
from facilitation.sample.load import load_sample_forum
from facilitation.tree.categories import category_labels
from facilitation.tree.data import TreeData, TreePath, tree_data
from facilitation.tree.layout import STRAY_PX, Box, TreeLayout, _inside, drawn_lines, label_box, layout_tree
from models import saved_id

PROJECTOR = {"width": 1440, "height": 780, "min_font": 20}
PAGE = {"width": 1400, "height": 1000}
PARTS = ("root", "trunk", "fruit")
KINDS = ("root", "branch", "path")


def _lay(data: TreeData, **size: float) -> TreeLayout:
    return layout_tree(
        data,
        category_labels=category_labels("th"),
        more_label=lambda count: t("tree_more", "th", count=count),
        **size,  # type: ignore[arg-type]
    )


def _big_forum(count: int = 400, paths: int = 120) -> TreeData:
    """Hundreds of items of every part and many paths between them (seeded), mostly between shown items."""
    data = synthetic_items(count)
    rng = random.Random(7)
    # The heaviest items are the ones a folded tree shows: paths between them are the lines drawn.
    ids = {part: [item.id for item in data.items if item.part == part and item.weight >= 8] for part in PARTS}
    drawn = {
        TreePath(rng.choice(ids["root"]), rng.choice([*ids["trunk"], None]), rng.choice(ids["fruit"]), "tie")
        for _ in range(paths)
    }
    return TreeData(items=data.items, paths=tuple(sorted(drawn, key=str)), labels=data.labels)


@pytest.fixture(scope="module")
def sample() -> TreeData:
    engine: Engine = make_engine("sqlite://")
    upgrade(engine)
    with write_session(engine) as session:
        forum_id = saved_id(load_sample_forum(session=session).forum)
    with read_session(engine) as session:
        return tree_data(session=session, forum_id=forum_id, lang="th")


def _crossings(layout: TreeLayout) -> list[tuple[str, str]]:
    """(line kind, node key) for every drawn piece of line that runs into a label's box."""
    found = []
    for kind in ("root", "branch", "path"):
        for piece in drawn_lines(layout, kind):
            for segment in zip(piece, piece[1:], strict=False):
                for node in layout.nodes:
                    box = label_box(node)
                    inner = Box(box.x0 + 0.5, box.y0 + 0.5, box.x1 - 0.5, box.y1 - 0.5)
                    stretch = _inside(segment, inner)
                    if stretch is not None and stretch[1] - stretch[0] > 1e-9:
                        found.append((kind, node.key))
    return found


def test_the_sample_forum_has_paths_to_draw(sample: TreeData) -> None:
    assert sample.paths and len(sample.items) > 20


@pytest.mark.parametrize("size", [PROJECTOR, {"width": 1400, "height": 1000}], ids=["projector", "tree page"])
def test_no_line_crosses_a_label_in_the_sample_forum(sample: TreeData, size: dict[str, float]) -> None:
    layout = _lay(sample, **size)
    assert any(drawn_lines(layout, "path"))
    assert _crossings(layout) == []


@pytest.mark.parametrize("size", [PROJECTOR, {"width": 1400, "height": 1000}], ids=["projector", "tree page"])
def test_no_line_crosses_a_label_in_a_big_forum(size: dict[str, float]) -> None:
    layout = _lay(_big_forum(), **size)
    assert len(drawn_lines(layout, "path")) > 50
    assert _crossings(layout) == []


def test_every_drawn_edge_still_reaches_its_markers(sample: TreeData) -> None:
    layout = _lay(sample, **PROJECTOR)
    for kind in ("root", "branch", "path"):
        ends = {point for piece in drawn_lines(layout, kind) for point in piece}
        for edge in layout.edges:
            if edge.kind == kind:
                assert edge.points[-1] in ends


@pytest.mark.parametrize("data", ["sample", "big"])
def test_projector_labels_are_at_least_20_px_and_the_canvas_keeps_its_size(sample: TreeData, data: str) -> None:
    layout = _lay(sample if data == "sample" else _big_forum(), **PROJECTOR)
    assert (layout.width, layout.height) == (1440, 780)
    assert layout.nodes and min(node.font_px for node in layout.nodes) >= 20
    boxes = [node.box for node in layout.nodes]
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if a.overlaps(b)]
    for node in layout.nodes:
        assert 0 <= node.box.x0 and node.box.x1 <= layout.width and 0 <= node.box.y0 and node.box.y1 <= layout.height


def test_what_does_not_fit_at_20_px_folds_into_more_nodes() -> None:
    data = _big_forum()
    layout = _lay(data, **PROJECTOR)
    shown = sum(1 for node in layout.nodes if node.item is not None)
    assert layout.folded > 0
    assert shown + layout.folded == len(data.items)
    assert {node.key for node in layout.nodes if node.key.startswith("more:")} == {
        "more:root",
        "more:trunk",
        "more:fruit",
    }


def test_folding_to_fit_keeps_the_newest_of_items_raised_as_often() -> None:
    fruits = [replace(item, weight=1) for item in synthetic_items(400).items if item.part == "fruit"]
    layout = _lay(TreeData(items=tuple(fruits), paths=(), labels=synthetic_items(1).labels), **PROJECTOR)
    shown = sorted(node.item.id for node in layout.nodes if node.item is not None)
    assert layout.folded > 0
    assert shown == sorted(item.id for item in fruits)[-len(shown) :]  # the newest are on the tree


def _length(piece: tuple[tuple[float, float], ...]) -> float:
    return sum(dist(a, b) for a, b in zip(piece, piece[1:], strict=False))


@pytest.mark.parametrize("size", [PROJECTOR, PAGE], ids=["projector", "tree page"])
@pytest.mark.parametrize("count", [60, 400])
def test_no_stray_dash_is_left_between_labels(size: dict[str, float], count: int) -> None:
    """A piece of line cut off by labels at both ends is long enough to follow; pieces at an edge's ends stay."""
    layout = _lay(_big_forum(count, count // 3), **size)
    stops = {point for edge in layout.edges for point in edge.points}
    pieces = [piece for kind in KINDS for piece in drawn_lines(layout, kind)]
    dashes = [
        round(_length(p), 1) for p in pieces if p[0] not in stops and p[-1] not in stops and _length(p) < STRAY_PX
    ]
    assert pieces and dashes == []


@pytest.mark.parametrize("size", [PROJECTOR, PAGE], ids=["projector", "tree page"])
def test_no_path_runs_into_a_more_node(size: dict[str, float]) -> None:
    """A "+N more" node stands for many unrelated items: the paths to them end at what is shown."""
    layout = _lay(_big_forum(), **size)
    more = {(node.x, node.y) for node in layout.nodes if node.hidden_count}
    paths = [edge.points for edge in layout.edges if edge.kind == "path"]
    assert more and paths
    assert [points for points in paths if more & set(points)] == []
    assert len(paths) == len(set(paths))  # paths that show the same stretch draw it once
    shown = {(node.x, node.y) for node in layout.nodes if node.item is not None}
    middle = (layout.trunk_x, (layout.ground_y + layout.crown_y) / 2)
    assert {point for points in paths for point in points} <= shown | {middle}
