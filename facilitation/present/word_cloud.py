"""The room's words: what the posts say most often, counted on Thai word boundaries.

Thai is written without spaces, so every tool that splits on spaces turns a Thai sentence
into one "word". Posts are cut with pythainlp's `newmm` (its bundled dictionary, offline),
stop words and punctuation dropped, English lower-cased. A short post ("ค่าเดินทาง") is
one phrase the room typed on purpose and counts whole. A word counts once per post: the
cloud says how many posts raised it, so one long post cannot outweigh the room.
"""

import os
import string
import unicodedata
from collections import Counter, deque
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from html import escape

os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

from pythainlp.corpus import thai_stopwords  # noqa: E402
from pythainlp.tokenize import word_tokenize  # noqa: E402

# A post of at most this many words, with no space in it, is taken as one phrase (a fund's
# name, a need: "กองทุนหมู่บ้าน", "ค่าเดินทาง"), as the person typed it.
PHRASE_WORDS = 2
SHOWN = 40  # words drawn: more would not be read from the back of a hall
# Projected text stays readable from the back of a hall at 1080p: nothing under 20 px.
SMALLEST_PX, LARGEST_PX = 22, 76
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
PALETTE = ("#1b5e20", "#8c5a2b", "#0072b2", "#5d4037", "#2e7d32", "#546e7a", "#b45309")


@dataclass(frozen=True)
class Word:
    text: str
    posts: int  # how many posts raised it


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
    found: dict[str, None] = {}
    for token in word_tokenize(text, engine="newmm", keep_whitespace=False):
        word = token.strip(STRIP).lower()
        if word and word not in stop and _is_word(word):
            found.setdefault(word, None)
    if " " not in text and 1 < len(found) <= PHRASE_WORDS:
        return (text.lower(),)
    return tuple(found)


def word_counts(texts: Iterable[str], *, exclude: Collection[str] = (), limit: int = SHOWN) -> list[Word]:
    """The `limit` words most posts raised, most first (ties in alphabetical order), minus `exclude`."""
    excluded = {word.strip().lower() for word in exclude}
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(words_of(text))
    ranked = sorted(
        ((word, posts) for word, posts in counts.items() if word not in excluded), key=lambda item: (-item[1], item[0])
    )
    return [Word(word, posts) for word, posts in ranked[:limit]]


def _size(posts: int, least: int, most: int) -> int:
    if most == least:
        return (SMALLEST_PX + LARGEST_PX) // 2
    share = (posts - least) / (most - least)
    return round(SMALLEST_PX + share * (LARGEST_PX - SMALLEST_PX))


def cloud_html(words: list[Word], *, empty: str) -> str:
    """The words as horizontal HTML text the browser shapes (Thai marks included), biggest in the middle.

    `empty` is said when there is nothing to show yet.
    """
    if not words:
        return f'<div class="word-cloud empty">{escape(empty)}</div>'
    least, most = min(word.posts for word in words), max(word.posts for word in words)
    # Biggest in the middle, the rest alternating out to both sides: the eye finds the top word.
    order: deque[tuple[int, Word]] = deque()
    for rank, word in enumerate(words):
        (order.appendleft if rank % 2 else order.append)((rank, word))
    spans = "".join(
        f'<span class="word" style="font-size:{_size(word.posts, least, most)}px;'
        f'color:{PALETTE[rank % len(PALETTE)]}" title="{word.posts}">{escape(word.text)}</span>'
        for rank, word in order
    )
    return f'<div class="word-cloud">{spans}</div>'
