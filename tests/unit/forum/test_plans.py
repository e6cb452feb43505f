"""plans: the action plan, its links to contributions, and validation."""

from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import ActionItemNotFound, InvalidBudget, InvalidDates, TextEmpty
from facilitation.forum.commitments import add_commitment
from facilitation.forum.contributions import withdraw_contribution
from facilitation.forum.plans import (
    MAX_BUDGET_BAHT,
    PlanRow,
    create_action_item,
    delete_action_item,
    deleted_items,
    plan,
    restore_action_item,
    update_action_item,
)
from models import (
    ActionItem,
    ActionItemContribution,
    ActionItemCreate,
    Commitment,
    CommitmentCreate,
    ContributionKind,
    Forum,
    FundSource,
    Stage,
    saved_id,
)
from tests.factories import join, make_forum, post
from tests.unit.helpers import commit, count, item_data, make_item, move, revision


def _plan(engine: Engine, forum_id: int) -> list[PlanRow]:
    with read_session(engine) as session:
        return plan(session=session, forum_id=forum_id)


def _links(engine: Engine, item_id: int) -> list[int]:
    with read_session(engine) as session:
        return sorted(
            session.exec(
                select(ActionItemContribution.contribution_id).where(ActionItemContribution.action_item_id == item_id)
            ).all()
        )


@pytest.fixture
def forum(engine: Engine) -> Forum:
    return make_forum(engine).forum


@pytest.fixture
def forum_id(forum: Forum) -> int:
    return saved_id(forum)


def test_create_stores_every_field_cleaned(engine: Engine, forum_id: int) -> None:
    """An action item keeps its fields, cleaned of control characters and line breaks."""
    item = make_item(engine, forum_id, " รถรับส่ง\nผู้ป่วย\u200b ", partners="รพ.สต.\tศิลา")
    with read_session(engine) as session:
        stored = session.get(ActionItem, item.id)
    assert stored is not None
    assert stored.activity == "รถรับส่ง ผู้ป่วย"
    assert stored.partners == "รพ.สต. ศิลา"
    assert (stored.budget_baht, stored.fund_source) == (60_000, FundSource.TAO)
    assert (stored.start_date, stored.end_date) == (date(2027, 3, 1), date(2027, 9, 30))
    assert stored.forum_id == forum_id


def test_create_links_only_this_forums_contributions(engine: Engine, forum: Forum, forum_id: int) -> None:
    """Contribution ids of another forum, or unknown ids, are ignored; duplicates count once."""
    mine = join(engine, forum.code).participant
    a = post(engine, mine, "ไม่มีรถ")
    b = post(engine, mine, "ไม่มีเงิน", ContributionKind.FUND)
    other_forum = make_forum(engine).forum
    foreign = post(engine, join(engine, other_forum.code).participant, "เวทีอื่น")
    item = make_item(engine, forum_id, contribution_ids=[b.id, foreign.id, 9999, a.id, a.id])
    assert _links(engine, saved_id(item)) == sorted([saved_id(a), saved_id(b)])
    rows = _plan(engine, forum_id)
    assert [c.text for c in rows[0].answers] == ["ไม่มีรถ", "ไม่มีเงิน"]


def test_update_replaces_fields_and_links(engine: Engine, forum: Forum, forum_id: int) -> None:
    """update_action_item replaces every field and the whole set of links."""
    mine = join(engine, forum.code).participant
    a, b = post(engine, mine, "ก"), post(engine, mine, "ข")
    item = make_item(engine, forum_id, contribution_ids=[a.id])
    with write_session(engine) as session:
        update_action_item(
            session=session,
            forum_id=forum_id,
            item_id=saved_id(item),
            seen=1,
            data=ActionItemCreate(activity="ซ่อมบ้านคนพิการ", budget_baht=200_000, contribution_ids=[saved_id(b)]),
        )
    with read_session(engine) as session:
        stored = session.get(ActionItem, item.id)
    assert stored is not None
    assert (stored.activity, stored.budget_baht, stored.fund_source) == ("ซ่อมบ้านคนพิการ", 200_000, FundSource.OTHER)
    assert (stored.objective, stored.partners, stored.start_date, stored.end_date) == ("", "", None, None)
    assert _links(engine, saved_id(item)) == [b.id]


def test_update_with_no_links_removes_them(engine: Engine, forum: Forum, forum_id: int) -> None:
    """An empty contribution_ids clears the links."""
    a = post(engine, join(engine, forum.code).participant, "ก")
    item = make_item(engine, forum_id, contribution_ids=[a.id])
    with write_session(engine) as session:
        update_action_item(session=session, forum_id=forum_id, item_id=saved_id(item), seen=1, data=item_data("ใหม่"))
    assert _links(engine, saved_id(item)) == []


def test_delete_sets_the_item_aside_and_restore_brings_back_links_and_commitments(
    engine: Engine, forum: Forum, forum_id: int
) -> None:
    """A deleted item leaves the plan with its commitments, but nothing is removed; restore brings both back."""
    person = join(engine, forum.code).participant
    a = post(engine, person, "ก")
    doomed = make_item(engine, forum_id, "ลบทิ้ง", contribution_ids=[a.id])
    kept = make_item(engine, forum_id, "เก็บไว้", contribution_ids=[a.id])
    move(engine, forum, Stage.ACT)  # commitments open in Act
    commit(engine, person, saved_id(doomed), "จะช่วยลบ")
    commit(engine, person, saved_id(kept), "จะช่วยเก็บ")
    with write_session(engine) as session:
        delete_action_item(session=session, forum_id=forum_id, item_id=saved_id(doomed))
    assert [row.item.activity for row in _plan(engine, forum_id)] == ["เก็บไว้"]
    assert [c.text for row in _plan(engine, forum_id) for c in row.commitments] == ["จะช่วยเก็บ"]
    with read_session(engine) as session:
        assert [item.activity for item in deleted_items(session=session, forum_id=forum_id)] == ["ลบทิ้ง"]
        assert set(session.exec(select(Commitment.text)).all()) == {"จะช่วยเก็บ", "จะช่วยลบ"}  # kept
    assert _links(engine, saved_id(doomed)) == [a.id]
    assert count(engine, ActionItem) == 2
    with pytest.raises(ActionItemNotFound), write_session(engine) as session:  # no commitments to a deleted item
        add_commitment(
            session=session, participant=person, data=CommitmentCreate(action_item_id=saved_id(doomed), text="จะช่วย")
        )

    with write_session(engine) as session:
        restore_action_item(session=session, forum_id=forum_id, item_id=saved_id(doomed))
    rows = _plan(engine, forum_id)
    assert [row.item.activity for row in rows] == ["ลบทิ้ง", "เก็บไว้"]
    assert [c.text for c in rows[0].commitments] == ["จะช่วยลบ"]
    assert [c.text for c in rows[0].answers] == ["ก"]
    with read_session(engine) as session:
        assert deleted_items(session=session, forum_id=forum_id) == []


def test_a_second_delete_or_restore_changes_nothing(engine: Engine, forum_id: int) -> None:
    """A double tap on delete or on restore does its work once."""
    item_id = saved_id(make_item(engine, forum_id))
    for _ in range(2):
        with write_session(engine) as session:
            delete_action_item(session=session, forum_id=forum_id, item_id=item_id)
    assert revision(engine, forum_id) == 2
    for _ in range(2):
        with write_session(engine) as session:
            restore_action_item(session=session, forum_id=forum_id, item_id=item_id)
    assert revision(engine, forum_id) == 3
    assert [row.item.id for row in _plan(engine, forum_id)] == [item_id]


def test_a_deleted_item_cannot_be_edited(engine: Engine, forum_id: int) -> None:
    """An edit form still open on a deleted item is told the item is gone."""
    item_id = saved_id(make_item(engine, forum_id))
    with write_session(engine) as session:
        delete_action_item(session=session, forum_id=forum_id, item_id=item_id)
    with pytest.raises(ActionItemNotFound), write_session(engine) as session:
        update_action_item(session=session, forum_id=forum_id, item_id=item_id, seen=2, data=item_data("แก้"))


def test_plan_numbers_from_one_in_creation_order_with_answers_and_commitments(
    engine: Engine, forum: Forum, forum_id: int
) -> None:
    """plan() numbers items 1..n as made and lists visible answers and commitments with authors."""
    person = join(engine, forum.code, name="บุญมี", organisation="กองทุนสวัสดิการชุมชน").participant
    a, b = post(engine, person, "ข้อแรก"), post(engine, person, "ข้อสอง")
    first = make_item(engine, forum_id, "กิจกรรมแรก", contribution_ids=[b.id, a.id])
    second = make_item(engine, forum_id, "กิจกรรมสอง")
    third = make_item(engine, forum_id, "กิจกรรมสาม")
    move(engine, forum, Stage.ACT)  # commitments open in Act
    commit(engine, person, saved_id(first), "สมทบ 10,000 บาท")
    commit(engine, person, saved_id(first), "ส่งอาสาช่วย", organisation="อพม.")
    rows = _plan(engine, forum_id)
    assert [(row.number, row.item.id) for row in rows] == [(1, first.id), (2, second.id), (3, third.id)]
    assert [c.text for c in rows[0].answers] == ["ข้อแรก", "ข้อสอง"]
    assert [(c.organisation, c.text, c.author) for c in rows[0].commitments] == [
        ("กองทุนสวัสดิการชุมชน", "สมทบ 10,000 บาท", "บุญมี"),
        ("อพม.", "ส่งอาสาช่วย", "บุญมี"),
    ]
    assert rows[1].answers == [] and rows[1].commitments == []


def test_plan_marks_withdrawn_answers(engine: Engine, forum: Forum, forum_id: int) -> None:
    """A contribution withdrawn after linking stays in the item's answers, marked withdrawn, never dropped silently."""
    person = join(engine, forum.code).participant
    a, b = post(engine, person, "ยังอยู่"), post(engine, person, "ถอนแล้ว")
    make_item(engine, forum_id, contribution_ids=[a.id, b.id])
    with write_session(engine) as session:
        withdraw_contribution(session=session, participant=person, contribution_id=saved_id(b))
    answers = _plan(engine, forum_id)[0].answers
    assert [(c.text, c.withdrawn) for c in answers] == [("ยังอยู่", False), ("ถอนแล้ว", True)]


def test_plan_is_per_forum(engine: Engine, forum_id: int) -> None:
    """Another forum's items are not in this plan; an empty plan is []."""
    other = saved_id(make_forum(engine).forum)
    make_item(engine, other, "ของเวทีอื่น")
    assert _plan(engine, forum_id) == []
    assert [row.number for row in _plan(engine, other)] == [1]


def test_end_before_start_is_refused(engine: Engine, forum_id: int) -> None:
    """An end date before the start raises InvalidDates."""
    with pytest.raises(InvalidDates):
        make_item(engine, forum_id, start_date=date(2027, 5, 1), end_date=date(2027, 4, 30))
    assert count(engine, ActionItem) == 0


def test_same_start_and_end_day_is_allowed(engine: Engine, forum_id: int) -> None:
    """A one-day activity is fine; open-ended dates too."""
    one_day = make_item(engine, forum_id, start_date=date(2027, 5, 1), end_date=date(2027, 5, 1))
    open_ended = make_item(engine, forum_id, "ไม่มีกำหนด", start_date=None, end_date=None)
    assert one_day.id and open_ended.id


def test_negative_budget_reaches_the_service_from_the_form() -> None:
    """ActionItemCreate takes a negative budget, so the service can refuse it in words, not a crash."""
    assert ActionItemCreate(activity="x", budget_baht=-1).budget_baht == -1


def test_negative_budget_is_refused_by_the_service(engine: Engine, forum_id: int) -> None:
    """Even unvalidated data with a negative budget raises InvalidBudget."""
    data = ActionItemCreate.model_construct(**{**item_data().model_dump(), "budget_baht": -500})
    with pytest.raises(InvalidBudget), write_session(engine) as session:
        create_action_item(session=session, forum_id=forum_id, data=data)
    assert count(engine, ActionItem) == 0


def test_budget_over_the_maximum_is_refused(engine: Engine, forum_id: int) -> None:
    """A budget over ten billion baht raises InvalidBudget; exactly the maximum is allowed."""
    with pytest.raises(InvalidBudget):
        make_item(engine, forum_id, budget_baht=MAX_BUDGET_BAHT + 1)
    assert make_item(engine, forum_id, budget_baht=MAX_BUDGET_BAHT).budget_baht == MAX_BUDGET_BAHT


@pytest.mark.parametrize("activity", ["", "   ", "\x00\u200b"])
def test_blank_activity_is_refused(engine: Engine, forum_id: int, activity: str) -> None:
    """An action item needs an activity: TextEmpty."""
    with pytest.raises(TextEmpty):
        make_item(engine, forum_id, activity)
    assert count(engine, ActionItem) == 0


def test_every_write_bumps_the_revision(engine: Engine, forum_id: int) -> None:
    """Create, update and delete each bump the forum revision by one."""
    assert revision(engine, forum_id) == 0
    item = make_item(engine, forum_id)
    assert revision(engine, forum_id) == 1
    with write_session(engine) as session:
        update_action_item(session=session, forum_id=forum_id, item_id=saved_id(item), seen=1, data=item_data("แก้"))
    assert revision(engine, forum_id) == 2
    with write_session(engine) as session:
        delete_action_item(session=session, forum_id=forum_id, item_id=saved_id(item))
    assert revision(engine, forum_id) == 3


def test_refused_write_does_not_bump_the_revision(engine: Engine, forum_id: int) -> None:
    """A write that fails validation leaves the revision alone."""
    with pytest.raises(InvalidDates):
        make_item(engine, forum_id, start_date=date(2027, 5, 2), end_date=date(2027, 5, 1))
    assert revision(engine, forum_id) == 0


def test_another_forums_item_is_not_found(engine: Engine, forum_id: int) -> None:
    """Updating or deleting an item of another forum, or an unknown id, raises ActionItemNotFound."""
    other = saved_id(make_forum(engine).forum)
    foreign = make_item(engine, other, "ของเวทีอื่น")
    for item_id in (saved_id(foreign), 9999):
        with pytest.raises(ActionItemNotFound), write_session(engine) as session:
            update_action_item(session=session, forum_id=forum_id, item_id=item_id, seen=1, data=item_data("แฮก"))
        with pytest.raises(ActionItemNotFound), write_session(engine) as session:
            delete_action_item(session=session, forum_id=forum_id, item_id=item_id)
    assert [row.item.activity for row in _plan(engine, other)] == ["ของเวทีอื่น"]
