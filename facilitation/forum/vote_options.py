"""What a vote can be opened over: the candidates, from every source of options.

Today the one source is the forum's visible posts. Themes (named groups of posts) become a
second source by adding one function to SOURCES that returns their candidates; the vote,
its options and the dots need no change, as an option is (subject kind, subject id, label).
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass

from sqlmodel import Session, col, select

from models import Contribution, ContributionStatus, OptionSubject, saved_id


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


SOURCES: tuple[Source, ...] = (_posts,)


def vote_candidates(*, session: Session, forum_id: int, groups: Collection[str] | None = None) -> list[Candidate]:
    """Every candidate of the forum now, from every source; only those of `groups` when given."""
    found = [candidate for source in SOURCES for candidate in source(session, forum_id)]
    return found if groups is None else [candidate for candidate in found if candidate.group in groups]
