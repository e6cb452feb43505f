"""The audit log of moderation: every hold, approval, rejection, hide, restore and settings change, as it happened."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, select

from models import Contribution, ModerationAction, ModerationEvent, Participant, saved_id

FACILITATOR = "facilitator"
# Why a post waits: the word filter matched, or the forum approves every post first.
BY_FILTER, BY_PRE_APPROVAL = "filter", "pre_approval"
# The actions whose reason the author is shown beside a hidden post.
HIDING = (ModerationAction.HIDDEN, ModerationAction.REJECTED)


def record(
    *,
    session: Session,
    forum_id: int,
    action: ModerationAction,
    by_role: str = FACILITATOR,
    post: Contribution | None = None,
    reason: str = "",
    detail: str = "",
) -> None:
    """Add one line to the forum's audit log, in the caller's transaction."""
    session.add(
        ModerationEvent(
            forum_id=forum_id,
            action=action,
            contribution_id=None if post is None else post.id,
            participant_id=None if post is None else post.participant_id,
            by_role=by_role,
            reason=reason,
            detail=detail,
        )
    )


@dataclass(frozen=True)
class LogLine:
    """One line of the audit log as the console and the summary show it."""

    id: int
    at: datetime  # UTC
    action: ModerationAction
    by_role: str
    contribution_id: int | None
    participant_id: int | None
    post_text: str  # the post as it is now ("" for a settings change)
    reason: str
    detail: str


def moderation_log(*, session: Session, forum_id: int, limit: int = 200) -> list[LogLine]:
    """The forum's latest `limit` audit-log lines, newest first."""
    rows = session.exec(
        select(ModerationEvent, Contribution.text)
        .join(Contribution, col(Contribution.id) == ModerationEvent.contribution_id, isouter=True)
        .where(ModerationEvent.forum_id == forum_id)
        .order_by(col(ModerationEvent.id).desc())
        .limit(limit)
    ).all()
    return [
        LogLine(
            id=event.id or 0,
            at=event.at,
            action=ModerationAction(event.action),
            by_role=event.by_role,
            contribution_id=event.contribution_id,
            participant_id=event.participant_id,
            post_text=text or "",
            reason=event.reason,
            detail=event.detail,
        )
        for event, text in rows
    ]


def log_count(*, session: Session, forum_id: int) -> int:
    """How many lines the forum's audit log holds."""
    return session.exec(select(func.count()).where(ModerationEvent.forum_id == forum_id)).one()


def latest(
    *, session: Session, contribution_ids: Collection[int], actions: Collection[ModerationAction]
) -> dict[int, ModerationEvent]:
    """Each post's latest log line of these actions (posts without one are left out)."""
    if not contribution_ids:
        return {}
    found: dict[int, ModerationEvent] = {}
    for event in session.exec(
        select(ModerationEvent)
        .where(
            col(ModerationEvent.contribution_id).in_(set(contribution_ids)),
            col(ModerationEvent.action).in_(list(actions)),
        )
        .order_by(col(ModerationEvent.id))
    ):
        if event.contribution_id is not None:
            found[event.contribution_id] = event  # later lines replace earlier ones
    return found


def hide_reasons(*, session: Session, contribution_ids: Collection[int]) -> dict[int, str]:
    """The reason the facilitator gave for hiding each of these posts (its author sees it)."""
    found = latest(session=session, contribution_ids=contribution_ids, actions=HIDING)
    return {cid: event.reason for cid, event in found.items()}


def author_names(*, session: Session, participant_ids: Collection[int]) -> dict[int, str]:
    """Each participant's name and organisation, as the console names a post's author."""
    if not participant_ids:
        return {}
    rows = session.exec(select(Participant).where(col(Participant.id).in_(set(participant_ids))))
    return {saved_id(person): " · ".join(p for p in (person.display_name, person.organisation) if p) for person in rows}
