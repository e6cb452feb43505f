"""The forum's tables as one Excel workbook: a sheet per table, Thai headers, filters, Buddhist-era dates."""

import unicodedata
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, NamedStyle
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


def _styles(book: Any, lang: str) -> dict[ColumnKind | None, str]:
    """The workbook's cell styles by column kind (None: the header row), each registered once.

    A cell that names its style costs a look-up; one given a font of its own costs a hash of the
    font, which took 40% of the time to write 5,000 posts.
    """
    day, moment = DATE_FORMATS.get(lang, DATE_FORMATS["th"])
    formats = {ColumnKind.BAHT: BAHT, ColumnKind.DATE: day, ColumnKind.DATETIME: moment}
    names: dict[ColumnKind | None, str] = {}
    for kind in ColumnKind:
        names[kind] = f"forum {kind.value}"
        font = Font(name=FONT_FAMILY, size=FONT_SIZE)
        book.add_named_style(NamedStyle(name=names[kind], font=font, number_format=formats.get(kind, "General")))
    names[None] = "forum heading"
    book.add_named_style(NamedStyle(name=names[None], font=Font(name=FONT_FAMILY, size=FONT_SIZE, bold=True)))
    return names


def _cell(sheet: Any, value: Cell, style: str) -> Any:
    # An empty cell is written too, in the sheet's font: what someone types there later matches.
    cell = WriteOnlyCell(sheet, value=_shown(value) if isinstance(value, str) else value)
    cell.style = style
    return cell


def forum_workbook(tables: list[Table], lang: str) -> bytes:
    """`tables` as an .xlsx file: one sheet each, bold frozen header row, filters, real dates and numbers."""
    book = Workbook(write_only=True)
    styles = _styles(book, lang)
    for table in tables:
        sheet = book.create_sheet(table.title)
        for number, width in enumerate(_column_widths(table), start=1):
            sheet.column_dimensions[get_column_letter(number)].width = width
        last = get_column_letter(max(len(table.columns), 1))
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"
        sheet.print_title_rows = "1:1"  # printed, every page repeats the header
        sheet.append([_cell(sheet, column.heading, styles[None]) for column in table.columns])
        names = [styles[column.kind] for column in table.columns]
        for row in table.rows:
            sheet.append([_cell(sheet, value, style) for value, style in zip(row, names, strict=True)])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def workbook_filename(forum: Forum) -> str:
    """`forum-K7M2QX-2027-02-18.xlsx`."""
    return f"forum-{forum.code}-{forum.forum_date.isoformat()}.xlsx"
