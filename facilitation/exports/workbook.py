"""The forum's tables as one Excel workbook: a sheet per table, Thai headers, filters, Buddhist-era dates."""

import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from facilitation.exports.cells import safe_cell
from facilitation.exports.tables import Cell, ColumnKind, Table
from facilitation.exports.thai_text import FONT_FAMILY
from models import Forum

# Excel's locale code xxyyzzzz: xx = 01 Western digits, yy = 07 the Thai Buddhist calendar,
# zzzz = 041E Thai. The cell holds the real date; Excel and LibreOffice show "18 กุมภาพันธ์ 2570".
# "[$-D07041E]" is the same calendar in Thai digits (๑๘/๐๒/๒๕๗๐), harder to read in a table,
# and Excel 365's "[$-th-TH,107]" is shown as a bare number by LibreOffice 7.4.
THAI_DATE = "[$-107041E]d mmmm yyyy"
THAI_DATETIME = "[$-107041E]d mmm yyyy hh:mm"
# English exports write the Common Era, as facilitation.core.i18n.format_date does.
DATE_FORMATS = {"th": (THAI_DATE, THAI_DATETIME), "en": ("d mmm yyyy", "d mmm yyyy hh:mm")}
BAHT = "#,##0"
FONT_SIZE = 11
# Column widths in characters: from the longest cell, within these bounds (a long post wraps
# off the screen rather than making a column a reader must scroll across).
WIDTH_MIN, WIDTH_MAX = 6, 60
DATE_WIDTH = 20


def _shown(text: str) -> str:
    # openpyxl refuses control characters; the text people typed is cleaned of them when stored,
    # but a file is no place to find out that an older row was not.
    return safe_cell(ILLEGAL_CHARACTERS_RE.sub("", text))


def _width(text: str) -> int:
    """How many character cells `text` takes: Thai vowel and tone marks sit on their consonant."""
    return sum(1 for char in text if not unicodedata.combining(char))


def _shown_width(value: Cell) -> int:
    return _width(f"{value:,}" if isinstance(value, int) else str(value or ""))


def _column_widths(table: Table) -> list[float]:
    widths = []
    for index, column in enumerate(table.columns):
        if column.kind in (ColumnKind.DATE, ColumnKind.DATETIME):
            longest = DATE_WIDTH
        else:
            longest = max((_shown_width(row[index]) for row in table.rows), default=0)
        # Headers are bold and sit beside the filter button.
        longest = max(longest, _width(column.heading) + 3)
        widths.append(float(min(max(longest + 2, WIDTH_MIN), WIDTH_MAX)))
    return widths


def _writer(sheet: Any, kind: ColumnKind, lang: str) -> Callable[[Cell], Any]:
    """A function from a value of a column of `kind` to the styled cell the sheet writes."""
    font = Font(name=FONT_FAMILY, size=FONT_SIZE)
    day, moment = DATE_FORMATS.get(lang, DATE_FORMATS["th"])
    number_format = {ColumnKind.BAHT: BAHT, ColumnKind.DATE: day, ColumnKind.DATETIME: moment}.get(kind)

    def write(value: Cell) -> Any:
        # An empty cell is written too, in the sheet's font: what someone types there later matches.
        if isinstance(value, str):
            value = _shown(value)
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = font
        if number_format and isinstance(value, int | date | datetime):
            cell.number_format = number_format
        return cell

    return write


def forum_workbook(tables: list[Table], lang: str) -> bytes:
    """`tables` as an .xlsx file: one sheet each, bold frozen header row, filters, real dates and numbers."""
    book = Workbook(write_only=True)
    bold = Font(name=FONT_FAMILY, size=FONT_SIZE, bold=True)
    for table in tables:
        sheet = book.create_sheet(table.title)
        for number, width in enumerate(_column_widths(table), start=1):
            sheet.column_dimensions[get_column_letter(number)].width = width
        last = get_column_letter(max(len(table.columns), 1))
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"
        sheet.print_title_rows = "1:1"  # printed, every page repeats the header
        headings = []
        for column in table.columns:
            heading = WriteOnlyCell(sheet, value=_shown(column.heading))
            heading.font = bold
            headings.append(heading)
        sheet.append(headings)
        writers = [_writer(sheet, column.kind, lang) for column in table.columns]
        for row in table.rows:
            sheet.append([write(value) for write, value in zip(writers, row, strict=True)])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def workbook_filename(forum: Forum) -> str:
    """`forum-K7M2QX-2027-02-18.xlsx`."""
    return f"forum-{forum.code}-{forum.forum_date.isoformat()}.xlsx"
