"""poster: the A4 join poster, read back by poppler and scanned by a QR reader as a phone would."""

import re
import subprocess
import unicodedata
from io import BytesIO
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import Engine

from facilitation.core.db import read_session
from facilitation.core.i18n import t
from facilitation.exports.poster import QR_TOP, join_poster_pdf
from facilitation.exports.thai_text import ZERO_WIDTH_SPACE, breakable
from facilitation.links.addresses import join_url
from facilitation.sample import data
from models import Forum, Language, saved_id
from tests.factories import make_forum

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
BASE = "http://192.168.1.23:8501"
STEPS = ("poster_step_scan", "poster_step_fill", "poster_step_post")
MM = 72 / 25.4
# Near the 200 characters a title may have: long Thai words, marks above and below, a number.
LONG_TITLE = (
    "เวทีประชาคมเพื่อจัดทำแผนพัฒนาคุณภาพชีวิตและสวัสดิการสังคมของผู้สูงอายุ คนพิการ และผู้ด้อยโอกาส "
    "ร่วมกับองค์การบริหารส่วนตำบล โรงพยาบาลส่งเสริมสุขภาพตำบล กองทุนสวัสดิการชุมชนทุกหมู่บ้าน ครั้งที่ 2/2570"
)


def _forum(engine: Engine, title: str, language: Language = Language.TH) -> Forum:
    created = make_forum(engine, title=title, language=language)
    with read_session(engine) as session:
        forum = session.get(Forum, saved_id(created.forum))
        assert forum is not None
        return forum


def _poster(engine: Engine, tmp_path: Path, title: str, lang: str = "th") -> tuple[Path, Forum, str]:
    forum = _forum(engine, title, Language(lang))
    url = join_url(BASE, forum.code)
    path = tmp_path / "poster.pdf"
    path.write_bytes(join_poster_pdf(forum=forum, join_url=url, lang=lang))
    return path, forum, url


def _plain(text: str) -> str:
    """What a reader copies: NFC, without the break points between Thai words."""
    return unicodedata.normalize("NFC", text).replace(ZERO_WIDTH_SPACE, "")


def _as_printed(expected: str) -> re.Pattern[str]:
    """`expected` as it may come back wrapped: a line may end at a space or between two Thai words.

    Nowhere else: a space read inside a word ("ตำ บล") does not match.
    """
    parts = []
    for chunk in re.split(r"(\s+)", breakable(expected)):
        if chunk.isspace():
            parts.append(r"\s+")
        else:
            parts.append(r"\s*".join(re.escape(word) for word in chunk.split(ZERO_WIDTH_SPACE)))
    return re.compile("".join(parts))


def _finds(text: str, expected: str) -> bool:
    return _as_printed(expected).search(text) is not None


def _text(path: Path, *crop: str) -> str:
    # -raw keeps the order the text was written in; poppler's layout mode reorders Thai marks.
    found = subprocess.run(["pdftotext", "-raw", *crop, str(path), "-"], capture_output=True, text=True, check=True)
    return _plain(found.stdout)


def _pdfinfo(path: Path) -> dict[str, str]:
    found = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {key.strip(): value.strip() for key, value in (line.split(":", 1) for line in found.splitlines())}


def _page_png(path: Path, dpi: int, stem: str | None = None) -> bytes:
    """The page as pdftoppm renders it; kept in tests/artifacts under `stem` to look at."""
    png = subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-singlefile", str(path)], capture_output=True, check=True
    ).stdout
    if stem:
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / f"{stem}.png").write_bytes(png)
    return png


def test_thai_poster_reads_back_title_date_code_link_and_steps(engine: Engine, tmp_path: Path) -> None:
    """Every word a person reads off the poster is there, in Thai, as written (ตำบล, ครั้ง, ส่วน)."""
    path, forum, url = _poster(engine, tmp_path, data.TITLE_TH)
    _page_png(path, 50, "poster_th")
    text = _text(path)
    assert _finds(text, t("poster_heading", "th"))
    assert _finds(text, data.TITLE_TH)
    assert "1/2570" in text.split()  # a line may not break inside a number
    assert _finds(text, "18 กุมภาพันธ์ 2570")  # Buddhist era
    assert _finds(text, "หอประชุม")
    assert forum.code in text.split()
    assert url in text.split()
    for key in STEPS:
        assert _finds(text, t(key, "th"))
    assert _finds(text, t("poster_no_account", "th"))


def test_poster_is_one_a4_page(engine: Engine, tmp_path: Path) -> None:
    path, _, _ = _poster(engine, tmp_path, data.TITLE_TH)
    info = _pdfinfo(path)
    assert info["Pages"] == "1"
    assert re.fullmatch(r"595\.2\d* x 841\.89\d* pts \(A4\)", info["Page size"])


def test_poster_holds_one_image_the_qr_code(tmp_path: Path, engine: Engine) -> None:
    """The pictures are drawn, not images: the one image is the code, square and sharp (1 bit a pixel)."""
    path, _, url = _poster(engine, tmp_path, data.TITLE_TH)
    listed = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in listed.splitlines()[2:]]
    assert len(rows) == 1
    width, height = int(rows[0][3]), int(rows[0][4])
    assert width == height
    subprocess.run(["pdfimages", "-png", str(path), str(tmp_path / "image")], check=True)
    decoded = zxingcpp.read_barcodes(Image.open(tmp_path / "image-000.png"))
    assert [result.text for result in decoded] == [url]


@pytest.mark.parametrize("dpi", [30, 72])
def test_printed_poster_scans_to_the_join_link(engine: Engine, tmp_path: Path, dpi: int) -> None:
    """A reader finds the code on the whole page, as a phone sees the sheet, even at a coarse 30 dpi."""
    path, _, url = _poster(engine, tmp_path, data.TITLE_TH)
    decoded = zxingcpp.read_barcodes(Image.open(BytesIO(_page_png(path, dpi))))
    assert [(result.text, result.format) for result in decoded] == [(url, zxingcpp.BarcodeFormat.QRCode)]


def test_very_long_thai_title_fits_above_the_code(engine: Engine, tmp_path: Path) -> None:
    """A 200-character title shrinks to fit its band: all of it is above the QR code, on one page."""
    assert 190 <= len(LONG_TITLE) <= 200
    path, _, url = _poster(engine, tmp_path, LONG_TITLE)
    _page_png(path, 50, "poster_long_title")
    assert _pdfinfo(path)["Pages"] == "1"
    above_code = _text(path, "-x", "0", "-y", "0", "-W", "596", "-H", str(int(QR_TOP * MM)))
    assert _finds(above_code, LONG_TITLE)
    assert _finds(above_code, "18 กุมภาพันธ์ 2570")
    decoded = zxingcpp.read_barcodes(Image.open(BytesIO(_page_png(path, 72))))
    assert [result.text for result in decoded] == [url]


def test_english_poster(engine: Engine, tmp_path: Path) -> None:
    """lang="en": English words and a Common Era date; the forum's own title stays as typed."""
    path, forum, url = _poster(engine, tmp_path, data.TITLE_EN, lang="en")
    _page_png(path, 50, "poster_en")
    text = _text(path)
    assert _finds(text, t("poster_heading", "en"))
    assert _finds(text, data.TITLE_EN)
    assert _finds(text, "18 February 2027")
    assert forum.code in text.split() and url in text.split()
    for key in STEPS:
        assert _finds(text, t(key, "en"))
    assert not re.search("[\u0e01-\u0e3a\u0e40-\u0e4e]", t("poster_step_fill", "en"))


def test_a_long_link_stays_on_one_line(engine: Engine, tmp_path: Path) -> None:
    """A public address behind a proxy path is printed whole, smaller, not cut."""
    forum = _forum(engine, data.TITLE_TH)
    url = join_url("https://welfare-forums.khonkaen-province.example.go.th/forums/2570/tambon-sila", forum.code)
    path = tmp_path / "poster.pdf"
    path.write_bytes(join_poster_pdf(forum=forum, join_url=url, lang="th"))
    assert url in _text(path).split()
