"""Join page: a phone opens the forum's link (?code=…) and joins with no account."""

from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from facilitation.core.db import read_session, write_session
from facilitation.forum.forums import set_stage
from facilitation.forum.participants import identify
from models import Participant, Sector, Stage
from tests.factories import make_forum
from tests.ui.helpers import everything, has_button, html, no_exception, shown, submit, th


def _participants(engine: Engine) -> list[Participant]:
    with Session(engine) as session:
        return list(session.exec(select(Participant)))


def _fill(at: AppTest, *, name: str = "", organisation: str = "", sector: Sector | None, consent: bool) -> AppTest:
    at.text_input(key="join_name").input(name)
    at.text_input(key="join_organisation").input(organisation)
    if sector is not None:
        at.radio(key="join_sector").set_value(sector)
    at.checkbox(key="join_consent").check() if consent else at.checkbox(key="join_consent").uncheck()
    return at


@pytest.fixture
def code(db: Engine) -> str:
    return make_forum(db, title="เวทีสวัสดิการตำบลศิลา <ทดสอบ>").forum.code


def test_join_page_shows_the_forum_and_the_form(app: Callable[..., AppTest], code: str) -> None:
    at = app(code=code)

    no_exception(at)
    assert "เวทีสวัสดิการตำบลศิลา &lt;ทดสอบ&gt;" in html(at)  # typed text, shown as text
    assert "<ทดสอบ>" not in html(at)
    assert has_button(at, "join_button")
    assert at.radio(key="join_sector").value is None
    assert th("join_link_refused") not in shown(at, "warning")


def test_join_without_sector_is_refused(app: Callable[..., AppTest], db: Engine, code: str) -> None:
    at = _fill(app(code=code), name="สมพร", sector=None, consent=True)

    submit(at, "join_button")

    no_exception(at)
    assert th("error_sector_required") in shown(at, "error")
    assert "p" not in at.query_params
    assert _participants(db) == []
    assert at.text_input(key="join_name").value == "สมพร"


def test_join_without_consent_is_refused(app: Callable[..., AppTest], db: Engine, code: str) -> None:
    at = _fill(app(code=code), name="สมพร", sector=Sector.COMMUNITY, consent=False)

    submit(at, "join_button")

    no_exception(at)
    assert th("error_consent_required") in shown(at, "error")
    assert "p" not in at.query_params
    assert _participants(db) == []


def test_full_join_stores_the_participant_and_opens_their_phone_page(
    app: Callable[..., AppTest], db: Engine, code: str
) -> None:
    at = _fill(
        app(code=code),
        name="ทองใบ วงศ์ศรีชา",
        organisation="อผส. ตำบลศิลา",
        sector=Sector.LOCAL_GOVERNMENT,
        consent=True,
    )

    submit(at, "join_button")
    no_exception(at)

    people = _participants(db)
    assert len(people) == 1
    assert people[0].display_name == "ทองใบ วงศ์ศรีชา"
    assert people[0].organisation == "อผส. ตำบลศิลา"
    assert people[0].sector == Sector.LOCAL_GOVERNMENT
    assert people[0].consented_at is not None
    assert at.query_params["code"] == code
    token = at.query_params["p"]
    with read_session(db) as session:
        assert identify(session=session, code=code, token=token).participant.id == people[0].id

    at.run()
    no_exception(at)
    assert len(_participants(db)) == 1
    assert not has_button(at, "join_button")
    assert has_button(at, "share_submit")
    assert th("sector_local_government") in html(at)


def test_double_tap_on_join_makes_one_participant(app: Callable[..., AppTest], db: Engine, code: str) -> None:
    # A double tap (or a retry after a dropped reply) sends the same form twice, the
    # second time from the page as it was when tapped: the join form, and a link with
    # no `p` yet. AppTest sends one tap per run, so the second tap is replayed from the
    # page the first was sent from, after the first tap's run opened the phone page.
    at = _fill(app(code=code), name="สมศรี", sector=Sector.COMMUNITY, consent=True)
    (join_button,) = [button for button in at.button if button.label == th("join_button")]
    tap = join_button.click().root.get_widget_states()  # what the browser sends for this tap
    at._run(tap)
    assert len(_participants(db)) == 1
    first = at.query_params["p"]

    at.query_params.clear()
    at.query_params["code"] = code
    at._run(tap)

    no_exception(at)
    assert len(_participants(db)) == 1
    assert at.query_params["p"] == first  # still the person the first tap joined
    assert has_button(at, "share_submit")


def test_the_join_page_opened_again_on_the_phone_joins_the_next_person(
    app: Callable[..., AppTest], db: Engine, code: str
) -> None:
    # A neighbour joins on the same phone: the join link opened again in the same tab.
    at = _fill(app(code=code), name="สมศรี", sector=Sector.COMMUNITY, consent=True)
    submit(at, "join_button")
    first = at.query_params["p"]

    at.query_params.clear()
    at.query_params["code"] = code
    at.run()
    no_exception(at)
    assert th("join_already_on_phone", count=1) in shown(at, "info")
    _fill(at, name="ทองใบ", sector=Sector.LOCAL_GOVERNMENT, consent=True)
    submit(at, "join_button")

    no_exception(at)
    people = _participants(db)
    assert sorted(person.display_name for person in people) == ["ทองใบ", "สมศรี"]
    assert at.query_params["p"] != first
    with read_session(db) as session:
        me = identify(session=session, code=code, token=at.query_params["p"]).participant
        assert me.display_name == "ทองใบ"
        assert identify(session=session, code=code, token=first).participant.display_name == "สมศรี"
    assert people[0].device_hash is not None and people[0].device_hash == people[1].device_hash
    assert has_button(at, "share_submit")


def test_the_console_shows_how_many_joined_on_one_phone(app: Callable[..., AppTest], db: Engine) -> None:
    created = make_forum(db)
    phone = app(code=created.forum.code)
    for name in ("สมศรี", "ทองใบ"):
        phone.query_params.clear()
        phone.query_params["code"] = created.forum.code
        phone.run()
        submit(_fill(phone, name=name, sector=Sector.COMMUNITY, consent=True), "join_button")
    app(code=created.forum.code).run()  # someone on their own phone
    submit(_fill(app(code=created.forum.code), sector=Sector.STATE, consent=True), "join_button")

    console = app(code=created.forum.code, key=created.facilitator_token)

    no_exception(console)
    assert len(_participants(db)) == 3
    assert th("console_shared_phones", phones=1) in everything(console)
    assert th("console_joined_on_phone", count=2) in everything(console)


def test_unknown_code_says_so(app: Callable[..., AppTest], db: Engine) -> None:
    at = app(code="ZZZZZZ")

    no_exception(at)
    assert th("error_forum_not_found") in shown(at, "error")
    assert not has_button(at, "join_button")
    assert _participants(db) == []

    at.button(key="join_other_code").click().run()
    no_exception(at)
    assert "code" not in at.query_params
    assert has_button(at, "home_join_button")


def test_closed_forum_takes_no_one_new(app: Callable[..., AppTest], db: Engine) -> None:
    forum = make_forum(db).forum
    with write_session(db) as session:
        set_stage(session=session, forum=forum, stage=Stage.CLOSED)

    at = app(code=forum.code)

    no_exception(at)
    assert th("join_closed") in shown(at, "info")
    assert not has_button(at, "join_button")
    assert not at.get("text_input")
    assert not at.get("radio")
    assert th("plan_empty") in everything(at)
