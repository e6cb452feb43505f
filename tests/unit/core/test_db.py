"""db: SQLite pragmas, write transactions, the write lock and insert_once."""

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import func, select

from facilitation.core.db import insert_once, make_engine, read_session, write_session
from facilitation.core.migrate import upgrade
from facilitation.forum.contributions import add_contribution
from models import Contribution, ContributionCreate, ContributionKind, Forum, saved_id
from tests.factories import join, make_forum, post


def _pragma(engine: Engine, name: str) -> object:
    with engine.connect() as connection:
        return connection.exec_driver_sql(f"PRAGMA {name}").scalar()


def _db_path(engine: Engine) -> str:
    assert engine.url.database
    return engine.url.database


def _count(engine: Engine, model: type) -> int:
    with read_session(engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_file_database_uses_wal(engine: Engine) -> None:
    """journal_mode is wal on a file database."""
    assert str(_pragma(engine, "journal_mode")).lower() == "wal"


def test_a_new_file_turns_to_wal_while_another_process_writes_to_it(tmp_path: Path) -> None:
    """Switching to WAL waits out a writer that holds the file (as at two app starts at once)."""
    path = tmp_path / "forum.db"
    writer = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    writer.execute("CREATE TABLE early (x)")
    writer.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.3, writer.execute, args=("COMMIT",))
    release.start()
    opened = make_engine(f"sqlite:///{path}")
    try:
        assert str(_pragma(opened, "journal_mode")).lower() == "wal"
    finally:
        release.join()
        writer.close()
        opened.dispose()


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    """foreign_keys is 1 on every connection."""
    assert _pragma(engine, "foreign_keys") == 1


def test_busy_timeout_is_thirty_seconds(engine: Engine) -> None:
    """busy_timeout is 30000 ms so writers queue instead of failing."""
    assert _pragma(engine, "busy_timeout") == 30000


def test_make_engine_creates_the_parent_folder(tmp_path: Path) -> None:
    """A database path in a missing folder gets the folder made."""
    target = tmp_path / "nested" / "deeper" / "forum.db"
    made = make_engine(f"sqlite:///{target}")
    try:
        upgrade(made)
        assert target.is_file()
    finally:
        made.dispose()


def test_in_memory_database_shares_one_connection() -> None:
    """sqlite:// (memory) keeps its tables across sessions."""
    memory = make_engine("sqlite://")
    try:
        upgrade(memory)
        make_forum(memory)
        assert _count(memory, Forum) == 1
    finally:
        memory.dispose()


def test_write_session_commits_on_success(engine: Engine) -> None:
    """Rows added in a block that ends normally are stored."""
    forum = make_forum(engine).forum
    member = join(engine, forum.code)
    post(engine, member.participant, "รถรับส่งผู้ป่วยไม่พอ")
    with read_session(engine) as session:
        texts = session.exec(select(Contribution.text)).all()
    assert texts == ["รถรับส่งผู้ป่วยไม่พอ"]


def test_write_session_rolls_back_when_the_block_raises(engine: Engine) -> None:
    """A row added before an exception is absent afterwards, and the error propagates."""
    forum = make_forum(engine).forum
    member = join(engine, forum.code)
    with pytest.raises(RuntimeError, match="boom"), write_session(engine) as session:
        add_contribution(
            session=session,
            participant=member.participant,
            data=ContributionCreate(kind=ContributionKind.FUND, text="กองทุนหมู่บ้าน"),
        )
        session.flush()
        assert session.exec(select(func.count()).select_from(Contribution)).one() == 1
        raise RuntimeError("boom")
    assert _count(engine, Contribution) == 0


def test_write_session_holds_the_write_lock(engine: Engine) -> None:
    """While a write_session is open, another writer's BEGIN IMMEDIATE is refused as locked."""
    make_forum(engine)
    other = sqlite3.connect(_db_path(engine), timeout=0.1, isolation_level=None)
    try:
        with write_session(engine) as session:
            assert len(session.exec(select(Forum)).all()) == 1
            with pytest.raises(sqlite3.OperationalError, match="database is locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # released once the block ends
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_read_session_does_not_take_the_write_lock(engine: Engine) -> None:
    """A read_session that has read leaves writers free."""
    make_forum(engine)
    other = sqlite3.connect(_db_path(engine), timeout=0.1, isolation_level=None)
    try:
        with read_session(engine) as session:
            assert len(session.exec(select(Forum)).all()) == 1
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_concurrent_read_then_write_transactions_all_succeed(engine: Engine) -> None:
    """20 threads x 10 read-then-insert transactions: no errors, exactly 200 rows."""
    forum = make_forum(engine).forum
    members = [join(engine, forum.code, name=f"คนที่ {n}").participant for n in range(20)]
    start = threading.Barrier(20)
    errors: list[BaseException] = []

    def worker(index: int) -> None:
        start.wait()
        for round_ in range(10):
            try:
                with write_session(engine) as session:
                    session.exec(select(func.count()).select_from(Contribution)).one()
                    add_contribution(
                        session=session,
                        participant=members[index],
                        data=ContributionCreate(kind=ContributionKind.OTHER, text=f"ข้อความ {index}-{round_}"),
                    )
            except Exception as error:  # collected and asserted below
                errors.append(error)

    with ThreadPoolExecutor(max_workers=20) as pool:
        list(pool.map(worker, range(20)))
    assert errors == []
    with read_session(engine) as session:
        texts = session.exec(select(Contribution.text)).all()
    assert len(texts) == 200
    assert len(set(texts)) == 200


def test_insert_once_returns_existing_twin(engine: Engine) -> None:
    """When the finder sees a twin, insert_once returns it with created False and adds nothing."""
    forum = make_forum(engine).forum
    member = join(engine, forum.code).participant
    first = post(engine, member, "ข้อมูลไม่ตรงกัน")
    with write_session(engine) as session:
        twin = session.get(Contribution, first.id)
        fresh = Contribution(
            forum_id=saved_id(forum), participant_id=member.id, kind=ContributionKind.ROOT_CAUSE, text="ข้อมูลไม่ตรงกัน"
        )
        row, created = insert_once(session, fresh, lambda: twin)
    assert created is False
    assert row.id == first.id
    assert _count(engine, Contribution) == 1


def test_insert_once_inserts_when_no_twin(engine: Engine) -> None:
    """With no twin the row is added and created is True."""
    forum = make_forum(engine).forum
    member = join(engine, forum.code).participant
    with write_session(engine) as session:
        fresh = Contribution(forum_id=saved_id(forum), participant_id=member.id, kind="fund", text="กองทุนใหม่")
        row, created = insert_once(session, fresh, lambda: None)
    assert created is True
    assert row is fresh
    assert row.id is not None
    assert _count(engine, Contribution) == 1


def test_insert_once_settles_a_lost_race_through_the_unique_index(engine: Engine) -> None:
    """If the finder missed the twin, the unique index fails the insert and the winner is returned."""
    forum = make_forum(engine).forum
    member = join(engine, forum.code).participant
    winner = post(engine, member, "เด็กเลิกเรียนกลางคัน")
    calls: list[int] = []

    def finder() -> Contribution | None:
        calls.append(1)
        return None if len(calls) == 1 else session.get(Contribution, winner.id)

    with write_session(engine) as session:
        loser = Contribution(
            forum_id=saved_id(forum), participant_id=member.id, kind=ContributionKind.ROOT_CAUSE, text=winner.text
        )
        row, created = insert_once(session, loser, finder)
    assert created is False
    assert row.id == winner.id
    assert len(calls) == 2
    assert _count(engine, Contribution) == 1
