"""In a real browser, two facilitator tabs: a stale stage button is refused, and a double click adds one item."""

import re

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from facilitation.core.errors import StageMoved
from facilitation.core.i18n import t
from models import Stage
from tests.e2e.conftest import LAPTOP, click_to_run, idle, shot
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


def _add_item(console: Page, activity: str) -> None:
    form = console.locator('[data-testid="stForm"]').filter(has=console.get_by_role("button", name=t("plan_add")))
    form.get_by_label(t("plan_activity"), exact=True).fill(activity)
    form.get_by_role("button", name=t("plan_add"), exact=True).click()
    idle(console)
    expect(console.get_by_text(t("plan_added"))).to_be_visible()


def _open_item(console: Page, number: int) -> Locator:
    """Open an item's edit expander; its form is drawn then. Returns the form."""
    console.get_by_text(t("plan_edit", number=number), exact=True).click()
    idle(console)
    form = console.locator('[data-testid="stForm"]').filter(has=console.get_by_role("button", name=t("plan_save")))
    expect(form).to_have_count(1)
    return form


def test_an_open_plan_form_keeps_what_is_typed_while_another_tab_saves(browser: Browser, server: str) -> None:
    tab_a = browser.new_context(**LAPTOP).new_page()
    console_url = create_forum(tab_a, server)
    _add_item(tab_a, "รถรับส่งผู้ป่วย")
    tab_b = browser.new_context(**LAPTOP).new_page()
    tab_b.goto(console_url)
    idle(tab_b)
    form_a = _open_item(tab_a, 1)
    form_a.get_by_label(t("plan_activity"), exact=True).fill("รถรับส่งผู้ป่วยติดเตียงไปตามนัด")  # typed, not sent

    form_b = _open_item(tab_b, 1)
    budget = form_b.get_by_label(t("plan_budget_baht"), exact=True)
    budget.fill("60000")
    # A number box hands its value to the form when it loses focus, as it does under a
    # person's finger before the button is pressed; a scripted click can outrun it.
    budget.press("Tab")
    click_to_run(tab_b, form_b.get_by_role("button", name=t("plan_save"), exact=True))
    idle(tab_b)
    expect(tab_b.get_by_text(t("plan_saved"))).to_be_visible(timeout=15_000)

    # Something else on tab A redraws the page while the words are still in the box.
    tab_a.get_by_text(t("console_renew_confirm"), exact=True).click()
    idle(tab_a)
    expect(tab_a.get_by_text(t("plan_changed_since_opened"))).to_be_visible()
    expect(form_a.get_by_label(t("plan_activity"), exact=True)).to_have_value("รถรับส่งผู้ป่วยติดเตียงไปตามนัด")

    click_to_run(tab_a, form_a.get_by_role("button", name=t("plan_save"), exact=True))
    idle(tab_a)

    expect(tab_a.get_by_text(t("error_stale_edit"))).to_be_visible()
    form_a = tab_a.locator('[data-testid="stForm"]').filter(has=tab_a.get_by_role("button", name=t("plan_save")))
    expect(form_a.get_by_label(t("plan_activity"), exact=True)).to_have_value("รถรับส่งผู้ป่วยติดเตียงไปตามนัด")
    expect(form_a.get_by_label(t("plan_budget_baht"), exact=True)).to_have_value("60000")
    shot(tab_a, "console-stale-form-kept")
    tab_b.reload()
    idle(tab_b)
    expect(tab_b.get_by_text("รถรับส่งผู้ป่วยติดเตียงไปตามนัด")).to_have_count(0)  # nothing written over tab B


def test_deleting_an_item_asks_first_and_undo_brings_it_back(browser: Browser, server: str) -> None:
    console = browser.new_context(**LAPTOP).new_page()
    create_forum(console, server)
    _add_item(console, "ปรับสภาพบ้านคนพิการ")
    _open_item(console, 1)

    click_to_run(console, console.get_by_role("button", name=t("plan_delete"), exact=True))
    idle(console)
    expect(console.get_by_text(t("plan_delete_confirm", number=1))).to_be_visible()
    shot(console, "console-delete-confirm")
    click_to_run(console, console.get_by_role("button", name=t("plan_delete_yes"), exact=True))
    idle(console)

    expect(console.get_by_text(t("plan_deleted"))).to_be_visible()
    expect(console.get_by_role("tab", name=re.compile(re.escape(t("console_tab_plan", count=0))))).to_be_visible()
    console.get_by_role("button", name=t("plan_undo"), exact=True).click()
    idle(console)

    expect(console.get_by_text(t("plan_restored"))).to_be_visible()
    expect(console.get_by_role("tab", name=re.compile(re.escape(t("console_tab_plan", count=1))))).to_be_visible()
    expect(console.get_by_text("ปรับสภาพบ้านคนพิการ").filter(visible=True).first).to_be_visible()
