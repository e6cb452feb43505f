"""Each post's words, cut when it is written, so counting a hall's words reads instead of cutting;
and the words a forum's word cloud leaves out.

Posts stored before this revision keep NULL: they are cut when first counted. Forums start
leaving out nothing.

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
    with op.batch_alter_table("forum") as batch:
        batch.add_column(sa.Column("left_out_words", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("forum") as batch:
        batch.drop_column("left_out_words")
    with op.batch_alter_table("contribution") as batch:
        batch.drop_column("words")
