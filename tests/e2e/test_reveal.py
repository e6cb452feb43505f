"""In Chromium: write first, then reveal. A post made while the stage is held is counted on the
1920×1080 wall but its words are nowhere in the page; the facilitator's Reveal all brings them
up within the wall's live refresh, and Hide again takes them away.
"""

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import Engine

from facilitation.core.db import read_session, write_session
from facilitation.core.i18n import t
from facilitation.forum.access import open_projector_link
from facilitation.forum.reveal import reveal_events
from models import ContributionKind, RevealEventKind, saved_id
from tests.e2e.conftest import LAPTOP, PROJECTOR, idle, shot
from tests.factories import join, make_forum, post

pytestmark = pytest.mark.e2e

FOLLOW_MS = 15_000  # generous: behaviour, not speed
TEXT = "ผู้สูงอายุติดเตียงไม่มีคนพาไปหาหมอตามนัด"


def test_a_post_made_while_held_is_counted_not_shown_until_the_facilitator_reveals_it(
    browser: Browser, site: tuple[str, Engine]
) -> None:
    base, engine = site
    created = make_forum(engine)  # a new forum: counts until revealed
    code = created.forum.code
    with write_session(engine) as session:
        screen = open_projector_link(session=session, code=code, key=created.facilitator_token)
    wall = browser.new_context(**PROJECTOR).new_page()
    wall.goto(f"{base}/?code={code}&screen={screen}")
    idle(wall)
    console = browser.new_context(**LAPTOP).new_page()
    console.goto(f"{base}/?code={code}&key={created.facilitator_token}")
    idle(console)
    expect(console.get_by_text(t("console_reveal_state_hidden"))).to_be_visible()

    post(engine, join(engine, code).participant, TEXT, ContributionKind.ROOT_CAUSE)  # a phone posts

    roots = wall.locator('.feed-column[data-kind="root_cause"]')
    expect(roots.get_by_test_id("count")).to_have_text("1", timeout=FOLLOW_MS)
    expect(wall.get_by_test_id("held-note")).to_be_visible()
    assert TEXT not in wall.content()  # not hidden by a style: the words never reached the page
    shot(wall, "reveal-projector-held", full_page=False)

    console.get_by_role("button", name=t("console_reveal_all")).click()
    idle(console)
    expect(wall.locator('.card[data-kind="root_cause"]').filter(has_text=TEXT)).to_be_visible(timeout=FOLLOW_MS)
    expect(wall.get_by_test_id("held-note")).to_have_count(0)
    expect(console.get_by_role("button", name=t("console_reveal_hide"))).to_be_visible()
    shot(wall, "reveal-projector-revealed", full_page=False)
    shot(console, "reveal-console-revealed")

    console.get_by_role("button", name=t("console_reveal_hide")).click()
    idle(console)
    expect(wall.get_by_test_id("held-note")).to_be_visible(timeout=FOLLOW_MS)
    assert TEXT not in wall.content()
    with read_session(engine) as session:
        kinds = [event.kind for event in reveal_events(session=session, forum_id=saved_id(created.forum))]
    assert kinds == [RevealEventKind.REVEALED, RevealEventKind.HIDDEN]
    for page in (wall, console):
        page.context.close()
