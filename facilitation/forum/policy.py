"""The stage policy: which action each SPA stage allows, and what each screen shows in it.

Services call `require` before they write; pages call `allows` and `stage_rules` to
decide what to show. Both read the tables below, so a form is never offered for an
action the service would refuse, and a stale screen is refused by the service.
Changing the stage is the facilitator's and is always allowed: it is not an action here.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from sqlmodel import Session

from facilitation.core.errors import ActionNotAllowed, ForumClosed, ForumNotFound
from models import Forum, Stage


class Action(StrEnum):
    """What people do in a forum that the stage may allow or refuse."""

    JOIN = "join"
    POST = "post"
    EDIT_OWN_POST = "edit_own_post"
    WITHDRAW_OWN_POST = "withdraw_own_post"
    CREATE_ACTION_ITEM = "create_action_item"
    EDIT_ACTION_ITEM = "edit_action_item"
    DELETE_ACTION_ITEM = "delete_action_item"
    RESTORE_ACTION_ITEM = "restore_action_item"  # undo a delete
    COMMIT = "commit"
    TIDY_TREE = "tidy_tree"  # the facilitator's tree tools: move, categorise, merge, hide, tie, relabel
    RUN_TIMER = "run_timer"  # the facilitator's stage timer: start, pause, resume, add time, stop
    REVEAL_POSTS = "reveal_posts"  # the facilitator reveals or hides a stage's posts, or sets how they show
    LEAVE_OUT_WORDS = "leave_out_words"  # the facilitator chooses the words the room's word cloud leaves out
    MARK_OVERLAPS = "mark_overlaps"  # the facilitator marks a flagged overlap merged, coordinated or not one
    GROUP_THEMES = "group_themes"  # the facilitator groups posts into themes: group, move, rename, merge, ungroup
    MODERATE_POSTS = "moderate_posts"  # the facilitator hides, restores, approves or keeps hidden a post
    SET_MODERATION = "set_moderation"  # the facilitator turns pre-approval on or off, or edits the words held
    REGISTER_PERSON = "register_person"  # the facilitator registers someone without a phone (their posts: POST)
    OPEN_VOTE = "open_vote"  # the facilitator opens a dot vote over some options
    RUN_VOTE = "run_vote"  # the facilitator closes a vote or reveals its results
    VOTE = "vote"  # a person spends or takes back a dot
    CARRY_ITEM = "carry_item"  # the facilitator carries an open item of the earlier forum into a follow-up's plan
    OPEN_PROGRESS_LINK = "open_progress_link"  # the facilitator makes or renews an owner's private progress link
    REPORT_PROGRESS = "report_progress"  # an owner (by their link) or the facilitator reports an item's progress
    SET_WEIGHT = "set_weight"  # the facilitator sets how much a commitment counts in its item's progress


# Everything but committing stays open until the forum closes: late arrivals still join
# and share, and the plan and tree are refined while the room commits.
_WHILE_OPEN = frozenset(
    {
        Action.JOIN,
        Action.POST,
        Action.EDIT_OWN_POST,
        Action.WITHDRAW_OWN_POST,
        Action.CREATE_ACTION_ITEM,
        Action.EDIT_ACTION_ITEM,
        Action.DELETE_ACTION_ITEM,
        Action.RESTORE_ACTION_ITEM,
        Action.TIDY_TREE,
        Action.RUN_TIMER,
        Action.REVEAL_POSTS,
        Action.LEAVE_OUT_WORDS,
        Action.MARK_OVERLAPS,
        Action.GROUP_THEMES,
        Action.MODERATE_POSTS,
        Action.SET_MODERATION,
        Action.REGISTER_PERSON,
        Action.RUN_VOTE,
    }
)
# The room chooses in Plan: in Share people write first and the posts wait for the reveal, so
# a vote there would rank what was seen first; in Act the plan is chosen and people commit.
# A vote left open when the stage moves on can still be closed and revealed (RUN_VOTE), but
# takes no dots until the forum is back in Plan.
_VOTING = frozenset({Action.OPEN_VOTE, Action.VOTE})

# A follow-up forum's Review: the room looks at what the earlier forum promised, and owners report in
# the room through their own progress links. People join and the facilitator keeps the room running;
# posts wait for Share and the new plan for Plan, except the earlier items the facilitator carries in.
_REVIEWING = frozenset(
    {
        Action.JOIN,
        Action.REGISTER_PERSON,
        Action.RUN_TIMER,
        Action.REVEAL_POSTS,  # how Share will show its posts can be set before it starts
        Action.MODERATE_POSTS,
        Action.SET_MODERATION,
        Action.RUN_VOTE,
        Action.CARRY_ITEM,
    }
)

ALLOWED: Mapping[Stage, frozenset[Action]] = MappingProxyType(
    {
        Stage.REVIEW: _REVIEWING,
        Stage.SHARE: _WHILE_OPEN,
        # Carrying an earlier item goes on while the new plan is built.
        Stage.PLAN: _WHILE_OPEN | _VOTING | {Action.CARRY_ITEM},
        # Commitments wait for Act: an organisation commits to the plan the room agreed on.
        Stage.ACT: _WHILE_OPEN | {Action.COMMIT},
        Stage.CLOSED: frozenset(),  # readable, takes no input until reopened
    }
)


# Follow-up outlives the forum: owners report on what was promised long after the room has gone
# home, so these are allowed in every stage, Closed included. They are kept out of ALLOWED on
# purpose: `accepts_input` reads ALLOWED alone, so screens still show a closed forum as closed
# (no posting, no joining) while its owners keep reporting.
IN_EVERY_STAGE = frozenset({Action.OPEN_PROGRESS_LINK, Action.REPORT_PROGRESS, Action.SET_WEIGHT})


def allows(stage: Stage, action: Action) -> bool:
    """Whether a forum in `stage` accepts `action`."""
    return action in IN_EVERY_STAGE or action in ALLOWED[Stage(stage)]


def accepts_input(stage: Stage) -> bool:
    """Whether a forum in `stage` takes the room's input at all (screens show it as closed otherwise).

    Follow-up (IN_EVERY_STAGE) does not count: a closed forum takes progress reports and is still closed.
    """
    return bool(ALLOWED[Stage(stage)])


def stages_allowing(action: Action) -> tuple[Stage, ...]:
    """The stages that allow `action`, in the forum's order."""
    return tuple(stage for stage in Stage if allows(stage, action))


def require(*, session: Session, forum_id: int, action: Action) -> Forum:
    """The forum as this transaction sees it, if its stage allows `action`; raises otherwise.

    ForumClosed when the forum is closed, ActionNotAllowed when another stage refuses.
    Locks the forum's row until the transaction ends, so a stage change waits for
    this write and this write sees a stage change committed before it.
    """
    # SELECT … FOR UPDATE: on PostgreSQL a plain read would let a post check "Act",
    # then commit after a Close that committed in between (SQLite's BEGIN IMMEDIATE
    # already serialises writers). populate_existing re-reads a copy this session
    # loaded earlier; autoflush has written this transaction's own changes first.
    forum = session.get(Forum, forum_id, with_for_update=True, populate_existing=True)
    if forum is None:
        raise ForumNotFound(id=forum_id)
    stage = Stage(forum.stage)
    if not allows(stage, action):
        refusal = ForumClosed if stage == Stage.CLOSED else ActionNotAllowed
        raise refusal(action=action, stage=stage, allowed=stages_allowing(action))
    return forum


@dataclass(frozen=True)
class StageRules:
    """What the screens show in one stage (what people may do there is `ALLOWED`)."""

    phone_plan: bool  # the phone lists the action plan under the stage's intro
    projector_feed: bool  # the projector shows every post, by kind
    projector_plan: bool  # the projector shows the action plan
    projector_commitments: bool  # … with the commitments made to each activity
    projector_recent_posts: int  # … and the last N posts under it (0: none)
    console_links_open: bool  # the console opens the join link and QR code to hand out
    review: bool = False  # phones, projector and console show the earlier forum's items with their progress


# A closed forum stays on the screens as it ended: the plan with its commitments.
_PLAN_WITH_COMMITMENTS = StageRules(
    phone_plan=True,
    projector_feed=False,
    projector_plan=True,
    projector_commitments=True,
    projector_recent_posts=0,
    console_links_open=False,
)

STAGE_RULES: Mapping[Stage, StageRules] = MappingProxyType(
    {
        # The first stage of a follow-up: people join while the room reviews the earlier forum's plan.
        Stage.REVIEW: StageRules(
            phone_plan=False,
            projector_feed=False,
            projector_plan=False,
            projector_commitments=False,
            projector_recent_posts=0,
            console_links_open=True,
            review=True,
        ),
        Stage.SHARE: StageRules(
            phone_plan=False,
            projector_feed=True,
            projector_plan=False,
            projector_commitments=False,
            projector_recent_posts=0,
            console_links_open=True,
        ),
        # The room builds the plan while the last posts still come in.
        Stage.PLAN: StageRules(
            phone_plan=True,
            projector_feed=False,
            projector_plan=True,
            projector_commitments=False,
            projector_recent_posts=5,
            console_links_open=False,
        ),
        Stage.ACT: _PLAN_WITH_COMMITMENTS,
        Stage.CLOSED: _PLAN_WITH_COMMITMENTS,
    }
)


def stage_rules(stage: Stage) -> StageRules:
    """What the screens show in `stage`."""
    return STAGE_RULES[Stage(stage)]
