"""Facilitator console (?code=…&key=…): stages, the links to hand out, and the plan editor."""

import datetime as dt
import threading
from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from facilitation.core.db import read_session, write_session
from facilitation.forum.forums import CreatedForum, pulse
from facilitation.forum.plans import create_action_item, plan
from facilitation.links import addresses
from facilitation.live.changes import record_presence
from facilitation.web import served
from models import ActionItem, ActionItemCreate, ContributionKind, FundSource, Stage, saved_id
from tests.factories import join, make_forum, post
from tests.ui.helpers import (
    LAN_ADDRESS,
    button_keys,
    everything,
    has_button,
    html,
    no_exception,
    open_plan_item,
    shown,
    submit,
    th,
)

STAGES = (Stage.SHARE, Stage.PLAN, Stage.ACT, Stage.CLOSED)


@pytest.fixture
def created(db: Engine) -> CreatedForum:
    return make_forum(db, title="เวทีสวัสดิการตำบลศิลา")


@pytest.fixture
def console(app: Callable[..., AppTest], created: CreatedForum) -> Callable[[], AppTest]:
    return lambda: app(code=created.forum.code, key=created.facilitator_token)


def _stage_of(engine: Engine, forum_id: int) -> Stage:
    with read_session(engine) as session:
        return pulse(session=session, forum_id=forum_id).stage


def _items(engine: Engine) -> list[ActionItem]:
    with Session(engine) as session:
        return list(session.exec(select(ActionItem)))


def test_facilitator_sees_the_stage_buttons(console: Callable[[], AppTest]) -> None:
    at = console()

    no_exception(at)
    assert {f"console_stage_{stage}" for stage in STAGES} <= button_keys(at)
    for stage in STAGES:
        assert at.button(key=f"console_stage_{stage}").label == th(f"stage_{stage}")
    assert at.button(key="console_stage_share").disabled  # the stage it is at
    assert not at.button(key="console_stage_plan").disabled
    assert th("console_stage_help_share") in shown(at, "caption")
    assert "เวทีสวัสดิการตำบลศิลา" in html(at)


def test_stage_buttons_move_the_forum_and_reopen_it(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    at = console()
    forum_id = created.forum.id

    at.button(key="console_stage_plan").click().run()
    no_exception(at)
    assert _stage_of(db, forum_id) == Stage.PLAN
    assert th("console_stage_moved", stage=th("stage_plan")) in shown(at, "success")
    assert at.button(key="console_stage_plan").disabled

    at.button(key="console_stage_closed").click().run()
    no_exception(at)
    assert _stage_of(db, forum_id) == Stage.CLOSED
    assert th("console_closed") in shown(at, "info")
    assert not has_button(at, "plan_add")  # no plan editing while closed

    at.button(key="console_stage_share").click().run()
    no_exception(at)
    assert _stage_of(db, forum_id) == Stage.SHARE
    assert has_button(at, "plan_add")


def test_adding_an_action_item_stores_it_with_what_it_answers(
    console: Callable[[], AppTest],
    db: Engine,
    created: CreatedForum,
) -> None:
    member = join(db, created.forum.code)
    raised = post(db, member.participant, "คนไข้ติดเตียงไปตามนัดไม่ได้ ไม่มีรถ", ContributionKind.ROOT_CAUSE)
    post(db, member.participant, "อบต. มีรถคันเดียว", ContributionKind.BENEFIT)
    at = console()
    assert len(at.multiselect(key="plan_new_answers").options) == 2

    at.text_input(key="plan_new_activity").input("จัดรถรับส่งผู้ป่วยติดเตียงไปตามนัด")
    at.text_input(key="plan_new_lead").input("กองสวัสดิการสังคม เทศบาลเมืองศิลา")
    at.number_input(key="plan_new_budget").set_value(60000)
    at.selectbox(key="plan_new_fund").set_value(FundSource.TAO)
    at.date_input(key="plan_new_start").set_value(dt.date(2027, 4, 1))
    at.date_input(key="plan_new_end").set_value(dt.date(2027, 9, 30))
    at.multiselect(key="plan_new_answers").set_value([raised.id])
    submit(at, "plan_add")

    no_exception(at)
    assert th("plan_added") in shown(at, "success")
    with read_session(db) as session:
        rows = plan(session=session, forum_id=created.forum.id)
    assert len(rows) == 1
    item = rows[0].item
    assert item.activity == "จัดรถรับส่งผู้ป่วยติดเตียงไปตามนัด"
    assert item.lead_organisation == "กองสวัสดิการสังคม เทศบาลเมืองศิลา"
    assert item.budget_baht == 60000
    assert item.fund_source == FundSource.TAO
    assert (item.start_date, item.end_date) == (dt.date(2027, 4, 1), dt.date(2027, 9, 30))
    assert [c.id for c in rows[0].answers] == [raised.id]
    assert "จัดรถรับส่งผู้ป่วยติดเตียงไปตามนัด" in html(at)
    assert "60,000 บาท" in html(at)
    assert at.text_input(key="plan_new_activity").value == ""  # the form is ready for the next item
    assert th("console_tab_plan", count=1) in [tab.label for tab in at.tabs]


def test_end_before_start_is_refused(console: Callable[[], AppTest], db: Engine) -> None:
    at = console()

    at.text_input(key="plan_new_activity").input("ปรับสภาพบ้านคนพิการ")
    at.date_input(key="plan_new_start").set_value(dt.date(2027, 6, 1))
    at.date_input(key="plan_new_end").set_value(dt.date(2027, 5, 1))
    submit(at, "plan_add")

    no_exception(at)
    assert th("error_invalid_dates") in shown(at, "error")
    assert _items(db) == []
    assert at.text_input(key="plan_new_activity").value == "ปรับสภาพบ้านคนพิการ"  # kept to fix


def test_an_action_item_needs_an_activity(console: Callable[[], AppTest], db: Engine) -> None:
    at = console()

    at.number_input(key="plan_new_budget").set_value(5000)
    submit(at, "plan_add")

    no_exception(at)
    assert th("error_text_empty_field", field=th("plan_activity")) in shown(at, "error")
    assert _items(db) == []


def _two_items(engine: Engine, forum_id: int) -> tuple[int, int]:
    with write_session(engine) as session:
        keep = create_action_item(session=session, forum_id=forum_id, data=ActionItemCreate(activity="กิจกรรมที่เก็บไว้"))
        drop = create_action_item(session=session, forum_id=forum_id, data=ActionItemCreate(activity="กิจกรรมที่จะลบ"))
        return saved_id(keep), saved_id(drop)


def test_deleting_an_action_item_removes_it(console: Callable[[], AppTest], db: Engine, created: CreatedForum) -> None:
    keep, drop = _two_items(db, saved_id(created.forum))
    at = console()
    assert "กิจกรรมที่จะลบ" in html(at)

    open_plan_item(at, drop)
    at.button(key=f"plan_delete_{drop}").click().run()
    at.button(key=f"plan_delete_yes_{drop}").click().run()  # deleting asks first

    no_exception(at)
    assert [item.id for item in _items(db) if item.deleted_at is None] == [keep]
    # Left out of the plan; named once more only in the list of deleted activities, to restore.
    assert html(at).count("กิจกรรมที่จะลบ") == 1
    assert f"plan_restore_{drop}" in button_keys(at)
    assert "กิจกรรมที่เก็บไว้" in html(at)
    assert f"plan_delete_{drop}" not in button_keys(at)


def test_deleting_an_action_item_says_so(console: Callable[[], AppTest], db: Engine, created: CreatedForum) -> None:
    _, drop = _two_items(db, saved_id(created.forum))
    at = open_plan_item(console(), drop)

    at.button(key=f"plan_delete_{drop}").click().run()
    at.button(key=f"plan_delete_yes_{drop}").click().run()

    no_exception(at)
    assert th("plan_deleted") in shown(at, "success")


def test_editing_an_action_item_saves_it(console: Callable[[], AppTest], db: Engine, created: CreatedForum) -> None:
    with write_session(db) as session:
        item = create_action_item(session=session, forum_id=created.forum.id, data=ActionItemCreate(activity="ร่างแรก"))
    at = open_plan_item(console(), saved_id(item))

    at.text_input(key=f"plan_{item.id}_v1_activity").input("ฉบับแก้ไข")  # keyed by the item and its version
    at.number_input(key=f"plan_{item.id}_v1_budget").set_value(12000)
    submit(at, "plan_save")

    no_exception(at)
    assert th("plan_saved") in shown(at, "success")
    [saved] = _items(db)
    assert (saved.activity, saved.budget_baht) == ("ฉบับแก้ไข", 12000)


def test_join_link_and_qr_code_reach_phones_not_localhost(
    console: Callable[[], AppTest], created: CreatedForum
) -> None:
    # The facilitator opened the app at http://localhost:8501, served as by `streamlit run app.py`:
    # no light join page beside it, so the link opens the Streamlit join page.
    at = console()

    no_exception(at)
    images = at.get("image")
    assert len(images) == 1
    code = created.forum.code
    links = [block.value for block in at.code]
    join_links = [link for link in links if f"?code={code}" in link and "key=" not in link]
    assert join_links == [f"http://{LAN_ADDRESS}:8501/?code={code}"]
    for link in links:
        assert "localhost" not in link
        assert "127.0.0.1" not in link
    assert any(created.facilitator_token in link for link in links)  # the facilitator's own link, to keep
    assert any(code in value for value in shown(at, "markdown"))


def test_served_beside_the_light_join_page_the_link_opens_it(
    console: Callable[[], AppTest], created: CreatedForum, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under `uvicorn server:app` (`make run`) the join link and QR code open /join/CODE."""
    monkeypatch.setattr(served, "_served", threading.Event())
    served.announce_served()
    at = console()

    no_exception(at)
    code = created.forum.code
    links = [block.value for block in at.code]
    assert f"http://{LAN_ADDRESS}:8501/join/{code}" in links
    assert not [link for link in links if f"?code={code}" in link and "key=" not in link]


def test_join_link_uses_the_address_the_facilitator_opened(app: Callable[..., AppTest], created: CreatedForum) -> None:
    at = app(run=False, code=created.forum.code, key=created.facilitator_token)
    at.context["url"] = "http://10.0.0.5:8501/"
    at.run()

    no_exception(at)
    assert f"http://10.0.0.5:8501/?code={created.forum.code}" in [block.value for block in at.code]


def test_no_reachable_address_says_so_instead_of_a_localhost_qr(
    app: Callable[..., AppTest],
    created: CreatedForum,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(addresses, "lan_address", lambda: None)

    at = app(code=created.forum.code, key=created.facilitator_token)

    no_exception(at)
    assert th("error_no_address") in shown(at, "error")
    assert not at.get("image")
    assert not [block.value for block in at.code]


def test_share_tab_lists_contributions_as_text(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    member = join(db, created.forum.code)
    post(db, member.participant, "<script>alert(1)</script>", ContributionKind.OTHER)

    at = console()

    no_exception(at)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html(at)
    assert "<script>" not in html(at)
    assert th("console_tab_share") in [tab.label for tab in at.tabs]
    assert th("console_share_count", count=1) in "\n".join(str(m.value) for m in at.markdown)


def test_another_forums_items_cannot_be_deleted_from_this_console(
    console: Callable[[], AppTest],
    db: Engine,
) -> None:
    other = make_forum(db, title="เวทีอื่น")
    with write_session(db) as session:
        foreign = create_action_item(
            session=session, forum_id=other.forum.id, data=ActionItemCreate(activity="กิจกรรมของเวทีอื่น")
        )
    at = open_plan_item(console(), saved_id(foreign))  # even asked for by its id

    assert f"plan_delete_{foreign.id}" not in button_keys(at)
    assert f"plan_{foreign.id}_v1_activity" not in {widget.key for widget in at.text_input}
    assert "กิจกรรมของเวทีอื่น" not in html(at)


def test_the_console_counts_the_phones_connected_now_over_every_app_process(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    forum_id = saved_id(created.forum)
    with write_session(db) as session:
        record_presence(session=session, instance="a", listening={forum_id: {"phone": 2, "projector": 1}})
        record_presence(session=session, instance="b", listening={forum_id: {"phone": 1}})
    join(db, created.forum.code)

    at = console()

    no_exception(at)
    assert th("console_connected", phones=3, joined=1, projectors=1) in everything(at)
