"""Start page with ORGANISER_PASSWORD set: creating a forum and loading the sample ask for it; joining does not."""

from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from facilitation.core.settings import get_settings
from models import Forum, Participant, Sector
from tests.factories import make_forum
from tests.ui.helpers import button_keys, has_button, no_exception, shown, submit, th

PASSWORD = "ศิลา-2570"
STAGE_BUTTONS = {"console_stage_share", "console_stage_plan", "console_stage_act", "console_stage_closed"}


@pytest.fixture
def guarded(db: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.setenv("ORGANISER_PASSWORD", PASSWORD)
    get_settings.cache_clear()
    return db


def _forums(engine: Engine) -> list[Forum]:
    with Session(engine) as session:
        return list(session.exec(select(Forum)))


def _filled_form(app: Callable[..., AppTest], password: str | None) -> AppTest:
    at = app()
    at.selectbox(key="home_province").set_value("40").run()
    at.selectbox(key="home_district").set_value("4001").run()
    at.selectbox(key="home_tambon").set_value("400114").run()
    at.text_input(key="home_title").input("เวทีสวัสดิการตำบลศิลา")
    if password is not None:
        at.text_input(key="home_organiser_password").input(password)
    return at


def test_without_the_setting_there_is_no_password_to_type(app: Callable[..., AppTest], db: Engine) -> None:
    at = app()

    no_exception(at)
    assert not [w for w in at.text_input if w.key == "home_organiser_password"]
    at.button(key="home_sample").click().run()
    assert len(_forums(db)) == 2  # the sample and its follow-up


@pytest.mark.parametrize("password", [None, "", "ศิลา-2571"])
def test_creating_a_forum_without_the_password_creates_nothing(
    app: Callable[..., AppTest], guarded: Engine, password: str | None
) -> None:
    at = _filled_form(app, password)

    submit(at, "home_create_button")

    no_exception(at)
    assert th("error_organiser_password") in shown(at, "error")
    assert _forums(guarded) == []
    assert "key" not in at.query_params
    assert at.text_input(key="home_title").value == "เวทีสวัสดิการตำบลศิลา"  # kept to try again


def test_loading_the_sample_without_the_password_creates_nothing(app: Callable[..., AppTest], guarded: Engine) -> None:
    at = app()
    at.text_input(key="home_organiser_password").input("wrong")

    at.button(key="home_sample").click().run()

    no_exception(at)
    assert th("error_organiser_password") in shown(at, "error")
    assert _forums(guarded) == []


def test_the_password_opens_the_console(app: Callable[..., AppTest], guarded: Engine) -> None:
    at = _filled_form(app, PASSWORD)

    submit(at, "home_create_button")

    no_exception(at)
    assert len(_forums(guarded)) == 1
    assert STAGE_BUTTONS <= button_keys(at)

    sample = app()
    sample.text_input(key="home_organiser_password").input(PASSWORD)
    sample.button(key="home_sample").click().run()
    no_exception(sample)
    assert len(_forums(guarded)) == 3  # the sample and its follow-up besides


def test_joining_needs_no_password(app: Callable[..., AppTest], guarded: Engine) -> None:
    code = make_forum(guarded).forum.code
    at = app()
    at.text_input(key="home_code").input(code)
    submit(at, "home_join_button")
    assert has_button(at, "join_button")

    at.radio(key="join_sector").set_value(Sector.COMMUNITY)
    at.checkbox(key="join_consent").check()
    submit(at, "join_button")

    no_exception(at)
    with Session(guarded) as session:
        assert len(list(session.exec(select(Participant)))) == 1
