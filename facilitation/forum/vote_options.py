"""What a vote can be opened over: the candidates, from every source of options.

Two sources: the forum's themes (named groups of posts, what a room usually ranks) and its
visible posts. A source is one function in SOURCES; the vote, its options and the dots need
no change for another, as an option is (subject kind, subject id, label).
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass

from sqlmodel import Session, col, select

from facilitation.forum.themes import theme_options
from models import Contribution, ContributionStatus, OptionSubject, saved_id

THEMES = "theme"  # the group the console files themes under, beside the posts' kinds


@dataclass(frozen=True)
class Candidate:
    """Something the room may vote on, with the words an option would keep of it."""

    subject_kind: OptionSubject
    subject_id: int
    label: str
    group: str  # how the console groups and filters them: a post's kind


Source = Callable[[Session, int], list[Candidate]]


def _posts(session: Session, forum_id: int) -> list[Candidate]:
    rows = session.exec(
        select(Contribution)
        .where(Contribution.forum_id == forum_id, Contribution.status == ContributionStatus.VISIBLE)
        .order_by(col(Contribution.kind), col(Contribution.id))
    ).all()
    return [Candidate(OptionSubject.POST, saved_id(row), row.text, str(row.kind)) for row in rows]


def _themes(session: Session, forum_id: int) -> list[Candidate]:
    # A theme whose posts were all withdrawn or hidden has nothing left to vote for.
    return [
        Candidate(OptionSubject.THEME, theme_id, name, THEMES)
        for theme_id, name, posts in theme_options(session=session, forum_id=forum_id)
        if posts
    ]


SOURCES: tuple[Source, ...] = (_themes, _posts)


def vote_candidates(*, session: Session, forum_id: int, groups: Collection[str] | None = None) -> list[Candidate]:
    """Every candidate of the forum now, from every source; only those of `groups` when given."""
    found = [candidate for source in SOURCES for candidate in source(session, forum_id)]
    return found if groups is None else [candidate for candidate in found if candidate.group in groups]
