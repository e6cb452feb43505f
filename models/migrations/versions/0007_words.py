"""Each post's words, cut when it is written, so counting a hall's words reads instead of cutting;
and the words a forum's word cloud leaves out (a row per forum, made by the first save).

Posts stored before this revision keep NULL: they are cut when first counted.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("contribution") as batch:
        batch.add_column(sa.Column("words", sa.JSON(), nullable=True))
    op.create_table(
        "leftoutwords",
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("words", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["forum_id"], ["forum.id"], name=op.f("fk_leftoutwords_forum_id_forum"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("forum_id", name=op.f("pk_leftoutwords")),
    )


def downgrade() -> None:
    op.drop_table("leftoutwords")
    with op.batch_alter_table("contribution") as batch:
        batch.drop_column("words")
