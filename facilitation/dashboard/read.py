"""The area dashboard's figures: every forum of a province, district or tambon, in a fixed number of queries.

Counts and sums are worked out by the database over the area's forums (GROUP BY); only what
needs an item's progress or welfare category is worked out here, item by item.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Exists, Select, func
from sqlalchemy import select as select_columns
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from facilitation.dashboard.areas import area_name
from facilitation.dashboard.item_categories import UNCATEGORISED, item_categories
from facilitation.forum.progress_read import item_progress
from facilitation.tree.categories import CATEGORY_KEYS
from models import (
    ActionItem,
    CarriedItem,
    Contribution,
    ContributionStatus,
    Forum,
    FundSource,
    Participant,
    ProgressStatus,
    Sector,
    Stage,
)

CATEGORIES = (*CATEGORY_KEYS, UNCATEGORISED)


@dataclass(frozen=True)
class AreaScope:
    """Which forums the dashboard counts: an area down to the level chosen, and the forums' dates."""

    province_code: str
    district_code: str | None = None
    tambon_code: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    def holds(self, forum: Any = Forum) -> list[ColumnElement[bool]]:
        """The conditions a forum (the table, or an alias of it) meets to be counted."""
        conditions = [col(forum.province_code) == self.province_code]
        if self.district_code:
            conditions.append(col(forum.district_code) == self.district_code)
        if self.tambon_code:
            conditions.append(col(forum.tambon_code) == self.tambon_code)
        if self.date_from is not None:
            conditions.append(col(forum.forum_date) >= self.date_from)
        if self.date_to is not None:
            conditions.append(col(forum.forum_date) <= self.date_to)
        return conditions


@dataclass(frozen=True)
class ForumLine:
    forum_id: int
    code: str
    title: str
    forum_date: date
    area_name: str  # the tambon, district and province, as copied when the forum was made
    stage: Stage
    participants: int
    contributions: int  # posts showing (not withdrawn, hidden or waiting)
    action_items: int
    budget_baht: int


@dataclass(frozen=True)
class Tally:
    items: int
    baht: int


@dataclass(frozen=True)
class FlaggedItem:
    """An action item whose end date has passed, or that has not reported for a while, and is not finished."""

    item_id: int
    forum: ForumLine
    activity: str
    lead_organisation: str
    end_date: date | None
    status: ProgressStatus
    percent: int
    last_reported: date | None
    overdue: bool
    stalled: bool


@dataclass(frozen=True)
class AreaDashboard:
    area_code: str  # the tambon's, district's or province's, as chosen
    area_name: str
    forums: list[ForumLine]  # newest first
    participants_by_sector: dict[Sector, int]  # every sector, in Sector's order
    items_by_status: dict[ProgressStatus, int]  # every status, in ProgressStatus's order
    budget_by_fund: dict[FundSource, Tally]  # every fund source
    budget_by_category: dict[str, Tally]  # every category, then "uncategorised"
    fund_by_category: dict[FundSource, dict[str, int]]  # baht: fund source × category
    flagged: list[FlaggedItem]  # soonest end date first

    @property
    def participants(self) -> int:
        return sum(self.participants_by_sector.values())

    @property
    def action_items(self) -> int:
        return sum(self.items_by_status.values())

    @property
    def budget_baht(self) -> int:
        return sum(tally.baht for tally in self.budget_by_fund.values())


def _carried_on(scope: AreaScope) -> Exists:
    """An item carried into a later forum counts there, with its history, and not twice."""
    later, newer = aliased(Forum), aliased(ActionItem)
    return (
        select_columns(col(CarriedItem.action_item_id))
        .join(newer, col(newer.id) == CarriedItem.action_item_id)
        .join(later, col(later.id) == CarriedItem.forum_id)
        .where(col(CarriedItem.earlier_item_id) == ActionItem.id, col(newer.deleted_at).is_(None), *scope.holds(later))
        .exists()
    )


def _counted_items(scope: AreaScope, *columns: Any) -> Select[Any]:
    """The area's live action items, as `columns`."""
    return (
        select_columns(*columns)
        .select_from(ActionItem)
        .join(Forum, col(Forum.id) == ActionItem.forum_id)
        .where(*scope.holds(), col(ActionItem.deleted_at).is_(None), ~_carried_on(scope))
    )


def _forums(session: Session, scope: AreaScope, people: list[tuple[int, Sector, int]], lang: str) -> list[ForumLine]:
    held = session.execute(
        select_columns(
            col(Forum.id), col(Forum.code), col(Forum.title), col(Forum.forum_date), col(Forum.stage),
            col(Forum.area_name_th), col(Forum.area_name_en),
        )
        .where(*scope.holds())
        .order_by(col(Forum.forum_date).desc(), col(Forum.id).desc())
    ).all()  # fmt: skip
    present: Counter[int] = Counter()
    for forum_id, _, count in people:
        present[forum_id] += count
    posts = dict(
        session.execute(
            select_columns(col(Contribution.forum_id), func.count())
            .join(Forum, col(Forum.id) == Contribution.forum_id)
            .where(*scope.holds(), col(Contribution.status) == ContributionStatus.VISIBLE)
            .group_by(col(Contribution.forum_id))
        ).all()
    )
    plans = _plan_totals(session, scope, ActionItem.forum_id)
    return [
        ForumLine(
            forum_id=forum_id,
            code=code,
            title=title,
            forum_date=forum_date,
            area_name=name_th if lang == "th" else name_en,
            stage=Stage(stage),
            participants=present[forum_id],
            contributions=posts.get(forum_id, 0),
            action_items=plans.get(forum_id, Tally(0, 0)).items,
            budget_baht=plans.get(forum_id, Tally(0, 0)).baht,
        )
        for forum_id, code, title, forum_date, stage, name_th, name_en in held
    ]


def _plan_totals(session: Session, scope: AreaScope, by: Any) -> dict[Any, Tally]:
    """How many of the area's action items, and their budget, for each value of `by`."""
    baht = func.coalesce(func.sum(ActionItem.budget_baht), 0)
    rows = session.execute(_counted_items(scope, col(by), func.count(), baht).group_by(col(by))).all()
    return {key: Tally(count, int(total)) for key, count, total in rows}


def _people(session: Session, scope: AreaScope) -> list[tuple[int, Sector, int]]:
    rows = session.execute(
        select_columns(col(Participant.forum_id), col(Participant.sector), func.count())
        .join(Forum, col(Forum.id) == Participant.forum_id)
        .where(*scope.holds())
        .group_by(col(Participant.forum_id), col(Participant.sector))
    ).all()
    return [(forum_id, Sector(sector), count) for forum_id, sector, count in rows]


def area_dashboard(
    *,
    session: Session,
    province_code: str,
    district_code: str | None = None,
    tambon_code: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    lang: str,
    today: date,
) -> AreaDashboard:
    """The forums of an area (their date between `date_from` and `date_to`, both included) and what they planned.

    An action item's welfare category is the one most of the benefits it answers hang on in the
    welfare tree (directly, or through the themes it answers); an item that answers none is
    "uncategorised". It is overdue when its end date is before `today` and it is neither done nor
    dropped, stalled when nothing was reported on it for STALLED_AFTER, counted from its start
    date or its forum's date, whichever is later, when it never reported.
    """
    scope = AreaScope(province_code, district_code, tambon_code, date_from, date_to)
    people = _people(session, scope)
    forums = _forums(session, scope, people, lang)
    sectors: Counter[Sector] = Counter()
    for _, sector, count in people:
        sectors[sector] += count
    funds = _plan_totals(session, scope, ActionItem.fund_source)
    items = session.execute(
        _counted_items(
            scope, col(ActionItem.id), col(ActionItem.forum_id), col(ActionItem.activity),
            col(ActionItem.lead_organisation), col(ActionItem.budget_baht), col(ActionItem.fund_source),
            col(ActionItem.start_date), col(ActionItem.end_date),
        ).order_by(col(ActionItem.id))
    ).all()  # fmt: skip
    categories = item_categories(session=session, item_ids=_counted_items(scope, col(ActionItem.id)))
    progress = item_progress(session=session, item_ids=[row.id for row in items])
    by_forum = {line.forum_id: line for line in forums}
    statuses: Counter[ProgressStatus] = Counter()
    by_category: dict[str, list[int]] = {key: [0, 0] for key in CATEGORIES}
    matrix = {fund: dict.fromkeys(CATEGORIES, 0) for fund in FundSource}
    flagged = []
    for item_id, forum_id, activity, lead, budget, fund, start, end in items:
        found = progress[item_id]
        statuses[found.status] += 1
        category = categories.get(item_id, UNCATEGORISED)
        by_category[category][0] += 1
        by_category[category][1] += budget
        matrix[FundSource(fund)][category] += budget
        forum = by_forum[forum_id]
        since = max(forum.forum_date, start) if start is not None else forum.forum_date
        overdue, stalled = found.overdue(end, today), found.stalled(since, today)
        if overdue or stalled:
            flagged.append(
                FlaggedItem(
                    item_id, forum, activity, lead, end, found.status, found.percent, found.last_reported,
                    overdue, stalled,
                )
            )  # fmt: skip
    flagged.sort(key=lambda item: (item.end_date is None, item.end_date or today, item.forum.forum_date, item.item_id))
    return AreaDashboard(
        area_code=tambon_code or district_code or province_code,
        area_name=area_name(province_code, district_code, tambon_code, lang),
        forums=forums,
        participants_by_sector={sector: sectors[sector] for sector in Sector},
        items_by_status={status: statuses[status] for status in ProgressStatus},
        budget_by_fund={fund: funds.get(fund.value, Tally(0, 0)) for fund in FundSource},
        budget_by_category={key: Tally(*by_category[key]) for key in CATEGORIES},
        fund_by_category=matrix,
        flagged=flagged,
    )
