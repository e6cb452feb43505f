"""Alembic's entry point: migrations run on a connection handed in, or on DATABASE_URL.

The app and `python -m facilitation.core.migrate` hand in a connection that already
holds the write lock (`config.attributes["connection"]`); the `alembic` command line,
used to write a new revision, connects to DATABASE_URL by itself.
"""

import logging
import os
from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Connection, Engine, Enum, create_engine, event, pool
from sqlalchemy.types import TypeDecorator
from sqlmodel import SQLModel

import models  # noqa: F401  (registers every table on SQLModel.metadata)

DEFAULT_DATABASE_URL = "sqlite:///data/forum.db"


def _render_type(kind: str, obj: Any, _context: AutogenContext) -> str | Literal[False]:
    """A column type in a new revision as the database stores it, not as the models wrap it."""
    # A revision must keep meaning what it meant when the models around it change, so
    # it names no type of ours or of SQLModel's, and no enum's members (they are plain
    # VARCHAR columns: a new member needs no migration).
    if kind != "type":
        return False
    stored = obj.impl_instance if isinstance(obj, TypeDecorator) else obj
    if isinstance(stored, Enum) and not stored.native_enum:
        return f"sa.String(length={stored.length})"
    return False if stored is obj else f"sa.{stored!r}"


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        # SQLite cannot alter most of a table in place: batch mode copies it into a new one.
        render_as_batch=connection.dialect.name == "sqlite",
        render_item=_render_type,
    )
    with context.begin_transaction():
        context.run_migrations()
        if connection.dialect.name == "sqlite":
            _refuse_broken_references(connection)


def _refuse_broken_references(connection: Connection) -> None:
    # Whoever runs the migrations turns SQLite's foreign keys off while tables are copied
    # (_sqlite_for_migrations below, facilitation.core.migrate for the app), so they are
    # checked here, once, before the transaction commits.
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        raise RuntimeError(f"migration left rows pointing at missing rows: {broken[:5]}")


def _sqlite_for_migrations(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite would commit around DDL on its own; taking over the BEGIN makes a
        # failed migration roll back whole.
        dbapi_connection.isolation_level = None
        # Batch mode drops the table it copied; with foreign keys on, that drop would
        # delete the rows of every table that cascades from it.
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _run_from_url(url: str) -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)-5.5s [%(name)s] %(message)s")
    engine = create_engine(url, poolclass=pool.NullPool)
    if engine.dialect.name == "sqlite":
        _sqlite_for_migrations(engine)
    try:
        with engine.connect() as connection, connection.begin():
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline (--sql) migrations are not supported: SQLite's batch mode reads the live tables.")
handed_in: Connection | None = context.config.attributes.get("connection")
if handed_in is not None:
    _run(handed_in)
else:
    _run_from_url(os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
