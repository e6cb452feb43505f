"""People without phones: the facilitator registers them and types their posts and commitments.

A registered person is a participant with no token (token_hash may now be empty) and a
`registeredperson` row beside it, keyed by the registration form so a double click
registers one person.

Downgrading drops the registrations and gives each such person a token hash no token has
(not a hex digest), so the older schema's NOT NULL holds and their entries stay theirs.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("participant") as batch:
        batch.alter_column("token_hash", existing_type=sa.String(length=64), nullable=True)
    op.create_table(
        "registeredperson",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("form_key", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["forum_id"], ["forum.id"], name=op.f("fk_registeredperson_forum_id_forum"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_registeredperson_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participant_id", name=op.f("pk_registeredperson")),
        sa.UniqueConstraint("forum_id", "form_key", name=op.f("uq_registeredperson_forum_id_form_key")),
    )


def downgrade() -> None:
    op.drop_table("registeredperson")
    op.execute("UPDATE participant SET token_hash = 'registered:' || CAST(id AS VARCHAR) WHERE token_hash IS NULL")
    with op.batch_alter_table("participant") as batch:
        batch.alter_column("token_hash", existing_type=sa.String(length=64), nullable=False)
