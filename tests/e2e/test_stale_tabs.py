"""In a real browser, two facilitator tabs: a stale stage button is refused, and a double click adds one item."""

import re

import pytest
from playwright.sync_api import Browser, expect

from facilitation.core.errors import StageMoved
from facilitation.core.i18n import t
from models import Stage
from tests.e2e.conftest import LAPTOP, idle, shot
from tests.e2e.test_forum_flow import create_forum

pytestmark = pytest.mark.e2e


def test_a_stale_tab_cannot_reopen_a_closed_forum(browser: Browser, server: str) -> None:
    tab_a = browser.new_context(**LAPTOP).new_page()
    console_url = create_forum(tab_a, server)
    tab_b = browser.new_context(**LAPTOP).new_page()
    tab_b.goto(console_url)
    idle(tab_b)

    tab_b.get_by_role("button", name=t("stage_closed"), exact=True).click()
    idle(tab_b)
    expect(tab_b.get_by_role("button", name=t("stage_closed"), exact=True)).to_be_disabled()

    tab_a.get_by_role("button", name=t("stage_act"), exact=True).click()  # drawn while the forum was in Share
    idle(tab_a)

    expect(tab_a.get_by_text(StageMoved(seen=Stage.SHARE, stage=Stage.CLOSED).message("th"))).to_be_visible()
    expect(tab_a.get_by_role("button", name=t("stage_closed"), exact=True)).to_be_disabled()
    shot(tab_a, "console-stale-stage-refused")
    tab_b.reload()
    idle(tab_b)
    expect(tab_b.get_by_role("button", name=t("stage_closed"), exact=True)).to_be_disabled()


def test_a_double_click_on_add_makes_one_item(browser: Browser, server: str) -> None:
    console = browser.new_context(**LAPTOP).new_page()
    create_forum(console, server)
    form = console.locator('[data-testid="stForm"]').filter(has=console.get_by_role("button", name=t("plan_add")))
    form.get_by_label(t("plan_activity"), exact=True).fill("จัดรถรับส่งผู้ป่วยติดเตียงไปตามนัด")

    form.get_by_role("button", name=t("plan_add"), exact=True).dblclick()
    idle(console)
    console.wait_for_timeout(1000)
    idle(console)

    expect(console.get_by_role("tab", name=re.compile(re.escape(t("console_tab_plan", count=1))))).to_be_visible()
    expect(console.get_by_role("tab", name=re.compile(re.escape(t("console_tab_plan", count=2))))).to_have_count(0)
    shot(console, "console-double-click-add")
