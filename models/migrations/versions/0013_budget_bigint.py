"""Budgets in 64 bits: the plan form takes up to 10,000,000,000 baht, past a 32-bit integer.

SQLite stores every integer in up to 64 bits already; PostgreSQL's INTEGER stops at 2,147,483,647.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("actionitem") as batch:
        batch.alter_column("budget_baht", existing_type=sa.Integer(), type_=sa.BigInteger(), existing_nullable=False)


def downgrade() -> None:
    # A budget past 32 bits cannot go back: it is capped rather than refusing the downgrade.
    op.execute("UPDATE actionitem SET budget_baht = 2147483647 WHERE budget_baht > 2147483647")
    with op.batch_alter_table("actionitem") as batch:
        batch.alter_column("budget_baht", existing_type=sa.BigInteger(), type_=sa.Integer(), existing_nullable=False)
