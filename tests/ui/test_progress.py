"""The owner's progress page (opened by a private link alone) and the console's Progress tab."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from facilitation.core.db import read_session
from facilitation.forum.progress import progress_history
from facilitation.forum.progress_read import item_progress
from models import ProgressStatus, ProgressSubject, Stage, saved_id
from tests.factories import join, make_forum, progress_link, report
from tests.ui.helpers import LAN_ADDRESS, everything, html, no_exception, th
from tests.unit.helpers import commit, make_item, move

ITEM, COMMITMENT = ProgressSubject.ACTION_ITEM, ProgressSubject.COMMITMENT


@dataclass(frozen=True)
class Closed:
    forum_id: int
    code: str
    key: str
    item: int
    commitment: int


@pytest.fixture
def closed(db: Engine) -> Closed:
    """A forum closed after Act, with an activity and one organisation's commitment to it."""
    created = make_forum(db, title="เวทีสวัสดิการตำบลศิลา")
    forum_id = saved_id(created.forum)
    bob = join(db, created.forum.code, name="สมชาย", organisation="อบต.ศิลา").participant
    item = make_item(db, forum_id, "รถรับส่งผู้ป่วย")
    forum = move(db, created.forum, Stage.ACT)
    made = commit(db, bob, saved_id(item), "จัดรถของ อบต. ให้", organisation="อบต.ศิลา")
    move(db, forum, Stage.CLOSED)
    return Closed(forum_id, created.forum.code, created.facilitator_token, saved_id(item), saved_id(made))


def _owner_page(app: Callable[..., AppTest], token: str) -> AppTest:
    at = app(progress=token)
    no_exception(at)
    return at


def _fill(at: AppTest, prefix: str, *, status: ProgressStatus, percent: int, note: str = "") -> AppTest:
    at.radio(key=f"{prefix}_status").set_value(status)
    at.slider(key=f"{prefix}_percent").set_value(percent)
    at.text_area(key=f"{prefix}_note").input(note)
    at.number_input(key=f"{prefix}_spent").set_value(2_000)
    return at


def _send(at: AppTest) -> AppTest:
    (button,) = [button for button in at.button if button.label == th("progress_send")]
    return button.click().run()


def test_the_link_alone_opens_the_owners_page_after_the_forum_closed(
    app: Callable[..., AppTest], db: Engine, closed: Closed
) -> None:
    token = progress_link(db, closed.forum_id, COMMITMENT, closed.commitment)
    at = _owner_page(app, token)
    shown = everything(at)
    assert "รถรับส่งผู้ป่วย" in shown and "จัดรถของ อบต. ให้" in shown
    assert th("progress_none_yet") in shown
    assert closed.key not in shown and closed.code not in shown  # nothing of the forum's secrets or its join code

    at = _send(_fill(at, "progress_owner_0", status=ProgressStatus.IN_PROGRESS, percent=40, note="ได้รถแล้วหนึ่งคัน"))
    no_exception(at)
    assert th("progress_saved") in everything(at)
    timeline = html(at)
    assert 'data-status="in_progress" data-percent="40"' in timeline and "ได้รถแล้วหนึ่งคัน" in timeline
    with read_session(db) as session:
        (saved,) = progress_history(session=session, subject_kind=COMMITMENT, subject_id=closed.commitment)
        rolled = item_progress(session=session, item_ids=[closed.item])[closed.item]
    assert (saved.percent, saved.spent_baht, saved.reported_by) == (40, 2_000, "owner")
    assert (rolled.percent, rolled.status) == (40, ProgressStatus.IN_PROGRESS)


def test_a_stale_form_is_refused_and_drawn_again_from_the_report_now(
    app: Callable[..., AppTest], db: Engine, closed: Closed
) -> None:
    """The owner's form was drawn, then the facilitator entered a report: the owner's send is refused."""
    token = progress_link(db, closed.forum_id, ITEM, closed.item)
    at = _owner_page(app, token)
    newer = report(db, closed.forum_id, ITEM, closed.item, status=ProgressStatus.BLOCKED, percent=30)
    at = _send(_fill(at, "progress_owner_0", status=ProgressStatus.DONE, percent=100, note="เสร็จแล้ว"))
    no_exception(at)
    assert "ติดขัด 30%" in " ".join(error.value for error in at.error)
    assert at.slider(key=f"progress_owner_{newer.id}_percent").value == 30  # the current values
    assert at.text_area(key=f"progress_owner_{newer.id}_note").value == "เสร็จแล้ว"  # what was typed, kept
    with read_session(db) as session:
        assert len(progress_history(session=session, subject_kind=ITEM, subject_id=closed.item)) == 1


@pytest.mark.parametrize(
    "params",
    [
        {"progress": "x" * 32},  # the shape of a token, never made
        {"progress": "<b>not a token</b>"},
    ],
    ids=["unknown token", "garbage"],
)
def test_a_bad_link_opens_nothing(app: Callable[..., AppTest], closed: Closed, params: dict[str, str]) -> None:
    at = app(**params)
    no_exception(at)
    assert "รถรับส่งผู้ป่วย" not in everything(at)
    assert not any(button.label == th("progress_send") for button in at.button)


def test_a_renewed_link_stops_the_old_one(app: Callable[..., AppTest], db: Engine, closed: Closed) -> None:
    old = progress_link(db, closed.forum_id, ITEM, closed.item)
    progress_link(db, closed.forum_id, ITEM, closed.item)
    at = app(progress=old)
    no_exception(at)
    assert "รถรับส่งผู้ป่วย" not in everything(at)


def _console_progress(app: Callable[..., AppTest], closed: Closed) -> AppTest:
    at = app(code=closed.code, key=closed.key)
    no_exception(at)
    assert [tab.label for tab in at.tabs][-1] == th("progress_console_tab")
    at.session_state[f"progress_open_{closed.item}"] = True
    return at.run()


def test_the_console_makes_an_owners_link_as_a_qr_code_and_a_text(
    app: Callable[..., AppTest], db: Engine, closed: Closed
) -> None:
    at = _console_progress(app, closed)
    no_exception(at)
    images = len(at.get("image"))
    at.button(key=f"progress_link_{COMMITMENT.value}_{closed.commitment}").click().run()
    no_exception(at)
    (chat,) = [code.value for code in at.code if "?progress=" in code.value]
    assert f"http://{LAN_ADDRESS}:8501/?progress=" in chat and "รถรับส่งผู้ป่วย" in chat
    assert len(at.get("image")) == images + 1  # its QR code
    token = chat.rsplit("progress=", 1)[1].strip()
    owner = _owner_page(app, token)
    assert "จัดรถของ อบต. ให้" in everything(owner)
    # The link is shown only to the tab that made it: a new console tab has only its time.
    again = _console_progress(app, closed)
    assert not [code for code in again.code if "?progress=" in code.value]
    assert th("progress_link_renew") in [button.label for button in again.button]


def test_the_console_weighs_and_reports_for_an_owner(app: Callable[..., AppTest], db: Engine, closed: Closed) -> None:
    at = _console_progress(app, closed)
    at.number_input(key=f"progress_weight_{closed.commitment}_v0").set_value(3)
    at.button(key=f"progress_weight_save_{closed.commitment}_v0").click().run()
    no_exception(at)
    assert th("progress_weight_saved") in everything(at)
    assert at.number_input(key=f"progress_weight_{closed.commitment}_v1").value == 3
    prefix = f"progress_console_{ITEM.value}_{closed.item}_0"
    at = _send(_fill(at, prefix, status=ProgressStatus.IN_PROGRESS, percent=60))
    no_exception(at)
    with read_session(db) as session:
        (saved,) = progress_history(session=session, subject_kind=ITEM, subject_id=closed.item)
    assert (saved.percent, saved.reported_by) == (60, "facilitator")
    assert 'data-percent="60"' in html(at)


def test_the_plan_cards_show_progress(app: Callable[..., AppTest], db: Engine, closed: Closed) -> None:
    report(db, closed.forum_id, COMMITMENT, closed.commitment, status=ProgressStatus.IN_PROGRESS, percent=40)
    at = app(code=closed.code, key=closed.key)
    no_exception(at)
    cards = html(at)
    assert 'data-testid="progress" data-status="in_progress" data-percent="40"' in cards
    assert f"{th('progress_status_in_progress')} · 40%" in cards
    wall = at.switch_page("pages/projector.py").run()
    no_exception(wall)
    assert 'data-percent="40"' in html(wall)
