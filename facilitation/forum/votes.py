"""Dot voting, the facilitator's side: open a vote, close it, reveal its results; and what screens read.

One vote is open at a time per forum (a partial unique index settles two opens racing).
Opening carries the console form's creation key, so a form sent twice opens one vote; close
and reveal carry the vote's version, so a double tap or a stale console tab is refused with
VoteMoved and the console shows the vote as it is.

Results are hidden from the room (projector and phones) until revealed, unless the vote was
opened with live results: `room_vote` then leaves them out entirely, not merely unshown.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import case, func, update
from sqlmodel import Session, col, select

from facilitation.core.db import insert_once
from facilitation.core.errors import ForumNotFound, InvalidVote, VoteAlreadyOpen, VoteMoved
from facilitation.core.text import clean_text
from facilitation.forum.policy import Action, require
from facilitation.forum.vote_options import vote_candidates
from facilitation.live.changes import Topic, bump
from models import (
    Ballot,
    Forum,
    OptionSubject,
    Participant,
    ResultsShown,
    Vote,
    VoteDot,
    VoteOption,
    VoteStatus,
    saved_id,
    utcnow,
)

MAX_DOTS = 10  # a budget larger than this is a typing slip: the dots stop meaning a choice
MIN_OPTIONS = 2
MAX_OPTIONS = 40  # what a phone can list and a wall can rank
QUESTION_MAX = 300


@dataclass(frozen=True)
class VoteSettings:
    """What the console's "open" form sends."""

    question: str
    dots_per_person: int
    cap_per_option: int
    results_shown: ResultsShown
    subjects: Sequence[tuple[OptionSubject, int]]  # the candidates ticked, in the order to list them


@dataclass(frozen=True)
class OptionResult:
    option_id: int
    label: str
    dots: int
    people: int  # how many people put at least one dot on it
    rank: int  # 1 for the most dots; options with as many dots share a rank


@dataclass(frozen=True)
class Turnout:
    voters: int  # people with at least one dot spent
    joined: int
    dots_spent: int
    dots_total: int  # every joined person's whole budget


@dataclass(frozen=True)
class VoteView:
    """A vote as a screen draws it; `results` is None where the screen may not see them."""

    vote: Vote
    options: list[VoteOption]
    turnout: Turnout | None  # None on a phone while the results are hidden (it shows neither)
    results: list[OptionResult] | None

    @property
    def is_open(self) -> bool:
        return VoteStatus(self.vote.status) == VoteStatus.OPEN


def shown_to_room(vote: Vote) -> bool:
    """Whether the projector and phones may see the vote's results now."""
    return vote.revealed or ResultsShown(vote.results_shown) == ResultsShown.LIVE


def _check(settings: VoteSettings) -> None:
    budget, cap = settings.dots_per_person, settings.cap_per_option
    if not 1 <= budget <= MAX_DOTS:
        raise InvalidVote(field="vote_dots", limit=MAX_DOTS)
    if not 1 <= cap <= budget:
        raise InvalidVote(field="vote_cap", limit=budget)
    count = len(set(settings.subjects))
    if not MIN_OPTIONS <= count <= MAX_OPTIONS:
        raise InvalidVote(field="vote_options", limit=MAX_OPTIONS)


def _open(session: Session, forum_id: int) -> Vote | None:
    return session.exec(select(Vote).where(Vote.forum_id == forum_id, Vote.status == VoteStatus.OPEN)).first()


def open_vote(*, session: Session, forum_id: int, settings: VoteSettings, creation_key: str) -> Vote:
    """Open a vote over the ticked candidates; the same creation key again returns the vote it opened.

    Raises VoteAlreadyOpen while another vote of the forum is open, InvalidVote for settings
    that cannot work (a candidate gone since the form was drawn counts as not ticked).
    """
    _check(settings)
    question = clean_text(settings.question, max_length=QUESTION_MAX, required=False, field="vote_question")
    require(session=session, forum_id=forum_id, action=Action.OPEN_VOTE)

    def same_key() -> Vote | None:
        return session.exec(select(Vote).where(Vote.forum_id == forum_id, Vote.creation_key == creation_key)).first()

    made = same_key()
    if made is not None:
        return made  # the form sent again: the vote its first send opened
    if _open(session, forum_id) is not None:
        raise VoteAlreadyOpen()
    # Labels are copied from the candidates as they are now: a post withdrawn since the
    # form was drawn is left out rather than voted on.
    found = {(c.subject_kind, c.subject_id): c for c in vote_candidates(session=session, forum_id=forum_id)}
    chosen = [found[subject] for subject in dict.fromkeys(settings.subjects) if subject in found]
    if len(chosen) < MIN_OPTIONS:
        raise InvalidVote(field="vote_options", limit=MAX_OPTIONS)
    vote = Vote(
        forum_id=forum_id,
        question=question,
        dots_per_person=settings.dots_per_person,
        cap_per_option=settings.cap_per_option,
        results_shown=settings.results_shown,
        creation_key=creation_key,
    )
    # The forum lock serialises opens; the unique indexes settle any that it did not.
    vote, created = insert_once(session, vote, same_key)
    if not created:
        return vote
    vote_id = saved_id(vote)
    session.add_all(
        VoteOption(vote_id=vote_id, subject_kind=c.subject_kind, subject_id=c.subject_id, label=c.label, position=n)
        for n, c in enumerate(chosen)
    )
    bump(session=session, forum_id=forum_id, topics=[Topic.VOTING])
    return vote


def _change(session: Session, forum_id: int, vote_id: int, version: int, action: Action, **values: object) -> Vote:
    """Write `values` to the vote if it is still at `version`; raises VoteMoved (with the vote now) otherwise."""
    require(session=session, forum_id=forum_id, action=action)
    result = session.execute(
        update(Vote)
        .where(col(Vote.id) == vote_id, col(Vote.forum_id) == forum_id, col(Vote.version) == version)
        .values(**values, version=Vote.version + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    vote = session.get(Vote, vote_id, populate_existing=True)
    if vote is None or vote.forum_id != forum_id:
        raise ForumNotFound(id=forum_id)
    if result.rowcount == 0:  # type: ignore[attr-defined]
        session.expunge(vote)  # the page reads it from the error after the rollback
        raise VoteMoved(current=vote)
    bump(session=session, forum_id=forum_id, topics=[Topic.VOTING])
    return vote


def close_vote(*, session: Session, forum_id: int, vote_id: int, version: int) -> Vote:
    """Close the vote: no more dots are taken or taken back."""
    return _change(session, forum_id, vote_id, version, Action.RUN_VOTE, status=VoteStatus.CLOSED, closed_at=utcnow())


def reveal_results(*, session: Session, forum_id: int, vote_id: int, version: int) -> Vote:
    """Show the vote's results on the projector and phones from now on."""
    return _change(session, forum_id, vote_id, version, Action.RUN_VOTE, revealed=True, revealed_at=utcnow())


def latest_vote(*, session: Session, forum_id: int) -> Vote | None:
    """The forum's open vote, or else the last one opened (one query: every phone's run asks it)."""
    open_first = case((col(Vote.status) == VoteStatus.OPEN, 0), else_=1)
    return session.exec(
        select(Vote).where(Vote.forum_id == forum_id).order_by(open_first, col(Vote.id).desc()).limit(1)
    ).first()


def results(*, session: Session, vote_id: int) -> list[OptionResult]:
    """Every option with its dots and people, most dots first (ties share a rank, kept in listed order)."""
    totals = (
        select(
            VoteDot.option_id,
            func.coalesce(func.sum(VoteDot.dots), 0).label("dots"),
            func.count().filter(col(VoteDot.dots) > 0).label("people"),
        )
        .where(VoteDot.vote_id == vote_id)
        .group_by(col(VoteDot.option_id))
        .subquery()
    )
    rows = session.execute(
        select(VoteOption.id, VoteOption.label, totals.c.dots, totals.c.people)
        .join(totals, totals.c.option_id == VoteOption.id, isouter=True)
        .where(VoteOption.vote_id == vote_id)
        .order_by(func.coalesce(totals.c.dots, 0).desc(), col(VoteOption.position))
    ).all()
    ranked: list[OptionResult] = []
    for option_id, label, dots, people in rows:
        dots, people = int(dots or 0), int(people or 0)
        rank = ranked[-1].rank if ranked and ranked[-1].dots == dots else len(ranked) + 1
        ranked.append(OptionResult(option_id, label, dots, people, rank))
    return ranked


def turnout(*, session: Session, vote: Vote) -> Turnout:
    """How many people have voted and how many dots are spent, of everyone who joined."""
    voters, spent = session.execute(
        select(func.count().filter(col(Ballot.used) > 0), func.coalesce(func.sum(Ballot.used), 0)).where(
            Ballot.vote_id == vote.id
        )
    ).one()
    joined = session.exec(select(func.count()).where(Participant.forum_id == vote.forum_id)).one()
    return Turnout(int(voters), int(joined), int(spent), int(joined) * vote.dots_per_person)


def _view(session: Session, vote: Vote, *, with_results: bool, with_turnout: bool = True) -> VoteView:
    options = list(
        session.exec(select(VoteOption).where(VoteOption.vote_id == vote.id).order_by(col(VoteOption.position))).all()
    )
    found = results(session=session, vote_id=saved_id(vote)) if with_results else None
    counted = turnout(session=session, vote=vote) if with_turnout else None
    return VoteView(vote, options, counted, found)


def room_vote(*, session: Session, forum_id: int, phone: bool = False) -> VoteView | None:
    """The vote as the projector and phones see it: its results only once revealed (or when live).

    `phone`: the turnout only with the results (a phone shows it beside them), so a hall's
    runs read no more than they draw.
    """
    vote = latest_vote(session=session, forum_id=forum_id)
    if vote is None:
        return None
    shown = shown_to_room(vote)
    return _view(session, vote, with_results=shown, with_turnout=shown or not phone)


def console_vote(*, session: Session, forum_id: int) -> VoteView | None:
    """The vote as the facilitator's console sees it: the results always."""
    if session.get(Forum, forum_id) is None:
        raise ForumNotFound(id=forum_id)
    vote = latest_vote(session=session, forum_id=forum_id)
    return None if vote is None else _view(session, vote, with_results=True)
