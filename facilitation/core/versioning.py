"""Edits that carry the version they were drawn from: compare-and-set in one UPDATE.

`update_if_current` is the one way a service saves an edit of a versioned row
(action items, contributions, the forum's own fields). The check and the write are
one statement, `UPDATE … SET …, version = version + 1 WHERE id = :id AND version = :seen`,
so two saves drawn from the same version cannot both win on SQLite or PostgreSQL,
and nothing is read and written back in Python.
"""

from collections.abc import Mapping
from typing import Any, Protocol, TypeVar

from sqlalchemy import ColumnElement, update
from sqlmodel import Session

from facilitation.core.errors import ForumError, StaleEdit
from models import utcnow


class _Versioned(Protocol):
    id: Any
    version: Any


RowT = TypeVar("RowT", bound=_Versioned)


def update_if_current(
    *,
    session: Session,
    table: type[RowT],
    row_id: int,
    seen: int,
    values: Mapping[str, Any],
    missing: ForumError,
) -> RowT:
    """Write `values` to row `row_id` if its version is still `seen`; returns the row as saved.

    Bumps `version` (and sets `updated_at` when the table has one) in the same UPDATE.
    Raises `missing` when the row does not exist and `StaleEdit` (carrying the current
    row) when someone saved a newer version first. Callers check ownership (forum,
    author, not deleted) before calling.
    """
    changes: dict[str, Any] = dict(values)
    if "updated_at" in table.__table__.columns:  # type: ignore[attr-defined]
        changes.setdefault("updated_at", utcnow())
    version_column: ColumnElement[int] = table.version
    id_column: ColumnElement[int] = table.id
    statement = (
        update(table)
        .where(id_column == row_id, version_column == seen)
        .values(**changes, version=version_column + 1)
        # The row is re-read below; evaluating `version + 1` in Python is not needed.
        .execution_options(synchronize_session=False)
    )
    result = session.execute(statement)
    # Read back what the database holds now (ours, or the newer row that beat us),
    # replacing any copy this session loaded before the UPDATE.
    current = session.get(table, row_id, populate_existing=True)
    if current is None:
        raise missing
    if result.rowcount == 0:  # type: ignore[attr-defined]
        # Detached, so the rollback that follows the refusal does not expire it: the
        # page still reads the current values from the error.
        session.expunge(current)
        raise StaleEdit(current=current)
    return current
