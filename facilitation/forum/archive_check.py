"""Reading a forum archive and checking that it holds together, before anything is written."""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from facilitation.core.errors import (
    ArchiveForeign,
    ArchiveInconsistent,
    ArchiveTooLarge,
    ArchiveTooNew,
    ArchiveUnreadable,
)
from facilitation.forum.archive_schema import (
    ARCHIVE_FORMAT,
    ARCHIVE_MAX_BYTES,
    ARCHIVE_MAX_MB,
    ARCHIVE_VERSION,
    BY_KEY,
    RECORD_TYPES,
    SIDE_TARGETS,
    SUBJECT_TARGETS,
    WORDS_MAX,
    FieldKind,
    FieldSpec,
    RecordType,
)

Record = dict[str, Any]
SIDE = re.compile(r"(item|commitment):([0-9]{1,18})")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
WORD_MAX = 200  # one word of a list, or one tree label
INT_LIMIT = 2**63  # what any database column here could hold
_HEADER = ("format", "version", "exported_at")


@dataclass(frozen=True)
class Archive:
    """An archive's records with Python values (dates, enums); ids and references still the exporter's."""

    version: int
    exported_at: datetime
    records: Mapping[str, list[Record]]  # by record type key; "forum" holds one record

    @property
    def forum(self) -> Record:
        return self.records["forum"][0]

    def counts(self) -> dict[str, int]:
        """How many records of each type, the forum left out."""
        return {key: len(rows) for key, rows in self.records.items() if key != "forum"}


def read_archive(data: bytes) -> Archive:
    """The archive in `data`, checked; raises an ArchiveRefused saying why it cannot be imported."""
    if len(data) > ARCHIVE_MAX_BYTES:
        raise ArchiveTooLarge(size_mb=len(data) / 1024 / 1024, limit_mb=ARCHIVE_MAX_MB)
    try:
        parsed = json.loads(data.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ArchiveUnreadable() from None
    if not isinstance(parsed, dict):
        raise ArchiveUnreadable()
    if parsed.get("format") != ARCHIVE_FORMAT:
        raise ArchiveForeign()
    version = parsed.get("version")
    if not isinstance(version, int) or not _is_int(version) or version < 1:
        raise ArchiveInconsistent(problem=f"version: {version!r} is not a version number")
    if version > ARCHIVE_VERSION:
        raise ArchiveTooNew(version=version, supported=ARCHIVE_VERSION)
    extra = sorted(set(parsed) - set(_HEADER) - set(BY_KEY))
    if extra:
        raise ArchiveInconsistent(problem=f"unknown keys: {', '.join(extra)}")
    exported_at = _value(FieldSpec("exported_at", FieldKind.DATETIME), parsed.get("exported_at"), "exported_at")
    records = {record.key: _records(record, _listed(parsed, record, version)) for record in RECORD_TYPES}
    _check_references(records)
    return Archive(version=version, exported_at=exported_at, records=records)


def _listed(parsed: dict[str, Any], record: RecordType, version: int) -> object:
    """The records of `record` in the file; none when a file of an earlier version left out a type added since."""
    if record.key not in parsed and version < record.since:
        return []
    return parsed.get(record.key)


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and -INT_LIMIT < value < INT_LIMIT


def _records(record: RecordType, raw: object) -> list[Record]:
    if record.key == "forum":
        if not isinstance(raw, dict):
            raise ArchiveInconsistent(problem="forum: missing, or not an object")
        return [_record(record, raw, "forum")]
    if not isinstance(raw, list):
        raise ArchiveInconsistent(problem=f"{record.key}: missing, or not a list")
    rows = [_record(record, item, f"{record.key}[{index}]") for index, item in enumerate(raw)]
    if record.has_id:
        seen: set[int] = set()
        for index, row in enumerate(rows):
            if row["id"] in seen:
                raise ArchiveInconsistent(problem=f"{record.key}[{index}].id: {row['id']} appears twice")
            seen.add(row["id"])
    return rows


def _record(record: RecordType, raw: object, where: str) -> Record:
    if not isinstance(raw, dict):
        raise ArchiveInconsistent(problem=f"{where}: not an object")
    names = [spec.name for spec in record.fields]
    missing, extra = sorted(set(names) - set(raw)), sorted(set(raw) - set(names))
    if missing or extra:
        said = [f"missing {', '.join(missing)}"] * bool(missing) + [f"unknown {', '.join(extra)}"] * bool(extra)
        raise ArchiveInconsistent(problem=f"{where}: {'; '.join(said)}")
    return {spec.name: _value(spec, raw[spec.name], f"{where}.{spec.name}") for spec in record.fields}


def _value(spec: FieldSpec, value: object, where: str) -> Any:
    """The field's value as Python holds it; raises ArchiveInconsistent naming `where` when it does not fit."""
    if value is None:
        if spec.nullable:
            return None
        raise ArchiveInconsistent(problem=f"{where}: empty (null)")
    kind = spec.kind
    if kind in (FieldKind.ID, FieldKind.REF, FieldKind.SUBJECT, FieldKind.INT):
        if _is_int(value):
            return value
    elif kind == FieldKind.BOOL:
        if isinstance(value, bool):
            return value
    elif kind == FieldKind.TEXT:
        if isinstance(value, str):
            if len(value) > spec.max_length:
                raise ArchiveInconsistent(problem=f"{where}: longer than {spec.max_length} characters")
            if spec.allowed and value not in spec.allowed:
                raise ArchiveInconsistent(problem=f"{where}: {_shown(value)} is not one of {', '.join(spec.allowed)}")
            return value
    elif kind == FieldKind.ENUM:
        assert spec.choices is not None
        allowed = {member.value: member for member in spec.choices}
        if isinstance(value, str) and value in allowed:
            return allowed[value]
        raise ArchiveInconsistent(problem=f"{where}: {value!r} is not one of {', '.join(allowed)}")
    elif kind == FieldKind.DATE:
        if isinstance(value, str) and DATE.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
    elif kind == FieldKind.DATETIME:
        return _moment(value, where)
    elif kind == FieldKind.SIDE:
        if isinstance(value, str) and SIDE.fullmatch(value):
            return value
    elif kind == FieldKind.REFS:
        if isinstance(value, list) and all(_is_int(item) for item in value):
            return list(value)
    elif kind == FieldKind.WORDS:
        if _strings(value) and len(value) <= WORDS_MAX:  # type: ignore[arg-type]
            return list(value)  # type: ignore[call-overload]
    elif kind == FieldKind.LABELS and isinstance(value, dict):
        if all(isinstance(key, str) and len(key) <= WORD_MAX for key in value) and _strings(list(value.values())):
            return dict(value)
    raise ArchiveInconsistent(problem=f"{where}: {_shown(value)} is not a {kind.value}")


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) and len(item) <= WORD_MAX for item in value)


def _moment(value: object, where: str) -> datetime:
    if isinstance(value, str) and len(value) <= 40:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is not None:
            return moment.astimezone(UTC)
    raise ArchiveInconsistent(problem=f"{where}: {_shown(value)} is not a date and time with its UTC offset")


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _check_references(records: Mapping[str, list[Record]]) -> None:
    ids = {record.key: {row["id"] for row in records[record.key]} for record in RECORD_TYPES if record.has_id}

    def check(target: str, value: int, where: str) -> None:
        if value not in ids[target]:
            raise ArchiveInconsistent(problem=f"{where}: no record of {target} has id {value}")

    for record in RECORD_TYPES:
        for index, row in enumerate(records[record.key]):
            for spec in record.fields:
                value, where = row[spec.name], f"{record.key}[{index}].{spec.name}"
                if value is None:
                    continue
                if spec.kind == FieldKind.REF:
                    check(spec.target, value, where)
                elif spec.kind == FieldKind.REFS:
                    for item in value:
                        check(spec.target, item, where)
                elif spec.kind == FieldKind.SIDE:
                    prefix, number = value.split(":")
                    check(SIDE_TARGETS[prefix], int(number), where)
                elif spec.kind == FieldKind.SUBJECT:
                    check(SUBJECT_TARGETS[row["subject_kind"]], value, where)
