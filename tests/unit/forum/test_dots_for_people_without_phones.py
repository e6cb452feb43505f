"""Dots the facilitator spends for someone registered without a phone: a phone's tap in every rule."""

import pytest
from sqlalchemy import Engine

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import NoDotsLeft, PersonNotRegistered
from facilitation.core.tokens import new_token
from facilitation.forum.forums import CreatedForum
from facilitation.forum.people_without_phones import dot_for_person, person_dots
from facilitation.forum.votes import VoteSettings, console_vote, open_vote
from models import OptionSubject, ResultsShown, Stage, saved_id
from tests.factories import join, make_forum, post, register
from tests.unit.helpers import move


@pytest.fixture
def created(db: Engine) -> CreatedForum:
    made = make_forum(db, revealed=True)
    person = join(db, made.forum.code).participant
    ids = [saved_id(post(db, person, text)) for text in ("ไม่มีรถไปหาหมอ", "ค่ายาแพง")]
    move(db, made.forum, Stage.PLAN)
    with write_session(db) as session:
        subjects = [(OptionSubject.POST, post_id) for post_id in ids]
        open_vote(
            session=session,
            forum_id=saved_id(made.forum),
            settings=VoteSettings("", 2, 2, ResultsShown.HIDDEN, subjects),
            creation_key=new_token(),
        )
    return made


def _tap(db: Engine, created: CreatedForum, person_id: int, option_id: int, seen: int, adding: bool = True) -> int:
    with write_session(db) as session:
        done = dot_for_person(
            session=session,
            code=created.forum.code,
            key=created.facilitator_token,
            participant_id=person_id,
            option_id=option_id,
            seen=seen,
            adding=adding,
        )
    return done.dots.used


def test_the_facilitator_spends_a_registered_persons_budget_and_no_more(db: Engine, created: CreatedForum) -> None:
    elder = saved_id(register(db, created))
    forum_id = saved_id(created.forum)
    with read_session(db) as session:
        found = person_dots(session=session, forum_id=forum_id, participant_id=elder)
    assert found is not None
    view, mine = found
    first, second = (saved_id(option) for option in view.options)
    assert (mine.used, mine.budget) == (0, 2)

    assert _tap(db, created, elder, first, seen=0) == 1
    assert _tap(db, created, elder, first, seen=0) == 1  # the same tap again (a double click): one dot
    assert _tap(db, created, elder, second, seen=0) == 2
    with pytest.raises(NoDotsLeft):
        _tap(db, created, elder, first, seen=1)
    assert _tap(db, created, elder, first, seen=1, adding=False) == 1
    with read_session(db) as session:
        view = console_vote(session=session, forum_id=forum_id)
    assert view is not None and view.results is not None
    assert sorted(result.dots for result in view.results) == [0, 1]


def test_a_phones_participant_cannot_be_voted_for_from_the_console(db: Engine, created: CreatedForum) -> None:
    phone = saved_id(join(db, created.forum.code, name="มีโทรศัพท์").participant)
    with read_session(db) as session:
        found = person_dots(session=session, forum_id=saved_id(created.forum), participant_id=phone)
    assert found is not None
    with pytest.raises(PersonNotRegistered):
        _tap(db, created, phone, saved_id(found[0].options[0]), seen=0)
