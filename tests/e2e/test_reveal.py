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
from facilitation.forum.reveal import hide_stage, reveal_events, reveal_stage, set_reveal_settings
from models import ContributionKind, RevealEventKind, Stage, saved_id
from tests.e2e.conftest import LAPTOP, PROJECTOR, idle, shot
from tests.e2e.test_live_updates import QUIET_MS, open_phone
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


def test_a_reveal_reruns_no_phone_that_shows_no_posts_and_shows_others_posts_where_set(
    browser: Browser, site: tuple[str, Engine]
) -> None:
    base, engine = site
    created = make_forum(engine)
    code, forum_id = created.forum.code, saved_id(created.forum)
    me = join(engine, code, name="สมหญิง")
    post(engine, join(engine, code).participant, TEXT, ContributionKind.ROOT_CAUSE)
    phone, runs = open_phone(browser, base, code, me.token)
    before = runs.count
    with write_session(engine) as session:
        reveal_stage(session=session, forum_id=forum_id, stage=Stage.SHARE, version=0)
    phone.wait_for_timeout(QUIET_MS)
    assert runs.count == before, "a reveal made a phone that shows no one else's posts run its script"
    assert TEXT not in phone.content()

    # The facilitator lets phones list others' posts: every phone hears it and, revealed, lists them.
    with write_session(engine) as session:
        set_reveal_settings(
            session=session, forum_id=forum_id, stage=Stage.SHARE, version=1,
            hold_until_revealed=True, phones_show_posts=True,
        )  # fmt: skip
    expect(phone.get_by_text(t("phone_others_heading"))).to_be_visible(timeout=FOLLOW_MS)
    expect(phone.get_by_text(TEXT)).to_be_visible()
    shot(phone, "reveal-phone-others")
    # Hidden again: the list goes at once, as it follows reveals now.
    with write_session(engine) as session:
        hide_stage(session=session, forum_id=forum_id, stage=Stage.SHARE, version=2)
    expect(phone.get_by_text(TEXT)).to_have_count(0, timeout=FOLLOW_MS)
    phone.context.close()
