"""Recreating a forum from its archive, with a new join code and facilitator key, in one transaction."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, bindparam, insert, update
from sqlalchemy.exc import DataError, IntegrityError
from sqlmodel import Session

from facilitation.core.errors import ArchiveInconsistent
from facilitation.forum.access import require_organiser
from facilitation.forum.archive_check import Archive, Record, read_archive
from facilitation.forum.archive_schema import RECORD_TYPES, SIDE_TARGETS, SUBJECT_TARGETS, FieldKind, RecordType
from facilitation.forum.forums import create_forum
from facilitation.forum.theme_similarity import posts_key
from models import Forum, ForumCreate, saved_id

# The exporter's id of each record → the id it was given here, by record type.
IdMap = dict[str, dict[int, int]]


@dataclass(frozen=True)
class ImportedForum:
    forum: Forum
    facilitator_token: str  # shown once, as after creating a forum; only its hash is stored
    counts: Mapping[str, int]  # records of each type in the archive
    created: bool = True  # False: a repeated submit found the forum its first submit made

    @property
    def participants(self) -> int:
        """People imported: none of them can open the forum from their old phone link."""
        return self.counts.get("participants", 0)


def import_archive(
    *, session: Session, data: bytes, organiser_password: str | None, creation_key: str | None = None
) -> ImportedForum:
    """Recreate the archived forum here: new ids, a new join code and facilitator key; nothing written if refused.

    The organiser password applies as it does to creating a forum. `creation_key` works as
    create_forum's: drawn by the page before the first tap, so a double tap imports once.
    Raises an ArchiveRefused (broken, foreign, newer, too large, or records that do not hang together).
    """
    require_organiser(password=organiser_password)
    archive = read_archive(data)
    kept = archive.forum
    created = create_forum(
        session=session,
        data=ForumCreate(
            **{name: kept[name] for name in ("title", "province_code", "district_code", "tambon_code", "venue")},
            forum_date=kept["forum_date"],
            language=kept["language"],
        ),
        creation_key=creation_key,
    )
    if not created.created:
        return ImportedForum(created.forum, created.facilitator_token, archive.counts(), created=False)
    forum = created.forum
    for name, value in kept.items():  # as it was filed: the area's names too, whatever this installation calls it
        setattr(forum, name, value)
    session.add(forum)
    session.flush()
    _write_records(session, archive, saved_id(forum))
    return ImportedForum(forum, created.facilitator_token, archive.counts())


def _write_records(session: Session, archive: Archive, forum_id: int) -> None:
    ids: IdMap = {}
    record: RecordType | None = None
    try:
        for record in RECORD_TYPES[1:]:
            _insert(session, record, archive.records[record.key], ids, forum_id)
        _merge_links(session, archive.records["contributions"], ids)
    except (IntegrityError, DataError) as error:
        # The checks before cover each field and reference; what is left is a rule between
        # records (two of one kind that may exist once, a vote's dots over its cap).
        where = record.key if record is not None else "forum"
        raise ArchiveInconsistent(problem=f"{where}: a record repeats another or breaks a rule of the forum") from error


def _table(record: RecordType) -> Table:
    table: Table = record.model.__table__  # type: ignore[attr-defined]
    return table


def _insert(session: Session, record: RecordType, rows: list[Record], ids: IdMap, forum_id: int) -> None:
    if not rows:
        ids[record.key] = {}
        return
    table = _table(record)
    values = [_values(record, row, ids) for row in rows]
    if "forum_id" in table.c:
        for value in values:
            value["forum_id"] = forum_id
    if not record.has_id:
        session.execute(insert(table), values)
        return
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    made = session.execute(statement, values).scalars().all()
    ids[record.key] = {row["id"]: new for row, new in zip(rows, made, strict=True)}


def _values(record: RecordType, row: Record, ids: IdMap) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for spec in record.fields:
        value = row[spec.name]
        if spec.kind == FieldKind.ID:
            continue
        if value is not None:
            if spec.kind == FieldKind.REF:
                # A post merged into another may point at one written after it: linked once all are in.
                value = None if spec.name == "merged_into_id" else ids[spec.target][value]
            elif spec.kind == FieldKind.REFS:
                value = sorted(ids[spec.target][item] for item in value)
            elif spec.kind == FieldKind.SUBJECT:
                value = ids[SUBJECT_TARGETS[row["subject_kind"]]][value]
            elif spec.kind == FieldKind.SIDE:
                prefix, number = value.split(":")
                value = f"{prefix}:{ids[SIDE_TARGETS[prefix]][int(number)]}"
        values[spec.name] = value
    if record.key == "theme_rejections":
        values["posts_key"] = posts_key(values["contribution_ids"])
    if record.key == "overlap_marks":
        # Stored in sorted order (facilitation/forum/overlaps.py): new ids may sort the other way.
        values["first"], values["second"] = sorted((values["first"], values["second"]))
    return values


def _merge_links(session: Session, rows: list[Record], ids: IdMap) -> None:
    posts = ids["contributions"]
    links = [
        {"row_id": posts[row["id"]], "into_id": posts[row["merged_into_id"]]}
        for row in rows
        if row["merged_into_id"] is not None
    ]
    if links:
        table = _table(next(record for record in RECORD_TYPES if record.key == "contributions"))
        statement = update(table).where(table.c.id == bindparam("row_id")).values(merged_into_id=bindparam("into_id"))
        session.execute(statement, links)
