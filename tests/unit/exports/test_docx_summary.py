"""summary_docx: the Word summary reopened by python-docx: content in the PDF's order, editable tables, Thai font."""

import unicodedata
from io import BytesIO

import pytest
from docx.enum.section import WD_ORIENT
from PIL import Image
from sqlalchemy import Engine

from facilitation.exports.docx_summary import summary_docx
from facilitation.exports.summary import overlap_line
from facilitation.sample import data
from models import saved_id
from tests.factories import make_forum
from tests.unit.exports.docx_checks import header_rows, page_field, paragraph_texts, reopen, thai_font_problems
from tests.unit.exports.plan_forum import (
    ELDERS_NOW,
    FORMULAS,
    HIDDEN_POST,
    INCOME,
    MARKED,
    NAMES,
    VOTE_QUESTION,
    PlanForum,
    plan_forum,
    report_of,
    sample_forum,
)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _png() -> bytes:
    out = BytesIO()
    Image.new("RGB", (40, 30), "green").save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def sample(engine: Engine) -> int:
    return sample_forum(engine)


@pytest.fixture
def planned(engine: Engine) -> PlanForum:
    return plan_forum(engine)


def test_the_sample_summary_in_the_pdfs_order(engine: Engine, sample: int) -> None:
    """Header, people, tree, words, posts by kind, plan, commitments, overlaps: headings in that order."""
    document = reopen(summary_docx(report_of(engine, sample), tree_png=None))
    headings = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith(("Heading", "Title"))
    ]
    order = [
        data.TITLE_TH,
        "ผู้เข้าร่วม (17 คน)",
        "ต้นไม้สวัสดิการ",
        "คำที่ที่ประชุมพูดถึงบ่อย",
        "ข้อเสนอจากช่วงแลกเปลี่ยน",
        "แผนปฏิบัติการ",
        "พันธะสัญญาการลงมือทำ",
        "แผนที่อาจซ้ำซ้อนระหว่างหน่วยงาน (ยังไม่ได้ตัดสิน)",
    ]
    assert [heading for heading in headings if heading in order] == order
    texts = paragraph_texts(document)
    assert "วันที่: 18 กุมภาพันธ์ 2570" in texts
    assert any(text.startswith("ไม่ได้แทรกภาพต้นไม้สวัสดิการ") for text in texts)  # no browser: a note instead
    assert page_field(document)


def test_every_post_plan_row_and_commitment_is_found_with_its_thai_intact(engine: Engine, sample: int) -> None:
    report = report_of(engine, sample)
    texts = {_nfc(text) for text in paragraph_texts(reopen(summary_docx(report, tree_png=None)))}
    summary = report.summary
    for items in summary.contributions.values():
        for item in items:
            assert _nfc(item.text) in texts
    for row in summary.plan:
        assert _nfc(row.item.activity) in texts
        assert _nfc(f"{row.number}. {row.item.activity}") in texts  # its heading over its commitments
        for commitment in row.commitments:
            assert _nfc(commitment.text) in texts and commitment.organisation in texts
    for flag in summary.overlaps:
        assert _nfc(overlap_line(flag, "th")) in texts
    assert "งบประมาณรวม: 350,000 บาท" in texts


def test_the_plan_is_a_landscape_section_in_the_action_plan_forms_order(engine: Engine, sample: int) -> None:
    document = reopen(summary_docx(report_of(engine, sample), tree_png=None))
    assert [section.orientation for section in document.sections] == [
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.LANDSCAPE,
        WD_ORIENT.PORTRAIT,
    ]
    plan = next(table for table in document.tables if table.rows[0].cells[1].text == "โครงการ/กิจกรรม")
    assert [cell.text for cell in plan.rows[0].cells][:6] == [
        "ลำดับ",
        "โครงการ/กิจกรรม",
        "วัตถุประสงค์",
        "กลุ่มเป้าหมาย (จำนวน)",
        "พื้นที่ (หมู่ที่/ชุมชน)",
        "ระยะเวลา",
    ]
    assert len(plan.rows) == 1 + len(data.ACTION_ITEMS)
    assert plan.rows[1].cells[6].text == "60,000 บาท"


def test_every_table_repeats_its_header_row(engine: Engine, sample: int) -> None:
    document = reopen(summary_docx(report_of(engine, sample), tree_png=None))
    assert len(document.tables) >= 8
    for table in document.tables:
        flags = header_rows(table)
        assert flags[0] and not any(flags[1:])


def test_every_run_is_in_sarabun(engine: Engine, planned: PlanForum) -> None:
    """Body, tables, footer, picture: Sarabun in the Latin and complex-script slots, sizes and bold for both."""
    document = reopen(summary_docx(report_of(engine, planned.forum_id), tree_png=_png()))
    assert thai_font_problems(document) == []


def test_the_tree_picture_when_a_browser_drew_it(engine: Engine, sample: int) -> None:
    document = reopen(summary_docx(report_of(engine, sample), tree_png=_png()))
    assert len(document.inline_shapes) == 1
    assert not any(text.startswith("ไม่ได้แทรกภาพ") for text in paragraph_texts(document))


def test_themes_votes_moderation_and_typed_text_as_typed(engine: Engine, planned: PlanForum) -> None:
    """Themes with post counts, the vote ranked, the moderation counts; hidden words and no formula."""
    document = reopen(summary_docx(report_of(engine, planned.forum_id), tree_png=None))
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert [ELDERS_NOW, "1"] in rows and [INCOME, "1"] in rows
    assert ["1", planned.vote_option, "1", "1"] in rows
    texts = paragraph_texts(document)
    assert f"ผลโหวต: {VOTE_QUESTION}" in texts and "คนละ 2 จุด" in texts
    assert "ข้อความที่ผู้ดำเนินรายการซ่อน (ไม่รวมในสรุปนี้): 1" in texts
    assert "บันทึกการดูแลโพสต์: 1 รายการ" in texts
    assert not any(HIDDEN_POST in text for text in texts)
    assert set(FORMULAS) <= set(texts)
    assert _nfc(MARKED) in {_nfc(text) for text in texts}


@pytest.mark.parametrize("which", ["sample", "planned"])
def test_the_anonymised_summary_names_no_participant(
    engine: Engine, which: str, request: pytest.FixtureRequest
) -> None:
    """Names give way to sectors; the same forum not anonymised does name them (so the check can see a name)."""
    if which == "sample":
        forum_id, names = request.getfixturevalue("sample"), [person.name for person in data.PARTICIPANTS]
    else:
        forum_id, names = request.getfixturevalue("planned").forum_id, list(NAMES)
    named = "\n".join(paragraph_texts(reopen(summary_docx(report_of(engine, forum_id), tree_png=None))))
    assert any(name in named for name in names)
    document = reopen(summary_docx(report_of(engine, forum_id, anonymise=True), tree_png=None))
    hidden = "\n".join(paragraph_texts(document))
    assert [name for name in names if name in hidden] == []
    assert "ฉบับไม่ระบุชื่อ" in hidden
    assert any(table.rows[0].cells[-1].text == "ภาคส่วน" and len(table.columns) == 3 for table in document.tables)


def test_in_english(engine: Engine, sample: int) -> None:
    texts = paragraph_texts(reopen(summary_docx(report_of(engine, sample, "en"), tree_png=None)))
    assert "Date: 18 February 2027" in texts and "Action plan" in texts
    assert any(text.startswith("Page") for text in texts)


def test_a_new_forum_gives_a_short_document(engine: Engine) -> None:
    """No people, posts or plan: the headings with their "none yet" lines, no empty table."""
    forum_id = saved_id(make_forum(engine).forum)
    document = reopen(summary_docx(report_of(engine, forum_id), tree_png=None))
    texts = paragraph_texts(document)
    assert "ยังไม่มีกิจกรรมในแผน" in texts and "ยังไม่มีพันธะสัญญา" in texts
    assert document.tables == []
