"""The stage policy with two people: a phone left open in Act while the facilitator moves the forum back to Plan."""

from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from facilitation.core.db import read_session, write_session
from facilitation.forum.forums import CreatedForum, pulse, set_stage
from facilitation.forum.plans import create_action_item
from models import ActionItemCreate, Commitment, Stage, saved_id
from tests.factories import Joined, join, make_forum
from tests.ui.helpers import has_button, html, no_exception, shown, submit, th
from tests.unit.helpers import count

WORDS = "ร้านวัสดุสมทบค่าวัสดุหลังละ 5,000 บาท"


@pytest.fixture
def created(db: Engine) -> CreatedForum:
    return make_forum(db, title="เวทีสวัสดิการตำบลศิลา")


@pytest.fixture
def member(db: Engine, created: CreatedForum) -> Joined:
    return join(db, created.forum.code, name="บุญมี ศรีสว่าง", organisation="ร้านศิลาวัสดุก่อสร้าง")


@pytest.fixture
def item_id(db: Engine, created: CreatedForum) -> int:
    with write_session(db) as session:
        item = create_action_item(
            session=session, forum_id=saved_id(created.forum), data=ActionItemCreate(activity="ปรับสภาพบ้านคนพิการ")
        )
        return saved_id(item)


def _stage(engine: Engine, created: CreatedForum, stage: Stage) -> None:
    with write_session(engine) as session:
        set_stage(session=session, forum=created.forum, stage=stage)


def _stage_of(engine: Engine, created: CreatedForum) -> Stage:
    with read_session(engine) as session:
        return pulse(session=session, forum_id=saved_id(created.forum)).stage


def test_a_stale_phone_cannot_commit_once_the_facilitator_moves_back_to_plan(
    app: Callable[..., AppTest], db: Engine, created: CreatedForum, member: Joined, item_id: int
) -> None:
    """The phone still shows Act's commit form; the service refuses it, the phone says why, nothing is stored.

    In Thai, the forum's language (the English wording is checked in tests/unit/forum/test_policy.py).
    """
    _stage(db, created, Stage.ACT)
    phone = app(code=created.forum.code, p=member.token)
    no_exception(phone)
    assert has_button(phone, "act_submit")
    phone.text_area(key=f"act_text_{item_id}").input(WORDS)  # typed before the facilitator moved on

    console = app(code=created.forum.code, key=created.facilitator_token)
    console.button(key="console_stage_plan").click().run()
    no_exception(console)
    assert _stage_of(db, created) == Stage.PLAN

    submit(phone, "act_submit")

    no_exception(phone)
    names = {"action": th("action_commit"), "allowed": th("stage_act"), "stage": th("stage_plan")}
    assert shown(phone, "error") == [th("error_action_not_allowed", **names)]
    assert count(db, Commitment) == 0
    assert not [area for area in phone.text_area if str(area.key).startswith("act_text_")]  # no form in Plan
    assert th("act_unsent") in shown(phone, "warning")
    assert WORDS in html(phone)  # the words are still on screen to copy


def test_the_phone_shows_no_commit_form_during_plan(
    app: Callable[..., AppTest], db: Engine, created: CreatedForum, member: Joined, item_id: int
) -> None:
    """In Plan the phone shows the plan to read, with nothing to commit with."""
    _stage(db, created, Stage.PLAN)

    phone = app(code=created.forum.code, p=member.token)

    no_exception(phone)
    assert "ปรับสภาพบ้านคนพิการ" in html(phone)
    assert not has_button(phone, "act_submit")
    assert not [area for area in phone.text_area if str(area.key).startswith("act_text_")]


def test_the_tree_tools_are_put_away_while_the_forum_is_closed(
    app: Callable[..., AppTest], db: Engine, created: CreatedForum, member: Joined
) -> None:
    """A closed forum's tree stays on screen with its exports, and the page says why the tools are gone."""
    _stage(db, created, Stage.CLOSED)
    at = app(code=created.forum.code, key=created.facilitator_token)

    at.switch_page("pages/tree.py").run()

    no_exception(at)
    assert th("tree_tools_closed") in shown(at, "info")
    assert [chart.key for chart in at.get("plotly_chart")] == ["tree_chart"]
    assert {"tree_export_png", "tree_export_svg", "tree_export_html"} <= {b.key for b in at.get("download_button")}
    assert not has_button(at, "tree_apply")
    assert not has_button(at, "tree_tie_button")
    assert not has_button(at, "tree_labels_save")
    assert "tree_item" not in {box.key for box in at.selectbox}
