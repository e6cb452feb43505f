"""The action plan in the layout of form ผ.02 (a local development plan's project list), format-neutral.

Rows are grouped by theme (ประเด็น), the budget spread over one column per Thai budget year
(ปีงบประมาณ, 1 October to 30 September, named by the Buddhist-era year it ends in): a local
development plan counts its money by budget year, so those are the columns an officer pastes into.
"""

from dataclasses import dataclass, field
from datetime import date

from facilitation.core.i18n import BUDDHIST_ERA_OFFSET, format_date, t
from facilitation.exports.report import ForumReport
from facilitation.forum.plans import PlanRow


@dataclass(frozen=True)
class P02Row:
    """One action item as a line of the form."""

    number: int  # the item's number in the forum's plan, so the row can be traced to the summary
    activity: str
    objective: str
    target: str  # เป้าหมาย (ผลผลิตของโครงการ): the target group, and the area when one is named
    budget: int  # baht
    budget_year: int  # the budget year the whole budget is put in: the one the activity starts in
    years: tuple[int, ...]  # every budget year the activity spans
    indicator: str
    expected_result: str
    lead: str
    target_group: str
    dates: str
    partners: str
    fund_source: str  # its name in the report's language

    def budget_in(self, year: int) -> int | None:
        """Baht in `year`'s column; None where the activity has no budget that year."""
        return self.budget if year == self.budget_year else None


@dataclass(frozen=True)
class P02Group:
    """The items of one theme; `theme` is None for items tied to no theme."""

    theme: str | None
    label: str  # the group's heading line
    subtotal_label: str
    rows: list[P02Row] = field(default_factory=list)

    def subtotal(self, year: int) -> int:
        return sum(row.budget_in(year) or 0 for row in self.rows)

    @property
    def total(self) -> int:
        return sum(row.budget for row in self.rows)


@dataclass(frozen=True)
class P02Table:
    title: str
    subtitle: str  # the area and the forum's date
    years: list[int]  # budget years, ascending: one budget column each
    groups: list[P02Group]
    leading_headers: list[str]  # ที่ · โครงการ · วัตถุประสงค์ · เป้าหมาย
    budget_header: str
    year_headers: list[str]  # one per year in `years`
    trailing_headers: list[str]  # ตัวชี้วัด … and the community action-plan columns
    grand_total_label: str
    notes: list[str]  # how budgets were put into years, when it matters

    @property
    def rows(self) -> list[P02Row]:
        return [row for group in self.groups for row in group.rows]

    def grand_total(self, year: int) -> int:
        return sum(group.subtotal(year) for group in self.groups)

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)

    @property
    def column_count(self) -> int:
        return len(self.leading_headers) + len(self.years) + len(self.trailing_headers)


BUDGET_YEAR_START_MONTH = 10  # a Thai government budget year starts on 1 October


def budget_year(day: date) -> int:
    """The Thai budget year of `day`, Buddhist era: 1 Oct 2026 – 30 Sep 2027 is 2570."""
    # Named by the year it ends in, so October to December already belong to the next one.
    ends_in = day.year + 1 if day.month >= BUDGET_YEAR_START_MONTH else day.year
    return ends_in + BUDDHIST_ERA_OFFSET


def budget_year_days(year: int) -> tuple[date, date]:
    """The first and last day of budget year `year` (Buddhist era): 2570 → 1 Oct 2026, 30 Sep 2027."""
    ends_in = year - BUDDHIST_ERA_OFFSET
    return date(ends_in - 1, BUDGET_YEAR_START_MONTH, 1), date(ends_in, BUDGET_YEAR_START_MONTH - 1, 30)


def _years(row: PlanRow, forum_year: int) -> tuple[int, ...]:
    start, end = row.item.start_date, row.item.end_date
    first = budget_year(start) if start else budget_year(end) if end else forum_year
    last = budget_year(end) if end else first
    return tuple(range(first, max(first, last) + 1))


def _target(row: PlanRow, lang: str) -> str:
    item = row.item
    if not item.area:
        return item.target_group
    area = t("p02_area", lang, area=item.area)
    return f"{item.target_group} · {area}" if item.target_group else area


def _line(row: PlanRow, forum_year: int, lang: str) -> P02Row:
    item = row.item
    years = _years(row, forum_year)
    return P02Row(
        number=row.number,
        activity=item.activity,
        objective=item.objective,
        target=_target(row, lang),
        budget=item.budget_baht,
        budget_year=years[0],
        years=years,
        indicator=item.indicator,
        expected_result=item.expected_result,
        lead=item.lead_organisation,
        target_group=item.target_group,
        dates=f"{format_date(item.start_date, lang, short=True)} – {format_date(item.end_date, lang, short=True)}",
        partners=item.partners,
        fund_source=t(f"fund_{item.fund_source}", lang),
    )


def p02_table(report: ForumReport) -> P02Table:
    """The report's action plan as form ผ.02: grouped by each item's first theme, budgets by budget year."""
    lang, forum = report.lang, report.summary.forum
    forum_year = budget_year(forum.forum_date)  # where an item without dates goes
    # A group is keyed by the theme's id, so items tied before and after a rename share it;
    # it shows the theme's name now. Groups follow the order the themes were made.
    themed: dict[int, tuple[str, list[P02Row]]] = {}
    unthemed: list[P02Row] = []
    for plan_row in report.summary.plan:
        line = _line(plan_row, forum_year, lang)
        if plan_row.themes:
            first = plan_row.themes[0]
            themed.setdefault(first.id, (first.renamed_to or first.name, []))[1].append(line)
        else:
            unthemed.append(line)
    groups = [
        P02Group(
            theme=name,
            label=t("p02_group", lang, theme=name),
            subtotal_label=t("p02_subtotal", lang, theme=name),
            rows=rows,
        )
        for _, (name, rows) in sorted(themed.items())
    ]
    if unthemed:
        none = t("p02_no_theme", lang)
        groups.append(
            P02Group(
                theme=None,
                label=t("p02_group", lang, theme=none),
                subtotal_label=t("p02_subtotal", lang, theme=none),
                rows=unthemed,
            )
        )
    lines = [row for group in groups for row in group.rows]
    years = sorted({year for row in lines for year in row.years}) or [forum_year]
    notes = []
    if any(len(row.years) > 1 for row in lines):
        notes.append(t("p02_note_multi_year", lang))
    if any(not (plan_row.item.start_date or plan_row.item.end_date) for plan_row in report.summary.plan):
        opens, closes = (format_date(day, lang, short=True) for day in budget_year_days(forum_year))
        notes.append(t("p02_note_undated", lang, year=forum_year, start=opens, end=closes))
    area = forum.area_name_th if lang == "th" else forum.area_name_en
    return P02Table(
        title=t("p02_title", lang, forum=forum.title),
        subtitle=t("p02_subtitle", lang, area=area, date=format_date(forum.forum_date, lang)),
        years=years,
        groups=groups,
        leading_headers=[t(key, lang) for key in ("p02_no", "p02_project", "p02_objective", "p02_target")],
        budget_header=t("p02_budget", lang),
        year_headers=[t("p02_year", lang, year=year) for year in years],
        trailing_headers=[
            t("p02_indicator", lang),
            t("p02_expected_result", lang),
            t("p02_lead", lang),
            t("plan_target_group", lang),
            t("plan_dates", lang),
            t("plan_partners", lang),
            t("plan_fund_source", lang),
        ],
        grand_total_label=t("p02_grand_total", lang),
        notes=notes,
    )


def leading_cells(row: P02Row) -> list[str]:
    """The row's text before the budget columns."""
    return [str(row.number), row.activity, row.objective, row.target]


def trailing_cells(row: P02Row) -> list[str]:
    """The row's text after the budget columns, in the order of `P02Table.trailing_headers`."""
    return [
        row.indicator,
        row.expected_result,
        row.lead,
        row.target_group,
        row.dates,
        row.partners,
        row.fund_source,
    ]
