"""Fixtures shared by every test layer."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from facilitation.core.db import create_tables, make_engine


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    """A real SQLite file database (WAL, as in production), empty."""
    created = make_engine(f"sqlite:///{tmp_path / 'forum.db'}")
    create_tables(created)
    yield created
    created.dispose()
