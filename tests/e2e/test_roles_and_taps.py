"""In a real browser: a participant cannot reach the facilitator's pages, and typed words survive a stage change.

A double tap on the phone's Send: tests/e2e/test_share_box.py.
"""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from facilitation.core.i18n import t
from tests.e2e.conftest import LAPTOP, PHONE, PROJECTOR, idle, shot
from tests.e2e.test_forum_flow import create_forum, radio, submit

pytestmark = pytest.mark.e2e


def join(page: Page, server: str, code: str) -> str:
    page.goto(f"{server}/?code={code}")
    idle(page)
    radio(page, t("sector_community"))
    page.get_by_text(t("join_consent")).click()
    submit(page, t("join_button"))
    page.wait_for_url(re.compile(r"[?&]p="), timeout=15_000)
    idle(page)
    token = re.search(r"[?&]p=([^&]+)", page.url)
    assert token
    return token.group(1)


def assert_no_facilitator_content(page: Page, code: str) -> None:
    expect(page.get_by_role("button", name=t("stage_plan"))).to_have_count(0)
    expect(page.get_by_test_id("join-code")).to_have_count(0)
    expect(page.get_by_role("button", name=t("summary_download_md"))).to_have_count(0)
    expect(page.get_by_text(t("console_facilitator_link"))).to_have_count(0)
    expect(page.get_by_text(t("nav_projector"))).to_have_count(0)


def test_participant_is_refused_facilitator_pages(browser: Browser, server: str) -> None:
    console = browser.new_context(**LAPTOP).new_page()
    console_url = create_forum(console, server)
    code = re.search(r"code=([A-Z0-9]+)", console_url).group(1)  # type: ignore[union-attr]
    phone = browser.new_context(**PHONE).new_page()
    token = join(phone, server, code)

    for path in ("projector", "summary", ""):
        phone.goto(f"{server}/{path}?code={code}&p={token}")
        idle(phone)
        assert_no_facilitator_content(phone, code)
    expect(phone.get_by_text(t("phone_share_intro"))).to_be_visible()

    # Guessing at the key, or passing one's own token as a key, opens nothing.
    for key in ("wrong-key", token, ""):
        phone.goto(f"{server}/projector?code={code}&key={key}")
        idle(phone)
        assert_no_facilitator_content(phone, code)
    phone.goto(f"{server}/?code={code}&key=wrong-key")
    idle(phone)
    expect(phone.get_by_text(t("join_link_refused"))).to_be_visible()
    shot(phone, "phone-refused")


def test_half_typed_text_survives_a_stage_change(browser: Browser, server: str) -> None:
    console = browser.new_context(**LAPTOP).new_page()
    code = re.search(r"code=([A-Z0-9]+)", create_forum(console, server)).group(1)  # type: ignore[union-attr]
    phone = browser.new_context(**PHONE).new_page()
    join(phone, server, code)
    draft = "ยังพิมพ์ไม่เสร็จ แต่ห้ามหาย"
    phone.get_by_label(t("share_text"), exact=True).first.fill(draft)

    console.get_by_role("button", name=t("stage_plan")).click()
    idle(console)
    expect(phone.get_by_text(t("phone_plan_intro"))).to_be_visible(timeout=5_000)
    idle(phone)
    expect(phone.get_by_label(t("share_text"), exact=True).first).to_have_value(draft)
    submit(phone, t("share_submit"))
    idle(phone)
    # A new forum writes first: the phone says the wall counts the post and shows it at the reveal.
    expect(phone.get_by_text(t("share_sent_held"))).to_be_visible()
    expect(phone.get_by_text(t("share_sent_heading", count=1))).to_be_visible()


NAVIGATION = ", ".join(
    f'[data-testid="{testid}"]' for testid in ("stSidebarNav", "stTopNav", "stTopNavLink", "stSidebar")
)


def test_the_projector_opens_by_its_own_link_with_no_key_and_no_menu(browser: Browser, server: str) -> None:
    laptop = browser.new_context(**LAPTOP)
    console = laptop.new_page()
    console_url = create_forum(console, server)
    code = re.search(r"code=([A-Z0-9]+)", console_url).group(1)  # type: ignore[union-attr]
    key = re.search(r"key=([^&]+)", console_url).group(1)  # type: ignore[union-attr]
    expect(console.locator(NAVIGATION).first).to_be_visible()  # the facilitator has a menu

    # The console's button opens the projector in a new tab of the facilitator's browser.
    with laptop.expect_page() as opened:
        console.get_by_role("link", name=t("console_open_projector")).click()
    tab = opened.value
    tab.wait_for_load_state()
    idle(tab)
    assert "key=" not in tab.url and key not in tab.url and "screen=" in tab.url, tab.url
    expect(tab.get_by_test_id("join-code")).to_have_text(code)

    # The wall: the same link on the projector's own screen.
    wall = browser.new_context(**PROJECTOR).new_page()
    wall.goto(tab.url)
    idle(wall)
    expect(wall.get_by_test_id("join-code")).to_have_text(code)
    expect(wall.locator(NAVIGATION)).to_have_count(0)
    expect(wall.get_by_text(t("nav_console"))).to_have_count(0)
    assert key not in wall.content() and "key=" not in wall.url
    phone = browser.new_context(**PHONE).new_page()
    join(phone, server, code)
    expect(wall.get_by_test_id("joined")).to_have_text("1", timeout=5_000)
    shot(wall, "projector-own-link", full_page=False)

    # A new projector link from the console: the old screen stops showing the forum.
    console.get_by_text(t("console_renew_confirm")).click()
    idle(console)
    console.get_by_role("button", name=t("console_new_projector")).click()
    idle(console)
    expect(console.get_by_text(t("console_new_projector_done"))).to_be_visible()
    expect(wall.get_by_text(t("join_link_refused"))).to_be_visible(timeout=8_000)
    expect(wall.get_by_test_id("join-code")).to_have_count(0)
    with laptop.expect_page() as reopened:
        console.get_by_role("link", name=t("console_open_projector")).click()
    fresh = reopened.value
    fresh.wait_for_load_state()
    idle(fresh)
    assert fresh.url != tab.url and "key=" not in fresh.url
    expect(fresh.get_by_test_id("join-code")).to_have_text(code)


def test_a_second_person_joins_on_the_same_phone(browser: Browser, server: str) -> None:
    console = browser.new_context(**LAPTOP).new_page()
    console_url = create_forum(console, server)
    code = re.search(r"code=([A-Z0-9]+)", console_url).group(1)  # type: ignore[union-attr]
    phone = browser.new_context(**PHONE).new_page()
    first = join(phone, server, code)

    # Back to the join page in the same tab (the same session), and the neighbour joins.
    phone.go_back()
    idle(phone)
    expect(phone.get_by_text(t("join_already_on_phone", count=1))).to_be_visible()
    radio(phone, t("sector_state"))
    phone.get_by_text(t("join_consent")).click()
    submit(phone, t("join_button"))
    phone.wait_for_url(re.compile(r"[?&]p="), timeout=15_000)
    idle(phone)
    second = re.search(r"[?&]p=([^&]+)", phone.url).group(1)  # type: ignore[union-attr]

    assert second != first
    console.reload()
    idle(console)
    expect(console.get_by_text(t("console_joined_on_phone", count=2))).to_be_attached()


def test_a_phone_is_the_same_phone_after_a_reload(browser: Browser, server: str) -> None:
    """The join page opened again in a new session (a reload, the QR scanned again) still counts one phone."""
    console = browser.new_context(**LAPTOP).new_page()
    console_url = create_forum(console, server)
    code = re.search(r"code=([A-Z0-9]+)", console_url).group(1)  # type: ignore[union-attr]
    phone = browser.new_context(**PHONE)
    join(phone.new_page(), server, code)

    again = phone.new_page()  # a new tab, so a new session: only the cookie remembers the phone
    again.goto(f"{server}/?code={code}")
    idle(again)
    expect(again.get_by_text(t("join_already_on_phone", count=1))).to_be_visible()
    join(again, server, code)

    console.reload()
    idle(console)
    expect(console.get_by_text(t("console_joined_on_phone", count=2))).to_be_attached()
