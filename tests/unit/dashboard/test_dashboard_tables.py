"""The dashboard's tables, read back from their CSV and Excel files, and its charts' labels and values."""

import csv
import io
from datetime import date, datetime

import openpyxl

from facilitation.core.db import read_session
from facilitation.dashboard import charts
from facilitation.dashboard.read import AreaDashboard, area_dashboard
from facilitation.dashboard.tables import dashboard_tables, file_name, shown_columns
from facilitation.exports.csv_files import table_csv
from facilitation.exports.table_shape import Table
from facilitation.exports.workbook import forum_workbook
from tests.unit.dashboard.area_set import TODAY, AreaSet


def board(found: AreaSet, lang: str = "th") -> AreaDashboard:
    with read_session(found.engine) as session:
        return area_dashboard(session=session, province_code="40", lang=lang, today=TODAY)


def tables(found: AreaSet, lang: str = "th") -> dict[str, Table]:
    return {table.key: table for table in dashboard_tables(board(found, lang), lang)}


def read_csv(table: Table) -> list[list[str]]:
    data = table_csv(table)
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 Thai only with the mark
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_every_table_comes_as_csv(sqlite_area_set: AreaSet) -> None:
    found = tables(sqlite_area_set)

    assert list(found) == [
        "forums", "participants_by_sector", "items_by_status", "budget_by_fund", "budget_by_category",
        "fund_by_category", "overdue_and_stalled",
    ]  # fmt: skip
    assert read_csv(found["budget_by_fund"]) == [
        ["แหล่งทุน", "กิจกรรม", "งบประมาณ (บาท)"],
        ["กองทุนสวัสดิการชุมชน (ทุนตนเอง)", "1", "30000"],
        ["งบท้องถิ่น (อบต./เทศบาล)", "1", "50000"],
        ["กองทุนส่งเสริมการจัดสวัสดิการสังคม", "1", "100000"],
        ["พอช. (สถาบันพัฒนาองค์กรชุมชน)", "1", "20000"],
        ["แหล่งอื่น", "0", "0"],
    ]
    assert read_csv(found["fund_by_category"]) == [
        ["แหล่งทุน", "เจ็บป่วย/นอนโรงพยาบาล", "ผู้สูงอายุ/บำนาญ", "การศึกษา/ทุนการศึกษา", "ยังไม่ระบุหมวด", "รวม"],
        ["กองทุนสวัสดิการชุมชน (ทุนตนเอง)", "0", "0", "0", "30000", "30000"],
        ["งบท้องถิ่น (อบต./เทศบาล)", "50000", "0", "0", "0", "50000"],
        ["กองทุนส่งเสริมการจัดสวัสดิการสังคม", "0", "0", "100000", "0", "100000"],
        ["พอช. (สถาบันพัฒนาองค์กรชุมชน)", "0", "20000", "0", "0", "20000"],
    ]
    flagged = read_csv(found["overdue_and_stalled"])
    assert flagged[1] == [
        "ทุนการศึกษา", "เวทีตำบลศิลา", "2027-02-18", "กองสวัสดิการสังคม เทศบาลเมืองศิลา", "2027-09-30",
        "ยังไม่เริ่ม", "0", "", "เลยกำหนด, ไม่มีความคืบหน้า",
    ]  # fmt: skip
    assert flagged[2][-4:] == ["ติดขัด", "10", "2027-07-01", "ไม่มีความคืบหน้า"]


def test_each_table_is_a_workbook_of_its_own(sqlite_area_set: AreaSet) -> None:
    found = tables(sqlite_area_set)

    book = openpyxl.load_workbook(io.BytesIO(forum_workbook([found["forums"]], "th")))

    assert book.sheetnames == ["เวทีที่จัด"]
    rows = list(book.active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[0] == (
        "วันที่จัด", "เวที", "รหัสเวที", "พื้นที่", "ขั้นตอน", "ผู้เข้าร่วม", "ข้อเสนอ", "กิจกรรม", "งบประมาณ (บาท)",
    )  # fmt: skip
    assert [row[1] for row in rows[1:]] == ["เวทีตำบลในเมือง", "เวทีตำบลศิลา", "เวทีตำบลหนองบัว"]
    assert rows[2][0] == datetime(2027, 2, 18) and rows[2][3] == "ตำบลศิลา อำเภอเมืองขอนแก่น จังหวัดขอนแก่น"
    assert rows[2][4:] == ("ลงมือทำ (Act)", 3, 4, 3, 180_000)
    assert book.active["A3"].number_format.startswith("[$-107041E]")  # type: ignore[index]  # Buddhist era


def test_the_english_tables_and_file_names(sqlite_area_set: AreaSet) -> None:
    shown = board(sqlite_area_set, "en")
    found = {table.key: table for table in dashboard_tables(shown, "en")}

    assert shown.area_name == "Khon Kaen"
    assert [column.heading for column in found["items_by_status"].columns] == ["Status", "Action items"]
    assert found["items_by_status"].rows == [
        ("Not started", 1), ("In progress", 1), ("Done", 1), ("Blocked", 1), ("Dropped", 0),
    ]  # fmt: skip
    assert found["budget_by_category"].rows[-1] == ("Uncategorised", 1, 30_000)
    assert file_name(shown, found["budget_by_fund"], "csv") == "dashboard-40-budget_by_fund.csv"


def test_the_page_shows_dates_as_people_write_them(sqlite_area_set: AreaSet) -> None:
    found = tables(sqlite_area_set)

    columns = shown_columns(found["overdue_and_stalled"], "th")

    assert columns["วันสิ้นสุด"] == ["30 ก.ย. 2570", ""]
    assert columns["รายงานล่าสุด"] == ["", "1 ก.ค. 2570"]
    assert found["overdue_and_stalled"].rows[0][4] == date(2027, 9, 30)  # the files keep the date itself


def test_the_charts_draw_the_tables(sqlite_area_set: AreaSet) -> None:
    found = tables(sqlite_area_set)

    funds = charts.bars(found["budget_by_fund"], 2, "th")
    matrix = charts.heat_map(found["fund_by_category"], "th")

    bar = funds.data[0]
    # Plotly draws the first category at the bottom: the table's first row is drawn last.
    assert list(bar.y) == [str(row[0]) for row in reversed(found["budget_by_fund"].rows)]
    assert list(bar.x) == [0, 20_000, 100_000, 50_000, 30_000]
    assert funds.layout.xaxis.title.text == "บาท"
    assert "Sarabun" in funds.layout.font.family
    cells = matrix.data[0]
    assert list(cells.x) == ["เจ็บป่วย/<br>นอนโรงพยาบาล", "ผู้สูงอายุ/<br>บำนาญ", "การศึกษา/<br>ทุนการศึกษา", "ยังไม่ระบุหมวด"]
    assert [list(row) for row in cells.z][1] == [50_000, 0, 0, 0]
