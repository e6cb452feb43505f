"""Breaking labels into lines at word boundaries, Thai included (Thai writes no spaces)."""

import os
import unicodedata
from functools import lru_cache

# pythainlp would otherwise create a data folder in the home directory on import.
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

from pythainlp.tokenize import word_tokenize  # noqa: E402

ELLIPSIS = "…"
_category = lru_cache(maxsize=4096)(unicodedata.category)
# Marks that sit above or below a letter (Thai, Lao, Latin) and invisible format characters.
_ZERO_WIDTH = {
    code: None
    for low, high in ((0x0300, 0x036F), (0x0E00, 0x0EFF), (0x200B, 0x200F), (0xFE00, 0xFE0F))
    for code in range(low, high + 1)
    if unicodedata.category(chr(code)) in ("Mn", "Me", "Cf")
}


def display_width(text: str) -> int:
    """Columns `text` takes: Thai vowels and tone marks above or below a letter take none."""
    return len(text) if text.isascii() else len(text.translate(_ZERO_WIDTH))


def _clusters(text: str) -> list[str]:
    """Characters with their combining marks, so a forced break never strands a tone mark."""
    clusters: list[str] = []
    for char in text:
        if clusters and char >= "\u0300" and _category(char) in ("Mn", "Me"):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def _head(text: str, width: int) -> str:
    """The longest start of `text` that fits in `width` columns, cut between characters."""
    kept, used = "", 0
    for cluster in _clusters(text):
        used += display_width(cluster)
        if used > width:
            break
        kept += cluster
    return kept


def _split_long(token: str, width: int) -> list[str]:
    pieces = []
    while display_width(token) > width:
        head = _head(token, width) or token[:1]
        pieces.append(head)
        token = token[len(head) :]
    return [*pieces, token] if token else pieces


OPENERS = frozenset("([{“‘«\"'")
CLOSERS = frozenset(")]}”’»")


def _glue_openers(words: list[str]) -> list[str]:
    """An opening bracket or quote travels with the word after it, never ending a line; a closing
    bracket or quote travels with the word before it, never starting one ("(2 ข้อความ)")."""
    glued: list[str] = []
    for word in words:
        if glued and glued[-1] in OPENERS and not word.isspace():
            glued[-1] += word
        elif glued and word in CLOSERS and not glued[-1].isspace():
            glued[-1] += word
        else:
            glued.append(word)
    return glued


@lru_cache(maxsize=16_384)
def wrap_label(text: str, width: int, max_lines: int) -> tuple[str, ...]:
    """`text` in at most `max_lines` lines of at most `width` columns, broken between words.

    Words come from pythainlp's offline `newmm` dictionary segmenter, run only on the
    part of the text that can show; a word longer than a line is cut between
    characters; a label that does not fit ends in "…" after its last whole word.
    """
    flat = " ".join(text.split())
    visible = _head(flat, width * (max_lines + 1))
    cut = len(visible) < len(flat)
    lines: list[list[str]] = [[]]
    used = 0
    for word in _glue_openers(word_tokenize(visible, engine="newmm", keep_whitespace=True)):
        for piece in _split_long(word, width):
            if piece.isspace():
                if lines[-1]:
                    lines[-1].append(" ")
                    used += 1
                continue
            size = display_width(piece)
            if lines[-1] and used + size > width:
                lines.append([])
                used = 0
            lines[-1].append(piece)
            used += size
    if cut and len(lines[-1]) > 1:
        lines[-1].pop()  # the segmenter saw only part of the last word
    rendered = ["".join(line).strip() for line in lines if "".join(line).strip()]
    if len(rendered) <= max_lines and not cut:
        return tuple(rendered) or ("",)
    last = list(lines[min(max_lines, len(lines)) - 1])
    while len(last) > 1 and display_width("".join(last).rstrip() + ELLIPSIS) > width:
        last.pop()
    tail = "".join(last).rstrip()
    tail = tail + ELLIPSIS if display_width(tail + ELLIPSIS) <= width else _head(tail, width - 1) + ELLIPSIS
    return (*rendered[: min(max_lines, len(rendered)) - 1], tail)


@lru_cache(maxsize=16_384)
def wrap_phrases(text: str, width: int) -> tuple[str, ...]:
    """All of `text` in lines of about `width` columns, broken at its own spaces (for hover text).

    Only a phrase too long for a line is segmented into words, so the common case
    costs no dictionary lookup.
    """
    pieces: list[tuple[str, bool]] = []  # (piece, whether a space comes before it)
    for index, phrase in enumerate(text.split()):
        words = [phrase] if display_width(phrase) <= width else word_tokenize(phrase, engine="newmm")
        split = [piece for word in _glue_openers(words) for piece in _split_long(word, width)]
        pieces += [(piece, index > 0 and position == 0) for position, piece in enumerate(split)]
    lines: list[str] = []
    current = ""
    for piece, spaced in pieces:
        joined = current + (" " if spaced and current else "") + piece
        if current and display_width(joined) > width:
            lines.append(current)
            current = piece
        else:
            current = joined
    return (*lines, current) if current else tuple(lines)
