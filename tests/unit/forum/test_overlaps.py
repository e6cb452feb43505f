"""Overlaps between agencies: flagged on similar activities for one group, place and time; marked by the facilitator."""

from datetime import date

import pytest
from sqlalchemy import Engine

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import ActionItemNotFound, StaleEdit
from facilitation.forum.overlaps import OverlapFlag, mark_overlap, open_overlaps, overlaps
from facilitation.forum.plans import update_action_item
from models import ActionItemCreate, OverlapDecision, Stage, saved_id
from tests.factories import join, make_forum
from tests.unit.helpers import commit, make_item, move

TAO, HOSPITAL, FUND = "กองสวัสดิการสังคม เทศบาลเมืองศิลา", "รพ.สต.บ้านหนองไผ่", "กองทุนสวัสดิการชุมชนตำบลศิลา"


def flags(engine: Engine, forum_id: int) -> list[OverlapFlag]:
    with read_session(engine) as session:
        return overlaps(session=session, forum_id=forum_id)


def test_two_organisations_driving_the_same_patients_are_flagged_and_unlike_plans_are_not(db: Engine) -> None:
    forum_id = saved_id(make_forum(db).forum)
    transport = make_item(db, forum_id, "รถรับส่งผู้ป่วยติดเตียงไปโรงพยาบาล", lead_organisation=TAO)
    again = make_item(db, forum_id, "จัดรถรับส่งผู้ป่วยไปหาหมอตามนัด", lead_organisation=HOSPITAL)
    make_item(db, forum_id, "เยี่ยมบ้านผู้สูงอายุติดเตียง", lead_organisation=FUND)  # same people, other activity
    make_item(db, forum_id, "อบรมอาชีพผู้สูงอายุ", lead_organisation=HOSPITAL)

    (flag,) = flags(db, forum_id)

    assert {flag.first.key, flag.second.key} == {f"item:{saved_id(transport)}", f"item:{saved_id(again)}"}
    assert {flag.first.organisation, flag.second.organisation} == {TAO, HOSPITAL}
    assert flag.is_open and flag.version == 0 and 0.38 <= flag.similarity < 0.6
    assert flag.suggestion == "coordinate"

    # One organisation's second plan of the same kind is its own business, not an overlap;
    # against the other organisation's it is one.
    wednesdays = make_item(db, forum_id, "จัดรถรับส่งผู้ป่วยไปโรงพยาบาลทุกวันพุธ", lead_organisation=f" {TAO} ")
    pairs = {frozenset((found.first.key, found.second.key)) for found in flags(db, forum_id)}
    keys = [f"item:{saved_id(item)}" for item in (transport, again, wednesdays)]
    assert pairs == {frozenset(keys[:2]), frozenset(keys[1:])}


@pytest.mark.parametrize(
    ("change", "flagged"),
    [
        ({}, True),
        ({"target_group": "เด็กเล็กในศูนย์พัฒนาเด็กเล็ก 30 คน"}, False),  # another group
        ({"area": "หมู่ 7"}, False),  # another village than the first plan's
        ({"start_date": date(2028, 1, 1), "end_date": date(2028, 6, 30)}, False),  # after the first ends
        ({"area": "", "target_group": ""}, True),  # unsaid: it could be the same
    ],
)
def test_the_group_the_place_and_the_dates_must_meet(db: Engine, change: dict[str, object], flagged: bool) -> None:
    forum_id = saved_id(make_forum(db).forum)
    make_item(db, forum_id, "เยี่ยมบ้านผู้สูงอายุติดเตียงทุกสัปดาห์", lead_organisation=TAO, area="หมู่ 3")
    overrides = {"lead_organisation": HOSPITAL, "area": "หมู่ 3", **change}
    make_item(db, forum_id, "ออกเยี่ยมผู้สูงอายุติดเตียงที่บ้าน", **overrides)
    found = flags(db, forum_id)
    assert bool(found) is flagged
    if flagged and change == {}:
        assert found[0].suggestion == "merge"  # nearly the same words for the same group


def test_a_commitment_by_another_organisation_to_a_similar_plan_is_flagged_once(db: Engine) -> None:
    created = make_forum(db)
    forum_id = saved_id(created.forum)
    visits = make_item(db, forum_id, "เยี่ยมบ้านผู้สูงอายุติดเตียงทุกสัปดาห์", lead_organisation=TAO)
    other = make_item(db, forum_id, "ฝึกอาชีพให้ผู้ดูแลผู้สูงอายุ", lead_organisation=FUND)
    move(db, created.forum, Stage.ACT)
    nurse = join(db, created.forum.code, organisation=HOSPITAL).participant
    made = commit(db, nurse, saved_id(other), "ออกเยี่ยมผู้สูงอายุติดเตียงที่บ้าน", organisation=HOSPITAL)
    commit(db, nurse, saved_id(visits), "ส่งพยาบาลไปด้วย", organisation=HOSPITAL)  # joining the item: not an overlap

    (flag,) = flags(db, forum_id)

    assert {flag.first.key, flag.second.key} == {f"item:{saved_id(visits)}", f"commitment:{saved_id(made)}"}


def test_the_facilitators_mark_is_kept_version_checked_and_the_summary_lists_open_ones(db: Engine) -> None:
    created = make_forum(db)
    forum_id = saved_id(created.forum)
    make_item(db, forum_id, "รถรับส่งผู้ป่วยติดเตียงไปโรงพยาบาล", lead_organisation=TAO)
    make_item(db, forum_id, "จัดรถรับส่งผู้ป่วยไปหาหมอตามนัด", lead_organisation=HOSPITAL)
    (flag,) = flags(db, forum_id)
    pair = {"first": flag.second.key, "second": flag.first.key}  # either order names the same pair

    with write_session(db) as session:
        marked = mark_overlap(
            session=session, forum_id=forum_id, **pair, decision=OverlapDecision.COORDINATED, version=0
        )
    assert marked is not None and marked.decision == OverlapDecision.COORDINATED and marked.version == 1
    with read_session(db) as session:
        assert open_overlaps(session=session, forum_id=forum_id) == []

    # A second tab drawn before the mark (version 0) is refused and told where it stands now.
    with pytest.raises(StaleEdit) as stale, write_session(db) as session:
        mark_overlap(session=session, forum_id=forum_id, **pair, decision=OverlapDecision.MERGED, version=0)
    assert stale.value.current.decision == OverlapDecision.COORDINATED
    with write_session(db) as session:
        mark_overlap(session=session, forum_id=forum_id, **pair, decision=OverlapDecision.OPEN, version=1)
    with read_session(db) as session:
        assert [found.version for found in open_overlaps(session=session, forum_id=forum_id)] == [2]


def test_a_mark_names_only_this_forums_plans(db: Engine) -> None:
    forum_id = saved_id(make_forum(db).forum)
    mine = make_item(db, forum_id, lead_organisation=TAO)
    elsewhere = make_item(db, saved_id(make_forum(db).forum), lead_organisation=HOSPITAL)
    with pytest.raises(ActionItemNotFound), write_session(db) as session:
        mark_overlap(
            session=session,
            forum_id=forum_id,
            first=f"item:{saved_id(mine)}",
            second=f"item:{saved_id(elsewhere)}",
            decision=OverlapDecision.NOT_OVERLAP,
            version=0,
        )


def test_editing_the_plans_apart_takes_the_flag_away(db: Engine) -> None:
    forum_id = saved_id(make_forum(db).forum)
    make_item(db, forum_id, "รถรับส่งผู้ป่วยติดเตียงไปโรงพยาบาล", lead_organisation=TAO)
    again = make_item(db, forum_id, "จัดรถรับส่งผู้ป่วยไปหาหมอตามนัด", lead_organisation=HOSPITAL)
    assert len(flags(db, forum_id)) == 1
    with write_session(db) as session:
        update_action_item(
            session=session,
            forum_id=forum_id,
            item_id=saved_id(again),
            seen=again.version,
            data=ActionItemCreate(activity="จัดรถรับส่งผู้ป่วยไปหาหมอตามนัด", target_group="หญิงตั้งครรภ์ 12 คน"),
            changed=["target_group"],
        )
    assert flags(db, forum_id) == []
