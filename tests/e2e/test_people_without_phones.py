"""In Chromium: the facilitator registers an elder without a phone on a laptop-sized console and types
a post for her; the 1920×1080 wall counts her among those who joined and shows the post under her sector.
"""

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import Engine

from facilitation.core.db import write_session
from facilitation.core.i18n import t
from facilitation.forum.access import open_projector_link
from tests.e2e.conftest import LAPTOP, PROJECTOR, following, idle, shot
from tests.factories import make_forum

pytestmark = pytest.mark.e2e

FOLLOW_MS = 15_000  # generous: behaviour, not speed
TEXT = "ยายไม่มีรถไปหาหมอตามนัด ต้องรอลูกกลับมาจากกรุงเทพ"


def test_the_facilitator_registers_a_person_and_the_wall_shows_her_post(
    browser: Browser, site: tuple[str, Engine]
) -> None:
    base, engine = site
    created = make_forum(engine, revealed=True)
    code = created.forum.code
    with write_session(engine) as session:
        screen = open_projector_link(session=session, code=code, key=created.facilitator_token)
    wall = browser.new_context(**PROJECTOR).new_page()
    wall.goto(f"{base}/?code={code}&screen={screen}")
    following(wall)
    console = browser.new_context(**LAPTOP).new_page()
    console.goto(f"{base}/?code={code}&key={created.facilitator_token}")
    idle(console)

    console.get_by_role("tab", name=t("console_tab_people"), exact=True).click()
    form = console.locator('[data-testid="stForm"]').filter(has_text=t("people_consent"))
    form.get_by_label(t("join_name"), exact=True).fill("ยายสม ใจงาม")
    form.get_by_label(t("join_organisation"), exact=True).fill("ชมรมผู้สูงอายุบ้านศิลา")
    form.get_by_text(t("sector_community"), exact=True).click()
    form.get_by_text(t("people_consent"), exact=True).click()
    form.get_by_role("button", name=t("people_register"), exact=True).click()
    idle(console)
    expect(console.get_by_text(t("people_registered"))).to_be_visible()
    expect(wall.get_by_test_id("joined")).to_have_text("1", timeout=FOLLOW_MS)

    entry = console.locator('[data-testid="stForm"]').filter(
        has=console.get_by_role("button", name=t("people_post_submit"), exact=True)
    )
    entry.get_by_label(t("share_text"), exact=True).fill(TEXT)
    entry.get_by_role("button", name=t("people_post_submit"), exact=True).click()
    idle(console)
    expect(console.get_by_text(t("people_post_sent"))).to_be_visible()
    # Listed under her name in this tab, marked.
    listed = console.locator(".card:visible").filter(has_text=TEXT)
    expect(listed).to_contain_text(t("people_entered_mark"))
    shot(console, "people-console")

    card = wall.locator('.card[data-kind="root_cause"]').filter(has_text=TEXT)
    expect(card).to_be_visible(timeout=FOLLOW_MS)
    expect(card).to_contain_text(t("sector_community"))
    expect(card).to_contain_text("ยายสม ใจงาม")
    expect(wall.locator('.feed-column[data-kind="root_cause"]').get_by_test_id("count")).to_have_text("1")
    shot(wall, "people-projector", full_page=False)
    for page in (wall, console):
        page.context.close()
