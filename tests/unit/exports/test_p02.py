"""p02: the action plan as form ผ.02 rows, grouped by theme, budgets by Thai budget year, subtotals.

A Thai budget year (ปีงบประมาณ) runs 1 October to 30 September and is named by the Buddhist-era
year it ends in: 1 Oct 2026 – 30 Sep 2027 is 2570.
"""

from datetime import date

import pytest
from sqlalchemy import Engine

from facilitation.core.db import write_session
from facilitation.exports.p02 import P02Table, budget_year, budget_year_days, leading_cells, p02_table, trailing_cells
from facilitation.forum.forums import create_forum
from models import ForumCreate, saved_id
from tests.factories import SILA, make_forum
from tests.unit.exports.plan_forum import (
    ACTIVITIES,
    ELDERS_NOW,
    INCOME,
    UNDATED_2570,
    plan_forum,
    report_of,
    sample_forum,
)
from tests.unit.helpers import make_item


def _table(engine: Engine, lang: str = "th") -> P02Table:
    return p02_table(report_of(engine, plan_forum(engine).forum_id, lang))


Span = tuple[date | None, date | None]  # an item's start and end dates


def _dated_plan(engine: Engine, *spans: Span, forum_date: date = date(2027, 2, 18)) -> P02Table:
    """A forum on `forum_date` whose plan has one 10,000-baht item per (start, end), in that order."""
    with write_session(engine) as session:
        forum = create_forum(
            session=session, data=ForumCreate(title="เวทีปีงบประมาณ", forum_date=forum_date, venue="หอประชุม", **SILA)
        ).forum
    forum_id = saved_id(forum)
    for number, (start, end) in enumerate(spans, start=1):
        make_item(engine, forum_id, f"กิจกรรม {number}", budget_baht=10_000, start_date=start, end_date=end)
    return p02_table(report_of(engine, forum_id))


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2026, 9, 30), 2569),
        (date(2026, 10, 1), 2570),
        (date(2026, 12, 31), 2570),
        (date(2027, 1, 1), 2570),
        (date(2027, 9, 30), 2570),
        (date(2027, 10, 1), 2571),
        (date(2028, 9, 30), 2571),
        (date(2028, 10, 1), 2572),
    ],
)
def test_a_budget_year_runs_from_1_october_to_30_september(day: date, year: int) -> None:
    """Named by the Buddhist-era year it ends in: October to December already count in the next one."""
    assert budget_year(day) == year


def test_the_first_and_last_day_of_a_budget_year() -> None:
    first, last = budget_year_days(2570)
    assert (first, last) == (date(2026, 10, 1), date(2027, 9, 30))
    assert budget_year(first) == budget_year(last) == 2570
    assert budget_year(date.fromordinal(first.toordinal() - 1)) == 2569
    assert budget_year(date.fromordinal(last.toordinal() + 1)) == 2571


def test_an_activity_across_30_september_spans_two_budget_years(engine: Engine) -> None:
    """15 Sep – 15 Oct 2027 is one calendar year but budget years 2570 and 2571: all its budget in 2570, a note."""
    table = _dated_plan(engine, (date(2027, 9, 15), date(2027, 10, 15)))
    (row,) = table.rows
    assert (row.years, row.budget_year) == ((2570, 2571), 2570)
    assert table.years == [2570, 2571]
    assert table.year_headers == ["ปีงบประมาณ 2570", "ปีงบประมาณ 2571"]
    assert [row.budget_in(year) for year in table.years] == [10_000, None]
    assert [table.grand_total(year) for year in table.years] == [10_000, 0]
    (note,) = table.notes
    assert "1 ตุลาคม" in note and "หลายปีงบประมาณ" in note and "ปีงบประมาณที่เริ่ม" in note


def test_1_october_to_30_september_is_one_budget_year(engine: Engine) -> None:
    """1 Oct 2027 – 30 Sep 2028 crosses New Year but is exactly budget year 2571: one column, no note."""
    table = _dated_plan(engine, (date(2027, 10, 1), date(2028, 9, 30)))
    (row,) = table.rows
    assert (row.years, row.budget_year) == ((2571,), 2571)
    assert table.years == [2571] and table.year_headers == ["ปีงบประมาณ 2571"]
    assert table.notes == []


def test_30_september_and_1_october_fall_in_different_budget_years(engine: Engine) -> None:
    """The boundary days, each as a one-day activity, and as a start or an end alone."""
    sep_30, oct_1 = date(2027, 9, 30), date(2027, 10, 1)
    table = _dated_plan(engine, (sep_30, sep_30), (oct_1, oct_1), (sep_30, None), (None, oct_1), (sep_30, oct_1))
    assert [row.years for row in table.rows] == [(2570,), (2571,), (2570,), (2571,), (2570, 2571)]
    assert [table.grand_total(year) for year in table.years] == [30_000, 20_000]


def test_an_item_without_dates_goes_in_the_budget_year_of_the_forum(engine: Engine) -> None:
    """A forum on 20 Nov 2026 is in budget year 2570 (calendar 2569): undated items go there; the note says so."""
    table = _dated_plan(engine, (None, None), forum_date=date(2026, 11, 20))
    (row,) = table.rows
    assert (row.years, row.budget_year) == ((2570,), 2570)
    assert table.notes == [UNDATED_2570]


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


def test_an_item_from_october_to_march_is_in_one_budget_year(engine: Engine) -> None:
    """Item 2 runs 1 Oct 2027 – 31 Mar 2028: two calendar years, one budget year (2571), so no multi-year note."""
    table = _table(engine)
    assert table.years == [2570, 2571]
    assert table.year_headers == ["ปีงบประมาณ 2570", "ปีงบประมาณ 2571"]
    assert [row.years for row in table.rows] == [(2570,), (2571,), (2571,), (2570,), (2571,)]
    october = table.rows[1]
    assert [october.budget_in(year) for year in table.years] == [None, 150_000]
    assert not any("หลายปี" in note for note in table.notes)


def test_an_item_without_dates_goes_in_the_forums_budget_year(engine: Engine) -> None:
    """No dates: the forum's budget year (18 Feb 2027: 2570), with a note naming it; a start date alone: its year."""
    table = _table(engine)
    undated, start_only = table.rows[3], table.rows[4]
    assert (undated.years, undated.budget_year) == ((2570,), 2570)
    assert (start_only.years, start_only.budget_year) == ((2571,), 2571)
    assert UNDATED_2570 in table.notes
    assert undated.dates == "— – —"


def test_subtotals_and_the_grand_total_add_up(engine: Engine) -> None:
    """Each subtotal is its rows' sum per year; the grand total is the subtotals' sum and the plan's budget."""
    report = report_of(engine, plan_forum(engine).forum_id)
    table = p02_table(report)
    assert [[group.subtotal(year) for year in table.years] for group in table.groups] == [
        [60_000, 150_000],
        [0, 45_000],
        [10_000, 20_000],
    ]
    for group in table.groups:
        for year in table.years:
            assert group.subtotal(year) == sum(row.budget_in(year) or 0 for row in group.rows)
    assert [table.grand_total(year) for year in table.years] == [70_000, 215_000]
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


def test_in_english_the_budget_years_stay_buddhist_era(engine: Engine) -> None:
    table = _table(engine, "en")
    assert table.year_headers == ["Budget year 2570 (B.E.)", "Budget year 2571 (B.E.)"]
    assert any("budget year 2570 B.E. (1 Oct 2026 – 30 Sep 2027)" in note for note in table.notes)
    assert table.groups[-1].label == "Theme: No theme"
    assert table.grand_total_label == "Grand total"


def test_the_sample_forum_has_one_group_all_starting_in_one_budget_year(engine: Engine) -> None:
    """The sample's plan uses no themes: five items under "no theme", all starting in budget year 2570, 350,000 baht;
    two run past 30 September 2027 into 2571, so a 2571 column with nothing in it and the multi-year note."""
    table = p02_table(report_of(engine, sample_forum(engine)))
    assert [group.theme for group in table.groups] == [None]
    assert len(table.rows) == 5 and table.years == [2570, 2571]
    assert [row.budget_year for row in table.rows] == [2570] * 5
    assert [len(row.years) for row in table.rows] == [1, 2, 2, 1, 1]
    assert [table.grand_total(year) for year in table.years] == [350_000, 0]
    assert table.total == 350_000
    assert len(table.notes) == 1 and "หลายปีงบประมาณ" in table.notes[0]
    assert table.title.startswith("รายละเอียดโครงการพัฒนา (แบบ ผ.02) จากเวทีสวัสดิการสังคมตำบลศิลา")
    assert "18 กุมภาพันธ์ 2570" in table.subtitle


def test_an_empty_plan_has_no_group_and_the_forums_year(engine: Engine) -> None:
    table = p02_table(report_of(engine, saved_id(make_forum(engine).forum)))
    assert (table.groups, table.years, table.total) == ([], [2570], 0)
