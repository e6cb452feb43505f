"""thai_text: the shipped Sarabun font, and break points between Thai words that a reader never copies."""

import unicodedata

import pytest

from facilitation.exports.thai_text import ZERO_WIDTH_SPACE, breakable, font_file, unbreakable

# Marks above and below the line (ผู้, น้ำ, ที่, ฤทธิ์), sara am, digits, English and spaces.
TEXTS = [
    "ผู้สูงอายุอยู่คนเดียว",
    "น้ำท่วมบ้านฤทธิ์ที่ตำบลศิลา",
    "ผู้สูงอายุ อยู่คนเดียว",
    "รถ 1 คัน for 60,000 บาท",
    "ค่ารับขวัญเด็ก 1,000 บาท\nทุนการศึกษา 500 บาท",
]


@pytest.mark.parametrize("text", TEXTS)
def test_unbreakable_gives_back_exactly_what_breakable_was_given(text: str) -> None:
    assert unbreakable(breakable(text)) == text
    assert unicodedata.is_normalized("NFC", breakable(text))


def test_break_points_fall_between_thai_words() -> None:
    assert breakable("ผู้สูงอายุอยู่คนเดียว") == ZERO_WIDTH_SPACE.join(["ผู้สูงอายุ", "อยู่", "คนเดียว"])
    assert breakable("น้ำท่วมบ้าน").split(ZERO_WIDTH_SPACE) == ["น้ำท่วม", "บ้าน"]


@pytest.mark.parametrize("text", TEXTS)
def test_no_break_point_splits_a_syllable_or_doubles_a_space(text: str) -> None:
    """Never between a consonant and its vowels or marks, never beside a space or newline."""
    broken = breakable(text)
    for index, char in enumerate(broken):
        if char != ZERO_WIDTH_SPACE:
            continue
        after = broken[index + 1]
        assert not unicodedata.combining(after) and after not in "ำะาๅ", (text, index)
        assert broken[index - 1] not in "เแโใไ", (text, index)  # a vowel written before its consonant
        assert not broken[index - 1].isspace() and not after.isspace()
    assert broken.count("\n") == text.count("\n")


def test_text_without_thai_is_left_as_it_is() -> None:
    assert breakable("hello world, 60,000") == "hello world, 60,000"
    assert unbreakable("no marks here") == "no marks here"


@pytest.mark.parametrize("style", ["Regular", "Bold", "Italic", "BoldItalic"])
def test_the_font_is_a_truetype_file_shipped_with_the_package(style: str) -> None:
    path = font_file(style)
    assert path.name == f"Sarabun-{style}.ttf" and path.is_file()
    assert path.read_bytes()[:4] == b"\x00\x01\x00\x00"
