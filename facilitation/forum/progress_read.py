"""Reading progress: the newest report of each commitment and item, and each item's progress rolled up.

Shared by every screen that shows progress (plan cards, projector, review stage, summary, dashboard);
writes are in facilitation/forum/progress.py.
"""

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from facilitation.core.i18n import THAI_TIME
from models import (
    ActionItem,
    CarriedItem,
    Commitment,
    CommitmentWeight,
    ProgressReport,
    ProgressStatus,
    ProgressSubject,
)


def thai_today() -> date:
    """Today in Thailand, whatever the server's clock zone: a report dated today is never refused as future."""
    return datetime.now(THAI_TIME).date()


STALLED_AFTER = timedelta(weeks=6)  # no report for this long, and not done: flagged as stalled
FINISHED = frozenset({ProgressStatus.DONE, ProgressStatus.DROPPED})


def latest_reports(
    *, session: Session, subject_kind: ProgressSubject, subject_ids: Collection[int]
) -> dict[int, ProgressReport]:
    """The newest report of each subject that has one (one query, however many subjects)."""
    if not subject_ids:
        return {}
    newest = (
        select(func.max(ProgressReport.id))
        .where(ProgressReport.subject_kind == subject_kind, col(ProgressReport.subject_id).in_(subject_ids))
        .group_by(col(ProgressReport.subject_id))
    )
    found = session.exec(select(ProgressReport).where(col(ProgressReport.id).in_(newest))).all()
    return {report.subject_id: report for report in found}


def _newest_figures(*, session: Session, subject_kind: ProgressSubject, subject_ids: Collection[int]) -> dict[int, Any]:
    """As latest_reports, as plain rows of the figures a roll-up reads (status, percent, spent, day).

    An area's items have thousands of reports: loading each as an ORM object took most of the time.
    """
    if not subject_ids:
        return {}
    newest = (
        select(func.max(ProgressReport.id))
        .where(ProgressReport.subject_kind == subject_kind, col(ProgressReport.subject_id).in_(subject_ids))
        .group_by(col(ProgressReport.subject_id))
    )
    figures = select_columns(
        col(ProgressReport.subject_id),
        col(ProgressReport.status),
        col(ProgressReport.percent),
        col(ProgressReport.spent_baht),
        col(ProgressReport.reported_on),
    ).where(col(ProgressReport.id).in_(newest))
    return {row.subject_id: row for row in session.execute(figures).all()}


@dataclass(frozen=True)
class ItemProgress:
    """An action item's progress: its own newest report, or else the weighted mean of its commitments'."""

    item_id: int
    percent: int
    status: ProgressStatus
    last_reported: date | None  # the newest report on the item or any of its commitments
    spent_baht: int  # the item's own newest figure, or else the sum of its commitments' newest
    reports: int  # how many subjects (the item, its commitments) have reported at all

    def overdue(self, end_date: date | None, today: date) -> bool:
        """Its end date has passed and it is neither done nor dropped."""
        return end_date is not None and end_date < today and self.status not in FINISHED

    def stalled(self, since: date, today: date) -> bool:
        """Not finished and nothing reported for STALLED_AFTER (counted from `since` when never reported)."""
        return self.status not in FINISHED and (self.last_reported or since) < today - STALLED_AFTER

    def due(self, start_date: date | None, end_date: date | None, today: date) -> str | None:
        """The flag plan cards and filed reports show: "overdue", "stalled" (started, silent too long) or None."""
        if self.overdue(end_date, today):
            return "overdue"
        if start_date is not None and start_date <= today and self.stalled(start_date, today):
            return "stalled"
        return None


def _derived(statuses: list[ProgressStatus]) -> ProgressStatus:
    """An item's status from its commitments' when the item has no report of its own."""
    if not statuses:
        return ProgressStatus.NOT_STARTED
    if all(status in FINISHED for status in statuses):
        return ProgressStatus.DONE if ProgressStatus.DONE in statuses else ProgressStatus.DROPPED
    if ProgressStatus.BLOCKED in statuses:
        return ProgressStatus.BLOCKED
    if any(status in (ProgressStatus.IN_PROGRESS, ProgressStatus.DONE) for status in statuses):
        return ProgressStatus.IN_PROGRESS
    return ProgressStatus.NOT_STARTED


def _rolled_up(parts: list[tuple[int, int, ProgressStatus]]) -> int:
    """The weighted mean percent of (weight, percent, status) parts, dropped parts left out.

    A commitment its owner dropped no longer holds its item back: one done and one dropped is a
    done item at 100 %, not "done" at 50 %. When every part is dropped, all of them count. Every
    weight 0: a plain mean. Halves round up, so a little done never shows as 0 %.
    """
    if not parts:
        return 0
    kept = [part for part in parts if part[2] != ProgressStatus.DROPPED] or parts
    total = sum(weight for weight, _, _ in kept)
    if total:
        mean = sum(weight * percent for weight, percent, _ in kept) / total
    else:
        mean = sum(percent for _, percent, _ in kept) / len(kept)
    return int(mean + 0.5)


def item_progress(*, session: Session, item_ids: Collection[int]) -> dict[int, ItemProgress]:
    """Each item's progress, in a fixed number of queries.

    An item's own report (its owner's, or the facilitator's) is what the item says; without one,
    its percent is the mean of its commitments' newest percents weighted by their weights (1 when
    none is set; a plain mean when every weight is 0), a commitment with no report counting 0
    and a dropped one not at all (see _rolled_up).
    """
    if not item_ids:
        return {}
    own = _newest_figures(session=session, subject_kind=ProgressSubject.ACTION_ITEM, subject_ids=item_ids)
    commitments = session.exec(
        select(Commitment.id, Commitment.action_item_id, CommitmentWeight.weight)
        .select_from(Commitment)
        .join(CommitmentWeight, col(CommitmentWeight.commitment_id) == Commitment.id, isouter=True)
        .where(col(Commitment.action_item_id).in_(item_ids))
    ).all()
    reported = _newest_figures(
        session=session,
        subject_kind=ProgressSubject.COMMITMENT,
        subject_ids=[commitment_id for commitment_id, _, _ in commitments if commitment_id is not None],
    )
    by_item: dict[int, list[tuple[int, int]]] = {}
    for commitment_id, item_id, weight in commitments:
        if commitment_id is not None:
            by_item.setdefault(item_id, []).append((commitment_id, 1 if weight is None else weight))
    result: dict[int, ItemProgress] = {}
    for item_id in item_ids:
        parts = by_item.get(item_id, [])
        theirs = [reported[c] for c, _ in parts if c in reported]
        dates = [report.reported_on for report in theirs]
        mine = own.get(item_id)
        if mine is not None:
            dates.append(mine.reported_on)
            percent, status, spent = mine.percent, ProgressStatus(mine.status), mine.spent_baht
        else:
            statuses = [
                ProgressStatus(reported[c].status) if c in reported else ProgressStatus.NOT_STARTED for c, _ in parts
            ]
            percent = _rolled_up(
                [
                    (weight, reported[c].percent if c in reported else 0, status)
                    for (c, weight), status in zip(parts, statuses, strict=True)
                ]
            )
            # A commitment that never reported has not started: one done of three is not a done item.
            status = _derived(statuses)
            spent = sum(report.spent_baht for report in theirs)
        result[item_id] = ItemProgress(
            item_id=item_id,
            percent=percent,
            status=status,
            last_reported=max(dates, default=None),
            spent_baht=spent,
            reports=len(theirs) + (mine is not None),
        )
    return _with_carried(session, result)


def _with_carried(session: Session, result: dict[int, ItemProgress]) -> dict[int, ItemProgress]:
    """An item carried from an earlier forum and not reported on since stands where the earlier one stood."""
    silent = [item_id for item_id, progress in result.items() if not progress.reports]
    if not silent:
        return result
    carried = dict(
        session.exec(
            select(CarriedItem.action_item_id, CarriedItem.earlier_item_id).where(
                col(CarriedItem.action_item_id).in_(silent)
            )
        ).all()
    )
    earlier = item_progress(session=session, item_ids=set(carried.values()))  # walks back a longer series
    return result | {item_id: replace(earlier[was], item_id=item_id) for item_id, was in carried.items()}


def forum_item_ids(*, session: Session, forum_id: int) -> list[int]:
    """The forum's live action items, in the plan's order."""
    found = session.exec(
        select(ActionItem.id)
        .where(ActionItem.forum_id == forum_id, col(ActionItem.deleted_at).is_(None))
        .order_by(col(ActionItem.id))
    )
    return [item_id for item_id in found if item_id is not None]
