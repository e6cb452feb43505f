"""layout_tree: a pure, deterministic geometry for the welfare tree (no database)."""

import random
from collections import defaultdict
from dataclasses import replace

import pytest

from bench.tree_bench import synthetic_items
from facilitation.core.i18n import t
from facilitation.tree.categories import CATEGORY_KEYS, category_labels
from facilitation.tree.data import TreeData, TreeItem, TreePath, part_labels
from facilitation.tree.layout import CAP_PER_PART, DENSITIES, Edge, PlacedNode, TreeLayout, layout_tree
from facilitation.tree.view import draw_tree
from models import ContributionKind, Sector

KIND = {"root": ContributionKind.ROOT_CAUSE, "trunk": ContributionKind.FUND, "fruit": ContributionKind.BENEFIT}
PARTS = ("root", "trunk", "fruit")
POOL = synthetic_items(400)  # seeded: 130+ items of each part with real Thai texts
TEXTS = {
    "root": "ผู้ป่วยติดเตียงไม่มีรถไปตามนัดหมอที่โรงพยาบาลศูนย์",
    "trunk": "กองทุนสวัสดิการชุมชนตำบลศิลา ออมสัจจะวันละบาท",
    "fruit": "ค่านอนโรงพยาบาลคืนละ 200 บาท ปีละไม่เกิน 10 คืน",
}


def item(
    item_id: int,
    part: str,
    *,
    weight: int = 1,
    text: str | None = None,
    category: str | None = None,
    sector: Sector | None = Sector.COMMUNITY,
) -> TreeItem:
    if part == "fruit" and category is None:
        category = "sickness"
    return TreeItem(
        id=item_id,
        part=part,  # type: ignore[arg-type]
        kind=KIND[part],
        text=text or f"{TEXTS[part]} ({item_id})",
        weight=weight,
        sector=sector,
        sectors={sector: weight} if sector else {},
        category=category,
        merged_ids=(),
    )


def tree(items: list[TreeItem], paths: list[TreePath] | None = None) -> TreeData:
    return TreeData(items=tuple(items), paths=tuple(paths or ()), labels=part_labels({}, "th"))


def lay(data: TreeData, **size: float) -> TreeLayout:
    return layout_tree(
        data,
        category_labels=category_labels("th"),
        more_label=lambda count: t("tree_more", "th", count=count),
        **size,  # type: ignore[arg-type]
    )


def pool(part: str, count: int) -> list[TreeItem]:
    found = [entry for entry in POOL.items if entry.part == part][:count]
    assert len(found) == count
    return found


def per_part(count: int) -> TreeData:
    return tree([entry for part in PARTS for entry in pool(part, count)])


def one_category(count: int = 60) -> TreeData:
    return tree([replace(entry, category="old_age") for entry in pool("fruit", count)])


def all_categories(count: int = 60) -> TreeData:
    fruits = pool("fruit", count)
    return tree([replace(entry, category=CATEGORY_KEYS[i % len(CATEGORY_KEYS)]) for i, entry in enumerate(fruits)])


CASES = {
    "1 per part": lambda: per_part(1),
    "10 per part": lambda: per_part(10),
    "30 per part": lambda: per_part(30),
    "60 per part": lambda: per_part(60),
    "75 per part, capped": lambda: per_part(75),
    "60 fruits of one category": one_category,
    "60 fruits over all 10 categories": all_categories,
    "60 per part, all 10 categories": lambda: tree(
        [*pool("root", 60), *pool("trunk", 60), *all_categories().items],
    ),
}


@pytest.fixture(params=list(CASES), scope="module")
def case(request: pytest.FixtureRequest) -> tuple[TreeData, TreeLayout]:
    data = CASES[request.param]()
    return data, lay(data)


def _of(layout: TreeLayout, *parts: str) -> list[PlacedNode]:
    return [node for node in layout.nodes if node.part in parts]


def _overlapping(layout: TreeLayout) -> list[tuple[str, str]]:
    nodes = layout.nodes
    return [(a.key, b.key) for i, a in enumerate(nodes) for b in nodes[i + 1 :] if a.box.overlaps(b.box)]


def _spans(layout: TreeLayout) -> dict[str, tuple[float, float]]:
    """Each category's column span: from the left of its leftmost node to the right of its rightmost one."""
    members: dict[str, list[PlacedNode]] = defaultdict(list)
    for node in layout.nodes:
        if node.part == "branch":
            members[node.key.removeprefix("branch:")].append(node)
        elif node.part == "fruit" and node.item is not None:
            members[node.item.category or ""].append(node)
    return {key: (min(n.box.x0 for n in nodes), max(n.box.x1 for n in nodes)) for key, nodes in members.items()}


def test_the_cases_have_what_they_say() -> None:
    data = per_part(60)
    assert [sum(1 for entry in data.items if entry.part == part) for part in PARTS] == [60, 60, 60]
    assert {entry.category for entry in all_categories().items} == set(CATEGORY_KEYS)
    assert any("\u0e00" <= char <= "\u0e7f" for char in data.items[0].text)


def test_every_item_is_placed_once_up_to_the_cap(case: tuple[TreeData, TreeLayout]) -> None:
    data, layout = case
    keys = [node.key for node in layout.nodes]
    assert len(keys) == len(set(keys))
    for part in PARTS:
        count = sum(1 for entry in data.items if entry.part == part)
        assert len(_of(layout, part)) == min(count, CAP_PER_PART)


def test_roots_lie_below_the_ground_and_branches_and_fruits_above_the_crown(case: tuple[TreeData, TreeLayout]) -> None:
    _, layout = case
    assert 0 < layout.ground_y < layout.crown_y < layout.height
    for node in _of(layout, "root"):
        assert node.box.y1 <= layout.ground_y, node.key
    for node in _of(layout, "branch", "fruit"):
        assert node.box.y0 >= layout.crown_y, node.key
        assert node.box.y0 >= layout.trunk.y1, node.key  # above the trunk's top
    for node in _of(layout, "trunk"):
        assert layout.ground_y <= node.box.y0 and node.box.y1 <= layout.crown_y, node.key


def test_no_two_nodes_overlap(case: tuple[TreeData, TreeLayout]) -> None:
    _, layout = case
    assert _overlapping(layout) == []


def test_every_node_lies_inside_the_canvas_with_its_marker_inside_its_box(case: tuple[TreeData, TreeLayout]) -> None:
    _, layout = case
    for node in layout.nodes:
        box = node.box
        assert 0 <= box.x0 < box.x1 <= layout.width, node.key
        assert 0 <= box.y0 < box.y1 <= layout.height, node.key
        radius = node.marker_px / 2
        assert box.x0 <= node.x - radius and node.x + radius <= box.x1, node.key
        assert box.y0 <= node.y - radius and node.y + radius <= box.y1, node.key


def test_every_node_has_a_label_at_one_of_the_layout_sizes(case: tuple[TreeData, TreeLayout]) -> None:
    _, layout = case
    sizes = {density.font_px: density for density in DENSITIES}
    for node in layout.nodes:
        assert node.font_px in sizes
        assert 1 <= len(node.lines) <= max(d.lines for d in DENSITIES if d.font_px == node.font_px)
        assert all(line.strip() for line in node.lines), node.key


def test_the_same_data_always_gives_the_same_layout(case: tuple[TreeData, TreeLayout]) -> None:
    data, layout = case
    assert lay(data) == layout


def test_the_order_of_the_items_does_not_change_the_layout(case: tuple[TreeData, TreeLayout]) -> None:
    data, layout = case
    for seed in (1, 2):
        shuffled = list(data.items)
        random.Random(seed).shuffle(shuffled)
        assert shuffled != list(data.items) or len(shuffled) < 3
        assert lay(replace(data, items=tuple(shuffled))) == layout


def test_a_branch_stands_for_each_category_with_fruits_and_its_fruits_grow_over_it(
    case: tuple[TreeData, TreeLayout],
) -> None:
    _, layout = case
    fruits = [node for node in _of(layout, "fruit") if node.item is not None]
    categories = {node.item.category for node in fruits if node.item is not None}
    branches = {node.key.removeprefix("branch:"): node for node in _of(layout, "branch")}
    assert set(branches) == categories
    spans = _spans(layout)
    # Sectors of one tier (branch labels on one row) sit side by side: no column span reaches into another's.
    tiers: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for category, branch in branches.items():
        tiers[round(branch.y)].append(spans[category])
    for tier in tiers.values():
        ordered = sorted(tier)
        assert all(left[1] <= right[0] for left, right in zip(ordered, ordered[1:], strict=False)), ordered
    for node in fruits:
        assert node.item is not None
        category = node.item.category or ""
        low, high = spans[category]
        assert low <= node.box.cx <= high
        branch = branches[category]
        assert node.y > branch.y, node.key  # fruits hang above their branch
    for category, branch in branches.items():
        low, high = spans[category]
        assert low <= branch.x <= high


def test_the_fruits_of_one_category_share_one_branch() -> None:
    layout = lay(one_category())
    assert [node.key for node in _of(layout, "branch")] == ["branch:old_age"]
    assert len(_of(layout, "fruit")) == 60


def test_all_ten_categories_get_a_branch_in_catalogue_order() -> None:
    layout = lay(all_categories())
    branches = sorted(_of(layout, "branch"), key=lambda node: node.x)
    assert [node.key for node in branches] == [f"branch:{key}" for key in CATEGORY_KEYS]


def test_a_branch_is_labelled_with_its_category() -> None:
    layout = lay(tree([item(1, "fruit", category="education")]))
    branch = layout.node("branch:education")
    assert branch is not None and branch.item is None
    assert "".join(branch.lines).replace(" ", "") == category_labels("th")["education"].replace(" ", "")


def test_beyond_the_cap_the_lightest_roots_fold_into_one_more_node() -> None:
    rng = random.Random(7)
    roots = [item(i, "root", weight=rng.randint(1, 20)) for i in range(1, 76)]
    layout = lay(tree(roots))
    placed = _of(layout, "root")
    assert len(placed) == CAP_PER_PART
    more = layout.node("more:root")
    assert more is not None and more in placed
    assert more.item is None
    assert more.hidden_count == 75 - (CAP_PER_PART - 1) == 16
    kept_ids = {node.item.id for node in placed if node.item is not None}
    hidden = [entry for entry in roots if entry.id not in kept_ids]
    assert len(hidden) == 16
    assert more.weight == sum(entry.weight for entry in hidden)
    assert min(entry.weight for entry in roots if entry.id in kept_ids) >= max(entry.weight for entry in hidden)
    by_rank = sorted(roots, key=lambda entry: (-entry.weight, entry.id))
    assert kept_ids == {entry.id for entry in by_rank[: CAP_PER_PART - 1]}
    assert "".join(more.lines) == t("tree_more", "th", count=16)


@pytest.mark.parametrize("part", ["trunk", "fruit"])
def test_the_trunk_and_the_fruits_are_capped_too(part: str) -> None:
    items = [item(i, part, weight=1 + i % 5) for i in range(1, 76)]
    layout = lay(tree(items))
    assert len(_of(layout, part)) == CAP_PER_PART
    more = layout.node(f"more:{part}")
    assert more is not None
    assert (more.part, more.hidden_count) == (part, 16)
    assert _overlapping(layout) == []


def test_at_the_cap_nothing_is_folded() -> None:
    layout = lay(tree([item(i, "root") for i in range(1, CAP_PER_PART + 1)]))
    assert layout.node("more:root") is None
    assert len(_of(layout, "root")) == CAP_PER_PART


@pytest.mark.parametrize("part", PARTS)
def test_heavier_items_get_bigger_or_equal_markers(part: str) -> None:
    items = [item(i, part, weight=weight) for i, weight in enumerate([1, 9, 3, 3, 5, 2, 8, 1, 4], start=1)]
    layout = lay(tree(items))
    placed = sorted((n for n in _of(layout, part) if n.item is not None), key=lambda node: node.weight)
    sizes = [node.marker_px for node in placed]
    assert sizes == sorted(sizes)
    assert sizes[0] < sizes[-1]
    assert len({node.marker_px for node in placed if node.weight == 3}) == 1


def test_a_path_runs_from_the_root_marker_through_the_fund_to_the_fruit_marker() -> None:
    data = tree(
        [item(1, "root"), item(2, "root"), item(3, "trunk"), item(4, "fruit"), item(5, "fruit", category="housing")],
        [TreePath(2, 3, 5, "tie")],
    )
    layout = lay(data)
    paths = [edge for edge in layout.edges if edge.kind == "path"]
    root, fund, fruit = (layout.node(f"c:{i}") for i in (2, 3, 5))
    assert root is not None and fund is not None and fruit is not None
    assert paths == [Edge("path", ((root.x, root.y), (fund.x, fund.y), (fruit.x, fruit.y)))]


def test_a_path_without_a_fund_still_runs_up_the_trunk() -> None:
    layout = lay(tree([item(1, "root"), item(2, "fruit")], [TreePath(1, None, 2, "action")]))
    (path,) = [edge for edge in layout.edges if edge.kind == "path"]
    root, fruit = layout.node("c:1"), layout.node("c:2")
    assert root is not None and fruit is not None
    assert path.points[0] == (root.x, root.y)
    assert path.points[-1] == (fruit.x, fruit.y)
    assert len(path.points) == 3
    x, y = path.points[1]
    assert x == layout.trunk_x and layout.ground_y < y < layout.crown_y


def test_a_path_of_a_fund_and_a_benefit_starts_at_the_fund() -> None:
    layout = lay(tree([item(1, "trunk"), item(2, "fruit")], [TreePath(None, 1, 2, "tie")]))
    fund, fruit = layout.node("c:1"), layout.node("c:2")
    assert fund is not None and fruit is not None
    assert [edge.points for edge in layout.edges if edge.kind == "path"] == [((fund.x, fund.y), (fruit.x, fruit.y))]


def test_a_path_never_runs_into_a_more_node() -> None:
    # 70 heavy fruits and funds fill their parts: the light fruits 98, 99 and the light fund 298 fold.
    fruits = [item(i, "fruit", weight=5) for i in range(1, 71)]
    funds = [item(i, "trunk", weight=5) for i in range(201, 271)]
    light = [item(98, "fruit"), item(99, "fruit"), item(298, "trunk")]
    paths = [
        TreePath(100, None, 99, "tie"),  # only the cause is shown: no line
        TreePath(101, 201, 99, "tie"),  # the benefit is folded: the cause to its fund
        TreePath(101, 201, 98, "tie"),  # ... the same stretch again: drawn once
        TreePath(100, 298, 1, "tie"),  # the fund is folded: up the trunk, as with no fund named
    ]
    layout = lay(tree([item(100, "root", weight=3), item(101, "root", weight=3), *fruits, *funds, *light], paths))
    assert all(layout.node(f"c:{folded}") is None for folded in (98, 99, 298))
    more = {(node.x, node.y) for node in layout.nodes if node.key.startswith("more:")}
    assert len(more) == 2
    at = {key: (node.x, node.y) for key in ("c:100", "c:101", "c:201", "c:1") if (node := layout.node(key))}
    middle = (layout.trunk_x, (layout.ground_y + layout.crown_y) / 2)
    drawn = [edge.points for edge in layout.edges if edge.kind == "path"]
    assert sorted(drawn) == sorted([(at["c:101"], at["c:201"]), (at["c:100"], middle, at["c:1"])])
    assert not more & {point for points in drawn for point in points}


def test_root_edges_start_where_the_trunk_meets_the_ground() -> None:
    layout = lay(per_part(10))
    edges = [edge for edge in layout.edges if edge.kind == "root"]
    roots = _of(layout, "root")
    assert len(edges) == len(roots) == 10
    assert {edge.points[0] for edge in edges} == {(layout.trunk_x, layout.ground_y)}
    assert {edge.points[-1] for edge in edges} == {(node.x, node.y) for node in roots}
    branches = [edge for edge in layout.edges if edge.kind == "branch"]
    assert {edge.points[0] for edge in branches} == {(layout.trunk_x, layout.crown_y)}
    assert len(branches) == len(_of(layout, "branch"))


def test_the_trunk_stands_between_the_ground_and_the_crown() -> None:
    layout = lay(per_part(30))
    assert (layout.trunk.y0, layout.trunk.y1) == (layout.ground_y, layout.crown_y)
    assert layout.trunk.x0 < layout.trunk_x < layout.trunk.x1
    for node in _of(layout, "trunk"):
        assert layout.trunk.x0 <= node.box.x0 and node.box.x1 <= layout.trunk.x1, node.key


def test_an_empty_tree_has_a_layout() -> None:
    layout = lay(tree([]))
    assert layout.nodes == ()
    assert layout.edges == ()
    assert (layout.width, layout.height) == (1400, 1000)
    assert 0 < layout.ground_y < layout.crown_y < layout.height
    assert layout.node("c:1") is None


def test_a_canvas_too_small_grows_taller_and_still_nothing_overlaps() -> None:
    layout = lay(one_category(), height=600)
    assert layout.height > 600
    assert len(_of(layout, "fruit")) == 60
    assert _overlapping(layout) == []
    for node in layout.nodes:
        assert node.box.y0 >= layout.crown_y and node.box.y1 <= layout.height, node.key


def test_a_canvas_that_fits_keeps_the_size_asked_for() -> None:
    layout = lay(per_part(10), width=1440, height=780)
    assert (layout.width, layout.height) == (1440, 780)
    assert _overlapping(layout) == []


def test_an_item_without_an_author_or_a_category_is_placed() -> None:
    data = tree([item(1, "root", sector=None), replace(item(2, "fruit"), category=None)])
    layout = lay(data)
    assert layout.node("c:1") is not None
    assert layout.node("c:2") is not None
    assert _overlapping(layout) == []


@pytest.mark.parametrize("width", [600, 800, 1000])
@pytest.mark.parametrize("count", [40, 180])
def test_narrow_canvases_wrap_branches_into_tiers_without_overlap(width: int, count: int) -> None:
    """A phone-width canvas cannot hold ten branches side by side: they stack in tiers, nothing collides."""
    data = synthetic_items(count)
    layout = draw_tree(data, lang="th", width=width).layout
    boxes = [node.box for node in layout.nodes]
    assert not [(a, b) for index, a in enumerate(boxes) for b in boxes[index + 1 :] if a.overlaps(b)]
    assert all(0 <= b.x0 and b.x1 <= layout.width and 0 <= b.y0 and b.y1 <= layout.height for b in boxes)
    branches = [node for node in layout.nodes if node.part == "branch"]
    assert len({round(node.y) for node in branches}) >= 2  # more than one tier of branch labels
