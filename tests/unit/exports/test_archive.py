"""archive: a whole forum to one JSON file and back, in another installation, with nothing lost or leaked."""

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, Table
from sqlmodel import SQLModel, select

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import (
    ArchiveForeign,
    ArchiveInconsistent,
    ArchiveRefused,
    ArchiveTooLarge,
    ArchiveTooNew,
    ArchiveUnreadable,
    NotAuthorised,
    OrganiserPasswordWrong,
)
from facilitation.core.i18n import t
from facilitation.core.settings import get_settings
from facilitation.core.tokens import new_token
from facilitation.exports.archive import archive_filename, export_archive
from facilitation.forum import archive_check, archive_schema
from facilitation.forum.archive_check import read_archive
from facilitation.forum.archive_import import ImportedForum, import_archive
from facilitation.forum.archive_schema import (
    ARCHIVE_FORMAT,
    ARCHIVE_VERSION,
    BY_KEY,
    NOT_ARCHIVED,
    RECORD_TYPES,
    SIDE_TARGETS,
    SUBJECT_TARGETS,
    FieldKind,
    describe,
)
from facilitation.forum.dots import add_dot
from facilitation.forum.forums import authorise_facilitator
from facilitation.forum.left_out_words import set_left_out_words
from facilitation.forum.moderation import hide_post
from facilitation.forum.moderation_rules import set_moderation_words, set_pre_approval
from facilitation.forum.overlaps import mark_overlap
from facilitation.forum.participants import identify
from facilitation.forum.people_without_phones import post_for_person
from facilitation.forum.plans import delete_action_item
from facilitation.forum.progress import set_weight
from facilitation.forum.reveal import reveal_stage
from facilitation.forum.theme_suggestions import reject_suggestion
from facilitation.forum.themes import create_theme, merge_themes
from facilitation.forum.timer import start_timer
from facilitation.forum.votes import VoteSettings, close_vote, open_vote
from facilitation.sample.load import load_sample_forum
from facilitation.tree import admin as tree_admin
from models import (
    ContributionCreate,
    ContributionKind,
    Forum,
    OptionSubject,
    OverlapDecision,
    Participant,
    ProgressStatus,
    ProgressSubject,
    ResultsShown,
    Sector,
    Stage,
    VoteOption,
    saved_id,
)
from tests.factories import join, make_forum, post, register, report
from tests.unit.helpers import commit, make_item, move

ROOT, FUND, BENEFIT, OTHER = (
    ContributionKind.ROOT_CAUSE,
    ContributionKind.FUND,
    ContributionKind.BENEFIT,
    ContributionKind.OTHER,
)
Data = dict[str, Any]


def _export(engine: Engine, forum_id: int) -> bytes:
    with read_session(engine) as session:
        return export_archive(session=session, forum_id=forum_id)


def _import(engine: Engine, data: bytes, password: str | None = None, key: str | None = None) -> ImportedForum:
    with write_session(engine) as session:
        return import_archive(session=session, data=data, organiser_password=password, creation_key=key)


def _sample(engine: Engine) -> int:
    with write_session(engine) as session:
        return saved_id(load_sample_forum(session=session).forum)


def _everything(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table: a refused import must leave each one as it was."""
    with engine.connect() as connection:
        return {
            table.name: sorted((tuple(row) for row in connection.execute(table.select())), key=repr)
            for table in SQLModel.metadata.sorted_tables
        }


def handmade(engine: Engine) -> tuple[int, str]:
    """A forum with at least one record of every archived type, made through the services; (its id, key)."""
    created = make_forum(engine, title="เวทีสวัสดิการตำบลศิลา <b>ทุกตาราง</b>")
    forum, key = created.forum, created.facilitator_token
    forum_id = saved_id(forum)
    alice = join(engine, forum.code, name="สมศรี", organisation="อสม.ศิลา", sector=Sector.COMMUNITY).participant
    bob = join(engine, forum.code, name="สมชาย", organisation="อบต.ศิลา", sector=Sector.LOCAL_GOVERNMENT).participant
    elder = register(engine, created)
    root = post(engine, alice, "ผู้สูงอายุอยู่ลำพัง", ROOT)
    root_b = post(engine, bob, "ลูกหลานไปทำงานต่างถิ่น", ROOT)
    fund = post(engine, alice, "กองทุนสวัสดิการชุมชน", FUND)
    benefit = post(engine, alice, "มีคนดูแลที่บ้าน", BENEFIT)
    merged = post(engine, bob, "มีคนมาดูแลถึงบ้าน", BENEFIT)
    rude = post(engine, bob, '=HYPERLINK("x") ไม่ช่วยอะไร', OTHER)
    with write_session(engine) as session:
        # The duplicate is older than the post it is kept under: the import links it after both are in.
        tree_admin.merge(
            session=session, forum_id=forum_id, keep_id=saved_id(merged), duplicate_ids=[saved_id(benefit)]
        )
        tree_admin.tie(
            session=session, forum_id=forum_id, root_id=saved_id(root), fund_id=saved_id(fund), benefit_id=None
        )
        post_for_person(
            session=session,
            code=forum.code,
            key=key,
            participant_id=saved_id(elder),
            data=ContributionCreate(kind=ROOT, text="ไม่มีรถไปหาหมอ"),
        )
        care = create_theme(session=session, forum_id=forum_id, name="การดูแล", contribution_ids=[saved_id(merged)])
        alone = create_theme(session=session, forum_id=forum_id, name="อยู่ลำพัง", contribution_ids=[saved_id(root)])
        travel = create_theme(session=session, forum_id=forum_id, name="เดินทาง", contribution_ids=[saved_id(root_b)])
        merge_themes(session=session, forum_id=forum_id, theme_id=saved_id(travel), version=1, into_id=saved_id(alone))
        reject_suggestion(session=session, forum_id=forum_id, post_ids=[saved_id(fund), saved_id(root)])
        reveal_stage(session=session, forum_id=forum_id, stage=Stage.SHARE, version=0)
        set_left_out_words(session=session, forum_id=forum_id, typed="ตำบล ศิลา", version=0)
        set_moderation_words(session=session, forum_id=forum_id, typed="ขี้โกง", version=0)
        hide_post(session=session, forum_id=forum_id, contribution_id=saved_id(rude), version=1, reason="ไม่สุภาพ")
        start_timer(session=session, forum_id=forum_id, minutes=5, version=0)
    move(engine, forum, Stage.PLAN)
    first = make_item(engine, forum_id, "รถรับส่งผู้ป่วย", contribution_ids=[saved_id(root)], theme_ids=[saved_id(care)])
    second = make_item(engine, forum_id, "เยี่ยมบ้านผู้สูงอายุ", lead_organisation="รพ.สต.ศิลา")
    gone = make_item(engine, forum_id, "กิจกรรมที่ลบแล้ว")
    with write_session(engine) as session:
        settings = VoteSettings(
            "เรื่องไหนสำคัญ", 3, 2, ResultsShown.LIVE, [(OptionSubject.THEME, saved_id(care)),
                                                     (OptionSubject.POST, saved_id(root_b))],
        )  # fmt: skip
        vote = open_vote(session=session, forum_id=forum_id, settings=settings, creation_key=new_token())
        options = session.exec(select(VoteOption.id).where(VoteOption.vote_id == vote.id)).all()
        add_dot(session=session, participant_id=saved_id(alice), option_id=int(options[0] or 0), seen=0)
        add_dot(session=session, participant_id=saved_id(bob), option_id=int(options[1] or 0), seen=0)
        close_vote(session=session, forum_id=forum_id, vote_id=saved_id(vote), version=1)
    move(engine, forum, Stage.ACT)
    commit(engine, bob, saved_id(first), "จัดรถของ อบต. ให้", organisation="อบต.ศิลา")
    mine = commit(engine, alice, saved_id(second), "อสม. ไปเยี่ยมทุกเดือน", organisation="อสม.ศิลา")
    with write_session(engine) as session:
        # "item:10" sorts before "item:9": new ids may store the pair the other way round.
        mark_overlap(
            session=session,
            forum_id=forum_id,
            first=f"item:{saved_id(first)}",
            second=f"commitment:{saved_id(mine)}",
            decision=OverlapDecision.COORDINATED,
            version=0,
        )
        delete_action_item(session=session, forum_id=forum_id, item_id=saved_id(gone))
        set_pre_approval(session=session, forum_id=forum_id, on=True, version=0)
        set_weight(session=session, forum_id=forum_id, commitment_id=saved_id(mine), weight=3, seen=0)
    post(engine, alice, "รอผู้ดำเนินการอนุมัติ", OTHER)  # waits in the queue
    # Progress on both kinds of subject: the import points each at the new commitment or item.
    report(engine, forum_id, ProgressSubject.COMMITMENT, saved_id(mine), status=ProgressStatus.IN_PROGRESS, percent=40)
    report(engine, forum_id, ProgressSubject.ACTION_ITEM, saved_id(first), status=ProgressStatus.BLOCKED, note="รอรถ")
    report(engine, forum_id, ProgressSubject.ACTION_ITEM, saved_id(first), status=ProgressStatus.DONE, percent=100)
    return forum_id, key


def _canonical(data: Data) -> Data:
    """The archive with every id replaced by the record's place in its list, references rewritten to match.

    Two archives of one forum from two installations are then equal exactly when each record
    has the same values and points at the corresponding records.
    """
    places = {
        record.key: {row["id"]: index for index, row in enumerate(data[record.key])}
        for record in RECORD_TYPES
        if record.has_id
    }
    found: Data = {"forum": data["forum"]}
    for record in RECORD_TYPES[1:]:
        rows = []
        for row in data[record.key]:
            plain = dict(row)
            for spec in record.fields:
                value = row[spec.name]
                if value is None:
                    continue
                if spec.kind == FieldKind.ID:
                    plain[spec.name] = places[record.key][value]
                elif spec.kind == FieldKind.REF:
                    plain[spec.name] = places[spec.target][value]
                elif spec.kind == FieldKind.REFS:
                    plain[spec.name] = sorted(places[spec.target][item] for item in value)
                elif spec.kind == FieldKind.SUBJECT:
                    plain[spec.name] = places[SUBJECT_TARGETS[row["subject_kind"]]][value]
                elif spec.kind == FieldKind.SIDE:
                    prefix, number = value.split(":")
                    plain[spec.name] = f"{prefix}:{places[SIDE_TARGETS[prefix]][int(number)]}"
            if record.key == "overlap_marks":
                plain["first"], plain["second"] = sorted((plain["first"], plain["second"]))
            rows.append(plain)
        found[record.key] = sorted(rows, key=lambda row: json.dumps(row, sort_keys=True, ensure_ascii=False))
    return found


def _round_trip(engine: Engine, forum_id: int) -> tuple[Data, Data, ImportedForum]:
    exported = _export(engine, forum_id)
    imported = _import(engine, exported)
    again = _export(engine, saved_id(imported.forum))
    return json.loads(exported), json.loads(again), imported


def _same_forum(before: Data, after: Data) -> None:
    assert after["format"] == ARCHIVE_FORMAT and after["version"] == ARCHIVE_VERSION
    assert {key: len(after[key]) for key in BY_KEY if key != "forum"} == {
        key: len(before[key]) for key in BY_KEY if key != "forum"
    }
    assert _canonical(after) == _canonical(before)


def test_the_sample_forum_comes_back_whole(engine: Engine) -> None:
    """Export → import → export: the same forum, record for record, with new ids, code and key."""
    forum_id = _sample(engine)
    before, after, imported = _round_trip(engine, forum_id)

    _same_forum(before, after)
    assert len(before["contributions"]) > 20 and len(before["commitments"]) > 5
    with read_session(engine) as session:
        source = session.get(Forum, forum_id)
        assert source is not None
        assert imported.forum.code != source.code
        assert authorise_facilitator(session=session, code=imported.forum.code, key=imported.facilitator_token)
        with pytest.raises(NotAuthorised):
            authorise_facilitator(session=session, code=source.code, key=imported.facilitator_token)
    assert imported.participants == len(before["participants"])


def test_a_forum_with_every_table_comes_back_whole(engine: Engine) -> None:
    """Every record type, with merges, dissolved themes, a deleted item, dots, the queue: nothing lost or mixed up."""
    forum_id, _ = handmade(engine)
    before, after, _ = _round_trip(engine, forum_id)

    empty = [key for key in BY_KEY if key != "forum" and not before[key]]
    assert empty == []  # the handmade forum reaches every table, so the comparison below covers each
    _same_forum(before, after)
    # Spot checks that the canonical comparison is not vacuous: ids really changed.
    assert {row["id"] for row in after["contributions"]}.isdisjoint({row["id"] for row in before["contributions"]})


def test_the_file_is_stable_readable_json_with_the_forum_as_it_was_filed(engine: Engine) -> None:
    """UTF-8, Thai not escaped, header first, records sorted, and the same bytes twice but for the moment."""
    forum_id, _ = handmade(engine)
    first, second = _export(engine, forum_id), _export(engine, forum_id)
    text = first.decode("utf-8")
    assert "ทุกตาราง" in text and "\\u0e" not in text
    data = json.loads(text)
    assert list(data)[:4] == ["format", "version", "exported_at", "forum"]
    assert list(data)[4:] == [record.key for record in RECORD_TYPES[1:]]
    ids = [row["id"] for row in data["contributions"]]
    assert ids == sorted(ids)
    assert json.loads(second) | {"exported_at": ""} == data | {"exported_at": ""}
    with read_session(engine) as session:
        forum = session.get(Forum, forum_id)
        assert forum is not None
        assert archive_filename(forum) == f"forum-{forum.code}-2027-02-18.archive.json"


def test_no_secret_of_the_installation_is_in_the_file(engine: Engine) -> None:
    """Join code, facilitator and projector keys, phone and device tokens stay home; old phone links open nothing."""
    forum_id, key = handmade(engine)
    exported = _export(engine, forum_id)
    text = exported.decode("utf-8")
    with read_session(engine) as session:
        forum = session.get(Forum, forum_id)
        assert forum is not None
        people = session.exec(select(Participant).where(Participant.forum_id == forum_id)).all()
        secrets = [forum.code, forum.facilitator_token_hash, forum.creation_key, key]
        secrets += [person.token_hash for person in people] + [person.device_hash for person in people]
    assert [secret for secret in secrets if secret and secret in text] == []
    for name in ("token_hash", "device_hash", "facilitator_token_hash", "projector_token_hash", '"code"'):
        assert name not in text

    imported = _import(engine, exported)
    with read_session(engine) as session:
        people = session.exec(select(Participant).where(Participant.forum_id == saved_id(imported.forum))).all()
        assert people and all(person.token_hash is None and person.device_hash is None for person in people)
        with pytest.raises(NotAuthorised):
            identify(session=session, code=imported.forum.code, token=key)
    message = t("archive_imported", "en", participants=imported.participants, posts=1, items=1)
    assert "cannot reopen it from their old phones" in message


def test_every_table_of_a_forum_is_archived_or_said_why_not() -> None:
    """A new table that hangs on a forum fails here until it is in the archive (or NOT_ARCHIVED says why)."""
    tables = {table.name: table for table in SQLModel.metadata.sorted_tables}
    of_forum = {"forum"}
    changed = True
    while changed:  # every table pointing at the forum, or at a table that does, and so on
        reached = {
            name
            for name, table in tables.items()
            if "forum_id" in table.c or any(key.column.table.name in of_forum for key in table.foreign_keys)
        }
        changed = not reached <= of_forum
        of_forum |= reached
    archived = {record.table for record in RECORD_TYPES}
    assert of_forum - set(NOT_ARCHIVED) == archived
    assert set(NOT_ARCHIVED) <= of_forum


@pytest.mark.parametrize("record", RECORD_TYPES, ids=lambda record: record.key)
def test_every_column_is_in_the_file_or_left_out_with_a_reason(record: archive_schema.RecordType) -> None:
    """A new column fails here until the schema carries it (or says why not); kinds agree with the columns."""
    table: Table = record.model.__table__  # type: ignore[attr-defined]
    fields = {spec.name: spec for spec in record.fields}
    assert set(fields).isdisjoint(record.left_out)
    assert set(fields) | set(record.left_out) == set(table.c.keys())
    assert all(reason for reason in record.left_out.values())
    for name, spec in fields.items():
        column = table.c[name]
        assert spec.nullable is bool(column.nullable) or spec.kind == FieldKind.ID, name
        length = getattr(column.type, "length", None)
        if spec.kind == FieldKind.TEXT and length:
            assert spec.max_length <= length, name
        if spec.kind in (FieldKind.REF,) and column.foreign_keys:
            (foreign,) = column.foreign_keys
            assert foreign.column.table.name == BY_KEY[spec.target].table, name


def test_the_schema_describes_itself() -> None:
    """describe() names every record type and field, and what each leaves out."""
    schema = describe()
    assert schema["properties"]["version"] == {"const": ARCHIVE_VERSION}
    participant = schema["properties"]["participants"]["items"]
    assert "token_hash" in participant["x-left-out"] and "token_hash" not in participant["properties"]
    assert participant["properties"]["sector"]["enum"] == [sector.value for sector in Sector]
    assert set(schema["x-not-archived"]) == set(NOT_ARCHIVED)
    json.dumps(schema)  # plain data


def test_importing_twice_with_one_creation_key_makes_one_forum(engine: Engine) -> None:
    """A double tap on "import" finds the forum the first tap made."""
    data = _export(engine, _sample(engine))
    first = _import(engine, data, key="tap")
    second = _import(engine, data, key="tap")
    assert second.created is False and saved_id(second.forum) == saved_id(first.forum)
    with read_session(engine) as session:
        assert len(session.exec(select(Forum)).all()) == 2


def _edited(data: bytes, change: Callable[[Data], object]) -> bytes:
    parsed = json.loads(data)
    change(parsed)
    return json.dumps(parsed, ensure_ascii=False).encode("utf-8")


def _set(path: tuple[Any, ...], value: object) -> Callable[[Data], object]:
    def change(data: Data) -> None:
        target: Any = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


REFUSED: dict[str, tuple[Callable[[bytes], bytes], type[ArchiveRefused], str]] = {
    "not JSON": (lambda data: b"%PDF-1.7 not an archive", ArchiveUnreadable, "archive_error_unreadable"),
    "cut short": (lambda data: data[: len(data) // 2], ArchiveUnreadable, "archive_error_unreadable"),
    "not UTF-8": (lambda data: data.decode("utf-8").encode("utf-16"), ArchiveUnreadable, "archive_error_unreadable"),
    "a JSON list": (lambda data: b"[1, 2]", ArchiveUnreadable, "archive_error_unreadable"),
    "another program's JSON": (
        lambda data: _edited(data, _set(("format",), "something-else")),
        ArchiveForeign,
        "archive_error_foreign",
    ),
    "a newer version": (
        lambda data: _edited(data, _set(("version",), ARCHIVE_VERSION + 1)),
        ArchiveTooNew,
        "archive_error_too_new",
    ),
    "a progress report on a commitment that is not there": (
        lambda data: _edited(data, _set(("progress_reports", 0, "subject_id"), 999_999)),
        ArchiveInconsistent,
        "archive_error_inconsistent",
    ),
    "a progress report over 100 %": (
        lambda data: _edited(data, _set(("progress_reports", 0, "percent"), 140)),
        ArchiveInconsistent,
        "archive_error_inconsistent",
    ),
    "a weight of a commitment that is not there": (
        lambda data: _edited(data, _set(("commitment_weights", 0, "commitment_id"), 999_999)),
        ArchiveInconsistent,
        "archive_error_inconsistent",
    ),
    "a version-2 file without its progress reports": (
        lambda data: _edited(data, lambda parsed: parsed.pop("progress_reports")),
        ArchiveInconsistent,
        "archive_error_inconsistent",
    ),
    "a reference to a missing post": (
        lambda data: _edited(data, _set(("theme_posts", 0, "contribution_id"), 999_999)),
        ArchiveInconsistent,
        "archive_error_inconsistent",
    ),
    "a reference to a missing person": (
        lambda data: _edited(data, _set(("commitments", 0, "participant_id"), 999_999)),
        ArchiveInconsistent,
        "archive_error_inconsistent",
    ),
    "a side of an overlap that is not there": (
        lambda data: _edited(data, _set(("overlap_marks", 0, "first"), "item:999999")),
        ArchiveInconsistent,
        "archive_error_inconsistent",
    ),
    "a wrong enum value": (
        lambda data: _edited(data, _set(("contributions", 0, "kind"), "complaint")),
        ArchiveInconsistent,
        "archive_error_inconsistent",
    ),
    "a post's kind as the plan kept it, not a kind": (
        lambda data: _edited(data, _set(("action_item_contributions", 0, "linked_kind"), "complaint")),
        ArchiveInconsistent,
        "archive_error_inconsistent",
    ),
    "over-long text": (
        lambda data: _edited(data, _set(("contributions", 0, "text"), "ก" * 501)),
        ArchiveInconsistent,
        "archive_error_inconsistent",
    ),
    "a missing list": (
        lambda data: _edited(data, lambda parsed: parsed.pop("votes")),
        ArchiveInconsistent,
        "archive_error_inconsistent",
    ),
    "an unknown field": (
        lambda data: _edited(data, _set(("participants", 0, "token_hash"), "ab" * 32)),
        ArchiveInconsistent,
        "archive_error_inconsistent",
    ),
    "a time without its offset": (
        lambda data: _edited(data, _set(("forum", "created_at"), "2027-02-18T09:00:00")),
        ArchiveInconsistent,
        "archive_error_inconsistent",
    ),
    "a duplicate id": (
        lambda data: _edited(data, lambda parsed: parsed["participants"].append(parsed["participants"][0])),
        ArchiveInconsistent,
        "archive_error_inconsistent",
    ),
    # Every field fits and every reference is there, but two ballots of one person in one vote:
    # the database refuses it halfway through the import, and all of it is rolled back.
    "two ballots of one person in one vote": (
        lambda data: _edited(data, lambda parsed: parsed["ballots"].append(parsed["ballots"][0])),
        ArchiveInconsistent,
        "archive_error_inconsistent",
    ),
    "a vote's dots over its cap": (
        lambda data: _edited(data, _set(("vote_dots", 0, "dots"), 99)),
        ArchiveInconsistent,
        "archive_error_inconsistent",
    ),
}


@pytest.fixture
def good(engine: Engine) -> bytes:
    """A good archive of the handmade forum."""
    forum_id, _ = handmade(engine)
    return _export(engine, forum_id)


@pytest.mark.parametrize("case", REFUSED)
def test_a_bad_file_is_refused_with_its_message_and_changes_nothing(engine: Engine, good: bytes, case: str) -> None:
    spoil, refusal, message_key = REFUSED[case]
    before = _everything(engine)
    with pytest.raises(ArchiveRefused) as caught:
        _import(engine, spoil(good))
    assert type(caught.value) is refusal
    assert caught.value.message_key == message_key
    for lang in ("th", "en"):
        assert caught.value.message(lang)  # the placeholders are all filled
    assert _everything(engine) == before


def test_the_messages_say_what_is_wrong_in_both_languages(good: bytes) -> None:
    with pytest.raises(ArchiveTooNew) as newer:
        read_archive(_edited(good, _set(("version",), 7)))
    assert newer.value.message("en") == (
        "This file comes from a newer version of the app (format version 7; this one reads up to 2),"
        " so nothing was imported. Update this installation first."
    )
    assert "รุ่น 7" in newer.value.message("th")
    with pytest.raises(ArchiveInconsistent) as missing:
        read_archive(_edited(good, _set(("theme_posts", 0, "theme_id"), 424242)))
    assert "theme_posts[0].theme_id: no record of themes has id 424242" in missing.value.message("en")


def test_a_version_1_file_still_imports_as_a_forum_without_progress(engine: Engine, good: bytes) -> None:
    """Files written before progress reports and weights were archived: read as having none."""
    added = [record.key for record in RECORD_TYPES if record.since > 1]
    assert added == ["progress_reports", "commitment_weights"]

    def as_version_1(parsed: Data) -> None:
        parsed["version"] = 1
        for key in added:
            parsed.pop(key)

    imported = _import(engine, _edited(good, as_version_1))
    again = json.loads(_export(engine, saved_id(imported.forum)))
    assert [again[key] for key in added] == [[], []]
    before = json.loads(good)
    assert len(again["commitments"]) == len(before["commitments"]) and len(before["progress_reports"]) == 3


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive_check, "ARCHIVE_MAX_BYTES", 1024)
    before = _everything(engine)
    with pytest.raises(ArchiveTooLarge) as caught:
        _import(engine, b" " * 2 * 1024 * 1024)
    assert caught.value.message("en") == "The file is 2.0 MB, over the 50 MB limit, so nothing was imported."
    assert _everything(engine) == before


@pytest.fixture
def guarded(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("ORGANISER_PASSWORD", "ศิลา-2570")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.mark.parametrize("password", [None, "", "ศิลา-2571"])
def test_the_organiser_password_applies(engine: Engine, good: bytes, guarded: None, password: str | None) -> None:
    """As for creating a forum: without the password nothing is imported, and the file is not even read."""
    before = _everything(engine)
    with pytest.raises(OrganiserPasswordWrong):
        _import(engine, good, password)
    with pytest.raises(OrganiserPasswordWrong):
        _import(engine, b"not even JSON", password)
    assert _everything(engine) == before
    assert saved_id(_import(engine, good, "ศิลา-2570").forum)


def test_the_round_trip_holds_on_postgresql(postgres_engine: Engine) -> None:
    """The same forum, record for record, through PostgreSQL's ids, timestamps and JSON columns."""
    forum_id, _ = handmade(postgres_engine)
    before, after, _ = _round_trip(postgres_engine, forum_id)
    _same_forum(before, after)
