"""follow_up: a follow-up forum in the same area, its Review of the earlier plan, carried items and the series."""

from datetime import date

import pytest
from sqlalchemy import Engine

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import (
    ActionItemNotFound,
    ActionNotAllowed,
    FollowUpBeforeEarlier,
    ItemNotOpen,
    NotAFollowUp,
    StaleEdit,
)
from facilitation.forum.follow_up import (
    Carried,
    bump_with_reviewers,
    carry_item,
    forum_series,
    item_history,
    review_board,
    stages_of,
    start_follow_up,
)
from facilitation.forum.forums import CreatedForum, authorise_facilitator
from facilitation.forum.plans import update_action_item
from facilitation.forum.progress_read import item_progress
from facilitation.live.changes import Topic, counters
from models import (
    ActionItem,
    CarriedItem,
    Forum,
    ForumFollowUp,
    ProgressReport,
    ProgressStatus,
    ProgressSubject,
    Stage,
    saved_id,
)
from tests.factories import join, make_forum, report
from tests.unit.helpers import commit, count, item_data, make_item, move

LATER = date(2027, 6, 18)


def _follow(engine: Engine, earlier: Forum, *, key: str | None = "tap-1", when: date = LATER) -> CreatedForum:
    with write_session(engine) as session:
        return start_follow_up(
            session=session,
            earlier_forum_id=saved_id(earlier),
            title="เวทีติดตามผลตำบลศิลา ครั้งที่ 2/2570",
            forum_date=when,
            venue="ศาลาประชาคมหมู่ 5",
            creation_key=key,
        )


def _report(
    engine: Engine, forum_id: int, kind: ProgressSubject, subject_id: int, status: ProgressStatus, percent: int,
    on: date, key: str,
) -> None:  # fmt: skip
    with write_session(engine) as session:
        session.add(
            ProgressReport(
                forum_id=forum_id, subject_kind=kind, subject_id=subject_id, status=status, percent=percent,
                note="", reported_on=on, creation_key=key,
            )
        )  # fmt: skip


def _carry(engine: Engine, forum_id: int, item_id: int, seen: int | None = None) -> Carried:
    with write_session(engine) as session:
        return carry_item(session=session, forum_id=forum_id, earlier_item_id=item_id, seen=seen)


@pytest.fixture
def earlier(engine: Engine) -> CreatedForum:
    return make_forum(engine, title="เวทีสวัสดิการตำบลศิลา ครั้งที่ 1/2570")


def test_a_follow_up_is_a_new_forum_in_the_same_area_at_review(engine: Engine, earlier: CreatedForum) -> None:
    """Its own code and key, the earlier forum's area, linked to it, and Review first."""
    made = _follow(engine, earlier.forum)
    forum = made.forum
    assert made.created
    assert forum.code != earlier.forum.code and made.facilitator_token != earlier.facilitator_token
    area = ("province_code", "district_code", "tambon_code", "area_name_th", "area_name_en")
    assert [getattr(forum, name) for name in area] == [getattr(earlier.forum, name) for name in area]
    assert (forum.forum_date, forum.venue, forum.stage) == (LATER, "ศาลาประชาคมหมู่ 5", Stage.REVIEW)
    with read_session(engine) as session:
        assert authorise_facilitator(session=session, code=forum.code, key=made.facilitator_token).id == forum.id
        link = session.get(ForumFollowUp, saved_id(forum))
        assert link is not None and link.earlier_forum_id == earlier.forum.id
        assert stages_of(session=session, forum_id=saved_id(forum))[0] == Stage.REVIEW
        assert Stage.REVIEW not in stages_of(session=session, forum_id=saved_id(earlier.forum))


def test_a_double_tap_starts_one_follow_up(engine: Engine, earlier: CreatedForum) -> None:
    """The same creation key twice: one forum, one link, the same key handed back."""
    first, second = _follow(engine, earlier.forum), _follow(engine, earlier.forum)
    assert not second.created
    assert second.forum.id == first.forum.id and second.facilitator_token == first.facilitator_token
    assert count(engine, Forum) == 2 and count(engine, ForumFollowUp) == 1


def test_a_closed_forum_can_still_be_followed_up(engine: Engine, earlier: CreatedForum) -> None:
    """Closing a forum is where the cycle turns: its follow-up starts all the same."""
    move(engine, earlier.forum, Stage.CLOSED)
    assert _follow(engine, earlier.forum).forum.stage == Stage.REVIEW


def test_a_follow_up_dated_before_its_forum_is_refused(engine: Engine, earlier: CreatedForum) -> None:
    with pytest.raises(FollowUpBeforeEarlier):
        _follow(engine, earlier.forum, when=date(2026, 12, 31))
    assert count(engine, Forum) == 1
    assert "before" in FollowUpBeforeEarlier().message("en")


def test_the_review_board_shows_the_earlier_plan_with_its_latest_progress(
    engine: Engine, earlier: CreatedForum
) -> None:
    """Items in the earlier plan's order, each with its rolled-up progress and its commitments' newest reports."""
    earlier_id = saved_id(earlier.forum)
    bus, visits = make_item(engine, earlier_id, "รถรับส่งผู้ป่วย"), make_item(engine, earlier_id, "เยี่ยมบ้าน")
    move(engine, earlier.forum, Stage.ACT)
    person = join(engine, earlier.forum.code, organisation="รพ.สต.ศิลา").participant
    pledge = commit(engine, person, saved_id(bus), "จัดรถสัปดาห์ละสองวัน", organisation="รพ.สต.ศิลา")
    c = ProgressSubject.COMMITMENT
    _report(engine, earlier_id, c, saved_id(pledge), ProgressStatus.IN_PROGRESS, 20, date(2027, 3, 1), "a")
    _report(engine, earlier_id, c, saved_id(pledge), ProgressStatus.IN_PROGRESS, 40, date(2027, 4, 1), "b")
    follow_up = saved_id(_follow(engine, earlier.forum).forum)

    with read_session(engine) as session:
        board = review_board(session=session, forum_id=follow_up)
        ordinary = review_board(session=session, forum_id=earlier_id)
    assert board.earlier is not None and board.earlier.id == earlier_id
    assert [(row.number, row.item.activity) for row in board.items] == [(1, "รถรับส่งผู้ป่วย"), (2, "เยี่ยมบ้าน")]
    first, second = board.items
    assert (first.progress.percent, first.progress.status) == (40, ProgressStatus.IN_PROGRESS)
    assert [(row.commitment.text, row.percent, row.status) for row in first.commitments] == [
        ("จัดรถสัปดาห์ละสองวัน", 40, ProgressStatus.IN_PROGRESS)
    ]
    assert (second.progress.status, second.commitments, second.carried_into) == (ProgressStatus.NOT_STARTED, [], None)
    assert len(board.open_items) == 2 and visits.id == second.item.id
    assert ordinary.earlier is None and ordinary.items == []


def test_carrying_twice_makes_one_item_with_the_same_fields_and_dates(engine: Engine, earlier: CreatedForum) -> None:
    """A double tap (or a second tab) on "carry" finds the copy the first made."""
    earlier_id = saved_id(earlier.forum)
    item = make_item(engine, earlier_id, "ศูนย์ดูแลผู้สูงอายุ", start_date=date(2027, 3, 1), end_date=date(2027, 12, 31))
    follow_up = saved_id(_follow(engine, earlier.forum).forum)
    first, again = _carry(engine, follow_up, saved_id(item)), _carry(engine, follow_up, saved_id(item))
    assert first.created and not again.created and again.item.id == first.item.id
    assert count(engine, CarriedItem) == 1 and count(engine, ActionItem) == 2
    copy = first.item
    assert copy.forum_id == follow_up and copy.id != item.id
    fields = item_data("ศูนย์ดูแลผู้สูงอายุ").model_dump(exclude={"contribution_ids", "theme_ids"})
    assert {name: getattr(copy, name) for name in fields} == {
        **fields, "start_date": date(2027, 3, 1), "end_date": date(2027, 12, 31)
    }  # fmt: skip
    with read_session(engine) as session:
        board = review_board(session=session, forum_id=follow_up)
    assert board.items[0].carried_into == copy.id


def test_only_an_open_current_item_of_the_earlier_forum_is_carried(engine: Engine, earlier: CreatedForum) -> None:
    """Done: refused. Edited since the button was drawn: refused. Another forum's item: not found."""
    earlier_id = saved_id(earlier.forum)
    done, edited = make_item(engine, earlier_id, "ทำเสร็จแล้ว"), make_item(engine, earlier_id, "แก้ไขภายหลัง")
    elsewhere = make_item(engine, saved_id(make_forum(engine).forum), "ของเวทีอื่น")
    _report(engine, earlier_id, ProgressSubject.ACTION_ITEM, saved_id(done), ProgressStatus.DONE, 100, LATER, "d")
    with write_session(engine) as session:
        update_action_item(
            session=session, forum_id=earlier_id, item_id=saved_id(edited), seen=1, data=item_data("ใหม่")
        )
    follow_up = saved_id(_follow(engine, earlier.forum).forum)
    with pytest.raises(ItemNotOpen) as refused:
        _carry(engine, follow_up, saved_id(done))
    assert "ทำเสร็จแล้ว" in refused.value.message("th")
    with pytest.raises(StaleEdit):
        _carry(engine, follow_up, saved_id(edited), seen=1)
    with pytest.raises(ActionItemNotFound):
        _carry(engine, follow_up, saved_id(elsewhere))
    assert _carry(engine, follow_up, saved_id(edited), seen=2).created
    assert count(engine, CarriedItem) == 1


def test_carrying_follows_the_stage_and_needs_a_follow_up(engine: Engine, earlier: CreatedForum) -> None:
    """Review and Plan carry; Share refuses; an ordinary forum in Plan has nothing to carry from."""
    item = make_item(engine, saved_id(earlier.forum))
    made = _follow(engine, earlier.forum)
    move(engine, made.forum, Stage.SHARE)
    with pytest.raises(ActionNotAllowed):
        _carry(engine, saved_id(made.forum), saved_id(item))
    move(engine, earlier.forum, Stage.PLAN)
    with pytest.raises(NotAFollowUp):
        _carry(engine, saved_id(earlier.forum), saved_id(item))
    move(engine, made.forum, Stage.PLAN)
    assert _carry(engine, saved_id(made.forum), saved_id(item)).created


def test_a_carried_item_brings_its_history_and_stands_where_it_stood(engine: Engine, earlier: CreatedForum) -> None:
    """Its timeline is the earlier item's reports then its own; until reported anew its progress is the earlier's."""
    earlier_id, a = saved_id(earlier.forum), ProgressSubject.ACTION_ITEM
    item = saved_id(make_item(engine, earlier_id))
    _report(engine, earlier_id, a, item, ProgressStatus.IN_PROGRESS, 30, date(2027, 4, 1), "x")
    _report(engine, earlier_id, a, item, ProgressStatus.BLOCKED, 30, date(2027, 5, 1), "y")
    follow_up = saved_id(_follow(engine, earlier.forum).forum)
    copy = saved_id(_carry(engine, follow_up, item).item)
    with read_session(engine) as session:
        carried = item_progress(session=session, item_ids=[copy])[copy]
    assert (carried.item_id, carried.percent, carried.status) == (copy, 30, ProgressStatus.BLOCKED)

    _report(engine, follow_up, a, copy, ProgressStatus.IN_PROGRESS, 60, date(2027, 7, 1), "z")
    with read_session(engine) as session:
        history = item_history(session=session, item_id=copy)
        now = item_progress(session=session, item_ids=[copy])[copy]
        earlier_history = item_history(session=session, item_id=item)
    assert [(r.subject_id, r.percent, r.status) for r in history] == [
        (item, 30, ProgressStatus.IN_PROGRESS),
        (item, 30, ProgressStatus.BLOCKED),
        (copy, 60, ProgressStatus.IN_PROGRESS),
    ]
    assert (now.percent, now.status) == (60, ProgressStatus.IN_PROGRESS)
    assert [r.subject_id for r in earlier_history] == [item, item]


def test_the_series_lists_every_forum_oldest_first_from_any_of_them(engine: Engine, earlier: CreatedForum) -> None:
    """Three forums in a row: the same timeline from each, with items, done and carried counted."""
    earlier_id = saved_id(earlier.forum)
    done, open_item = make_item(engine, earlier_id, "เสร็จ"), make_item(engine, earlier_id, "ยังไม่เสร็จ")
    _report(engine, earlier_id, ProgressSubject.ACTION_ITEM, saved_id(done), ProgressStatus.DONE, 100, LATER, "k")
    second = _follow(engine, earlier.forum)
    _carry(engine, saved_id(second.forum), saved_id(open_item))
    move(engine, second.forum, Stage.CLOSED)
    third = _follow(engine, second.forum, key="tap-3", when=date(2027, 11, 1))
    unrelated = make_forum(engine)

    with read_session(engine) as session:
        seen = [forum_series(session=session, forum_id=saved_id(f.forum)) for f in (earlier, second, third)]
        alone = forum_series(session=session, forum_id=saved_id(unrelated.forum))
        keyed = forum_series(session=session, forum_id=earlier_id, key=second.facilitator_token)
    assert seen[0] == seen[1] == seen[2]
    rows = seen[0]
    assert [(r.forum_id, r.forum_date, r.items, r.done, r.carried) for r in rows] == [
        (earlier_id, date(2027, 2, 18), 2, 1, 0),
        (second.forum.id, LATER, 1, 0, 1),
        (third.forum.id, date(2027, 11, 1), 0, 0, 0),
    ]
    assert [r.follows for r in rows] == [None, earlier_id, second.forum.id]
    assert [r.stage for r in rows] == [Stage.SHARE, Stage.CLOSED, Stage.REVIEW]
    assert [r.forum_id for r in alone] == [unrelated.forum.id]
    assert [r.key_opens for r in keyed] == [False, True, False]


def test_a_change_on_an_earlier_forum_reaches_the_forums_reviewing_it(engine: Engine, earlier: CreatedForum) -> None:
    """A report on an earlier item redraws the follow-up's Review screens, which watch their own forum."""
    follow_up = saved_id(_follow(engine, earlier.forum).forum)
    other = saved_id(make_forum(engine).forum)
    ids = [saved_id(earlier.forum), follow_up, other]
    with read_session(engine) as session:
        before = counters(session=session, forum_ids=ids)
    with write_session(engine) as session:
        bump_with_reviewers(session=session, forum_id=saved_id(earlier.forum), topics=[Topic.PLAN])
    with read_session(engine) as session:
        after = counters(session=session, forum_ids=ids)
    moved = [after[i][Topic.PLAN.value] - before[i][Topic.PLAN.value] for i in ids]
    assert moved == [1, 1, 0]


def test_a_progress_report_on_an_earlier_item_reaches_the_follow_ups_screens(
    engine: Engine, earlier: CreatedForum
) -> None:
    """The report service itself tells the reviewing forum: its projector in Review redraws."""
    item = make_item(engine, saved_id(earlier.forum), "รถรับส่งผู้ป่วยไปตามนัด")
    follow_up = saved_id(_follow(engine, earlier.forum).forum)
    ids = [saved_id(earlier.forum), follow_up]
    with read_session(engine) as session:
        before = counters(session=session, forum_ids=ids)
    report(
        engine, saved_id(earlier.forum), ProgressSubject.ACTION_ITEM, saved_id(item),
        status=ProgressStatus.IN_PROGRESS, percent=40,
    )  # fmt: skip
    with read_session(engine) as session:
        after = counters(session=session, forum_ids=ids)
    assert [after[i][Topic.PROGRESS.value] - before[i][Topic.PROGRESS.value] for i in ids] == [1, 1]
