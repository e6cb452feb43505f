"""progress_read: an item's progress rolled up from its commitments, and which items are overdue or stalled."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine

from facilitation.core.db import read_session, write_session
from facilitation.exports.markdown import to_markdown
from facilitation.exports.summary import build_summary
from facilitation.forum.plans import plan
from facilitation.forum.progress import set_weight
from facilitation.forum.progress_read import STALLED_AFTER, ItemProgress, item_progress, latest_reports
from models import ProgressStatus, ProgressSubject, Stage, saved_id
from tests.factories import join, make_forum, report
from tests.unit.helpers import commit, make_item, move

ITEM, COMMITMENT = ProgressSubject.ACTION_ITEM, ProgressSubject.COMMITMENT
NOT_STARTED, IN_PROGRESS, DONE, BLOCKED, DROPPED = (
    ProgressStatus.NOT_STARTED,
    ProgressStatus.IN_PROGRESS,
    ProgressStatus.DONE,
    ProgressStatus.BLOCKED,
    ProgressStatus.DROPPED,
)
TODAY = date(2027, 6, 1)


@dataclass(frozen=True)
class Items:
    forum_id: int
    item: int  # with three commitments
    commitments: tuple[int, int, int]
    bare: int  # no commitments


@pytest.fixture
def items(engine: Engine) -> Items:
    created = make_forum(engine)
    forum_id = saved_id(created.forum)
    people = [join(engine, created.forum.code, name=name).participant for name in ("สมชาย", "สมศรี", "บุญมี")]
    item, bare = make_item(engine, forum_id, "รถรับส่งผู้ป่วย"), make_item(engine, forum_id, "อบรมอาสาสมัคร")
    move(engine, created.forum, Stage.ACT)
    made = tuple(saved_id(commit(engine, person, saved_id(item), f"ช่วยส่วนที่ {n}")) for n, person in enumerate(people))
    return Items(forum_id, saved_id(item), made, saved_id(bare))  # type: ignore[arg-type]


def progress(engine: Engine, items: Items) -> dict[int, ItemProgress]:
    with read_session(engine) as session:
        return item_progress(session=session, item_ids=[items.item, items.bare])


def weigh(engine: Engine, items: Items, commitment: int, weight: int) -> None:
    with write_session(engine) as session:
        set_weight(session=session, forum_id=items.forum_id, commitment_id=commitment, weight=weight, seen=0)


def reported(engine: Engine, items: Items, index: int, status: ProgressStatus, percent: int, **more: object) -> None:
    report(engine, items.forum_id, COMMITMENT, items.commitments[index], status=status, percent=percent, **more)  # type: ignore[arg-type]


def test_nothing_reported_is_not_started_at_zero(engine: Engine, items: Items) -> None:
    found = progress(engine, items)
    for item_id in (items.item, items.bare):  # with commitments, and without any
        assert (found[item_id].percent, found[item_id].status, found[item_id].reports) == (0, NOT_STARTED, 0)
        assert found[item_id].last_reported is None


def test_the_mean_of_the_commitments_when_no_weight_is_set(engine: Engine, items: Items) -> None:
    """A commitment never reported counts 0 and as not started: one done of three is a third, in progress."""
    reported(engine, items, 0, DONE, 100, spent_baht=2_000)
    reported(engine, items, 1, IN_PROGRESS, 50, spent_baht=500)
    found = progress(engine, items)[items.item]
    assert (found.percent, found.status, found.reports, found.spent_baht) == (50, IN_PROGRESS, 2, 2_500)


def test_weights_count(engine: Engine, items: Items) -> None:
    reported(engine, items, 0, DONE, 100)
    weigh(engine, items, items.commitments[0], 3)
    assert progress(engine, items)[items.item].percent == 60  # (3×100 + 0 + 0) / 5


def test_every_weight_zero_is_a_plain_mean(engine: Engine, items: Items) -> None:
    reported(engine, items, 0, IN_PROGRESS, 90)
    for commitment in items.commitments:
        weigh(engine, items, commitment, 0)
    assert progress(engine, items)[items.item].percent == 30


def test_a_dropped_commitment_does_not_hold_its_item_back(engine: Engine, items: Items) -> None:
    reported(engine, items, 0, DONE, 100)
    reported(engine, items, 1, DROPPED, 0)
    reported(engine, items, 2, DONE, 100)
    found = progress(engine, items)[items.item]
    assert (found.percent, found.status) == (100, DONE)


def test_every_commitment_dropped_is_a_dropped_item(engine: Engine, items: Items) -> None:
    for index in range(3):
        reported(engine, items, index, DROPPED, 20)
    found = progress(engine, items)[items.item]
    assert (found.percent, found.status) == (20, DROPPED)


def test_one_blocked_commitment_blocks_the_item(engine: Engine, items: Items) -> None:
    reported(engine, items, 0, DONE, 100)
    reported(engine, items, 1, BLOCKED, 10)
    assert progress(engine, items)[items.item].status == BLOCKED


def test_the_items_own_report_wins(engine: Engine, items: Items) -> None:
    reported(engine, items, 0, DONE, 100, spent_baht=9_000)
    report(engine, items.forum_id, ITEM, items.item, status=IN_PROGRESS, percent=40, spent_baht=1_000)
    found = progress(engine, items)[items.item]
    assert (found.percent, found.status, found.spent_baht, found.reports) == (40, IN_PROGRESS, 1_000, 2)


def test_the_newest_report_is_the_one_that_counts(engine: Engine, items: Items) -> None:
    reported(engine, items, 0, IN_PROGRESS, 20)
    reported(engine, items, 0, IN_PROGRESS, 80)
    with read_session(engine) as session:
        newest = latest_reports(session=session, subject_kind=COMMITMENT, subject_ids=list(items.commitments))
    assert set(newest) == {items.commitments[0]} and newest[items.commitments[0]].percent == 80
    assert progress(engine, items)[items.item].percent == 27  # 80 / 3, halves and more rounded up


def test_the_plan_carries_each_items_progress(engine: Engine, items: Items) -> None:
    reported(engine, items, 0, DONE, 100)
    with read_session(engine) as session:
        rows = plan(session=session, forum_id=items.forum_id)
    assert [(row.progress.percent, row.progress.reports) for row in rows if row.progress] == [(33, 1), (0, 0)]


def _progress(status: ProgressStatus, last: date | None) -> ItemProgress:
    return ItemProgress(item_id=1, percent=0, status=status, last_reported=last, spent_baht=0, reports=1)


@pytest.mark.parametrize(
    ("status", "end", "overdue"),
    [
        (IN_PROGRESS, TODAY - timedelta(days=1), True),
        (NOT_STARTED, TODAY - timedelta(days=1), True),
        (IN_PROGRESS, TODAY, False),  # due today: not yet overdue
        (DONE, TODAY - timedelta(days=30), False),
        (DROPPED, TODAY - timedelta(days=30), False),
        (IN_PROGRESS, None, False),  # no end date: never overdue
    ],
)
def test_overdue(status: ProgressStatus, end: date | None, overdue: bool) -> None:
    assert _progress(status, TODAY).overdue(end, TODAY) is overdue


@pytest.mark.parametrize(
    ("status", "last", "stalled"),
    [
        (IN_PROGRESS, TODAY - STALLED_AFTER - timedelta(days=1), True),
        (IN_PROGRESS, TODAY - STALLED_AFTER, False),
        (IN_PROGRESS, TODAY - timedelta(days=7), False),
        (DONE, TODAY - timedelta(days=365), False),
        (NOT_STARTED, None, True),  # never reported: counted from the forum's day
    ],
)
def test_stalled(status: ProgressStatus, last: date | None, stalled: bool) -> None:
    forum_day = TODAY - timedelta(weeks=10)
    assert _progress(status, last).stalled(forum_day, TODAY) is stalled


def test_the_markdown_summary_lists_progress_once_reported(engine: Engine, items: Items) -> None:
    with read_session(engine) as session:
        before = to_markdown(build_summary(session=session, forum_id=items.forum_id), "en")
    assert "Where the plan stands" not in before  # a plan nobody reported on reads as it did
    reported(engine, items, 0, IN_PROGRESS, 90)
    with read_session(engine) as session:
        after = to_markdown(build_summary(session=session, forum_id=items.forum_id), "en", today=date(2027, 3, 1))
    assert "### Where the plan stands on 1 March 2027\n" in after
    assert "| 1 | รถรับส่งผู้ป่วย | In progress | 30 |" in after
