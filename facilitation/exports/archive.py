"""A whole forum as one JSON archive (the schema: facilitation/forum/archive_schema.py)."""

import json
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import Table, select
from sqlmodel import Session

from facilitation.core.errors import ForumNotFound
from facilitation.core.i18n import t
from facilitation.forum.archive_schema import ARCHIVE_FORMAT, ARCHIVE_VERSION, RECORD_TYPES, RecordType
from models import ActionItem, Commitment, Forum, Theme, Vote, utcnow

__all__ = ["ARCHIVE_FORMAT", "ARCHIVE_VERSION", "archive_filename", "export_archive"]

# Tables without a forum_id of their own reach their forum through the row they hang on.
_PARENT: dict[str, tuple[Any, str]] = {
    "theme_posts": (Theme, "theme_id"),
    "action_item_contributions": (ActionItem, "action_item_id"),
    "action_item_themes": (ActionItem, "action_item_id"),
    "vote_options": (Vote, "vote_id"),
    "ballots": (Vote, "vote_id"),
    "vote_dots": (Vote, "vote_id"),
    "commitment_weights": (Commitment, "commitment_id"),
}


def _table(record: RecordType) -> Table:
    table: Table = record.model.__table__  # type: ignore[attr-defined]
    return table


def _plain(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _records(session: Session, record: RecordType, forum_id: int) -> list[dict[str, object]]:
    table = _table(record)
    names = [spec.name for spec in record.fields]
    statement = select(*(table.c[name] for name in names))
    if "forum_id" in table.c:
        statement = statement.where(table.c.forum_id == forum_id)
    else:
        parent, column = _PARENT[record.key]
        parent_table: Table = parent.__table__
        statement = statement.join(parent_table, parent_table.c.id == table.c[column]).where(
            parent_table.c.forum_id == forum_id
        )
    # Sorted by the primary key, so two exports of one forum are the same text.
    statement = statement.order_by(*table.primary_key.columns)
    return [
        {name: _plain(value) for name, value in zip(names, row, strict=True)}
        for row in session.execute(statement).all()
    ]


def archive_data(*, session: Session, forum_id: int) -> dict[str, object]:
    """The forum's archive as plain JSON-ready data."""
    if session.get(Forum, forum_id) is None:
        raise ForumNotFound(id=forum_id)
    data: dict[str, object] = {
        "format": ARCHIVE_FORMAT,
        "version": ARCHIVE_VERSION,
        "exported_at": utcnow().isoformat(),
    }
    for record in RECORD_TYPES:
        if record.key == "forum":
            table = _table(record)
            row = session.execute(
                select(*(table.c[spec.name] for spec in record.fields)).where(table.c.id == forum_id)
            ).one()
            data["forum"] = {spec.name: _plain(value) for spec, value in zip(record.fields, row, strict=True)}
        else:
            data[record.key] = _records(session, record, forum_id)
    return data


def anonymise_people(data: dict[str, object], lang: str) -> dict[str, object]:
    """`data` with each participant's name replaced by their sector and their organisation left blank.

    Commitments keep their organisation, as the other exports do: they are public commitments.
    The file stays an archive: it imports, with the names as the sectors.
    """
    people = data["participants"]
    assert isinstance(people, list)
    return {
        **data,
        "participants": [
            {**person, "display_name": t(f"sector_{person['sector']}", lang), "organisation": ""} for person in people
        ],
    }


def export_archive(*, session: Session, forum_id: int, anonymise_in: str | None = None) -> bytes:
    """The whole forum as UTF-8 JSON: keys in the schema's order, one value per line, Thai as it is (not escaped).

    `anonymise_in`: a language, to name people by their sector in it (see `anonymise_people`).
    """
    data = archive_data(session=session, forum_id=forum_id)
    if anonymise_in is not None:
        data = anonymise_people(data, anonymise_in)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return (text + "\n").encode("utf-8")


def archive_filename(forum: Forum) -> str:
    """The archive's file name: the join code and the forum's date, so two forums' files never share one."""
    return f"forum-{forum.code}-{forum.forum_date.isoformat()}.archive.json"
