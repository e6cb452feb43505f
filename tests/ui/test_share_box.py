"""The phone's share box under AppTest, as served by server.py (which serves /posts/{code}).

AppTest draws a components-v2 element as an UnknownElement whose proto carries the data
handed to the browser; its JavaScript runs only in the browser tests
(tests/e2e/test_share_box.py). Without the endpoint (AppTest, `streamlit run`) the page
draws its own form: tests/ui/test_phone.py.
"""

import json
import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from facilitation.core.db import write_session
from facilitation.core.i18n import t
from facilitation.forum.forums import set_stage
from facilitation.web import served
from models import ContributionKind, Forum, Stage, saved_id
from tests.factories import Joined, join, make_forum, post
from tests.ui.helpers import no_exception, th


@pytest.fixture(autouse=True)
def _served(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(served, "_served", threading.Event())
    served.announce_served()


@pytest.fixture
def forum(db: Engine) -> Forum:
    return make_forum(db).forum


@pytest.fixture
def member(db: Engine, forum: Forum) -> Joined:
    return join(db, forum.code, name="บุญมี ศรีสว่าง")


def box(at: AppTest) -> dict[str, Any] | None:
    """The data the page handed its share box in the last run, or None when it drew none."""
    found = [json.loads(e.proto.json) for e in at.get("bidi_component") if "share_box" in e.proto.id]
    return found[0] if found else None


def _stage(engine: Engine, forum: Forum, stage: Stage) -> None:
    with write_session(engine) as session:
        set_stage(session=session, forum=forum, stage=stage)


def test_the_phone_draws_the_box_for_its_own_participant_instead_of_the_form(
    app: Callable[..., AppTest], forum: Forum, member: Joined
) -> None:
    at = app(code=forum.code, p=member.token)
    no_exception(at)
    data = box(at)
    assert data is not None
    assert not [area for area in at.text_area if area.key == "share_text"]  # no second way to send
    assert (data["endpoint"], data["code"], data["token"]) == (f"posts/{forum.code}", forum.code, member.token)
    assert data["who"] == saved_id(member.participant)
    assert [kind["value"] for kind in data["kinds"]] == [kind.value for kind in ContributionKind]
    assert data["labels"]["submit"] == th("share_submit")
    assert data["labels"]["empty"] == th("error_text_empty_field", field=th("share_text"))
    assert (data["limit"], data["closed"], data["lang"]) == (500, False, "th")


def test_the_box_speaks_the_language_the_phone_chose(app: Callable[..., AppTest], forum: Forum, member: Joined) -> None:
    at = app(code=forum.code, p=member.token, lang="en")
    data = box(at)
    assert data is not None
    assert data["lang"] == "en"
    assert data["labels"]["offline"] == t("share_offline", "en")
    assert [kind["label"] for kind in data["kinds"]] == [t(f"kind_{kind.value}", "en") for kind in ContributionKind]


def test_the_box_stays_with_send_put_away_when_the_forum_closes_and_is_not_drawn_if_never_shown(
    app: Callable[..., AppTest], db: Engine, forum: Forum, member: Joined
) -> None:
    at = app(code=forum.code, p=member.token)
    _stage(db, forum, Stage.CLOSED)
    at.run()
    no_exception(at)
    data = box(at)
    assert data is not None and data["closed"] is True  # same element: the words typed stay in it

    # A phone that opens the page after the close has nothing typed to keep.
    other = join_later(db, forum)
    later = app(code=forum.code, p=other.token)
    assert box(later) is None


def join_later(engine: Engine, forum: Forum) -> Joined:
    _stage(engine, forum, Stage.SHARE)
    joined = join(engine, forum.code, name="คนมาทีหลัง")
    _stage(engine, forum, Stage.CLOSED)
    return joined


def test_a_run_after_a_post_lists_it_among_the_phones_own(
    app: Callable[..., AppTest], db: Engine, forum: Forum, member: Joined
) -> None:
    at = app(code=forum.code, p=member.token)
    post(db, member.participant, "กองทุนสัจจะวันละบาท", ContributionKind.FUND)  # as the endpoint stores it
    at.run()  # the box's "posted" trigger asks for this run
    assert any(th("mine_heading", count=1) in str(header.value) for header in at.subheader)
