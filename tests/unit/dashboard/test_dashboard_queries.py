"""The dashboard reads an area in a fixed number of queries, and counts a carried item once."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy import Engine, event

from facilitation.core.db import read_session, write_session
from facilitation.dashboard.read import AreaDashboard, area_dashboard
from models import (
    ActionItem,
    ActionItemContribution,
    Commitment,
    Contribution,
    ContributionKind,
    FundSource,
    Participant,
    ProgressReport,
    ProgressStatus,
    ProgressSubject,
    Sector,
    saved_id,
    utcnow,
)
from tests.unit.dashboard.area_set import TODAY, carry, forum
from tests.unit.helpers import make_item


def many_forums(engine: Engine, count: int) -> None:
    """`count` forums in Sila, each with a person, a benefit, an item answering it, a commitment and a report."""
    ids = [saved_id(forum(engine, f"เวทีที่ {n}", "400114", date(2027, 2, 18)).forum) for n in range(count)]
    now = utcnow()
    with write_session(engine) as session:
        for number, forum_id in enumerate(ids):
            person = Participant(forum_id=forum_id, sector=list(Sector)[number % 6], consented_at=now)
            benefit = Contribution(forum_id=forum_id, kind=ContributionKind.BENEFIT, text=f"ทุนการศึกษา {number}")
            session.add_all([person, benefit])
            session.flush()
            item = ActionItem(
                forum_id=forum_id, activity=f"กิจกรรม {number}", budget_baht=1_000, fund_source=FundSource.TAO,
                end_date=date(2027, 6, 30),
            )  # fmt: skip
            session.add(item)
            session.flush()
            promise = Commitment(
                forum_id=forum_id, action_item_id=saved_id(item), participant_id=person.id, text="จะทำ"
            )
            session.add_all(
                [promise, ActionItemContribution(action_item_id=saved_id(item), contribution_id=saved_id(benefit))]
            )
            session.flush()
            session.add(
                ProgressReport(
                    forum_id=forum_id, subject_kind=ProgressSubject.COMMITMENT, subject_id=saved_id(promise),
                    status=ProgressStatus.IN_PROGRESS, percent=30, reported_on=date(2027, 5, 1), creation_key="k",
                )
            )  # fmt: skip


@contextmanager
def selects(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def board(engine: Engine, **scope: Any) -> AreaDashboard:
    with read_session(engine) as session:
        return area_dashboard(session=session, province_code="40", lang="th", today=TODAY, **scope)


def test_the_same_number_of_queries_for_3_forums_and_for_30(engine: Engine) -> None:
    many_forums(engine, 3)
    with selects(engine) as few:
        small = board(engine)
    many_forums(engine, 27)
    with selects(engine) as many:
        large = board(engine)

    assert (len(small.forums), small.action_items, len(large.forums), large.action_items) == (3, 3, 30, 30)
    assert large.budget_by_category["education"].items == 30 and len(large.flagged) == 30
    assert len(few) == len(many) == 10, many


def test_an_item_carried_into_a_follow_up_counts_there_only(engine: Engine) -> None:
    earlier = forum(engine, "เวทีแรก", "400114", date(2027, 2, 18))
    follow_up = forum(engine, "เวทีติดตาม", "400114", date(2027, 10, 1))
    first = make_item(engine, saved_id(earlier.forum), "รถรับส่งผู้ป่วย", budget_baht=10_000, start_date=None, end_date=None)
    again = make_item(
        engine, saved_id(follow_up.forum), "รถรับส่งผู้ป่วย", budget_baht=10_000, start_date=None, end_date=None
    )
    carry(engine, again, follow_up, saved_id(first))

    both = board(engine)
    before = board(engine, date_to=date(2027, 9, 30))

    assert both.action_items == 1 and both.budget_baht == 10_000
    assert [(line.title, line.action_items) for line in both.forums] == [("เวทีติดตาม", 1), ("เวทีแรก", 0)]
    # Before the follow-up was held, the item was the earlier forum's.
    assert [(line.title, line.action_items) for line in before.forums] == [("เวทีแรก", 1)]
