"""State and community side by side: what each sector raised, voted for and committed to.

The study sees two patterns of welfare work, led by the state and led by the community; the
projector puts the sectors next to each other so the room sees both. Read in a fixed number
of grouped queries whatever the size of the forum, and only what the view shows.
"""

from dataclasses import dataclass, field

from sqlmodel import Session, col, func, select

from facilitation.core.errors import ForumNotFound
from facilitation.core.words import words_of
from facilitation.forum.left_out_words import left_out
from facilitation.forum.votes import latest_vote, shown_to_room
from models import (
    Commitment,
    Contribution,
    ContributionKind,
    ContributionStatus,
    Forum,
    Participant,
    Sector,
    VoteDot,
    VoteOption,
    saved_id,
)

# Always drawn, even before anyone of them joined: the comparison is the point of the view.
MAIN_SECTORS = (Sector.STATE, Sector.LOCAL_GOVERNMENT, Sector.COMMUNITY)
ORGANISATIONS_SHOWN = 3
VOTED_SHOWN = 2


@dataclass(frozen=True)
class SectorSide:
    """One sector's column: its people, its posts by kind, its commitments and who made them."""

    sector: Sector
    people: int = 0
    posts: dict[ContributionKind, int] = field(default_factory=lambda: dict.fromkeys(ContributionKind, 0))
    commitments: int = 0
    # The organisations that committed, most commitments first, then by name.
    organisations: tuple[str, ...] = ()
    # Each visible post's words, for the view to rank; empty while the posts are held.
    words: tuple[tuple[str, ...], ...] = ()
    # In the last vote, once its results are the room's: the dots the sector spent and the options
    # it gave most of them (ties: the option listed first), most first.
    dots: int = 0
    voted_for: tuple[str, ...] = ()

    @property
    def total_posts(self) -> int:
        return sum(self.posts.values())


@dataclass(frozen=True)
class Sides:
    """The sectors to compare, in the order of `Sector`: the main three, and any other with someone in it."""

    sides: tuple[SectorSide, ...]
    left_out: tuple[str, ...]  # the words the facilitator leaves out of the room's words
    vote_question: str | None = None  # the vote whose dots the sides show; None: no vote shown to the room


def _most(dots: dict[str, int]) -> tuple[str, ...]:
    # Listed in the vote's order: the stable sort keeps the first listed of equal dots first.
    return tuple(sorted(dots, key=lambda label: -dots[label])[:VOTED_SHOWN])


def sector_sides(*, session: Session, forum_id: int, with_words: bool) -> Sides:
    """Each sector's people, posts, commitments and (`with_words`: the posts are revealed) words."""
    if session.get(Forum, forum_id) is None:
        raise ForumNotFound(id=forum_id)
    people = dict(
        session.exec(
            select(Participant.sector, func.count())
            .where(Participant.forum_id == forum_id)
            .group_by(col(Participant.sector))
        ).all()
    )
    visible = (Contribution.forum_id == forum_id, Contribution.status == ContributionStatus.VISIBLE)
    posts: dict[Sector, dict[ContributionKind, int]] = {}
    for sector, kind, count in session.exec(
        select(Participant.sector, Contribution.kind, func.count())
        .join(Participant, col(Contribution.participant_id) == col(Participant.id))
        .where(*visible)
        .group_by(col(Participant.sector), col(Contribution.kind))
    ):
        posts.setdefault(Sector(sector), dict.fromkeys(ContributionKind, 0))[ContributionKind(kind)] = count
    # A commitment counts for the sector of the person who made it, under the organisation named on it.
    committed: dict[Sector, dict[str, int]] = {}
    for sector, organisation, count in session.exec(
        select(Participant.sector, Commitment.organisation, func.count())
        .join(Participant, col(Commitment.participant_id) == col(Participant.id))
        .where(Commitment.forum_id == forum_id)
        .group_by(col(Participant.sector), col(Commitment.organisation))
    ):
        by_organisation = committed.setdefault(Sector(sector), {})
        name = organisation.strip()
        by_organisation[name] = by_organisation.get(name, 0) + count
    words: dict[Sector, list[tuple[str, ...]]] = {}
    if with_words:
        for sector, text, stored in session.exec(
            select(Participant.sector, Contribution.text, Contribution.words)
            .join(Participant, col(Contribution.participant_id) == col(Participant.id))
            .where(*visible)
            .order_by(col(Contribution.id))
        ):
            words.setdefault(Sector(sector), []).append(tuple(stored) if stored is not None else words_of(text))
    vote = latest_vote(session=session, forum_id=forum_id)
    shown_vote = vote if vote is not None and shown_to_room(vote) else None
    voted: dict[Sector, dict[str, int]] = {}
    if shown_vote is not None:
        for sector, label, _position, dots in session.exec(
            select(Participant.sector, VoteOption.label, VoteOption.position, func.sum(VoteDot.dots))
            .join(VoteDot, col(VoteDot.participant_id) == col(Participant.id))
            .join(VoteOption, col(VoteOption.id) == col(VoteDot.option_id))
            .where(VoteDot.vote_id == saved_id(shown_vote))
            .group_by(col(Participant.sector), col(VoteOption.id), col(VoteOption.label), col(VoteOption.position))
            .order_by(col(VoteOption.position))
        ):
            if dots:
                voted.setdefault(Sector(sector), {})[label] = int(dots)
    shown = [sector for sector in Sector if sector in MAIN_SECTORS or people.get(sector)]
    sides = []
    for sector in shown:
        by_organisation = committed.get(sector, {})
        named = sorted(((-count, name) for name, count in by_organisation.items() if name))
        sides.append(
            SectorSide(
                sector=sector,
                people=people.get(sector, 0),
                posts=posts.get(sector, dict.fromkeys(ContributionKind, 0)),
                commitments=sum(by_organisation.values()),
                organisations=tuple(name for _, name in named[:ORGANISATIONS_SHOWN]),
                words=tuple(words.get(sector, ())),
                dots=sum(voted.get(sector, {}).values()),
                voted_for=_most(voted.get(sector, {})),
            )
        )
    return Sides(
        tuple(sides),
        tuple(left_out(session=session, forum_id=forum_id).words),
        None if shown_vote is None else shown_vote.question,
    )
