"""settings: DATABASE_URL and PUBLIC_URL from the environment, checked."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import ValidationError

from facilitation.core.settings import DEFAULT_DATABASE_URL, Settings, get_settings, is_loopback_host


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_defaults() -> None:
    """No environment: the local SQLite file and no public URL."""
    settings = Settings(_env_file=None)
    assert settings.database_url == "sqlite:///data/forum.db" == DEFAULT_DATABASE_URL
    assert settings.public_url is None


@pytest.mark.parametrize("url", ["sqlite:///tmp/x.db", "sqlite://", "postgresql+psycopg://u:p@db:5432/forum"])
def test_known_database_urls_are_accepted(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    """sqlite:// and postgresql+psycopg:// URLs are taken from DATABASE_URL."""
    monkeypatch.setenv("DATABASE_URL", url)
    assert Settings(_env_file=None).database_url == url


@pytest.mark.parametrize("url", ["mysql://x", "postgresql://u@db/forum", "forum.db", ""])
def test_other_database_urls_are_refused(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    """Any other scheme is a ValidationError naming DATABASE_URL."""
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ValidationError, match="DATABASE_URL"):
        Settings(_env_file=None)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://forum.example/", "https://forum.example"),
        ("https://forum.example", "https://forum.example"),
        ("http://192.168.1.20:8501/", "http://192.168.1.20:8501"),
        ("  https://forum.example/sila/  ", "https://forum.example/sila"),
    ],
)
def test_public_url_is_kept_without_trailing_slash(monkeypatch: pytest.MonkeyPatch, raw: str, expected: str) -> None:
    """PUBLIC_URL is stripped of spaces and its trailing slash."""
    monkeypatch.setenv("PUBLIC_URL", raw)
    assert Settings(_env_file=None).public_url == expected


@pytest.mark.parametrize(
    "raw",
    [
        "http://localhost:8501",
        "http://127.0.0.1:8501",
        "http://[::1]:8501",
        "http://0.0.0.0:8501",
        "https://app.localhost",
        "ftp://x",
        "forum.example",
    ],
)
def test_unreachable_public_urls_are_refused(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    """Loopback hosts and non-http(s) schemes raise ValidationError naming PUBLIC_URL."""
    monkeypatch.setenv("PUBLIC_URL", raw)
    with pytest.raises(ValidationError, match="PUBLIC_URL"):
        Settings(_env_file=None)


@pytest.mark.parametrize("raw", ["", "   "])
def test_blank_public_url_is_none(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    """A blank PUBLIC_URL means not set."""
    monkeypatch.setenv("PUBLIC_URL", raw)
    assert Settings(_env_file=None).public_url is None


def test_settings_read_from_env_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A .env file supplies the settings."""
    env_file = tmp_path / ".env"
    env_file.write_text("PUBLIC_URL=https://sila.example/\nDATABASE_URL=sqlite:///x.db\n", encoding="utf-8")
    settings = Settings(_env_file=env_file)
    assert settings.public_url == "https://sila.example"
    assert settings.database_url == "sqlite:///x.db"


def test_get_settings_is_cached_until_cleared(monkeypatch: pytest.MonkeyPatch) -> None:
    """get_settings reads once; cache_clear makes it read the environment again."""
    monkeypatch.chdir("/")
    monkeypatch.setenv("PUBLIC_URL", "https://one.example")
    first = get_settings()
    monkeypatch.setenv("PUBLIC_URL", "https://two.example")
    assert get_settings() is first
    assert get_settings().public_url == "https://one.example"
    get_settings.cache_clear()
    assert get_settings().public_url == "https://two.example"


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("localhost", True),
        ("LOCALHOST", True),
        ("app.localhost", True),
        ("127.0.0.1", True),
        ("127.0.0.5", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", True),
        ("", True),
        (None, True),
        ("192.168.1.10", False),
        ("10.0.0.5", False),
        ("forum.example", False),
        ("fe80::1", False),
    ],
)
def test_is_loopback_host(host: str | None, expected: bool) -> None:
    """Only addresses that reach the machine itself count as loopback."""
    assert is_loopback_host(host) is expected
