"""A newcomer loads the Thai sample forum with one click and sees every page populated."""

import re

import pytest
from playwright.sync_api import Browser, expect

from facilitation.core.i18n import t
from facilitation.sample import data as sample_data
from tests.e2e.conftest import PHONE, PROJECTOR, idle, shot
from tests.e2e.test_roles_and_taps import join

pytestmark = pytest.mark.e2e


def test_sample_forum_fills_every_page(browser: Browser, server: str) -> None:
    laptop = browser.new_context(**PROJECTOR).new_page()
    laptop.goto(server + "/")
    idle(laptop)
    laptop.get_by_role("button", name=t("home_sample_button")).click()
    laptop.wait_for_url(re.compile(r"key="), timeout=20_000)
    idle(laptop)
    code = re.search(r"code=([A-Z0-9]+)", laptop.url).group(1)  # type: ignore[union-attr]
    key = re.search(r"key=([^&]+)", laptop.url).group(1)  # type: ignore[union-attr]
    first_activity = sample_data.ACTION_ITEMS[0].activity
    expect(laptop.get_by_text(first_activity).filter(visible=True).first).to_be_visible()
    shot(laptop, "sample-console", full_page=False)
    # The wall shows the projector's own read-only link, as the console's button opens it.
    laptop.get_by_text(t("console_links")).first.click()
    screen = laptop.get_by_role("link", name=t("console_open_projector")).get_attribute("href")
    assert screen and "screen=" in screen and "key=" not in screen

    # The menu drops the query string; the app puts the facilitator's link back, and it survives a reload.
    laptop.get_by_test_id("stTopNav").get_by_role("link", name=t("nav_projector")).click()
    laptop.wait_for_url(re.compile(r"/projector\?code=.*key="), timeout=10_000)
    laptop.reload()
    idle(laptop)
    expect(laptop.get_by_test_id("joined")).to_have_text(str(len(sample_data.PARTICIPANTS)))
    # An activity's card shows its newest commitments: the sample's last one is on the first card.
    expect(laptop.get_by_text(sample_data.COMMITMENTS[-1].text)).to_be_visible()
    laptop.goto(screen)
    idle(laptop)
    expect(laptop.get_by_text(sample_data.COMMITMENTS[-1].text)).to_be_visible()
    shot(laptop, "sample-projector-act", full_page=False)

    laptop.goto(f"{server}/?code={code}&key={key}")
    idle(laptop)
    laptop.get_by_role("button", name=t("stage_share")).click()
    idle(laptop)
    laptop.goto(screen)
    idle(laptop)
    expect(laptop.get_by_text(sample_data.CONTRIBUTIONS[-1].text)).to_be_visible()
    shot(laptop, "sample-projector-share", full_page=False)

    laptop.goto(f"{server}/summary?code={code}&key={key}")
    idle(laptop)
    # The plan's table is a data grid whose accessible cells are hidden: the card below it is what shows.
    expect(laptop.get_by_text(first_activity).filter(visible=True).first).to_be_visible()
    shot(laptop, "sample-summary", full_page=False)

    phone = browser.new_context(**PHONE).new_page()
    join(phone, server, code)
    expect(phone.get_by_text(t("phone_share_intro"))).to_be_visible()
    shot(phone, "sample-phone-share", full_page=False)
    laptop.goto(f"{server}/?code={code}&key={key}")
    idle(laptop)
    laptop.get_by_role("button", name=t("stage_act")).click()
    idle(laptop)
    expect(phone.get_by_text(t("phone_act_intro"))).to_be_visible(timeout=5_000)
    expect(phone.get_by_text(first_activity)).to_be_visible()
    shot(phone, "sample-phone-act", full_page=False)
