"""The words the word cloud leaves out, from the console: saved on the version drawn, seen on the wall."""

from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from facilitation.core.db import read_session
from facilitation.forum.forums import CreatedForum
from facilitation.forum.left_out_words import left_out
from models import saved_id
from tests.factories import join, make_forum, post
from tests.ui.helpers import html, no_exception, shown, submit, th


@pytest.fixture
def created(db: Engine) -> CreatedForum:
    made = make_forum(db, revealed=True)
    person = join(db, made.forum.code)
    post(db, person.participant, "ตำบลศิลามีผู้สูงอายุอยู่บ้านคนเดียว")
    post(db, person.participant, "ตำบลศิลามีเด็กเล็กไม่มีคนดูแล")
    return made


@pytest.fixture
def console(app: Callable[..., AppTest], created: CreatedForum) -> Callable[[], AppTest]:
    return lambda: app(code=created.forum.code, key=created.facilitator_token)


def _box(at: AppTest) -> str:
    (area,) = [area for area in at.text_area if str(area.key).startswith("words_left_out_")]
    return str(area.key)


def _left_out(engine: Engine, created: CreatedForum) -> list[str]:
    with read_session(engine) as session:
        return list(left_out(session=session, forum_id=saved_id(created.forum)).words)


def test_the_facilitator_leaves_words_out_and_the_wall_and_summary_follow(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    at = console()
    no_exception(at)
    at.text_area(key=_box(at)).input("ตำบล, ศิลา")
    at = submit(at, "words_left_out_save")
    no_exception(at)
    assert th("words_left_out_saved") in shown(at, "success")
    assert _left_out(db, created) == ["ตำบล", "ศิลา"]

    wall = at.switch_page("pages/projector.py").run()
    wall.button_group(key="projector_view").set_value("words").run()
    no_exception(wall)
    cloud = html(wall)
    assert ">ผู้สูงอายุ</span>" in cloud
    assert ">ตำบล</span>" not in cloud and ">ศิลา</span>" not in cloud
    summary = at.switch_page("pages/summary.py").run()
    assert ">ผู้สูงอายุ</span>" in html(summary) and ">ตำบล</span>" not in html(summary)


def test_a_tab_drawn_before_another_saved_is_refused_and_keeps_what_was_typed(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    tab_a, tab_b = console(), console()
    tab_b.text_area(key=_box(tab_b)).input("ตำบล")
    submit(tab_b, "words_left_out_save")

    tab_a.text_area(key=_box(tab_a)).input("อำเภอ")
    tab_a = submit(tab_a, "words_left_out_save")
    no_exception(tab_a)
    assert th("error_stale_edit") in shown(tab_a, "error")
    assert _left_out(db, created) == ["ตำบล"]  # not written over
    assert th("words_left_out_now", words="ตำบล") in html(tab_a) or any(
        th("words_left_out_now", words="ตำบล") in str(block.value) for block in tab_a.markdown
    )
    assert tab_a.text_area(key=_box(tab_a)).value == "อำเภอ"  # what was typed is kept for another try
