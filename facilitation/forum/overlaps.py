"""Overlaps between agencies: two organisations about to do the same thing for the same people.

The study's main advice is that agencies plan together. An overlap is two sides, an action
item (its lead organisation) or a commitment (the organisation named on it), by different
organisations, with similar activities (Thai token similarity), for the same target group,
in the same area and overlapping dates. Flags are worked out from the plan each time they
are read, so editing a plan apart makes its flag go away; the facilitator's mark on a pair
(merged, coordinated, not an overlap) is stored and kept.
"""

from dataclasses import dataclass, replace
from datetime import date
from itertools import combinations
from typing import Literal

from sqlalchemy import update
from sqlmodel import Session, col, select

from facilitation.core.db import insert_once
from facilitation.core.errors import ActionItemNotFound, StaleEdit
from facilitation.core.similar_text import similarity
from facilitation.forum.plans import PlanRow, plan
from facilitation.forum.policy import Action, require
from models import Commitment, OverlapDecision, OverlapMark, saved_id, utcnow

# Measured on real wordings: two agencies' "transport to hospital" plans score about 0.4,
# "home visits" against "transport" for the same bedridden elders about 0.3.
SIMILAR_ACTIVITY = 0.38
SAME_GROUP = 0.5
# Nearly the same words for the same group: one activity, better run once.
MERGE_SIMILARITY = 0.6

Suggestion = Literal["merge", "coordinate"]


@dataclass(frozen=True)
class Side:
    """One organisation's plan: an action item (by its lead) or a commitment to one."""

    key: str  # "item:12" or "commitment:40"
    organisation: str
    what: str  # the activity, or what the organisation committed to
    item_id: int
    item_number: int
    activity: str
    target_group: str
    area: str
    start: date | None
    end: date | None


@dataclass(frozen=True)
class OverlapFlag:
    first: Side
    second: Side
    similarity: float
    suggestion: Suggestion
    decision: OverlapDecision
    version: int  # of the facilitator's mark: 0 when there is none yet

    @property
    def is_open(self) -> bool:
        return self.decision == OverlapDecision.OPEN


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _sides(rows: list[PlanRow]) -> list[Side]:
    sides = []
    for row in rows:
        item = row.item
        own = Side(
            key=f"item:{saved_id(item)}",
            organisation=item.lead_organisation.strip(),
            what=item.activity,
            item_id=saved_id(item),
            item_number=row.number,
            activity=item.activity,
            target_group=item.target_group,
            area=item.area,
            start=item.start_date,
            end=item.end_date,
        )
        if own.organisation:
            sides.append(own)
        for commitment in row.commitments:
            # The lead's own commitment to its item is the item itself.
            if commitment.organisation.strip() and _norm(commitment.organisation) != _norm(own.organisation):
                key, organisation = f"commitment:{commitment.id}", commitment.organisation.strip()
                sides.append(replace(own, key=key, organisation=organisation, what=commitment.text))
    return sides


def _dates_meet(left: Side, right: Side) -> bool:
    # A side with no dates may happen any time: it could meet the other.
    starts = [day for day in (left.start, right.start) if day]
    ends = [day for day in (left.end, right.end) if day]
    return not starts or not ends or max(starts) <= min(ends)


def _same_place(left: Side, right: Side) -> bool:
    # An empty area is the whole forum's area, which holds every village in it.
    return not left.area.strip() or not right.area.strip() or _norm(left.area) == _norm(right.area)


def _same_group(left: Side, right: Side) -> bool:
    if not left.target_group.strip() or not right.target_group.strip():
        return True
    return _norm(left.target_group) == _norm(right.target_group) or (
        similarity(left.target_group, right.target_group) >= SAME_GROUP
    )


def _pair(left: Side, right: Side) -> tuple[Side, Side]:
    # The order a mark is stored in: the same whichever side the facilitator's form names first.
    return (left, right) if left.key < right.key else (right, left)


def _found(sides: list[Side]) -> list[tuple[Side, Side, float]]:
    found: dict[tuple[str, str, int, int], tuple[Side, Side, float]] = {}
    for left, right in combinations(sides, 2):
        if left.item_id == right.item_id or _norm(left.organisation) == _norm(right.organisation):
            continue  # one activity's own partners, or one organisation's own plans
        if not (_dates_meet(left, right) and _same_place(left, right) and _same_group(left, right)):
            continue
        score = similarity(left.what, right.what)
        if score < SIMILAR_ACTIVITY:
            continue
        first, second = _pair(left, right)
        # One flag per two organisations on two activities: an item and its lead's commitments say the same.
        low, high = sorted((_norm(first.organisation), _norm(second.organisation)))
        key = (low, high, min(first.item_id, second.item_id), max(first.item_id, second.item_id))
        if key not in found or score > found[key][2]:
            found[key] = (first, second, score)
    return sorted(found.values(), key=lambda pair: (pair[0].item_number, pair[1].item_number, pair[0].key))


def _marks(session: Session, forum_id: int) -> dict[tuple[str, str], OverlapMark]:
    rows = session.exec(select(OverlapMark).where(OverlapMark.forum_id == forum_id))
    return {(mark.first, mark.second): mark for mark in rows}


def overlaps(*, session: Session, forum_id: int, rows: list[PlanRow] | None = None) -> list[OverlapFlag]:
    """Every overlap in the forum's plan now, in plan order, with the facilitator's mark on each.

    `rows`: the plan as the caller read it in this session, so it is not read twice.
    """
    marks = _marks(session, forum_id)
    flags = []
    found = _found(_sides(plan(session=session, forum_id=forum_id) if rows is None else rows))
    for first, second, score in found:
        mark = marks.get((first.key, second.key))
        flags.append(
            OverlapFlag(
                first=first,
                second=second,
                similarity=round(score, 2),
                suggestion="merge"
                if score >= MERGE_SIMILARITY and first.target_group.strip() and second.target_group.strip()
                else "coordinate",
                decision=OverlapDecision(mark.decision) if mark else OverlapDecision.OPEN,
                version=mark.version if mark else 0,
            )
        )
    return flags


def open_overlaps(*, session: Session, forum_id: int, rows: list[PlanRow] | None = None) -> list[OverlapFlag]:
    """The flags nobody has marked yet (or opened again): what the summary lists."""
    return [flag for flag in overlaps(session=session, forum_id=forum_id, rows=rows) if flag.is_open]


def _check_side(session: Session, forum_id: int, key: str) -> None:
    kind, _, number = key.partition(":")
    if kind == "item":
        if not any(saved_id(row.item) == int(number) for row in plan(session=session, forum_id=forum_id)):
            raise ActionItemNotFound(id=int(number) if number.isdigit() else 0)
        return
    found = session.get(Commitment, int(number)) if kind == "commitment" and number.isdigit() else None
    if found is None or found.forum_id != forum_id:
        raise ActionItemNotFound(id=0)


def mark_overlap(
    *, session: Session, forum_id: int, first: str, second: str, decision: OverlapDecision, version: int
) -> OverlapFlag | None:
    """The facilitator's word on the pair `first`–`second`, drawn from mark `version` (0: none yet).

    A mark drawn before someone else's (a second console tab) is refused with StaleEdit and
    the flag as it is now; the same mark sent twice (a double tap) is refused the same way.
    """
    require(session=session, forum_id=forum_id, action=Action.MARK_OVERLAPS)
    first, second = sorted((first, second))
    for key in (first, second):
        _check_side(session, forum_id, key)
    decision = OverlapDecision(decision)
    now = utcnow()
    if version == 0:
        made = OverlapMark(forum_id=forum_id, first=first, second=second, decision=decision, updated_at=now)
        _, created = insert_once(session, made, lambda: _marks(session, forum_id).get((first, second)))
        if not created:
            raise StaleEdit(current=_flag(session, forum_id, first, second))
        return _flag(session, forum_id, first, second)
    result = session.execute(
        update(OverlapMark)
        .where(
            col(OverlapMark.forum_id) == forum_id,
            col(OverlapMark.first) == first,
            col(OverlapMark.second) == second,
            col(OverlapMark.version) == version,
        )
        .values(decision=decision, version=OverlapMark.version + 1, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 0:  # type: ignore[attr-defined]
        raise StaleEdit(current=_flag(session, forum_id, first, second))
    return _flag(session, forum_id, first, second)


def _flag(session: Session, forum_id: int, first: str, second: str) -> OverlapFlag | None:
    session.expire_all()  # the mark as the database holds it now, not a copy read before the write
    for flag in overlaps(session=session, forum_id=forum_id):
        if (flag.first.key, flag.second.key) == (first, second):
            return flag
    return None
