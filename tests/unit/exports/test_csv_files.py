"""csv_files: Python's csv reads every table back, Thai intact, no cell a formula, ISO dates, one file per table."""

import csv
import io
import unicodedata
import zipfile
from datetime import date, datetime

import pytest
from sqlalchemy import Engine

from facilitation.core.db import read_session, write_session
from facilitation.exports.cells import safe_cell
from facilitation.exports.csv_files import csv_zip, csv_zip_filename, table_csv
from facilitation.exports.tables import Column, ColumnKind, Table, forum_tables
from facilitation.sample.load import load_sample_forum
from models import saved_id
from tests.unit.exports.table_forum import COMMITTED_BY, HIDDEN_WORDS, LEAD, PEOPLE, RUDE, VOLUNTEERS, make_table_forum

FORMULAS = ["=1+1", "+66 81", "-5", "@SUM(A1)", "\t=x", "\r=x"]
# Marks above and below (ผู้, น้ำ, ที่, ฤทธิ์) and sara am, which NFC must not take apart.
THAI = "ผู้สูงอายุที่บ้านน้ำฤทธิ์กำลังใจ"


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _tables(engine: Engine, forum_id: int, *, anonymise: bool = False) -> list[Table]:
    with read_session(engine) as session:
        return forum_tables(session=session, forum_id=forum_id, lang="th", anonymise=anonymise)


def test_a_table_is_utf8_with_a_bom_a_header_and_a_line_per_row() -> None:
    table = Table(
        "t",
        "ตาราง",
        [Column("ข้อความ"), Column("จำนวน", ColumnKind.INT), Column("งบ", ColumnKind.BAHT)],
        [(THAI, 3, 1_234_567), ('ก,ข "ค"\nง', None, 0)],
    )
    data = table_csv(table)
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads the Thai only with it
    assert _rows(data) == [["ข้อความ", "จำนวน", "งบ"], [THAI, "3", "1234567"], ['ก,ข "ค"\nง', "", "0"]]
    assert unicodedata.is_normalized("NFC", _rows(data)[1][0])


def test_dates_are_iso_and_times_are_thai_wall_clock_to_the_minute() -> None:
    table = Table(
        "t",
        "t",
        [Column("เริ่ม", ColumnKind.DATE), Column("เวลา", ColumnKind.DATETIME)],
        [(date(2027, 3, 1), datetime(2027, 2, 18, 14, 5, 31))],
    )
    assert _rows(table_csv(table))[1] == ["2027-03-01", "2027-02-18 14:05"]


@pytest.mark.parametrize("typed", FORMULAS)
def test_a_typed_formula_is_quoted_as_text(typed: str) -> None:
    table = Table("t", "t", [Column("ข้อความ")], [(typed,)])
    cell = _rows(table_csv(table))[1][0]
    assert cell == "'" + typed and not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_the_zip_holds_one_csv_per_table_each_read_back_whole(engine: Engine) -> None:
    room = make_table_forum(engine)
    tables = _tables(engine, room.id)
    with zipfile.ZipFile(io.BytesIO(csv_zip(tables))) as archive:
        assert archive.namelist() == [f"{table.key}.csv" for table in tables]
        for table in tables:
            rows = _rows(archive.read(f"{table.key}.csv"))
            assert rows[0] == [column.heading for column in table.columns]
            assert len(rows) == len(table.rows) + 1, table.key
            for expected, found in zip(table.rows, rows[1:], strict=True):
                texts = [safe_cell(value) for value in expected if isinstance(value, str)]
                assert [cell for cell, value in zip(found, expected, strict=True) if isinstance(value, str)] == texts
    plan = _rows(table_csv(tables[4]))
    assert plan[1][5:8] == ["2027-03-01", "2027-09-30", "1234567"]
    contributions = _rows(table_csv(tables[1]))
    assert {"'=1+1", "'+66 81 234 5678", "'-5 บาท", "'@SUM(A1)"} <= {row[2] for row in contributions}


@pytest.mark.parametrize("anonymise", [False, True])
def test_hidden_and_held_words_are_in_no_file(engine: Engine, anonymise: bool) -> None:
    room = make_table_forum(engine)
    with zipfile.ZipFile(io.BytesIO(csv_zip(_tables(engine, room.id, anonymise=anonymise)))) as archive:
        text = " ".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())
    assert HIDDEN_WORDS not in text and RUDE not in text and "เหี้ย" not in text


def test_anonymised_files_name_no_participant_but_keep_public_organisations(engine: Engine) -> None:
    room = make_table_forum(engine)
    with zipfile.ZipFile(io.BytesIO(csv_zip(_tables(engine, room.id, anonymise=True)))) as archive:
        cells = {cell for name in archive.namelist() for row in _rows(archive.read(name)) for cell in row}
    for name, organisation in PEOPLE:
        assert not any(name in cell or organisation in cell for cell in cells), name
    assert {LEAD, COMMITTED_BY, VOLUNTEERS} <= cells


def test_the_sample_forum_keeps_its_thai(engine: Engine) -> None:
    with write_session(engine) as session:
        forum = load_sample_forum(session=session).forum
    tables = _tables(engine, saved_id(forum))
    participants = _rows(table_csv(tables[0]))
    assert [row[0] for row in participants[1:]] == [row[0] for row in tables[0].rows]
    assert all(unicodedata.is_normalized("NFC", cell) for row in participants for cell in row)
    assert csv_zip_filename(forum) == f"forum-{forum.code}-{forum.forum_date.isoformat()}-csv.zip"
