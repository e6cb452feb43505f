"""Column types and defaults shared by every table."""

from datetime import UTC, datetime
from enum import StrEnum
from typing import Protocol

from sqlalchemy import DateTime
from sqlalchemy import Enum as SAEnum
from sqlalchemy.types import TypeDecorator
from sqlmodel import SQLModel

# Every constraint gets a predictable name, set here before any table is defined. A
# migration can only drop or alter a constraint by name, and SQLite keeps none of its
# own. Unique constraints name all their columns so two that share a first column differ.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING_CONVENTION


class _Stored(Protocol):
    @property
    def id(self) -> int | None: ...


def saved_id(row: _Stored) -> int:
    """The primary key of a row that has been flushed or read from the database.

    Table ids are `int | None` because a new row has none until it is flushed; once
    it is stored, a missing id is a bug, so it raises instead of becoming 0.
    """
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id yet: flush the session first")
    return row.id


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and read back timezone-aware.

    SQLite keeps no zone, so values come back naive; attaching UTC on read keeps
    comparisons and formatting the same on SQLite and PostgreSQL.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime; use models.common.utcnow()")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def enum_type(enum: type[StrEnum]) -> SAEnum:
    """A column type that stores an enum's value as text and reads back the enum member.

    Plain VARCHAR (no database enum, no CHECK) so that adding a member never needs a
    schema change; values, not names, so the stored text is the same as the API's.
    """
    return SAEnum(
        enum,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [member.value for member in members],
    )
