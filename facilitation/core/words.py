"""A post's words: Thai cut on word boundaries (Thai writes no spaces), for counting what a room raised.

Posts are cut with pythainlp's `newmm` (its bundled dictionary, offline), stop words and
punctuation dropped, English lower-cased. A short post ("ค่าเดินทาง") is one phrase the room
typed on purpose and counts whole. Each post's words are worked out once, when it is
written (stored with it), because cutting 5,000 posts anew takes most of a second.
"""

import os
import string
import unicodedata
from functools import lru_cache

os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

from pythainlp.corpus import thai_stopwords  # noqa: E402
from pythainlp.tokenize import word_tokenize  # noqa: E402

# A post of at most this many words, with no space in it, is taken as one phrase (a fund's
# name, a need: "กองทุนหมู่บ้าน", "ค่าเดินทาง"), as the person typed it.
PHRASE_WORDS = 2
ENGLISH_STOP_WORDS = frozenset(
    "a an and are as at be but by for from has have in is it its of on or our so that the their them "
    "there they this to was we were will with not no can do does".split()
)
# Thai words too common in forum talk to tell anything apart ("have", "people", "do"), and the
# units that numbers bring ("baht", "year", "times"): a cloud of "บาท" and "ปี" says nothing.
FORUM_STOP_WORDS = frozenset(
    {"มี", "ไม่มี", "ให้", "ได้", "ไม่", "คน", "ที่", "และ", "การ", "ความ", "เรื่อง", "ทำ", "ราว", "ละ", "ค่า"}
    | {"บาท", "ปี", "เดือน", "วัน", "ครั้ง", "คืน", "ราย", "หลัง", "ตอนนี้", "บางคน"}
)
# Brackets and quotes the tokenizer leaves on a word: "(ผู้สูงอายุ" is the word ผู้สูงอายุ.
STRIP = string.whitespace + string.punctuation + "“”‘’«»…–—"


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return frozenset(thai_stopwords()) | FORUM_STOP_WORDS | ENGLISH_STOP_WORDS


def _is_word(token: str) -> bool:
    if len(token) < 2 and not token.isascii():
        return False  # a lone Thai letter or mark is a cut, not a word
    if len(token) < 3 and token.isascii():
        return False
    # Something to read: at least one letter (no numbers, punctuation, emoji alone).
    return any(unicodedata.category(char).startswith("L") for char in token)


@lru_cache(maxsize=20_000)
def words_of(text: str) -> tuple[str, ...]:
    """The distinct words (or the one phrase) a post counts for, in the order they appear."""
    text = unicodedata.normalize("NFC", text).strip()
    if not text:
        return ()
    stop = _stop_words()
    tokens = [token.strip(STRIP).lower() for token in word_tokenize(text, engine="newmm", keep_whitespace=False)]
    tokens = [token for token in tokens if token]
    found = {token: None for token in tokens if token not in stop and _is_word(token)}
    if " " not in text and len(tokens) <= PHRASE_WORDS and len(tokens) > 1 and found:
        return (text.lower(),)
    return tuple(found)
