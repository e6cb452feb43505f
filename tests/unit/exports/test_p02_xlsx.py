"""p02_xlsx: the ผ.02 sheet reopened by openpyxl: rows, header, totals, Thai, fonts; no typed formula runs."""

import unicodedata
import zipfile
from io import BytesIO

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import Engine

from facilitation.exports.cells import safe_cell
from facilitation.exports.p02 import p02_table
from facilitation.exports.p02_xlsx import YEAR_WIDTH, p02_xlsx
from models import saved_id
from tests.factories import make_forum
from tests.unit.exports.plan_forum import ACTIVITIES, ELDERS_NOW, FORMULAS, plan_forum, report_of, sample_forum


def _sheet(data: bytes) -> Worksheet:
    sheet = load_workbook(BytesIO(data)).active
    assert isinstance(sheet, Worksheet)
    return sheet


def _rows(sheet: Worksheet) -> list[tuple[object, ...]]:
    return list(sheet.iter_rows(values_only=True))


@pytest.fixture
def planned(engine: Engine) -> tuple[bytes, int]:
    forum_id = plan_forum(engine).forum_id
    return p02_xlsx(report_of(engine, forum_id)), forum_id


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("=1+1", "'=1+1"),
        ("+66 81 234 5678", "'+66 81 234 5678"),
        ("-", "'-"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("ผู้สูงอายุ", "ผู้สูงอายุ"),
        ("1+1", "1+1"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_safe_cell_quotes_what_a_spreadsheet_would_run(typed: str, stored: str) -> None:
    assert safe_cell(typed) == stored


def test_every_plan_row_is_found_in_the_sheet(engine: Engine, planned: tuple[bytes, int]) -> None:
    """Each item is one row: its number as a number, its Thai text identical after NFC, its budget an int."""
    data, forum_id = planned
    report = report_of(engine, forum_id)
    rows = _rows(_sheet(data))
    by_number = {row[0]: row for row in rows if isinstance(row[0], int)}
    assert sorted(by_number) == [1, 2, 3, 4, 5]
    for plan_row in report.summary.plan:
        found = by_number[plan_row.number]
        activity = plan_row.item.activity
        expected = safe_cell(activity)
        assert isinstance(found[1], str)
        assert unicodedata.normalize("NFC", found[1]) == unicodedata.normalize("NFC", expected)
    assert [by_number[2][4], by_number[2][5]] == [None, 150_000]  # Oct 2027 – Mar 2028: budget year 2571 only
    assert [by_number[5][4], by_number[5][5]] == [None, 20_000]
    assert [by_number[n][1] for n in (1, 2, 3, 5)] == [ACTIVITIES[0], ACTIVITIES[1], ACTIVITIES[2], ACTIVITIES[4]]


def test_the_sample_forum_reopens_with_every_row(engine: Engine) -> None:
    report = report_of(engine, sample_forum(engine))
    rows = _rows(_sheet(p02_xlsx(report)))
    activities = {row[1] for row in rows}
    for plan_row in report.summary.plan:
        assert plan_row.item.activity in activities
        assert plan_row.item.lead_organisation in {row[8] for row in rows}  # two budget-year columns: lead is I
    # Two items run past 30 September 2027 into budget year 2571; their whole budget stays in 2570.
    grand_total = next(row for row in rows if row[1] == "รวมทั้งสิ้น")
    assert grand_total[:6] == (None, "รวมทั้งสิ้น", None, None, 350_000, 0)


def test_header_title_freeze_filter_and_number_format(planned: tuple[bytes, int]) -> None:
    """Title; two header rows with งบประมาณ merged over the year columns; frozen under the header; filters; #,##0."""
    sheet = _sheet(planned[0])
    assert str(sheet["A1"].value).startswith("รายละเอียดโครงการพัฒนา (แบบ ผ.02)")
    assert [sheet.cell(3, c).value for c in range(1, 5)] == ["ที่", "โครงการ", "วัตถุประสงค์", "เป้าหมาย (ผลผลิตของโครงการ)"]
    years = ("ปีงบประมาณ 2570", "ปีงบประมาณ 2571")
    assert (sheet["E3"].value, sheet["E4"].value, sheet["F4"].value) == ("งบประมาณ (บาท)", *years)
    assert sheet["G3"].value == "ตัวชี้วัด (KPI)"
    merged = {str(cells) for cells in sheet.merged_cells.ranges}
    assert {"E3:F3", "A3:A4", "B3:B4", "G3:G4"} <= merged
    assert sheet.freeze_panes == "A5"
    assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A4:M")
    assert sheet["E6"].value == 60_000 and sheet["E6"].number_format == "#,##0"
    assert sheet.column_dimensions["E"].width == sheet.column_dimensions["F"].width == YEAR_WIDTH
    assert sheet.column_dimensions["B"].width == 40


def test_subtotal_rows_are_bold_values_that_add_up(engine: Engine, planned: tuple[bytes, int]) -> None:
    """Subtotals are values we computed (no formula), bold, and add up to the grand total."""
    data, forum_id = planned
    sheet = _sheet(data)
    table = p02_table(report_of(engine, forum_id))
    totals = {row[1]: row[4:6] for row in _rows(sheet) if isinstance(row[1], str) and row[1].startswith("รวม")}
    assert totals == {
        f"รวมประเด็น {ELDERS_NOW}": (60_000, 150_000),
        "รวมประเด็น รายได้และอาชีพ": (0, 45_000),
        "รวมประเด็น ไม่ระบุประเด็น": (10_000, 20_000),
        "รวมทั้งสิ้น": (70_000, 215_000),
    }
    assert sum(a + b for a, b in totals.values()) == 2 * table.total
    bold = [
        cell
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith("รวม")
    ]
    assert len(bold) == 4 and all(cell.font.b for cell in bold)


def test_what_participants_typed_never_becomes_a_formula(planned: tuple[bytes, int]) -> None:
    """ "=1+1", "+66…", "-", "@SUM(A1)" come back as text with a leading apostrophe; the file holds no formula."""
    data, _ = planned
    sheet = _sheet(data)
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type != "f" for cell in cells)
    texts = {cell.value for cell in cells if cell.data_type == "s"}
    assert {f"'{typed}" for typed in FORMULAS} <= texts
    assert "'-กองสวัสดิการ" in texts
    with zipfile.ZipFile(BytesIO(data)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml


def test_every_cell_is_in_sarabun(planned: tuple[bytes, int]) -> None:
    sheet = _sheet(planned[0])
    fonts = {cell.font.name for row in sheet.iter_rows() for cell in row if cell.value is not None}
    assert fonts == {"Sarabun"}


def test_an_empty_plan_gives_the_header_and_a_zero_total(engine: Engine) -> None:
    rows = _rows(_sheet(p02_xlsx(report_of(engine, saved_id(make_forum(engine).forum)))))
    assert rows[-1][:5] == (None, "รวมทั้งสิ้น", None, None, 0)
    assert rows[3][4] == "ปีงบประมาณ 2570"
