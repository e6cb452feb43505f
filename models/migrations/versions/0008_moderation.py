"""Moderation: posts may wait for the facilitator (pending) or be hidden by them; a forum's
pre-approval setting and its own words to hold; the audit log of moderation actions.

The status column is plain text (models.common.enum_type: no database enum, no CHECK), so
the two new statuses need no schema change. The double-tap index now counts pending and
hidden posts too: a post the facilitator hid cannot be sent again as a new row. Stored
rows are all visible or withdrawn, so the new index fits them as they are.

Going back to 0007, pending and hidden posts become withdrawn: the code of 0007 knows no
other status, and withdrawn keeps them where moderation put them, off every screen.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_INDEX, OLD_WHERE = "uq_contribution_visible_text", "status = 'visible'"
NEW_INDEX, NEW_WHERE = "uq_contribution_kept_text", "status <> 'withdrawn'"
TEXT_COLUMNS = ["participant_id", "kind", "text"]


def _swap_index(drop: tuple[str, str], create: tuple[str, str]) -> None:
    with op.batch_alter_table("contribution") as batch:
        batch.drop_index(drop[0], sqlite_where=sa.text(drop[1]), postgresql_where=sa.text(drop[1]))
        batch.create_index(
            create[0],
            TEXT_COLUMNS,
            unique=True,
            sqlite_where=sa.text(create[1]),
            postgresql_where=sa.text(create[1]),
        )


def upgrade() -> None:
    _swap_index((OLD_INDEX, OLD_WHERE), (NEW_INDEX, NEW_WHERE))
    op.create_table(
        "moderationsetting",
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("pre_approval", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["forum_id"], ["forum.id"], name=op.f("fk_moderationsetting_forum_id_forum"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("forum_id", name=op.f("pk_moderationsetting")),
    )
    op.create_table(
        "moderationwords",
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("words", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["forum_id"], ["forum.id"], name=op.f("fk_moderationwords_forum_id_forum"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("forum_id", name=op.f("pk_moderationwords")),
    )
    op.create_table(
        "moderationevent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("contribution_id", sa.Integer(), nullable=True),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("by_role", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("detail", sa.String(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contribution_id"],
            ["contribution.id"],
            name=op.f("fk_moderationevent_contribution_id_contribution"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["forum_id"], ["forum.id"], name=op.f("fk_moderationevent_forum_id_forum"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"], ["participant.id"], name=op.f("fk_moderationevent_participant_id_participant")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_moderationevent")),
    )
    with op.batch_alter_table("moderationevent") as batch:
        batch.create_index(batch.f("ix_moderationevent_forum_id"), ["forum_id"], unique=False)
        batch.create_index(batch.f("ix_moderationevent_contribution_id"), ["contribution_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("moderationevent") as batch:
        batch.drop_index(batch.f("ix_moderationevent_contribution_id"))
        batch.drop_index(batch.f("ix_moderationevent_forum_id"))
    op.drop_table("moderationevent")
    op.drop_table("moderationwords")
    op.drop_table("moderationsetting")
    contribution = sa.table("contribution", sa.column("status", sa.String(32)))
    op.execute(
        contribution.update()
        .where(contribution.c.status.in_(["pending", "hidden"]))
        .values(status=sa.literal("withdrawn", sa.String(32)))
    )
    _swap_index((NEW_INDEX, NEW_WHERE), (OLD_INDEX, OLD_WHERE))
