"""Cleaning what people type before it is stored."""

import unicodedata

from facilitation.core.errors import TextEmpty, TextTooLong

CONTRIBUTION_MAX = 500


def clean_text(raw: str | None, *, max_length: int = CONTRIBUTION_MAX, required: bool = True) -> str:
    """NFC-normalise, drop control and invisible format characters, collapse whitespace runs.

    Thai is written without spaces but relies on combining marks, which NFC keeps;
    newlines are flattened because every field here is shown on one line or card.
    Raises TextEmpty / TextTooLong (with the limit in `details`).
    """
    text = unicodedata.normalize("NFC", raw or "")
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if char in "\t\r\n" or category == "Zs":
            kept.append(" ")
        elif category in ("Cc", "Cf", "Cs", "Co", "Cn") and char != "\u200d":
            continue
        else:
            kept.append(char)
    cleaned = " ".join("".join(kept).split())
    if required and not cleaned:
        raise TextEmpty()
    if len(cleaned) > max_length:
        raise TextTooLong(limit=max_length, length=len(cleaned))
    return cleaned
