"""Review: a follow-up forum's first stage on the console, the projector and phones; starting a follow-up."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from facilitation.core.db import read_session, write_session
from facilitation.forum.follow_up import forum_series, start_follow_up
from facilitation.forum.forums import CreatedForum, authorise_facilitator
from models import CarriedItem, Forum, ForumFollowUp, ProgressReport, ProgressStatus, ProgressSubject, Stage, saved_id
from tests.factories import Joined, join, make_forum
from tests.ui.helpers import button_keys, everything, html, no_exception, shown, submit, th
from tests.unit.helpers import count, make_item, move


@dataclass(frozen=True)
class Series:
    earlier: CreatedForum
    follow_up: CreatedForum
    bus: int  # an earlier item, in progress
    done: int  # an earlier item, done


@pytest.fixture
def series(db: Engine) -> Series:
    earlier = make_forum(db, title="เวทีสวัสดิการตำบลศิลา ครั้งที่ 1/2570")
    earlier_id = saved_id(earlier.forum)
    bus = saved_id(make_item(db, earlier_id, "<b>รถรับส่งผู้ป่วย</b>"))
    done = saved_id(make_item(db, earlier_id, "ปรับระเบียบกองทุน"))
    with write_session(db) as session:
        reports = ((bus, ProgressStatus.IN_PROGRESS, 40, "a"), (done, ProgressStatus.DONE, 100, "b"))
        for item, status, percent, key in reports:
            session.add(
                ProgressReport(
                    forum_id=earlier_id, subject_kind=ProgressSubject.ACTION_ITEM, subject_id=item, status=status,
                    percent=percent, note="วิ่งรถแล้ว", reported_on=date(2027, 5, 1), creation_key=key,
                )
            )  # fmt: skip
    move(db, earlier.forum, Stage.CLOSED)
    with write_session(db) as session:
        follow = start_follow_up(
            session=session, earlier_forum_id=earlier_id, title="เวทีติดตามผลตำบลศิลา", forum_date=date(2027, 7, 15)
        )
    return Series(earlier, follow, bus, done)


def _console(app: Callable[..., AppTest], created: CreatedForum) -> AppTest:
    return app(code=created.forum.code, key=created.facilitator_token)


def test_the_console_of_a_follow_up_starts_at_review_and_carries_open_items(
    app: Callable[..., AppTest], db: Engine, series: Series
) -> None:
    """Review first among the stage buttons; one carry button per open item, keyed by item and version."""
    at = _console(app, series.follow_up)
    no_exception(at)
    stages = [button.key for button in at.button if button.key and button.key.startswith("console_stage_")]
    assert stages == ["console_stage_review", "console_stage_share", "console_stage_plan", "console_stage_act",
                      "console_stage_closed"]  # fmt: skip
    assert at.button(key="console_stage_review").disabled
    assert th("console_stage_help_review") in shown(at, "caption")
    carry = f"review_carry_{series.bus}_1"
    assert carry in button_keys(at)
    assert not [key for key in button_keys(at) if key.startswith(f"review_carry_{series.done}_")]  # done: not carried

    at.button(key=carry).click().run()
    no_exception(at)
    assert count(db, CarriedItem) == 1
    assert th("review_carried", activity="<b>รถรับส่งผู้ป่วย</b>") in shown(at, "success")
    assert carry not in button_keys(at)
    assert "&lt;b&gt;รถรับส่งผู้ป่วย&lt;/b&gt;" in html(at)  # the new plan's card: plain text


def test_an_ordinary_console_never_shows_review(app: Callable[..., AppTest], series: Series) -> None:
    at = _console(app, series.earlier)
    no_exception(at)
    assert "console_stage_review" not in button_keys(at)
    assert {"console_stage_share", "console_stage_closed"} <= button_keys(at)


def test_starting_a_follow_up_from_the_console_opens_its_console(
    app: Callable[..., AppTest], db: Engine, series: Series
) -> None:
    """The form in the Follow up tab makes a forum in the same area and lands on its console at Review."""
    at = _console(app, series.earlier)
    at.text_input(key="followup_title").input("เวทีติดตามผล ครั้งที่ 3")
    submit(at, "followup_start_button")
    no_exception(at)

    with read_session(db) as session:
        made = session.exec(select(Forum).where(Forum.title == "เวทีติดตามผล ครั้งที่ 3")).one()
        link = session.get(ForumFollowUp, saved_id(made))
        assert authorise_facilitator(session=session, code=made.code, key=at.query_params["key"]).id == made.id
    assert link is not None and link.earlier_forum_id == series.earlier.forum.id
    assert (made.tambon_code, made.stage) == (series.earlier.forum.tambon_code, Stage.REVIEW)
    assert at.query_params["code"] == made.code
    at.run()
    no_exception(at)
    assert at.button(key="console_stage_review").disabled
    assert "เวทีติดตามผล ครั้งที่ 3" in everything(at)


def test_the_projector_in_review_shows_the_earlier_items_with_their_status(
    app: Callable[..., AppTest], series: Series
) -> None:
    at = _console(app, series.follow_up).switch_page("pages/projector.py").run()
    no_exception(at)
    wall = html(at)
    assert f'data-testid="stage">{th("stage_review")}<' in wall
    assert "&lt;b&gt;รถรับส่งผู้ป่วย&lt;/b&gt;" in wall and "<b>รถ" not in wall
    assert f'data-status="in_progress">{th("review_status_in_progress")}<' in wall
    assert f'data-status="done">{th("review_status_done")}<' in wall
    assert 'data-testid="review-percent">40%<' in wall
    assert "เวทีสวัสดิการตำบลศิลา ครั้งที่ 1/2570" in wall
    assert not at.button


@pytest.fixture
def phone(app: Callable[..., AppTest], db: Engine, series: Series) -> AppTest:
    member: Joined = join(db, series.follow_up.forum.code, name="บุญมี")
    return app(code=series.follow_up.forum.code, p=member.token)


def test_a_phone_in_review_sees_the_list_read_only(phone: AppTest) -> None:
    no_exception(phone)
    assert th("phone_review_intro") in shown(phone, "info")
    seen = html(phone)
    assert "&lt;b&gt;รถรับส่งผู้ป่วย&lt;/b&gt;" in seen
    assert f'data-status="in_progress">{th("review_status_in_progress")}<' in seen
    assert not [key for key in button_keys(phone) if key.startswith("review_carry_")]
    assert "share_text" not in {area.key for area in phone.text_area}  # posts wait for Share


def test_the_summary_shows_the_series(app: Callable[..., AppTest], db: Engine, series: Series) -> None:
    at = _console(app, series.follow_up).switch_page("pages/summary.py").run()
    no_exception(at)
    assert th("followup_series_heading") in shown(at, "subheader")
    with read_session(db) as session:
        assert len(forum_series(session=session, forum_id=saved_id(series.follow_up.forum))) == 2
