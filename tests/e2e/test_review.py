"""In Chromium: a follow-up forum's projector in Review shows the earlier forum's items and follows a new report."""

from datetime import date

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import Engine

from facilitation.core.db import write_session
from facilitation.core.i18n import t
from facilitation.forum.access import open_projector_link
from facilitation.forum.follow_up import REVIEW_TOPICS, bump_with_reviewers, start_follow_up
from models import ProgressReport, ProgressStatus, ProgressSubject, Stage, saved_id
from tests.e2e.conftest import PROJECTOR, following, idle, shot
from tests.factories import make_forum
from tests.unit.helpers import make_item, move

pytestmark = pytest.mark.e2e

FOLLOW_MS = 15_000  # generous: behaviour, not speed


def _report(engine: Engine, forum_id: int, item_id: int, status: ProgressStatus, percent: int, key: str) -> None:
    """An owner's report as the progress service stores it, told to the forums reviewing this one."""
    with write_session(engine) as session:
        session.add(
            ProgressReport(
                forum_id=forum_id, subject_kind=ProgressSubject.ACTION_ITEM, subject_id=item_id, status=status,
                percent=percent, note="", reported_on=date(2027, 7, 1), creation_key=key,
            )
        )  # fmt: skip
        bump_with_reviewers(session=session, forum_id=forum_id, topics=REVIEW_TOPICS)


def test_the_projector_in_review_shows_and_follows_an_earlier_item_s_status(
    browser: Browser, site: tuple[str, Engine]
) -> None:
    base, engine = site
    earlier = make_forum(engine, title="เวทีสวัสดิการตำบลศิลา ครั้งที่ 1/2570")
    earlier_id = saved_id(earlier.forum)
    item = saved_id(make_item(engine, earlier_id, "รถรับส่งผู้ป่วยไปตามนัด"))
    move(engine, earlier.forum, Stage.CLOSED)  # the owner reports after the forum closed
    with write_session(engine) as session:
        follow = start_follow_up(
            session=session, earlier_forum_id=earlier_id, title="เวทีติดตามผล", forum_date=date(2027, 7, 15)
        )
        session.flush()
        screen = open_projector_link(session=session, code=follow.forum.code, key=follow.facilitator_token)
    wall = browser.new_context(**PROJECTOR).new_page()
    wall.goto(f"{base}/?code={follow.forum.code}&screen={screen}")
    idle(wall)
    following(wall)
    expect(wall.get_by_test_id("stage")).to_have_text(t("stage_review", "th"))
    card = wall.locator(f'article.review-card[data-item="{item}"]')
    expect(card.get_by_text("รถรับส่งผู้ป่วยไปตามนัด")).to_be_visible()
    expect(card.get_by_test_id("review-status")).to_have_text(t("review_status_not_started", "th"))

    _report(engine, earlier_id, item, ProgressStatus.IN_PROGRESS, 40, "owner-1")

    expect(card.get_by_test_id("review-status")).to_have_text(t("review_status_in_progress", "th"), timeout=FOLLOW_MS)
    expect(card.get_by_test_id("review-percent")).to_have_text("40%")
    shot(wall, "review-projector", full_page=False)
    wall.context.close()
