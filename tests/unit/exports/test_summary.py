"""summary: counts, the Markdown report, escaping people's words, the plan table."""

import re
from datetime import date

import pytest
from sqlalchemy import Engine

from facilitation.core.db import read_session
from facilitation.core.errors import ForumNotFound
from facilitation.exports.markdown import md_escape, summary_filename, to_markdown
from facilitation.exports.summary import ForumSummary, build_summary, plan_table
from models import ContributionKind, FundSource, Language, Sector, Stage, saved_id
from tests.factories import join, make_forum, post
from tests.unit.helpers import commit, make_item, move

NASTY = "**ตัวหนา** <b>x</b> | pipe"
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _summary(engine: Engine, forum_id: int) -> ForumSummary:
    with read_session(engine) as session:
        return build_summary(session=session, forum_id=forum_id)


@pytest.fixture
def filled(engine: Engine) -> ForumSummary:
    """A forum with three sectors, four contributions, two items (one nasty), two commitments."""
    created = make_forum(engine, title="เวทีสวัสดิการตำบลศิลา")
    forum = created.forum
    state = join(engine, forum.code, name="วิไลวรรณ", organisation="พมจ.ขอนแก่น", sector=Sector.STATE).participant
    elder = join(engine, forum.code, name="หนูเพียร", organisation="ชมรมผู้สูงอายุ", sector=Sector.COMMUNITY).participant
    join(engine, forum.code, name="บุญมี", organisation="กองทุนฯ", sector=Sector.COMMUNITY)
    join(engine, forum.code, name="อาจารย์", organisation="มข.", sector=Sector.ACADEMIC)
    alone = post(engine, elder, "ผู้สูงอายุอยู่คนเดียว", ContributionKind.ROOT_CAUSE)
    post(engine, state, "กองทุนสัจจะวันละบาท", ContributionKind.FUND)
    post(engine, elder, "ค่ารับขวัญเด็ก 1,000 บาท", ContributionKind.BENEFIT)
    post(engine, state, NASTY, ContributionKind.OTHER)
    post(engine, state, "# หัวข้อ", ContributionKind.OTHER)
    first = make_item(
        engine,
        saved_id(forum),
        "รถรับส่งผู้ป่วยติดเตียง",
        budget_baht=60_000,
        fund_source=FundSource.TAO,
        contribution_ids=[alone.id],
    )
    second = make_item(engine, saved_id(forum), NASTY, budget_baht=1_234_567, fund_source=FundSource.SWPF)
    move(engine, forum, Stage.ACT)  # commitments open in Act
    commit(engine, elder, saved_id(first), "จัดอาสาขับรถ")
    commit(engine, state, saved_id(second), "หนุนงบ 20,000 บาท", organisation="พมจ.ขอนแก่น")
    return _summary(engine, saved_id(forum))


def test_build_summary_counts(filled: ForumSummary) -> None:
    """Sectors (all six keys), totals of people, budget and commitments."""
    assert filled.participants_by_sector == {
        Sector.STATE: 1,
        Sector.LOCAL_GOVERNMENT: 0,
        Sector.COMMUNITY: 2,
        Sector.PUBLIC_BENEFIT: 0,
        Sector.ACADEMIC: 1,
        Sector.OTHER: 0,
    }
    assert filled.participant_total == 4
    assert filled.budget_total == 60_000 + 1_234_567
    assert filled.commitment_total == 2
    assert [len(filled.contributions[kind]) for kind in ContributionKind] == [1, 1, 1, 2]
    assert [row.number for row in filled.plan] == [1, 2]


def test_build_summary_of_an_empty_forum(engine: Engine) -> None:
    """A new forum: zero everywhere, all six sectors present."""
    forum = make_forum(engine).forum
    summary = _summary(engine, saved_id(forum))
    assert summary.participants_by_sector == dict.fromkeys(Sector, 0)
    assert (summary.participant_total, summary.budget_total, summary.commitment_total) == (0, 0, 0)
    assert summary.plan == []


def test_build_summary_unknown_forum(engine: Engine) -> None:
    """An unknown forum id raises ForumNotFound, which a page shows as a translated message."""
    with read_session(engine) as session, pytest.raises(ForumNotFound) as caught:
        build_summary(session=session, forum_id=999)
    assert caught.value.details == {"id": 999}


def test_markdown_in_thai(filled: ForumSummary) -> None:
    """The Thai report has title, area, Buddhist-era date, every contribution, the plan and commitments."""
    text = to_markdown(filled, "th")
    assert text.startswith("# เวทีสวัสดิการตำบลศิลา\n")
    assert "ตำบลศิลา อำเภอเมืองขอนแก่น จังหวัดขอนแก่น" in text
    assert "18 กุมภาพันธ์ 2570" in text
    assert filled.forum.code in text
    for item in ("ผู้สูงอายุอยู่คนเดียว", "กองทุนสัจจะวันละบาท", "ค่ารับขวัญเด็ก 1,000 บาท"):
        assert f"- {item}" in text
    header = next(line for line in text.splitlines() if line.startswith("| ") and "โครงการ/กิจกรรม" in line)
    # The columns of the Thai action-plan form, in its order.
    assert [cell.strip() for cell in header.strip("|").split("|")] == [
        "ลำดับ",
        "โครงการ/กิจกรรม",
        "วัตถุประสงค์",
        "กลุ่มเป้าหมาย (จำนวน)",
        "พื้นที่ (หมู่ที่/ชุมชน)",
        "ระยะเวลา",
        "งบประมาณ",
        "แหล่งงบประมาณ",
        "ตัวชี้วัด",
        "ผลที่คาดว่าจะได้รับ",
        "หน่วยงานรับผิดชอบหลัก",
        "หน่วยงานร่วม",
    ]
    assert "| 1 | รถรับส่งผู้ป่วยติดเตียง |" in text
    assert "60,000 บาท" in text
    assert "1,234,567 บาท" in text
    assert "1,294,567 บาท" in text  # total
    assert "1 มี.ค. 2570 – 30 ก.ย. 2570" in text
    assert "จัดอาสาขับรถ" in text and "หนุนงบ 20,000 บาท" in text
    assert "**ชมรมผู้สูงอายุ** → 1. รถรับส่งผู้ป่วยติดเตียง: จัดอาสาขับรถ" in text


def test_markdown_in_english(filled: ForumSummary) -> None:
    """The English report uses the English area, Common-Era date and baht."""
    text = to_markdown(filled, "en")
    assert "# เวทีสวัสดิการตำบลศิลา" in text
    assert "Sila, Mueang Khon Kaen, Khon Kaen" in text
    assert "18 February 2027" in text
    assert "2570" not in text
    assert "60,000 baht" in text
    assert "1 Mar 2027 – 30 Sep 2027" in text
    assert "ผู้สูงอายุอยู่คนเดียว" in text and "จัดอาสาขับรถ" in text


@pytest.mark.parametrize("lang", ["th", "en"])
def test_markdown_escapes_peoples_words(filled: ForumSummary, lang: str) -> None:
    """Bold, HTML and pipes typed by people stay literal and never break the table."""
    text = to_markdown(filled, lang)
    assert "<b>" not in text
    assert "**ตัวหนา**" not in text
    assert r"\*\*ตัวหนา\*\* \<b\>x\</b\> \| pipe" in text
    assert "\n# หัวข้อ" not in text and "- \\# หัวข้อ" in text
    table = [line for line in text.splitlines() if line.startswith("|")]
    assert len(table) == 2 + len(filled.plan)
    assert {len(UNESCAPED_PIPE.findall(line)) for line in table} == {13}


def test_markdown_without_commitments(engine: Engine) -> None:
    """With no commitments the Act section says so."""
    forum = make_forum(engine, language=Language.EN).forum
    summary = _summary(engine, saved_id(forum))
    text = to_markdown(summary, "th")
    assert "ยังไม่มีพันธะสัญญา" in text
    assert "No commitments yet." in to_markdown(summary, "en")
    assert text.count("\n- **") == 5  # only the five facts at the top


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("**bold**", r"\*\*bold\*\*"),
        ("<b>x</b>", r"\<b\>x\</b\>"),
        ("a | b", r"a \| b"),
        ("# หัวข้อ", r"\# หัวข้อ"),
        ("> quote", r"\> quote"),
        ("- item", r"\- item"),
        ("+ item", r"\+ item"),
        ("1. ข้อแรก", r"1\. ข้อแรก"),
        ("2570) ปี", r"2570\) ปี"),
        ("[link](http://x)", r"\[link\](http\://x)"),
        ("`code` _em_ ~strike~ $x$", r"\`code\` \_em\_ \~strike\~ \$x\$"),
        ("back\\slash", "back\\\\slash"),
        # A typed backslash is doubled, so it escapes nothing: the address and directive after it are.
        ("\\http://evil.test/", r"\\http\://evil.test/"),
        ("\\:red[x]", r"\\\:red\[x\]"),
        ("\\\\:material/home:", r"\\\\\:material/home:"),
        ("ผู้สูงอายุ 12 คน", "ผู้สูงอายุ 12 คน"),
    ],
)
def test_md_escape(raw: str, escaped: str) -> None:
    """md_escape backslash-escapes inline markup and block starts, and leaves plain text alone."""
    assert md_escape(raw) == escaped


def test_md_escape_keeps_html_entities_literal() -> None:
    """'R&amp;D' must not render as 'R&D': the ampersand is escaped."""
    assert md_escape("R&amp;D") in ("R\\&amp;D", "R&amp;amp;D")


@pytest.mark.parametrize("lang", ["th", "en"])
def test_plan_table_has_one_value_per_row_in_every_column(filled: ForumSummary, lang: str) -> None:
    """Every column has exactly one value per action item."""
    table = plan_table(filled, lang)
    assert len(table) == 13
    assert {len(values) for values in table.values()} == {len(filled.plan)}


def test_plan_table_values(filled: ForumSummary) -> None:
    """The Thai table shows number, activity as typed, baht and commitment counts."""
    table = plan_table(filled, "th")
    columns = list(table.values())
    assert columns[0] == ["1", "2"]
    assert columns[1] == ["รถรับส่งผู้ป่วยติดเตียง", NASTY]
    assert "โครงการ/กิจกรรม" in table
    assert table[next(k for k in table if "โครงการ" in k)] == columns[1]
    assert "60,000 บาท" in columns[6]
    assert columns[-1] == ["1", "1"]


def test_summary_filename(engine: Engine) -> None:
    """forum-CODE-YYYY-MM-DD.md."""
    forum = make_forum(engine).forum
    assert summary_filename(forum) == f"forum-{forum.code}-2027-02-18.md"
    assert forum.forum_date == date(2027, 2, 18)


def test_the_summary_says_what_the_room_said_most(filled: ForumSummary) -> None:
    """The posts' words, Thai cut into words, in the summary and its Markdown, each escaped."""
    words = {word.text: word.posts for word in filled.words}
    assert words["ผู้สูงอายุ"] == 1 and "ผู้สูงอายุอยู่คนเดียว" not in words
    text = to_markdown(filled, "th")
    assert "## คำที่ที่ประชุมพูดถึงบ่อย" in text
    said = text.split("## คำที่ที่ประชุมพูดถึงบ่อย", 1)[1].split("##", 1)[0]
    assert "ผู้สูงอายุ (1)" in said
    assert "<b>" not in said and "**" not in said
