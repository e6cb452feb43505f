"""Thai text for print: the shipped Sarabun font, and break points between Thai words."""

import os
from functools import lru_cache
from pathlib import Path

import fontpkg_sarabun

# pythainlp would otherwise create a data folder in the home directory on import.
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

from pythainlp.tokenize import word_tokenize  # noqa: E402

FONT_FAMILY = "Sarabun"
ZERO_WIDTH_SPACE = "\u200b"


def font_file(style: str = "Regular") -> Path:
    """A Sarabun TTF from the installed package (nothing is downloaded): Regular, Bold, Italic, …"""
    return Path(fontpkg_sarabun.ROOT) / "files" / f"Sarabun-{style}.ttf"


def _has_thai(text: str) -> bool:
    return any("\u0e00" <= char <= "\u0e7f" for char in text)


@lru_cache(maxsize=8192)
def breakable(text: str) -> str:
    """`text` with a zero-width space between Thai words, where a line may break.

    Thai writes no spaces between words; a layout engine left alone breaks a line mid-word.
    """
    if not _has_thai(text):
        return text
    lines = []
    for line in text.split("\n"):
        joined = ""
        for token in word_tokenize(line, engine="newmm", keep_whitespace=True):
            # A space already lets the line break there.
            if joined and token and not joined[-1].isspace() and not token[0].isspace():
                joined += ZERO_WIDTH_SPACE
            joined += token
        lines.append(joined)
    return "\n".join(lines)


def unbreakable(text: str) -> str:
    """`text` without the break points `breakable` added (what a reader copies)."""
    return text.replace(ZERO_WIDTH_SPACE, "")
