"""Act and follow up: owners' private progress links, their reports, and how much each commitment counts.

A progress link is a random token shown once to the console that made it; only its hash is
stored (as the other links). It opens exactly one subject, a commitment or an action item,
and nothing else: not the forum, not another item. Reports are never changed: each is a new
row, so the history is the list of reports. All of it works after the forum has closed
(policy.IN_EVERY_STAGE). Reads of progress for the screens are in progress_read.py.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from facilitation.core.db import insert_once
from facilitation.core.errors import (
    InvalidBudget,
    InvalidPercent,
    InvalidWeight,
    ProgressLinkInvalid,
    ProgressMoved,
    ProgressSubjectNotFound,
    ReportDateInFuture,
    StaleEdit,
)
from facilitation.core.text import clean_text
from facilitation.core.tokens import hash_token, is_token, new_token
from facilitation.forum.follow_up import bump_with_reviewers
from facilitation.forum.plans import MAX_BUDGET_BAHT
from facilitation.forum.policy import Action, require
from facilitation.forum.progress_read import latest_reports, thai_today
from facilitation.live.changes import Topic
from models import (
    ActionItem,
    Commitment,
    CommitmentWeight,
    Forum,
    OwnerLink,
    ProgressReport,
    ProgressStatus,
    ProgressSubject,
    utcnow,
)

NOTE_MAX = 500  # a dated note, read on a phone: what was done, what is in the way
MAX_WEIGHT = 100


@dataclass(frozen=True)
class Subject:
    """What a progress link or report is about, with what its owner's page shows of it."""

    forum_id: int
    kind: ProgressSubject
    id: int
    item: ActionItem  # the item itself, or the one the commitment is made to
    commitment: Commitment | None
    forum_title: str
    forum_language: str


@dataclass(frozen=True)
class NewOwnerLink:
    """A progress link as made: the token is here once and never stored."""

    token: str
    subject_kind: ProgressSubject
    subject_id: int
    created_at: datetime


@dataclass(frozen=True)
class ProgressForm:
    """A report as a form sends it: what was typed, whom it was drawn for, and from which report.

    `seen` is the id of the newest report the form was drawn from (None: none yet); `creation_key`
    is drawn with the form, so a double tap stores one report.
    """

    subject_kind: ProgressSubject
    subject_id: int
    status: ProgressStatus
    percent: int
    note: str
    spent_baht: int
    reported_on: date
    seen: int | None
    creation_key: str


@dataclass(frozen=True)
class Reported:
    report: ProgressReport
    created: bool  # False: the same form sent twice found the report its first send stored


def _subject(session: Session, forum_id: int, kind: ProgressSubject, subject_id: int) -> Subject:
    """The live subject of the forum; raises ProgressSubjectNotFound for another forum's, a deleted or a missing one."""
    forum = session.get(Forum, forum_id)
    commitment: Commitment | None = None
    if ProgressSubject(kind) == ProgressSubject.COMMITMENT:
        commitment = session.get(Commitment, subject_id)
        if commitment is None or commitment.forum_id != forum_id:
            raise ProgressSubjectNotFound(kind=str(kind), id=subject_id)
        item = session.get(ActionItem, commitment.action_item_id)
    else:
        item = session.get(ActionItem, subject_id)
    # An item set aside (deleted) takes no reports until it is restored: its screens do not show it.
    if forum is None or item is None or item.forum_id != forum_id or item.deleted_at is not None:
        raise ProgressSubjectNotFound(kind=str(kind), id=subject_id)
    return Subject(
        forum_id=forum_id,
        kind=ProgressSubject(kind),
        id=subject_id,
        item=item,
        commitment=commitment,
        forum_title=forum.title,
        forum_language=str(forum.language),
    )


def owner_link(*, session: Session, forum_id: int, subject_kind: ProgressSubject, subject_id: int) -> NewOwnerLink:
    """Make the subject's progress link, revoking the one before (if any): the new token is returned once."""
    require(session=session, forum_id=forum_id, action=Action.OPEN_PROGRESS_LINK)
    _subject(session, forum_id, subject_kind, subject_id)
    now = utcnow()
    # Revoked in SQL before the insert: the unique index on live links allows one per subject.
    session.execute(
        update(OwnerLink)
        .where(
            col(OwnerLink.subject_kind) == subject_kind,
            col(OwnerLink.subject_id) == subject_id,
            col(OwnerLink.revoked_at).is_(None),
        )
        .values(revoked_at=now)
    )
    token = new_token()
    session.add(
        OwnerLink(
            forum_id=forum_id,
            subject_kind=subject_kind,
            subject_id=subject_id,
            token_hash=hash_token(token),
            created_at=now,
        )
    )
    session.flush()
    return NewOwnerLink(token=token, subject_kind=ProgressSubject(subject_kind), subject_id=subject_id, created_at=now)


def subject_for_link(*, session: Session, token: str | None) -> Subject:
    """The one subject a live progress link opens; raises ProgressLinkInvalid for anything else."""
    if not is_token(token):
        raise ProgressLinkInvalid()
    link = session.exec(
        select(OwnerLink).where(OwnerLink.token_hash == hash_token(token), col(OwnerLink.revoked_at).is_(None))
    ).first()
    if link is None:
        raise ProgressLinkInvalid()
    try:
        return _subject(session, link.forum_id, ProgressSubject(link.subject_kind), link.subject_id)
    except ProgressSubjectNotFound:
        raise ProgressLinkInvalid() from None


def link_made_at(
    *, session: Session, forum_id: int, subject_kind: ProgressSubject, subject_ids: list[int]
) -> dict[int, datetime]:
    """When each subject's live link was made (subjects without one are left out): the console says so."""
    if not subject_ids:
        return {}
    rows = session.exec(
        select(OwnerLink.subject_id, OwnerLink.created_at).where(
            OwnerLink.forum_id == forum_id,
            OwnerLink.subject_kind == subject_kind,
            col(OwnerLink.subject_id).in_(subject_ids),
            col(OwnerLink.revoked_at).is_(None),
        )
    ).all()
    return dict(rows)


def _cleaned(form: ProgressForm, today: date) -> dict[str, Any]:
    if not 0 <= form.percent <= 100:
        raise InvalidPercent(percent=form.percent, field="progress_percent")
    if form.spent_baht < 0 or form.spent_baht > MAX_BUDGET_BAHT:
        raise InvalidBudget(budget=form.spent_baht, limit=MAX_BUDGET_BAHT, field="progress_spent")
    if form.reported_on > today:
        raise ReportDateInFuture(field="progress_date")
    return {
        "status": ProgressStatus(form.status),
        "percent": int(form.percent),
        "note": clean_text(form.note, max_length=NOTE_MAX, required=False, field="progress_note"),
        "spent_baht": int(form.spent_baht),
        "reported_on": form.reported_on,
    }


def _report(session: Session, subject: Subject, form: ProgressForm, reported_by: str) -> Reported:
    values = _cleaned(form, thai_today())
    kind, subject_id = subject.kind, subject.id

    def first_sent() -> ProgressReport | None:
        return session.exec(
            select(ProgressReport).where(
                ProgressReport.subject_kind == kind,
                ProgressReport.subject_id == subject_id,
                ProgressReport.creation_key == form.creation_key,
            )
        ).first()

    # A second tap of the same form finds the first one's report before the version check,
    # which that report has just made stale.
    if (repeated := first_sent()) is not None:
        return Reported(repeated, created=False)
    newest = latest_reports(session=session, subject_kind=kind, subject_ids=[subject_id]).get(subject_id)
    # Nothing reported yet: there is nothing a stale form could hide, whatever it says it saw.
    if newest is not None and newest.id != form.seen:
        session.expunge(newest)  # the rollback after the refusal must not expire what the page shows
        raise ProgressMoved(
            current=newest, status=str(newest.status), percent=newest.percent, reported_on=newest.reported_on
        )
    row = ProgressReport(
        forum_id=subject.forum_id,
        subject_kind=kind,
        subject_id=subject_id,
        reported_by=reported_by,
        creation_key=form.creation_key,
        **values,
    )
    report, created = insert_once(session, row, first_sent)
    if created:
        # The plan's cards, the projector's plan and the console's progress tab show it, and so do
        # the follow-up forums reviewing this one (their screens watch only their own counters).
        bump_with_reviewers(session=session, forum_id=subject.forum_id, topics=[Topic.PROGRESS])
    return Reported(report, created=created)


def report_progress(*, session: Session, token: str | None, form: ProgressForm) -> Reported:
    """The owner's report through their progress link; refused unless the form is for the link's own subject."""
    subject = subject_for_link(session=session, token=token)
    # The form names the subject it was drawn for: a form of another item sent with this link opens nothing.
    if (subject.kind, subject.id) != (ProgressSubject(form.subject_kind), form.subject_id):
        raise ProgressLinkInvalid()
    # Locks the forum's row: two reports on one subject are checked against the newest one in turn.
    require(session=session, forum_id=subject.forum_id, action=Action.REPORT_PROGRESS)
    return _report(session, subject, form, "owner")


def report_progress_for(*, session: Session, forum_id: int, form: ProgressForm) -> Reported:
    """The facilitator's report on a subject of their forum (an owner without a phone, a report told in the room)."""
    require(session=session, forum_id=forum_id, action=Action.REPORT_PROGRESS)
    subject = _subject(session, forum_id, form.subject_kind, form.subject_id)
    return _report(session, subject, form, "facilitator")


def progress_history(*, session: Session, subject_kind: ProgressSubject, subject_id: int) -> list[ProgressReport]:
    """Every report on the subject, newest first: the timeline its page and the console show."""
    return list(
        session.exec(
            select(ProgressReport)
            .where(ProgressReport.subject_kind == subject_kind, ProgressReport.subject_id == subject_id)
            .order_by(col(ProgressReport.id).desc())
        ).all()
    )


def weights(*, session: Session, commitment_ids: list[int]) -> dict[int, CommitmentWeight]:
    """The weights set for these commitments (a commitment without one counts 1, at version 0)."""
    if not commitment_ids:
        return {}
    rows = session.exec(select(CommitmentWeight).where(col(CommitmentWeight.commitment_id).in_(commitment_ids)))
    return {row.commitment_id: row for row in rows}


def set_weight(*, session: Session, forum_id: int, commitment_id: int, weight: int, seen: int) -> CommitmentWeight:
    """Set how much a commitment counts in its item's progress, if its weight is still at version `seen` (0: never set).

    Raises StaleEdit (carrying the weight now) when another tab saved first.
    """
    if not 0 <= weight <= MAX_WEIGHT:
        raise InvalidWeight(weight=weight, limit=MAX_WEIGHT, field="progress_weight")
    require(session=session, forum_id=forum_id, action=Action.SET_WEIGHT)
    _subject(session, forum_id, ProgressSubject.COMMITMENT, commitment_id)
    now = utcnow()
    if seen == 0:
        # Drawn before any weight was set: refused if one is set now (the unique key settles a race).
        if session.get(CommitmentWeight, commitment_id, populate_existing=True) is not None:
            _stale_weight(session, commitment_id)
        row = CommitmentWeight(commitment_id=commitment_id, weight=weight, version=1, updated_at=now)
        try:
            with session.begin_nested():
                session.add(row)
        except IntegrityError:
            _stale_weight(session, commitment_id)
    else:
        result = session.execute(
            update(CommitmentWeight)
            .where(col(CommitmentWeight.commitment_id) == commitment_id, col(CommitmentWeight.version) == seen)
            .values(weight=weight, version=CommitmentWeight.version + 1, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount == 0:  # type: ignore[attr-defined]
            _stale_weight(session, commitment_id)
    saved = session.get(CommitmentWeight, commitment_id, populate_existing=True)
    assert saved is not None
    bump_with_reviewers(session=session, forum_id=forum_id, topics=[Topic.PROGRESS])
    return saved


def _stale_weight(session: Session, commitment_id: int) -> None:
    current = session.get(CommitmentWeight, commitment_id, populate_existing=True)
    if current is not None:
        session.expunge(current)
    raise StaleEdit(current=current)
