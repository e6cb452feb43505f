"""The markup fuzz's Hypothesis profile (profiles.py), the AppTest fixtures, and a database the properties share."""

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import Engine

from facilitation.core.db import make_engine
from tests.fuzz import profiles, tally  # noqa: F401  (profiles registers and loads the profile)

# The page properties use the AppTest fixtures (`db`, `app`, and routing as the server does).
from tests.ui.conftest import _navigation_like_the_server, app, db  # noqa: F401


@pytest.fixture(scope="module")
def shared_engine(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Iterator[Engine]:
    """One migrated database for every case of a module: each case makes its own forum in it."""
    path = tmp_path_factory.mktemp("fuzz") / "forum.db"
    with closing(sqlite3.connect(migrated_template)) as source, closing(sqlite3.connect(path)) as copy:
        source.backup(copy)
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The distinct generated texts each page was drawn with, at the end of the run."""
    lines = tally.report()
    if lines:
        terminalreporter.write_sep("=", "generated texts per page")
        for line in lines:
            terminalreporter.write_line(line)
