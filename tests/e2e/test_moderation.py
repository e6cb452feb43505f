"""In Chromium: a phone's post with a rude Thai word waits for the facilitator. The share box says so,
the wall does not show it, and once the facilitator approves it on the console's moderation tab the
wall shows it.
"""

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import Engine

from facilitation.core.db import write_session
from facilitation.core.i18n import t
from facilitation.forum.access import open_projector_link
from tests.e2e.conftest import LAPTOP, PHONE, PROJECTOR, following, idle, shot
from tests.factories import join, make_forum

pytestmark = pytest.mark.e2e

FOLLOW_MS = 15_000  # generous: behaviour, not speed
RUDE = "ผู้ใหญ่บ้านไอ้เหี้ยไม่เคยมาดูแลผู้สูงอายุ"


def test_a_rude_post_waits_for_the_facilitator_and_shows_once_approved(
    browser: Browser, site: tuple[str, Engine]
) -> None:
    base, engine = site
    created = make_forum(engine, revealed=True)  # the wall shows posts as they come
    code = created.forum.code
    member = join(engine, code, name="สมชาย")
    with write_session(engine) as session:
        screen = open_projector_link(session=session, code=code, key=created.facilitator_token)
    wall = browser.new_context(**PROJECTOR).new_page()
    wall.goto(f"{base}/?code={code}&screen={screen}")
    following(wall)

    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{base}/?code={code}&p={member.token}")
    following(phone)
    phone.get_by_label(t("share_text"), exact=True).fill(RUDE)
    phone.get_by_role("button", name=t("share_submit"), exact=True).click()
    expect(phone.locator(".share-status")).to_have_text(t("share_waiting"), timeout=FOLLOW_MS)
    # The box's own run of the page lists it among the phone's own posts, marked.
    expect(phone.get_by_text(t("mine_pending_mark"))).to_be_visible(timeout=FOLLOW_MS)
    shot(phone, "moderation-phone-waiting")

    wall.wait_for_timeout(3_000)  # longer than the wall takes to show a post
    assert RUDE not in wall.content()

    console = browser.new_context(**LAPTOP).new_page()
    console.goto(f"{base}/?code={code}&key={created.facilitator_token}")
    idle(console)
    console.get_by_role("tab", name=t("console_tab_moderation")).click()
    expect(console.get_by_text(t("moderation_held_filter", words="ไอ้เหี้ย"))).to_be_visible()
    shot(console, "moderation-console-queue")
    console.get_by_role("button", name=t("moderation_approve")).click()
    idle(console)
    expect(console.get_by_text(t("moderation_approved_done"))).to_be_visible()

    expect(wall.locator('.card[data-kind="root_cause"]').filter(has_text=RUDE)).to_be_visible(timeout=FOLLOW_MS)
    shot(wall, "moderation-projector-approved", full_page=False)
    # Its author's phone follows the decision: the mark goes.
    expect(phone.get_by_text(t("mine_pending_mark"))).to_have_count(0, timeout=FOLLOW_MS)
    for page in (wall, phone, console):
        page.context.close()
