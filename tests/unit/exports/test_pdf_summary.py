"""The Thai PDF summary, read back by poppler: Thai text intact, tables inside the page, page numbers.

Every check reads the PDF the way a filing office would copy it: `pdftotext` with and without
`-layout`, NFC-normalised, zero-width spaces removed.
"""

import io
import re
import sqlite3
import subprocess
import unicodedata
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import Engine

from facilitation.core.db import make_engine, read_session, write_session
from facilitation.exports.pdf_document import FEED_SHOWN, summary_pdf
from facilitation.exports.report import ForumReport, ThemeLine, VoteResult, build_report
from facilitation.forum.contributions import FeedItem
from facilitation.forum.votes import OptionResult
from facilitation.sample import data
from facilitation.sample.load import load_sample_forum
from models import ContributionKind, Sector, Stage, saved_id
from tests.factories import join, make_forum, post
from tests.unit.helpers import commit, make_item, move

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
MODES = ("-layout", "-raw", None)  # None: pdftotext's default reading order
TRICKY_WORDS = ("ผู้สูงอายุ", "น้ำ", "กุ้ง", "ปู่ย่าตายาย", "ทำนา", "ลำดับ", "กิ่งไม้", "ญาติผู้ใหญ่")
EMOJI_POST = "ขอบคุณทุกคน 🙏😀 ที่มาร่วมเวที"
FORMULA_POST = "=SUM(A1:A9) เงินกองทุน"
HEADING_POST = "# หัวข้อ **ตัวหนา** <b>x</b> {nb}"
LONG_POST = ("ผู้สูงอายุในหมู่บ้านต้องการน้ำสะอาด ปู่ย่าตายายเลี้ยงกุ้งและทำนา " * 20)[:500].strip()
TRICKY_ACTIVITY = "จัดหาน้ำดื่มสะอาดให้ปู่ย่าตายายและผู้สูงอายุ"
TRICKY_COMMITMENT = "กลุ่มเลี้ยงกุ้งจะสมทบน้ำดื่ม 200 ถัง"
TRICKY_NAME = "ยายคำปุ่น ใจงาม"


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("\u200b", "")


def pdf_text(pdf: bytes, mode: str | None = "-layout", *, page: int | None = None) -> str:
    """The PDF's text as pdftotext gives it (in `mode`), NFC-normalised, without zero-width spaces."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    args = ["pdftotext", *([mode] if mode else []), *pages, "-", "-"]
    return _clean(subprocess.run(args, input=pdf, capture_output=True, check=True).stdout.decode("utf-8"))


def squeezed(text: str) -> str:
    """Without any whitespace: a paragraph over several lines reads as one string."""
    return "".join(text.split())


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Width and height in points of each page."""
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


def render(pdf: bytes, name: str, *, pages: tuple[int, int] | None = None) -> None:
    """The PDF, and its pages (all, or first to last) as PNGs, in tests/artifacts/ to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"{name}.pdf").write_bytes(pdf)
    chosen = ["-f", str(pages[0]), "-l", str(pages[1])] if pages else []
    subprocess.run(["pdftoppm", "-png", "-r", "60", *chosen, "-", str(ARTIFACTS / name)], input=pdf, check=True)


@pytest.fixture(scope="module")
def module_engine(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Iterator[Engine]:
    """One migrated database for this module's forums (they are only read once built)."""
    target = tmp_path_factory.mktemp("pdf") / "forum.db"
    with closing(sqlite3.connect(migrated_template)) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    created = make_engine(f"sqlite:///{target}")
    yield created
    created.dispose()


@pytest.fixture(scope="module")
def sample_id(module_engine: Engine) -> int:
    with write_session(module_engine) as session:
        return saved_id(load_sample_forum(session=session).forum)


def _report(engine: Engine, forum_id: int, lang: str = "th", anonymise: bool = False) -> ForumReport:
    with read_session(engine) as session:
        return build_report(session=session, forum_id=forum_id, lang=lang, anonymise=anonymise)


@pytest.fixture(scope="module")
def sample(module_engine: Engine, sample_id: int) -> ForumReport:
    return _report(module_engine, sample_id)


@pytest.fixture(scope="module")
def sample_pdf(sample: ForumReport) -> bytes:
    pdf = summary_pdf(sample, tree_png=None)
    render(pdf, "pdf-sample-th")
    return pdf


@pytest.fixture(scope="module")
def tricky(module_engine: Engine) -> ForumReport:
    """A forum whose people typed Thai with stacked marks, sara am, emoji, 500 characters, "=" and "#"."""
    engine = module_engine
    forum = make_forum(engine, title="เวทีน้ำดื่มผู้สูงอายุ ตำบลศิลา").forum
    elder = join(engine, forum.code, name=TRICKY_NAME, organisation="ชมรมผู้สูงอายุบ้านกุ้ง").participant
    state = join(engine, forum.code, name="วิไลวรรณ", organisation="พมจ.", sector=Sector.STATE).participant
    for word in TRICKY_WORDS:
        post(engine, elder, f"เรื่อง{word}ในหมู่บ้าน")
    for text, kind in (
        (EMOJI_POST, ContributionKind.OTHER),
        (FORMULA_POST, ContributionKind.FUND),
        (HEADING_POST, ContributionKind.OTHER),
        (LONG_POST, ContributionKind.BENEFIT),
    ):
        post(engine, state, text, kind)
    item = make_item(engine, saved_id(forum), TRICKY_ACTIVITY, objective=LONG_POST[:300])
    move(engine, forum, Stage.ACT)
    commit(engine, elder, saved_id(item), TRICKY_COMMITMENT, organisation="กลุ่มเลี้ยงกุ้งบ้านศิลา")
    return _report(engine, saved_id(forum))


@pytest.fixture(scope="module")
def tricky_pdf(tricky: ForumReport) -> bytes:
    pdf = summary_pdf(tricky, tree_png=None)
    render(pdf, "pdf-tricky-th")
    return pdf


def _long_plan(report: ForumReport, times: int) -> ForumReport:
    """`report` with its action plan repeated `times` over, numbered on."""
    rows = [row for _ in range(times) for row in report.summary.plan]
    plan = [replace(row, number=number) for number, row in enumerate(rows, 1)]
    return replace(report, summary=replace(report.summary, plan=plan))


@pytest.fixture(scope="module")
def long_plan_pdf(sample: ForumReport) -> bytes:
    pdf = summary_pdf(_long_plan(sample, 3), tree_png=None)  # 15 action items
    render(pdf, "pdf-long-plan-th", pages=(4, 6))  # the plan's first pages
    return pdf


@pytest.mark.parametrize("mode", MODES)
def test_sample_reads_back_in_thai(sample: ForumReport, sample_pdf: bytes, mode: str | None) -> None:
    """Title, area, Buddhist-era date, section headings, a post, an activity and a commitment read back exactly."""
    text = pdf_text(sample_pdf, mode)
    for expected in (
        data.TITLE_TH,
        "ตำบลศิลา อำเภอเมืองขอนแก่น จังหวัดขอนแก่น",
        "วันที่: 18 กุมภาพันธ์ 2570",
        "ผู้เข้าร่วม (17 คน)",
        "ต้นไม้สวัสดิการ",
        "ข้อเสนอจากช่วงแลกเปลี่ยน",
        "แผนปฏิบัติการ",
        "พันธะสัญญาการลงมือทำ",
        "การดูแลโพสต์",
        "งบประมาณรวม: 350,000 บาท",
        "1 เม.ย. 2570",
    ):
        assert expected in text, expected
    flat = squeezed(text)
    summary = sample.summary
    first_post = summary.contributions[ContributionKind.ROOT_CAUSE][-1].text
    assert squeezed(first_post) in flat
    assert squeezed(summary.plan[0].item.activity) in flat
    assert squeezed(summary.plan[0].commitments[0].text) in flat
    assert "2027" not in text


def test_sample_reads_back_in_english(module_engine: Engine, sample_id: int) -> None:
    """English headings and Common-Era dates; people's Thai words unchanged."""
    report = _report(module_engine, sample_id, lang="en")
    pdf = summary_pdf(report, tree_png=None)
    render(pdf, "pdf-sample-en")
    text = pdf_text(pdf)
    assert "Date: 18 February 2027" in text and "Action plan" in text and "Commitments to act" in text
    assert f"Page 1/{len(page_sizes(pdf))}" in text
    assert "2570" not in text.replace(data.TITLE_TH, "")
    assert squeezed(report.summary.plan[0].item.activity) in squeezed(text)


@pytest.mark.parametrize("mode", MODES)
def test_thai_with_marks_emoji_and_markup_reads_back_as_typed(
    tricky: ForumReport, tricky_pdf: bytes, mode: str | None
) -> None:
    """Stacked marks, sara am, emoji, "=", "#", "**", "<b>" and "{nb}" come back exactly as people typed them."""
    text = pdf_text(tricky_pdf, mode)
    for word in TRICKY_WORDS:
        assert f"เรื่อง{word}ในหมู่บ้าน" in text, word
    for typed in (EMOJI_POST, FORMULA_POST, HEADING_POST, TRICKY_ACTIVITY, TRICKY_COMMITMENT, TRICKY_NAME):
        assert typed in text, typed
    assert squeezed(LONG_POST) in squeezed(text)


def test_only_the_plan_is_on_landscape_pages(sample: ForumReport, sample_pdf: bytes) -> None:
    """Portrait A4 everywhere except the pages of the action plan."""
    sizes = page_sizes(sample_pdf)
    landscape = [number for number, (w, h) in enumerate(sizes, 1) if w > h]
    assert landscape and all({round(w), round(h)} == {595, 842} for w, h in sizes)
    assert landscape == list(range(landscape[0], landscape[-1] + 1))
    assert "แผนปฏิบัติการ" in pdf_text(sample_pdf, page=landscape[0])
    assert "พันธะสัญญาการลงมือทำ" in pdf_text(sample_pdf, page=landscape[-1] + 1)


def test_a_long_plan_adds_pages_and_repeats_the_header(
    sample: ForumReport, sample_pdf: bytes, long_plan_pdf: bytes
) -> None:
    """15 action items run over several landscape pages; each starts with the form's header row."""
    sizes = page_sizes(long_plan_pdf)
    landscape = [number for number, (w, h) in enumerate(sizes, 1) if w > h]
    assert len(sizes) > len(page_sizes(sample_pdf)) and len(landscape) >= 4
    for number in landscape:
        page = pdf_text(long_plan_pdf, page=number)
        header = page.index("โครงการ/กิจกรรม")
        assert page.count("วัตถุประสงค์") == 1 and page.count("โครงการ/กิจกรรม") == 1
        assert header < page.index("บาท"), number  # the header comes before the rows
    last = pdf_text(long_plan_pdf, page=landscape[-1])
    assert "15" in last.split() and f"งบประมาณรวม: {sample.summary.budget_total * 3:,} บาท" in last


def test_a_row_taller_than_a_page_continues_on_the_next(sample: ForumReport) -> None:
    """An objective of several thousand characters splits over pages under the header; none of it is lost."""
    long_objective = " ".join(f"วัตถุประสงค์ข้อ{n} ให้ผู้สูงอายุได้ดื่มน้ำสะอาด" for n in range(1, 121))
    first = sample.summary.plan[0]
    item = first.item.model_copy(update={"objective": long_objective})
    rows = [replace(first, item=item), *sample.summary.plan[1:]]
    pdf = summary_pdf(replace(sample, summary=replace(sample.summary, plan=rows)), tree_png=None)
    render(pdf, "pdf-tall-row-th", pages=(4, 6))
    sizes = page_sizes(pdf)
    landscape = [number for number, (w, h) in enumerate(sizes, 1) if w > h]
    assert len(landscape) >= 3
    assert all("โครงการ/กิจกรรม" in pdf_text(pdf, page=number) for number in landscape)
    numbers = re.findall(r"วัตถุประสงค์ข้อ(\d+)", squeezed(pdf_text(pdf, "-raw")))
    assert sorted(map(int, numbers)) == list(range(1, 121))
    assert words_off_the_page(pdf) == []


def words_off_the_page(pdf: bytes) -> list[tuple[float, ...]]:
    """The box of every word poppler finds outside the page's margins (there should be none)."""
    html = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    outside = []
    for page in re.findall(rb'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S):
        width, height = float(page[0]), float(page[1])
        for box in re.findall(rb'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', page[2]):
            x_min, y_min, x_max, y_max = map(float, box)
            if not (20 < x_min and x_max < width - 20 and 20 < y_min and y_max < height - 10):
                outside.append((x_min, y_min, x_max, y_max))
    return outside


def test_no_word_lies_outside_the_page(long_plan_pdf: bytes, tricky_pdf: bytes) -> None:
    """Every word poppler finds is inside the page's margins: no cell runs off the page."""
    assert words_off_the_page(long_plan_pdf) == []
    assert words_off_the_page(tricky_pdf) == []


def test_every_page_is_numbered(long_plan_pdf: bytes) -> None:
    """ "หน้า N/M" at the foot of each page, portrait or landscape."""
    total = len(page_sizes(long_plan_pdf))
    for number in range(1, total + 1):
        assert f"หน้า {number}/{total}" in pdf_text(long_plan_pdf, page=number)


def test_the_anonymised_pdf_names_nobody(module_engine: Engine, sample_id: int) -> None:
    """Names become sectors; the organisations of commitments stay (public commitments)."""
    report = _report(module_engine, sample_id, anonymise=True)
    pdf = summary_pdf(report, tree_png=None)
    render(pdf, "pdf-anonymised-th")
    text = pdf_text(pdf, "-raw")
    for person in data.PARTICIPANTS:
        assert person.name not in text, person.name
    assert "ฉบับไม่ระบุชื่อ" in text
    assert "องค์กรชุมชน" in text
    assert report.summary.plan[0].commitments[0].organisation in text


def test_without_a_picture_the_pdf_says_why(sample_pdf: bytes) -> None:
    """No tree PNG: a note says it needs a browser on the server, and no image is embedded."""
    note = "ไม่มีภาพต้นไม้สวัสดิการในเอกสารนี้: การสร้างภาพต้องมีเบราว์เซอร์ Chrome หรือ Chromium บนเครื่องแม่ข่าย"
    assert squeezed(note) in squeezed(pdf_text(sample_pdf))
    assert _images(sample_pdf) == 0


def _images(pdf: bytes) -> int:
    listing = subprocess.run(["pdfimages", "-list", "-"], input=pdf, capture_output=True, check=True).stdout
    return len(listing.decode().splitlines()) - 2  # two header lines


def test_the_tree_picture_is_embedded(sample: ForumReport) -> None:
    """A PNG given is embedded once, under the tree heading, and the note is left out."""
    buffer = io.BytesIO()
    Image.new("RGB", (1400, 1000), (30, 120, 60)).save(buffer, format="PNG")
    pdf = summary_pdf(sample, tree_png=buffer.getvalue())
    assert _images(pdf) == 1
    text = pdf_text(pdf)
    assert "ต้นไม้สวัสดิการ" in text and "เบราว์เซอร์" not in text


def test_themes_and_votes_print_only_when_the_forum_used_them(sample: ForumReport, sample_pdf: bytes) -> None:
    """No themes or votes: no such sections. With them: names, post counts, options ranked with dots."""
    assert "ประเด็นที่จัดกลุ่ม" not in pdf_text(sample_pdf) and "ผลโหวต" not in pdf_text(sample_pdf)
    options = [OptionResult(1, "น้ำดื่มสะอาด", 31, 12, 1), OptionResult(2, "รถรับส่งผู้ป่วย", 17, 9, 2)]
    used = replace(
        sample,
        themes=[ThemeLine("ผู้สูงอายุอยู่ลำพัง", 7), ThemeLine("น้ำท่วมนาข้าว", 3)],
        votes=[VoteResult("ควรเริ่มแก้ปัญหาใดก่อน", 3, options)],
    )
    text = pdf_text(summary_pdf(used, tree_png=None))
    assert "ประเด็นที่จัดกลุ่ม" in text and "ผู้สูงอายุอยู่ลำพัง" in text and "น้ำท่วมนาข้าว" in text
    assert "ผลโหวต: ควรเริ่มแก้ปัญหาใดก่อน" in text and "คนละ 3 จุด" in text
    assert re.search(r"1\s+น้ำดื่มสะอาด\s+31\s+12", text)


def test_a_long_feed_lists_the_newest_and_says_how_many_it_leaves_out(sample: ForumReport) -> None:
    """Past FEED_SHOWN posts of a kind, the PDF lists the newest and says how many more there are."""
    total = FEED_SHOWN + 50
    items = [
        FeedItem(n, ContributionKind.OTHER, f"ข้อความที่ {n} เรื่องน้ำ", Sector.COMMUNITY, "ก", "") for n in range(total)
    ]
    feed = dict(sample.summary.contributions) | {ContributionKind.OTHER: items[::-1]}  # newest first
    pdf = summary_pdf(replace(sample, summary=replace(sample.summary, contributions=feed)), tree_png=None)
    text = squeezed(pdf_text(pdf, "-raw"))
    assert squeezed(f"แสดง {FEED_SHOWN} ข้อความล่าสุดจากทั้งหมด {total} ข้อความ อีก 50 ข้อความไม่ได้พิมพ์") in text
    assert squeezed(f"ข้อความที่ {total - 1} เรื่องน้ำ") in text and "ข้อความที่50เรื่องน้ำ" in text
    assert "ข้อความที่49เรื่องน้ำ" not in text
