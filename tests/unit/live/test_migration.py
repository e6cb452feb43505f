"""Revisions 0004 (counters, presence), 0005 (stage timer) and 0006 (reveal) downgrade and upgrade again."""

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, inspect
from sqlalchemy.engine import make_url

from facilitation.core.db import make_engine, read_session, write_session
from facilitation.core.migrate import current_revision, downgrade, upgrade
from facilitation.forum.reveal import reveal_events, reveal_stage, reveal_view
from facilitation.forum.timer import TimerStatus, start_timer, timer_view
from facilitation.live.changes import Topic, bump, counters
from models import Stage, saved_id
from tests.factories import make_forum
from tests.postgres import temporary_postgres, unavailable

TABLES = {"changecounter", "screenpresence"}


@pytest.fixture(scope="module")
def postgres_server() -> Iterator[str]:
    with temporary_postgres() as url:
        if url is None:
            unavailable("no PostgreSQL server binaries here and TEST_POSTGRES_URL unset")
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def empty(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty database of each kind, not migrated."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'forum.db'}"
    else:
        server = request.getfixturevalue("postgres_server")
        name = f"forum_{uuid.uuid4().hex[:12]}"
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        admin.dispose()
        url = make_url(server).set(database=name).render_as_string(hide_password=False)
    created = make_engine(url)
    yield created
    created.dispose()


def test_0004_downgrades_and_upgrades_again(empty: Engine) -> None:
    upgrade(empty, revision="0004")
    assert current_revision(empty) == "0004"
    assert TABLES <= set(inspect(empty).get_table_names())
    forum_id = saved_id(make_forum(empty).forum)
    with write_session(empty) as session:
        bump(session=session, forum_id=forum_id, topics=[Topic.STAGE])

    downgrade(empty, revision="0003")
    assert current_revision(empty) == "0003"
    assert not TABLES & set(inspect(empty).get_table_names())

    upgrade(empty, revision="0004")
    with write_session(empty) as session:  # counting starts again from nothing
        bump(session=session, forum_id=forum_id, topics=[Topic.TREE])
    with read_session(empty) as session:
        found = counters(session=session, forum_ids=[forum_id])[forum_id]
    assert (found["stage"], found["tree"]) == (0, 1)


def test_deleting_a_forum_deletes_its_counters(empty: Engine) -> None:
    upgrade(empty)
    forum_id = saved_id(make_forum(empty).forum)
    with write_session(empty) as session:
        bump(session=session, forum_id=forum_id, topics=list(Topic))
    with empty.begin() as connection:
        connection.exec_driver_sql(f"DELETE FROM forum WHERE id = {forum_id}")
        left = connection.exec_driver_sql(f"SELECT count(*) FROM changecounter WHERE forum_id = {forum_id}").scalar()
    assert left == 0


def test_0005_adds_the_timer_table_downgrades_without_it_and_upgrades_again(empty: Engine) -> None:
    upgrade(empty, revision="0004")
    assert "stagetimer" not in inspect(empty).get_table_names()
    forum_id = saved_id(make_forum(empty).forum)  # a forum from before the timer

    upgrade(empty, revision="0005")
    assert current_revision(empty) == "0005"
    with read_session(empty) as session:
        assert timer_view(session=session, forum_id=forum_id).version == 0  # never had a timer
    with write_session(empty) as session:
        start_timer(session=session, forum_id=forum_id, minutes=5, version=0)

    downgrade(empty, revision="0004")
    assert current_revision(empty) == "0004"
    assert "stagetimer" not in inspect(empty).get_table_names()

    upgrade(empty, revision="0005")
    with read_session(empty) as session:  # the timer is gone with its table; the forum stays
        view = timer_view(session=session, forum_id=forum_id)
    assert (view.status, view.version) == (TimerStatus.STOPPED, 0)
    with write_session(empty) as session:
        assert start_timer(session=session, forum_id=forum_id, minutes=1, version=0).version == 1


def test_deleting_a_forum_deletes_its_timer(empty: Engine) -> None:
    upgrade(empty)
    forum_id = saved_id(make_forum(empty).forum)
    with write_session(empty) as session:
        start_timer(session=session, forum_id=forum_id, minutes=5, version=0)
    with empty.begin() as connection:
        connection.exec_driver_sql(f"DELETE FROM forum WHERE id = {forum_id}")
        left = connection.exec_driver_sql(f"SELECT count(*) FROM stagetimer WHERE forum_id = {forum_id}").scalar()
    assert left == 0


REVEAL_TABLES = {"stagereveal", "revealevent"}


def test_0006_keeps_older_forums_live_holds_new_ones_downgrades_and_upgrades_again(empty: Engine) -> None:
    upgrade(empty, revision="0005")
    assert not REVEAL_TABLES & set(inspect(empty).get_table_names())
    older = saved_id(make_forum(empty).forum)  # a forum from before write-first-then-reveal

    upgrade(empty, revision="0006")
    assert current_revision(empty) == "0006"
    newer = saved_id(make_forum(empty).forum)
    with read_session(empty) as session:
        before, after = reveal_view(session=session, forum_id=older), reveal_view(session=session, forum_id=newer)
    # The older forum keeps today's behaviour: posts live on the projector, in Share and Plan.
    assert all(before.projector_posts(stage) and not before.phone_posts(stage) for stage in (Stage.SHARE, Stage.PLAN))
    assert [view.version for view in before.stages.values()] == [1, 1]
    # A forum made since holds them until revealed.
    assert not any(after.projector_posts(stage) for stage in (Stage.SHARE, Stage.PLAN))
    with write_session(empty) as session:
        reveal_stage(session=session, forum_id=newer, stage=Stage.SHARE, version=0)

    downgrade(empty, revision="0005")
    assert current_revision(empty) == "0005"
    assert not REVEAL_TABLES & set(inspect(empty).get_table_names())

    upgrade(empty, revision="0006")
    with read_session(empty) as session:  # both existed at this upgrade: both keep posts live; the record went
        assert all(
            reveal_view(session=session, forum_id=forum_id).projector_posts(Stage.SHARE) for forum_id in (older, newer)
        )
        assert reveal_events(session=session, forum_id=newer) == []
    with write_session(empty) as session:
        assert reveal_stage(session=session, forum_id=older, stage=Stage.PLAN, version=1).version == 2


def test_deleting_a_forum_deletes_its_reveal_settings_and_record(empty: Engine) -> None:
    upgrade(empty)
    forum_id = saved_id(make_forum(empty).forum)
    with write_session(empty) as session:
        reveal_stage(session=session, forum_id=forum_id, stage=Stage.SHARE, version=0)
    with empty.begin() as connection:
        connection.exec_driver_sql(f"DELETE FROM forum WHERE id = {forum_id}")
        left = [
            connection.exec_driver_sql(f"SELECT count(*) FROM {table} WHERE forum_id = {forum_id}").scalar()
            for table in sorted(REVEAL_TABLES)
        ]
    assert left == [0, 0]
