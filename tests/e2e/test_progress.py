"""An owner reports progress from a phone after the forum closed; its wall and the follow-up forum's show it."""

from datetime import timedelta

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import Engine

from facilitation.core.db import read_session, write_session
from facilitation.core.i18n import t
from facilitation.forum.access import open_projector_link
from facilitation.forum.follow_up import start_follow_up
from facilitation.forum.progress import progress_history
from models import ProgressSubject, Stage, saved_id
from tests.e2e.conftest import LAPTOP, PHONE, PROJECTOR, following, idle, shot
from tests.factories import join, make_forum
from tests.unit.helpers import commit, make_item, move

pytestmark = pytest.mark.e2e


def test_an_owner_reports_forty_percent_after_the_forum_closed(browser: Browser, site: tuple[str, Engine]) -> None:
    base, engine = site
    created = make_forum(engine, title="เวทีสวัสดิการตำบลศิลา")
    forum_id, code, key = saved_id(created.forum), created.forum.code, created.facilitator_token
    bob = join(engine, code, name="สมชาย", organisation="อบต.ศิลา").participant
    item = make_item(engine, forum_id, "รถรับส่งผู้ป่วยติดเตียง")
    move(engine, created.forum, Stage.ACT)
    made = commit(engine, bob, saved_id(item), "จัดรถของ อบต. ให้สัปดาห์ละสองวัน", organisation="อบต.ศิลา")

    # The facilitator makes the owner's link in the console's Progress tab.
    laptop = browser.new_context(**LAPTOP).new_page()
    laptop.goto(f"{base}/?code={code}&key={key}")
    idle(laptop)
    laptop.get_by_role("tab", name=t("progress_console_tab")).click()
    laptop.get_by_text(t("progress_item_open", number=1)).click()
    idle(laptop)
    laptop.locator(f".st-key-progress_link_commitment_{saved_id(made)} button").click()
    idle(laptop)
    chat = laptop.get_by_test_id("stCode").filter(has_text="?progress=").inner_text()
    link = chat[chat.index("http") :].split()[0]
    assert link.startswith(base + "/?progress=")
    # Then closes the forum; the wall stays up.
    laptop.get_by_role("button", name=t("stage_closed")).click()
    idle(laptop)
    wall = browser.new_context(**PROJECTOR).new_page()
    wall.goto(f"{base}/projector?code={code}&key={key}")
    following(wall)
    expect(wall.get_by_test_id("stage")).to_have_text(t("stage_closed"))
    expect(wall.locator('[data-testid="progress"]')).to_have_count(0)  # nothing reported yet
    # The next forum in the area is already under way, in Review, on its own projector.
    with write_session(engine) as session:
        follow = start_follow_up(
            session=session,
            earlier_forum_id=forum_id,
            title="เวทีติดตามผลตำบลศิลา",
            forum_date=created.forum.forum_date + timedelta(days=120),
        )
        session.flush()
        screen = open_projector_link(session=session, code=follow.forum.code, key=follow.facilitator_token)
    review = browser.new_context(**PROJECTOR).new_page()
    review.goto(f"{base}/?code={follow.forum.code}&screen={screen}")
    following(review)
    expect(review.get_by_test_id("stage")).to_have_text(t("stage_review"))
    review_card = review.locator(f'article.review-card[data-item="{saved_id(item)}"]')
    expect(review_card.get_by_test_id("review-percent")).to_have_text("0%")

    # The owner opens the link on a phone: nothing else, no join code, no key.
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(link)
    idle(phone)
    expect(phone.get_by_text("จัดรถของ อบต. ให้สัปดาห์ละสองวัน")).to_be_visible()
    phone.get_by_test_id("stRadio").get_by_text(t("progress_status_in_progress"), exact=True).click()
    thumb = phone.get_by_test_id("stSlider").get_by_role("slider")
    thumb.focus()
    for _ in range(8):  # 0 → 40 in steps of 5
        thumb.press("ArrowRight")
    expect(thumb).to_have_attribute("aria-valuetext", "40")
    phone.get_by_test_id("stTextArea").locator("textarea").fill("ได้รถแล้วหนึ่งคัน รออีกคัน")
    phone.get_by_role("button", name=t("progress_send")).click()
    idle(phone)
    expect(phone.get_by_text(t("progress_saved"))).to_be_visible()
    expect(phone.locator('[data-testid="progress-entry"] [data-percent="40"]').first).to_be_visible()
    shot(phone, "progress-phone")
    phone.get_by_test_id("stMain").evaluate("main => main.scrollTo(0, 0)")
    shot(phone, "progress-phone-top", full_page=False)

    with read_session(engine) as session:
        (saved,) = progress_history(session=session, subject_kind=ProgressSubject.COMMITMENT, subject_id=saved_id(made))
    assert (saved.percent, saved.reported_by) == (40, "owner")
    # The wall redraws the plan's card within its refresh (it follows progress at most once a second).
    bar = wall.locator(f'.plan-card[data-item="{saved_id(item)}"] [data-testid="progress"]')
    expect(bar).to_have_attribute("data-percent", "40", timeout=10_000)
    expect(bar).to_contain_text(f"{t('progress_status_in_progress')} · 40%")
    shot(wall, "progress-projector", full_page=False)
    # And the follow-up forum's projector, reviewing this plan, shows it within its refresh too.
    expect(review_card.get_by_test_id("review-percent")).to_have_text("40%", timeout=10_000)
    expect(review_card.get_by_test_id("review-status").first).to_have_text(t("review_status_in_progress"))
    shot(review, "progress-follow-up-projector", full_page=False)
