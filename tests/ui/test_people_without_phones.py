"""The console's tab for people without phones: register a person, choose them, post and commit for them."""

from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from facilitation.core.db import read_session, write_session
from facilitation.core.tokens import new_token
from facilitation.forum.forums import CreatedForum
from facilitation.forum.people_without_phones import registered_people
from facilitation.forum.votes import VoteSettings, open_vote
from models import (
    Ballot,
    Commitment,
    Contribution,
    ContributionKind,
    OptionSubject,
    Participant,
    ResultsShown,
    Sector,
    Stage,
    saved_id,
)
from tests.factories import join, make_forum, post, register
from tests.ui.helpers import html, no_exception, shown, th
from tests.unit.helpers import make_item, move

MARK = th("people_entered_mark")


@pytest.fixture
def created(db: Engine) -> CreatedForum:
    return make_forum(db, revealed=True)


@pytest.fixture
def console(app: Callable[..., AppTest], created: CreatedForum) -> Callable[[], AppTest]:
    return lambda: app(code=created.forum.code, key=created.facilitator_token)


def _rows(engine: Engine, model: type[Contribution] | type[Commitment] | type[Participant]) -> list[object]:
    with read_session(engine) as session:
        return list(session.exec(select(model)))


def _fill_registration(at: AppTest, *, name: str, sector: Sector | None = Sector.COMMUNITY) -> str:
    """Type a person into the registration form; the form's key, which names its widgets and button."""
    form_key = str(at.session_state["people_form_key"])
    at.text_input(key=f"people_name_{form_key}").input(name)
    at.text_input(key=f"people_organisation_{form_key}").input("ชมรมผู้สูงอายุบ้านศิลา")
    if sector is not None:
        at.radio(key=f"people_sector_{form_key}").set_value(sector)
    at.checkbox(key=f"people_consent_{form_key}").check()
    return form_key


def _register(at: AppTest, name: str = "ยายสม ใจงาม") -> AppTest:
    form_key = _fill_registration(at, name=name)
    return at.button(key=f"people_register_{form_key}").click().run()


def _post(at: AppTest, person_id: int, text: str, kind: ContributionKind = ContributionKind.ROOT_CAUSE) -> AppTest:
    at.radio(key=f"people_kind_{person_id}").set_value(kind)
    at.text_area(key=f"people_text_{person_id}").input(text)
    return at.button(key=f"people_post_submit_{person_id}").click().run()


def test_the_facilitator_registers_a_person_and_posts_for_them(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    at = console()
    no_exception(at)
    assert th("console_tab_people") in [tab.label for tab in at.tabs]
    at = _register(at)
    no_exception(at)
    (person,) = _rows(db, Participant)
    assert isinstance(person, Participant) and person.token_hash is None
    assert (person.display_name, person.sector) == ("ยายสม ใจงาม", Sector.COMMUNITY)
    assert th("people_registered") in shown(at, "success")
    # Chosen at once, and the registration form drawn anew, empty, under a key of its own.
    assert at.selectbox(key="people_chosen").value == person.id
    fresh = str(at.session_state["people_form_key"])
    assert at.text_input(key=f"people_name_{fresh}").value == ""

    at = _post(at, saved_id(person), "ไม่มีรถไปหาหมอตามนัด")
    no_exception(at)
    assert th("people_post_sent") in shown(at, "success")
    assert at.text_area(key=f"people_text_{person.id}").value == ""
    (entry,) = _rows(db, Contribution)
    assert isinstance(entry, Contribution) and entry.participant_id == person.id
    # Marked wherever the console lists it: the Share tab's board and the person's own list.
    page = html(at)
    assert "ไม่มีรถไปหาหมอตามนัด" in page and 'data-testid="entered-by-facilitator"' in page
    assert page.count(MARK) >= 2


def test_a_click_replayed_after_registering_names_a_button_no_longer_drawn(
    console: Callable[[], AppTest], db: Engine
) -> None:
    """The double-click guard the page adds to the service's: the button is keyed by the form's key."""
    at = console()
    form_key = str(at.session_state["people_form_key"])
    at = _register(at)
    assert f"people_register_{form_key}" not in {button.key for button in at.button}
    assert len(_rows(db, Participant)) == 1


def test_two_people_of_one_name_are_both_listed_to_choose(console: Callable[[], AppTest], db: Engine) -> None:
    at = _register(console())
    at = _register(at)
    no_exception(at)
    assert len(_rows(db, Participant)) == 2
    labels = at.selectbox(key="people_chosen").options
    assert labels == [
        "1. ยายสม ใจงาม · ชมรมผู้สูงอายุบ้านศิลา · องค์กรชุมชน",
        "2. ยายสม ใจงาม · ชมรมผู้สูงอายุบ้านศิลา · องค์กรชุมชน",
    ]


def test_a_refused_registration_keeps_what_was_typed(console: Callable[[], AppTest], db: Engine) -> None:
    at = console()
    form_key = _fill_registration(at, name="ตาบุญ", sector=None)
    at = at.button(key=f"people_register_{form_key}").click().run()
    no_exception(at)
    assert th("error_person_sector_required") in shown(at, "error")
    assert at.text_input(key=f"people_name_{form_key}").value == "ตาบุญ"
    assert _rows(db, Participant) == []


def test_a_post_refused_because_the_forum_closed_keeps_its_text(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    person = register(db, created)
    at = console()
    at.selectbox(key="people_chosen").set_value(saved_id(person)).run()
    move(db, created.forum, Stage.CLOSED)  # another tab closed the forum meanwhile
    at = _post(at, saved_id(person), "ลูกหลานไปทำงานต่างจังหวัด")
    no_exception(at)
    assert any(th("error_forum_closed") in message for message in shown(at, "error"))
    assert at.text_area(key=f"people_text_{person.id}").value == "ลูกหลานไปทำงานต่างจังหวัด"
    assert at.button(key=f"people_post_submit_{person.id}").disabled
    assert _rows(db, Contribution) == []


def test_a_post_too_long_is_refused_and_kept(console: Callable[[], AppTest], db: Engine, created: CreatedForum) -> None:
    person = register(db, created)
    at = console()
    at.selectbox(key="people_chosen").set_value(saved_id(person)).run()
    at = _post(at, saved_id(person), "ก" * 501)
    no_exception(at)
    assert shown(at, "error")
    assert at.text_area(key=f"people_text_{person.id}").value == "ก" * 501
    assert _rows(db, Contribution) == []


def test_in_act_the_facilitator_commits_for_the_person_and_the_plan_marks_it(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    person = register(db, created)
    item = make_item(db, saved_id(created.forum))
    join_token = join(db, created.forum.code, name="สมชาย")
    post(db, join_token.participant, "งบ อบต. มีน้อย", ContributionKind.FUND)
    at = console()
    at.selectbox(key="people_chosen").set_value(saved_id(person)).run()
    assert th("people_commit_act_only") in [caption.value for caption in at.caption]
    move(db, created.forum, Stage.ACT)
    at.run()
    at.text_area(key=f"people_commit_text_{person.id}").input("จะชวนเพื่อนบ้านมาช่วยดูแล")
    at = at.button(key=f"people_commit_submit_{person.id}").click().run()
    no_exception(at)
    assert th("people_committed") in shown(at, "success")
    (made,) = _rows(db, Commitment)
    assert isinstance(made, Commitment)
    assert (made.participant_id, made.action_item_id, made.organisation) == (
        person.id,
        item.id,
        "ชมรมผู้สูงอายุบ้านศิลา",
    )
    page = html(at)
    assert "จะชวนเพื่อนบ้านมาช่วยดูแล" in page
    assert 'จะชวนเพื่อนบ้านมาช่วยดูแล <span class="entered-mark"' in page  # the plan card marks it
    # The phone's post is listed unmarked.
    assert 'งบ อบต. มีน้อย</div><div class="card-meta">' in page

    summary = at.switch_page("pages/summary.py").run()
    no_exception(summary)
    assert MARK in html(summary)
    assert th("people_summary_registered", count=1) in [caption.value for caption in summary.caption]


def test_a_commitment_refused_because_act_ended_keeps_its_text(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    person = register(db, created)
    make_item(db, saved_id(created.forum))
    move(db, created.forum, Stage.ACT)
    at = console()
    at.selectbox(key="people_chosen").set_value(saved_id(person)).run()
    at.text_area(key=f"people_commit_text_{person.id}").input("จะจัดรถรับส่ง")
    move(db, created.forum, Stage.PLAN)  # another tab moved back to Plan meanwhile
    at = at.button(key=f"people_commit_submit_{person.id}").click().run()
    no_exception(at)
    assert shown(at, "error")
    assert at.text_area(key=f"people_commit_text_{person.id}").value == "จะจัดรถรับส่ง"
    assert at.button(key=f"people_commit_submit_{person.id}").disabled
    assert _rows(db, Commitment) == []


def test_words_typed_for_one_person_stay_with_them(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    first, second = register(db, created, name="ยายสม"), register(db, created, name="ตาบุญ")
    at = console()
    at.selectbox(key="people_chosen").set_value(saved_id(first)).run()
    at.text_area(key=f"people_text_{first.id}").input("ของยายสม").run()
    at.selectbox(key="people_chosen").set_value(saved_id(second)).run()
    no_exception(at)
    assert at.text_area(key=f"people_text_{second.id}").value == ""
    with read_session(db) as session:
        assert [p.display_name for p in registered_people(session=session, forum_id=saved_id(created.forum))] == [
            "ยายสม",
            "ตาบุญ",
        ]


def test_the_facilitator_spends_dots_for_a_person_and_a_stale_button_spends_none(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    phone = join(db, created.forum.code).participant
    ids = [saved_id(post(db, phone, text)) for text in ("ไม่มีรถไปหาหมอ", "ค่ายาแพง")]
    move(db, created.forum, Stage.PLAN)
    with write_session(db) as session:
        open_vote(
            session=session,
            forum_id=saved_id(created.forum),
            settings=VoteSettings("", 1, 1, ResultsShown.HIDDEN, [(OptionSubject.POST, i) for i in ids]),
            creation_key=new_token(),
        )
    person = register(db, created)
    at = console()
    at.selectbox(key="people_chosen").set_value(saved_id(person)).run()
    assert th("people_dots_heading", used=0, budget=1) in "\n".join(str(m.value) for m in at.markdown)
    plus = sorted(str(b.key) for b in at.button if str(b.key).startswith(f"people_dot_{saved_id(person)}_"))
    adds = [key for key in plus if "_add_" in key]
    at.button(key=adds[0]).click().run()
    no_exception(at)
    assert th("people_dots_saved", used=1, budget=1) in shown(at, "success")
    # Its budget spent: the other option's + is off, and the dots are the person's in the database.
    assert all(at.button(key=key).disabled for key in adds[1:])
    with read_session(db) as session:
        assert session.exec(select(Ballot.used).where(Ballot.participant_id == saved_id(person))).one() == 1
