"""A whole forum in real Chromium: create → join by QR → Share → Plan → Act → summary."""

import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Browser, Locator, Page, expect

from facilitation.core.i18n import t
from tests.e2e.conftest import LAPTOP, PHONE, PROJECTOR, idle, shot

pytestmark = pytest.mark.e2e

FOLLOW_MS = 10_000  # generous: behaviour, not speed (bench/ measures how fast screens follow)
PHONE_BUDGET_BYTES = 4_000_000
POSTS = {
    "root_cause": "ลูกหลานไปทำงานต่างจังหวัด ผู้สูงอายุอยู่บ้านคนเดียว",
    "fund": "กองทุนสวัสดิการชุมชนสัจจะวันละบาท สมาชิก 1,284 คน",
    "benefit": "ค่านอนโรงพยาบาลคืนละ 200 บาท ไม่เกิน 10 คืนต่อปี",
    "other": "อยากให้มีเวทีแบบนี้ทุกไตรมาส",
}
ACTIVITY = "รถรับส่งผู้ป่วยติดเตียงไปตามนัดแพทย์"
COMMITMENT = "เทศบาลจะจัดรถพร้อมคนขับสัปดาห์ละ 2 วัน"


def choose(page: Page, label: str, option: str) -> None:
    """Pick `option` in the Streamlit select box labelled `label`."""
    page.locator('[data-testid="stSelectbox"]').filter(has_text=label).locator("input").click()
    page.keyboard.type(option)
    page.get_by_role("option").filter(has_text=re.compile(f"^{re.escape(option)}$")).first.click()
    idle(page)


def radio(page: Page, label: str) -> None:
    page.locator('[data-testid="stRadio"] label, .share-kind').filter(
        has_text=re.compile(f"^{re.escape(label)}$")
    ).first.click()


def submit(scope: Page | Locator, label: str) -> None:
    scope.get_by_role("button", name=label, exact=True).click()


def decode_qr(png: bytes) -> str:
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert results, "no QR code found in the projector's image"
    return results[0].text


def create_forum(page: Page, base: str) -> str:
    page.goto(base + "/")
    idle(page)
    choose(page, t("home_province"), "ขอนแก่น")
    choose(page, t("home_district"), "เมืองขอนแก่น")
    choose(page, t("home_tambon"), "ศิลา")
    page.get_by_label(t("home_title"), exact=True).fill("เวทีสวัสดิการตำบลศิลา ทดสอบระบบ")
    page.get_by_label(t("home_venue"), exact=True).fill("หอประชุมเทศบาล")
    submit(page, t("home_create_button"))
    page.wait_for_url(re.compile(r"key="), timeout=15_000)
    idle(page)
    return page.url


def test_whole_forum(browser: Browser, server: str) -> None:
    laptop = browser.new_context(**LAPTOP)
    console = laptop.new_page()
    console_url = create_forum(console, server)
    params = parse_qs(urlsplit(console_url).query)
    code, key = params["code"][0], params["key"][0]
    expect(console.get_by_role("button", name=t("stage_share"))).to_be_disabled()

    projector_context = browser.new_context(**PROJECTOR)
    projector = projector_context.new_page()
    projector.goto(f"{server}/projector?code={code}&key={key}")
    idle(projector)
    expect(projector.get_by_test_id("join-code")).to_have_text(code)
    qr_png = projector.locator('[data-testid="stImage"] img').first.screenshot()
    join_url = decode_qr(qr_png)
    assert join_url == f"{server}/join/{code}", join_url  # the light join page, served beside the app
    assert "localhost" not in join_url and "127.0.0.1" not in join_url

    phone_context = browser.new_context(**PHONE)
    phone = phone_context.new_page()
    phone.goto(join_url)
    phone.get_by_label(t("join_name"), exact=True).fill("สมศรี ใจดี")
    phone.get_by_label(t("join_organisation"), exact=True).fill("เทศบาลเมืองศิลา")
    phone.get_by_label(t("sector_local_government"), exact=True).check()
    phone.get_by_text(t("join_consent")).click()
    shot(phone, "phone-join")
    submit(phone, t("join_button"))
    phone.wait_for_url(re.compile(r"[?&]p="), timeout=15_000)
    idle(phone)
    expect(phone.get_by_text(t("phone_share_intro"))).to_be_visible()
    expect(projector.get_by_test_id("joined")).to_have_text("1", timeout=FOLLOW_MS)

    for kind, text in POSTS.items():
        radio(phone, t(f"kind_{kind}"))
        phone.get_by_label(t("share_text"), exact=True).first.fill(text)
        submit(phone, t("share_submit"))
        idle(phone)
        # Written first: the phone says the wall counts it and shows it at the reveal.
        expect(phone.get_by_text(t("share_sent_held"))).to_be_visible()
        expect(phone.get_by_label(t("share_text"), exact=True).first).to_have_value("")
        # Write first: the wall counts the post at once and holds its words until the reveal.
        column = projector.locator(f'.feed-column[data-kind="{kind}"]')
        expect(column.get_by_test_id("count")).to_have_text("1", timeout=FOLLOW_MS)
        expect(projector.get_by_text(text)).to_have_count(0)
    expect(projector.get_by_test_id("held-note")).to_have_text(f"🔒 {t('reveal_hidden_note')}")
    console.get_by_role("button", name=t("console_reveal_all")).click()
    idle(console)
    for kind, text in POSTS.items():
        expect(projector.locator(f'.card[data-kind="{kind}"]').filter(has_text=text)).to_be_visible(timeout=FOLLOW_MS)
    # Listed in the share box as sent; the page's own list takes them at its next run (the reload below).
    expect(phone.get_by_text(t("share_sent_heading", count=4))).to_be_visible()
    shot(phone, "phone-share")
    # Streamlit's base bundle is ~2.7 MB; one Plotly chart would add ~4.6 MB.
    loaded = phone.evaluate(
        "performance.getEntriesByType('resource').reduce((sum, r) => sum + (r.decodedBodySize || 0), 0)"
    )
    assert loaded < PHONE_BUDGET_BYTES, f"phone page loaded {loaded} bytes"
    resources = phone.evaluate("performance.getEntriesByType('resource').map(r => r.name)")
    assert not [name for name in resources if "plotly" in name.lower()]
    shot(projector, "projector-share", full_page=False)

    # A reload (or a phone that slept) keeps the participant's identity.
    phone.reload()
    idle(phone)
    expect(phone.get_by_text(t("mine_heading", count=4))).to_be_visible()

    console.get_by_role("button", name=t("stage_plan")).click()
    idle(console)
    expect(phone.get_by_text(t("phone_plan_intro"))).to_be_visible(timeout=FOLLOW_MS)
    expect(projector.get_by_test_id("stage")).to_have_text(t("stage_plan"), timeout=FOLLOW_MS)

    console.get_by_role("tab").first.click()
    form = console.locator('[data-testid="stForm"]').first
    form.get_by_label(t("plan_activity"), exact=True).fill(ACTIVITY)
    form.get_by_label(t("plan_lead"), exact=True).fill("เทศบาลเมืองศิลา")
    form.get_by_label(t("plan_budget_baht"), exact=True).fill("60000")
    form.locator('[data-testid="stMultiSelect"] input').click()
    console.keyboard.type("ลูกหลาน")
    console.get_by_role("option").first.click()
    console.keyboard.press("Escape")
    submit(form, t("plan_add"))
    idle(console)
    expect(console.get_by_text(t("plan_added"))).to_be_visible()
    expect(phone.get_by_text(ACTIVITY)).to_be_visible(timeout=FOLLOW_MS)
    expect(projector.get_by_text(ACTIVITY)).to_be_visible(timeout=FOLLOW_MS)
    shot(console, "console-plan")

    console.get_by_role("button", name=t("stage_act")).click()
    idle(console)
    expect(phone.get_by_text(t("phone_act_intro"))).to_be_visible(timeout=FOLLOW_MS)
    phone.get_by_text(t("act_commit", number=1)).click()
    phone.get_by_label(t("act_text"), exact=True).fill(COMMITMENT)
    submit(phone, t("act_submit"))
    # Looked for at once: the thanks stays up for a few seconds, and on a busy machine waiting for
    # the page to settle first could outlast it.
    expect(phone.get_by_text(t("act_thanks"))).to_be_visible(timeout=FOLLOW_MS)
    idle(phone)
    expect(projector.get_by_text(COMMITMENT)).to_be_visible(timeout=FOLLOW_MS)
    shot(phone, "phone-act")
    shot(projector, "projector-act", full_page=False)

    console.goto(f"{server}/summary?code={code}&key={key}")
    idle(console)
    with console.expect_download() as download_info:
        console.get_by_role("button", name=t("summary_download_md")).click()
    markdown = download_info.value.path().read_text(encoding="utf-8")
    shot(console, "summary")
    for text in [ACTIVITY, COMMITMENT, "เทศบาลเมืองศิลา", "60,000 บาท", *POSTS.values()]:
        assert text in markdown.replace("\\", ""), text
    assert "ตำบลศิลา อำเภอเมืองขอนแก่น จังหวัดขอนแก่น" in markdown

    console.goto(f"{server}/?code={code}&key={key}")
    idle(console)
    console.get_by_role("button", name=t("stage_closed")).click()
    idle(console)
    expect(phone.get_by_text(t("phone_closed_intro"))).to_be_visible(timeout=FOLLOW_MS)
    expect(phone.get_by_role("button", name=t("share_submit"))).to_have_count(0)
    expect(phone.get_by_text(ACTIVITY)).to_be_visible()

    for context in (laptop, projector_context, phone_context):
        context.close()
