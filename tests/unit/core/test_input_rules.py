"""What people type: piled-up Thai marks, errors that name their field, budgets, Buddhist-era dates, stage words."""

import re
from datetime import date

import pytest

from facilitation.core.errors import InvalidBudget, TextEmpty, TextTooLong
from facilitation.core.i18n import catalogue, common_era, t
from facilitation.core.text import MARKS_PER_BASE, clean_text
from facilitation.forum.plans import MAX_BUDGET_BAHT
from models import Stage

SARA_A_ABOVE = "\u0e31"  # ั
MAI_EK, MAI_THO = "\u0e48", "\u0e49"


def test_a_pile_of_one_mark_on_a_consonant_keeps_one() -> None:
    """ก followed by eight ั draws a tower over the next lines; one ั is what was meant."""
    assert clean_text("ก" + SARA_A_ABOVE * 8 + "ข") == "ก" + SARA_A_ABOVE + "ข"


def test_different_marks_stack_no_higher_than_the_limit() -> None:
    """Distinct marks past MARKS_PER_BASE on one character are dropped; the next character starts afresh."""
    marks = "\u0e34\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a"  # ิ ื ุ ู ็ ่ ้ ๊
    cleaned = clean_text("ก" + marks + "ข" + marks)
    first, second = cleaned.split("ข")
    assert len(first) == 1 + MARKS_PER_BASE
    assert len(second) == MARKS_PER_BASE


def test_invisible_characters_between_marks_do_not_restart_the_stack() -> None:
    """A zero-width space (dropped) or a joiner (kept) between marks still counts them on one character."""
    assert clean_text("ก" + MAI_EK + "\u200b" + MAI_EK + "\u200b" + MAI_EK) == "ก" + MAI_EK
    joined = clean_text("ก" + "\u0e34\u0e38" + "\u200d" + "\u0e48\u0e49\u0e4a")
    assert sum(1 for char in joined if char not in "ก\u200d") == MARKS_PER_BASE


@pytest.mark.parametrize(
    "word", ["ที่", "ปู่", "ฤทธิ์", "ปั๊มน้ำ", "ซึ่ง", "ผู้สูงอายุ", "พฺรหฺม", "กั่", "1\ufe0f\u20e3", "👩\u200d👩\u200d👧"]
)
def test_real_words_and_emoji_keep_every_mark(word: str) -> None:
    assert clean_text(word) == word


def test_text_errors_name_their_field_in_both_languages() -> None:
    """The message for a text longer than 500 characters says which box, in either language."""
    with pytest.raises(TextTooLong) as caught:
        clean_text("ก" * 501, field="share_text")
    assert caught.value.details == {"limit": 500, "length": 501, "field": "share_text"}
    for lang in ("th", "en"):
        message = caught.value.message(lang)
        assert t("share_text", lang) in message and "500" in message and "501" in message
    with pytest.raises(TextEmpty) as empty:
        clean_text("  ", field="plan_activity")
    assert t("plan_activity", "th") in empty.value.message("th")
    assert t("plan_activity", "en") in empty.value.message("en")


def test_an_error_without_a_field_keeps_its_plain_message() -> None:
    assert TextTooLong(limit=5, length=6).message("en") == t("error_text_too_long", "en", limit=5, length=6)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_a_negative_budget_is_called_negative_and_names_the_field(lang: str) -> None:
    message = InvalidBudget(budget=-5000, limit=MAX_BUDGET_BAHT).message(lang)
    assert message == t("error_budget_negative", lang, field=t("plan_budget_baht", lang), budget="-5,000")


@pytest.mark.parametrize("lang", ["th", "en"])
def test_a_huge_budget_is_called_too_large_not_negative(lang: str) -> None:
    """99,999,999,999,999 baht was refused as "must not be negative"."""
    message = InvalidBudget(budget=99_999_999_999_999, limit=MAX_BUDGET_BAHT).message(lang)
    assert t("plan_budget_baht", lang) in message
    assert "10,000,000,000" in message and "99,999,999,999,999" in message
    assert message != InvalidBudget(budget=-1, limit=MAX_BUDGET_BAHT).message(lang)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        (date(2570, 2, 18), date(2027, 2, 18)),
        (date(2569, 12, 31), date(2026, 12, 31)),
        (date(2567, 2, 28), date(2024, 2, 28)),
        (date(2027, 2, 18), date(2027, 2, 18)),
        (date(2399, 1, 1), date(2399, 1, 1)),
    ],
)
def test_a_buddhist_era_year_is_read_as_one(typed: date, meant: date) -> None:
    assert common_era(typed) == meant


def test_a_buddhist_era_day_that_does_not_exist_is_no_date() -> None:
    """29 February 2568 B.E. would be 29 February 2025, which never was."""
    assert common_era(date(2568, 2, 29)) is None


STAGE_PLACEHOLDERS = ("stage", "seen", "allowed")


def test_no_message_repeats_a_word_around_a_stage_name() -> None:
    """A stage called "ปิดเวทีแล้ว" in "เปลี่ยนเป็นขั้นตอน {stage} แล้ว" read "ปิดเวทีแล้ว แล้ว"."""
    doubled = []
    for key, entry in catalogue().items():
        for lang in ("th", "en"):
            used = [name for name in STAGE_PLACEHOLDERS if "{" + name + "}" in entry[lang]]
            if not used:
                continue
            for stage in Stage:
                name = t(f"stage_{stage.value}", lang)
                filled = entry[lang].format_map(_Filled(dict.fromkeys(used, name)))
                if re.search(r"(\S{3,}) ?\1", filled):
                    doubled.append(f"{key}[{lang}]: {filled}")
    assert doubled == []


class _Filled(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "X"
