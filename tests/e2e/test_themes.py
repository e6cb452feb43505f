"""In Chromium: the facilitator ticks two posts in the console's Themes tab and groups them under a name;
the 1920×1080 wall's themes view shows the theme with its count."""

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import Engine

from facilitation.core.db import write_session
from facilitation.core.i18n import t
from facilitation.forum.access import open_projector_link
from models import ContributionKind, saved_id
from tests.e2e.conftest import LAPTOP, PROJECTOR, idle, shot
from tests.factories import join, make_forum, post

pytestmark = pytest.mark.e2e

FOLLOW_MS = 15_000  # generous: behaviour, not speed
NAME = "การเดินทางไปโรงพยาบาล"


def test_the_console_groups_two_posts_and_the_wall_shows_the_theme(browser: Browser, site: tuple[str, Engine]) -> None:
    base, engine = site
    created = make_forum(engine, revealed=True)
    code = created.forum.code
    person = join(engine, code).participant
    ids = [
        saved_id(post(engine, person, text, ContributionKind.ROOT_CAUSE))
        for text in ("ไม่มีรถไปโรงพยาบาล", "รถรับส่งผู้ป่วยไปโรงพยาบาลไม่พอ", "เด็กเล็กไม่มีที่เรียน")
    ]
    with write_session(engine) as session:
        screen = open_projector_link(session=session, code=code, key=created.facilitator_token)
    wall = browser.new_context(**PROJECTOR).new_page()
    wall.goto(f"{base}/?code={code}&screen={screen}")
    idle(wall)
    wall.get_by_role("radio", name=t("projector_view_themes")).click()
    idle(wall)
    expect(wall.get_by_test_id("themes-empty")).to_be_visible()

    console = browser.new_context(**LAPTOP).new_page()
    console.goto(f"{base}/?code={code}&key={created.facilitator_token}")
    idle(console)
    console.get_by_role("tab", name=t("console_tab_themes")).click()
    for pid in ids[:2]:
        console.locator(f".st-key-themes_pick_{pid} label").click()
    console.locator(".st-key-themes_new_name input").fill(NAME)
    console.get_by_role("button", name=t("themes_group")).click()
    idle(console)
    expect(console.get_by_text(t("themes_grouped"))).to_be_visible()
    shot(console, "themes-console")

    card = wall.locator(".theme-card").filter(has_text=NAME)
    expect(card).to_be_visible(timeout=FOLLOW_MS)
    expect(card.get_by_test_id("count")).to_have_text("2")
    size = card.locator(".theme-name").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 20
    shot(wall, "themes-projector", full_page=False)
    for page in (wall, console):
        page.context.close()
