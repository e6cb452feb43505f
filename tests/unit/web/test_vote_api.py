"""POST /votes/{code}: a phone's tap on a dot, taken beside the app with the dot services' guarantees."""

from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from facilitation.core.db import read_session, write_session
from facilitation.core.i18n import t
from facilitation.core.tokens import new_token
from facilitation.forum.forums import set_stage
from facilitation.forum.votes import VoteSettings, close_vote, open_vote
from facilitation.web import vote_api
from models import ContributionKind, Forum, OptionSubject, ResultsShown, Stage, Vote, VoteOption, saved_id
from tests.factories import Joined, join, make_forum, post


@pytest.fixture
def forum(engine: Engine) -> Forum:
    return make_forum(engine).forum


@pytest.fixture
def member(engine: Engine, forum: Forum) -> Joined:
    return join(engine, forum.code)


@pytest.fixture
def vote(engine: Engine, forum: Forum, member: Joined) -> tuple[Vote, list[int]]:
    posts = [saved_id(post(engine, member.participant, f"ข้อ {n}", ContributionKind.BENEFIT)) for n in range(3)]
    with write_session(engine) as session:
        set_stage(session=session, forum=forum, stage=Stage.PLAN)
        made = open_vote(
            session=session, forum_id=saved_id(forum), creation_key=new_token(),
            settings=VoteSettings("", 2, 1, ResultsShown.HIDDEN, [(OptionSubject.POST, p) for p in posts]),
        )  # fmt: skip
    with read_session(engine) as session:
        options = [int(o) for o in session.exec(select(VoteOption.id).where(VoteOption.vote_id == made.id)).all()]
    return made, options


def tap(engine: Engine, forum: Forum, member: Joined, vote: Vote, option: int, seen: int, **extra: Any) -> Any:
    payload = {"p": member.token, "vote": saved_id(vote), "option": option, "seen": seen, "change": "add"} | extra
    return vote_api.tap(engine=engine, code=forum.code, payload=payload)


def test_a_tap_places_a_dot_and_answers_the_dots_as_stored(
    engine: Engine, forum: Forum, member: Joined, vote: tuple[Vote, list[int]]
) -> None:
    made, (first, second, third) = vote
    done = tap(engine, forum, member, made, first, 0)
    assert done.status == 200 and done.body["ok"] and done.body["changed"]
    assert (done.body["used"], done.body["budget"], done.body["mine"]) == (1, 2, {str(first): 1})
    assert done.body["tally"] >= 1
    # Sent again (its answer lost): found done, nothing changed.
    again = tap(engine, forum, member, made, first, 0)
    assert again.status == 200 and not again.body["changed"] and again.body["used"] == 1
    tap(engine, forum, member, made, second, 0)
    refused = tap(engine, forum, member, made, third, 0, lang="en")
    assert refused.status == 422 and refused.body["message"] == t("error_no_dots_left", "en", budget=2)
    assert refused.body["used"] == 2  # the box redraws what it can still do


def test_a_stale_screen_is_told_the_dots_as_they_are(
    engine: Engine, forum: Forum, member: Joined, vote: tuple[Vote, list[int]]
) -> None:
    made, (first, *_) = vote
    tap(engine, forum, member, made, first, 0, change="add")
    tap(engine, forum, member, made, first, 1, change="take")
    stale = tap(engine, forum, member, made, first, 1, change="add")  # drawn when it showed one dot
    assert stale.status == 409 and not stale.body["closed"]
    assert stale.body["message"] == t("error_dots_moved", "th") and stale.body["mine"] == {}


def test_a_closed_vote_and_a_stranger_are_refused(
    engine: Engine, forum: Forum, member: Joined, vote: tuple[Vote, list[int]]
) -> None:
    made, (first, *_) = vote
    stranger = Joined(member.participant, new_token())
    assert tap(engine, forum, stranger, made, first, 0).status == 403
    with write_session(engine) as session:
        close_vote(session=session, forum_id=saved_id(forum), vote_id=saved_id(made), version=made.version)
    closed = tap(engine, forum, member, made, first, 0)
    assert closed.status == 409 and closed.body["closed"] is True
    assert closed.body["message"] == t("error_vote_not_open", "th")


@pytest.mark.parametrize(
    "payload",
    [None, [], {"p": "x"}, {"p": "x", "vote": 1, "option": 1, "seen": True, "change": "add"},
     {"p": "x", "vote": 1, "option": -1, "seen": 0, "change": "add"},
     {"p": "x", "vote": 1, "option": 1, "seen": 0, "change": "move"}],
)  # fmt: skip
def test_a_malformed_tap_is_refused_without_a_write(engine: Engine, forum: Forum, payload: object) -> None:
    assert vote_api.tap(engine=engine, code=forum.code, payload=payload).status == 400
