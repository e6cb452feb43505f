"""The action plan as an Excel sheet in the ผ.02 layout, for a TAO officer to paste rows into their plan."""

import math
import unicodedata
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from facilitation.core.i18n import t
from facilitation.exports.cells import safe_cell
from facilitation.exports.p02 import P02Table, leading_cells, p02_table, trailing_cells
from facilitation.exports.report import ForumReport
from facilitation.exports.thai_text import FONT_FAMILY

BAHT_FORMAT = "#,##0"
TITLE_ROW, SUBTITLE_ROW, HEAD_ROW = 1, 2, 3  # the header takes HEAD_ROW and the row under it
FIRST_DATA_ROW = HEAD_ROW + 2
# Characters wide; Sarabun's Thai is wider than Calibri's Latin, so text columns are generous.
LEADING_WIDTHS = (6, 40, 36, 30)
YEAR_WIDTH = 16  # "ปีงบประมาณ 2570" on one line
TRAILING_WIDTHS = (30, 30, 26, 26, 22, 30, 22)

# Points per line of 11-point Sarabun, whose Thai marks stack above and below the line.
LINE_HEIGHT = 17.0

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="D9E2F3")
_GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTRE = Alignment(wrap_text=True, horizontal="center", vertical="center")


def _font(*, bold: bool = False, size: int = 11) -> Font:
    return Font(name=FONT_FAMILY, bold=bold, size=size)


def _put(
    ws: Worksheet, row: int, column: int, value: str | int | None, *, bold: bool = False, money: bool = False
) -> Cell:
    """Write one cell; text goes in as text, neutralised so nothing a participant typed runs as a formula."""
    cell: Cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = safe_cell(value) if value else None
        cell.data_type = "s"
    else:
        cell.value = value
    if money:
        cell.number_format = BAHT_FORMAT
    cell.font = _font(bold=bold)
    cell.alignment = _WRAP
    cell.border = _BORDER
    return cell


def _header(ws: Worksheet, table: P02Table) -> None:
    last = table.column_count
    for row, text, size in ((TITLE_ROW, table.title, 14), (SUBTITLE_ROW, table.subtitle, 12)):
        cell = ws.cell(row=row, column=1, value=safe_cell(text))
        cell.font = _font(bold=row == TITLE_ROW, size=size)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
    first_year = len(table.leading_headers) + 1
    spans = [
        *((column, text) for column, text in enumerate(table.leading_headers, start=1)),
        *((first_year + len(table.years) + i, text) for i, text in enumerate(table.trailing_headers)),
    ]
    below = HEAD_ROW + 1
    for column, text in spans:
        _put(ws, HEAD_ROW, column, text, bold=True)
        _put(ws, below, column, None)
        ws.merge_cells(start_row=HEAD_ROW, start_column=column, end_row=below, end_column=column)
    for i, text in enumerate(table.year_headers):
        _put(ws, HEAD_ROW, first_year + i, table.budget_header if i == 0 else None, bold=True)
        _put(ws, below, first_year + i, text, bold=True)
    ws.merge_cells(
        start_row=HEAD_ROW, start_column=first_year, end_row=HEAD_ROW, end_column=first_year + len(table.years) - 1
    )
    for row in (HEAD_ROW, below):
        for column in range(1, last + 1):
            ws.cell(row=row, column=column).fill = _HEAD_FILL
            ws.cell(row=row, column=column).alignment = _CENTRE


def _totals(ws: Worksheet, row: int, table: P02Table, label: str, amounts: list[int]) -> None:
    first_year = len(table.leading_headers) + 1
    _put(ws, row, 2, label, bold=True)
    for i, amount in enumerate(amounts):
        _put(ws, row, first_year + i, amount, bold=True, money=True)
    for column in (1, 3, 4, *range(first_year + len(amounts), table.column_count + 1)):
        _put(ws, row, column, None)


def _body(ws: Worksheet, table: P02Table) -> int:
    """The groups, their rows and subtotals and the grand total; returns the last row written."""
    row = FIRST_DATA_ROW
    for group in table.groups:
        _put(ws, row, 1, group.label, bold=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=table.column_count)
        ws.cell(row=row, column=1).fill = _GROUP_FILL
        row += 1
        for line in group.rows:
            # The number as a number, so the sheet sorts and filters by it.
            texts: list[str | int] = [line.number, *leading_cells(line)[1:]]
            for column, text in enumerate(texts, start=1):
                _put(ws, row, column, text)
            for column, year in enumerate(table.years, start=len(texts) + 1):
                _put(ws, row, column, line.budget_in(year), money=True)
            for column, text in enumerate(trailing_cells(line), start=len(texts) + len(table.years) + 1):
                _put(ws, row, column, text)
            row += 1
        _totals(ws, row, table, group.subtotal_label, [group.subtotal(year) for year in table.years])
        row += 1
    _totals(ws, row, table, table.grand_total_label, [table.grand_total(year) for year in table.years])
    return row


def _lines(text: str, width: float) -> int:
    # Thai marks above and below take no width of their own: count the characters that do.
    spacing = sum(1 for char in text if unicodedata.category(char) not in ("Mn", "Me"))
    return max(1, math.ceil(spacing / max(width - 1, 1)))


def _fit_rows(ws: Worksheet, widths: list[float], first: int, last: int) -> None:
    """Row heights for wrapped text: neither Excel nor LibreOffice grows a row written without one."""
    merged = {(r.min_row, r.min_col) for r in ws.merged_cells.ranges if r.max_col > r.min_col}
    for row in range(first, last + 1):
        lines = 1
        for column, width in enumerate(widths, start=1):
            value = ws.cell(row=row, column=column).value
            if isinstance(value, str) and (row, column) not in merged:
                lines = max(lines, _lines(value, width))
        ws.row_dimensions[row].height = lines * LINE_HEIGHT


def p02_xlsx(report: ForumReport) -> bytes:
    """The report's action plan as an .xlsx workbook of one sheet in the ผ.02 layout."""
    table = p02_table(report)
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None  # a new workbook has its one sheet
    ws.title = t("p02_sheet", report.lang)
    _header(ws, table)
    last = _body(ws, table)
    for offset, note in enumerate(table.notes, start=2):
        cell = ws.cell(row=last + offset, column=2, value=safe_cell(note))
        cell.font = _font(size=10)
    widths: list[float] = [*LEADING_WIDTHS, *(YEAR_WIDTH for _ in table.years), *TRAILING_WIDTHS]
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    _fit_rows(ws, widths, HEAD_ROW, last)
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=1)
    ws.auto_filter.ref = f"A{HEAD_ROW + 1}:{get_column_letter(table.column_count)}{last}"
    ws.print_title_rows = f"{HEAD_ROW}:{HEAD_ROW + 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
