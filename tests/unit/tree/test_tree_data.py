"""tree_data: the welfare tree's items, weights, sectors, categories, paths and labels."""

import pytest
from sqlalchemy import Engine

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import ForumNotFound
from facilitation.forum.contributions import add_contribution, withdraw_contribution
from facilitation.forum.plans import create_action_item
from facilitation.sample.load import load_sample_forum
from facilitation.tree.admin import merge, recategorise, set_category, set_in_tree, set_tree_labels, tie
from facilitation.tree.data import TreeItem, TreePath, tree_data
from models import ContributionCreate, ContributionKind, Forum, Participant, Sector, saved_id
from tests.factories import join, make_forum, post
from tests.unit.helpers import admin, item_data, make_item, post_anonymous, tree

ROOT, FUND, BENEFIT, OTHER = (
    ContributionKind.ROOT_CAUSE,
    ContributionKind.FUND,
    ContributionKind.BENEFIT,
    ContributionKind.OTHER,
)


@pytest.fixture
def forum(engine: Engine) -> Forum:
    return make_forum(engine).forum


@pytest.fixture
def forum_id(forum: Forum) -> int:
    return saved_id(forum)


def _person(engine: Engine, forum: Forum, name: str, sector: Sector = Sector.COMMUNITY) -> Participant:
    return join(engine, forum.code, name=name, sector=sector).participant


def _item(engine: Engine, forum_id: int, contribution_id: int | None) -> TreeItem:
    return next(item for item in tree(engine, forum_id).items if item.id == contribution_id)


def _ids(engine: Engine, forum_id: int) -> set[int]:
    return {item.id for item in tree(engine, forum_id).items}


def _withdraw(engine: Engine, participant: Participant, contribution_id: int | None) -> None:
    with write_session(engine) as session:
        withdraw_contribution(session=session, participant=participant, contribution_id=contribution_id or 0)


def test_an_empty_forum_has_an_empty_tree_with_default_labels(engine: Engine, forum_id: int) -> None:
    """No contributions: no items, no paths, the catalogue's labels."""
    data = tree(engine, forum_id)
    assert (data.items, data.paths) == ((), ())
    assert data.labels["roots"] == "ราก (รากเหง้าปัญหา)"


def test_an_unknown_forum_is_not_found(engine: Engine) -> None:
    """tree_data on a forum id that does not exist raises ForumNotFound."""
    with read_session(engine) as session, pytest.raises(ForumNotFound):
        tree_data(session=session, forum_id=999, lang="th")


def test_each_kind_sits_on_its_part_and_other_is_left_off(engine: Engine, forum: Forum, forum_id: int) -> None:
    """Root causes are roots, funds the trunk, benefits fruits; kind OTHER is not on the tree."""
    somsri = _person(engine, forum, "สมศรี")
    root = post(engine, somsri, "ไม่มีรถไปหาหมอ", ROOT)
    fund = post(engine, somsri, "กองทุนสัจจะวันละบาท", FUND)
    benefit = post(engine, somsri, "นอนโรงพยาบาลคืนละ 200 บาท", BENEFIT)
    post(engine, somsri, "ขอเวทีติดตามทุก 3 เดือน", OTHER)
    items = tree(engine, forum_id).items
    assert [(item.id, item.part, item.kind) for item in items] == [
        (root.id, "root", ROOT),
        (fund.id, "trunk", FUND),
        (benefit.id, "fruit", BENEFIT),
    ]
    assert items[0].text == "ไม่มีรถไปหาหมอ"
    assert all(item.merged_ids == () for item in items)


def test_weight_counts_distinct_people_including_merged_duplicates(engine: Engine, forum: Forum, forum_id: int) -> None:
    """Two people on one item plus a duplicate from a third, merged in, weigh 3."""
    a, b, c = (_person(engine, forum, name) for name in ("ก", "ข", "ค"))
    keep = post(engine, a, "ไม่มีรถ")
    second = post(engine, b, "ไม่มีรถ")  # the same words from another person: a row of its own
    duplicate = post(engine, c, "ไม่มีรถโดยสารเข้าหมู่บ้าน")
    assert len(tree(engine, forum_id).items) == 3
    admin(engine, merge, forum_id, keep_id=keep.id, duplicate_ids=[second.id, duplicate.id])
    node = _item(engine, forum_id, keep.id)
    assert node.weight == 3
    assert node.merged_ids == (second.id, duplicate.id)
    assert _ids(engine, forum_id) == {keep.id}


def test_one_person_raising_a_point_twice_weighs_one(engine: Engine, forum: Forum, forum_id: int) -> None:
    """Merging two items by the same author counts the author once."""
    a = _person(engine, forum, "ก")
    keep, again = post(engine, a, "หนี้นอกระบบ"), post(engine, a, "ติดหนี้นอกระบบดอกแพง")
    admin(engine, merge, forum_id, keep_id=keep.id, duplicate_ids=[again.id])
    assert _item(engine, forum_id, keep.id).weight == 1


def test_entries_without_an_author_each_count_as_one_raiser(engine: Engine, forum: Forum, forum_id: int) -> None:
    """Two anonymous entries merged into one person's item weigh 3 and have no sector of their own."""
    a = _person(engine, forum, "ก", Sector.STATE)
    keep = post(engine, a, "ไม่มีรถ")
    first = post_anonymous(engine, forum_id, "ไม่มีรถ (จากกระดาษ)", ROOT)
    second = post_anonymous(engine, forum_id, "ไม่มีรถ (จากกระดาษ 2)", ROOT)
    admin(engine, merge, forum_id, keep_id=keep.id, duplicate_ids=[first.id, second.id])
    node = _item(engine, forum_id, keep.id)
    assert (node.weight, node.sector, node.sectors) == (3, Sector.STATE, {Sector.STATE: 1})


def test_an_item_with_no_author_has_no_sector(engine: Engine, forum_id: int) -> None:
    """An anonymous item weighs 1 and has sector None and no sector counts."""
    alone = post_anonymous(engine, forum_id, "ไม่มีรถ", ROOT)
    node = _item(engine, forum_id, alone.id)
    assert (node.weight, node.sector, node.sectors) == (1, None, {})


def test_sector_is_the_most_common_among_the_raisers(engine: Engine, forum: Forum, forum_id: int) -> None:
    """Two community members and one state officer: community, with counts per sector in Sector order."""
    state = _person(engine, forum, "รัฐ", Sector.STATE)
    first = _person(engine, forum, "ชุมชน 1", Sector.COMMUNITY)
    second = _person(engine, forum, "ชุมชน 2", Sector.COMMUNITY)
    keep = post(engine, state, "ไม่มีรถ")
    duplicates = [post(engine, first, "ไม่มีรถ ๑").id, post(engine, second, "ไม่มีรถ ๒").id]
    admin(engine, merge, forum_id, keep_id=keep.id, duplicate_ids=duplicates)
    node = _item(engine, forum_id, keep.id)
    assert node.sector == Sector.COMMUNITY
    assert node.sectors == {Sector.STATE: 1, Sector.COMMUNITY: 2}
    assert list(node.sectors) == [Sector.STATE, Sector.COMMUNITY]


@pytest.mark.parametrize(
    ("sectors", "expected"),
    [
        ((Sector.COMMUNITY, Sector.STATE), Sector.STATE),
        ((Sector.ACADEMIC, Sector.LOCAL_GOVERNMENT), Sector.LOCAL_GOVERNMENT),
        ((Sector.OTHER, Sector.PUBLIC_BENEFIT, Sector.OTHER, Sector.PUBLIC_BENEFIT), Sector.PUBLIC_BENEFIT),
    ],
)
def test_a_sector_tie_goes_to_the_first_in_sector_order(
    engine: Engine, forum: Forum, forum_id: int, sectors: tuple[Sector, ...], expected: Sector
) -> None:
    """Equal counts: the sector listed first in Sector wins, whoever posted first."""
    posted = [post(engine, _person(engine, forum, f"คน {i}", s), f"ไม่มีรถ {i}") for i, s in enumerate(sectors)]
    admin(engine, merge, forum_id, keep_id=posted[0].id, duplicate_ids=[p.id for p in posted[1:]])
    assert _item(engine, forum_id, posted[0].id).sector == expected


def test_withdrawn_hidden_and_off_tree_items_are_left_off(engine: Engine, forum: Forum, forum_id: int) -> None:
    """Only visible items the facilitator has not taken off the tree are items."""
    a = _person(engine, forum, "ก")
    kept, withdrawn, hidden, off = (post(engine, a, text) for text in ("คงไว้", "ถอนแล้ว", "ซ่อนโดยผู้ดูแล", "เอาออกจากต้นไม้"))
    _withdraw(engine, a, withdrawn.id)
    admin(engine, set_in_tree, forum_id, contribution_id=hidden.id, shown=False)
    admin(engine, set_in_tree, forum_id, contribution_id=off.id, shown=False)
    assert _ids(engine, forum_id) == {kept.id}
    admin(engine, set_in_tree, forum_id, contribution_id=off.id, shown=True)
    assert _ids(engine, forum_id) == {kept.id, off.id}


def test_a_withdrawn_duplicate_no_longer_counts(engine: Engine, forum: Forum, forum_id: int) -> None:
    """When the author of a merged duplicate withdraws it, the node loses that person."""
    a, b = _person(engine, forum, "ก"), _person(engine, forum, "ข")
    keep, duplicate = post(engine, a, "ไม่มีรถ"), post(engine, b, "ไม่มีรถเหมือนกัน")
    admin(engine, merge, forum_id, keep_id=keep.id, duplicate_ids=[duplicate.id])
    _withdraw(engine, b, duplicate.id)
    node = _item(engine, forum_id, keep.id)
    assert (node.weight, node.merged_ids) == (1, ())


def test_duplicates_follow_their_node_off_the_tree(engine: Engine, forum: Forum, forum_id: int) -> None:
    """A node the facilitator hides takes its duplicates with it; they do not reappear on their own."""
    a, b = _person(engine, forum, "ก"), _person(engine, forum, "ข")
    keep, duplicate = post(engine, a, "ไม่มีรถ"), post(engine, b, "ไม่มีรถเหมือนกัน")
    admin(engine, merge, forum_id, keep_id=keep.id, duplicate_ids=[duplicate.id])
    admin(engine, set_in_tree, forum_id, contribution_id=keep.id, shown=False)
    assert _ids(engine, forum_id) == set()


def test_a_withdrawn_node_s_duplicates_stay_on_the_tree(engine: Engine, forum: Forum, forum_id: int) -> None:
    """The author of the kept post withdraws it: the people who said the same thing are still counted."""
    a, b = _person(engine, forum, "ก"), _person(engine, forum, "ข")
    keep, duplicate = post(engine, a, "ไม่มีรถ"), post(engine, b, "ไม่มีรถเหมือนกัน")
    admin(engine, merge, forum_id, keep_id=keep.id, duplicate_ids=[duplicate.id])
    _withdraw(engine, a, keep.id)
    node = _item(engine, forum_id, duplicate.id)
    assert (node.weight, node.merged_ids) == (1, ())
    assert _ids(engine, forum_id) == {duplicate.id}


def test_a_merged_duplicate_counts_even_if_it_was_taken_off_the_tree(
    engine: Engine, forum: Forum, forum_id: int
) -> None:
    """in_tree is about showing a node; a duplicate folded into a shown node still adds its author."""
    a, b = _person(engine, forum, "ก"), _person(engine, forum, "ข")
    keep, duplicate = post(engine, a, "ไม่มีรถ"), post(engine, b, "ไม่มีรถเหมือนกัน")
    admin(engine, set_in_tree, forum_id, contribution_id=duplicate.id, shown=False)
    admin(engine, merge, forum_id, keep_id=keep.id, duplicate_ids=[duplicate.id])
    assert _item(engine, forum_id, keep.id).weight == 2


def test_fruits_get_a_suggested_category_that_the_facilitator_can_override(
    engine: Engine, forum: Forum, forum_id: int
) -> None:
    """A benefit's category is the suggestion until the facilitator picks one; roots and funds have none."""
    a = _person(engine, forum, "ก")
    benefit = post(engine, a, "นอนโรงพยาบาลได้คืนละ 200 บาท", BENEFIT)
    root = post(engine, a, "นอนโรงพยาบาลไกล", ROOT)
    fund = post(engine, a, "ทุนการศึกษาจาก อบต.", FUND)
    assert _item(engine, forum_id, benefit.id).category == "sickness"
    assert _item(engine, forum_id, root.id).category is None
    assert _item(engine, forum_id, fund.id).category is None
    admin(engine, set_category, forum_id, contribution_id=benefit.id, category="old_age")
    assert _item(engine, forum_id, benefit.id).category == "old_age"
    admin(engine, set_category, forum_id, contribution_id=benefit.id, category=None)
    assert _item(engine, forum_id, benefit.id).category == "sickness"


def test_items_are_ordered_by_part_then_weight_then_id(engine: Engine, forum: Forum, forum_id: int) -> None:
    """Roots, trunk, fruits; within a part the heaviest first, then the oldest."""
    a, b = _person(engine, forum, "ก"), _person(engine, forum, "ข")
    fruit = post(engine, a, "ทุนการศึกษา", BENEFIT)
    light = post(engine, a, "หนี้", ROOT)
    fund = post(engine, a, "กองทุนสัจจะ", FUND)
    heavy = post(engine, a, "ไม่มีรถ", ROOT)
    also_light = post(engine, b, "ลูกหลานไปทำงานไกล", ROOT)
    admin(engine, merge, forum_id, keep_id=heavy.id, duplicate_ids=[post(engine, b, "ไม่มีรถด้วย").id])
    assert [item.id for item in tree(engine, forum_id).items] == [
        heavy.id,
        light.id,
        also_light.id,
        fund.id,
        fruit.id,
    ]


def test_the_same_data_gives_an_equal_tree(engine: Engine) -> None:
    """Reading the sample twice gives equal TreeData, items and paths in the same order."""
    with write_session(engine) as session:
        forum_id = saved_id(load_sample_forum(session=session).forum)
    first, second = tree(engine, forum_id), tree(engine, forum_id)
    assert first == second
    assert list(first.paths) == sorted(first.paths, key=lambda p: (p.root_id or 0, p.fund_id or 0, p.benefit_id or 0))


def test_an_action_item_answering_all_three_parts_is_a_full_path(engine: Engine, forum: Forum, forum_id: int) -> None:
    """An action item linking a root cause, a fund and a benefit draws root → fund → benefit."""
    a = _person(engine, forum, "ก")
    root, fund = post(engine, a, "ไม่มีรถ", ROOT), post(engine, a, "งบ อบต.", FUND)
    benefit, other = post(engine, a, "รถรับส่งผู้ป่วย", BENEFIT), post(engine, a, "ทำปฏิทินร่วม", OTHER)
    make_item(engine, forum_id, contribution_ids=[root.id, fund.id, benefit.id, other.id])
    assert tree(engine, forum_id).paths == (TreePath(root.id, fund.id, benefit.id, "action"),)


def test_an_action_item_draws_every_combination_and_leaves_missing_parts_empty(
    engine: Engine, forum: Forum, forum_id: int
) -> None:
    """Two root causes and one benefit, no fund: two paths with no fund."""
    a = _person(engine, forum, "ก")
    first, second = post(engine, a, "ไม่มีรถ", ROOT), post(engine, a, "ไม่มีคนดูแล", ROOT)
    benefit = post(engine, a, "อผส. เยี่ยมบ้าน", BENEFIT)
    make_item(engine, forum_id, contribution_ids=[benefit.id, second.id, first.id])
    assert tree(engine, forum_id).paths == (
        TreePath(first.id, None, benefit.id, "action"),
        TreePath(second.id, None, benefit.id, "action"),
    )


def test_an_action_item_answering_one_part_draws_no_path(engine: Engine, forum: Forum, forum_id: int) -> None:
    """Links to root causes only (and to OTHER) make no path: a path needs two parts."""
    a = _person(engine, forum, "ก")
    first, second = post(engine, a, "ไม่มีรถ", ROOT), post(engine, a, "ไม่มีคนดูแล", ROOT)
    make_item(engine, forum_id, contribution_ids=[first.id, second.id, post(engine, a, "อื่น ๆ", OTHER).id])
    assert tree(engine, forum_id).paths == ()


def test_a_tie_is_a_path_and_a_tie_the_plan_already_draws_is_drawn_once(
    engine: Engine, forum: Forum, forum_id: int
) -> None:
    """Facilitator ties are paths with source "tie"; one equal to an action path is not repeated."""
    a = _person(engine, forum, "ก")
    root, fund = post(engine, a, "หนี้นอกระบบ", ROOT), post(engine, a, "กองทุนหมู่บ้าน", FUND)
    benefit = post(engine, a, "ฝึกอาชีพ", BENEFIT)
    admin(engine, tie, forum_id, root_id=root.id, fund_id=None, benefit_id=benefit.id)
    admin(engine, tie, forum_id, root_id=root.id, fund_id=fund.id, benefit_id=benefit.id)
    make_item(engine, forum_id, contribution_ids=[root.id, fund.id, benefit.id])
    assert tree(engine, forum_id).paths == (
        TreePath(root.id, None, benefit.id, "tie"),
        TreePath(root.id, fund.id, benefit.id, "action"),
    )


def test_paths_go_to_the_kept_node_of_a_merged_duplicate(engine: Engine, forum: Forum, forum_id: int) -> None:
    """An action item or a tie naming a merged duplicate draws its path to the node it was merged into."""
    a, b = _person(engine, forum, "ก"), _person(engine, forum, "ข")
    keep, duplicate = post(engine, a, "ไม่มีรถ", ROOT), post(engine, b, "ไม่มีรถเหมือนกัน", ROOT)
    fund, benefit = post(engine, a, "งบ อบต.", FUND), post(engine, a, "รถรับส่ง", BENEFIT)
    make_item(engine, forum_id, contribution_ids=[duplicate.id, fund.id])
    admin(engine, tie, forum_id, root_id=duplicate.id, fund_id=None, benefit_id=benefit.id)
    admin(engine, merge, forum_id, keep_id=keep.id, duplicate_ids=[duplicate.id])
    assert tree(engine, forum_id).paths == (
        TreePath(keep.id, None, benefit.id, "tie"),
        TreePath(keep.id, fund.id, None, "action"),
    )


def test_parts_off_the_tree_drop_out_of_paths(engine: Engine, forum: Forum, forum_id: int) -> None:
    """A hidden part leaves an empty slot; a path left with one part is not drawn."""
    a = _person(engine, forum, "ก")
    root, fund = post(engine, a, "ไม่มีรถ", ROOT), post(engine, a, "งบ อบต.", FUND)
    benefit = post(engine, a, "รถรับส่ง", BENEFIT)
    make_item(engine, forum_id, contribution_ids=[root.id, fund.id, benefit.id])
    admin(engine, tie, forum_id, root_id=root.id, fund_id=fund.id, benefit_id=None)
    admin(engine, set_in_tree, forum_id, contribution_id=root.id, shown=False)
    assert tree(engine, forum_id).paths == (TreePath(None, fund.id, benefit.id, "action"),)
    _withdraw(engine, a, benefit.id)
    assert tree(engine, forum_id).paths == ()


def test_a_tie_part_moved_to_another_kind_drops_out(engine: Engine, forum: Forum, forum_id: int) -> None:
    """A tied benefit recategorised as a fund no longer fills the benefit slot."""
    a = _person(engine, forum, "ก")
    root, fund = post(engine, a, "ไม่มีรถ", ROOT), post(engine, a, "งบ อบต.", FUND)
    benefit = post(engine, a, "รถรับส่ง", BENEFIT)
    admin(engine, tie, forum_id, root_id=root.id, fund_id=fund.id, benefit_id=benefit.id)
    admin(engine, recategorise, forum_id, contribution_id=benefit.id, kind=FUND)
    assert tree(engine, forum_id).paths == (TreePath(root.id, fund.id, None, "tie"),)


def test_labels_come_from_the_catalogue_unless_the_forum_overrides_them(engine: Engine, forum_id: int) -> None:
    """Every part has a label in both languages; a forum's override wins in either language."""
    assert tree(engine, forum_id, "en").labels == {
        "roots": "Roots (root causes)",
        "trunk": "Trunk (funds)",
        "branches": "Branches (welfare categories)",
        "fruits": "Fruits (benefits)",
        "leaves": "Leaves (supporting partners)",
    }
    assert tree(engine, forum_id, "th").labels["trunk"] == "ลำต้น (กองทุน)"
    admin(engine, set_tree_labels, forum_id, labels={"trunk": "ทุนชุมชน"})
    for lang in ("th", "en"):
        labels = tree(engine, forum_id, lang).labels
        assert labels["trunk"] == "ทุนชุมชน"
    assert tree(engine, forum_id, "en").labels["roots"] == "Roots (root causes)"


def test_the_sample_forum_has_a_full_tree(engine: Engine) -> None:
    """The Sila sample has roots, trunk and fruits, and a plan path through all three."""
    with write_session(engine) as session:
        forum_id = saved_id(load_sample_forum(session=session).forum)
    data = tree(engine, forum_id)
    assert {item.part for item in data.items} == {"root", "trunk", "fruit"}
    assert any(p.root_id and p.fund_id and p.benefit_id for p in data.paths)
    assert all(item.category for item in data.items if item.part == "fruit")
    assert len({item.category for item in data.items if item.part == "fruit"}) >= 5


def test_tree_data_reads_a_large_forum(engine: Engine, forum: Forum, forum_id: int) -> None:
    """500 contributions, merges, a plan and ties read in one call (its speed is measured by bench/tree_bench.py)."""
    kinds = (ROOT, FUND, BENEFIT, OTHER)
    people = [_person(engine, forum, f"คน {n}", list(Sector)[n % len(Sector)]) for n in range(25)]
    with write_session(engine) as session:
        ids = [
            saved_id(
                add_contribution(
                    session=session,
                    participant=people[n % len(people)],
                    data=ContributionCreate(kind=kinds[n % 4], text=f"ข้อเสนอที่ {n} เรื่องรถรับส่งผู้ป่วยและทุนการศึกษา"),
                ).contribution
            )
            for n in range(500)
        ]
        for n in range(0, 100, 4):
            merge(session=session, forum_id=forum_id, keep_id=ids[n], duplicate_ids=[ids[n + 100], ids[n + 200]])
        for n in range(0, 40, 4):
            create_action_item(session=session, forum_id=forum_id, data=item_data(contribution_ids=ids[n : n + 12]))
            tie(session=session, forum_id=forum_id, root_id=ids[n], fund_id=ids[n + 1], benefit_id=ids[n + 2])
    data = tree(engine, forum_id)
    assert len(data.items) == 375 - 50
    assert data.paths
