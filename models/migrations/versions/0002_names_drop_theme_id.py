"""Drop contribution.theme_id, which nothing used, and name every constraint by the convention.

A database made by the 0.1 release has the constraint names its database chose: none
on SQLite, PostgreSQL's own on PostgreSQL (`participant_forum_id_token_hash_key`). From
here on every database has the names of models.common.NAMING_CONVENTION, whichever way
it came, so a later revision can drop or alter a constraint by name.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from collections.abc import Iterator, Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The convention as it stood at this revision, so that this revision keeps its meaning.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
TABLES = ("forum", "participant", "contribution", "actionitem", "actionitemcontribution", "commitment", "treetie")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite cannot rename a constraint or (with foreign keys) drop a column in place:
        # each table is copied into a new one whose unnamed constraints get the names.
        for table in TABLES:
            with op.batch_alter_table(table, recreate="always", naming_convention=NAMING_CONVENTION) as batch:
                if table == "contribution":
                    batch.drop_column("theme_id")
        return
    op.drop_column("contribution", "theme_id")
    for table, old, new in list(_renames()):
        op.execute(f'ALTER TABLE "{table}" RENAME CONSTRAINT "{old}" TO "{new}"')


def _renames() -> Iterator[tuple[str, str, str]]:
    """(table, name in the database, name by the convention) for each constraint that differs."""
    inspector = sa.inspect(op.get_bind())
    for table in TABLES:
        wanted: dict[str | None, str] = {}
        primary = inspector.get_pk_constraint(table)
        wanted[primary["name"]] = f"pk_{table}"
        for unique in inspector.get_unique_constraints(table):
            wanted[unique["name"]] = f"uq_{table}_{'_'.join(str(c) for c in unique['column_names'])}"
        for foreign in inspector.get_foreign_keys(table):
            wanted[foreign["name"]] = f"fk_{table}_{foreign['constrained_columns'][0]}_{foreign['referred_table']}"
        for old, new in wanted.items():
            if old is not None and old != new:
                yield table, old, new


def downgrade() -> None:
    # The names stay: 0001 gives a new database the same ones.
    with op.batch_alter_table("contribution") as batch:
        batch.add_column(sa.Column("theme_id", sa.Integer(), nullable=True))
