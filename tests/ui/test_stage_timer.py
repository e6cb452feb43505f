"""The stage timer on the console, the projector and a phone: buttons, what each screen is handed, a stale tab.

AppTest draws the countdown (a components-v2 element) as data only; the browser test in
tests/e2e/test_stage_timer.py watches it tick and signal zero.
"""

import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from facilitation.core.db import read_session, write_session
from facilitation.forum.forums import CreatedForum, set_stage
from facilitation.forum.timer import TimerStatus, timer_view
from models import Stage, saved_id
from tests.factories import join, make_forum
from tests.ui.helpers import html, no_exception, th


@pytest.fixture
def created(db: Engine) -> CreatedForum:
    return make_forum(db)


@pytest.fixture
def console(app: Callable[..., AppTest], created: CreatedForum) -> Callable[[], AppTest]:
    return lambda: app(code=created.forum.code, key=created.facilitator_token)


def clock(at: AppTest, key: str) -> dict[str, Any] | None:
    """The data the page handed the countdown keyed `key`, or None when it drew none."""
    for element in at.get("bidi_component"):
        data: dict[str, Any] = json.loads(element.proto.json)
        if "ends_at_ms" in data and element.proto.id.endswith(key):
            return data
    return None


def press(at: AppTest, key_start: str) -> AppTest:
    (button,) = [button for button in at.button if button.key and button.key.startswith(key_start)]
    return button.click().run()


def status(engine: Engine, created: CreatedForum) -> TimerStatus:
    with read_session(engine) as session:
        return timer_view(session=session, forum_id=saved_id(created.forum)).status


def test_the_console_starts_pauses_resumes_adds_and_stops_the_timer(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    at = console()
    no_exception(at)
    assert clock(at, "console_timer_clock") is None  # nothing to count down yet
    at.number_input(key="console_timer_minutes").set_value(7).run()
    at = press(at, "console_timer_start_")
    no_exception(at)
    assert status(db, created) == TimerStatus.RUNNING
    shown = clock(at, "console_timer_clock")
    assert shown is not None and shown["status"] == "running" and 419 <= shown["remaining_s"] <= 420

    at = press(at, "console_timer_pause_")
    assert status(db, created) == TimerStatus.PAUSED
    paused = clock(at, "console_timer_clock")
    assert paused is not None and paused["status"] == "paused"
    assert paused["labels"]["paused"] == th("timer_paused")

    at = press(at, "console_timer_add5_")
    paused = clock(at, "console_timer_clock")
    assert paused is not None and paused["remaining_s"] >= 419 + 300

    at = press(at, "console_timer_resume_")
    assert status(db, created) == TimerStatus.RUNNING
    at = press(at, "console_timer_stop_")
    no_exception(at)
    assert status(db, created) == TimerStatus.STOPPED
    assert clock(at, "console_timer_clock") is None
    assert [button for button in at.button if button.key and button.key.startswith("console_timer_start_")]


def test_a_second_tab_s_button_drawn_before_a_press_elsewhere_is_refused_and_says_so(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    first, second = console(), console()
    first = press(first, "console_timer_start_")
    assert status(db, created) == TimerStatus.RUNNING
    # The second tab still shows Start, drawn before the first tab started the timer: a
    # double tap, or two facilitators. It does not restart the timer.
    with read_session(db) as session:
        before = timer_view(session=session, forum_id=saved_id(created.forum))
    second = press(second, "console_timer_start_")
    no_exception(second)
    assert th("console_timer_stale") in [info.value for info in second.info]
    with read_session(db) as session:
        after = timer_view(session=session, forum_id=saved_id(created.forum))
    assert after.version == before.version and after.ends_at == before.ends_at
    # Redrawn with the timer as it is: Pause, not Start.
    assert [button for button in second.button if button.key and button.key.startswith("console_timer_pause_")]


def test_a_closed_forum_shows_no_timer_buttons(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    with write_session(db) as session:
        set_stage(session=session, forum=created.forum, stage=Stage.CLOSED)
    at = console()
    no_exception(at)
    assert not [button for button in at.button if button.key and button.key.startswith("console_timer_")]


def test_the_projector_and_a_phone_count_down_with_the_console(
    app: Callable[..., AppTest], console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    member = join(db, created.forum.code)
    phone = app(code=created.forum.code, p=member.token)
    wall = app(code=created.forum.code, key=created.facilitator_token)
    wall.switch_page("pages/projector.py").run()
    no_exception(wall)
    assert clock(phone, "phone_clock") is None and clock(wall, "projector_clock") is None
    assert "with-timer" not in html(wall)

    press(console(), "console_timer_start_")
    phone.run()
    wall.run()
    for at, key, size in ((phone, "phone_clock", "phone"), (wall, "projector_clock", "wall")):
        no_exception(at)
        shown = clock(at, key)
        assert shown is not None and shown["status"] == "running" and shown["size"] == size
        assert shown["ends_at_ms"] > shown["server_now_ms"]
        assert shown["labels"]["up"] == th("timer_up")
    assert "projector-header with-timer" in html(wall)
