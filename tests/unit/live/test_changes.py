"""Change counters and presence: bumps add up, reads are one query, reports from two processes add up."""

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event, update
from sqlmodel import col

from facilitation.core.db import read_session, write_session
from facilitation.live.changes import Topic, bump, connected, counters, forum_ids_by_code, record_presence
from models import ScreenPresence, saved_id, utcnow
from tests.factories import make_forum


def read_counters(engine: Engine, *forum_ids: int) -> dict[int, dict[str, int]]:
    with read_session(engine) as session:
        return counters(session=session, forum_ids=forum_ids)


def test_a_new_forum_has_every_topic_at_zero_and_an_unknown_forum_is_absent(engine: Engine) -> None:
    forum_id = saved_id(make_forum(engine).forum)
    assert read_counters(engine, forum_id, forum_id + 100) == {forum_id: dict.fromkeys(map(str, Topic), 0)}
    assert read_counters(engine) == {}


def test_bump_adds_one_to_each_topic_named_and_leaves_other_forums_alone(engine: Engine) -> None:
    first, second = (saved_id(make_forum(engine).forum) for _ in range(2))
    with write_session(engine) as session:
        bump(session=session, forum_id=first, topics=[Topic.POSTS, Topic.TREE])
        bump(session=session, forum_id=first, topics=[Topic.POSTS, Topic.POSTS])  # named twice, bumped once
        bump(session=session, forum_id=first, topics=[])
    found = read_counters(engine, first, second)
    assert found[first] == {**dict.fromkeys(map(str, Topic), 0), "posts": 2, "tree": 1}
    assert set(found[second].values()) == {0}


def test_a_bump_rolled_back_with_its_write_leaves_no_trace(engine: Engine) -> None:
    forum_id = saved_id(make_forum(engine).forum)
    with pytest.raises(RuntimeError), write_session(engine) as session:
        bump(session=session, forum_id=forum_id, topics=[Topic.STAGE])
        raise RuntimeError("the write failed after its bump")
    assert read_counters(engine, forum_id)[forum_id]["stage"] == 0


@pytest.fixture
def statements(engine: Engine) -> Iterator[list[str]]:
    """The SQL statements sent to `engine` while the test runs."""
    sent: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    yield sent
    event.remove(engine, "before_cursor_execute", record)


def test_counters_of_three_forums_are_one_query(engine: Engine, statements: list[str]) -> None:
    forum_ids = [saved_id(make_forum(engine).forum) for _ in range(3)]
    with write_session(engine) as session:
        for forum_id in forum_ids:
            bump(session=session, forum_id=forum_id, topics=list(Topic))
    with read_session(engine) as session:
        session.connection()  # the transaction's own BEGIN is not the query
        statements.clear()
        found = counters(session=session, forum_ids=forum_ids)
        assert len(statements) == 1
    assert found == {forum_id: dict.fromkeys(map(str, Topic), 1) for forum_id in forum_ids}


def test_several_topics_are_bumped_in_one_statement(engine: Engine, statements: list[str]) -> None:
    forum_id = saved_id(make_forum(engine).forum)
    with write_session(engine) as session:
        session.connection()  # the transaction's own BEGIN is not the bump
        statements.clear()
        bump(session=session, forum_id=forum_id, topics=list(Topic))
        assert len(statements) == 1


def test_join_codes_find_their_forums_however_typed(engine: Engine) -> None:
    forum = make_forum(engine).forum
    typed = f"{forum.code[:3].lower()}-{forum.code[3:]}"
    with read_session(engine) as session:
        found = forum_ids_by_code(session=session, codes=[forum.code, typed, "ZZZZZZ"])
    assert found == {forum.code: forum.id, typed: forum.id}


def test_presence_is_summed_over_processes_and_a_new_report_replaces_the_old(engine: Engine) -> None:
    first, second = (saved_id(make_forum(engine).forum) for _ in range(2))
    with write_session(engine) as session:
        record_presence(
            session=session, instance="a", listening={first: {"phone": 30, "projector": 1}, second: {"phone": 4}}
        )
        record_presence(session=session, instance="b", listening={first: {"phone": 12, "projector": 1}})
    with read_session(engine) as session:
        assert connected(session=session, forum_id=first) == {"phone": 42, "projector": 2}
        assert connected(session=session, forum_id=second) == {"phone": 4, "projector": 0}
    with write_session(engine) as session:  # "a" no longer serves the second forum
        record_presence(session=session, instance="a", listening={first: {"phone": 29, "projector": 1}})
    with read_session(engine) as session:
        assert connected(session=session, forum_id=first) == {"phone": 41, "projector": 2}
        assert connected(session=session, forum_id=second) == {"phone": 0, "projector": 0}


def test_a_stale_report_stops_counting_and_an_old_one_is_cleared(engine: Engine) -> None:
    forum_id = saved_id(make_forum(engine).forum)
    with write_session(engine) as session:
        record_presence(session=session, instance="a", listening={forum_id: {"phone": 5}})
        record_presence(session=session, instance="b", listening={forum_id: {"phone": 7}})
        record_presence(session=session, instance="c", listening={forum_id: {"phone": 1}})
        # "b" stopped reporting a minute ago; "c" died yesterday.
        session.execute(
            update(ScreenPresence)
            .where(col(ScreenPresence.instance) == "b")
            .values(reported_at=utcnow() - timedelta(minutes=1))
        )
        session.execute(
            update(ScreenPresence)
            .where(col(ScreenPresence.instance) == "c")
            .values(reported_at=utcnow() - timedelta(days=1))
        )
    with read_session(engine) as session:
        assert connected(session=session, forum_id=forum_id) == {"phone": 5, "projector": 0}
        assert connected(session=session, forum_id=forum_id, within_seconds=120) == {"phone": 12, "projector": 0}
    with write_session(engine) as session:
        record_presence(session=session, instance="a", listening={forum_id: {"phone": 5}})
    with read_session(engine) as session:
        assert connected(session=session, forum_id=forum_id, within_seconds=10**6) == {"phone": 12, "projector": 0}
