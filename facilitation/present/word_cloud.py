"""The room's words: what the posts say most often, counted on Thai word boundaries.

A post's words come from `facilitation.core.words` (Thai cut with `newmm`, stored with the
post when it is written). A word counts once per post: the cloud says how many posts raised
it, so one long post cannot outweigh the room. Drawn as horizontal HTML text, which the
browser shapes (Thai marks included), biggest in the middle.
"""

from collections import Counter, deque
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from html import escape

from facilitation.core.words import words_of

SHOWN = 40  # words drawn: more would not be read from the back of a hall
# Projected text stays readable from the back of a hall at 1080p: nothing under 20 px.
SMALLEST_PX, LARGEST_PX = 22, 76
PALETTE = ("#1b5e20", "#8c5a2b", "#0072b2", "#5d4037", "#2e7d32", "#546e7a", "#b45309")


@dataclass(frozen=True)
class Word:
    text: str
    posts: int  # how many posts raised it


def word_counts(texts: Iterable[str], *, exclude: Collection[str] = (), limit: int = SHOWN) -> list[Word]:
    """The `limit` words most of these posts raised, most first (ties in alphabetical order), minus `exclude`."""
    return ranked((words_of(text) for text in texts), exclude=exclude, limit=limit)


def ranked(posts: Iterable[Iterable[str]], *, exclude: Collection[str] = (), limit: int = SHOWN) -> list[Word]:
    """The `limit` words most posts raised, from each post's own words (as stored with it)."""
    excluded = {word.strip().lower() for word in exclude}
    counts: Counter[str] = Counter()
    for words in posts:
        counts.update(set(words))
    top = sorted(
        ((word, posts) for word, posts in counts.items() if word not in excluded), key=lambda item: (-item[1], item[0])
    )
    return [Word(word, posts) for word, posts in top[:limit]]


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
