"""Dot voting, a person's side: spend a dot on an option, take one back (moving is both).

The budget and the cap are held by the database, not by a read in Python: a dot is two
conditional writes in one transaction, `votedot.dots = dots + 1 WHERE dots = :seen AND
dots < cap` and `ballot.used = used + 1 WHERE used < budget` (each an upsert when the row may
not exist yet), each checked by the rows it wrote, and CHECK constraints under both. Two tabs
of one person tapping at once, on SQLite or on PostgreSQL, can never spend more than the budget
nor put more than the cap on one option.

Each tap carries `seen`, the dots on that option as the screen drew them, and means "from
`seen` to one more" (or one fewer). So a retry whose first answer was lost finds its dot
already there and changes nothing, a double tap of one drawn button spends one dot, and a
stale screen (another tab moved the dots meanwhile) is refused with DotsMoved rather than
spending a dot the person did not mean to.

The services take a participant id, not a phone: the facilitator can spend the dots of a
person without a phone through the same functions.
"""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from facilitation.core.errors import (
    DotsMoved,
    NoDotsLeft,
    NotAuthorised,
    OptionCapReached,
    VoteNotOpen,
    VoteOptionNotFound,
)
from facilitation.forum.policy import Action, require
from facilitation.live.changes import Topic, bump
from models import Ballot, Participant, Vote, VoteDot, VoteOption, VoteStatus


@dataclass(frozen=True)
class MyDots:
    """One person's dots in one vote."""

    vote_id: int
    budget: int
    cap: int
    used: int
    dots: dict[int, int]  # option id → dots on it (options with none left out)

    @property
    def remaining(self) -> int:
        return self.budget - self.used

    def on(self, option_id: int) -> int:
        return self.dots.get(option_id, 0)


@dataclass(frozen=True)
class Tapped:
    """A tap's outcome: the person's dots now, and whether this tap changed them."""

    dots: MyDots
    changed: bool  # False: the tap's intent already held (a retry, a double tap, the other tab did it)


def my_dots(*, session: Session, vote: Vote, participant_id: int) -> MyDots:
    """The person's dots in `vote` as the database holds them now (one query: every phone's run asks it).

    The spent count is the sum of the dots on the options: the ballot's counter always equals it,
    both being changed in the same transaction.
    """
    rows = session.exec(
        select(VoteDot.option_id, VoteDot.dots).where(
            VoteDot.vote_id == vote.id, VoteDot.participant_id == participant_id, col(VoteDot.dots) > 0
        )
    ).all()
    dots = {int(option): int(count) for option, count in rows}
    return MyDots(int(vote.id or 0), vote.dots_per_person, vote.cap_per_option, sum(dots.values()), dots)


def _target(session: Session, participant_id: int, option_id: int) -> tuple[Vote, VoteOption]:
    """The open vote and the option a tap names, after the stage check that locks the forum."""
    participant = session.get(Participant, participant_id)
    if participant is None:
        raise NotAuthorised()
    require(session=session, forum_id=participant.forum_id, action=Action.VOTE)
    # One read for both: a hall's taps hold SQLite's one write lock for as few statements as they can.
    found = session.exec(
        select(VoteOption, Vote)
        .join(Vote, col(Vote.id) == VoteOption.vote_id)
        .where(VoteOption.id == option_id)
        .execution_options(populate_existing=True)
    ).first()
    if found is None or found[1].forum_id != participant.forum_id:
        raise VoteOptionNotFound(id=option_id)
    option, vote = found
    if VoteStatus(vote.status) != VoteStatus.OPEN:
        raise VoteNotOpen()
    return vote, option


def _upsert(session: Session, table: Any) -> Any:
    return (sqlite.insert if session.get_bind().dialect.name == "sqlite" else postgresql.insert)(table)


def _place(session: Session, vote: Vote, option_id: int, participant_id: int, seen: int) -> int:
    """One more dot on the option if it holds `seen` and is under the cap; how many rows changed (0 or 1)."""
    if seen:
        placed = session.execute(
            update(VoteDot)
            .where(
                col(VoteDot.option_id) == option_id,
                col(VoteDot.participant_id) == participant_id,
                col(VoteDot.dots) == seen,
                col(VoteDot.dots) < col(VoteDot.cap),
            )
            .values(dots=VoteDot.dots + 1)
            .execution_options(synchronize_session=False)
        )
        return _rowcount(placed)
    # The first dot from a screen showing none: the row may not exist yet. Made with its dot, or
    # (made by an earlier tap and taken back to 0) given one: one statement either way.
    dot: Any = VoteDot.__table__  # type: ignore[attr-defined]
    statement = _upsert(session, dot).values(
        option_id=option_id, participant_id=participant_id, vote_id=vote.id, cap=vote.cap_per_option, dots=1
    )
    placed = session.execute(
        statement.on_conflict_do_update(
            index_elements=[dot.c.option_id, dot.c.participant_id],
            set_={"dots": dot.c.dots + 1},
            where=(dot.c.dots == 0) & (dot.c.dots < dot.c.cap),
        ).returning(dot.c.dots)
    )
    # A row comes back only when inserted or updated. Not the row count: on PostgreSQL an upsert
    # run through the session reports 1 even when its WHERE let nothing be written (the race
    # test caught two tabs spending a sixth dot of five that way).
    return len(placed.all())


def _spend(session: Session, vote: Vote, participant_id: int) -> int:
    """One more dot spent of the person's budget, if any is left; how many rows changed (0 or 1)."""
    ballot: Any = Ballot.__table__  # type: ignore[attr-defined]
    statement = _upsert(session, ballot).values(
        vote_id=vote.id, participant_id=participant_id, budget=vote.dots_per_person, used=1
    )
    spent = session.execute(
        statement.on_conflict_do_update(
            index_elements=[ballot.c.vote_id, ballot.c.participant_id],
            set_={"used": ballot.c.used + 1},
            where=ballot.c.used < ballot.c.budget,
        ).returning(ballot.c.used)
    )
    return len(spent.all())  # as in _place: the rows written, not the row count


def _dots_on(session: Session, option_id: int, participant_id: int) -> int:
    found = session.exec(
        select(VoteDot.dots).where(VoteDot.option_id == option_id, VoteDot.participant_id == participant_id)
    ).first()
    return int(found or 0)


def _rowcount(result: Any) -> int:
    return int(result.rowcount)


def add_dot(*, session: Session, participant_id: int, option_id: int, seen: int) -> Tapped:
    """Put one more dot on the option, which the screen showed with `seen` of this person's dots.

    Raises NoDotsLeft when the budget is spent, OptionCapReached at the cap, DotsMoved when
    the option's dots are no longer `seen` (nothing changed), VoteNotOpen once closed.
    """
    vote, _ = _target(session, participant_id, option_id)
    if _place(session, vote, option_id, participant_id, seen) == 0:
        now = _dots_on(session, option_id, participant_id)
        if now == seen + 1:
            return Tapped(my_dots(session=session, vote=vote, participant_id=participant_id), changed=False)
        if now != seen:
            raise DotsMoved(current=my_dots(session=session, vote=vote, participant_id=participant_id))
        raise OptionCapReached(cap=vote.cap_per_option)
    if _spend(session, vote, participant_id) == 0:
        # The dot placed above goes with this transaction's rollback.
        raise NoDotsLeft(budget=vote.dots_per_person)
    bump(session=session, forum_id=vote.forum_id, topics=[Topic.VOTES])
    return Tapped(my_dots(session=session, vote=vote, participant_id=participant_id), changed=True)


def take_back_dot(*, session: Session, participant_id: int, option_id: int, seen: int) -> Tapped:
    """Take one dot back from the option, which the screen showed with `seen` of this person's dots.

    Raises DotsMoved when the option's dots are no longer `seen` (nothing changed), VoteNotOpen once closed.
    """
    vote, _ = _target(session, participant_id, option_id)
    taken = session.execute(
        update(VoteDot)
        .where(
            col(VoteDot.option_id) == option_id,
            col(VoteDot.participant_id) == participant_id,
            col(VoteDot.dots) == seen,
            col(VoteDot.dots) > 0,
        )
        .values(dots=VoteDot.dots - 1)
        .execution_options(synchronize_session=False)
    )
    if _rowcount(taken) == 0:
        now = _dots_on(session, option_id, participant_id)
        if now == max(seen - 1, 0):
            return Tapped(my_dots(session=session, vote=vote, participant_id=participant_id), changed=False)
        raise DotsMoved(current=my_dots(session=session, vote=vote, participant_id=participant_id))
    given_back = session.execute(
        update(Ballot)
        .where(col(Ballot.vote_id) == vote.id, col(Ballot.participant_id) == participant_id, col(Ballot.used) > 0)
        .values(used=Ballot.used - 1)
        .execution_options(synchronize_session=False)
    )
    if _rowcount(given_back) == 0:  # a dot on an option with none spent: never, but never silently
        raise DotsMoved(current=my_dots(session=session, vote=vote, participant_id=participant_id))
    bump(session=session, forum_id=vote.forum_id, topics=[Topic.VOTES])
    return Tapped(my_dots(session=session, vote=vote, participant_id=participant_id), changed=True)


def person_dots(*, session: Session, participant_id: int, vote_id: int) -> MyDots | None:
    """The person's dots in the vote `vote_id` of their forum, for a screen; None when there is no such vote."""
    participant = session.get(Participant, participant_id)
    vote = session.get(Vote, vote_id)
    if participant is None or vote is None or vote.forum_id != participant.forum_id:
        return None
    return my_dots(session=session, vote=vote, participant_id=participant_id)
