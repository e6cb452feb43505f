"""Themes: group, move, rename (on the version drawn), merge, ungroup; one theme per post; screens told."""

import threading
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import (
    CannotMergeTheme,
    ContributionNotFound,
    ForumClosed,
    NoPostsChosen,
    PostsAlreadyGrouped,
    StaleEdit,
    TextEmpty,
    ThemeNameTaken,
    ThemeNotFound,
)
from facilitation.forum.contributions import withdraw_contribution
from facilitation.forum.plans import plan, update_action_item
from facilitation.forum.themes import (
    ThemeBoard,
    create_theme,
    merge_themes,
    move_post,
    rename_theme,
    theme_board,
    theme_options,
    ungroup_theme,
)
from facilitation.live.changes import Topic, counters
from models import Forum, Participant, Stage, Theme, saved_id
from tests.factories import join, make_forum, post
from tests.unit.helpers import item_data, make_item, move


@dataclass(frozen=True)
class Room:
    forum_id: int
    person: Participant
    posts: list[int]


@pytest.fixture
def room(db: Engine) -> Room:
    forum = make_forum(db).forum
    person = join(db, forum.code).participant
    texts = ["ไม่มีรถไปโรงพยาบาล", "รถรับส่งผู้ป่วยไม่พอ", "เด็กเล็กไม่มีที่เรียน", "ศูนย์เด็กเล็กอยู่ไกล", "น้ำท่วมนา"]
    return Room(saved_id(forum), person, [saved_id(post(db, person, text)) for text in texts])


def _board(engine: Engine, room: Room) -> ThemeBoard:
    with read_session(engine) as session:
        return theme_board(session=session, forum_id=room.forum_id)


def _themes(engine: Engine, room: Room) -> dict[str, list[int]]:
    return {theme.name: [p.id for p in theme.posts] for theme in _board(engine, room).themes}


def _create(engine: Engine, room: Room, name: str, ids: list[int], key: str | None = None) -> Theme:
    with write_session(engine) as session:
        return create_theme(session=session, forum_id=room.forum_id, name=name, contribution_ids=ids, creation_key=key)


def _themes_counter(engine: Engine, forum_id: int) -> int:
    with read_session(engine) as session:
        return counters(session=session, forum_ids=[forum_id])[forum_id][Topic.THEMES.value]


def test_grouping_makes_a_theme_of_the_chosen_posts_and_leaves_the_rest_ungrouped(db: Engine, room: Room) -> None:
    before = _themes_counter(db, room.forum_id)
    made = _create(db, room, "  การเดินทาง  ", room.posts[:2])
    assert made.name == "การเดินทาง" and made.version == 1
    board = _board(db, room)
    assert _themes(db, room) == {"การเดินทาง": room.posts[:2]}
    assert [p.id for p in board.ungrouped] == room.posts[2:]
    assert _themes_counter(db, room.forum_id) == before + 1


def test_the_same_group_sent_twice_makes_one_theme(db: Engine, room: Room) -> None:
    """A double tap sends the form's creation key twice; a second tab sending the same name is refused."""
    first = _create(db, room, "การเดินทาง", room.posts[:2], key="k1")
    again = _create(db, room, "การเดินทาง", room.posts[:2], key="k1")
    assert saved_id(again) == saved_id(first)
    with pytest.raises(ThemeNameTaken):
        _create(db, room, "การเดินทาง", room.posts[2:3], key="k2")
    with pytest.raises(ThemeNameTaken):
        _create(db, room, "การเดินทาง", room.posts[2:3])
    assert list(_themes(db, room)) == ["การเดินทาง"]


def test_two_tabs_grouping_the_same_name_at_once_make_one_theme(db: Engine, room: Room) -> None:
    """Both race for the name: one makes the theme, the other is refused (SQLite and PostgreSQL)."""
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def tab(ids: list[int]) -> None:
        barrier.wait()
        try:
            _create(db, room, "เด็กเล็ก", ids)
            outcomes.append("made")
        except ThemeNameTaken:
            outcomes.append("taken")

    threads = [threading.Thread(target=tab, args=(ids,)) for ids in (room.posts[2:3], room.posts[3:4])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["made", "taken"]
    assert len(_themes(db, room)["เด็กเล็ก"]) == 1


def test_a_post_is_in_one_theme_at_most(db: Engine, room: Room) -> None:
    _create(db, room, "การเดินทาง", room.posts[:2])
    with pytest.raises(PostsAlreadyGrouped) as refused:
        _create(db, room, "รถ", [room.posts[1], room.posts[2]])
    assert refused.value.details["count"] == 1
    assert _themes(db, room) == {"การเดินทาง": room.posts[:2]}


def test_only_the_forums_visible_posts_can_be_grouped(db: Engine, room: Room) -> None:
    with write_session(db) as session:
        withdraw_contribution(session=session, participant=room.person, contribution_id=room.posts[0])
    other = make_forum(db, title="อีกเวที").forum
    stranger = post(db, join(db, other.code).participant, "โพสต์ของอีกเวที")
    for ids in ([room.posts[0]], [saved_id(stranger)], [999_999]):
        with pytest.raises(ContributionNotFound):
            _create(db, room, "ไม่ได้", ids)
    with pytest.raises(NoPostsChosen):
        _create(db, room, "ว่าง", [])
    with pytest.raises(TextEmpty):
        _create(db, room, "   ", room.posts[1:2])
    assert _board(db, room).themes == ()


def test_a_withdrawn_post_drops_out_of_its_themes_count_and_the_screens_are_told(db: Engine, room: Room) -> None:
    made = _create(db, room, "การเดินทาง", room.posts[:2])
    before = _themes_counter(db, room.forum_id)
    with write_session(db) as session:
        withdraw_contribution(session=session, participant=room.person, contribution_id=room.posts[0])
    assert _themes_counter(db, room.forum_id) == before + 1
    with read_session(db) as session:
        assert theme_options(session=session, forum_id=room.forum_id) == [(saved_id(made), "การเดินทาง", 1)]
    assert _themes(db, room) == {"การเดินทาง": [room.posts[1]]}


def test_a_post_moves_to_another_theme_or_out_of_any(db: Engine, room: Room) -> None:
    ride = _create(db, room, "การเดินทาง", room.posts[:2])
    kids = _create(db, room, "เด็กเล็ก", room.posts[2:4])
    with write_session(db) as session:
        move_post(session=session, forum_id=room.forum_id, contribution_id=room.posts[1], theme_id=saved_id(kids))
    assert _themes(db, room) == {"การเดินทาง": room.posts[:1], "เด็กเล็ก": room.posts[1:4]}
    versions = {theme.id: theme.version for theme in _board(db, room).themes}
    assert versions == {saved_id(ride): 2, saved_id(kids): 2}  # both changed
    with write_session(db) as session:
        move_post(session=session, forum_id=room.forum_id, contribution_id=room.posts[2], theme_id=None)
        move_post(session=session, forum_id=room.forum_id, contribution_id=room.posts[4], theme_id=saved_id(ride))
    assert _themes(db, room) == {"การเดินทาง": [room.posts[0], room.posts[4]], "เด็กเล็ก": [room.posts[1], room.posts[3]]}
    assert [p.id for p in _board(db, room).ungrouped] == [room.posts[2]]
    before = _themes_counter(db, room.forum_id)
    with write_session(db) as session:  # where it already is: nothing changes, no screen redraws
        move_post(session=session, forum_id=room.forum_id, contribution_id=room.posts[0], theme_id=saved_id(ride))
    assert _themes_counter(db, room.forum_id) == before


def test_a_rename_needs_the_version_it_was_drawn_from(db: Engine, room: Room) -> None:
    made = _create(db, room, "การเดินทาง", room.posts[:2])
    theme_id = saved_id(made)
    with write_session(db) as session:
        renamed = rename_theme(session=session, forum_id=room.forum_id, theme_id=theme_id, name="รถ", version=1)
    assert (renamed.name, renamed.version) == ("รถ", 2)
    # A second tab drawn at version 1: refused, told the name as it is now; nothing written.
    with pytest.raises(StaleEdit) as refused, write_session(db) as session:
        rename_theme(session=session, forum_id=room.forum_id, theme_id=theme_id, name="ถนน", version=1)
    assert isinstance(refused.value.current, Theme)
    assert (refused.value.current.name, refused.value.current.version) == ("รถ", 2)
    assert list(_themes(db, room)) == ["รถ"]
    _create(db, room, "เด็กเล็ก", room.posts[2:3])
    with pytest.raises(ThemeNameTaken), write_session(db) as session:
        rename_theme(session=session, forum_id=room.forum_id, theme_id=theme_id, name="เด็กเล็ก", version=2)


def test_a_merge_moves_every_post_into_the_other_theme(db: Engine, room: Room) -> None:
    ride = _create(db, room, "การเดินทาง", room.posts[:2])
    cars = _create(db, room, "รถ", room.posts[4:5])
    with pytest.raises(CannotMergeTheme), write_session(db) as session:
        merge_themes(
            session=session, forum_id=room.forum_id, theme_id=saved_id(cars), version=1, into_id=saved_id(cars)
        )
    with pytest.raises(StaleEdit), write_session(db) as session:
        merge_themes(
            session=session, forum_id=room.forum_id, theme_id=saved_id(cars), version=0, into_id=saved_id(ride)
        )
    with write_session(db) as session:
        merge_themes(
            session=session, forum_id=room.forum_id, theme_id=saved_id(cars), version=1, into_id=saved_id(ride)
        )
    assert _themes(db, room) == {"การเดินทาง": [room.posts[0], room.posts[1], room.posts[4]]}
    # The merged theme is gone for every tool; its name is free again.
    with pytest.raises(ThemeNotFound), write_session(db) as session:
        rename_theme(session=session, forum_id=room.forum_id, theme_id=saved_id(cars), name="x", version=2)
    _create(db, room, "รถ", room.posts[2:3])


def test_ungrouping_puts_the_posts_back_and_a_stale_tab_cannot_ungroup(db: Engine, room: Room) -> None:
    made = _create(db, room, "การเดินทาง", room.posts[:2], key="k")
    with write_session(db) as session:
        rename_theme(session=session, forum_id=room.forum_id, theme_id=saved_id(made), name="รถ", version=1)
    with pytest.raises(StaleEdit), write_session(db) as session:
        ungroup_theme(session=session, forum_id=room.forum_id, theme_id=saved_id(made), version=1)
    with write_session(db) as session:
        ungroup_theme(session=session, forum_id=room.forum_id, theme_id=saved_id(made), version=2)
    board = _board(db, room)
    assert board.themes == () and [p.id for p in board.ungrouped] == room.posts
    # The same creation key again (the suggestion accepted anew) makes a new theme.
    assert saved_id(_create(db, room, "รถ", room.posts[:1], key="k")) != saved_id(made)


def test_theme_options_list_each_theme_with_its_count_in_a_stable_order(db: Engine, room: Room) -> None:
    b = _create(db, room, "ข", room.posts[2:5])
    a = _create(db, room, "ก", room.posts[:1])
    with read_session(db) as session:
        options = theme_options(session=session, forum_id=room.forum_id)
        assert options == theme_options(session=session, forum_id=room.forum_id)
    assert options == [(saved_id(b), "ข", 3), (saved_id(a), "ก", 1)]


def test_a_closed_forum_refuses_every_theme_tool(db: Engine, room: Room) -> None:
    made = _create(db, room, "การเดินทาง", room.posts[:2])
    with read_session(db) as session:
        row = session.get(Forum, room.forum_id)
    assert row is not None
    move(db, row, Stage.CLOSED)
    theme_id = saved_id(made)
    tools = [
        lambda s: create_theme(session=s, forum_id=room.forum_id, name="ใหม่", contribution_ids=room.posts[2:3]),
        lambda s: rename_theme(session=s, forum_id=room.forum_id, theme_id=theme_id, name="ใหม่", version=1),
        lambda s: move_post(session=s, forum_id=room.forum_id, contribution_id=room.posts[2], theme_id=theme_id),
        lambda s: ungroup_theme(session=s, forum_id=room.forum_id, theme_id=theme_id, version=1),
    ]
    for tool in tools:
        with pytest.raises(ForumClosed), write_session(db) as session:
            tool(session)
    assert _themes(db, room) == {"การเดินทาง": room.posts[:2]}


def _plan_themes(engine: Engine, room: Room) -> list[tuple[str, str | None, bool]]:
    with read_session(engine) as session:
        (row,) = plan(session=session, forum_id=room.forum_id)
    return [(theme.name, theme.renamed_to, theme.dissolved) for theme in row.themes]


def test_an_action_item_answers_themes_and_keeps_them_through_renames_merges_and_ungrouping(
    db: Engine, room: Room
) -> None:
    ride = saved_id(_create(db, room, "การเดินทาง", room.posts[:2]))
    cars = saved_id(_create(db, room, "รถ", room.posts[4:5]))
    kids = saved_id(_create(db, room, "เด็กเล็ก", room.posts[2:4]))
    item = make_item(db, room.forum_id, theme_ids=[ride, cars])
    assert _plan_themes(db, room) == [("การเดินทาง", None, False), ("รถ", None, False)]
    with read_session(db) as session:
        before = counters(session=session, forum_ids=[room.forum_id])[room.forum_id]
    with write_session(db) as session:
        rename_theme(session=session, forum_id=room.forum_id, theme_id=ride, name="ไปโรงพยาบาล", version=1)
    with read_session(db) as session:
        after = counters(session=session, forum_ids=[room.forum_id])[room.forum_id]
    assert after[Topic.PLAN.value] == before[Topic.PLAN.value] + 1  # the plan's cards name these themes
    with write_session(db) as session:
        merge_themes(session=session, forum_id=room.forum_id, theme_id=cars, version=1, into_id=ride)
    assert _plan_themes(db, room) == [("การเดินทาง", "ไปโรงพยาบาล", False)]  # the merged one's link moved over
    with write_session(db) as session:
        ungroup_theme(session=session, forum_id=room.forum_id, theme_id=ride, version=3)
    assert _plan_themes(db, room) == [("การเดินทาง", "ไปโรงพยาบาล", True)]  # listed, marked, not dropped
    # Only the forum's live themes are tied; an edit that changes them keeps the rest.
    with write_session(db) as session:
        update_action_item(
            session=session,
            forum_id=room.forum_id,
            item_id=saved_id(item),
            seen=item.version,
            data=item_data(theme_ids=[ride, kids, 999]),
            changed={"theme_ids"},
        )
    assert _plan_themes(db, room) == [("การเดินทาง", "ไปโรงพยาบาล", True), ("เด็กเล็ก", None, False)]
