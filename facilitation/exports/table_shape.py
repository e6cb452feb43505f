"""The shape every exported table has: localised headings over rows of plain values."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from facilitation.core.i18n import THAI_TIME, t
from models import Sector

Cell = str | int | date | datetime | None
# Excel refuses a sheet name longer than 31 characters or holding any of these.
SHEET_NAME_MAX = 31
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


class ColumnKind(StrEnum):
    TEXT = "text"
    INT = "int"
    BAHT = "baht"
    DATE = "date"
    DATETIME = "datetime"


@dataclass(frozen=True)
class Column:
    heading: str  # in the export's language
    kind: ColumnKind = ColumnKind.TEXT


@dataclass(frozen=True)
class Table:
    """One sheet of the workbook, or one CSV file: rows of plain values under localised headings."""

    key: str  # names its file: "participants", "contributions", …
    title: str  # the sheet's name in the export's language (a valid Excel sheet name)
    columns: list[Column]
    rows: list[tuple[Cell, ...]]


def sheet_title(text: str) -> str:
    """`text` as Excel accepts a sheet name: none of []:*?/\\ and at most 31 characters."""
    return _NOT_IN_SHEET_NAMES.sub(" ", text).strip()[:SHEET_NAME_MAX]


def thai_clock(moment: datetime) -> datetime:
    """A stored (UTC) moment as Thailand's wall clock, without a zone: what a spreadsheet cell holds."""
    return moment.astimezone(THAI_TIME).replace(tzinfo=None)


def make_table(
    key: str, title: str, lang: str, columns: Sequence[tuple[str, ColumnKind]], rows: list[tuple[Cell, ...]]
) -> Table:
    """A table named `key`, its title and headings the catalogue's strings `title` and `columns` in `lang`."""
    return Table(
        key=key,
        title=sheet_title(t(title, lang)),
        columns=[Column(t(heading, lang), kind) for heading, kind in columns],
        rows=rows,
    )


def sector_name(value: str | None, lang: str) -> str:
    """A sector's name in `lang`; "" for a row with no author."""
    return t(f"sector_{Sector(value).value}", lang) if value else ""
