"""How many generated texts each page was drawn with, over the whole run.

A page drawn with a text is a page rendered over a forum that stored it (or that it was
typed into). A case counts each of its texts once; a text drawn again in a later case
counts again, as a service property's cases count whatever Hypothesis draws, so the run
also reports how many of them were distinct over the whole run. `make fuzz` requires
FUZZ_EXAMPLES texts per page (test_pages.py's last test).
"""

from collections import defaultdict
from collections.abc import Set

# Every page the page properties draw, in the order they draw them.
PAGES = (
    "phone",
    "phone, own posts opened",
    "phone after sending",
    "phone tree",
    "join",
    "console",
    "summary",
    "tree",
    "tree, merged item chosen",
    "projector feed",
    "projector tree",
    "projector sankey",
)
_cases: dict[str, int] = defaultdict(int)
_texts: dict[str, int] = defaultdict(int)
_distinct: dict[str, set[int]] = defaultdict(set)  # hashes, so a run's texts need not stay in memory


def record(page: str, texts: Set[str]) -> None:
    """Count one drawing of `page` over `texts`."""
    assert page in PAGES, f"unknown page {page!r}"
    _cases[page] += 1
    _texts[page] += len(texts)
    _distinct[page].update(hash(text) for text in texts)


def counts() -> dict[str, tuple[int, int, int]]:
    """Per page: (cases drawn, texts drawn, texts distinct over the run)."""
    return {page: (_cases[page], _texts[page], len(_distinct[page])) for page in PAGES}


def report() -> list[str]:
    """One line per page, for the end of the run."""
    if not _cases:
        return []
    return [
        f"{page}: {texts:,} texts ({distinct:,} distinct) in {cases:,} cases"
        for page, (cases, texts, distinct) in counts().items()
    ]
