"""Cleaning what people type before it is stored."""

import unicodedata

from facilitation.core.errors import TextEmpty, TextTooLong

CONTRIBUTION_MAX = 500
# A Thai syllable stacks at most one mark below or one vowel above plus one tone mark or
# thanthakhat on its consonant (ที่, ปู่, ฤทธิ์); three leaves room for Pali's phinthu. More
# than that is a pile of marks that draws a tower over the neighbouring lines.
MARKS_PER_BASE = 3
ZERO_WIDTH_JOINER = "\u200d"  # kept: emoji sequences need it


def clean_text(raw: str | None, *, max_length: int = CONTRIBUTION_MAX, required: bool = True, field: str = "") -> str:
    """NFC-normalise, drop control and invisible format characters, collapse whitespace runs.

    Thai is written without spaces but relies on combining marks, which NFC keeps; a mark
    repeating the one before it, or past MARKS_PER_BASE on one character, is dropped.
    Newlines are flattened because every field here is shown on one line or card.
    Raises TextEmpty / TextTooLong (with the limit and `field`, the catalogue key of the
    field's label, in `details`).
    """
    # Invisible characters go before NFC, so marks they kept apart compose (or reorder)
    # as the stored text will; a second NFC after the mark limit keeps the result stable.
    text = "".join(
        char
        for char in (raw or "")
        if unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Co", "Cn")
        or char == ZERO_WIDTH_JOINER
        or char in "\t\r\n"
    )
    text = unicodedata.normalize("NFC", text)
    kept: list[str] = []
    marks = 0  # combining marks kept on the last base character
    for char in text:
        category = unicodedata.category(char)
        if char in "\t\r\n" or category == "Zs":
            kept.append(" ")
            marks = 0
        elif category in ("Cc", "Cf", "Cs", "Co", "Cn") and char != ZERO_WIDTH_JOINER:
            continue
        elif category in ("Mn", "Me"):
            if marks >= MARKS_PER_BASE or (marks and kept[-1] == char):
                continue
            kept.append(char)
            marks += 1
        else:
            kept.append(char)
            # A joiner between marks must not start a fresh stack on the same character.
            marks = marks if char == ZERO_WIDTH_JOINER else 0
    cleaned = unicodedata.normalize("NFC", " ".join("".join(kept).split()))
    named = {"field": field} if field else {}
    if required and not cleaned:
        raise TextEmpty(**named)
    if len(cleaned) > max_length:
        raise TextTooLong(limit=max_length, length=len(cleaned), **named)
    return cleaned
