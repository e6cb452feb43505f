"""The console's Themes tab: group ticked posts, rename on the version drawn (a stale tab refused, the name now
shown, what was typed kept), merge, ungroup, move a post; suggestions accepted or rejected; typed text stays plain."""

from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from facilitation.core.db import read_session
from facilitation.forum.forums import CreatedForum
from facilitation.forum.plans import plan
from facilitation.forum.themes import ThemeBoard, theme_board
from models import saved_id
from tests.factories import join, make_forum, post
from tests.ui.helpers import html, no_exception, shown, submit, th

TEXTS = ["ไม่มีรถไปโรงพยาบาล", "รถรับส่งไปโรงพยาบาลไม่มี", "**ศูนย์เด็กเล็ก** <b>อยู่ไกล</b>", "เด็กเล็กไม่มีที่เรียน"]


@pytest.fixture
def created(db: Engine) -> CreatedForum:
    made = make_forum(db, revealed=True)
    person = join(db, made.forum.code).participant
    for text in TEXTS:
        post(db, person, text)
    return made


@pytest.fixture
def console(app: Callable[..., AppTest], created: CreatedForum) -> Callable[[], AppTest]:
    return lambda: app(code=created.forum.code, key=created.facilitator_token)


def _board(db: Engine, created: CreatedForum) -> ThemeBoard:
    with read_session(db) as session:
        return theme_board(session=session, forum_id=saved_id(created.forum))


def _click(at: AppTest, prefix: str) -> AppTest:
    (button,) = [b for b in at.button if str(b.key).startswith(prefix)]
    return button.click().run()


def _group(at: AppTest, ids: list[int], name: str) -> AppTest:
    for pid in ids:
        at.checkbox(key=f"themes_pick_{pid}").check()
    at.text_input(key="themes_new_name").input(name)
    return _click(at, "themes_group_")


def test_the_facilitator_groups_ticked_posts_into_a_theme(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    at = console()
    no_exception(at)
    ids = [p.id for p in _board(db, created).ungrouped]
    # The posts' words are plain text: the Markdown and HTML someone typed show as typed.
    assert "**ศูนย์เด็กเล็ก** &lt;b&gt;อยู่ไกล&lt;/b&gt;" in html(at)
    at = _group(at, ids[:2], "การเดินทาง")
    no_exception(at)
    assert th("themes_grouped") in shown(at, "success")
    board = _board(db, created)
    assert [(t.name, [p.id for p in t.posts]) for t in board.themes] == [("การเดินทาง", ids[:2])]
    assert 'data-theme="' in html(at) and "การเดินทาง" in html(at)
    picks = {str(c.key) for c in at.checkbox if str(c.key).startswith("themes_pick_")}
    assert picks == {f"themes_pick_{pid}" for pid in ids[2:]}
    # The same name from a second group is refused in words, not made twice.
    at = _group(at, ids[2:3], "การเดินทาง")
    assert th("error_theme_name_taken", name="การเดินทาง") in shown(at, "error")
    assert len(_board(db, created).themes) == 1


def test_a_rename_from_a_tab_drawn_before_another_renamed_is_refused_showing_the_name_now(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    ids = [p.id for p in _board(db, created).ungrouped]
    _group(console(), ids[:2], "การเดินทาง")
    theme_id = _board(db, created).themes[0].id
    tab_a, tab_b = console(), console()
    tab_b.text_input(key=f"themes_name_{theme_id}_1").input("รถรับส่ง")
    tab_b = _click(tab_b, f"themes_rename_{theme_id}_1")
    assert th("themes_renamed") in shown(tab_b, "success")
    assert tab_b.text_input(key=f"themes_name_{theme_id}_2").value == "รถรับส่ง"  # drawn at the new version

    tab_a.text_input(key=f"themes_name_{theme_id}_1").input("ถนน")
    tab_a = _click(tab_a, f"themes_rename_{theme_id}_1")
    no_exception(tab_a)
    assert th("error_stale_edit") in shown(tab_a, "error")
    assert th("themes_current_name", name="รถรับส่ง") in html(tab_a)
    assert tab_a.text_input(key=f"themes_name_{theme_id}_2").value == "ถนน"  # kept for another try
    assert _board(db, created).themes[0].name == "รถรับส่ง"
    # Its other tools drawn at version 1 are gone: the tab acts on the theme as it is now.
    assert not [b for b in tab_a.button if str(b.key).endswith(f"_{theme_id}_1")]


def test_merge_move_and_ungroup(console: Callable[[], AppTest], db: Engine, created: CreatedForum) -> None:
    ids = [p.id for p in _board(db, created).ungrouped]
    at = _group(console(), ids[:2], "การเดินทาง")
    at = _group(at, ids[2:4], "เด็กเล็ก")
    ride, kids = (t.id for t in _board(db, created).themes)
    # Move the first post of "การเดินทาง" out of any theme.
    at.selectbox(key=f"themes_move_to_{ride}_1").set_value(0)
    at = _click(at, f"themes_move_{ride}_1")
    no_exception(at)
    assert [p.id for p in _board(db, created).ungrouped] == ids[:1]
    # Merge "เด็กเล็ก" into "การเดินทาง" (now at version 2).
    at.selectbox(key=f"themes_merge_into_{kids}_1").set_value(ride)
    at = _click(at, f"themes_merge_{kids}_1")
    no_exception(at)
    assert th("themes_merged") in shown(at, "success")
    (theme,) = _board(db, created).themes
    assert [p.id for p in theme.posts] == ids[1:4]
    at = _click(at, f"themes_ungroup_{ride}_3")
    no_exception(at)
    board = _board(db, created)
    assert board.themes == () and [p.id for p in board.ungrouped] == ids


def test_a_suggestion_is_accepted_under_the_name_typed_and_another_rejected(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    at = console()
    at.session_state["themes_suggestions_open"] = True
    at = at.run()
    no_exception(at)
    names = [box for box in at.text_input if str(box.key).startswith("themes_suggestion_name_")]
    assert len(names) == 2
    ride = next(box for box in names if "โรงพยาบาล" in str(box.value))
    short = str(ride.key).removeprefix("themes_suggestion_name_")
    ride.input("ไปโรงพยาบาล")
    at = _click(at, f"themes_accept_{short}")
    no_exception(at)
    assert [t.name for t in _board(db, created).themes] == ["ไปโรงพยาบาล"]
    (other,) = [box for box in at.text_input if str(box.key).startswith("themes_suggestion_name_")]
    at = _click(at, f"themes_reject_{str(other.key).removeprefix('themes_suggestion_name_')}")
    no_exception(at)
    assert th("themes_rejected") in shown(at, "info")
    assert not [box for box in at.text_input if str(box.key).startswith("themes_suggestion_name_")]
    assert th("themes_suggestions_empty") in shown(at, "caption")


def _wall(at: AppTest) -> AppTest:
    wall = at.switch_page("pages/projector.py").run()
    wall.button_group(key="projector_view").set_value("themes").run()
    no_exception(wall)
    return wall


def test_the_projector_shows_each_theme_with_its_count_and_only_counts_while_held(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    ids = [p.id for p in _board(db, created).ungrouped]
    at = _group(console(), ids[:1], "<i>เด็ก</i>")
    at = _group(at, ids[1:4], "การเดินทาง")
    board = html(_wall(at))
    assert "&lt;i&gt;เด็ก&lt;/i&gt;" in board and "<i>" not in board
    # The biggest first, each with its count.
    assert board.index("การเดินทาง") < board.index("&lt;i&gt;เด็ก")
    assert '<span class="big-number" data-testid="count">3</span>' in board
    assert '<span class="big-number" data-testid="count">1</span>' in board


def test_while_the_posts_are_held_the_themes_show_as_numbers_with_their_counts(
    app: Callable[..., AppTest], db: Engine
) -> None:
    made = make_forum(db)  # a new forum holds Share's posts until the reveal
    person = join(db, made.forum.code).participant
    ids = [saved_id(post(db, person, text)) for text in TEXTS[:2]]
    at = app(code=made.forum.code, key=made.facilitator_token)
    at = _group(at, ids, "การเดินทางไปโรงพยาบาล")
    board = html(_wall(at))
    assert "การเดินทางไปโรงพยาบาล" not in board
    assert th("projector_theme_number", number=1) in board
    assert '<span class="big-number" data-testid="count">2</span>' in board
    assert 'data-testid="held-note"' in board


def test_an_action_item_answers_a_theme_chosen_in_the_plan_form(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    ids = [p.id for p in _board(db, created).ungrouped]
    at = _group(console(), ids[:2], "การเดินทาง")
    (theme_id,) = (t.id for t in _board(db, created).themes)
    at.text_input(key="plan_new_activity").input("รถรับส่งผู้ป่วย")
    at.multiselect(key="plan_new_themes").set_value([theme_id])
    at = submit(at, "plan_add")
    no_exception(at)
    with read_session(db) as session:
        (row,) = plan(session=session, forum_id=saved_id(created.forum))
    assert [(t.id, t.name) for t in row.themes] == [(theme_id, "การเดินทาง")]
    assert "🗂 การเดินทาง" in html(at)
    assert at.multiselect(key="plan_new_themes").value == []  # ready for the next item
    # Ungrouped later: the item still lists it, marked.
    at = _click(at, f"themes_ungroup_{theme_id}_1")
    assert f'การเดินทาง <span class="answer-mark">({th("plan_theme_dissolved")})</span>' in html(at)
