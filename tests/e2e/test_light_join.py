"""The light join page in real Chromium, served as `make run` serves it: phones join at /join/CODE and post."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import Engine
from sqlmodel import select

from facilitation.core.db import read_session
from facilitation.core.i18n import t
from models import Participant, Sector
from tests.e2e.conftest import PHONE, idle, shot
from tests.factories import make_forum

pytestmark = pytest.mark.e2e

PHONE_PAGE = re.compile(r"/\?code=[A-Z0-9]+&p=[A-Za-z0-9_-]{32}")


def fill(page: Page, *, name: str, organisation: str = "", sector: Sector = Sector.COMMUNITY) -> None:
    """Type into the light join page as a person does: name, organisation, a sector, the consent."""
    page.get_by_label(t("join_name"), exact=True).fill(name)
    page.get_by_label(t("join_organisation"), exact=True).fill(organisation)
    page.get_by_label(t(f"sector_{sector.value}"), exact=True).check()
    page.get_by_text(t("join_consent")).click()


def tap_join(page: Page) -> None:
    page.get_by_role("button", name=t("join_button"), exact=True).tap()


def on_phone_page(page: Page) -> None:
    page.wait_for_url(PHONE_PAGE, timeout=30_000)
    idle(page)
    expect(page.get_by_text(t("phone_share_intro"))).to_be_visible()


def participants(engine: Engine, forum_id: int | None) -> list[Participant]:
    with read_session(engine) as session:
        return list(session.exec(select(Participant).where(Participant.forum_id == forum_id)))


def test_a_phone_joins_at_the_light_page_and_posts(browser: Browser, site: tuple[str, Engine]) -> None:
    base, engine = site
    created = make_forum(engine)
    code = created.forum.code
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{base}/join/{code}")

    # Usable at once: the form is there with no Streamlit at all.
    expect(phone.get_by_role("heading", name=created.forum.title)).to_be_visible()
    assert phone.locator('[data-testid="stApp"]').count() == 0
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide on a 390-px phone"
    font_size = phone.get_by_label(t("join_name"), exact=True).evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert font_size >= 16  # smaller, and iOS zooms into the box
    shot(phone, "light-join-th")

    phone.get_by_role("link", name="English").click()
    expect(phone.get_by_role("heading", name=t("join_heading", "en"))).to_be_visible()
    shot(phone, "light-join-en")
    phone.get_by_role("link", name="ไทย").click()

    tap_join(phone)  # nothing chosen: the page says why, in Thai
    expect(phone.get_by_text(t("error_sector_required"))).to_be_visible()
    fill(phone, name="สมศรี ใจดี", organisation="อพม.ตำบลศิลา", sector=Sector.LOCAL_GOVERNMENT)
    shot(phone, "light-join-filled")
    tap_join(phone)
    on_phone_page(phone)

    phone.locator(".share-box").get_by_label(t("kind_root_cause"), exact=True).check()
    phone.get_by_label(t("share_text"), exact=True).first.fill("ผู้สูงอายุอยู่บ้านคนเดียว")
    phone.get_by_role("button", name=t("share_submit"), exact=True).click()
    idle(phone)
    expect(phone.get_by_text(t("share_sent_held"))).to_be_visible()  # a new forum writes first
    shot(phone, "light-join-phone-page")
    [joined] = participants(engine, created.forum.id)
    assert (joined.display_name, joined.organisation, joined.sector) == (
        "สมศรี ใจดี",
        "อพม.ตำบลศิลา",
        Sector.LOCAL_GOVERNMENT,
    )


def test_two_phones_join_at_once(browser: Browser, site: tuple[str, Engine]) -> None:
    base, engine = site
    created = make_forum(engine)
    phones = [browser.new_context(**PHONE).new_page() for _ in range(2)]
    for number, phone in enumerate(phones):
        phone.goto(f"{base}/join/{created.forum.code}")
        fill(phone, name=f"คนที่ {number + 1}")
    # Both taps go out before either answer comes back.
    for phone in phones:
        phone.get_by_role("button", name=t("join_button"), exact=True).click(no_wait_after=True)
    for phone in phones:
        on_phone_page(phone)
    tokens = {re.search(r"[?&]p=([^&]+)", phone.url).group(1) for phone in phones}  # type: ignore[union-attr]
    assert len(tokens) == 2
    assert sorted(person.display_name for person in participants(engine, created.forum.id)) == ["คนที่ 1", "คนที่ 2"]


def test_a_second_person_on_the_same_phone_is_told_and_joins_as_themselves(
    browser: Browser, site: tuple[str, Engine]
) -> None:
    base, engine = site
    created = make_forum(engine)
    context = browser.new_context(**PHONE)
    phone = context.new_page()
    phone.goto(f"{base}/join/{created.forum.code}")
    fill(phone, name="สมศรี")
    tap_join(phone)
    on_phone_page(phone)
    first = phone.url

    # Back on the same tab: the join page is drawn afresh (no-store), with a token of its own.
    phone.go_back()
    expect(phone.get_by_text(t("join_already_on_phone", count=1))).to_be_visible()
    shot(phone, "light-join-second-person")
    fill(phone, name="สมชาย", sector=Sector.STATE)
    tap_join(phone)
    on_phone_page(phone)
    assert phone.url != first

    again = context.new_page()  # the QR code scanned again later: the cookie still knows the phone
    again.goto(f"{base}/join/{created.forum.code}")
    expect(again.get_by_text(t("join_already_on_phone", count=2))).to_be_visible()

    joined = participants(engine, created.forum.id)
    assert sorted(person.display_name for person in joined) == ["สมชาย", "สมศรี"]
    assert len({person.device_hash for person in joined}) == 1


def test_a_form_sent_again_joins_once(browser: Browser, site: tuple[str, Engine]) -> None:
    """A double tap, or a retry after an answer lost on a weak network: the same form, sent again, is one person."""
    base, engine = site
    created = make_forum(engine)
    context = browser.new_context(**PHONE)
    phone = context.new_page()
    phone.goto(f"{base}/join/{created.forum.code}")
    fill(phone, name="สมหญิง")
    token = phone.locator('input[name="token"]').input_value()
    # The first sends, whose answers never reached the phone (sent from the page: same cookie, same origin).
    answers = phone.evaluate(
        """async () => {
            const sent = [];
            for (let i = 0; i < 2; i++) {
                const body = new URLSearchParams(new FormData(document.querySelector("form")));
                const reply = await fetch(location.href, {method: "POST", body, redirect: "manual"});
                sent.push(reply.type);
            }
            return sent;
        }"""
    )
    assert answers == ["opaqueredirect", "opaqueredirect"]  # each was answered with the phone page
    tap_join(phone)
    on_phone_page(phone)
    assert f"p={token}" in phone.url
    assert [person.display_name for person in participants(engine, created.forum.id)] == ["สมหญิง"]
