"""Two facilitator tabs (or a tab and a phone) on one forum: stale screens refused, nothing lost by one click."""

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import StageMoved
from facilitation.forum.contributions import withdraw_contribution
from facilitation.forum.forums import CreatedForum, pulse
from facilitation.forum.plans import create_action_item, plan
from models import ActionItem, ActionItemCreate, Commitment, Stage, saved_id
from tests.factories import join, make_forum, post
from tests.ui.helpers import button_keys, html, no_exception, open_plan_item, shown, th
from tests.unit.helpers import commit, move


@pytest.fixture
def created(db: Engine) -> CreatedForum:
    return make_forum(db, title="เวทีสวัสดิการตำบลศิลา")


@pytest.fixture
def console(app: Callable[..., AppTest], created: CreatedForum) -> Callable[[], AppTest]:
    """A new facilitator tab on the forum's console."""
    return lambda: app(code=created.forum.code, key=created.facilitator_token)


def _item(engine: Engine, item_id: int) -> ActionItem:
    with read_session(engine) as session:
        item = session.get(ActionItem, item_id)
    assert item is not None
    return item


def _field(at: AppTest, key: str) -> Any:
    """The widget keyed `key`, whichever kind of input draws it."""
    for kind in ("number_input", "text_input", "text_area"):
        found = [widget for widget in getattr(at, kind) if widget.key == key]
        if found:
            return found[0]
    raise AssertionError(f"no input keyed {key!r}")


def _make_item(engine: Engine, forum_id: int, activity: str, budget: int = 0) -> int:
    with write_session(engine) as session:
        data = ActionItemCreate(activity=activity, budget_baht=budget)
        return saved_id(create_action_item(session=session, forum_id=forum_id, data=data))


def test_a_stale_tab_cannot_write_back_an_old_budget(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    """Tab B sets 60,000; tab A, drawn before, edits the activity: refused, current values shown, typing kept."""
    item_id = _make_item(db, saved_id(created.forum), "รถรับส่งผู้ป่วย", budget=10_000)
    tab_a, tab_b = open_plan_item(console(), item_id), open_plan_item(console(), item_id)

    _field(tab_b, f"plan_{item_id}_v1_budget").set_value(60_000)
    tab_b.button(key=f"plan_{item_id}_v1_save").click().run()
    no_exception(tab_b)
    assert th("plan_saved") in shown(tab_b, "success")
    assert _item(db, item_id).budget_baht == 60_000

    _field(tab_a, f"plan_{item_id}_v1_activity").input("รถรับส่งผู้ป่วยติดเตียงไปตามนัด")
    tab_a.button(key=f"plan_{item_id}_v1_save").click().run()

    no_exception(tab_a)
    stored = _item(db, item_id)
    assert (stored.activity, stored.budget_baht) == ("รถรับส่งผู้ป่วย", 60_000)  # nothing written over tab B
    assert shown(tab_a, "error").count(th("error_stale_edit")) == 1  # once, above the values now
    assert f"{th('plan_budget_baht')}: 60,000 บาท" in html(tab_a)  # the saved values now
    # The form is drawn again from the newer item, with what was typed kept.
    assert _field(tab_a, f"plan_{item_id}_v2_activity").value == "รถรับส่งผู้ป่วยติดเตียงไปตามนัด"
    assert _field(tab_a, f"plan_{item_id}_v2_budget").value == 60_000

    tab_a.button(key=f"plan_{item_id}_v2_save").click().run()  # saved again, on purpose

    no_exception(tab_a)
    assert th("plan_saved") in shown(tab_a, "success")
    stored = _item(db, item_id)
    assert (stored.activity, stored.budget_baht) == ("รถรับส่งผู้ป่วยติดเตียงไปตามนัด", 60_000)


def test_a_stale_tab_cannot_reopen_a_closed_forum(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    """Tab A was drawn in Plan; tab B closes the forum; tab A's Act button is refused, naming both stages."""
    move(db, created.forum, Stage.PLAN)
    tab_a, tab_b = console(), console()

    tab_b.button(key="console_stage_closed").click().run()
    tab_a.button(key="console_stage_act").click().run()

    no_exception(tab_a)
    with read_session(db) as session:
        assert pulse(session=session, forum_id=saved_id(created.forum)).stage == Stage.CLOSED
    assert StageMoved(seen=Stage.PLAN, stage=Stage.CLOSED).message("th") in shown(tab_a, "error")
    assert tab_a.button(key="console_stage_closed").disabled  # the tab now shows where the forum is


def test_delete_asks_first_and_undo_brings_back_the_item_and_its_commitments(
    console: Callable[[], AppTest], app: Callable[..., AppTest], db: Engine, created: CreatedForum
) -> None:
    """One click does not delete; a confirmed delete leaves the phone and the plan; undo restores both."""
    forum_id = saved_id(created.forum)
    item_id = _make_item(db, forum_id, "ปรับสภาพบ้านคนพิการ")
    move(db, created.forum, Stage.ACT)
    person = join(db, created.forum.code, organisation="กองทุนสวัสดิการชุมชนตำบลศิลา")
    commit(db, person.participant, item_id, "สมทบค่าวัสดุหลังละ 5,000 บาท")
    tab = open_plan_item(console(), item_id)

    tab.button(key=f"plan_delete_{item_id}").click().run()
    no_exception(tab)
    assert _item(db, item_id).deleted_at is None  # asked, not deleted
    assert th("plan_delete_confirm", number=1) in shown(tab, "warning")

    tab.button(key=f"plan_delete_no_{item_id}").click().run()
    assert _item(db, item_id).deleted_at is None
    assert f"plan_delete_yes_{item_id}" not in button_keys(tab)

    tab.button(key=f"plan_delete_{item_id}").click().run()
    tab.button(key=f"plan_delete_yes_{item_id}").click().run()
    no_exception(tab)
    assert _item(db, item_id).deleted_at is not None
    with read_session(db) as session:
        assert session.exec(select(Commitment.text)).all() == ["สมทบค่าวัสดุหลังละ 5,000 บาท"]  # kept
    assert "สมทบค่าวัสดุหลังละ" not in html(tab)
    phone = app(code=created.forum.code, p=person.token)
    no_exception(phone)
    assert "ปรับสภาพบ้านคนพิการ" not in html(phone)

    tab.button(key=f"plan_undo_{item_id}").click().run()

    no_exception(tab)
    assert th("plan_restored") in shown(tab, "success")
    assert _item(db, item_id).deleted_at is None
    assert "สมทบค่าวัสดุหลังละ 5,000 บาท" in html(tab)
    phone.run()
    assert "ปรับสภาพบ้านคนพิการ" in html(phone)


def test_a_deleted_item_is_restored_from_the_list_of_deleted_items(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    """Another tab (with no undo button of its own) restores from the list."""
    item_id = _make_item(db, saved_id(created.forum), "ซ่อมบ้านผู้สูงอายุ")
    tab_a, tab_b = open_plan_item(console(), item_id), console()
    tab_a.button(key=f"plan_delete_{item_id}").click().run()
    tab_a.button(key=f"plan_delete_yes_{item_id}").click().run()

    tab_b.run()
    assert f"plan_undo_{item_id}" not in button_keys(tab_b)
    tab_b.button(key=f"plan_restore_{item_id}").click().run()

    no_exception(tab_b)
    assert _item(db, item_id).deleted_at is None


def test_a_double_tap_on_add_makes_one_item(console: Callable[[], AppTest], db: Engine, created: CreatedForum) -> None:
    """The second tap replays the same screen (same form, same values) after the first was handled."""
    tab = console()
    _field(tab, "plan_new_activity").input("จัดรถรับส่งผู้ป่วยติดเตียง")
    [add] = [button for button in tab.button if button.label == th("plan_add")]

    add.click().run()
    assert th("plan_added") in shown(tab, "success")
    add.click().run()  # the same button of the same screen, tapped again

    no_exception(tab)
    with read_session(db) as session:
        items = session.exec(select(ActionItem).where(ActionItem.forum_id == saved_id(created.forum))).all()
    assert [item.activity for item in items] == ["จัดรถรับส่งผู้ป่วยติดเตียง"]

    _field(tab, "plan_new_activity").input("กิจกรรมถัดไป")  # the next form adds a new item
    [add] = [button for button in tab.button if button.label == th("plan_add")]
    add.click().run()
    with read_session(db) as session:
        assert len(session.exec(select(ActionItem)).all()) == 2


def test_an_open_form_stays_on_its_version_while_another_tab_saves(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    """Tab A opened the form; tab B saves; tab A redraws for another reason: its form is still the one
    being typed in (same widgets, so the browser keeps the typing), it says the item changed, and its
    save is refused with the values now, not written over tab B's."""
    item_id = _make_item(db, saved_id(created.forum), "อบรมอาสาสมัครดูแลผู้สูงอายุ", budget=5_000)
    tab_a, tab_b = open_plan_item(console(), item_id), open_plan_item(console(), item_id)
    _field(tab_b, f"plan_{item_id}_v1_budget").set_value(25_000)
    tab_b.button(key=f"plan_{item_id}_v1_save").click().run()
    assert _item(db, item_id).version == 2

    tab_a.run()  # any redraw: a click elsewhere, or the plan changing on screen

    no_exception(tab_a)
    assert _field(tab_a, f"plan_{item_id}_v1_activity").value == "อบรมอาสาสมัครดูแลผู้สูงอายุ"
    assert th("plan_changed_since_opened") in shown(tab_a, "info")
    _field(tab_a, f"plan_{item_id}_v1_activity").input("อบรมอาสาสมัครดูแลผู้สูงอายุติดบ้าน")
    tab_a.button(key=f"plan_{item_id}_v1_save").click().run()

    no_exception(tab_a)
    assert shown(tab_a, "error").count(th("error_stale_edit")) == 1  # once, above the values now
    assert (_item(db, item_id).activity, _item(db, item_id).budget_baht) == ("อบรมอาสาสมัครดูแลผู้สูงอายุ", 25_000)
    assert _field(tab_a, f"plan_{item_id}_v2_activity").value == "อบรมอาสาสมัครดูแลผู้สูงอายุติดบ้าน"
    assert _field(tab_a, f"plan_{item_id}_v2_budget").value == 25_000


def test_a_closed_form_is_drawn_from_the_newest_version_when_opened(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    """Only an open form holds on to its version: one opened after another tab saved shows the new values."""
    item_id = _make_item(db, saved_id(created.forum), "ตั้งกองทุนยา", budget=1_000)
    tab_a, tab_b = open_plan_item(console(), item_id), open_plan_item(console(), item_id)
    tab_a.session_state[f"plan_open_{item_id}"] = False
    tab_a.run()  # closed again
    _field(tab_b, f"plan_{item_id}_v1_budget").set_value(9_000)
    tab_b.button(key=f"plan_{item_id}_v1_save").click().run()

    open_plan_item(tab_a, item_id)

    no_exception(tab_a)
    assert _field(tab_a, f"plan_{item_id}_v2_budget").value == 9_000
    assert th("plan_changed_since_opened") not in shown(tab_a, "info")


def test_changing_an_items_links_keeps_the_link_to_a_withdrawn_post(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    """The form lists a withdrawn post the item answers, marked; adding another link keeps it."""
    forum_id = saved_id(created.forum)
    author = join(db, created.forum.code).participant
    kept, gone, added = (post(db, author, text) for text in ("ค่ารถไปโรงพยาบาลแพง", "ไม่มีคนดูแลกลางวัน", "ยาไม่พอ"))
    move(db, created.forum, Stage.PLAN)
    with write_session(db) as session:
        data = ActionItemCreate(activity="รถรับส่งผู้ป่วย", contribution_ids=[saved_id(kept), saved_id(gone)])
        item_id = saved_id(create_action_item(session=session, forum_id=forum_id, data=data))
    with write_session(db) as session:
        withdraw_contribution(session=session, participant=author, contribution_id=saved_id(gone))
    tab = open_plan_item(console(), item_id)
    [answers] = [box for box in tab.multiselect if box.key == f"plan_{item_id}_v1_answers"]
    withdrawn_label = f"{th('kind_root_cause')}: ไม่มีคนดูแลกลางวัน ({th('plan_answer_withdrawn')})"
    assert withdrawn_label in answers.options
    assert saved_id(gone) in answers.value

    answers.select(saved_id(added))
    tab.button(key=f"plan_{item_id}_v1_save").click().run()

    no_exception(tab)
    assert th("plan_saved") in shown(tab, "success")
    with read_session(db) as session:
        [row] = plan(session=session, forum_id=forum_id)
    assert sorted(answer.id for answer in row.answers) == sorted(saved_id(p) for p in (kept, gone, added))
