"""Change counters per forum and topic, and the screens each app process reports listening.

Both tables start empty: a counter row is made by the first change of its topic, and
a presence row by the first report of an app process.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "changecounter",
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=32), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["forum_id"], ["forum.id"], name=op.f("fk_changecounter_forum_id_forum"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("forum_id", "topic", name=op.f("pk_changecounter")),
    )
    op.create_table(
        "screenpresence",
        sa.Column("instance", sa.String(length=64), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("listening", sa.Integer(), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("instance", "forum_id", "role", name=op.f("pk_screenpresence")),
    )
    with op.batch_alter_table("screenpresence") as batch:
        batch.create_index(batch.f("ix_screenpresence_forum_id"), ["forum_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("screenpresence") as batch:
        batch.drop_index(batch.f("ix_screenpresence_forum_id"))
    op.drop_table("screenpresence")
    op.drop_table("changecounter")
