"""The dashboard's figures as tables: what the page shows, and what it offers as CSV and Excel files."""

from datetime import date

from facilitation.core.i18n import format_date, t
from facilitation.dashboard.item_categories import UNCATEGORISED
from facilitation.dashboard.read import AreaDashboard
from facilitation.exports.table_shape import Cell, Column, ColumnKind, Table, make_table, sheet_title
from facilitation.forum.progress_read import STALLED_AFTER
from facilitation.tree.categories import category_label
from models import FundSource, ProgressStatus

STATUS_KEYS = {
    ProgressStatus.NOT_STARTED: "dashboard_status_not_started",
    ProgressStatus.IN_PROGRESS: "dashboard_status_in_progress",
    ProgressStatus.DONE: "dashboard_status_done",
    ProgressStatus.BLOCKED: "dashboard_status_blocked",
    ProgressStatus.DROPPED: "dashboard_status_dropped",
}
TEXT, INT, BAHT, DATE = ColumnKind.TEXT, ColumnKind.INT, ColumnKind.BAHT, ColumnKind.DATE
STALLED_WEEKS = STALLED_AFTER.days // 7


def status_label(status: ProgressStatus, lang: str) -> str:
    return t(STATUS_KEYS[ProgressStatus(status)], lang)


def category_name(key: str, lang: str) -> str:
    return t("dashboard_uncategorised", lang) if key == UNCATEGORISED else category_label(key, lang)


def fund_name(fund: FundSource, lang: str) -> str:
    return t(f"fund_{FundSource(fund).value}", lang)


def forums_table(board: AreaDashboard, lang: str) -> Table:
    columns = [
        ("dashboard_col_date", DATE), ("dashboard_col_forum", TEXT), ("dashboard_col_code", TEXT),
        ("dashboard_col_area", TEXT), ("dashboard_col_stage", TEXT), ("dashboard_col_participants", INT),
        ("dashboard_col_posts", INT), ("dashboard_col_items", INT), ("dashboard_col_budget", BAHT),
    ]  # fmt: skip
    rows: list[tuple[Cell, ...]] = [
        (
            line.forum_date, line.title, line.code, line.area_name, t(f"stage_{line.stage.value}", lang),
            line.participants, line.contributions, line.action_items, line.budget_baht,
        )
        for line in board.forums
    ]  # fmt: skip
    return make_table("forums", "dashboard_sheet_forums", lang, columns, rows)


def sectors_table(board: AreaDashboard, lang: str) -> Table:
    rows: list[tuple[Cell, ...]] = [
        (t(f"sector_{sector.value}", lang), people) for sector, people in board.participants_by_sector.items()
    ]
    columns = [("dashboard_col_sector", TEXT), ("dashboard_col_people", INT)]
    return make_table("participants_by_sector", "dashboard_sheet_sectors", lang, columns, rows)


def statuses_table(board: AreaDashboard, lang: str) -> Table:
    rows: list[tuple[Cell, ...]] = [(status_label(status, lang), n) for status, n in board.items_by_status.items()]
    columns = [("dashboard_col_status", TEXT), ("dashboard_col_items", INT)]
    return make_table("items_by_status", "dashboard_sheet_statuses", lang, columns, rows)


def funds_table(board: AreaDashboard, lang: str) -> Table:
    rows: list[tuple[Cell, ...]] = [
        (fund_name(fund, lang), tally.items, tally.baht) for fund, tally in board.budget_by_fund.items()
    ]
    columns = [("dashboard_col_fund", TEXT), ("dashboard_col_items", INT), ("dashboard_col_budget", BAHT)]
    return make_table("budget_by_fund", "dashboard_sheet_funds", lang, columns, rows)


def categories_table(board: AreaDashboard, lang: str) -> Table:
    """Every category an item of the area is counted under (the preset order, "uncategorised" last)."""
    rows: list[tuple[Cell, ...]] = [
        (category_name(key, lang), tally.items, tally.baht)
        for key, tally in board.budget_by_category.items()
        if tally.items
    ]
    columns = [("dashboard_col_category", TEXT), ("dashboard_col_items", INT), ("dashboard_col_budget", BAHT)]
    return make_table("budget_by_category", "dashboard_sheet_categories", lang, columns, rows)


def matrix_table(board: AreaDashboard, lang: str) -> Table:
    """Baht by fund source (rows) and welfare category (columns), then each fund's total: non-empty ones only."""
    keys = [key for key, tally in board.budget_by_category.items() if tally.baht]
    funds = [fund for fund, row in board.fund_by_category.items() if any(row.values())]
    headings = [
        t("dashboard_col_fund", lang),
        *(category_name(key, lang) for key in keys),
        t("dashboard_col_total", lang),
    ]
    rows: list[tuple[Cell, ...]] = [
        (
            fund_name(fund, lang),
            *(board.fund_by_category[fund][key] for key in keys),
            sum(board.fund_by_category[fund].values()),
        )
        for fund in funds
    ]
    return Table(
        key="fund_by_category",
        title=sheet_title(t("dashboard_sheet_matrix", lang)),
        columns=[Column(heading, BAHT if index else TEXT) for index, heading in enumerate(headings)],
        rows=rows,
    )


def flag_text(overdue: bool, stalled: bool, lang: str) -> str:
    flags = [t("dashboard_flag_overdue", lang)] if overdue else []
    return ", ".join([*flags, *([t("dashboard_flag_stalled", lang)] if stalled else [])])


def flagged_table(board: AreaDashboard, lang: str) -> Table:
    columns = [
        ("dashboard_col_activity", TEXT), ("dashboard_col_forum", TEXT), ("dashboard_col_date", DATE),
        ("dashboard_col_lead", TEXT), ("dashboard_col_end", DATE), ("dashboard_col_status", TEXT),
        ("dashboard_col_percent", INT), ("dashboard_col_last_report", DATE), ("dashboard_col_flags", TEXT),
    ]  # fmt: skip
    rows: list[tuple[Cell, ...]] = [
        (
            item.activity, item.forum.title, item.forum.forum_date, item.lead_organisation, item.end_date,
            status_label(item.status, lang), item.percent, item.last_reported,
            flag_text(item.overdue, item.stalled, lang),
        )
        for item in board.flagged
    ]  # fmt: skip
    return make_table("overdue_and_stalled", "dashboard_sheet_flagged", lang, columns, rows)


def dashboard_tables(board: AreaDashboard, lang: str) -> list[Table]:
    """Every table of the dashboard, in the page's order."""
    return [
        forums_table(board, lang),
        sectors_table(board, lang),
        statuses_table(board, lang),
        funds_table(board, lang),
        categories_table(board, lang),
        matrix_table(board, lang),
        flagged_table(board, lang),
    ]


def file_name(board: AreaDashboard, table: Table, extension: str) -> str:
    """`dashboard-4001-budget_by_fund.csv`: plain ASCII whatever the page's language."""
    return f"dashboard-{board.area_code}-{table.key}.{extension}"


def shown_columns(table: Table, lang: str) -> dict[str, list[Cell]]:
    """The table as the page shows it, column by column: dates as people write them (Buddhist era in Thai)."""
    shown: dict[str, list[Cell]] = {}
    for index, column in enumerate(table.columns):
        values = [row[index] for row in table.rows]
        if column.kind == DATE:
            values = [format_date(value, lang, short=True) if isinstance(value, date) else "" for value in values]
        shown[column.heading] = values
    return shown
