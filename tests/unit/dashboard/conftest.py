"""The handmade set of forums, built once per module and database kind; the tests only read it."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitation.core.db import make_engine
from tests.unit.dashboard.area_set import AreaSet, build


def _on_sqlite(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Iterator[AreaSet]:
    target = tmp_path_factory.mktemp("area") / "forum.db"
    target.write_bytes(migrated_template.read_bytes())
    engine = make_engine(f"sqlite:///{target}")
    yield build(engine)
    engine.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def area_set(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, migrated_template: Path
) -> Iterator[AreaSet]:
    """The set on SQLite, then on a throwaway PostgreSQL."""
    if request.param == "postgresql":
        yield build(request.getfixturevalue("postgres_engine"))
        return
    yield from _on_sqlite(tmp_path_factory, migrated_template)


@pytest.fixture(scope="module")
def sqlite_area_set(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Iterator[AreaSet]:
    """The set on SQLite only."""
    yield from _on_sqlite(tmp_path_factory, migrated_template)
