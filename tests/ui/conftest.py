"""Fixtures for the Streamlit AppTest suite.

Every test gets its own SQLite file: the app reaches it through DATABASE_URL (read by
`get_settings()` and turned into an engine by `pages.ui.engine()`, both cached, so both
caches are cleared), and the test reaches the same file through `db` to arrange data
with tests/factories.py and to check what the app stored.
"""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import Engine
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from facilitation.core.db import make_engine
from facilitation.core.settings import get_settings
from facilitation.links import addresses
from tests.ui.helpers import APP, FACILITATOR_BROWSER_URL, LAN_ADDRESS, STREAMLIT_PAGES_MANAGER_INIT


@pytest.fixture(autouse=True)
def _navigation_like_the_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run app.py's router on every AppTest run, as the server does.

    AppTest forgets before each run that app.py calls st.navigation, sees the
    `pages/` folder next to app.py and falls back to Streamlit's old pages-directory
    mode: from the second run on it executes the last page file directly, skipping
    the router (query params changed by a test would be ignored). The server keeps
    the flag off for good once st.navigation has run (see test_roles.py for the runs
    before that).
    """

    def init(self: PagesManager, *args: object, **kwargs: object) -> None:
        STREAMLIT_PAGES_MANAGER_INIT(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
    monkeypatch.setattr(PagesManager, "uses_pages_directory", PagesManager.uses_pages_directory)


@pytest.fixture
def db(database_file: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """An empty database file at the newest schema, shared by the app under test and the test itself."""
    url = f"sqlite:///{database_file}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    monkeypatch.delenv("ORGANISER_PASSWORD", raising=False)
    monkeypatch.setattr(addresses, "lan_address", lambda: LAN_ADDRESS)
    get_settings.cache_clear()
    st.cache_resource.clear()
    engine = make_engine(url)
    yield engine
    engine.dispose()
    st.cache_resource.clear()
    get_settings.cache_clear()


@pytest.fixture
def app(db: Engine) -> Callable[..., AppTest]:
    """`app(code=..., key=...)`: a fresh browser session on that link, already run once."""

    def start(*, run: bool = True, **params: str) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=30)
        at.context["url"] = FACILITATOR_BROWSER_URL
        at.query_params.update(params)
        if run:
            at.run()
        return at

    return start
