"""In Chromium: a language switch between filling a form and sending it, text typed as the forum
closes, a paste past a box's limit, Buddhist-era dates and the console's first look.

The browser sends back the label a choice widget shows, so these need a real browser:
AppTest hands the script the option itself and never sees the other language's label.
"""

import re
from datetime import date

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from facilitation.core.i18n import t
from models import ActionItem, ActionItemContribution, Contribution, ContributionKind, Participant, Sector
from tests.e2e.conftest import LAPTOP, PHONE, idle, shot
from tests.e2e.test_forum_flow import create_forum
from tests.factories import join, make_forum, post

pytestmark = pytest.mark.e2e

FOLLOW_MS = 8_000


def switch_language(page: Page, name: str) -> None:
    page.get_by_test_id("stButtonGroup").get_by_role("radio", name=name, exact=True).click()
    idle(page)


def pick_radio(page: Page, label: str) -> None:
    page.locator('[data-testid="stRadio"] label, .share-kind').filter(
        has_text=re.compile(f"^{re.escape(label)}$")
    ).first.click()


def pick_option(scope: Page | Locator, page: Page, widget: str, label: str, option: str) -> None:
    """Choose `option` in the select box or multiselect labelled `label`."""
    scope.locator(f'[data-testid="{widget}"]').filter(has_text=label).locator("input").click()
    page.keyboard.type(option[:12])
    page.get_by_role("option").filter(has_text=option).first.click()
    if widget == "stMultiSelect":
        page.keyboard.press("Escape")


def type_date(page: Page, scope: Locator, label: str, digits: str) -> None:
    """Type a date into the picker's day/month/year boxes, as from a keyboard."""
    scope.get_by_role("spinbutton", name=f"day, {label}").click()
    page.keyboard.type(digits)
    page.keyboard.press("Tab")


def send(scope: Page | Locator, label: str) -> None:
    scope.get_by_role("button", name=label, exact=True).click()


def phone_of(browser: Browser, base: str, engine: Engine) -> tuple[Page, int]:
    created = make_forum(engine, revealed=True)
    person = join(engine, created.forum.code)
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{base}/?code={created.forum.code}&p={person.token}")
    idle(phone)
    assert created.forum.id
    return phone, created.forum.id


def stored_posts(engine: Engine, forum_id: int) -> list[tuple[str, str]]:
    with Session(engine) as session:
        rows = session.exec(
            select(Contribution).where(Contribution.forum_id == forum_id).order_by(col(Contribution.id))
        )
        return [(row.kind, row.text) for row in rows]


def test_switching_language_between_typing_and_sending_on_the_phone(browser: Browser, site: tuple[str, Engine]) -> None:
    base, engine = site
    phone, forum_id = phone_of(browser, base, engine)

    # Thai page → English → type → Send (the kind left at its default, drawn in Thai).
    switch_language(phone, "English")
    phone.get_by_label(t("share_text", "en"), exact=True).first.fill("Elders have no ride to the hospital")
    send(phone, t("share_submit", "en"))
    idle(phone)
    expect(phone.get_by_text(t("share_sent", "en"))).to_be_visible()

    # The other way, with a kind chosen in English before switching back to Thai.
    pick_radio(phone, t("kind_fund", "en"))
    phone.get_by_label(t("share_text", "en"), exact=True).first.fill("กองทุนสัจจะวันละบาท")
    switch_language(phone, "ไทย")
    send(phone, t("share_submit", "th"))
    idle(phone)
    expect(phone.get_by_text(t("share_sent", "th"))).to_be_visible()

    assert stored_posts(engine, forum_id) == [
        (ContributionKind.ROOT_CAUSE, "Elders have no ride to the hospital"),
        (ContributionKind.FUND, "กองทุนสัจจะวันละบาท"),
    ]


def test_an_edit_of_my_post_survives_a_language_switch(browser: Browser, site: tuple[str, Engine]) -> None:
    """The edit form is drawn only in an opened expander, whose label changes with the language:
    it stays open, and the words typed in it (held by the browser until Save) are kept."""
    base, engine = site
    created = make_forum(engine, revealed=True)
    person = join(engine, created.forum.code)
    mine = post(engine, person.participant, "รถรับส่งผู้ป่วยมีคันเดียว", ContributionKind.BENEFIT)
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{base}/?code={created.forum.code}&p={person.token}")
    idle(phone)

    phone.get_by_text(t("mine_edit", "th"), exact=True).click()
    form = phone.locator('[data-testid="stForm"]').filter(has=phone.get_by_role("button", name=t("mine_save", "th")))
    expect(form.get_by_role("textbox")).to_have_value("รถรับส่งผู้ป่วยมีคันเดียว")
    form.get_by_role("textbox").fill("รถรับส่งผู้ป่วยมีคันเดียว ต้องจองล่วงหน้า 3 วัน")
    switch_language(phone, "English")

    form = phone.locator('[data-testid="stForm"]').filter(has=phone.get_by_role("button", name=t("mine_save", "en")))
    expect(form.get_by_role("textbox")).to_have_value("รถรับส่งผู้ป่วยมีคันเดียว ต้องจองล่วงหน้า 3 วัน")
    send(form, t("mine_save", "en"))
    idle(phone)
    expect(phone.get_by_text(t("mine_saved", "en"))).to_be_visible()
    with Session(engine) as session:
        stored = session.get(Contribution, mine.id)
        assert stored is not None and stored.text == "รถรับส่งผู้ป่วยมีคันเดียว ต้องจองล่วงหน้า 3 วัน"


@pytest.mark.parametrize(("first", "then"), [("th", "en"), ("en", "th")])
def test_switching_language_before_joining(browser: Browser, site: tuple[str, Engine], first: str, then: str) -> None:
    base, engine = site
    created = make_forum(engine, revealed=True)
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{base}/?code={created.forum.code}&lang={first}")
    idle(phone)

    pick_radio(phone, t("sector_state", first))
    switch_language(phone, "English" if then == "en" else "ไทย")
    phone.get_by_text(t("join_consent", then)).click()
    send(phone, t("join_button", then))
    phone.wait_for_url(re.compile(r"[?&]p="), timeout=15_000)
    idle(phone)

    with Session(engine) as session:
        joined = session.exec(select(Participant).where(Participant.forum_id == created.forum.id)).all()
    assert [person.sector for person in joined] == [Sector.STATE]


def test_the_start_page_keeps_the_area_across_a_language_switch(browser: Browser, site: tuple[str, Engine]) -> None:
    base, _engine = site
    page = browser.new_context(**LAPTOP).new_page()
    page.goto(base + "/")
    idle(page)
    for label, option in (("home_province", "ขอนแก่น"), ("home_district", "เมืองขอนแก่น"), ("home_tambon", "ศิลา")):
        pick_option(page, page, "stSelectbox", t(label, "th"), option)
        idle(page)

    switch_language(page, "English")
    for label, option in (
        ("home_province", "Khon Kaen"),
        ("home_district", "Mueang Khon Kaen"),
        ("home_tambon", "Sila"),
    ):
        expect(page.get_by_role("combobox", name=t(label, "en"), exact=True)).to_have_value(option)
    page.get_by_label(t("home_title", "en"), exact=True).fill("Sila welfare forum")
    send(page, t("home_create_button", "en"))
    page.wait_for_url(re.compile(r"key="), timeout=15_000)
    idle(page)
    expect(page.get_by_text("Sila welfare forum")).to_be_visible()


def test_the_plan_form_after_a_language_switch_with_a_buddhist_era_date(
    browser: Browser, site: tuple[str, Engine]
) -> None:
    base, engine = site
    created = make_forum(engine, revealed=True)
    person = join(engine, created.forum.code)
    raised = post(engine, person.participant, "ลูกหลานไปทำงานต่างจังหวัด")
    console = browser.new_context(**LAPTOP).new_page()
    console.goto(f"{base}/?code={created.forum.code}&key={created.facilitator_token}")
    idle(console)
    form = console.locator('[data-testid="stForm"]').first

    pick_option(form, console, "stSelectbox", t("plan_fund_source", "th"), t("fund_tao", "th"))
    pick_option(form, console, "stMultiSelect", t("plan_answers", "th"), "ลูกหลานไปทำงาน")
    switch_language(console, "English")
    form = console.locator('[data-testid="stForm"]').first
    # A choice made but not yet sent stays as it was made (the browser holds it) and is read as the option.
    expect(form.get_by_role("combobox", name=t("plan_fund_source", "en"))).to_have_value(t("fund_tao", "th"))
    form.get_by_label(t("plan_activity", "en"), exact=True).fill("Rides to the clinic")
    type_date(console, form, t("plan_start", "en"), "01042570")  # 1 April 2570 B.E., typed as Thai people write it
    form.get_by_label(t("plan_budget_baht", "en"), exact=True).fill("-5000")
    form.get_by_label(t("plan_budget_baht", "en"), exact=True).press("Tab")
    send(form, t("plan_add", "en"))
    idle(console)
    # A negative budget: a message in the page's language that names the field.
    negative = t("error_budget_negative", "en", field=t("plan_budget_baht", "en"), budget="-5,000")
    expect(console.get_by_text(negative)).to_be_visible()

    form.get_by_label(t("plan_budget_baht", "en"), exact=True).fill("60000")
    form.get_by_label(t("plan_budget_baht", "en"), exact=True).press("Tab")
    send(form, t("plan_add", "en"))
    idle(console)
    expect(console.get_by_text(t("plan_added", "en"))).to_be_visible()
    expect(form.get_by_role("combobox", name=t("plan_fund_source", "en"))).to_have_value(t("fund_tao", "en"))
    shot(console, "console-plan-english", full_page=False)

    with Session(engine) as session:
        item = session.exec(select(ActionItem).where(ActionItem.forum_id == created.forum.id)).one()
        links = session.exec(
            select(ActionItemContribution.contribution_id).where(ActionItemContribution.action_item_id == item.id)
        ).all()
    assert (item.activity, item.fund_source, item.start_date) == ("Rides to the clinic", "tao", date(2027, 4, 1))
    assert list(links) == [raised.id]


def test_closing_the_forum_keeps_what_a_phone_was_typing(browser: Browser, site: tuple[str, Engine]) -> None:
    base, engine = site
    created = make_forum(engine, revealed=True)
    person = join(engine, created.forum.code)
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{base}/?code={created.forum.code}&p={person.token}")
    idle(phone)
    draft = "ยังพิมพ์ไม่เสร็จ แต่ห้ามหายเมื่อปิดเวที"
    phone.get_by_label(t("share_text"), exact=True).fill(draft)

    console = browser.new_context(**LAPTOP).new_page()
    console.goto(f"{base}/?code={created.forum.code}&key={created.facilitator_token}")
    idle(console)
    console.get_by_role("button", name=t("stage_closed"), exact=True).click()
    idle(console)

    expect(phone.get_by_text(t("phone_closed_intro"))).to_be_visible(timeout=FOLLOW_MS)
    idle(phone)
    expect(phone.get_by_label(t("share_text"), exact=True)).to_have_value(draft)
    expect(phone.get_by_text(t("phone_closed_form_note"))).to_be_visible()
    expect(phone.get_by_role("button", name=t("share_submit"), exact=True)).to_have_count(0)
    expect(phone.get_by_role("button", name=t("phone_closed_form_button"), exact=True)).to_be_disabled()
    shot(phone, "phone-closed-unsent")


def test_a_paste_past_the_limit_stays_in_the_box_and_is_refused_with_the_limit(
    browser: Browser, site: tuple[str, Engine]
) -> None:
    base, engine = site
    phone, forum_id = phone_of(browser, base, engine)
    box = phone.get_by_label(t("share_text"), exact=True)
    pasted = "ผู้สูงอายุไม่มีรถไปโรงพยาบาล " * 25  # 725 characters, pasted at once
    box.click()
    phone.keyboard.insert_text(pasted)
    expect(box).to_have_value(pasted)

    send(phone, t("share_submit"))
    idle(phone)

    length = len(" ".join(pasted.split()))
    refused = t("error_text_too_long_field", field=t("share_text"), limit=500, length=length)
    expect(phone.get_by_text(refused)).to_be_visible()
    expect(box).to_have_value(pasted)
    assert stored_posts(engine, forum_id) == []
    shot(phone, "phone-paste-refused")


def test_the_console_opens_at_its_top_with_the_current_stage_marked(browser: Browser, site: tuple[str, Engine]) -> None:
    base, _engine = site
    console = browser.new_context(**LAPTOP).new_page()
    create_forum(console, base)
    console.wait_for_timeout(500)

    assert console.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollTop") == 0
    current = console.locator(".st-key-console_stage_share button")
    other = console.locator(".st-key-console_stage_plan button")
    expect(current).to_be_disabled()
    style = "e => { const s = getComputedStyle(e); return [s.opacity, s.backgroundColor, s.color]; }"
    assert current.evaluate(style) == ["1", "rgb(27, 94, 32)", "rgb(255, 255, 255)"]  # the theme's green, not greyed
    assert other.evaluate(style)[1] != "rgb(27, 94, 32)"
    shot(console, "console-top", full_page=False)
