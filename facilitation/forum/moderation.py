"""The facilitator's moderation of posts: hide, restore, approve, keep hidden; and what the console's tab shows.

A hidden post leaves every screen of the room (the wall, phones' lists of others' posts,
the tree, the words, the summary) and stays on its author's phone, marked, with the
reason. Each button carries the version of the post it was drawn from: pressed twice, or
in a tab drawn before another acted (or before the author edited or withdrew the post),
it is refused with PostModerated, which says what the post is now. Every decision goes
to the audit log.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, select

from facilitation.core.errors import ContributionNotFound, PostModerated, StaleEdit
from facilitation.core.text import clean_text
from facilitation.core.versioning import update_if_current
from facilitation.forum.contributions import hand_on_duplicates, posts_topics
from facilitation.forum.moderation_log import (
    FACILITATOR,
    HIDING,
    LogLine,
    author_names,
    latest,
    log_count,
    moderation_log,
)
from facilitation.forum.moderation_log import record as record_event
from facilitation.forum.moderation_rules import ModerationRules, moderation_rules
from facilitation.forum.plans import answers_plan
from facilitation.forum.policy import Action, require
from facilitation.live.changes import Topic, bump
from models import Contribution, ContributionKind, ContributionStatus, ModerationAction, saved_id

REASON_MAX = 200
# The catalogue key that names each status in a refusal ("it is now hidden").
STATE_KEYS = {status: f"moderation_state_{status.value}" for status in ContributionStatus}
# The topics a decision moves besides the posts' own: the console's queue and the author's phone.
DECIDED = (Topic.QUEUE, Topic.MODERATION)


def _post(
    session: Session, forum_id: int, contribution_id: int, version: int, status: ContributionStatus
) -> Contribution:
    """The forum's post, if it is still at `version` and `status`; PostModerated (what it is now) otherwise."""
    post = session.get(Contribution, contribution_id, populate_existing=True)
    if post is None or post.forum_id != forum_id:
        raise ContributionNotFound(id=contribution_id)
    if post.version != version or post.status != status:
        session.expunge(post)
        raise PostModerated(current=post, state=STATE_KEYS[ContributionStatus(post.status)])
    return post


def _decide(session: Session, post: Contribution, version: int, status: ContributionStatus) -> Contribution:
    try:
        return update_if_current(
            session=session,
            table=Contribution,
            row_id=saved_id(post),
            seen=version,
            values={"status": status},
            missing=ContributionNotFound(id=post.id),
        )
    except StaleEdit as stale:  # changed between the check and the write
        current: Contribution = stale.current  # type: ignore[assignment]
        raise PostModerated(current=current, state=STATE_KEYS[ContributionStatus(current.status)]) from stale


def _shown_or_gone(session: Session, post: Contribution, *, leaving: bool) -> None:
    """The post came onto the room's screens or left them: its screens, the queue and its author's phone follow."""
    kind = ContributionKind(post.kind)
    heirs = hand_on_duplicates(session=session, node=post, kind=kind) if leaving else []
    shown = posts_topics(session=session, ids=[saved_id(post), *heirs], kinds=[kind])
    bump(session=session, forum_id=post.forum_id, topics=[*shown, *DECIDED])


def hide_post(
    *, session: Session, forum_id: int, contribution_id: int, version: int, reason: str, by_role: str = FACILITATOR
) -> Contribution:
    """Hide a post that shows, with a reason its author is shown; refused if it changed since it was drawn."""
    why = clean_text(reason, max_length=REASON_MAX, field="moderation_reason")
    require(session=session, forum_id=forum_id, action=Action.MODERATE_POSTS)
    post = _post(session, forum_id, contribution_id, version, ContributionStatus.VISIBLE)
    saved = _decide(session, post, version, ContributionStatus.HIDDEN)
    record_event(
        session=session, forum_id=forum_id, action=ModerationAction.HIDDEN, by_role=by_role, post=saved, reason=why
    )
    _shown_or_gone(session, saved, leaving=True)
    return saved


def restore_post(
    *, session: Session, forum_id: int, contribution_id: int, version: int, reason: str = "", by_role: str = FACILITATOR
) -> Contribution:
    """Show a hidden post again; refused if it changed since it was drawn."""
    why = clean_text(reason, max_length=REASON_MAX, required=False, field="moderation_reason")
    require(session=session, forum_id=forum_id, action=Action.MODERATE_POSTS)
    post = _post(session, forum_id, contribution_id, version, ContributionStatus.HIDDEN)
    saved = _decide(session, post, version, ContributionStatus.VISIBLE)
    record_event(
        session=session, forum_id=forum_id, action=ModerationAction.RESTORED, by_role=by_role, post=saved, reason=why
    )
    _shown_or_gone(session, saved, leaving=False)
    return saved


def approve_post(
    *, session: Session, forum_id: int, contribution_id: int, version: int, by_role: str = FACILITATOR
) -> Contribution:
    """Let a waiting post show; refused if it changed (its author edited it, say) since it was drawn."""
    require(session=session, forum_id=forum_id, action=Action.MODERATE_POSTS)
    post = _post(session, forum_id, contribution_id, version, ContributionStatus.PENDING)
    saved = _decide(session, post, version, ContributionStatus.VISIBLE)
    record_event(session=session, forum_id=forum_id, action=ModerationAction.APPROVED, by_role=by_role, post=saved)
    _shown_or_gone(session, saved, leaving=False)
    return saved


def reject_post(
    *, session: Session, forum_id: int, contribution_id: int, version: int, reason: str, by_role: str = FACILITATOR
) -> Contribution:
    """Keep a waiting post hidden, with a reason its author is shown; refused if it changed since it was drawn."""
    why = clean_text(reason, max_length=REASON_MAX, field="moderation_reason")
    require(session=session, forum_id=forum_id, action=Action.MODERATE_POSTS)
    post = _post(session, forum_id, contribution_id, version, ContributionStatus.PENDING)
    saved = _decide(session, post, version, ContributionStatus.HIDDEN)
    record_event(
        session=session, forum_id=forum_id, action=ModerationAction.REJECTED, by_role=by_role, post=saved, reason=why
    )
    # It never showed; only the plan may quote it (a post it answers, edited and waiting since).
    plan = [Topic.PLAN] if answers_plan(session=session, contribution_ids=[saved_id(saved)]) else []
    bump(session=session, forum_id=forum_id, topics=[*DECIDED, *plan])
    return saved


@dataclass(frozen=True)
class ModeratedPost:
    """A post as the moderation tab lists it."""

    id: int
    version: int  # what its buttons carry
    kind: ContributionKind
    text: str
    status: ContributionStatus
    author: str  # name · organisation ("" when typed by the facilitator or anonymous)
    created_at: datetime
    reason: str  # why it was hidden (hidden posts)
    held_by: str  # why it waits: "filter" or "pre_approval" (waiting posts)
    held_words: str  # the words the filter matched (waiting posts)


@dataclass(frozen=True)
class ModerationView:
    """Everything the console's moderation tab draws, read in one snapshot."""

    rules: ModerationRules
    pending: list[ModeratedPost]  # oldest first: the queue in the order posts came
    hidden: list[ModeratedPost]  # the latest hidden first
    visible: list[ModeratedPost]  # newest first: what can be hidden
    log: list[LogLine]  # newest first
    log_total: int


def moderation_view(*, session: Session, forum_id: int, log_limit: int = 200) -> ModerationView:
    """The queue, the hidden posts, the posts that show, the audit log and the rules of a forum."""
    rows = list(
        session.exec(
            select(Contribution)
            .where(
                Contribution.forum_id == forum_id,
                col(Contribution.status).in_(
                    [ContributionStatus.PENDING, ContributionStatus.HIDDEN, ContributionStatus.VISIBLE]
                ),
            )
            .order_by(col(Contribution.id))
        )
    )
    ids = [saved_id(row) for row in rows if row.status != ContributionStatus.VISIBLE]
    hiding = latest(session=session, contribution_ids=ids, actions=HIDING)
    holds = latest(session=session, contribution_ids=ids, actions=[ModerationAction.HELD])
    names = author_names(session=session, participant_ids={row.participant_id for row in rows if row.participant_id})

    def shown(row: Contribution) -> ModeratedPost:
        cid = saved_id(row)
        hold = holds.get(cid)
        return ModeratedPost(
            id=cid,
            version=row.version,
            kind=ContributionKind(row.kind),
            text=row.text,
            status=ContributionStatus(row.status),
            author=names.get(row.participant_id or 0, ""),
            created_at=row.created_at,
            reason=hiding[cid].reason if cid in hiding else "",
            held_by=hold.by_role if hold else "",
            held_words=hold.detail if hold else "",
        )

    posts = [shown(row) for row in rows]
    hidden = [post for post in posts if post.status == ContributionStatus.HIDDEN]
    hidden.sort(key=lambda post: hiding[post.id].id or 0 if post.id in hiding else 0, reverse=True)
    return ModerationView(
        rules=moderation_rules(session=session, forum_id=forum_id),
        pending=[post for post in posts if post.status == ContributionStatus.PENDING],
        hidden=hidden,
        visible=[post for post in reversed(posts) if post.status == ContributionStatus.VISIBLE],
        log=moderation_log(session=session, forum_id=forum_id, limit=log_limit),
        log_total=log_count(session=session, forum_id=forum_id),
    )


def queue_size(*, session: Session, forum_id: int) -> int:
    """How many posts wait for the facilitator."""
    waiting = (Contribution.forum_id == forum_id, Contribution.status == ContributionStatus.PENDING)
    return session.exec(select(func.count()).where(*waiting)).one()
