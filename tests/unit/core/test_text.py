"""clean_text: what people type, made safe and tidy before it is stored."""

import unicodedata

import pytest

from facilitation.core.errors import TextEmpty, TextTooLong
from facilitation.core.text import CONTRIBUTION_MAX, clean_text


def test_trims_surrounding_whitespace() -> None:
    """Leading and trailing spaces are dropped."""
    assert clean_text("   ผู้สูงอายุ  ") == "ผู้สูงอายุ"


def test_decomposed_input_becomes_composed() -> None:
    """NFD input (e + combining acute) is stored NFC."""
    decomposed = "cafe\u0301"
    assert clean_text(decomposed) == "caf\u00e9"
    assert unicodedata.is_normalized("NFC", clean_text(decomposed))


@pytest.mark.parametrize("thai", ["ผู้สูงอายุ", "น้ำท่วมไร่อ้อย", "กองทุนสวัสดิการชุมชนตำบลศิลา", "ปั๊มน้ำ"])
def test_thai_with_combining_marks_survives_unchanged(thai: str) -> None:
    """Thai vowels above/below and tone marks are kept exactly."""
    assert clean_text(thai) == thai


def test_thai_tone_mark_typed_before_vowel_is_reordered() -> None:
    """ผ + MAI THO + SARA UU (typed out of order) is stored as the canonical ผู้."""
    assert clean_text("ผ\u0e49\u0e39") == "ผู้"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\x00b", "ab"),
        ("a\x07b", "ab"),
        ("ผู้\u200bสูงอายุ", "ผู้สูงอายุ"),
        ("abc\u202edef", "abcdef"),
        ("\ufeffหัวข้อ", "หัวข้อ"),
    ],
)
def test_removes_control_and_invisible_format_chars(raw: str, expected: str) -> None:
    """NUL, BEL, zero-width space, RTL override and BOM are removed."""
    assert clean_text(raw) == expected


def test_keeps_zero_width_joiner_inside_emoji() -> None:
    """ZWJ stays so family/profession emoji are not split."""
    assert clean_text("👩\u200d🌾") == "👩\u200d🌾"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("บรรทัดแรก\nบรรทัดสอง", "บรรทัดแรก บรรทัดสอง"),
        ("a\r\n\r\nb", "a b"),
        ("a\tb", "a b"),
        ("a \t \n b", "a b"),
        ("a\u00a0\u00a0b", "a b"),
    ],
)
def test_newlines_tabs_and_space_runs_become_one_space(raw: str, expected: str) -> None:
    """Line breaks, tabs and runs of spaces collapse to a single space."""
    assert clean_text(raw) == expected


@pytest.mark.parametrize("raw", ["", "   ", "\n\t", "\x00\x07\u200b\u202e", None])
def test_nothing_left_raises_text_empty(raw: str | None) -> None:
    """Empty, blank or control-only input raises TextEmpty."""
    with pytest.raises(TextEmpty) as caught:
        clean_text(raw)
    assert caught.value.message_key == "error_text_empty"


def test_optional_blank_is_empty_string() -> None:
    """required=False turns blank input into ''."""
    assert clean_text("  \u200b ", required=False) == ""
    assert clean_text(None, required=False) == ""


def test_exactly_the_limit_is_accepted() -> None:
    """500 characters is allowed."""
    text = "ก" * CONTRIBUTION_MAX
    assert CONTRIBUTION_MAX == 500
    assert clean_text(text) == text


def test_over_the_limit_raises_text_too_long_with_details() -> None:
    """501 characters raises TextTooLong carrying limit and length."""
    with pytest.raises(TextTooLong) as caught:
        clean_text("ก" * 501)
    assert caught.value.details == {"limit": 500, "length": 501}
    assert caught.value.message_key == "error_text_too_long"


def test_limit_counts_after_cleaning() -> None:
    """Whitespace that collapses does not count towards the limit."""
    assert clean_text("  " + "a" * 500 + "\n\n") == "a" * 500


def test_custom_max_length() -> None:
    """max_length overrides the default limit."""
    with pytest.raises(TextTooLong) as caught:
        clean_text("abcdef", max_length=5)
    assert caught.value.details == {"limit": 5, "length": 6}
