"""Cutting Thai text into lines that fit a width, breaking only between words."""

import os
import re
from collections.abc import Callable

from facilitation.exports.thai_text import ZERO_WIDTH_SPACE, breakable

# pythainlp would otherwise create a data folder in the home directory on import.
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

from pythainlp.tokenize import subword_tokenize, syllable_tokenize, word_dict_trie  # noqa: E402

# A word with the spaces or zero-width spaces after it: a line may end after any piece.
_PIECE = re.compile(rf"[^ {ZERO_WIDTH_SPACE}]+[ {ZERO_WIDTH_SPACE}]*|[ {ZERO_WIDTH_SPACE}]+")
_TRAILING = f" {ZERO_WIDTH_SPACE}"

# No line ends just after an opening bracket or quote, nor starts with a closing one or a comma.
_STICKY = re.compile(rf"(?<=[(\[{{“‘«]){ZERO_WIDTH_SPACE}|{ZERO_WIDTH_SPACE}(?=[)\]}}”’»,.:;!?%])")

Measure = Callable[[str], float]


def _subwords(word: str) -> list[str]:
    """The fewest dictionary words that make up `word`, other than `word` itself ("สวัสดิการ" + "สังคม")."""
    trie = word_dict_trie()
    # fewest[i]: the shortest run of dictionary words spelling word[i:], if any.
    fewest: dict[int, list[str]] = {len(word): []}
    for start in range(len(word) - 1, -1, -1):
        runs = [
            [prefix, *fewest[start + len(prefix)]]
            for prefix in trie.prefixes(word, start)
            if start + len(prefix) in fewest and not (start == 0 and len(prefix) == len(word))
        ]
        if runs:
            fewest[start] = min(runs, key=len)
    return fewest.get(0) or [word]


def _units(word: str, width: float, measure: Measure) -> list[str]:
    # A word wider than the whole line is cut between the words it is made of ("สวัสดิการ|สังคม"),
    # else between syllables, and a syllable still too wide between Thai character clusters,
    # never inside one ("กุ้" + "ง", not "ก" + "ุ้ง").
    units: list[str] = []
    for part in _subwords(word):
        if measure(part) <= width:
            units.append(part)
            continue
        for syllable in syllable_tokenize(part, engine="dict") or [part]:
            fits = measure(syllable) <= width
            units += [syllable] if fits else (subword_tokenize(syllable, engine="tcc") or [syllable])
    return units


def _split_long(word: str, width: float, measure: Measure) -> list[str]:
    parts: list[str] = []
    current = ""
    for unit in _units(word, width, measure):
        if current and measure(current + unit) > width:
            parts.append(current)
            current = ""
        current += unit
    if current:
        parts.append(current)
    return parts


def wrap(text: str, width: float, measure: Measure) -> list[str]:
    """`text` as lines no wider than `width`, as `measure` counts it; breaks fall between Thai words.

    A newline in the text starts a new line; an empty text is one empty line.
    """
    lines: list[str] = []
    for paragraph in _STICKY.sub("", breakable(text)).split("\n"):
        line, line_width = "", 0.0
        for piece in _PIECE.findall(paragraph):
            word = piece.rstrip(_TRAILING)
            # Spaces at the end of a line may hang past the edge: only the word has to fit.
            if line and line_width + measure(word) > width:
                lines.append(line.rstrip(_TRAILING))
                line, line_width = "", 0.0
            if not line and measure(word) > width:
                *whole, word = _split_long(word, width, measure)
                lines += whole
                piece = word + piece[len(piece.rstrip(_TRAILING)) :]
            line += piece
            line_width += measure(piece)
        lines.append(line.rstrip(_TRAILING))
    return lines
