"""Dot voting on the console's Vote tab, on a phone (its own Streamlit buttons, as AppTest serves no
endpoint) and on the projector: open, spend, a stale second tab, close, reveal, the ranking."""

import json
from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from facilitation.core.db import read_session, write_session
from facilitation.core.tokens import new_token
from facilitation.forum.dots import add_dot, my_dots
from facilitation.forum.forums import CreatedForum, set_stage
from facilitation.forum.votes import VoteSettings, close_vote, latest_vote, open_vote, reveal_results
from models import ContributionKind, ResultsShown, Stage, Vote, VoteOption, VoteStatus, saved_id
from tests.factories import Joined, join, make_forum, post
from tests.ui.helpers import everything, html, no_exception, shown, submit, th
from tests.ui.test_reveal import page_source

POSTS = ("ไม่มีรถไปหาหมอ", "ผู้สูงอายุอยู่ลำพัง", "<b>กองทุน</b>สัจจะ")


@pytest.fixture
def created(db: Engine) -> CreatedForum:
    made = make_forum(db, title="เวทีโหวตจุด", revealed=True)
    person = join(db, made.forum.code, name="ผู้เขียน")
    for text in POSTS:
        post(db, person.participant, text, ContributionKind.ROOT_CAUSE)
    with write_session(db) as session:
        set_stage(session=session, forum=made.forum, stage=Stage.PLAN)
    return made


@pytest.fixture
def voter(db: Engine, created: CreatedForum) -> Joined:
    return join(db, created.forum.code, name="สมศรี")


def _open(db: Engine, created: CreatedForum, *, dots: int = 2, cap: int = 1) -> tuple[Vote, list[int]]:
    with read_session(db) as session:
        from facilitation.forum.vote_options import vote_candidates

        subjects = [
            (c.subject_kind, c.subject_id) for c in vote_candidates(session=session, forum_id=saved_id(created.forum))
        ]
    with write_session(db) as session:
        vote = open_vote(
            session=session, forum_id=saved_id(created.forum), creation_key=new_token(),
            settings=VoteSettings("เรื่องไหนก่อน", dots, cap, ResultsShown.HIDDEN, subjects),
        )  # fmt: skip
    with read_session(db) as session:
        options = [int(o) for o in session.exec(select(VoteOption.id).where(VoteOption.vote_id == vote.id)).all()]
    return vote, options


def _vote(db: Engine, created: CreatedForum) -> Vote:
    with read_session(db) as session:
        found = latest_vote(session=session, forum_id=saved_id(created.forum))
    assert found is not None
    return found


def _press(at: AppTest, key_start: str) -> AppTest:
    (button,) = [button for button in at.button if button.key and button.key.startswith(key_start)]
    return button.click().run()


def test_the_facilitator_opens_closes_and_reveals_a_vote_from_the_console(
    app: Callable[..., AppTest], db: Engine, created: CreatedForum
) -> None:
    console = app(code=created.forum.code, key=created.facilitator_token)
    no_exception(console)
    assert th("console_tab_vote") in [tab.label for tab in console.tabs]
    console.text_input(key="vote_question").input("เรื่องไหนควรทำก่อน")
    console.number_input(key="vote_dots").set_value(3)
    console = submit(console, "vote_open_submit")
    no_exception(console)
    assert th("vote_opened_done") in shown(console, "success")
    vote = _vote(db, created)
    assert (vote.question, vote.dots_per_person, vote.cap_per_option, vote.status) == ("เรื่องไหนควรทำก่อน", 3, 2, "open")
    with read_session(db) as session:
        labels = session.exec(select(VoteOption.label).where(VoteOption.vote_id == vote.id)).all()
    assert sorted(labels) == sorted(POSTS)
    assert th("vote_open_submit") not in [button.label for button in console.button]  # one vote at a time

    # A second console tab drawn now; the first closes the vote; the second's Close is refused.
    other = app(code=created.forum.code, key=created.facilitator_token)
    console = _press(console, "vote_close_")
    assert th("vote_closed_done") in shown(console, "success")
    assert _vote(db, created).status == VoteStatus.CLOSED
    other = _press(other, "vote_close_")
    no_exception(other)
    assert th("vote_stale") in shown(other, "info")
    assert _vote(db, created).version == vote.version + 1

    console = _press(console, "vote_reveal_")
    no_exception(console)
    assert th("vote_revealed_done") in shown(console, "success")
    assert _vote(db, created).revealed
    # Closed: the form to open the next vote is back.
    assert th("vote_open_submit") in [button.label for button in console.button]


def test_the_console_opens_no_vote_outside_plan(app: Callable[..., AppTest], db: Engine, created: CreatedForum) -> None:
    with write_session(db) as session:
        set_stage(session=session, forum=created.forum, stage=Stage.SHARE)
    console = app(code=created.forum.code, key=created.facilitator_token)
    no_exception(console)
    assert th("vote_open_submit") not in [button.label for button in console.button]
    assert th("vote_open_in_plan") in everything(console)


def test_a_phone_spends_its_dots_and_a_stale_second_tab_cannot_exceed_them(
    app: Callable[..., AppTest], db: Engine, created: CreatedForum, voter: Joined
) -> None:
    vote, (first, second, third) = _open(db, created, dots=2, cap=1)
    phone = app(code=created.forum.code, p=voter.token)
    other_tab = app(code=created.forum.code, p=voter.token)  # drawn before any dot is spent
    no_exception(phone)
    assert th("vote_remaining", remaining=2, budget=2) in everything(phone)
    assert "&lt;b&gt;กองทุน&lt;/b&gt;สัจจะ" in html(phone)  # what people wrote: plain text
    phone = _press(phone, f"vote_add_{first}_0")
    phone = _press(phone, f"vote_add_{second}_0")
    no_exception(phone)
    assert th("vote_remaining", remaining=0, budget=2) in everything(phone)
    # Every + is put away once the budget is spent.
    assert all(button.disabled for button in phone.button if str(button.key).startswith("vote_add_"))

    # The other tab still shows 2 dots left and no dot on `third`: its tap is refused.
    other_tab = _press(other_tab, f"vote_add_{third}_0")
    no_exception(other_tab)
    assert th("error_no_dots_left", budget=2) in shown(other_tab, "error")
    with read_session(db) as session:
        mine = my_dots(session=session, vote=vote, participant_id=saved_id(voter.participant))
    assert (mine.used, mine.dots) == (2, {first: 1, second: 1})

    # Moving a dot: take it back, then spend it elsewhere.
    phone = _press(phone, f"vote_take_{first}_1")
    phone = _press(phone, f"vote_add_{third}_0")
    with read_session(db) as session:
        assert my_dots(session=session, vote=vote, participant_id=saved_id(voter.participant)).dots == {
            second: 1,
            third: 1,
        }
    # Hidden results: no bar, no other person's dots anywhere in what the phone was sent.
    assert 'data-testid="vote-bar"' not in page_source(phone)
    assert th("vote_results_wait") in everything(phone)


def test_a_phone_shows_plain_bars_once_revealed_and_no_buttons_once_closed(
    app: Callable[..., AppTest], db: Engine, created: CreatedForum, voter: Joined
) -> None:
    vote, (first, second, _) = _open(db, created, dots=2, cap=2)
    someone = join(db, created.forum.code, name="อีกคน").participant
    with write_session(db) as session:
        add_dot(session=session, participant_id=saved_id(someone), option_id=second, seen=0)
        add_dot(session=session, participant_id=saved_id(someone), option_id=second, seen=1)
        add_dot(session=session, participant_id=saved_id(voter.participant), option_id=first, seen=0)
        forum_id = saved_id(created.forum)
        closed = close_vote(session=session, forum_id=forum_id, vote_id=saved_id(vote), version=1)
    phone = app(code=created.forum.code, p=voter.token)
    no_exception(phone)
    assert not [button for button in phone.button if str(button.key).startswith("vote_add_")]
    assert th("vote_closed_note") in everything(phone)
    assert 'data-testid="vote-bar"' not in html(phone)
    with write_session(db) as session:
        reveal_results(
            session=session, forum_id=saved_id(created.forum), vote_id=saved_id(vote), version=closed.version
        )
    phone.run()
    no_exception(phone)
    bars = html(phone)
    assert bars.count('data-testid="vote-bar"') == 3
    assert bars.index(POSTS[1]) < bars.index(POSTS[0])  # most dots first
    assert th("vote_dots_count", dots=2) in bars
    assert not list(phone.get("plotly_chart"))  # plain HTML on a phone


def test_the_projector_turns_to_the_vote_shows_turnout_then_the_ranking(
    app: Callable[..., AppTest], db: Engine, created: CreatedForum, voter: Joined
) -> None:
    wall = app(code=created.forum.code, key=created.facilitator_token).switch_page("pages/projector.py").run()
    no_exception(wall)
    vote, (first, second, _) = _open(db, created, dots=2, cap=2)
    with write_session(db) as session:
        add_dot(session=session, participant_id=saved_id(voter.participant), option_id=second, seen=0)
    wall.run()
    no_exception(wall)
    assert wall.button_group(key="projector_view").value == "vote"
    wall.run()
    assert wall.button_group(key="projector_view").value == "vote"  # it stays turned
    turnout = th("vote_turnout", voters=1, joined=2, spent=1, total=4)
    assert turnout in html(wall)
    assert th("vote_wall_waiting") in html(wall)
    assert "projector_vote_chart" not in page_source(wall)  # hidden: no ranking sent at all

    with write_session(db) as session:
        forum_id = saved_id(created.forum)
        closed = close_vote(session=session, forum_id=forum_id, vote_id=saved_id(vote), version=1)
        reveal_results(
            session=session, forum_id=saved_id(created.forum), vote_id=saved_id(vote), version=closed.version
        )
    wall.run()
    no_exception(wall)
    (chart,) = wall.get("plotly_chart")
    bar = json.loads(chart.proto.spec)["data"][0]
    # Most dots first, from the top (Plotly draws the first category at the bottom); words escaped for Plotly.
    assert bar["y"][-1] == f"1. {POSTS[1]}" and bar["x"][-1] == 1
    assert any("&lt;b&gt;กองทุน&lt;/b&gt;สัจจะ" in label for label in bar["y"])
    assert bar["textfont"]["size"] >= 20
    # The laptop turns the wall back to the feed; it stays there until the next vote or reveal.
    wall.button_group(key="projector_view").set_value("feed").run()
    wall.run()
    assert wall.button_group(key="projector_view").value == "feed"
