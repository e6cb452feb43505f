"""links: the join, facilitator and projector links and the QR code, on a reachable address."""

from collections.abc import Iterator
from io import BytesIO

import pytest
import zxingcpp
from PIL import Image

from facilitation.core.settings import get_settings
from facilitation.links import addresses
from facilitation.links.forum_links import forum_links


@pytest.fixture
def network(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    monkeypatch.chdir("/")  # no .env file
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    get_settings.cache_clear()
    monkeypatch.setattr(addresses, "lan_address", lambda: "192.168.1.20")
    yield monkeypatch
    get_settings.cache_clear()


def test_forum_links_on_the_lan(network: pytest.MonkeyPatch) -> None:
    """From localhost, every link uses the LAN address and the QR code carries the join link."""
    links = forum_links(
        code="K7M2QX", key="secret-key", screen="screen-token", browser_url="http://localhost:8501/", port=8501
    )
    assert links is not None
    assert links.join == "http://192.168.1.20:8501/join/K7M2QX"
    assert links.facilitator == "http://192.168.1.20:8501/?code=K7M2QX&key=secret-key"
    # The projector's own read-only token, never the facilitator key on the wall.
    assert links.projector == "http://192.168.1.20:8501/?code=K7M2QX&screen=screen-token"
    decoded = zxingcpp.read_barcodes(Image.open(BytesIO(links.qr_png)))
    assert [code.text for code in decoded] == [links.join]


def test_forum_links_prefer_public_url(network: pytest.MonkeyPatch) -> None:
    """PUBLIC_URL is the base of every link."""
    network.setenv("PUBLIC_URL", "https://sila.example/")
    links = forum_links(code="K7M2QX", key="k", browser_url="http://10.0.0.5:8501/", port=8501)
    assert links is not None
    assert links.join == "https://sila.example/join/K7M2QX"


def test_no_reachable_address_gives_no_links(network: pytest.MonkeyPatch) -> None:
    """Without any reachable address there are no links (never a localhost QR)."""
    network.setattr(addresses, "lan_address", lambda: None)
    assert forum_links(code="K7M2QX", key="k", browser_url="http://127.0.0.1:8501/", port=8501) is None


def test_links_without_a_key_hold_no_facilitator_link(network: pytest.MonkeyPatch) -> None:
    """The projector asks for the join link only: nothing of the facilitator's is made for it."""
    links = forum_links(code="K7M2QX", browser_url="http://localhost:8501/", port=8501)
    assert links is not None
    assert (links.facilitator, links.projector) == (None, None)
    assert links.join == "http://192.168.1.20:8501/join/K7M2QX"


def test_without_the_light_join_page_the_link_opens_the_streamlit_join_page(network: pytest.MonkeyPatch) -> None:
    """`streamlit run app.py` serves no /join/ route: its join link and QR code keep the ?code= form."""
    links = forum_links(code="K7M2QX", browser_url="http://localhost:8501/", port=8501, light_join=False)
    assert links is not None
    assert links.join == "http://192.168.1.20:8501/?code=K7M2QX"
    decoded = zxingcpp.read_barcodes(Image.open(BytesIO(links.qr_png)))
    assert [code.text for code in decoded] == [links.join]
