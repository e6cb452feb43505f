"""Counters bumped from many transactions at once lose no increment, on a SQLite file and on PostgreSQL.

PostgreSQL runs the transactions side by side, so this is where a counter read in
Python and written back plus one would lose increments; the upsert adds one in SQL.
"""

import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine

from facilitation.core.db import read_session, write_session
from facilitation.live.changes import Topic, bump, counters
from models import saved_id
from tests.factories import join, make_forum

THREADS = 8
ROUNDS = 15


def at_once(work: Callable[[int], Any], threads: int = THREADS) -> list[BaseException]:
    """Run `work(n)` in `threads` threads released together; the errors they raised."""
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []

    def run(n: int) -> None:
        barrier.wait()
        try:
            work(n)
        except BaseException as error:  # noqa: BLE001 - collected and asserted by the caller
            errors.append(error)

    started = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join(timeout=120)
    return errors


def read_counters(engine: Engine, forum_id: int) -> dict[str, int]:
    with read_session(engine) as session:
        return counters(session=session, forum_ids=[forum_id])[forum_id]


def test_bumps_at_once_lose_no_increment(db: Engine) -> None:
    """Threads bumping two topics of a new forum, each bump its own transaction, add up to every bump."""
    forum_id = saved_id(make_forum(db).forum)

    def bumps(_: int) -> None:
        for _round in range(ROUNDS):
            with write_session(db) as session:
                bump(session=session, forum_id=forum_id, topics=[Topic.POSTS, Topic.TREE])

    assert at_once(bumps) == []
    found = read_counters(db, forum_id)
    assert (found["posts"], found["tree"], found["stage"]) == (THREADS * ROUNDS, THREADS * ROUNDS, 0)


def test_people_joining_at_once_each_move_the_count(db: Engine) -> None:
    forum = make_forum(db).forum
    errors = at_once(lambda n: join(db, forum.code, name=f"คนที่ {n}"))
    assert errors == []
    assert read_counters(db, saved_id(forum))["people"] == THREADS
