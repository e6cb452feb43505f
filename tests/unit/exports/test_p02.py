"""p02: the action plan as form ผ.02 rows, grouped by theme, budgets by Buddhist-era year, subtotals."""

from sqlalchemy import Engine

from facilitation.exports.p02 import P02Table, leading_cells, p02_table, trailing_cells
from models import saved_id
from tests.factories import make_forum
from tests.unit.exports.plan_forum import ACTIVITIES, ELDERS_NOW, INCOME, plan_forum, report_of, sample_forum


def _table(engine: Engine, lang: str = "th") -> P02Table:
    return p02_table(report_of(engine, plan_forum(engine).forum_id, lang))


def test_rows_are_grouped_by_their_first_theme_under_its_name_now(engine: Engine) -> None:
    """Item 2 answers two themes: it goes with the first; the renamed theme shows its new name; no theme comes last."""
    table = _table(engine)
    assert [group.theme for group in table.groups] == [ELDERS_NOW, INCOME, None]
    assert [[row.number for row in group.rows] for group in table.groups] == [[1, 2], [3], [4, 5]]
    assert [group.label for group in table.groups] == [
        f"ประเด็น: {ELDERS_NOW}",
        f"ประเด็น: {INCOME}",
        "ประเด็น: ไม่ระบุประเด็น",
    ]
    assert [row.activity for row in table.rows] == list(ACTIVITIES)
    assert table.groups[0].subtotal_label == f"รวมประเด็น {ELDERS_NOW}"


def test_an_item_spanning_two_years_has_its_budget_in_the_year_it_starts(engine: Engine) -> None:
    """Columns: each Buddhist-era year an item spans; a two-year item's budget sits in its first; a note says so."""
    table = _table(engine)
    assert table.years == [2570, 2571]
    assert table.year_headers == ["พ.ศ. 2570", "พ.ศ. 2571"]
    two_years = table.rows[1]
    assert two_years.years == (2570, 2571)
    assert [two_years.budget_in(year) for year in table.years] == [150_000, None]
    assert any("หลายปี" in note and "ปีที่เริ่ม" in note for note in table.notes)


def test_an_item_without_dates_goes_in_the_forums_year(engine: Engine) -> None:
    """No dates: the forum's year (2570), with a note naming it; a start date alone: its year."""
    table = _table(engine)
    undated, start_only = table.rows[3], table.rows[4]
    assert (undated.years, undated.budget_year) == ((2570,), 2570)
    assert (start_only.years, start_only.budget_year) == ((2571,), 2571)
    assert any("ไม่ระบุวันที่" in note and "2570" in note for note in table.notes)
    assert undated.dates == "— – —"


def test_subtotals_and_the_grand_total_add_up(engine: Engine) -> None:
    """Each subtotal is its rows' sum per year; the grand total is the subtotals' sum and the plan's budget."""
    report = report_of(engine, plan_forum(engine).forum_id)
    table = p02_table(report)
    assert [[group.subtotal(year) for year in table.years] for group in table.groups] == [
        [60_000 + 150_000, 0],
        [0, 45_000],
        [10_000, 20_000],
    ]
    for group in table.groups:
        for year in table.years:
            assert group.subtotal(year) == sum(row.budget_in(year) or 0 for row in group.rows)
    assert [table.grand_total(year) for year in table.years] == [220_000, 65_000]
    assert table.total == sum(table.grand_total(year) for year in table.years) == report.summary.budget_total
    assert all(isinstance(row.budget, int) for row in table.rows)


def test_the_columns_of_the_form_in_order(engine: Engine) -> None:
    """ที่ · โครงการ · วัตถุประสงค์ · เป้าหมาย | years | KPI · result · lead, then the community plan's columns."""
    table = _table(engine)
    assert table.leading_headers == ["ที่", "โครงการ", "วัตถุประสงค์", "เป้าหมาย (ผลผลิตของโครงการ)"]
    assert table.budget_header == "งบประมาณ (บาท)"
    assert table.trailing_headers == [
        "ตัวชี้วัด (KPI)",
        "ผลที่คาดว่าจะได้รับ",
        "หน่วยงานรับผิดชอบหลัก",
        "กลุ่มเป้าหมาย (จำนวน)",
        "ระยะเวลา",
        "หน่วยงานร่วม",
        "แหล่งงบประมาณ",
    ]
    assert table.column_count == 4 + 2 + 7
    second = table.rows[1]
    assert leading_cells(second) == ["2", ACTIVITIES[1], "ให้ผู้ป่วยไปตามนัดได้", "ผู้ป่วยติดบ้านติดเตียง 45 คน · พื้นที่: หมู่ 3"]
    assert trailing_cells(second)[2:] == [
        "กองสวัสดิการสังคม เทศบาลเมืองศิลา",
        "ผู้ป่วยติดบ้านติดเตียง 45 คน",
        "1 ต.ค. 2570 – 31 มี.ค. 2571",
        "รพ.สต.ศิลา",
        "งบท้องถิ่น (อบต./เทศบาล)",
    ]


def test_in_english_the_years_stay_buddhist_era(engine: Engine) -> None:
    table = _table(engine, "en")
    assert table.year_headers == ["B.E. 2570", "B.E. 2571"]
    assert table.groups[-1].label == "Theme: No theme"
    assert table.grand_total_label == "Grand total"


def test_the_sample_forum_has_one_group_in_one_year(engine: Engine) -> None:
    """The sample's plan uses no themes: all five items under "no theme", all in 2570, 350,000 baht, no notes."""
    table = p02_table(report_of(engine, sample_forum(engine)))
    assert [group.theme for group in table.groups] == [None]
    assert len(table.rows) == 5 and table.years == [2570]
    assert table.total == 350_000 and table.notes == []
    assert table.title.startswith("รายละเอียดโครงการพัฒนา (แบบ ผ.02) จากเวทีสวัสดิการสังคมตำบลศิลา")
    assert "18 กุมภาพันธ์ 2570" in table.subtitle


def test_an_empty_plan_has_no_group_and_the_forums_year(engine: Engine) -> None:
    table = p02_table(report_of(engine, saved_id(make_forum(engine).forum)))
    assert (table.groups, table.years, table.total) == ([], [2570], 0)
