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
    # A double tap (or a retry after a dropped reply) sends the same form values twice,
    # the second time with the link the phone had when it was tapped: no `p` yet.
    # AppTest sends one tap per run, so the second tap is replayed from that link.
    at = _fill(app(code=code), name="สมศรี", sector=Sector.COMMUNITY, consent=True)
    submit(at, "join_button")
    assert len(_participants(db)) == 1

    at.query_params.clear()
    at.query_params["code"] = code
    at.run()
    _fill(at, name="สมศรี", sector=Sector.COMMUNITY, consent=True)
    submit(at, "join_button")

    no_exception(at)
    assert len(_participants(db)) == 1


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
