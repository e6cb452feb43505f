"""The database engine and the transactions every service runs in.

SQLite is tuned for many phones writing at once: WAL so readers never block the
writer, a busy timeout so writers queue instead of failing, and `BEGIN IMMEDIATE`
for write transactions, because a deferred transaction that reads and then writes
fails with "database is locked" under concurrency whatever the timeout.
"""

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, RootTransaction, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

import models  # noqa: F401  (registers every table on SQLModel.metadata)

BUSY_TIMEOUT_MS = 30_000
_WAL_ATTEMPTS = 200  # 10 s
_IMMEDIATE = "forum_write"
RowT = TypeVar("RowT")


def make_engine(url: str) -> Engine:
    """An engine for `url`, with the SQLite pragmas set on every connection."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)

    in_memory = parsed.database in (None, "", ":memory:")
    if not in_memory and parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}}
    if in_memory:
        kwargs["poolclass"] = StaticPool
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Leave transaction control to the "begin" hook below, not to pysqlite.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not in_memory:
            _use_wal(cursor)
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get(_IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _use_wal(cursor: sqlite3.Cursor) -> None:
    # Turning a new file to WAL needs it alone for a moment. A second process opening it
    # in that moment is refused at once, without the busy timeout, so it asks again.
    for attempt in range(_WAL_ATTEMPTS):
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or attempt == _WAL_ATTEMPTS - 1:
                raise
            time.sleep(0.05)


def begin_write(connection: Connection) -> RootTransaction:
    """A transaction on `connection` that holds the write lock from its first statement."""
    return connection.execution_options(**{_IMMEDIATE: True}).begin()


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """One user action: a transaction that holds the write lock from its first statement.

    Commits when the block ends, rolls back if it raises.
    """
    with Session(engine, expire_on_commit=False) as session:
        session.connection(execution_options={_IMMEDIATE: True})
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A read-only snapshot; never blocks the writers."""
    with Session(engine, expire_on_commit=False) as session:
        yield session


def insert_once(session: Session, row: RowT, find: Callable[[], RowT | None]) -> tuple[RowT, bool]:
    """Insert `row` unless `find()` already sees its twin; returns (row, created).

    The unique index behind `find` settles races the lock did not (PostgreSQL has no
    `BEGIN IMMEDIATE`): the loser's insert fails and it returns the winner's row.
    """
    existing = find()
    if existing is not None:
        return existing, False
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        found = find()
        if found is None:
            raise
        return found, False
    return row, True
