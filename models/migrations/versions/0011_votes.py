"""Dot voting: votes, their options, each person's ballot (dots spent of the budget) and dots per option.

The budget and the per-option cap are CHECK constraints; one open vote per forum is a
partial unique index (SQLite and PostgreSQL both have them).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "vote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("question", sa.String(length=300), nullable=False),
        sa.Column("dots_per_person", sa.Integer(), nullable=False),
        sa.Column("cap_per_option", sa.Integer(), nullable=False),
        sa.Column("results_shown", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("revealed", sa.Boolean(), nullable=False),
        sa.Column("creation_key", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revealed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "dots_per_person >= 1 AND cap_per_option >= 1 AND cap_per_option <= dots_per_person",
            name=op.f("ck_vote_dots"),
        ),
        sa.ForeignKeyConstraint(["forum_id"], ["forum.id"], name=op.f("fk_vote_forum_id_forum"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vote")),
        sa.UniqueConstraint("forum_id", "creation_key", name=op.f("uq_vote_forum_id_creation_key")),
    )
    with op.batch_alter_table("vote") as batch_op:
        batch_op.create_index(
            "ix_vote_one_open_per_forum",
            ["forum_id"],
            unique=True,
            sqlite_where=sa.text("status = 'open'"),
            postgresql_where=sa.text("status = 'open'"),
        )

    op.create_table(
        "ballot",
        sa.Column("vote_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("budget", sa.Integer(), nullable=False),
        sa.Column("used", sa.Integer(), nullable=False),
        sa.CheckConstraint("used >= 0 AND used <= budget", name=op.f("ck_ballot_within_budget")),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_ballot_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["vote_id"], ["vote.id"], name=op.f("fk_ballot_vote_id_vote"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("vote_id", "participant_id", name=op.f("pk_ballot")),
    )
    op.create_table(
        "voteoption",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vote_id", sa.Integer(), nullable=False),
        sa.Column("subject_kind", sa.String(length=32), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=500), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["vote_id"], ["vote.id"], name=op.f("fk_voteoption_vote_id_vote"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_voteoption")),
        sa.UniqueConstraint(
            "vote_id", "subject_kind", "subject_id", name=op.f("uq_voteoption_vote_id_subject_kind_subject_id")
        ),
    )
    with op.batch_alter_table("voteoption") as batch_op:
        batch_op.create_index(batch_op.f("ix_voteoption_vote_id"), ["vote_id"], unique=False)

    op.create_table(
        "votedot",
        sa.Column("option_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("vote_id", sa.Integer(), nullable=False),
        sa.Column("cap", sa.Integer(), nullable=False),
        sa.Column("dots", sa.Integer(), nullable=False),
        sa.CheckConstraint("dots >= 0 AND dots <= cap", name=op.f("ck_votedot_within_cap")),
        sa.ForeignKeyConstraint(
            ["option_id"], ["voteoption.id"], name=op.f("fk_votedot_option_id_voteoption"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_votedot_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["vote_id"], ["vote.id"], name=op.f("fk_votedot_vote_id_vote"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("option_id", "participant_id", name=op.f("pk_votedot")),
    )
    with op.batch_alter_table("votedot") as batch_op:
        batch_op.create_index(batch_op.f("ix_votedot_vote_id"), ["vote_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("votedot") as batch_op:
        batch_op.drop_index(batch_op.f("ix_votedot_vote_id"))

    op.drop_table("votedot")
    with op.batch_alter_table("voteoption") as batch_op:
        batch_op.drop_index(batch_op.f("ix_voteoption_vote_id"))

    op.drop_table("voteoption")
    op.drop_table("ballot")
    with op.batch_alter_table("vote") as batch_op:
        batch_op.drop_index("ix_vote_one_open_per_forum")

    op.drop_table("vote")
