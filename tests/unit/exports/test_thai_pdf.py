"""thai_pdf: Thai drawn by fpdf2 copies back as written, SARA AM (ำ) included."""

import subprocess
import unicodedata
from pathlib import Path

from facilitation.exports.thai_pdf import pdf_bytes, thai_pdf
from facilitation.exports.thai_text import FONT_FAMILY

# SARA AM after a consonant, after a tone mark (น้ำ), before a vowel above (กำลัง), in bold and regular.
WORDS = "ตำบล น้ำ ทำนา กำลัง อำเภอ สำนักงาน จำนวน ค่ำ ญี่ปุ่น ผู้สูงอายุ"


def _read_back(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "text.pdf"
    path.write_bytes(pdf)
    found = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True)
    return unicodedata.normalize("NFC", found.stdout).strip()


def test_sara_am_copies_back_whole(tmp_path: Path) -> None:
    pdf = thai_pdf()
    pdf.add_page()
    for style in ("", "B"):
        pdf.set_font(FONT_FAMILY, style, 18)
        pdf.cell(180, 10, WORDS, new_x="LMARGIN", new_y="NEXT")
    assert _read_back(pdf_bytes(pdf), tmp_path).splitlines() == [WORDS, WORDS]


def test_a_document_without_thai_is_left_as_it_is(tmp_path: Path) -> None:
    pdf = thai_pdf(orientation="landscape")
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, "", 12)
    pdf.cell(100, 10, "Plan 2027: 60,000 baht")
    assert _read_back(pdf_bytes(pdf), tmp_path) == "Plan 2027: 60,000 baht"
