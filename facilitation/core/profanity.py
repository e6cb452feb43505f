"""The word filter: which rude words a post holds, matched on whole words, never inside one.

Thai writes no spaces, so a post is cut into words with pythainlp's `newmm` (as
core/words.py does) over its dictionary plus the rude words themselves, and each whole word
is looked up: "ผู้เชี่ยวชาญ" (an expert) is one word and does not match "เชี่ย", "สัสดี"
(the district recruitment office) does not match "สัส". English is matched the same way,
lower-cased: "assessment" does not match "ass". A forum's own words may be cut into several
dictionary words; a run of whole words that spells one also matches.

A match does not refuse the post: it waits for the facilitator (facilitation/forum/moderation_rules.py).
"""

import os
import string
import unicodedata
from collections.abc import Collection, Iterable
from functools import lru_cache
from pathlib import Path

os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

from pythainlp.corpus import thai_profanity_words, thai_words  # noqa: E402
from pythainlp.tokenize import word_tokenize  # noqa: E402
from pythainlp.util import Trie, dict_trie  # noqa: E402

ENGLISH_LIST = Path(__file__).resolve().parents[2] / "assets" / "moderation" / "profanity_en.txt"
# pythainlp's list holds these, and in a welfare forum they are everyday words: death and
# funeral benefits ("เกิด แก่ เจ็บ ตาย"), livestock, a village's duty roster, mental illness.
# Holding every such post would bury the queue; their insulting forms ("ไอ้ตาย", "ไอ้สัตว์",
# "ไอ้เวร", "ไอ้บ้า") stay on the list, and a forum can add any of them back to its own list.
EVERYDAY_THAI = frozenset({"ตาย", "สัตว์", "เวร", "บ้า"})
# The longest run of whole words a forum's own word may be cut into.
MAX_RUN = 4
STRIP = string.whitespace + string.punctuation + "“”‘’«»…–—"


def normalise(word: str) -> str:
    """A word as the filter compares it: NFC, lower-cased, without spaces or surrounding punctuation."""
    return "".join(unicodedata.normalize("NFC", word).lower().split()).strip(STRIP)


@lru_cache(maxsize=1)
def bundled_thai() -> frozenset[str]:
    """pythainlp's Thai profanity list, less the everyday words above."""
    return frozenset(normalise(word) for word in thai_profanity_words()) - EVERYDAY_THAI


@lru_cache(maxsize=1)
def bundled_english() -> frozenset[str]:
    """The English list shipped in assets/moderation/profanity_en.txt."""
    lines = ENGLISH_LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(normalise(line) for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _dictionary() -> Trie:
    # The rude words join the dictionary, so `newmm` cuts "ไอ้เหี้ย" as a word of its own
    # rather than into syllables; built once, about 0.4 s.
    return dict_trie(dict_source=set(thai_words()) | set(thai_profanity_words()))


def _words(text: str) -> list[str]:
    tokens = word_tokenize(unicodedata.normalize("NFC", text), custom_dict=_dictionary(), engine="newmm")
    return [word for word in (normalise(token) for token in tokens) if word]


def _runs(words: list[str]) -> Iterable[str]:
    """Every word, then every run of up to MAX_RUN whole words joined: never part of a word."""
    for start in range(len(words)):
        for end in range(start + 1, min(start + MAX_RUN, len(words)) + 1):
            yield "".join(words[start:end])


def held_words(text: str, extra: Collection[str] = ()) -> tuple[str, ...]:
    """The listed words `text` holds, each once, in the order they appear; `extra`: the forum's own list."""
    listed = bundled_thai() | bundled_english() | {normalise(word) for word in extra if normalise(word)}
    found: dict[str, None] = {}
    for run in _runs(_words(text)):
        if run in listed:
            found.setdefault(run, None)
    return tuple(found)
