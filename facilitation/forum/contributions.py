"""Share: what participants raise, and how they edit or withdraw their own."""

from collections import defaultdict
from dataclasses import dataclass

from sqlmodel import Session, col, select

from facilitation.core.db import insert_once
from facilitation.core.errors import ContributionNotFound, DuplicateContribution
from facilitation.core.text import clean_text
from facilitation.forum.policy import Action, require
from models import (
    Contribution,
    ContributionCreate,
    ContributionKind,
    ContributionStatus,
    ContributionUpdate,
    Participant,
    Sector,
    saved_id,
    utcnow,
)


@dataclass(frozen=True)
class Posted:
    contribution: Contribution
    created: bool  # False when the same text was already there (a double tap, a resubmit)


@dataclass(frozen=True)
class FeedItem:
    id: int
    kind: ContributionKind
    text: str
    sector: Sector | None
    author: str
    organisation: str


def same_visible(*, session: Session, participant_id: int, kind: ContributionKind, text: str) -> Contribution | None:
    """The author's visible contribution of this kind with exactly this text, if there is one."""
    return session.exec(
        select(Contribution).where(
            Contribution.participant_id == participant_id,
            Contribution.kind == kind,
            Contribution.text == text,
            Contribution.status == ContributionStatus.VISIBLE,
        )
    ).first()


def add_contribution(*, session: Session, participant: Participant, data: ContributionCreate) -> Posted:
    """Post a contribution; posting the same kind and text again returns the first one."""
    text = clean_text(data.text)
    kind = ContributionKind(data.kind)
    require(session=session, forum_id=participant.forum_id, action=Action.POST)
    contribution = Contribution(forum_id=participant.forum_id, participant_id=participant.id, kind=kind, text=text)
    row, created = insert_once(
        session,
        contribution,
        lambda: same_visible(session=session, participant_id=saved_id(participant), kind=kind, text=text),
    )
    return Posted(row, created=created)


def _own(session: Session, participant: Participant, contribution_id: int) -> Contribution:
    contribution = session.get(Contribution, contribution_id)
    if (
        contribution is None
        or contribution.participant_id != participant.id
        or contribution.status != ContributionStatus.VISIBLE
    ):
        raise ContributionNotFound(id=contribution_id)
    return contribution


def edit_contribution(
    *, session: Session, participant: Participant, contribution_id: int, data: ContributionUpdate
) -> Contribution:
    """Change the kind or text of one's own visible contribution."""
    require(session=session, forum_id=participant.forum_id, action=Action.EDIT_OWN_POST)
    contribution = _own(session, participant, contribution_id)
    kind = ContributionKind(data.kind) if data.kind is not None else contribution.kind
    text = clean_text(data.text) if data.text is not None else contribution.text
    clash = same_visible(session=session, participant_id=saved_id(participant), kind=kind, text=text)
    if clash is not None and clash.id != contribution.id:
        raise DuplicateContribution()
    contribution.kind, contribution.text, contribution.updated_at = kind, text, utcnow()
    session.add(contribution)
    return contribution


def withdraw_contribution(*, session: Session, participant: Participant, contribution_id: int) -> Contribution:
    """Take one's own contribution back (kept, marked withdrawn, shown nowhere)."""
    require(session=session, forum_id=participant.forum_id, action=Action.WITHDRAW_OWN_POST)
    contribution = _own(session, participant, contribution_id)
    contribution.status = ContributionStatus.WITHDRAWN
    contribution.updated_at = utcnow()
    session.add(contribution)
    return contribution


def my_contributions(*, session: Session, participant: Participant) -> list[Contribution]:
    """One's own visible contributions, newest first."""
    return list(
        session.exec(
            select(Contribution)
            .where(Contribution.participant_id == participant.id, Contribution.status == ContributionStatus.VISIBLE)
            .order_by(col(Contribution.id).desc())
        )
    )


def feed(*, session: Session, forum_id: int) -> dict[ContributionKind, list[FeedItem]]:
    """Every visible contribution of a forum, newest first, grouped by kind (all kinds present)."""
    rows = session.exec(
        select(Contribution, Participant)
        .join(Participant, isouter=True)
        .where(Contribution.forum_id == forum_id, Contribution.status == ContributionStatus.VISIBLE)
        .order_by(col(Contribution.id).desc())
    ).all()
    grouped: dict[ContributionKind, list[FeedItem]] = defaultdict(list)
    for contribution, author in rows:
        grouped[ContributionKind(contribution.kind)].append(
            FeedItem(
                id=saved_id(contribution),
                kind=ContributionKind(contribution.kind),
                text=contribution.text,
                sector=Sector(author.sector) if author else None,
                author=author.display_name if author else "",
                organisation=author.organisation if author else "",
            )
        )
    return {kind: grouped.get(kind, []) for kind in ContributionKind}
