"""How alike two short Thai (or English) texts are, on Thai word boundaries.

Two plans for "the same activity" are worded differently by different agencies
("รถรับส่งผู้ป่วยติดเตียงไปโรงพยาบาล", "จัดรถรับส่งผู้ป่วยไปหาหมอ"): the words the posts are
counted by (`words_of`, newmm) catch shared words, and character trigrams catch compounds
the two cut differently. Deterministic and offline.
"""

import math
import unicodedata
from functools import lru_cache

from facilitation.core.words import words_of


@lru_cache(maxsize=4096)
def _trigrams(text: str) -> frozenset[str]:
    # Letters, marks and digits only: spaces and punctuation do not make two texts alike.
    kept = "".join(
        char for char in unicodedata.normalize("NFC", text).lower() if unicodedata.category(char)[0] in "LMN"
    )
    return frozenset(kept[i : i + 3] for i in range(len(kept) - 2))


def similarity(left: str, right: str) -> float:
    """0 (nothing in common) to 1 (the same words): the mean of word cosine and trigram Dice."""
    left_words, right_words = set(words_of(left)), set(words_of(right))
    words = (
        len(left_words & right_words) / math.sqrt(len(left_words) * len(right_words))
        if left_words and right_words
        else 0.0
    )
    left_grams, right_grams = _trigrams(left), _trigrams(right)
    grams = (
        2 * len(left_grams & right_grams) / (len(left_grams) + len(right_grams)) if left_grams and right_grams else 0.0
    )
    return (words + grams) / 2
