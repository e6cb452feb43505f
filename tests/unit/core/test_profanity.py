"""The word filter: rude words are found as whole words, Thai cut by newmm, never inside another word."""

import pytest

from facilitation.core.profanity import bundled_english, bundled_thai, held_words


def test_pythainlps_list_and_the_shipped_english_list_are_loaded() -> None:
    assert {"เหี้ย", "ควย", "มึง"} <= bundled_thai()
    assert {"fuck", "shit", "bullshit"} <= bundled_english()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # A rude word inside a longer Thai sentence, with no space around it.
        ("ผู้สูงอายุอยู่ลำพังไอ้เหี้ยมึงไม่ช่วยเลย", ("ไอ้เหี้ย", "มึง")),
        ("ทำไมไม่มีใครช่วยวะควย", ("ควย",)),
        ("This plan is bullshit!", ("bullshit",)),
        ("FUCK the paperwork", ("fuck",)),
    ],
)
def test_a_rude_word_is_found_where_it_is_a_word(text: str, found: tuple[str, ...]) -> None:
    assert held_words(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "ผู้เชี่ยวชาญด้านสังคมมาช่วยให้คำปรึกษา",  # "เชี่ยวชาญ" (expert) holds the letters of "เชี่ย"
        "ไปแจ้งที่สัสดีอำเภอ",  # "สัสดี" (the recruitment office) holds the letters of "สัส"
        "An assessment of the class",  # "ass" inside longer English words
        "กองทุนฌาปนกิจช่วยเมื่อสมาชิกตาย",  # death benefits: an everyday word in a welfare forum
        "สัตว์เลี้ยงของผู้สูงอายุ",
    ],
)
def test_a_word_that_merely_contains_a_rude_one_is_not_held(text: str) -> None:
    assert held_words(text) == ()


def test_the_forums_own_words_are_matched_whole_too() -> None:
    """A forum adds "ขี้โกง": it is found in a sentence; "โกง" alone does not match inside "ขี้โกง"."""
    assert held_words("นายกขี้โกงงบประมาณ", ["ขี้โกง"]) == ("ขี้โกง",)
    assert held_words("นายกขี้โกงงบประมาณ", ["โกง"]) == ()
    assert held_words("Mr Smith is a crook", ["Crook"]) == ("crook",)
    assert held_words("นายกขี้โกงงบประมาณ") == ()  # not on the bundled lists


def test_a_forum_word_the_dictionary_cuts_in_two_still_matches_as_whole_words() -> None:
    """A phrase of two dictionary words matches as a run of whole words."""
    assert held_words("อยากให้มีตู้ยาทุกหมู่บ้าน", ["ตู้ยา"]) == ("ตู้ยา",)
    assert held_words("บ้านเลขที่สิบ", ["เลขที่สิบ"]) == ("เลขที่สิบ",)
