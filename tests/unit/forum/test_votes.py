"""Dot voting: opening a vote, spending and taking back dots, the budget and the cap, closing, revealing."""

from dataclasses import dataclass

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import (
    ActionNotAllowed,
    DotsMoved,
    InvalidVote,
    NoDotsLeft,
    OptionCapReached,
    VoteAlreadyOpen,
    VoteMoved,
    VoteNotOpen,
    VoteOptionNotFound,
)
from facilitation.core.tokens import new_token
from facilitation.forum.contributions import withdraw_contribution
from facilitation.forum.dots import MyDots, Tapped, add_dot, my_dots, take_back_dot
from facilitation.forum.phone_view import phone_screen
from facilitation.forum.vote_options import vote_candidates
from facilitation.forum.votes import (
    VoteSettings,
    close_vote,
    console_vote,
    open_vote,
    results,
    reveal_results,
    room_vote,
)
from facilitation.live.changes import Topic, counters
from models import (
    Ballot,
    ContributionKind,
    Forum,
    OptionSubject,
    Participant,
    ResultsShown,
    Stage,
    Vote,
    VoteDot,
    VoteOption,
    saved_id,
)
from tests.factories import join, make_forum, post
from tests.unit.helpers import move

POSTS = ("ไม่มีรถไปหาหมอ", "ผู้สูงอายุอยู่ลำพัง", "กองทุนสัจจะวันละบาท", "รถรับส่งผู้ป่วย")


@dataclass(frozen=True)
class Room:
    forum: Forum
    alice: Participant
    alice_token: str
    bob: Participant
    posts: list[int]

    @property
    def id(self) -> int:
        return saved_id(self.forum)


@pytest.fixture
def room(engine: Engine) -> Room:
    forum = make_forum(engine).forum
    alice = join(engine, forum.code, name="สมศรี")
    bob = join(engine, forum.code, name="สมชาย").participant
    kinds = (ContributionKind.ROOT_CAUSE, ContributionKind.ROOT_CAUSE, ContributionKind.FUND, ContributionKind.BENEFIT)
    posts = [saved_id(post(engine, alice.participant, text, kind)) for text, kind in zip(POSTS, kinds, strict=True)]
    forum = move(engine, forum, Stage.PLAN)
    return Room(forum, alice.participant, alice.token, bob, posts)


def settings(room: Room, *, dots: int = 3, cap: int = 2, shown: ResultsShown = ResultsShown.HIDDEN) -> VoteSettings:
    subjects = [(OptionSubject.POST, post_id) for post_id in room.posts]
    return VoteSettings("เรื่องไหนควรทำก่อน", dots, cap, shown, subjects)


def opened(engine: Engine, room: Room, **kwargs: object) -> tuple[Vote, list[int]]:
    with write_session(engine) as session:
        chosen = settings(room, **kwargs)  # type: ignore[arg-type]
        vote = open_vote(session=session, forum_id=room.id, settings=chosen, creation_key=new_token())
    with read_session(engine) as session:
        options = session.exec(select(VoteOption.id).where(VoteOption.vote_id == vote.id)).all()
    return vote, [int(option) for option in options]


def tap(engine: Engine, person: Participant, option: int, seen: int, *, adding: bool = True) -> Tapped:
    change = add_dot if adding else take_back_dot
    with write_session(engine) as session:
        return change(session=session, participant_id=saved_id(person), option_id=option, seen=seen)


def dots_of(engine: Engine, vote: Vote, person: Participant) -> MyDots:
    with read_session(engine) as session:
        return my_dots(session=session, vote=vote, participant_id=saved_id(person))


def test_a_vote_opens_over_the_ticked_posts_with_their_words_kept(engine: Engine, room: Room) -> None:
    vote, options = opened(engine, room)
    with write_session(engine) as session:
        withdraw_contribution(session=session, participant=room.alice, contribution_id=room.posts[0])
    with read_session(engine) as session:
        view = console_vote(session=session, forum_id=room.id)
    assert view is not None and view.is_open
    # The option keeps the words it was opened with, even after its post is withdrawn.
    assert [option.label for option in view.options] == list(POSTS)
    assert [(option.subject_kind, option.subject_id) for option in view.options] == [
        (OptionSubject.POST, post_id) for post_id in room.posts
    ]
    assert (vote.dots_per_person, vote.cap_per_option) == (3, 2)


def test_candidates_come_from_visible_posts_and_filter_by_kind(engine: Engine, room: Room) -> None:
    with read_session(engine) as session:
        roots = vote_candidates(session=session, forum_id=room.id, groups={ContributionKind.ROOT_CAUSE.value})
        every = vote_candidates(session=session, forum_id=room.id)
    assert [candidate.label for candidate in roots] == list(POSTS[:2])
    assert len(every) == 4 and {candidate.subject_kind for candidate in every} == {OptionSubject.POST}


def test_one_vote_open_at_a_time_and_a_resent_form_opens_one(engine: Engine, room: Room) -> None:
    key = new_token()
    with write_session(engine) as session:
        first = open_vote(session=session, forum_id=room.id, settings=settings(room), creation_key=key)
    with write_session(engine) as session:
        again = open_vote(session=session, forum_id=room.id, settings=settings(room), creation_key=key)
    assert again.id == first.id
    with pytest.raises(VoteAlreadyOpen), write_session(engine) as session:
        open_vote(session=session, forum_id=room.id, settings=settings(room), creation_key=new_token())
    with write_session(engine) as session:
        close_vote(session=session, forum_id=room.id, vote_id=saved_id(first), version=first.version)
    second, _ = opened(engine, room)
    assert second.id != first.id


def test_the_database_keeps_one_open_vote_per_forum(engine: Engine, room: Room) -> None:
    """Behind the service's check, the partial unique index refuses a second open vote."""
    opened(engine, room)
    with pytest.raises(IntegrityError), write_session(engine) as session:
        session.add(Vote(forum_id=room.id, dots_per_person=3, cap_per_option=1, creation_key="other"))


@pytest.mark.parametrize(
    ("dots", "cap", "subjects"),
    [(0, 1, 4), (11, 2, 4), (3, 4, 4), (3, 0, 4), (3, 2, 1)],
    ids=["no dots", "too many dots", "cap above budget", "no cap", "one option"],
)
def test_settings_that_cannot_work_are_refused(engine: Engine, room: Room, dots: int, cap: int, subjects: int) -> None:
    chosen = [(OptionSubject.POST, post_id) for post_id in room.posts[:subjects]]
    with pytest.raises(InvalidVote), write_session(engine) as session:
        open_vote(
            session=session, forum_id=room.id, creation_key=new_token(),
            settings=VoteSettings("", dots, cap, ResultsShown.HIDDEN, chosen),
        )  # fmt: skip


def test_votes_open_and_take_dots_in_plan_only(engine: Engine, room: Room) -> None:
    vote, options = opened(engine, room)
    move(engine, room.forum, Stage.ACT)
    with pytest.raises(ActionNotAllowed):
        tap(engine, room.alice, options[0], 0)
    move(engine, room.forum, Stage.SHARE)
    with pytest.raises(ActionNotAllowed), write_session(engine) as session:
        open_vote(session=session, forum_id=room.id, settings=settings(room), creation_key=new_token())
    # Closing and revealing a vote left open stay with the facilitator in every open stage.
    with write_session(engine) as session:
        closed = close_vote(session=session, forum_id=room.id, vote_id=saved_id(vote), version=vote.version)
        reveal_results(session=session, forum_id=room.id, vote_id=saved_id(vote), version=closed.version)


def test_dots_are_spent_up_to_the_budget_and_the_cap(engine: Engine, room: Room) -> None:
    vote, (first, second, third, _) = opened(engine, room, dots=3, cap=2)
    assert tap(engine, room.alice, first, 0).dots.used == 1
    assert tap(engine, room.alice, first, 1).dots.on(first) == 2
    with pytest.raises(OptionCapReached):
        tap(engine, room.alice, first, 2)
    done = tap(engine, room.alice, second, 0)
    assert (done.dots.used, done.dots.remaining) == (3, 0)
    with pytest.raises(NoDotsLeft):
        tap(engine, room.alice, third, 0)
    mine = dots_of(engine, vote, room.alice)
    assert (mine.used, mine.dots) == (3, {first: 2, second: 1})


def test_a_dot_taken_back_can_be_spent_elsewhere(engine: Engine, room: Room) -> None:
    vote, (first, second, *_) = opened(engine, room, dots=1, cap=1)
    tap(engine, room.alice, first, 0)
    # Moving is taking back then adding.
    assert tap(engine, room.alice, first, 1, adding=False).dots.used == 0
    assert tap(engine, room.alice, second, 0).dots.dots == {second: 1}
    # A screen still showing the dot there: what it asks for (none there) already holds.
    assert not tap(engine, room.alice, first, 1, adding=False).changed
    assert dots_of(engine, vote, room.alice).dots == {second: 1}


def test_a_retried_or_double_tap_spends_one_dot_and_a_stale_screen_none(engine: Engine, room: Room) -> None:
    vote, (first, second, *_) = opened(engine, room, dots=3, cap=3)
    assert tap(engine, room.alice, first, 0).changed
    again = tap(engine, room.alice, first, 0)  # the same tap: its answer was lost, or a double tap
    assert not again.changed and again.dots.used == 1
    # Another tab of the same person put a dot on `second`; this tab still shows none there.
    tap(engine, room.alice, second, 0)
    tap(engine, room.alice, second, 1)
    with pytest.raises(DotsMoved) as refused:
        tap(engine, room.alice, second, 0)
    assert isinstance(refused.value.current, MyDots) and refused.value.current.on(second) == 2
    assert dots_of(engine, vote, room.alice).used == 3
    # A take-back retried finds it done.
    tap(engine, room.alice, second, 2, adding=False)
    assert not tap(engine, room.alice, second, 2, adding=False).changed
    assert dots_of(engine, vote, room.alice).used == 2


def test_a_closed_vote_takes_no_dot_and_gives_none_back(engine: Engine, room: Room) -> None:
    vote, (first, *_) = opened(engine, room)
    tap(engine, room.alice, first, 0)
    with write_session(engine) as session:
        close_vote(session=session, forum_id=room.id, vote_id=saved_id(vote), version=vote.version)
    with pytest.raises(VoteNotOpen):
        tap(engine, room.alice, first, 1)
    with pytest.raises(VoteNotOpen):
        tap(engine, room.alice, first, 1, adding=False)
    assert dots_of(engine, vote, room.alice).used == 1


def test_an_option_of_another_forum_is_refused(engine: Engine, room: Room) -> None:
    _, (first, *_) = opened(engine, room)
    other = make_forum(engine, title="อีกเวที").forum
    stranger = join(engine, other.code).participant
    move(engine, other, Stage.PLAN)
    with pytest.raises(VoteOptionNotFound):
        tap(engine, stranger, first, 0)


def test_the_budget_and_the_cap_are_checked_by_the_database_itself(engine: Engine, room: Room) -> None:
    """Even a write that skips the services cannot put a ballot over its budget or an option over its cap."""
    vote, (first, *_) = opened(engine, room, dots=2, cap=1)
    tap(engine, room.alice, first, 0)
    key = (vote.id, saved_id(room.alice))
    with pytest.raises(IntegrityError), write_session(engine) as session:
        ballot = session.get(Ballot, key)
        assert ballot is not None
        ballot.used = 3
    with pytest.raises(IntegrityError), write_session(engine) as session:
        dot = session.get(VoteDot, (first, saved_id(room.alice)))
        assert dot is not None
        dot.dots = 2


def test_the_facilitator_can_spend_dots_for_a_person_through_the_same_service(engine: Engine, room: Room) -> None:
    """The service takes a participant id: no phone, no token."""
    vote, (first, *_) = opened(engine, room)
    with write_session(engine) as session:
        add_dot(session=session, participant_id=saved_id(room.bob), option_id=first, seen=0)
    assert dots_of(engine, vote, room.bob).dots == {first: 1}


def test_hidden_results_are_not_read_for_the_room_until_revealed(engine: Engine, room: Room) -> None:
    vote, (first, second, *_) = opened(engine, room)
    tap(engine, room.alice, first, 0)
    tap(engine, room.alice, first, 1)
    tap(engine, room.bob, second, 0)
    with read_session(engine) as session:
        wall = room_vote(session=session, forum_id=room.id)
        phone = phone_screen(session=session, forum_id=room.id, code=room.forum.code, token=room.alice_token)
        console = console_vote(session=session, forum_id=room.id)
    assert wall is not None and wall.results is None
    assert phone.vote is not None and phone.vote.results is None
    assert phone.dots is not None and phone.dots.dots == {first: 2}  # the person's own dots, never others'
    assert console is not None and console.results is not None
    assert (wall.turnout.voters, wall.turnout.dots_spent, wall.turnout.dots_total) == (2, 3, 6)

    with write_session(engine) as session:
        closed = close_vote(session=session, forum_id=room.id, vote_id=saved_id(vote), version=vote.version)
    with read_session(engine) as session:
        assert (room_vote(session=session, forum_id=room.id) or wall).results is None  # closed, still hidden
    with write_session(engine) as session:
        reveal_results(session=session, forum_id=room.id, vote_id=saved_id(vote), version=closed.version)
    with read_session(engine) as session:
        shown = room_vote(session=session, forum_id=room.id)
    assert shown is not None and shown.results is not None
    assert [(result.option_id, result.dots, result.people, result.rank) for result in shown.results[:2]] == [
        (first, 2, 1, 1),
        (second, 1, 1, 2),
    ]


def test_live_results_are_read_for_the_room_at_once(engine: Engine, room: Room) -> None:
    opened(engine, room, shown=ResultsShown.LIVE)
    with read_session(engine) as session:
        shown = room_vote(session=session, forum_id=room.id)
    assert shown is not None and shown.results is not None and all(result.dots == 0 for result in shown.results)


def test_options_with_as_many_dots_share_a_rank(engine: Engine, room: Room) -> None:
    vote, (first, second, third, fourth) = opened(engine, room)
    tap(engine, room.alice, second, 0)
    tap(engine, room.bob, fourth, 0)
    with read_session(engine) as session:
        ranked = results(session=session, vote_id=saved_id(vote))
    assert [(result.option_id, result.rank) for result in ranked] == [(second, 1), (fourth, 1), (first, 3), (third, 3)]


def test_close_and_reveal_carry_the_version_they_were_drawn_from(engine: Engine, room: Room) -> None:
    vote, _ = opened(engine, room)
    with write_session(engine) as session:
        closed = close_vote(session=session, forum_id=room.id, vote_id=saved_id(vote), version=vote.version)
    # A second tap, or a second tab drawn before the close: refused, with the vote as it is.
    with pytest.raises(VoteMoved) as refused, write_session(engine) as session:
        close_vote(session=session, forum_id=room.id, vote_id=saved_id(vote), version=vote.version)
    assert refused.value.current.version == closed.version
    with pytest.raises(VoteMoved), write_session(engine) as session:
        reveal_results(session=session, forum_id=room.id, vote_id=saved_id(vote), version=vote.version)
    with write_session(engine) as session:
        shown = reveal_results(session=session, forum_id=room.id, vote_id=saved_id(vote), version=closed.version)
    assert shown.revealed


def test_dots_move_the_votes_topic_and_the_facilitator_moves_voting(engine: Engine, room: Room) -> None:
    def now() -> dict[str, int]:
        with read_session(engine) as session:
            return counters(session=session, forum_ids=[room.id])[room.id]

    before = now()
    vote, (first, *_) = opened(engine, room)
    after_open = now()
    tap(engine, room.alice, first, 0)
    tap(engine, room.alice, first, 0)  # a retry: no change, no bump
    after_dots = now()
    assert after_open[Topic.VOTING] == before[Topic.VOTING] + 1 and after_open[Topic.VOTES] == before[Topic.VOTES]
    assert after_dots[Topic.VOTES] == after_open[Topic.VOTES] + 1
    assert after_dots[Topic.VOTING] == after_open[Topic.VOTING]
