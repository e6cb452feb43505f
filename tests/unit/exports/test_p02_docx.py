"""p02_docx: the ผ.02 table in Word, reopened by python-docx: landscape, repeating header, groups, totals, Thai font."""

import unicodedata

import pytest
from docx.enum.section import WD_ORIENT
from sqlalchemy import Engine

from facilitation.exports.p02_docx import p02_docx
from models import saved_id
from tests.factories import make_forum
from tests.unit.exports.docx_checks import header_rows, page_field, paragraph_texts, reopen, thai_font_problems
from tests.unit.exports.plan_forum import (
    ACTIVITIES,
    ELDERS_NOW,
    FORMULAS,
    UNDATED_2570,
    plan_forum,
    report_of,
    sample_forum,
)


@pytest.fixture
def planned(engine: Engine) -> bytes:
    return p02_docx(report_of(engine, plan_forum(engine).forum_id))


def _cells(data: bytes) -> list[list[str]]:
    document = reopen(data)
    (table,) = document.tables
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_a_landscape_a4_page_with_one_table(planned: bytes) -> None:
    document = reopen(planned)
    (section,) = document.sections
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (29.7, 21.0)  # type: ignore[union-attr]
    assert len(document.tables) == 1
    assert page_field(document)


def test_the_two_header_rows_repeat_on_every_page(planned: bytes) -> None:
    """Only the two header rows carry w:tblHeader; งบประมาณ spans the year columns under it."""
    (table,) = reopen(planned).tables
    flags = header_rows(table)
    assert flags[:2] == [True, True] and not any(flags[2:])
    top, below = ([cell.text for cell in row.cells] for row in table.rows[:2])
    assert top[:6] == ["ที่", "โครงการ", "วัตถุประสงค์", "เป้าหมาย (ผลผลิตของโครงการ)", "งบประมาณ (บาท)", "งบประมาณ (บาท)"]
    assert below[4:6] == ["ปีงบประมาณ 2570", "ปีงบประมาณ 2571"]
    assert top[6] == below[6] == "ตัวชี้วัด (KPI)"  # one cell spanning both rows


def test_groups_rows_and_totals(planned: bytes) -> None:
    """Each theme's line, its rows with their budgets in the right year, its subtotal, then the grand total."""
    rows = _cells(planned)[2:]
    labels = [row[0] for row in rows if len(set(row)) == 1]
    assert labels == [f"ประเด็น: {ELDERS_NOW}", "ประเด็น: รายได้และอาชีพ", "ประเด็น: ไม่ระบุประเด็น"]
    by_number = {row[0]: row for row in rows if row[0].isdigit()}
    assert [by_number[str(n)][1] for n in range(1, 6)] == list(ACTIVITIES)
    assert by_number["2"][4:6] == ["", "150,000"]  # Oct 2027 – Mar 2028: budget year 2571 only
    totals = {row[1]: row[4:6] for row in rows if row[1].startswith("รวม")}
    assert totals == {
        f"รวมประเด็น {ELDERS_NOW}": ["60,000", "150,000"],
        "รวมประเด็น รายได้และอาชีพ": ["0", "45,000"],
        "รวมประเด็น ไม่ระบุประเด็น": ["10,000", "20,000"],
        "รวมทั้งสิ้น": ["70,000", "215,000"],
    }
    # Typed text is shown as typed: Word runs no formula.
    assert by_number["4"][1:3] == [FORMULAS[0], FORMULAS[1]]


def test_every_row_of_the_sample_plan_with_its_thai_intact(engine: Engine) -> None:
    report = report_of(engine, sample_forum(engine))
    document = reopen(p02_docx(report))
    texts = {unicodedata.normalize("NFC", text) for text in paragraph_texts(document)}
    for row in report.summary.plan:
        for field in (row.item.activity, row.item.objective, row.item.indicator, row.item.lead_organisation):
            assert unicodedata.normalize("NFC", field) in texts


def test_every_run_is_in_sarabun(planned: bytes) -> None:
    """Latin and complex-script font on every run (Word draws Thai with the latter), sizes and bold for both."""
    document = reopen(planned)
    assert len(paragraph_texts(document)) > 50
    assert thai_font_problems(document) == []


def test_an_empty_plan_gives_the_header_and_a_zero_total(engine: Engine) -> None:
    rows = _cells(p02_docx(report_of(engine, saved_id(make_forum(engine).forum))))
    assert len(rows) == 3 and rows[2][1] == "รวมทั้งสิ้น" and rows[2][4] == "0"


def test_the_note_under_the_table_names_the_budget_year(planned: bytes) -> None:
    """Item 4 has no dates: the note says its budget is in budget year 2570 and when that year runs."""
    assert UNDATED_2570 in paragraph_texts(reopen(planned))
