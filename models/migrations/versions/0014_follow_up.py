"""Act and follow up: owners' progress links and reports, commitment weights, follow-up forums,
items carried into a follow-up's plan, and an index for the area dashboard.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SUBJECT = sa.Enum("commitment", "action_item", name="progresssubject", native_enum=False, length=32)
_STATUS = sa.Enum(
    "not_started", "in_progress", "done", "blocked", "dropped", name="progressstatus", native_enum=False, length=32
)


def _forum(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["forum_id"], ["forum.id"], name=op.f(f"fk_{table}_forum_id_forum"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "ownerlink",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("subject_kind", _SUBJECT, nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        _forum("ownerlink"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ownerlink")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_ownerlink_token_hash")),
    )
    op.create_index(op.f("ix_ownerlink_forum_id"), "ownerlink", ["forum_id"], unique=False)
    op.create_index(
        "uq_ownerlink_live_subject",
        "ownerlink",
        ["subject_kind", "subject_id"],
        unique=True,
        sqlite_where=sa.text("revoked_at IS NULL"),
        postgresql_where=sa.text("revoked_at IS NULL"),
    )
    op.create_table(
        "progressreport",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("subject_kind", _SUBJECT, nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("status", _STATUS, nullable=False),
        sa.Column("percent", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=False),
        sa.Column("spent_baht", sa.BigInteger(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("reported_by", sa.String(length=32), nullable=False),
        sa.Column("creation_key", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("percent >= 0 AND percent <= 100", name=op.f("ck_progressreport_percent")),
        sa.CheckConstraint("spent_baht >= 0", name=op.f("ck_progressreport_spent")),
        _forum("progressreport"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progressreport")),
        sa.UniqueConstraint(
            "subject_kind",
            "subject_id",
            "creation_key",
            name=op.f("uq_progressreport_subject_kind_subject_id_creation_key"),
        ),
    )
    op.create_index(op.f("ix_progressreport_forum_id"), "progressreport", ["forum_id"], unique=False)
    op.create_index("ix_progressreport_subject", "progressreport", ["subject_kind", "subject_id", "id"], unique=False)
    op.create_table(
        "commitmentweight",
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("weight >= 0", name=op.f("ck_commitmentweight_weight")),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitment.id"],
            name=op.f("fk_commitmentweight_commitment_id_commitment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("commitment_id", name=op.f("pk_commitmentweight")),
    )
    op.create_table(
        "forumfollowup",
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("earlier_forum_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["earlier_forum_id"], ["forum.id"], name=op.f("fk_forumfollowup_earlier_forum_id_forum"), ondelete="CASCADE"
        ),
        _forum("forumfollowup"),
        sa.PrimaryKeyConstraint("forum_id", name=op.f("pk_forumfollowup")),
    )
    op.create_index(op.f("ix_forumfollowup_earlier_forum_id"), "forumfollowup", ["earlier_forum_id"], unique=False)
    op.create_table(
        "carrieditem",
        sa.Column("action_item_id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("earlier_item_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_item_id"],
            ["actionitem.id"],
            name=op.f("fk_carrieditem_action_item_id_actionitem"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["earlier_item_id"],
            ["actionitem.id"],
            name=op.f("fk_carrieditem_earlier_item_id_actionitem"),
            ondelete="CASCADE",
        ),
        _forum("carrieditem"),
        sa.PrimaryKeyConstraint("action_item_id", name=op.f("pk_carrieditem")),
        sa.UniqueConstraint("earlier_item_id", "forum_id", name=op.f("uq_carrieditem_earlier_item_id_forum_id")),
    )
    op.create_index(op.f("ix_carrieditem_earlier_item_id"), "carrieditem", ["earlier_item_id"], unique=False)
    op.create_index(op.f("ix_carrieditem_forum_id"), "carrieditem", ["forum_id"], unique=False)
    op.create_index("ix_forum_area", "forum", ["province_code", "district_code", "tambon_code"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_forum_area", table_name="forum")
    for table in ("carrieditem", "forumfollowup", "commitmentweight", "progressreport", "ownerlink"):
        op.drop_table(table)
