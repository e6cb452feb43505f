"""Themes: named groups of a forum's posts, which theme each post is in, the suggested groups the
facilitator turned down, and the themes an action item answers.

New tables only: existing rows are untouched and every post starts ungrouped.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-10
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "theme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("creation_key", sa.String(length=64), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("dissolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["forum_id"], ["forum.id"], name=op.f("fk_theme_forum_id_forum"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_theme")),
        sa.UniqueConstraint("forum_id", "creation_key", name=op.f("uq_theme_forum_id_creation_key")),
    )
    with op.batch_alter_table("theme") as batch:
        batch.create_index(batch.f("ix_theme_forum_id"), ["forum_id"], unique=False)
        batch.create_index(
            "uq_theme_live_name",
            ["forum_id", "name"],
            unique=True,
            sqlite_where=sa.text("dissolved_at IS NULL"),
            postgresql_where=sa.text("dissolved_at IS NULL"),
        )
    op.create_table(
        "themepost",
        sa.Column("contribution_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contribution_id"],
            ["contribution.id"],
            name=op.f("fk_themepost_contribution_id_contribution"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"], ["theme.id"], name=op.f("fk_themepost_theme_id_theme"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("contribution_id", name=op.f("pk_themepost")),
    )
    with op.batch_alter_table("themepost") as batch:
        batch.create_index(batch.f("ix_themepost_theme_id"), ["theme_id"], unique=False)
    op.create_table(
        "themerejection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("posts_key", sa.String(length=64), nullable=False),
        sa.Column("contribution_ids", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["forum_id"], ["forum.id"], name=op.f("fk_themerejection_forum_id_forum"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_themerejection")),
        sa.UniqueConstraint("forum_id", "posts_key", name=op.f("uq_themerejection_forum_id_posts_key")),
    )
    with op.batch_alter_table("themerejection") as batch:
        batch.create_index(batch.f("ix_themerejection_forum_id"), ["forum_id"], unique=False)
    op.create_table(
        "actionitemtheme",
        sa.Column("action_item_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column("linked_name", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_item_id"],
            ["actionitem.id"],
            name=op.f("fk_actionitemtheme_action_item_id_actionitem"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"], ["theme.id"], name=op.f("fk_actionitemtheme_theme_id_theme"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("action_item_id", "theme_id", name=op.f("pk_actionitemtheme")),
    )


def downgrade() -> None:
    op.drop_table("actionitemtheme")
    op.drop_table("themerejection")
    op.drop_table("themepost")
    op.drop_table("theme")
