"""The schema of the 0.1 release, the last one without migrations.

0.1 made its tables with `SQLModel.metadata.create_all`; a database it made is stamped
at this revision instead of running it (facilitation.core.migrate), and 0002 gives its
constraints the names this revision gives them from the start.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "forum",
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("province_code", sa.String(), nullable=False),
        sa.Column("district_code", sa.String(), nullable=False),
        sa.Column("tambon_code", sa.String(), nullable=False),
        sa.Column("forum_date", sa.Date(), nullable=False),
        sa.Column("venue", sa.String(), nullable=False),
        sa.Column("language", sa.String(length=32), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("facilitator_token_hash", sa.String(length=64), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("area_name_th", sa.String(), nullable=False),
        sa.Column("area_name_en", sa.String(), nullable=False),
        sa.Column("tree_labels", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_forum")),
    )
    with op.batch_alter_table("forum", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_forum_code"), ["code"], unique=True)

    op.create_table(
        "actionitem",
        sa.Column("activity", sa.String(), nullable=False),
        sa.Column("objective", sa.String(), nullable=False),
        sa.Column("target_group", sa.String(), nullable=False),
        sa.Column("lead_organisation", sa.String(), nullable=False),
        sa.Column("partners", sa.String(), nullable=False),
        sa.Column("budget_baht", sa.Integer(), nullable=False),
        sa.Column("fund_source", sa.String(length=32), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("indicator", sa.String(), nullable=False),
        sa.Column("expected_result", sa.String(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["forum_id"], ["forum.id"], name=op.f("fk_actionitem_forum_id_forum"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actionitem")),
    )
    with op.batch_alter_table("actionitem", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actionitem_forum_id"), ["forum_id"], unique=False)

    op.create_table(
        "participant",
        sa.Column("display_name", sa.String(), nullable=False),
        sa.Column("organisation", sa.String(), nullable=False),
        sa.Column("sector", sa.String(length=32), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("consented_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["forum_id"], ["forum.id"], name=op.f("fk_participant_forum_id_forum"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participant")),
        sa.UniqueConstraint("forum_id", "token_hash", name=op.f("uq_participant_forum_id_token_hash")),
    )
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_participant_forum_id"), ["forum_id"], unique=False)

    op.create_table(
        "commitment",
        sa.Column("organisation", sa.String(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("action_item_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_item_id"],
            ["actionitem.id"],
            name=op.f("fk_commitment_action_item_id_actionitem"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["forum_id"], ["forum.id"], name=op.f("fk_commitment_forum_id_forum"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"], ["participant.id"], name=op.f("fk_commitment_participant_id_participant")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitment")),
        sa.UniqueConstraint(
            "participant_id", "action_item_id", "text", name=op.f("uq_commitment_participant_id_action_item_id_text")
        ),
    )
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commitment_action_item_id"), ["action_item_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_commitment_forum_id"), ["forum_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_commitment_participant_id"), ["participant_id"], unique=False)

    op.create_table(
        "contribution",
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(), nullable=True),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("in_tree", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["forum_id"], ["forum.id"], name=op.f("fk_contribution_forum_id_forum"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["merged_into_id"], ["contribution.id"], name=op.f("fk_contribution_merged_into_id_contribution")
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"], ["participant.id"], name=op.f("fk_contribution_participant_id_participant")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contribution")),
    )
    with op.batch_alter_table("contribution", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contribution_forum_id"), ["forum_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contribution_participant_id"), ["participant_id"], unique=False)
        batch_op.create_index(
            "uq_contribution_visible_text",
            ["participant_id", "kind", "text"],
            unique=True,
            sqlite_where=sa.text("status = 'visible'"),
            postgresql_where=sa.text("status = 'visible'"),
        )

    op.create_table(
        "actionitemcontribution",
        sa.Column("action_item_id", sa.Integer(), nullable=False),
        sa.Column("contribution_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_item_id"],
            ["actionitem.id"],
            name=op.f("fk_actionitemcontribution_action_item_id_actionitem"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["contribution_id"],
            ["contribution.id"],
            name=op.f("fk_actionitemcontribution_contribution_id_contribution"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("action_item_id", "contribution_id", name=op.f("pk_actionitemcontribution")),
    )
    op.create_table(
        "treetie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("root_id", sa.Integer(), nullable=True),
        sa.Column("fund_id", sa.Integer(), nullable=True),
        sa.Column("benefit_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "CAST(root_id IS NOT NULL AS INTEGER) + CAST(fund_id IS NOT NULL AS INTEGER)"
            " + CAST(benefit_id IS NOT NULL AS INTEGER) >= 2",
            name=op.f("ck_treetie_two_parts"),
        ),
        sa.ForeignKeyConstraint(["benefit_id"], ["contribution.id"], name=op.f("fk_treetie_benefit_id_contribution")),
        sa.ForeignKeyConstraint(["forum_id"], ["forum.id"], name=op.f("fk_treetie_forum_id_forum"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["fund_id"], ["contribution.id"], name=op.f("fk_treetie_fund_id_contribution")),
        sa.ForeignKeyConstraint(["root_id"], ["contribution.id"], name=op.f("fk_treetie_root_id_contribution")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_treetie")),
    )
    with op.batch_alter_table("treetie", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_treetie_forum_id"), ["forum_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("treetie", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_treetie_forum_id"))

    op.drop_table("treetie")
    op.drop_table("actionitemcontribution")
    with op.batch_alter_table("contribution", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_contribution_visible_text",
            sqlite_where=sa.text("status = 'visible'"),
            postgresql_where=sa.text("status = 'visible'"),
        )
        batch_op.drop_index(batch_op.f("ix_contribution_participant_id"))
        batch_op.drop_index(batch_op.f("ix_contribution_forum_id"))

    op.drop_table("contribution")
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitment_participant_id"))
        batch_op.drop_index(batch_op.f("ix_commitment_forum_id"))
        batch_op.drop_index(batch_op.f("ix_commitment_action_item_id"))

    op.drop_table("commitment")
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participant_forum_id"))

    op.drop_table("participant")
    with op.batch_alter_table("actionitem", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actionitem_forum_id"))

    op.drop_table("actionitem")
    with op.batch_alter_table("forum", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_forum_code"))

    op.drop_table("forum")
