"""qr: the join link as a QR code that phones can scan."""

from io import BytesIO

import pytest
import zxingcpp
from PIL import Image

from facilitation.links.qr import qr_png


@pytest.mark.parametrize(
    "url",
    [
        "http://192.168.1.20:8501",
        "http://192.168.1.20:8501/?code=K7M2QX",
        "https://forum.example/projector?code=K7M2QX&key=abc-DEF_123xyz",
    ],
)
def test_qr_png_decodes_to_exactly_the_url(url: str) -> None:
    """The PNG is a QR code a scanner reads back as the same URL."""
    png = qr_png(url)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    results = zxingcpp.read_barcodes(Image.open(BytesIO(png)))
    assert [result.text for result in results] == [url]
    assert results[0].format == zxingcpp.BarcodeFormat.QRCode


def test_box_size_changes_the_image_size() -> None:
    """A larger box size makes a larger image."""
    url = "http://192.168.1.20:8501/?code=K7M2QX"
    small = Image.open(BytesIO(qr_png(url, box_size=4))).size
    large = Image.open(BytesIO(qr_png(url, box_size=12))).size
    assert large[0] == 3 * small[0]
