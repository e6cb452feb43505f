"""addresses: which address goes into the join link and its QR code."""

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from facilitation.core.settings import get_settings
from facilitation.links import addresses
from facilitation.links.addresses import base_url, facilitator_url, join_url, resolve_base_url

LAN = "192.168.1.20"


def test_public_url_wins_over_everything() -> None:
    """A configured PUBLIC_URL is used whatever the browser or LAN say."""
    assert (
        base_url(public_url="https://forum.example/", browser_url="http://10.0.0.5:8501/", port=8501, lan=LAN)
        == "https://forum.example"
    )
    assert (
        base_url(public_url="https://forum.example", browser_url=None, port=8501, lan=None) == "https://forum.example"
    )


@pytest.mark.parametrize(
    ("browser_url", "expected"),
    [
        ("http://10.0.0.5:8501/", "http://10.0.0.5:8501"),
        ("http://10.0.0.5:8501/console?code=K7M2QX", "http://10.0.0.5:8501"),
        ("https://sila.example/", "https://sila.example"),
        ("http://[fe80::1]:9000/", "http://[fe80::1]:9000"),
    ],
)
def test_reachable_browser_url_gives_scheme_host_and_port(browser_url: str, expected: str) -> None:
    """A non-loopback browser address is used with its own scheme, host and port (not the page path)."""
    assert base_url(public_url=None, browser_url=browser_url, port=8501, lan=LAN) == expected


def test_browser_url_keeps_the_server_path_prefix() -> None:
    """Behind a proxy the server's base path is kept: .../forum."""
    assert (
        base_url(
            public_url=None, browser_url="http://10.0.0.5:8501/forum/console", port=8501, lan=LAN, path_prefix="/forum/"
        )
        == "http://10.0.0.5:8501/forum"
    )


@pytest.mark.parametrize(
    "browser_url",
    ["http://localhost:8501/", "http://127.0.0.1:8501", "http://[::1]:8501/", "http://0.0.0.0:8501", "ftp://10.0.0.5/"],
)
def test_loopback_browser_url_falls_back_to_lan(browser_url: str) -> None:
    """A browser on the server itself gives the LAN address and the server port."""
    assert base_url(public_url=None, browser_url=browser_url, port=8502, lan=LAN) == f"http://{LAN}:8502"


def test_lan_fallback_keeps_path_prefix() -> None:
    """The LAN address carries the server's base path too."""
    assert (
        base_url(public_url=None, browser_url=None, port=8501, lan=LAN, path_prefix="forum")
        == f"http://{LAN}:8501/forum"
    )


@pytest.mark.parametrize("browser_url", [None, "http://localhost:8501/", "http://127.0.0.1:8501"])
def test_no_lan_and_no_reachable_browser_is_none(browser_url: str | None) -> None:
    """With nothing phones can reach, there is no base URL."""
    assert base_url(public_url=None, browser_url=browser_url, port=8501, lan=None) is None


@pytest.mark.parametrize(
    "browser_url", [None, "http://localhost:8501/", "http://127.0.0.1:8501", "http://10.1.2.3:80/"]
)
@pytest.mark.parametrize("lan", [None, LAN])
def test_result_is_never_loopback(browser_url: str | None, lan: str | None) -> None:
    """Whatever the inputs, the base never names localhost or 127.x."""
    found = base_url(public_url=None, browser_url=browser_url, port=8501, lan=lan)
    assert found is None or ("localhost" not in found and "127." not in found)


def test_join_url_format() -> None:
    """The join link is {base}/join/CODE (the light join page), or {base}/?code=CODE where the server has none."""
    assert join_url("http://192.168.1.20:8501", "K7M2QX") == "http://192.168.1.20:8501/join/K7M2QX"
    assert join_url("https://f.example/forum", "K7M2QX") == "https://f.example/forum/join/K7M2QX"
    assert join_url("http://192.168.1.20:8501", "K7M2QX", light=False) == "http://192.168.1.20:8501/?code=K7M2QX"


def test_facilitator_url_format() -> None:
    """The facilitator link carries code and key; the projector one names its page."""
    key = "abc-DEF_123"
    assert facilitator_url("https://f.example", "K7M2QX", key) == f"https://f.example/?code=K7M2QX&key={key}"
    projector = facilitator_url("https://f.example", "K7M2QX", key, "projector")
    assert projector == f"https://f.example/projector?code=K7M2QX&key={key}"


def test_facilitator_url_encodes_the_key() -> None:
    """A key with reserved characters round-trips through the query string."""
    link = facilitator_url("https://f.example", "K7M2QX", "a+b/c=d&e")
    assert parse_qs(urlsplit(link).query) == {"code": ["K7M2QX"], "key": ["a+b/c=d&e"]}


@pytest.fixture
def fresh_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    monkeypatch.chdir("/")  # no .env file
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def test_resolve_base_url_uses_public_url_setting(fresh_settings: pytest.MonkeyPatch) -> None:
    """resolve_base_url takes PUBLIC_URL from the settings."""
    fresh_settings.setenv("PUBLIC_URL", "https://sila.example/")
    fresh_settings.setattr(addresses, "lan_address", lambda: LAN)
    assert resolve_base_url(browser_url="http://localhost:8501/", port=8501) == "https://sila.example"


def test_resolve_base_url_uses_lan_address(fresh_settings: pytest.MonkeyPatch) -> None:
    """Without PUBLIC_URL, a loopback browser falls to this machine's LAN address."""
    fresh_settings.setattr(addresses, "lan_address", lambda: "10.9.8.7")
    assert resolve_base_url(browser_url="http://localhost:8501/", port=8600) == "http://10.9.8.7:8600"


def test_lan_address_is_never_loopback() -> None:
    """lan_address returns None or a non-loopback address."""
    found = addresses.lan_address()
    assert found is None or not (found.startswith("127.") or found == "localhost")


def test_main_prints_the_address(fresh_settings: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m facilitation.links.addresses PORT` prints where phones join."""
    fresh_settings.setattr(addresses, "lan_address", lambda: "10.9.8.7")
    assert addresses.main(["addresses", "8777"]) == 0
    assert "http://10.9.8.7:8777" in capsys.readouterr().out


def test_main_explains_when_there_is_no_address(
    fresh_settings: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With no network it says how to fix it."""
    fresh_settings.setattr(addresses, "lan_address", lambda: None)
    assert addresses.main(["addresses"]) == 0
    assert "PUBLIC_URL" in capsys.readouterr().out
