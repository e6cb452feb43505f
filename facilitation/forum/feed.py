"""What the projector's feed shows: per kind, how many posts and the newest few.

The projector redraws this for the whole room while hundreds post, so it reads only what
it shows, a fixed number of small queries whatever the size of the forum: one count per
kind and the newest `per_kind` posts of each kind, each served by the contribution index
on (forum_id, kind, status, id). Visible means what the full feed shows: withdrawn posts
are left out; a duplicate folded into another on the tree is still someone's post.
"""

from dataclasses import dataclass
from heapq import merge

from sqlmodel import Session, col, func, select

from facilitation.forum.contributions import FeedItem
from models import Contribution, ContributionKind, ContributionStatus, Participant, Sector, saved_id


@dataclass(frozen=True)
class KindFeed:
    """One kind's column: how many visible posts it has and the newest of them, newest first."""

    kind: ContributionKind
    count: int
    newest: tuple[FeedItem, ...]

    @property
    def more(self) -> int:
        """How many posts the column does not show."""
        return self.count - len(self.newest)


@dataclass(frozen=True)
class LatestFeed:
    """Every kind's column, in the order of ContributionKind."""

    kinds: tuple[KindFeed, ...]

    @property
    def total(self) -> int:
        return sum(column.count for column in self.kinds)

    def newest(self, count: int) -> list[FeedItem]:
        """The newest `count` posts of any kind (from what was read: at most `per_kind` of each)."""
        columns = [column.newest for column in self.kinds]
        return list(merge(*columns, key=lambda item: -item.id))[:count]


def _visible(kind: ContributionKind, forum_id: int, excluding: int | None = None) -> tuple[object, ...]:
    found: tuple[object, ...] = (
        Contribution.forum_id == forum_id,
        Contribution.kind == kind,
        Contribution.status == ContributionStatus.VISIBLE,
    )
    return found if excluding is None else (*found, Contribution.participant_id != excluding)


def kind_counts(*, session: Session, forum_id: int, excluding: int | None = None) -> dict[ContributionKind, int]:
    """How many visible posts each kind has (every kind present); `excluding`: leave out one participant's."""
    counts = dict.fromkeys(ContributionKind, 0)
    where = [Contribution.forum_id == forum_id, Contribution.status == ContributionStatus.VISIBLE]
    if excluding is not None:
        where.append(Contribution.participant_id != excluding)
    rows = session.exec(select(Contribution.kind, func.count()).where(*where).group_by(col(Contribution.kind)))
    for kind, count in rows:
        counts[ContributionKind(kind)] = count
    return counts


def newest_of_kind(
    *, session: Session, forum_id: int, kind: ContributionKind, count: int, excluding: int | None = None
) -> tuple[FeedItem, ...]:
    """The newest `count` visible posts of one kind, newest first, with who posted them (not `excluding`)."""
    if count <= 0:
        return ()
    rows = session.exec(
        select(Contribution, Participant)
        .join(Participant, isouter=True)
        .where(*_visible(kind, forum_id, excluding))  # type: ignore[arg-type]
        .order_by(col(Contribution.id).desc())
        .limit(count)
    ).all()
    return tuple(
        FeedItem(
            id=saved_id(contribution),
            kind=kind,
            text=contribution.text,
            sector=Sector(author.sector) if author else None,
            author=author.display_name if author else "",
            organisation=author.organisation if author else "",
        )
        for contribution, author in rows
    )


def latest_feed(*, session: Session, forum_id: int, per_kind: int, excluding: int | None = None) -> LatestFeed:
    """Per kind, the count of visible posts and the newest `per_kind` of them: five queries at any size.

    `excluding`: a participant whose posts are left out (a phone lists others' posts).
    """
    counts = kind_counts(session=session, forum_id=forum_id, excluding=excluding)
    return LatestFeed(
        tuple(
            KindFeed(
                kind,
                counts[kind],
                newest_of_kind(session=session, forum_id=forum_id, kind=kind, count=per_kind, excluding=excluding)
                if counts[kind]
                else (),
            )
            for kind in ContributionKind
        )
    )
