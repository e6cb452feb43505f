"""progress: owners' private links reach their one subject, reports keep every guarantee, and weights are versioned."""

from dataclasses import dataclass, replace
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import SQLModel, select

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import (
    ForumError,
    InvalidBudget,
    InvalidPercent,
    InvalidWeight,
    ProgressLinkInvalid,
    ProgressMoved,
    ProgressSubjectNotFound,
    ReportDateInFuture,
    StaleEdit,
    TextTooLong,
)
from facilitation.core.tokens import hash_token, new_token
from facilitation.forum.plans import delete_action_item
from facilitation.forum.policy import accepts_input
from facilitation.forum.progress import (
    NOTE_MAX,
    ProgressForm,
    owner_link,
    progress_history,
    report_progress,
    report_progress_for,
    set_weight,
    subject_for_link,
)
from facilitation.forum.progress_read import thai_today
from facilitation.present.cards import progress_timeline
from models import (
    CommitmentWeight,
    Forum,
    OwnerLink,
    ProgressReport,
    ProgressStatus,
    ProgressSubject,
    Stage,
    saved_id,
)
from tests.factories import join, make_forum, progress_link, report
from tests.unit.helpers import commit, count, make_item, move

ITEM, COMMITMENT = ProgressSubject.ACTION_ITEM, ProgressSubject.COMMITMENT
IN_PROGRESS, DONE = ProgressStatus.IN_PROGRESS, ProgressStatus.DONE


@dataclass(frozen=True)
class Plan:
    """A closed forum with two items and a commitment to the first, and a second forum with an item of its own."""

    forum_id: int
    item: int
    other_item: int
    commitment: int
    foreign_forum_id: int
    foreign_item: int


@pytest.fixture
def plan(engine: Engine) -> Plan:
    created = make_forum(engine)
    forum_id = saved_id(created.forum)
    bob = join(engine, created.forum.code, name="สมชาย", organisation="อบต.ศิลา").participant
    item = make_item(engine, forum_id, "รถรับส่งผู้ป่วย")
    other = make_item(engine, forum_id, "เยี่ยมบ้านผู้สูงอายุ")
    forum = move(engine, created.forum, Stage.ACT)
    made = commit(engine, bob, saved_id(item), "จัดรถของ อบต. ให้", organisation="อบต.ศิลา")
    move(engine, forum, Stage.CLOSED)  # the point of it all: owners report after the forum
    foreign = make_forum(engine, title="เวทีตำบลอื่น")
    foreign_item = make_item(engine, saved_id(foreign.forum), "กิจกรรมของเวทีอื่น")
    return Plan(
        forum_id, saved_id(item), saved_id(other), saved_id(made), saved_id(foreign.forum), saved_id(foreign_item)
    )


def form(kind: ProgressSubject, subject_id: int, **changes: object) -> ProgressForm:
    values: dict[str, object] = {
        "subject_kind": kind,
        "subject_id": subject_id,
        "status": IN_PROGRESS,
        "percent": 40,
        "note": "จัดรถได้สองวันต่อสัปดาห์",
        "spent_baht": 1_500,
        "reported_on": thai_today(),
        "seen": None,
        "creation_key": new_token(),
    }
    return ProgressForm(**{**values, **changes})  # type: ignore[arg-type]


def send(engine: Engine, token: str | None, sent: ProgressForm) -> ProgressReport:
    with write_session(engine) as session:
        return report_progress(session=session, token=token, form=sent).report


def everything(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    with engine.connect() as connection:
        return {
            table.name: [tuple(row) for row in connection.execute(table.select())]
            for table in SQLModel.metadata.sorted_tables
        }


def history(engine: Engine, kind: ProgressSubject, subject_id: int) -> list[ProgressReport]:
    with read_session(engine) as session:
        return progress_history(session=session, subject_kind=kind, subject_id=subject_id)


def test_a_link_is_stored_hashed_and_opens_its_own_subject(engine: Engine, plan: Plan) -> None:
    token = progress_link(engine, plan.forum_id, COMMITMENT, plan.commitment)
    with read_session(engine) as session:
        stored = session.exec(select(OwnerLink)).one()
        subject = subject_for_link(session=session, token=token)
    assert stored.token_hash == hash_token(token) and token not in repr(everything(engine))
    assert (subject.forum_id, subject.kind, subject.id) == (plan.forum_id, COMMITMENT, plan.commitment)
    assert saved_id(subject.item) == plan.item and subject.commitment is not None
    assert subject.commitment.text == "จัดรถของ อบต. ให้"


def test_an_owner_reports_after_the_forum_closed(engine: Engine, plan: Plan) -> None:
    """The forum is closed and its screens say so, yet the owner's report is stored."""
    token = progress_link(engine, plan.forum_id, ITEM, plan.item)
    saved = send(engine, token, form(ITEM, plan.item))
    assert not accepts_input(Stage.CLOSED)
    assert (saved.status, saved.percent, saved.spent_baht, saved.reported_by) == (IN_PROGRESS, 40, 1_500, "owner")
    assert history(engine, ITEM, plan.item) == [saved]


def test_renewing_a_link_revokes_the_one_before(engine: Engine, plan: Plan) -> None:
    old = progress_link(engine, plan.forum_id, ITEM, plan.item)
    new = progress_link(engine, plan.forum_id, ITEM, plan.item)
    before = everything(engine)
    with pytest.raises(ProgressLinkInvalid):
        send(engine, old, form(ITEM, plan.item))
    assert everything(engine) == before
    assert send(engine, new, form(ITEM, plan.item)).percent == 40
    with read_session(engine) as session:
        live = session.exec(select(OwnerLink).where(OwnerLink.revoked_at == None)).all()  # noqa: E711
    assert len(live) == 1 and live[0].token_hash == hash_token(new)


# Tampering, as the role tests do: whatever the link or the form says, a link reaches its own subject only.
TAMPERED = {
    "another item's id in the form": lambda p, t: (t(ITEM, p.item), form(ITEM, p.other_item)),
    "the item's id in a commitment's form": lambda p, t: (t(COMMITMENT, p.commitment), form(ITEM, p.item)),
    "a commitment's form with the item's link": lambda p, t: (t(ITEM, p.item), form(COMMITMENT, p.commitment)),
    "another forum's item with this forum's link": lambda p, t: (t(ITEM, p.item), form(ITEM, p.foreign_item)),
    "this forum's item with another forum's link": lambda p, t: (
        t(ITEM, p.foreign_item, p.foreign_forum_id),
        form(ITEM, p.item),
    ),
    "no link": lambda p, t: (None, form(ITEM, p.item)),
    "a token of another shape": lambda p, t: ("<script>alert(1)</script>", form(ITEM, p.item)),
    "a token that was never made": lambda p, t: (new_token(), form(ITEM, p.item)),
    "the hash instead of the token": lambda p, t: (hash_token(t(ITEM, p.item)), form(ITEM, p.item)),
}


@pytest.mark.parametrize("case", TAMPERED)
def test_a_link_reaches_nothing_but_its_own_subject(engine: Engine, plan: Plan, case: str) -> None:
    def token(kind: ProgressSubject, subject_id: int, forum_id: int = plan.forum_id) -> str:
        return progress_link(engine, forum_id, kind, subject_id)

    link, sent = TAMPERED[case](plan, token)
    before = everything(engine)
    with pytest.raises(ProgressLinkInvalid):
        send(engine, link, sent)
    assert everything(engine) == before


def test_a_link_of_an_item_set_aside_opens_nothing(engine: Engine, plan: Plan) -> None:
    token = progress_link(engine, plan.forum_id, ITEM, plan.other_item)
    with read_session(engine) as session:
        forum = session.get(Forum, plan.forum_id)
    assert forum is not None
    move(engine, forum, Stage.ACT)
    with write_session(engine) as session:
        delete_action_item(session=session, forum_id=plan.forum_id, item_id=plan.other_item)
    with pytest.raises(ProgressLinkInvalid), read_session(engine) as session:
        subject_for_link(session=session, token=token)


def test_the_facilitator_reports_only_on_their_own_forum(engine: Engine, plan: Plan) -> None:
    before = everything(engine)
    with pytest.raises(ProgressSubjectNotFound), write_session(engine) as session:
        report_progress_for(session=session, forum_id=plan.forum_id, form=form(ITEM, plan.foreign_item))
    with pytest.raises(ProgressSubjectNotFound), write_session(engine) as session:
        owner_link(session=session, forum_id=plan.forum_id, subject_kind=ITEM, subject_id=plan.foreign_item)
    assert everything(engine) == before
    saved = report(engine, plan.forum_id, COMMITMENT, plan.commitment, status=DONE, percent=100)
    assert saved.reported_by == "facilitator"


def test_a_double_tap_stores_one_report(engine: Engine, plan: Plan) -> None:
    token = progress_link(engine, plan.forum_id, ITEM, plan.item)
    sent = form(ITEM, plan.item)
    first = send(engine, token, sent)
    with write_session(engine) as session:
        again = report_progress(session=session, token=token, form=sent)
    assert again.created is False and again.report.id == first.id
    assert count(engine, ProgressReport) == 1


def test_a_report_from_a_stale_screen_is_refused_and_says_the_status_now(engine: Engine, plan: Plan) -> None:
    """The owner's phone drew the form before the facilitator entered a report: refused, nothing stored."""
    token = progress_link(engine, plan.forum_id, ITEM, plan.item)
    drawn = form(ITEM, plan.item, seen=None, percent=10)
    newer = report(engine, plan.forum_id, ITEM, plan.item, status=ProgressStatus.BLOCKED, percent=30)
    before = everything(engine)
    with pytest.raises(ProgressMoved) as caught:
        send(engine, token, drawn)
    assert isinstance(caught.value, StaleEdit)
    assert isinstance(caught.value.current, ProgressReport) and caught.value.current.id == newer.id
    assert "ติดขัด 30%" in caught.value.message("th")
    assert "Blocked at 30%" in caught.value.message("en")
    assert everything(engine) == before
    # Drawn again from the report now, it is stored.
    assert send(engine, token, replace(drawn, seen=newer.id)).percent == 10


BAD: dict[str, tuple[dict[str, object], type[ForumError]]] = {
    "over 100 %": ({"percent": 101}, InvalidPercent),
    "below 0 %": ({"percent": -1}, InvalidPercent),
    "money spent below zero": ({"spent_baht": -1}, InvalidBudget),
    "a day after today in Thailand": ({"reported_on": thai_today() + timedelta(days=1)}, ReportDateInFuture),
    "a note too long": ({"note": "ก" * (NOTE_MAX + 1)}, TextTooLong),
}


@pytest.mark.parametrize("case", BAD)
def test_a_bad_report_is_refused_with_its_field_named(engine: Engine, plan: Plan, case: str) -> None:
    changes, refusal = BAD[case]
    token = progress_link(engine, plan.forum_id, ITEM, plan.item)
    before = everything(engine)
    with pytest.raises(refusal) as caught:
        send(engine, token, form(ITEM, plan.item, **changes))
    assert caught.value.message("th") and caught.value.message("en")
    assert everything(engine) == before


def test_a_past_day_and_today_are_taken(engine: Engine, plan: Plan) -> None:
    token = progress_link(engine, plan.forum_id, ITEM, plan.item)
    past = send(engine, token, form(ITEM, plan.item, reported_on=thai_today() - timedelta(days=30)))
    today = send(engine, token, form(ITEM, plan.item, seen=past.id))
    assert [row.id for row in history(engine, ITEM, plan.item)] == [today.id, past.id]  # newest first


def test_a_note_is_stored_and_shown_as_plain_text(engine: Engine, plan: Plan) -> None:
    token = progress_link(engine, plan.forum_id, ITEM, plan.item)
    saved = send(engine, token, form(ITEM, plan.item, note="<b>จัดรถ</b>\n\u200b=SUM(A1)  เสร็จ"))
    assert saved.note == "<b>จัดรถ</b> =SUM(A1) เสร็จ"
    shown = progress_timeline([saved], "th")
    assert "&lt;b&gt;จัดรถ&lt;/b&gt;" in shown and "<b>จัดรถ</b>" not in shown


def test_a_weight_carries_its_version(engine: Engine, plan: Plan) -> None:
    def weigh(weight: int, seen: int) -> CommitmentWeight:
        with write_session(engine) as session:
            return set_weight(
                session=session, forum_id=plan.forum_id, commitment_id=plan.commitment, weight=weight, seen=seen
            )

    first = weigh(3, 0)
    assert (first.weight, first.version) == (3, 1)
    before = everything(engine)
    for seen in (0, 2):  # a tab drawn before the first save, and one that never was
        with pytest.raises(StaleEdit) as caught:
            weigh(5, seen)
        assert isinstance(caught.value.current, CommitmentWeight) and caught.value.current.weight == 3
    with pytest.raises(InvalidWeight):
        weigh(-1, 1)
    assert everything(engine) == before
    assert (weigh(0, 1).weight, weigh(2, 2).version) == (0, 3)


def test_a_weight_of_another_forums_commitment_is_refused(engine: Engine, plan: Plan) -> None:
    with pytest.raises(ProgressSubjectNotFound), write_session(engine) as session:
        set_weight(session=session, forum_id=plan.foreign_forum_id, commitment_id=plan.commitment, weight=2, seen=0)
