"""tables: every table of a forum, its rows and cells, anonymised, hidden words left out, queries that do not grow."""

import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event

from facilitation.core.db import make_engine, read_session, write_session
from facilitation.core.errors import ForumNotFound
from facilitation.exports.report import build_report
from facilitation.exports.table_shape import sheet_title, thai_clock
from facilitation.exports.tables import ColumnKind, Table, forum_tables
from facilitation.sample.load import load_sample_forum
from models import (
    ActionItem,
    ActionItemTheme,
    Commitment,
    Contribution,
    ContributionKind,
    ContributionStatus,
    ModerationAction,
    ModerationEvent,
    OptionSubject,
    Participant,
    ProgressReport,
    ProgressStatus,
    ProgressSubject,
    RegisteredPerson,
    Sector,
    Theme,
    ThemePost,
    Vote,
    VoteDot,
    VoteOption,
    saved_id,
    utcnow,
)
from tests.factories import make_forum
from tests.unit.exports.table_forum import (
    COMMITTED_BY,
    FORMULAS,
    HIDDEN_WORDS,
    HIDE_REASON,
    LEAD,
    PEOPLE,
    RUDE,
    THEME,
    VOLUNTEERS,
    TableForum,
    make_table_forum,
)

KEYS = [
    "participants",
    "contributions",
    "themes",
    "votes",
    "plan",
    "commitments",
    "progress_reports",
    "series",
    "moderation_log",
]
SHEET_NAME = re.compile(r"^[^\[\]:*?/\\]{1,31}$")


@pytest.fixture(scope="module")
def module_engine(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Iterator[Engine]:
    """One database for the module's read-only tests: the forum is built once."""
    path = tmp_path_factory.mktemp("tables") / "forum.db"
    with closing(sqlite3.connect(migrated_template)) as source, closing(sqlite3.connect(path)) as copy:
        source.backup(copy)
    created = make_engine(f"sqlite:///{path}")
    yield created
    created.dispose()


@pytest.fixture(scope="module")
def room(module_engine: Engine) -> TableForum:
    return make_table_forum(module_engine)


def _tables(engine: Engine, forum_id: int, lang: str = "th", *, anonymise: bool = False) -> dict[str, Table]:
    with read_session(engine) as session:
        return {table.key: table for table in forum_tables(session=session, forum_id=forum_id, lang=lang,
                                                           anonymise=anonymise)}  # fmt: skip


def _texts(tables: dict[str, Table]) -> list[str]:
    """Every text cell and heading of every table."""
    found = [table.title for table in tables.values()]
    found += [column.heading for table in tables.values() for column in table.columns]
    return found + [cell for table in tables.values() for row in table.rows for cell in row if isinstance(cell, str)]


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_table_in_order_with_a_valid_sheet_name_and_a_kind_per_column(
    module_engine: Engine, room: TableForum, lang: str
) -> None:
    """Nine tables; titles Excel accepts and all different; each row as wide as the headings."""
    tables = _tables(module_engine, room.id, lang)
    assert list(tables) == KEYS
    titles = [table.title for table in tables.values()]
    assert all(SHEET_NAME.match(title) for title in titles) and len(set(titles)) == len(titles)
    for table in tables.values():
        assert all(len(row) == len(table.columns) for row in table.rows), table.key
    if lang == "th":
        assert tables["participants"].title == "ผู้เข้าร่วม"
        assert [c.heading for c in tables["plan"].columns][:2] == ["ลำดับ", "โครงการ/กิจกรรม"]


def test_participants_with_sector_thai_time_and_who_has_no_phone(module_engine: Engine, room: TableForum) -> None:
    table = _tables(module_engine, room.id)["participants"]
    assert [row[:3] for row in table.rows] == [
        (PEOPLE[0][0], PEOPLE[0][1], "หน่วยงานรัฐ"),
        (PEOPLE[1][0], PEOPLE[1][1], "องค์กรชุมชน"),
        (PEOPLE[2][0], PEOPLE[2][1], "องค์กรชุมชน"),
    ]
    assert [row[4] for row in table.rows] == ["ไม่ใช่", "ไม่ใช่", "ใช่"]
    joined = room.people[0].created_at
    assert table.rows[0][3] == joined.replace(tzinfo=None) + timedelta(hours=7)
    assert [column.kind for column in table.columns][3] == ColumnKind.DATETIME


def test_contributions_keep_the_words_the_room_saw_only(module_engine: Engine, room: TableForum) -> None:
    """A hidden post and a post the word filter holds keep their rows and statuses, not their words."""
    table = _tables(module_engine, room.id)["contributions"]
    by_id = {row[0]: row for row in table.rows}
    assert [row[0] for row in table.rows] == sorted(by_id)
    first = table.rows[0]
    assert first[1:5] == ("รากเหง้าปัญหา", "ไม่มีรถไปโรงพยาบาล", THEME, "แสดงบนจออยู่")
    assert first[5:7] == ("องค์กรชุมชน", PEOPLE[1][0])
    assert isinstance(first[7], datetime) and first[7].tzinfo is None
    assert by_id[room.hidden_post][2:5] == ("", "", "ถูกซ่อนโดยผู้ดำเนินรายการ")
    assert by_id[room.held_post][2:5] == ("", "", "รอผู้ดำเนินรายการตรวจ")
    assert set(FORMULAS) <= {row[2] for row in table.rows}  # raw here: each writer neutralises them


def test_themes_count_showing_posts_and_the_latest_theme_votes_dots(module_engine: Engine, room: TableForum) -> None:
    assert _tables(module_engine, room.id)["themes"].rows == [(THEME, 2, 2)]


def test_votes_are_numbered_and_ranked_and_a_hidden_posts_option_is_not_quoted(
    module_engine: Engine, room: TableForum
) -> None:
    assert _tables(module_engine, room.id)["votes"].rows == [
        (1, "เรื่องไหนควรทำก่อน", "ผู้ดำเนินรายการซ่อนข้อความนี้", 2, 2, 1),
        (1, "เรื่องไหนควรทำก่อน", "ไม่มีรถไปโรงพยาบาล", 0, 0, 2),
        (2, "", THEME, 2, 2, 1),
        (2, "", "ไม่มีรถไปโรงพยาบาล", 1, 1, 2),
    ]


def test_the_plan_has_real_dates_the_budget_in_baht_and_its_themes(module_engine: Engine, room: TableForum) -> None:
    table = _tables(module_engine, room.id)["plan"]
    kinds = {column.heading: column.kind for column in table.columns}
    assert (kinds["เริ่ม"], kinds["สิ้นสุด"], kinds["งบประมาณ (บาท)"]) == (ColumnKind.DATE,) * 2 + (ColumnKind.BAHT,)
    first, second = table.rows
    assert first[0:2] == (1, "รถรับส่งผู้ป่วยติดเตียง")
    assert first[5:9] == (date(2027, 3, 1), date(2027, 9, 30), 1_234_567, "งบท้องถิ่น (อบต./เทศบาล)")
    assert (first[11], first[13], first[14]) == (LEAD, THEME, 2)
    assert (second[5], second[6], second[13], second[14]) == (None, None, "", 0)


def test_commitments_name_the_item_the_organisation_and_who(module_engine: Engine, room: TableForum) -> None:
    assert _tables(module_engine, room.id)["commitments"].rows == [
        (1, "รถรับส่งผู้ป่วยติดเตียง", COMMITTED_BY, "จัดรถตู้ 1 คัน", PEOPLE[0][0]),
        (1, "รถรับส่งผู้ป่วยติดเตียง", VOLUNTEERS, "=2*3 อาสาขับรถ", PEOPLE[1][0]),
    ]


def test_the_moderation_log_gives_the_reason_but_not_the_words_held(module_engine: Engine, room: TableForum) -> None:
    table = _tables(module_engine, room.id)["moderation_log"]
    assert [row[1:] for row in table.rows] == [
        ("เข้าคิวรอตรวจ", room.held_post, "ตัวกรองคำ", ""),
        ("ซ่อน", room.hidden_post, "ผู้ดำเนินรายการ", HIDE_REASON),
    ]
    assert all(isinstance(row[0], datetime) and row[0].tzinfo is None for row in table.rows)


@pytest.mark.parametrize("anonymise", [False, True])
def test_hidden_and_held_words_appear_in_no_table(module_engine: Engine, room: TableForum, anonymise: bool) -> None:
    texts = " ".join(_texts(_tables(module_engine, room.id, anonymise=anonymise)))
    assert HIDDEN_WORDS not in texts and "เหี้ย" not in texts and RUDE not in texts


def test_anonymised_tables_name_sectors_and_keep_public_organisations(module_engine: Engine, room: TableForum) -> None:
    """No participant's name or organisation anywhere; action items' and commitments' organisations stay."""
    tables = _tables(module_engine, room.id, anonymise=True)
    texts = _texts(tables)
    for name, organisation in PEOPLE:
        assert not any(name in text or organisation in text for text in texts), name
    assert tables["participants"].rows[0][:3] == ("หน่วยงานรัฐ",) * 3
    assert [row[6] for row in tables["contributions"].rows][:2] == ["องค์กรชุมชน", "หน่วยงานรัฐ"]
    assert [row[2:] for row in tables["commitments"].rows] == [
        (COMMITTED_BY, "จัดรถตู้ 1 คัน", "หน่วยงานรัฐ"),
        (VOLUNTEERS, "=2*3 อาสาขับรถ", "องค์กรชุมชน"),
    ]
    assert tables["plan"].rows[0][11] == LEAD


def test_an_unknown_forum_is_refused(module_engine: Engine) -> None:
    with pytest.raises(ForumNotFound):
        _tables(module_engine, 999_999)


def test_an_empty_forum_has_every_table_and_no_rows(engine: Engine) -> None:
    forum = make_forum(engine).forum
    tables = _tables(engine, saved_id(forum))
    assert list(tables) == KEYS and all(table.rows == [] for key, table in tables.items() if key != "series")
    assert [row[1] for row in tables["series"].rows] == [forum.title]  # a forum on its own is a series of one


def test_the_sample_forum_has_as_many_rows_as_its_report(engine: Engine) -> None:
    with write_session(engine) as session:
        forum_id = saved_id(load_sample_forum(session=session).forum)
    tables = _tables(engine, forum_id)
    with read_session(engine) as session:
        report = build_report(session=session, forum_id=forum_id, lang="th")
    summary = report.summary
    assert len(tables["participants"].rows) == summary.participant_total
    assert len(tables["contributions"].rows) == sum(len(items) for items in summary.contributions.values())
    assert [row[1] for row in tables["plan"].rows] == [row.item.activity for row in summary.plan]
    assert len(tables["commitments"].rows) == summary.commitment_total
    assert sum(row[7] for row in tables["plan"].rows) == summary.budget_total  # type: ignore[misc]


def test_sheet_titles_and_thai_clock() -> None:
    assert sheet_title("แผน: ปี 2570 [ร่าง] / ก*?\\") == "แผน  ปี 2570  ร่าง    ก"
    assert len(sheet_title("ก" * 40)) == 31
    assert thai_clock(datetime(2027, 2, 18, 20, 30, tzinfo=utcnow().tzinfo)) == datetime(2027, 2, 19, 3, 30)


def _bulk_forum(engine: Engine, posts: int) -> int:
    """A forum of `posts` posts with every table growing with it, written straight to the tables (fast)."""
    forum_id = saved_id(make_forum(engine).forum)
    now = utcnow()
    with write_session(engine) as session:
        people = [
            Participant(forum_id=forum_id, display_name=f"คนที่ {n}", sector=Sector.COMMUNITY, consented_at=now)
            for n in range(posts // 10)
        ]
        session.add_all(people)
        session.flush()
        for n, person in enumerate(people[::5]):
            session.add(RegisteredPerson(participant_id=saved_id(person), forum_id=forum_id, form_key=f"k{n}"))
        rows = [
            Contribution(
                forum_id=forum_id,
                participant_id=saved_id(people[n % len(people)]),
                kind=ContributionKind.OTHER,
                text=f"ข้อเสนอ {n}",
                words=[],
                status=ContributionStatus.VISIBLE if n % 9 else ContributionStatus.HIDDEN,
            )
            for n in range(posts)
        ]
        themes = [Theme(forum_id=forum_id, name=f"ประเด็น {n}") for n in range(posts // 20)]
        items = [ActionItem(forum_id=forum_id, activity=f"กิจกรรม {n}") for n in range(posts // 40)]
        vote = Vote(forum_id=forum_id, question="ข้อไหนก่อน", dots_per_person=3, cap_per_option=3, creation_key="v")
        session.add_all([*rows, *themes, *items, vote])
        session.flush()
        for n, post in enumerate(rows[: len(themes) * 5]):
            session.add(ThemePost(contribution_id=saved_id(post), theme_id=saved_id(themes[n % len(themes)])))
        for theme, item in zip(themes, items, strict=False):
            session.add(ActionItemTheme(action_item_id=saved_id(item), theme_id=saved_id(theme), linked_name=""))
        for n, person in enumerate(people):
            item_id = saved_id(items[n % len(items)])
            session.add(Commitment(forum_id=forum_id, action_item_id=item_id, participant_id=person.id, text="ช่วย"))
        for n, item in enumerate(items):
            session.add(
                ProgressReport(
                    forum_id=forum_id,
                    subject_kind=ProgressSubject.ACTION_ITEM,
                    subject_id=saved_id(item),
                    status=ProgressStatus.IN_PROGRESS,
                    percent=10,
                    reported_on=date(2027, 3, 1),
                    creation_key=f"r{n}",
                )
            )
        for post in rows[::9]:
            session.add(ModerationEvent(forum_id=forum_id, action=ModerationAction.HIDDEN, contribution_id=post.id))
        options = [
            VoteOption(vote_id=saved_id(vote), subject_kind=OptionSubject.THEME, subject_id=saved_id(theme), label="")
            for theme in themes
        ]
        session.add_all(options)
        session.flush()
        for n, person in enumerate(people):
            option_id = saved_id(options[n % len(options)])
            session.add(VoteDot(option_id=option_id, participant_id=saved_id(person), vote_id=vote.id, cap=3, dots=1))
    return forum_id


def _selects(engine: Engine, forum_id: int) -> tuple[int, dict[str, int]]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        tables = _tables(engine, forum_id)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return len(seen), {key: len(table.rows) for key, table in tables.items()}


def test_the_number_of_queries_does_not_grow_with_the_forum(engine: Engine) -> None:
    """200 posts or 2,000 (and people, themes, items, commitments, log lines, options in step): the same reads."""
    small, small_rows = _selects(engine, _bulk_forum(engine, 200))
    large, large_rows = _selects(engine, _bulk_forum(engine, 2000))
    growing = [key for key in KEYS if key != "series"]  # one forum either way
    assert large_rows["contributions"] == 2000 and all(large_rows[key] > small_rows[key] for key in growing)
    # 11 for the tables, 4 for the plan's progress (own reports, commitments and weights, theirs, carried),
    # 1 for the progress reports, 6 for the series (one step along its links, its forums, their items and
    # their progress): that last grows with the forums of the series, never with a forum's size.
    assert small == large <= 22


def test_the_tables_read_alike_on_sqlite_and_postgresql(db: Engine) -> None:
    """The joins, the grouped dots and the enum comparisons run on both databases."""
    room = make_table_forum(db)
    tables = _tables(db, room.id, anonymise=True)
    assert [len(table.rows) for table in tables.values()] == [3, 9, 1, 4, 2, 2, 0, 1, 2]
    assert tables["themes"].rows == [(THEME, 2, 2)]
    assert [row[2:] for row in tables["votes"].rows][0] == ("ผู้ดำเนินรายการซ่อนข้อความนี้", 2, 2, 1)
