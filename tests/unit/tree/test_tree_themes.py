"""Themes on the welfare tree: one node per theme and part, weighed, coloured and tied like any node."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from facilitation.core.db import read_session, write_session
from facilitation.core.i18n import t
from facilitation.forum.contributions import withdraw_contribution
from facilitation.forum.plans import create_action_item
from facilitation.forum.themes import create_theme, merge_themes, move_post, rename_theme, ungroup_theme
from facilitation.live.changes import Topic, counters
from facilitation.tree.admin import merge, set_category, set_in_tree, tie
from facilitation.tree.data import TreeData, TreeItem
from facilitation.tree.view import draw_tree, forum_tree
from models import Contribution, ContributionKind, Forum, Participant, Sector, Theme, saved_id
from tests.factories import join, make_forum, post
from tests.unit.helpers import admin, item_data, tree

ROOT, FUND, BENEFIT, OTHER = (
    ContributionKind.ROOT_CAUSE,
    ContributionKind.FUND,
    ContributionKind.BENEFIT,
    ContributionKind.OTHER,
)
TRAVEL = "การเดินทาง"


@dataclass(frozen=True)
class Room:
    forum: Forum
    state: Participant
    village: Participant
    elder: Participant

    @property
    def id(self) -> int:
        return saved_id(self.forum)


@pytest.fixture
def room(db: Engine) -> Room:
    forum = make_forum(db).forum
    return Room(
        forum,
        join(db, forum.code, name="พมจ.", sector=Sector.STATE).participant,
        join(db, forum.code, name="ผู้ใหญ่บ้าน", sector=Sector.COMMUNITY).participant,
        join(db, forum.code, name="ยายสม", sector=Sector.COMMUNITY).participant,
    )


def _theme(engine: Engine, room: Room, name: str, *posts: Contribution) -> int:
    with write_session(engine) as session:
        made = create_theme(session=session, forum_id=room.id, name=name, contribution_ids=[saved_id(p) for p in posts])
        return saved_id(made)


def _themed(data: TreeData) -> dict[tuple[int | None, str], TreeItem]:
    """The theme nodes, by theme and part."""
    return {(item.theme_id, item.part): item for item in data.items if item.theme_id is not None}


def _tree_counter(engine: Engine, forum_id: int) -> int:
    with read_session(engine) as session:
        return counters(session=session, forum_ids=[forum_id])[forum_id][Topic.TREE.value]


def test_a_themes_root_causes_are_one_node_weighed_by_the_people_who_raised_any(db: Engine, room: Room) -> None:
    """Three root causes in "การเดินทาง" from two people, one with a merged duplicate from a third: one node of 3."""
    bus = post(db, room.state, "ไม่มีรถโดยสารเข้าหมู่บ้าน")
    road = post(db, room.village, "ถนนเข้าหมู่บ้านเป็นหลุมเป็นบ่อ")
    again = post(db, room.state, "รถโดยสารมาวันละเที่ยว")
    duplicate = post(db, room.elder, "ไม่มีรถเมล์ผ่าน")
    admin(db, merge, room.id, keep_id=bus.id, duplicate_ids=[duplicate.id])
    alone = post(db, room.elder, "ผู้สูงอายุอยู่ลำพัง")
    theme_id = _theme(db, room, TRAVEL, bus, road, again)
    data = tree(db, room.id)
    assert [item.text for item in data.items] == [TRAVEL, "ผู้สูงอายุอยู่ลำพัง"]
    node = data.items[0]
    assert (node.theme_id, node.part, node.id, node.key) == (theme_id, "root", bus.id, f"theme:{theme_id}:root")
    assert node.weight == 3  # พมจ. twice, ผู้ใหญ่บ้าน, ยายสม through the merged duplicate
    assert (node.posts, node.merged_ids) == (4, (road.id, again.id, duplicate.id))
    assert (data.items[1].id, data.items[1].theme_id, data.items[1].key) == (alone.id, None, f"c:{alone.id}")


def test_a_theme_with_posts_of_several_kinds_has_one_node_on_each_part(db: Engine, room: Room) -> None:
    """Roots, a fund and benefits in one theme: a node on each of the three parts; OTHER stays off the tree."""
    posts = [
        post(db, room.state, "ไม่มีรถไปโรงพยาบาล", ROOT),
        post(db, room.village, "กองทุนรถรับส่งผู้ป่วย", FUND),
        post(db, room.village, "มีรถรับส่งไปหาหมอ", BENEFIT),
        post(db, room.elder, "ค่ารถไปหาหมอ", BENEFIT),
        post(db, room.elder, "อยากให้มีเวทีเรื่องรถ", OTHER),
    ]
    theme_id = _theme(db, room, TRAVEL, *posts)
    themed = _themed(tree(db, room.id))
    assert set(themed) == {(theme_id, "root"), (theme_id, "trunk"), (theme_id, "fruit")}
    assert [themed[(theme_id, part)].weight for part in ("root", "trunk", "fruit")] == [1, 1, 2]
    assert len(tree(db, room.id).items) == 3


def test_a_themes_colour_is_the_sector_most_of_its_people_come_from(db: Engine, room: Room) -> None:
    """Sectors are counted over the distinct people of all its posts; a tie goes to the first in Sector order."""
    first = post(db, room.state, "ไม่มีรถ")
    second = post(db, room.village, "ถนนพัง")
    theme_id = _theme(db, room, TRAVEL, first, second)
    node = _themed(tree(db, room.id))[(theme_id, "root")]
    assert (node.sector, node.sectors) == (Sector.STATE, {Sector.STATE: 1, Sector.COMMUNITY: 1})
    bus = post(db, room.elder, "ไม่มีรถเมล์")
    with write_session(db) as session:
        move_post(session=session, forum_id=room.id, contribution_id=saved_id(bus), theme_id=theme_id)
    node = _themed(tree(db, room.id))[(theme_id, "root")]
    assert (node.sector, node.sectors) == (Sector.COMMUNITY, {Sector.STATE: 1, Sector.COMMUNITY: 2})


def test_a_grouped_fruit_hangs_on_the_branch_most_of_its_posts_hang_on(db: Engine, room: Room) -> None:
    """Two posts on sickness and one on old age: sickness; one each: the branch first in the catalogue."""
    night = post(db, room.state, "นอนโรงพยาบาลคืนละ 200 บาท", BENEFIT)
    visit = post(db, room.village, "ค่ารักษาพยาบาลเมื่อเจ็บป่วย", BENEFIT)
    pension = post(db, room.elder, "เบี้ยยังชีพผู้สูงอายุ", BENEFIT)
    for row, category in ((night, "sickness"), (visit, "sickness"), (pension, "old_age")):
        admin(db, set_category, room.id, contribution_id=row.id, category=category)
    theme_id = _theme(db, room, "ดูแลคนป่วย", night, visit, pension)
    assert _themed(tree(db, room.id))[(theme_id, "fruit")].category == "sickness"
    admin(db, set_category, room.id, contribution_id=visit.id, category="old_age")
    assert _themed(tree(db, room.id))[(theme_id, "fruit")].category == "old_age"
    admin(db, set_category, room.id, contribution_id=visit.id, category="death")
    # One each on sickness, old age and death: the branch drawn first ("sickness" before "old_age", "death").
    assert _themed(tree(db, room.id))[(theme_id, "fruit")].category == "sickness"


def test_paths_run_to_a_themes_node(db: Engine, room: Room) -> None:
    """An action item answering a post in a theme, and a tie to one, draw their paths to the theme's node."""
    bus, road = post(db, room.state, "ไม่มีรถโดยสาร"), post(db, room.village, "ถนนพัง")
    fund = post(db, room.village, "กองทุนสวัสดิการชุมชน", FUND)
    ride = post(db, room.elder, "มีรถรับส่งไปหาหมอ", BENEFIT)
    with write_session(db) as session:
        create_action_item(
            session=session, forum_id=room.id, data=item_data(contribution_ids=[saved_id(road), saved_id(fund)])
        )
    admin(db, tie, room.id, root_id=bus.id, fund_id=None, benefit_id=ride.id)
    before = {(p.root_id, p.fund_id, p.benefit_id, p.source) for p in tree(db, room.id).paths}
    assert before == {(road.id, fund.id, None, "action"), (bus.id, None, ride.id, "tie")}
    _theme(db, room, TRAVEL, road, bus)
    after = tree(db, room.id)
    # The theme's node takes its oldest post's id: both paths now start there.
    assert {(p.root_id, p.fund_id, p.benefit_id, p.source) for p in after.paths} == {
        (bus.id, fund.id, None, "action"),
        (bus.id, None, ride.id, "tie"),
    }
    view = draw_tree(after, lang="th")
    node = view.layout.node(after.items[0].key)
    assert node is not None and node.item is not None and node.item.theme_id is not None
    starts = {edge.points[0] for edge in view.layout.edges if edge.kind == "path"}
    assert starts == {(node.x, node.y)}
    sankey = view.sankey("th")
    assert t("tree_theme_label", "th", name=TRAVEL, count=2) in sankey.data[0].node.customdata


def test_a_tie_from_two_posts_of_one_theme_is_drawn_once(db: Engine, room: Room) -> None:
    """Two ties from two posts that are now one node, to the same fund: one path."""
    bus, road = post(db, room.state, "ไม่มีรถโดยสาร"), post(db, room.village, "ถนนพัง")
    fund = post(db, room.village, "กองทุนสวัสดิการชุมชน", FUND)
    for root in (bus, road):
        admin(db, tie, room.id, root_id=root.id, fund_id=fund.id, benefit_id=None)
    assert len(tree(db, room.id).paths) == 2
    _theme(db, room, TRAVEL, bus, road)
    assert [(p.root_id, p.fund_id, p.benefit_id) for p in tree(db, room.id).paths] == [(bus.id, fund.id, None)]


def test_hidden_posts_stay_hidden_and_a_theme_of_hidden_posts_draws_nothing(db: Engine, room: Room) -> None:
    """A post hidden from the tree leaves its theme's node; when all are hidden, or withdrawn, the node goes."""
    bus, road = post(db, room.state, "ไม่มีรถโดยสาร"), post(db, room.village, "ถนนพัง")
    theme_id = _theme(db, room, TRAVEL, bus, road)
    admin(db, set_in_tree, room.id, contribution_id=road.id, shown=False)
    node = _themed(tree(db, room.id))[(theme_id, "root")]
    assert (node.weight, node.posts, node.merged_ids) == (1, 1, ())
    admin(db, set_in_tree, room.id, contribution_id=bus.id, shown=False)
    assert tree(db, room.id).items == ()
    admin(db, set_in_tree, room.id, contribution_id=road.id, shown=True)
    with write_session(db) as session:
        withdraw_contribution(session=session, participant=room.village, contribution_id=road.id or 0)
    assert tree(db, room.id).items == ()


def test_a_duplicate_follows_its_keeper_not_its_own_theme(db: Engine, room: Room) -> None:
    """A post merged into a post outside the theme counts under that post: the keeper decides where a node goes."""
    keeper, duplicate = post(db, room.state, "ไม่มีรถโดยสาร"), post(db, room.village, "ไม่มีรถเมล์")
    other = post(db, room.elder, "ถนนพัง")
    admin(db, merge, room.id, keep_id=keeper.id, duplicate_ids=[duplicate.id])
    theme_id = _theme(db, room, TRAVEL, duplicate, other)
    data = tree(db, room.id)
    assert {(item.id, item.theme_id, item.weight) for item in data.items} == {
        (keeper.id, None, 2),
        (other.id, theme_id, 1),
    }


def test_theme_changes_the_tree_draws_move_the_tree(db: Engine, room: Room) -> None:
    """Grouping, renaming, merging, moving and ungrouping posts on the tree redraw it; themes of OTHER posts do not."""
    bus, road = post(db, room.state, "ไม่มีรถโดยสาร"), post(db, room.village, "ถนนพัง")
    fund = post(db, room.village, "กองทุนรถรับส่ง", FUND)
    wish, note = post(db, room.elder, "อยากให้มีเวที", OTHER), post(db, room.elder, "ขอบคุณ", OTHER)
    made: dict[str, int] = {}

    def moves(action: Callable[[Session], object]) -> bool:
        before = _tree_counter(db, room.id)
        with write_session(db) as session:
            action(session)
        return _tree_counter(db, room.id) != before

    def make(name: str, *posts: Contribution) -> Callable[[Session], object]:
        def action(session: Session) -> None:
            ids = [saved_id(p) for p in posts]
            made[name] = saved_id(create_theme(session=session, forum_id=room.id, name=name, contribution_ids=ids))

        return action

    def version(name: str) -> int:
        with read_session(db) as session:
            found = session.get(Theme, made[name])
            assert found is not None
            return found.version

    def merged(name: str, into: str) -> Callable[[Session], object]:
        seen = version(name)
        return lambda s: merge_themes(
            session=s, forum_id=room.id, theme_id=made[name], version=seen, into_id=made[into]
        )

    assert moves(make(TRAVEL, bus))
    assert not moves(make("เวที", wish))
    assert moves(lambda s: rename_theme(session=s, forum_id=room.id, theme_id=made[TRAVEL], name="รถ", version=1))
    assert not moves(lambda s: rename_theme(session=s, forum_id=room.id, theme_id=made["เวที"], name="ประชุม", version=1))
    for moved, drawn in ((road, True), (note, False)):
        assert (
            moves(
                lambda s, p=moved: move_post(
                    session=s, forum_id=room.id, contribution_id=saved_id(p), theme_id=made[TRAVEL]
                )
            )
            == drawn
        )
    assert moves(make("กองทุน", fund))
    assert [item.text for item in tree(db, room.id).items] == ["รถ", "กองทุน"]
    assert moves(merged("กองทุน", TRAVEL))  # the fund's node now carries the other theme's name
    assert [item.text for item in tree(db, room.id).items] == ["รถ", "รถ"]
    assert not moves(merged("เวที", TRAVEL))
    seen = version(TRAVEL)
    assert moves(lambda s: ungroup_theme(session=s, forum_id=room.id, theme_id=made[TRAVEL], version=seen))
    assert {item.text for item in tree(db, room.id).items} == {"ไม่มีรถโดยสาร", "ถนนพัง", "กองทุนรถรับส่ง"}


def test_a_themes_node_says_it_is_a_theme_and_how_many_posts_it_groups(db: Engine, room: Room) -> None:
    """Its label names the theme and its count of posts; its hover says "theme"; a ring marks it, in the legend too."""
    posts = [post(db, room.state, "ไม่มีรถโดยสาร"), post(db, room.village, "ถนนพัง"), post(db, room.elder, "ไม่มีรถเมล์")]
    theme_id = _theme(db, room, TRAVEL, *posts)
    for lang in ("th", "en"):
        with read_session(db) as session:
            view = forum_tree(session=session, forum_id=room.id, lang=lang)
        node = view.layout.node(f"theme:{theme_id}:root")
        assert node is not None
        assert node.lines == (TRAVEL, t("tree_theme_posts", lang, count=3))  # the count whole, on its own line
        traces = [trace for trace in view.tree.data if trace.customdata is not None and node.key in trace.customdata]
        hover = traces[0].hovertext[list(traces[0].customdata).index(node.key)]
        assert t("tree_theme_hover", lang, count=3) in hover
        rings = [trace for trace in view.tree.data if trace.name == t("tree_theme_legend", lang)]
        assert len(rings) == 1 and list(rings[0].x) == [node.x]
