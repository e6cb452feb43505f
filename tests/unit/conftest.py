"""Fixtures shared by the unit tests that race writes on both databases."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from facilitation.core.db import make_engine
from facilitation.core.migrate import upgrade
from tests.postgres import temporary_postgres, unavailable


@pytest.fixture(scope="module")
def postgres_engine() -> Iterator[Engine]:
    """A throwaway PostgreSQL at the newest schema, one per test module."""
    with temporary_postgres() as url:
        if url is None:
            unavailable("no PostgreSQL server binaries here and TEST_POSTGRES_URL unset")
        created = make_engine(url)
        upgrade(created)
        yield created
        created.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, database_file: Path) -> Iterator[Engine]:
    """One database of each kind; every test makes its own forum in it."""
    if request.param == "postgresql":
        yield request.getfixturevalue("postgres_engine")
        return
    created = make_engine(f"sqlite:///{database_file}")
    yield created
    created.dispose()
