"""Home page: create a forum, load the sample forum, or type a join code."""

from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from facilitation.core.db import read_session
from facilitation.forum import forums as forums_module
from facilitation.forum.forums import authorise_facilitator
from facilitation.sample import data as sample_data
from models import Forum, Stage
from tests.factories import make_forum
from tests.ui.helpers import button_keys, everything, has_button, html, no_exception, shown, submit, th

STAGE_BUTTONS = {"console_stage_share", "console_stage_plan", "console_stage_act", "console_stage_closed"}


def _forums(engine: Engine) -> list[Forum]:
    with Session(engine) as session:
        return list(session.exec(select(Forum)))


def _choose_sila(at: AppTest) -> AppTest:
    at.selectbox(key="home_province").set_value("40").run()
    at.selectbox(key="home_district").set_value("4001").run()
    return at.selectbox(key="home_tambon").set_value("400114").run()


def test_home_renders_its_three_ways_in(app: Callable[..., AppTest]) -> None:
    at = app()

    no_exception(at)
    assert at.title[0].value == th("app_title")
    assert has_button(at, "home_join_button")
    assert has_button(at, "home_create_button")
    assert has_button(at, "home_sample_button")
    assert at.selectbox(key="home_district").disabled
    assert at.selectbox(key="home_tambon").disabled


def test_creating_a_forum_opens_its_console(app: Callable[..., AppTest], db: Engine) -> None:
    at = _choose_sila(app())
    assert not at.selectbox(key="home_tambon").disabled
    at.text_input(key="home_title").input("เวทีสวัสดิการตำบลศิลา ครั้งที่ 2/2570")
    at.text_input(key="home_venue").input("ศาลาประชาคมหมู่ 5")

    submit(at, "home_create_button")
    no_exception(at)

    forums = _forums(db)
    assert len(forums) == 1
    forum = forums[0]
    assert forum.title == "เวทีสวัสดิการตำบลศิลา ครั้งที่ 2/2570"
    assert forum.venue == "ศาลาประชาคมหมู่ 5"
    assert (forum.province_code, forum.district_code, forum.tambon_code) == ("40", "4001", "400114")
    assert "ศิลา" in forum.area_name_th
    assert forum.stage == Stage.SHARE
    assert at.query_params["code"] == forum.code
    with read_session(db) as session:
        assert authorise_facilitator(session=session, code=forum.code, key=at.query_params["key"]).id == forum.id

    at.run()
    no_exception(at)
    assert STAGE_BUTTONS <= button_keys(at)
    assert "เวทีสวัสดิการตำบลศิลา ครั้งที่ 2/2570" in html(at)
    assert not has_button(at, "home_create_button")
    assert len(_forums(db)) == 1  # the rerun did not create a second forum


def test_blank_title_is_refused_and_the_form_keeps_what_was_typed(app: Callable[..., AppTest], db: Engine) -> None:
    at = _choose_sila(app())
    at.text_input(key="home_title").input("   ")
    at.text_input(key="home_venue").input("วัดโนนศิลาราม")

    submit(at, "home_create_button")

    no_exception(at)
    assert th("error_text_empty_field", field=th("home_title")) in shown(at, "error")
    assert at.text_input(key="home_venue").value == "วัดโนนศิลาราม"
    assert at.selectbox(key="home_tambon").value == "400114"
    assert "code" not in at.query_params
    assert "key" not in at.query_params
    assert _forums(db) == []


def test_creating_without_an_area_is_refused(app: Callable[..., AppTest], db: Engine) -> None:
    at = app()
    at.text_input(key="home_title").input("เวทีไม่มีตำบล")

    submit(at, "home_create_button")

    no_exception(at)
    assert th("error_invalid_area") in shown(at, "error")
    assert _forums(db) == []


def test_no_free_join_code_is_a_message_not_a_crash(
    app: Callable[..., AppTest], db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = make_forum(db, title="เวทีที่มีอยู่แล้ว").forum.code
    monkeypatch.setattr(forums_module, "new_join_code", lambda: taken)
    at = _choose_sila(app())
    at.text_input(key="home_title").input("เวทีใหม่")

    submit(at, "home_create_button")

    no_exception(at)
    assert th("error_no_free_join_code") in shown(at, "error")
    assert at.text_input(key="home_title").value == "เวทีใหม่"
    assert "key" not in at.query_params
    assert len(_forums(db)) == 1


def test_sample_button_creates_the_sample_forum_and_lands_on_its_console(
    app: Callable[..., AppTest], db: Engine
) -> None:
    at = app()

    at.button(key="home_sample").click().run()
    no_exception(at)

    # The sample and its follow-up a few months on; the console opens the sample itself.
    forums = _forums(db)
    assert [(forum.title, forum.stage) for forum in forums] == [
        (sample_data.TITLE_TH, Stage.ACT),
        (sample_data.FOLLOW_UP_TITLE_TH, Stage.REVIEW),
    ]
    assert at.query_params["code"] == forums[0].code
    assert at.query_params["key"]

    at.run()
    no_exception(at)
    assert STAGE_BUTTONS <= button_keys(at)
    assert at.button(key="console_stage_act").disabled  # the sample is left at the Act stage
    assert sample_data.ACTION_ITEMS[0].activity in everything(at)
    # The follow-up's console is one press away: the sample's key opens both.
    assert f"followup_open_{forums[1].code}" in {button.key for button in at.get("link_button")}


def test_typing_a_join_code_opens_that_forum(app: Callable[..., AppTest], db: Engine) -> None:
    forum = make_forum(db, title="เวทีที่จะเข้าร่วม").forum
    at = app()
    typed = f" {forum.code[:3].lower()}-{forum.code[3:].lower()} "

    at.text_input(key="home_code").input(typed)
    submit(at, "home_join_button")

    no_exception(at)
    assert at.query_params["code"] == forum.code
    assert "key" not in at.query_params
    at.run()
    assert "เวทีที่จะเข้าร่วม" in html(at)
    assert has_button(at, "join_button")
