"""The forum's tables as CSV files, one per table, in a ZIP: UTF-8 with a BOM so Excel reads the Thai."""

import csv
import io
import zipfile
from datetime import date, datetime

from facilitation.exports.cells import safe_cell
from facilitation.exports.tables import Cell, Table
from models import Forum

# Excel takes a CSV without a byte-order mark for the system's code page and garbles Thai.
ENCODING = "utf-8-sig"


def _text(value: Cell) -> str:
    # ISO dates: what a program reading the file parses, in any locale; the workbook shows
    # the Buddhist-era date to people. Times are Thailand's wall clock, as in the workbook.
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return safe_cell(value)
    return "" if value is None else str(value)


def table_csv(table: Table) -> bytes:
    """One table as a CSV file: a header row, then a line per row; no cell can run as a formula."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(column.heading) for column in table.columns])
    writer.writerows([_text(value) for value in row] for row in table.rows)
    return buffer.getvalue().encode(ENCODING)


def csv_name(table: Table) -> str:
    """`participants.csv`: file names by the table's key, plain ASCII whatever the export's language."""
    return f"{table.key}.csv"


def csv_zip(tables: list[Table]) -> bytes:
    """Every table as its own CSV file, in one ZIP."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in tables:
            archive.writestr(csv_name(table), table_csv(table))
    return buffer.getvalue()


def csv_zip_filename(forum: Forum) -> str:
    """`forum-K7M2QX-2027-02-18-csv.zip`."""
    return f"forum-{forum.code}-{forum.forum_date.isoformat()}-csv.zip"
