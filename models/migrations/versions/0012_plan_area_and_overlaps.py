"""Where an activity happens (the action-plan form's พื้นที่), and the facilitator's marks on
overlaps flagged between two organisations' plans.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("actionitem") as batch:
        batch.add_column(sa.Column("area", sa.String(), nullable=False, server_default=""))
    op.create_table(
        "overlapmark",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("first", sa.String(length=40), nullable=False),
        sa.Column("second", sa.String(length=40), nullable=False),
        sa.Column("decision", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["forum_id"], ["forum.id"], name=op.f("fk_overlapmark_forum_id_forum"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_overlapmark")),
        sa.UniqueConstraint("forum_id", "first", "second", name=op.f("uq_overlapmark_forum_id_first_second")),
    )
    with op.batch_alter_table("overlapmark") as batch:
        batch.create_index(batch.f("ix_overlapmark_forum_id"), ["forum_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("overlapmark") as batch:
        batch.drop_index(batch.f("ix_overlapmark_forum_id"))
    op.drop_table("overlapmark")
    with op.batch_alter_table("actionitem") as batch:
        batch.drop_column("area")
