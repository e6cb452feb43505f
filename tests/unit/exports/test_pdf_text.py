"""wrap: lines that fit a width, broken between Thai words, never inside a Thai character cluster."""

import pytest

from facilitation.exports.pdf_text import wrap
from facilitation.exports.thai_text import unbreakable


def _width(text: str) -> float:
    # One unit a character that takes room: marks above and below take none.
    return sum(
        1
        for char in text
        if char
        not in "\u200b\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d"
    )


def _lines(text: str, width: float) -> list[str]:
    return [unbreakable(line) for line in wrap(text, width, _width)]


def test_breaks_fall_between_words() -> None:
    """ "ผู้สูงอายุ" and "ปู่ย่าตายาย" stay whole on a line each."""
    assert _lines("ผู้สูงอายุปู่ย่าตายาย", 8) == ["ผู้สูงอายุ", "ปู่ย่าตายาย"]
    assert _lines("กองทุนสวัสดิการชุมชน ตำบลศิลา", 12) == ["กองทุนสวัสดิการ", "ชุมชน ตำบลศิลา"]


def test_every_line_fits_and_nothing_is_lost() -> None:
    text = "ผู้สูงอายุในหมู่บ้านต้องการน้ำสะอาด ปู่ย่าตายายเลี้ยงกุ้งและทำนา " * 5
    lines = wrap(text, 14, _width)
    assert all(_width(line) <= 14 for line in lines)
    assert "".join(unbreakable(line) for line in lines).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize(
    ("word", "width", "expected"),
    [
        ("สวัสดิการสังคม", 10, ["สวัสดิการ", "สังคม"]),  # between the words it is made of
        ("งบประมาณ", 6, ["งบ", "ประมาณ"]),
        ("งบประมาณ", 4, ["งบ", "ประ", "มาณ"]),  # then between syllables
        ("กุ้งกุ้งกุ้ง", 3, ["กุ้ง", "กุ้ง", "กุ้ง"]),
        ("กุ้ง", 1, ["กุ้", "ง"]),  # too narrow even for a syllable: between clusters, marks kept on
    ],
)
def test_a_word_wider_than_the_line_is_cut_where_thai_allows(word: str, width: float, expected: list[str]) -> None:
    assert _lines(word, width) == expected


def test_no_line_starts_with_a_closing_bracket_or_ends_with_an_opening_one() -> None:
    """Wherever "เทศบาล)," fits on a line (8 units), the bracket and comma stay with their word."""
    for width in range(8, 30):
        for line in _lines("งบท้องถิ่น (อบต./เทศบาล), ผู้สูงอายุ", width):
            assert not line.startswith((")", ",")) and not line.endswith("("), (width, line)


def test_newlines_and_empty_text() -> None:
    assert _lines("", 5) == [""]
    assert _lines("น้ำ\n\nกุ้ง", 5) == ["น้ำ", "", "กุ้ง"]
