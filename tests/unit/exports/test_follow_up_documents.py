"""Where the plan stands and the forums of its series, in the filed PDF, Word and Markdown files.

The sample series: the Sila forum, whose owners reported for months, and its follow-up at Review
with one activity carried into it.
"""

from datetime import date

import pytest
from sqlalchemy import Engine

from facilitation.core.db import read_session, write_session
from facilitation.exports.docx_summary import summary_docx
from facilitation.exports.markdown import to_markdown
from facilitation.exports.pdf_document import summary_pdf
from facilitation.exports.summary import build_summary
from facilitation.exports.tables import Table, forum_tables
from facilitation.forum.follow_up import forum_series
from facilitation.sample import data
from facilitation.sample.follow_up import load_sample_series
from models import saved_id
from tests.unit.exports.docx_checks import reopen
from tests.unit.exports.plan_forum import report_of, sample_forum
from tests.unit.exports.test_pdf_summary import pdf_text, render, squeezed

# The day after the first forum's first two activities were due (30 September 2570).
AS_OF = date(2027, 10, 1)
# The sample's reports rolled up per activity (tests/unit/forum/test_progress_read.py checks the sums).
STATUSES = ("กำลังดำเนินการ", "ติดขัด", "กำลังดำเนินการ", "เสร็จแล้ว", "ติดขัด")
PERCENTS = ("67", "60", "10", "100", "25")
SPENT = ("31,500", "24,000", "4,000", "38,000", "9,000")
# On 1 October: 1 and 5 ended 30 September unfinished; 2 and 3 have been silent since June and July; 4 is done.
FLAGS = ("เลยกำหนด", "ไม่มีรายงาน 6 สัปดาห์", "ไม่มีรายงาน 6 สัปดาห์", "", "เลยกำหนด")


@pytest.fixture
def series(engine: Engine) -> tuple[int, int]:
    """The sample forum and its follow-up: (earlier, follow-up)."""
    with write_session(engine) as session:
        earlier = saved_id(load_sample_series(session=session).forum)
        later = forum_series(session=session, forum_id=earlier)[-1].forum_id
    return earlier, later


def test_the_pdf_prints_where_each_activity_stands_and_flags_the_late(engine: Engine, series: tuple[int, int]) -> None:
    report = report_of(engine, series[0])
    pdf = summary_pdf(report, tree_png=None, today=AS_OF)
    render(pdf, "pdf-progress")
    text = squeezed(pdf_text(pdf, "-raw"))
    assert squeezed("ความคืบหน้าของแผน ณ วันที่ 1 ตุลาคม 2570") in text
    for row, status, percent, spent in zip(report.summary.plan, STATUSES, PERCENTS, SPENT, strict=True):
        # A table row is drawn cell by cell: its cells follow each other in the text.
        assert squeezed(f"{row.number}{row.item.activity}{status}{percent}{spent}") in text
    table = text[text.index(squeezed("ความคืบหน้าของแผน")) :]
    assert table.count(squeezed("เลยกำหนด")) == 2
    assert table.count(squeezed("ไม่มีรายงาน 6 สัปดาห์")) == 2


def test_the_pdf_of_a_follow_up_lists_its_series_oldest_first(engine: Engine, series: tuple[int, int]) -> None:
    text = squeezed(pdf_text(summary_pdf(report_of(engine, series[1]), tree_png=None, today=AS_OF), "-raw"))
    heading = text.index(squeezed("เวทีในพื้นที่นี้ที่ต่อเนื่องกัน"))
    first = text.index(squeezed(data.TITLE_TH), heading)
    second = text.index(squeezed(f"{data.FOLLOW_UP_TITLE_TH} (เวทีนี้)"), heading)
    assert first < second
    # The activity carried in stands where the earlier forum's owners left it.
    assert squeezed("ติดขัด259,000") in text


def test_a_forum_nobody_reported_on_prints_neither_table(engine: Engine) -> None:
    text = squeezed(pdf_text(summary_pdf(report_of(engine, sample_forum(engine)), tree_png=None), "-raw"))
    assert squeezed("ความคืบหน้าของแผน") not in text
    assert squeezed("เวทีในพื้นที่นี้ที่ต่อเนื่องกัน") not in text


def _table_with(document: object, heading: str) -> list[list[str]]:
    for table in document.tables:  # type: ignore[attr-defined]
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if heading in rows[0]:
            return rows
    raise AssertionError(f"no table headed {heading!r}")


def test_the_word_file_has_the_progress_and_series_tables(engine: Engine, series: tuple[int, int]) -> None:
    document = reopen(summary_docx(report_of(engine, series[0]), tree_png=None, today=AS_OF))
    progress = _table_with(document, "รายงานล่าสุด")
    assert progress[0] == ["ลำดับ", "โครงการ/กิจกรรม", "สถานะ", "ความคืบหน้า (%)", "ใช้เงินไปแล้ว (บาท)",
                           "รายงานล่าสุด", "ข้อสังเกต"]  # fmt: skip
    assert [row[2] for row in progress[1:]] == list(STATUSES)
    assert [row[3] for row in progress[1:]] == list(PERCENTS)
    assert [row[4] for row in progress[1:]] == list(SPENT)
    assert [row[6] for row in progress[1:]] == list(FLAGS)
    assert progress[1][5] == "30 มิ.ย. 2570"
    forums = _table_with(document, "เสร็จแล้ว")
    assert [row[1] for row in forums[1:]] == [f"{data.TITLE_TH} (เวทีนี้)", data.FOLLOW_UP_TITLE_TH]
    assert [row[3:] for row in forums[1:]] == [["5", "1"], ["1", "0"]]


def test_a_word_file_without_reports_has_no_progress_table(engine: Engine) -> None:
    document = reopen(summary_docx(report_of(engine, sample_forum(engine)), tree_png=None))
    with pytest.raises(AssertionError):
        _table_with(document, "รายงานล่าสุด")


def test_the_markdown_file_in_english(engine: Engine, series: tuple[int, int]) -> None:
    with read_session(engine) as session:
        text = to_markdown(build_summary(session=session, forum_id=series[1]), "en", today=AS_OF)
    assert "## The forums of this series\n" in text
    assert f"| 15 July 2027 | {data.FOLLOW_UP_TITLE_TH} (this forum) | Review | 1 | 0 |" in text
    assert "### Where the plan stands on 1 October 2027\n" in text
    assert "| 1 | ฝึกอาชีพและตลาดนัดชุมชนสำหรับผู้สูงอายุและคนพิการ | Blocked | 25 | 9,000 | 5 Jul 2027 | Overdue |" in text


def _tables(engine: Engine, forum_id: int, lang: str = "th", *, anonymise: bool = False) -> dict[str, Table]:
    with read_session(engine) as session:
        found = forum_tables(session=session, forum_id=forum_id, lang=lang, anonymise=anonymise)
    return {table.key: table for table in found}


def test_the_workbook_keeps_every_report_and_the_plan_says_where_it_stands(
    engine: Engine, series: tuple[int, int]
) -> None:
    tables = _tables(engine, series[0], anonymise=True)
    plan = tables["plan"]
    headings = [column.heading for column in plan.columns]
    at = headings.index("สถานะ")
    assert headings[at:] == ["สถานะ", "ความคืบหน้า (%)", "ใช้เงินไปแล้ว (บาท)", "รายงานล่าสุด"]
    assert [row[at] for row in plan.rows] == list(STATUSES)
    assert [row[at + 1] for row in plan.rows] == [int(percent) for percent in PERCENTS]
    assert plan.rows[0][at + 3] == date(2027, 6, 30)  # a real date, the sheet shows it in the Buddhist era

    reports = tables["progress_reports"]
    # Every report the owners sent, oldest first; none overwritten, notes kept even when anonymised.
    assert [row[7] for row in reports.rows] == [report.note for report in data.REPORTS]
    assert [row[3] for row in reports.rows] == [report.reported_on for report in data.REPORTS]
    assert [row[5] for row in reports.rows] == [report.percent for report in data.REPORTS]
    first, on_item = reports.rows[0], reports.rows[7]
    assert first[0] == 1 and first[2] == "พันธะสัญญาของ เทศบาลเมืองศิลา (นายก อบต.)"
    assert on_item[0] == 3 and on_item[2] == "ทั้งกิจกรรม" and on_item[6] == 4_000

    forums = tables["series"]
    assert [row[1] for row in forums.rows] == [data.TITLE_TH, data.FOLLOW_UP_TITLE_TH]
    assert [row[-1] for row in forums.rows] == ["ใช่", ""]
    assert [row[-2] for row in forums.rows] == [0, 1]  # the follow-up carried one activity in


def test_a_plan_nobody_reported_on_leaves_the_progress_cells_blank(engine: Engine) -> None:
    tables = _tables(engine, sample_forum(engine), "en")
    plan = tables["plan"]
    at = [column.heading for column in plan.columns].index("Status")
    assert all(row[at:] == (None, None, None, None) for row in plan.rows)
    assert tables["progress_reports"].rows == []
