"""Cleaning is done once and for all: text stored clean stays the same when cleaned again."""

import unicodedata

from hypothesis import example, given

from facilitation.core.errors import ForumError
from facilitation.core.text import clean_text
from tests.fuzz.strategies import hostile_text


@example(raw="\u0300\u200b\u0e48\u0e34")  # grave accent, zero-width space, Thai tone mark, Thai vowel
@given(raw=hostile_text())
def test_clean_text_stores_normalised_text(raw: str) -> None:
    try:
        cleaned = clean_text(raw, max_length=10**9, required=False)
    except ForumError:
        return
    assert unicodedata.is_normalized("NFC", cleaned)
    assert clean_text(cleaned, max_length=10**9, required=False) == cleaned
