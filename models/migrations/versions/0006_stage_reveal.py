"""Write first, then reveal: whether each stage's posts show yet, and the record of reveals and hides.

A forum without a `stagereveal` row reads as a new forum's default: counts only until
the facilitator reveals. Forums that exist at the upgrade get rows for Share and Plan
that keep what they did before: posts live on the projector.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The stages whose projector shows posts; stored as Stage's values.
STAGES = ("share", "plan")


def upgrade() -> None:
    op.create_table(
        "stagereveal",
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("hold_until_revealed", sa.Boolean(), nullable=False),
        sa.Column("phones_show_posts", sa.Boolean(), nullable=False),
        sa.Column("revealed", sa.Boolean(), nullable=False),
        sa.Column("revealed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["forum_id"], ["forum.id"], name=op.f("fk_stagereveal_forum_id_forum"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("forum_id", "stage", name=op.f("pk_stagereveal")),
    )
    op.create_table(
        "revealevent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("by_role", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["forum_id"], ["forum.id"], name=op.f("fk_revealevent_forum_id_forum"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revealevent")),
    )
    with op.batch_alter_table("revealevent") as batch:
        batch.create_index(batch.f("ix_revealevent_forum_id"), ["forum_id"], unique=False)

    # Existing forums keep their posts live on the projector; new ones hold them.
    forum = sa.table("forum", sa.column("id", sa.Integer()))
    reveal = sa.table(
        "stagereveal",
        *(sa.column(name) for name in ("forum_id", "stage", "hold_until_revealed", "phones_show_posts")),
        *(sa.column(name) for name in ("revealed", "version", "updated_at")),
    )
    for stage in STAGES:
        chosen = sa.select(
            forum.c.id,
            sa.literal(stage, sa.String(32)),
            sa.false(),
            sa.false(),
            sa.false(),
            sa.literal(1, sa.Integer()),
            sa.func.current_timestamp(),
        )
        op.execute(
            reveal.insert().from_select(
                ["forum_id", "stage", "hold_until_revealed", "phones_show_posts", "revealed", "version", "updated_at"],
                chosen,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("revealevent") as batch:
        batch.drop_index(batch.f("ix_revealevent_forum_id"))
    op.drop_table("revealevent")
    op.drop_table("stagereveal")
