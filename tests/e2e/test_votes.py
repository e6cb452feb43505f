"""In Chromium: a dot vote. A phone spends its budget without a single page run, a second tab of the
same person cannot exceed it, the facilitator closes and reveals, the wall ranks the options."""

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import Engine

from facilitation.core.db import read_session, write_session
from facilitation.core.i18n import t
from facilitation.core.tokens import new_token
from facilitation.forum.access import open_projector_link
from facilitation.forum.dots import my_dots
from facilitation.forum.forums import set_stage
from facilitation.forum.vote_options import vote_candidates
from facilitation.forum.votes import VoteSettings, latest_vote, open_vote
from models import ContributionKind, ResultsShown, Stage, saved_id
from tests.e2e.conftest import LAPTOP, PROJECTOR, idle, shot
from tests.e2e.test_live_updates import open_phone
from tests.factories import join, make_forum, post

pytestmark = pytest.mark.e2e

FOLLOW_MS = 15_000
POSTS = ("ผู้สูงอายุติดเตียงไม่มีคนดูแล", "เด็กเล็กไม่มีศูนย์เลี้ยงเด็ก", "ไม่มีรถพาไปโรงพยาบาล")


def test_a_phone_spends_its_dots_a_second_tab_cannot_exceed_them_and_the_wall_ranks_them(
    browser: Browser, site: tuple[str, Engine]
) -> None:
    base, engine = site
    created = make_forum(engine, revealed=True)
    code, forum_id = created.forum.code, saved_id(created.forum)
    author = join(engine, code, name="ผู้เขียน").participant
    for text in POSTS:
        post(engine, author, text, ContributionKind.ROOT_CAUSE)
    me = join(engine, code, name="สมศรี")
    with write_session(engine) as session:
        set_stage(session=session, forum=created.forum, stage=Stage.PLAN)
        screen = open_projector_link(session=session, code=code, key=created.facilitator_token)
    wall = browser.new_context(**PROJECTOR).new_page()
    wall.goto(f"{base}/?code={code}&screen={screen}")
    idle(wall)
    with write_session(engine) as session:
        subjects = [(c.subject_kind, c.subject_id) for c in vote_candidates(session=session, forum_id=forum_id)]
        vote = open_vote(
            session=session, forum_id=forum_id, creation_key=new_token(),
            settings=VoteSettings("เรื่องไหนควรทำก่อน", 3, 2, ResultsShown.HIDDEN, subjects),
        )  # fmt: skip

    phone, runs = open_phone(browser, base, code, me.token)
    other_tab, _ = open_phone(browser, base, code, me.token)  # the same person, drawn before any dot
    box = phone.locator(".vote-box")
    expect(box.locator(".vote-remaining")).to_have_attribute("data-remaining", "3")
    first, second, third = (box.locator(".vote-option").filter(has_text=text) for text in POSTS)
    before = runs.count
    first.locator(".vote-add").click()
    expect(first).to_have_attribute("data-dots", "1")
    first.locator(".vote-add").click()
    expect(first).to_have_attribute("data-dots", "2")
    expect(first.locator(".vote-add")).to_be_disabled()  # the cap per option
    second.locator(".vote-add").click()
    expect(box.locator(".vote-remaining")).to_have_attribute("data-remaining", "0")
    expect(third.locator(".vote-add")).to_be_disabled()
    assert runs.count == before, "a tap on a dot ran the phone's page"
    shot(phone, "vote-phone-spent")

    # The second tab still shows 3 dots left: its taps are refused, and it shows the dots as they are.
    stale = other_tab.locator(".vote-box")
    expect(stale.locator(".vote-remaining")).to_have_attribute("data-remaining", "3")
    stale.locator(".vote-option").filter(has_text=POSTS[2]).locator(".vote-add").click()
    expect(stale.locator(".vote-status")).to_have_text(t("error_no_dots_left", budget=3))
    expect(stale.locator(".vote-remaining")).to_have_attribute("data-remaining", "0")
    shot(other_tab, "vote-phone-second-tab")
    with read_session(engine) as session:
        mine = my_dots(session=session, vote=vote, participant_id=saved_id(me.participant))
    assert mine.used == 3 and sorted(mine.dots.values()) == [1, 2]

    # The wall turned to the vote when it opened: the turnout, no ranking while hidden.
    expect(wall.get_by_test_id("vote-turnout")).to_have_text(
        t("vote_turnout", voters=1, joined=2, spent=3, total=6), timeout=FOLLOW_MS
    )
    assert POSTS[0] not in wall.content()

    console = browser.new_context(**LAPTOP).new_page()
    console.goto(f"{base}/?code={code}&key={created.facilitator_token}")
    idle(console)
    console.get_by_role("tab", name=t("console_tab_vote")).click()
    console.get_by_role("button", name=t("vote_close")).click()
    idle(console)
    expect(console.get_by_text(t("vote_closed_done"))).to_be_visible()
    console.get_by_role("button", name=t("vote_reveal")).click()
    idle(console)
    expect(console.get_by_text(t("vote_revealed_done"))).to_be_visible()
    shot(console, "vote-console-revealed")
    with read_session(engine) as session:
        found = latest_vote(session=session, forum_id=forum_id)
    assert found is not None and found.revealed and found.status == "closed"

    chart = wall.locator(".st-key-projector_vote_chart_box")
    expect(chart.get_by_text(f"1. {POSTS[0]}")).to_be_visible(timeout=FOLLOW_MS)
    expect(chart.get_by_text(f"2. {POSTS[1]}")).to_be_visible()
    idle(wall)
    shot(wall, "vote-projector-ranking", full_page=False)
    expect(phone.get_by_test_id("vote-bar")).to_have_count(3, timeout=FOLLOW_MS)
    shot(phone, "vote-phone-results")
    for page in (wall, phone, other_tab, console):
        page.context.close()
