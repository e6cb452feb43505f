"""Fixtures shared by every test layer."""

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import Engine

from facilitation.core.db import make_engine
from facilitation.core.migrate import upgrade


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty SQLite database at the newest revision, migrated once per test run."""
    path = tmp_path_factory.mktemp("template") / "forum.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture
def database_file(tmp_path: Path, migrated_template: Path) -> Path:
    """This test's own copy of the migrated empty database (a copy is much faster than migrating)."""
    target = tmp_path / "forum.db"
    # The backup API copies a consistent database whatever the WAL file of the template holds.
    with closing(sqlite3.connect(migrated_template)) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    return target


@pytest.fixture
def engine(database_file: Path) -> Iterator[Engine]:
    """A real SQLite file database (WAL, as in production), empty, at the newest schema."""
    created = make_engine(f"sqlite:///{database_file}")
    yield created
    created.dispose()
