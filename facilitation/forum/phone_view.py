"""What a participant's phone draws, read in one transaction.

Every phone in the hall reruns its page when the stage changes, so the page reads all it
shows at once: one connection checkout, one BEGIN, one ROLLBACK per run instead of one
for each part.
"""

from dataclasses import dataclass, field

from sqlmodel import Session

from facilitation.core.errors import NotAuthorised
from facilitation.forum.contributions import my_contributions
from facilitation.forum.dots import MyDots, my_dots
from facilitation.forum.feed import LatestFeed, latest_feed
from facilitation.forum.follow_up import ReviewBoard, review_board
from facilitation.forum.moderation_log import hide_reasons
from facilitation.forum.moderation_rules import pre_approval
from facilitation.forum.participants import identify
from facilitation.forum.plans import PlanRow, plan
from facilitation.forum.policy import stage_rules
from facilitation.forum.reveal import RevealView, reveal_view
from facilitation.forum.timer import TimerView, timer_view
from facilitation.forum.votes import VoteView, room_vote
from facilitation.live.changes import counters
from models import Contribution, ContributionStatus, Forum, Participant, Stage, saved_id

# Others' posts a phone lists per kind once revealed: a short read, not the projector's wall.
OTHERS_PER_KIND = 3


@dataclass(frozen=True)
class PhoneScreen:
    """The forum as one phone shows it."""

    seen: dict[str, int]  # the forum's change counters, read before everything below
    forum: Forum
    participant: Participant
    plan: list[PlanRow] | None  # None when the forum's stage does not show the plan on phones
    mine: list[Contribution]  # the participant's own posts (showing, waiting or hidden), newest first
    timer: TimerView  # the stage timer, which the phone counts down by itself
    reveal: RevealView  # whether the stage's posts show, on the projector and on phones
    others: LatestFeed | None  # others' newest posts per kind, when phones show them now; None otherwise
    hidden_reasons: dict[int, str] = field(default_factory=dict)  # why the facilitator hid each own hidden post
    pre_approval: bool = False  # every new post waits for the facilitator's approval
    vote: VoteView | None = None  # the forum's open (or last) vote, its results only once shown to the room
    dots: MyDots | None = None  # the participant's own dots in that vote
    review: ReviewBoard | None = None  # in a follow-up's Review: the earlier forum's plan with its progress


def phone_screen(*, session: Session, forum_id: int, code: str, token: str | None) -> PhoneScreen:
    """The phone page of the participant holding `token` in forum `code` (id `forum_id`).

    Raises NotAuthorised as `identify` does, and when `code` is not the forum `forum_id`.
    """
    # The counters first: the page hands them to its watcher as what it has drawn, so they
    # must never be newer than the rows below. On SQLite (WAL) the whole transaction reads
    # the snapshot its first statement took, so both agree. On PostgreSQL `read_session`
    # runs at READ COMMITTED, where each statement sees what was committed when it began:
    # rows read after the counters are as new as them or newer, and a change that lands
    # between the two only makes the watcher ask for one rerun too many, never miss one.
    seen = counters(session=session, forum_ids=[forum_id]).get(forum_id, {})
    member = identify(session=session, code=code, token=token)
    forum, participant = member.forum, member.participant
    if saved_id(forum) != forum_id:
        raise NotAuthorised()
    rows = plan(session=session, forum_id=forum_id) if stage_rules(Stage(forum.stage)).phone_plan else None
    mine = my_contributions(session=session, participant=participant)
    hidden = [saved_id(post) for post in mine if post.status == ContributionStatus.HIDDEN]
    reasons = hide_reasons(session=session, contribution_ids=hidden) if hidden else {}
    timer = timer_view(session=session, forum_id=forum_id)
    reveal = reveal_view(session=session, forum_id=forum_id)
    others = None
    if reveal.phone_posts(Stage(forum.stage)):
        me = saved_id(participant)
        others = latest_feed(session=session, forum_id=forum_id, per_kind=OTHERS_PER_KIND, excluding=me)
    vote = room_vote(session=session, forum_id=forum_id, phone=True)
    dots = None if vote is None else my_dots(session=session, vote=vote.vote, participant_id=saved_id(participant))
    return PhoneScreen(
        seen=dict(seen), forum=forum, participant=participant, plan=rows, mine=mine, timer=timer,
        reveal=reveal, others=others, hidden_reasons=reasons,
        pre_approval=pre_approval(session=session, forum_id=forum_id),
        vote=vote, dots=dots,
        review=review_board(session=session, forum_id=forum_id) if stage_rules(Stage(forum.stage)).review else None,
    )  # fmt: skip
