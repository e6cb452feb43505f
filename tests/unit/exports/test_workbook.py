"""workbook: openpyxl reopens the file and finds every row; headers, filters, Buddhist-era dates, no formula runs."""

import io
from collections.abc import Iterator
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from sqlalchemy import Engine

from facilitation.core.db import read_session, write_session
from facilitation.exports.cells import safe_cell
from facilitation.exports.tables import Column, ColumnKind, Table, forum_tables
from facilitation.exports.workbook import BAHT, THAI_DATE, THAI_DATETIME, WIDTH_MAX, forum_workbook, workbook_filename
from facilitation.sample.load import load_sample_forum
from models import saved_id
from tests.unit.exports.table_forum import COMMITTED_BY, HIDDEN_WORDS, LEAD, PEOPLE, RUDE, VOLUNTEERS, make_table_forum

FORMULAS = ["=1+1", "+66 81", "-5", "@SUM(A1)", "\t=x", "\r=x", '=HYPERLINK("http://x","y")']


def _book(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


def _tables(engine: Engine, forum_id: int, lang: str = "th", *, anonymise: bool = False) -> list[Table]:
    with read_session(engine) as session:
        return forum_tables(session=session, forum_id=forum_id, lang=lang, anonymise=anonymise)


def _cells(book: Workbook) -> Iterator[object]:
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from row


def test_every_row_of_every_table_is_a_sheet_row_under_a_bold_frozen_filtered_header(engine: Engine) -> None:
    """The handmade forum: one sheet per table in order, each row read back with its values."""
    room = make_table_forum(engine)
    tables = _tables(engine, room.id)
    book = _book(forum_workbook(tables, "th"))
    assert book.sheetnames == [table.title for table in tables]
    for table, sheet in zip(tables, book.worksheets, strict=True):
        assert sheet.max_row == len(table.rows) + 1, table.key
        header = list(sheet.iter_rows(min_row=1, max_row=1))[0]
        assert [cell.value for cell in header] == [column.heading for column in table.columns]
        assert all(cell.font.b and cell.font.name == "Sarabun" for cell in header)
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{header[-1].column_letter}{len(table.rows) + 1}"
        for row, cells in zip(table.rows, sheet.iter_rows(min_row=2), strict=True):
            for value, cell in zip(row, cells, strict=True):
                assert cell.font.name == "Sarabun"
                if isinstance(value, str):
                    assert cell.value == (safe_cell(value) or None)
                elif isinstance(value, datetime):  # a day's fraction in the file: equal to the millisecond
                    assert abs((cell.value - value).total_seconds()) < 0.001
                elif isinstance(value, date):
                    assert cell.value == datetime(value.year, value.month, value.day)
                else:
                    assert cell.value == value


def test_dates_are_real_dates_shown_in_the_buddhist_era_and_baht_has_thousands(engine: Engine) -> None:
    room = make_table_forum(engine)
    book = _book(forum_workbook(_tables(engine, room.id), "th"))
    plan = book.worksheets[4]
    headings = [cell.value for cell in plan[1]]
    start = plan.cell(row=2, column=headings.index("เริ่ม") + 1)
    assert start.is_date and start.value == datetime(2027, 3, 1)
    # 01: Western digits, 07: the Thai Buddhist calendar, 041E: Thai ("1 มีนาคม 2570").
    assert start.number_format == THAI_DATE == "[$-107041E]d mmmm yyyy"
    budget = plan.cell(row=2, column=headings.index("งบประมาณ (บาท)") + 1)
    assert (budget.value, budget.number_format, budget.data_type) == (1_234_567, BAHT, "n")
    sent = book.worksheets[1].cell(row=2, column=8)
    assert sent.is_date and isinstance(sent.value, datetime) and sent.number_format == THAI_DATETIME
    undated = plan.cell(row=3, column=headings.index("เริ่ม") + 1)
    assert undated.value is None


def test_an_english_workbook_writes_the_common_era() -> None:
    table = Table("plan", "Plan", [Column("Start", ColumnKind.DATE)], [(date(2027, 3, 1),)])
    cell = _book(forum_workbook([table], "en")).worksheets[0]["A2"]
    assert cell.is_date and cell.number_format == "d mmm yyyy"


@pytest.mark.parametrize("typed", FORMULAS)
def test_a_typed_formula_is_text_that_never_runs(typed: str) -> None:
    table = Table("t", "t", [Column("ข้อความ"), Column("จำนวน", ColumnKind.INT)], [(typed, 5)])
    cell = _book(forum_workbook([table], "th")).worksheets[0]["A2"]
    assert isinstance(cell.value, str) and not cell.value.startswith("=") and cell.data_type != "f"
    assert cell.value == "'" + typed


def test_no_cell_of_a_forums_workbook_is_a_formula(engine: Engine) -> None:
    """Posts, a plan item and a commitment typed as formulas come back as text."""
    room = make_table_forum(engine)
    book = _book(forum_workbook(_tables(engine, room.id), "th"))
    values = [cell.value for cell in _cells(book)]  # type: ignore[attr-defined]
    assert all(cell.data_type != "f" for cell in _cells(book))  # type: ignore[attr-defined]
    assert {"'=1+1", "'+66 81 234 5678", "'-5 บาท", "'@SUM(A1)", "'=2*3 อาสาขับรถ"} <= set(values)
    assert not any(isinstance(value, str) and value.startswith(("=", "+", "-", "@")) for value in values)


@pytest.mark.parametrize("anonymise", [False, True])
def test_hidden_and_held_words_are_nowhere_in_the_workbook(engine: Engine, anonymise: bool) -> None:
    room = make_table_forum(engine)
    book = _book(forum_workbook(_tables(engine, room.id, anonymise=anonymise), "th"))
    text = " ".join(str(cell.value) for cell in _cells(book))  # type: ignore[attr-defined]
    assert HIDDEN_WORDS not in text and RUDE not in text and "เหี้ย" not in text


def test_an_anonymised_workbook_names_no_participant_but_keeps_public_organisations(engine: Engine) -> None:
    room = make_table_forum(engine)
    book = _book(forum_workbook(_tables(engine, room.id, anonymise=True), "th"))
    values = [str(cell.value) for cell in _cells(book)]  # type: ignore[attr-defined]
    for name, organisation in PEOPLE:
        assert not any(name in value or organisation in value for value in values), name
    assert {LEAD, COMMITTED_BY, VOLUNTEERS} <= set(values)


def test_columns_are_as_wide_as_their_content_within_a_cap() -> None:
    table = Table(
        "t",
        "t",
        [Column("ก"), Column("ข้อความ"), Column("วันที่", ColumnKind.DATE)],
        [("สั้น", "ผู้สูงอายุ" * 40, date(2027, 1, 1))],
    )
    sheet = _book(forum_workbook([table], "th")).worksheets[0]
    short, long, day = (sheet.column_dimensions[letter].width for letter in "ABC")
    assert 6 <= short < 12 and long == WIDTH_MAX and day >= 18


def test_control_characters_are_dropped_rather_than_refused() -> None:
    table = Table("t", "t", [Column("ข้อความ")], [("ก\x01ข\x1b",)])
    assert _book(forum_workbook([table], "th")).worksheets[0]["A2"].value == "กข"


def test_the_sample_forum_workbook_has_every_row(engine: Engine) -> None:
    with write_session(engine) as session:
        forum = load_sample_forum(session=session).forum
    tables = _tables(engine, saved_id(forum))
    book = _book(forum_workbook(tables, "th"))
    assert [sheet.max_row for sheet in book.worksheets] == [len(table.rows) + 1 for table in tables]
    assert workbook_filename(forum) == f"forum-{forum.code}-{forum.forum_date.isoformat()}.xlsx"
