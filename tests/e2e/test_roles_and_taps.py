"""In a real browser: a participant cannot reach the facilitator's pages, and a double tap posts once."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from facilitation.core.i18n import t
from tests.e2e.conftest import LAPTOP, PHONE, idle, shot
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


def test_double_tap_posts_once(browser: Browser, server: str) -> None:
    console = browser.new_context(**LAPTOP).new_page()
    code = re.search(r"code=([A-Z0-9]+)", create_forum(console, server)).group(1)  # type: ignore[union-attr]
    phone = browser.new_context(**PHONE).new_page()
    join(phone, server, code)
    text = "ผู้สูงอายุไม่มีรถไปโรงพยาบาล"
    phone.get_by_label(t("share_text"), exact=True).first.fill(text)
    phone.get_by_role("button", name=t("share_submit"), exact=True).dblclick()
    idle(phone)
    phone.wait_for_timeout(1000)
    idle(phone)
    expect(phone.get_by_text(t("mine_heading", count=1))).to_be_visible()

    # Sending the same words again (a resubmitted form) is acknowledged, not stored twice.
    phone.get_by_label(t("share_text"), exact=True).first.fill(text)
    submit(phone, t("share_submit"))
    idle(phone)
    expect(phone.get_by_text(t("share_already"))).to_be_visible()
    expect(phone.get_by_text(t("mine_heading", count=1))).to_be_visible()

    # An empty post is refused with a message, and typed text is never lost on refusal.
    phone.get_by_label(t("share_text"), exact=True).first.fill("   ")
    submit(phone, t("share_submit"))
    idle(phone)
    expect(phone.get_by_text(t("error_text_empty"))).to_be_visible()
    expect(phone.get_by_text(t("mine_heading", count=1))).to_be_visible()


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
    expect(phone.get_by_text(t("share_sent"))).to_be_visible()
    expect(phone.get_by_text(t("mine_heading", count=1))).to_be_visible()
