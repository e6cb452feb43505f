"""The console's moderation tab and the author's marks on their phone: queue, approve, hide, restore, a stale tab."""

from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from facilitation.core.db import read_session, write_session
from facilitation.forum.contributions import add_contribution
from facilitation.forum.forums import CreatedForum
from facilitation.forum.moderation_log import moderation_log
from facilitation.forum.moderation_rules import moderation_rules, set_pre_approval
from models import Contribution, ContributionCreate, ContributionKind, ContributionStatus, ModerationAction, saved_id
from tests.factories import Joined, join, make_forum, post
from tests.ui.helpers import everything, html, no_exception, shown, th

RUDE = "ผู้ใหญ่บ้านไอ้เหี้ยไม่เคยมาดูแล"
CLEAN = "ผู้สูงอายุอยู่ลำพังไม่มีคนดูแล"


@pytest.fixture
def created(db: Engine) -> CreatedForum:
    return make_forum(db, title="เวทีดูแลโพสต์", revealed=True)


@pytest.fixture
def member(db: Engine, created: CreatedForum) -> Joined:
    return join(db, created.forum.code, name="บุญมี")


@pytest.fixture
def console(app: Callable[..., AppTest], created: CreatedForum) -> Callable[[], AppTest]:
    return lambda: app(code=created.forum.code, key=created.facilitator_token)


@pytest.fixture
def phone(app: Callable[..., AppTest], created: CreatedForum, member: Joined) -> Callable[[], AppTest]:
    return lambda: app(code=created.forum.code, p=member.token)


def _held(db: Engine, member: Joined, text: str = RUDE) -> Contribution:
    with write_session(db) as session:
        data = ContributionCreate(kind=ContributionKind.ROOT_CAUSE, text=text)
        return add_contribution(session=session, participant=member.participant, data=data).contribution


def _status(db: Engine, row: Contribution) -> ContributionStatus:
    with read_session(db) as session:
        found = session.get(Contribution, row.id)
    assert found is not None
    return ContributionStatus(found.status)


def _press(at: AppTest, key: str) -> AppTest:
    return at.button(key=key).click().run()


def test_the_tab_lists_a_held_post_and_approving_puts_it_on_the_wall(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum, member: Joined
) -> None:
    held = _held(db, member)
    at = console()
    no_exception(at)
    assert th("console_tab_moderation") in [tab.label for tab in at.tabs]
    assert th("console_queue_waiting", count=1) in shown(at, "warning")
    assert th("moderation_held_filter", words="ไอ้เหี้ย") in html(at)
    wall = at.switch_page("pages/projector.py").run()
    assert RUDE not in html(wall)

    at = console()
    at = _press(at, f"moderation_approve_{held.id}_1")
    no_exception(at)
    assert th("moderation_approved_done") in shown(at, "success")
    assert _status(db, held) == ContributionStatus.VISIBLE
    wall = at.switch_page("pages/projector.py").run()
    assert RUDE in html(wall)


def test_a_tab_drawn_before_another_approved_is_refused_and_says_the_post_now_shows(
    console: Callable[[], AppTest], db: Engine, member: Joined
) -> None:
    held = _held(db, member)
    tab_a, tab_b = console(), console()
    _press(tab_b, f"moderation_approve_{held.id}_1")
    tab_a.text_input(key=f"moderation_reason_{held.id}_1").input("หยาบคาย")
    tab_a = _press(tab_a, f"moderation_reject_{held.id}_1")
    no_exception(tab_a)
    message = th("error_post_moderated", state=th("moderation_state_visible"))
    assert message in shown(tab_a, "error")
    assert _status(db, held) == ContributionStatus.VISIBLE  # not undone by the stale tab
    assert f"moderation_approve_{held.id}_1" not in {button.key for button in tab_a.button}


def test_hiding_needs_a_reason_and_the_author_sees_it_on_their_phone(
    console: Callable[[], AppTest], phone: Callable[[], AppTest], db: Engine, created: CreatedForum, member: Joined
) -> None:
    row = post(db, member.participant, CLEAN)
    at = console()
    at.selectbox(key="moderation_hide_choose").set_value(row.id).run()
    at = _press(at, f"moderation_hide_{row.id}_1")
    assert th("error_text_empty_field", field=th("moderation_reason")) in shown(at, "error")
    assert _status(db, row) == ContributionStatus.VISIBLE

    at.text_input(key=f"moderation_hide_reason_{row.id}_1").input("ระบุชื่อบุคคล")
    at = _press(at, f"moderation_hide_{row.id}_1")
    no_exception(at)
    assert _status(db, row) == ContributionStatus.HIDDEN
    assert th("moderation_hidden_heading", count=1) in everything(at)

    mine = phone()
    no_exception(mine)
    assert CLEAN in html(mine)  # the author still sees their words
    assert th("mine_hidden_mark", reason="ระบุชื่อบุคคล") in html(mine)
    wall = at.switch_page("pages/projector.py").run()
    assert CLEAN not in html(wall)

    at = console()
    at = _press(at, f"moderation_restore_{row.id}_2")
    assert _status(db, row) == ContributionStatus.VISIBLE
    with read_session(db) as session:
        log = moderation_log(session=session, forum_id=saved_id(created.forum))
    assert [line.action for line in log] == [ModerationAction.RESTORED, ModerationAction.HIDDEN]


def test_a_waiting_post_is_marked_on_its_authors_phone(
    phone: Callable[[], AppTest], db: Engine, member: Joined
) -> None:
    _held(db, member)
    mine = phone()
    no_exception(mine)
    assert RUDE in html(mine)
    assert th("mine_pending_mark") in shown(mine, "caption")


def test_a_post_sent_from_the_phone_form_is_told_it_waits(
    phone: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    at = phone()
    at.text_area(key="share_text").input(RUDE)
    at = at.button(key="FormSubmitter:share_form-ส่งข้อความ").click().run()
    no_exception(at)
    assert th("share_waiting") in shown(at, "info")
    assert th("mine_pending_mark") in shown(at, "caption")


def test_the_settings_turn_pre_approval_on_and_save_the_forums_words(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum, member: Joined
) -> None:
    at = console()
    at = _press(at, "moderation_pre_approval_0")
    no_exception(at)
    assert th("moderation_setting_saved") in shown(at, "success")
    at.text_area(key="moderation_words_0").input("ขี้โกง, crook")
    at = at.button(key="FormSubmitter:moderation_words_form_0-" + th("moderation_words_save")).click().run()
    no_exception(at)
    with read_session(db) as session:
        rules = moderation_rules(session=session, forum_id=saved_id(created.forum))
    assert (rules.pre_approval, rules.words) == (True, ("ขี้โกง", "crook"))
    assert _held(db, member, "ทุกคนช่วยกัน").status == ContributionStatus.PENDING

    stale = console()
    stale_button = stale.button(key="moderation_pre_approval_1")
    _press(console(), "moderation_pre_approval_1")  # another tab turns it off first
    stale = stale_button.click().run()
    assert th("moderation_setting_stale") in shown(stale, "info")


def test_a_phone_says_every_post_is_approved_first_when_the_forum_does(
    phone: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    assert th("phone_pre_approval_note") not in shown(phone(), "caption")
    with write_session(db) as session:
        set_pre_approval(session=session, forum_id=saved_id(created.forum), on=True, version=0)
    assert th("phone_pre_approval_note") in shown(phone(), "caption")
