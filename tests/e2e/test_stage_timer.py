"""In Chromium: the stage timer counts down by itself on the projector and a phone, and signals zero.

The timer is started through the service, as the console's Start button starts it; the
browsers then tick without asking the server for anything.
"""

import re

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import Engine

from facilitation.core.db import read_session, write_session
from facilitation.core.i18n import t
from facilitation.forum.access import open_projector_link
from facilitation.forum.forums import get_forum
from facilitation.forum.timer import start_timer, timer_view
from models import Stage, saved_id
from tests.e2e.conftest import PHONE, PROJECTOR, idle, shot
from tests.factories import join, make_forum

pytestmark = pytest.mark.e2e

FOLLOW_MS = 15_000
CLOCK = re.compile(r"^\d+:\d\d$")


def test_the_wall_and_a_phone_count_down_and_say_when_time_is_up(browser: Browser, site: tuple[str, Engine]) -> None:
    base, engine = site
    created = make_forum(engine)
    code = created.forum.code
    token = join(engine, code).token
    with write_session(engine) as session:
        screen = open_projector_link(session=session, code=code, key=created.facilitator_token)
    wall = browser.new_context(**PROJECTOR).new_page()
    wall.goto(f"{base}/?code={code}&screen={screen}")
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{base}/?code={code}&p={token}")
    idle(wall)
    idle(phone)
    expect(wall.locator(".countdown")).to_have_count(0)

    with write_session(engine) as session:
        forum_id = saved_id(get_forum(session=session, code=code))
        start_timer(session=session, forum_id=forum_id, minutes=0.1, version=0)  # six seconds

    for page in (wall, phone):
        clock = page.locator(".countdown-time")
        expect(clock).to_have_text(CLOCK, timeout=FOLLOW_MS)
    first = wall.locator(".countdown-time").text_content()
    wall.wait_for_timeout(1_500)
    assert wall.locator(".countdown-time").text_content() != first  # it ticks in the browser
    shot(wall, "timer-wall-running", full_page=False)

    for page in (wall, phone):
        expect(page.locator(".countdown[data-up='yes']")).to_have_count(1, timeout=FOLLOW_MS)
        expect(page.locator(".countdown-note")).to_have_text(t("timer_up"))
        expect(page.locator(".countdown-time")).to_have_text("0:00")
    shot(wall, "timer-wall-up", full_page=False)
    shot(phone, "timer-phone-up")
    # Time is up, and the stage is where the facilitator left it.
    expect(wall.get_by_test_id("stage")).to_have_text(t(f"stage_{Stage.SHARE}"))
    with read_session(engine) as session:
        assert timer_view(session=session, forum_id=forum_id).overrun
        assert get_forum(session=session, code=code).stage == Stage.SHARE
    wall.context.close()
    phone.context.close()
