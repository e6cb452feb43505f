"""Versions for stale-edit checks, soft-deleted action items, creation keys, the projector's
own link, shared phones, the words a plan item was tied to, and one row per tree path.

Existing rows start at version 1; each plan link keeps the words its post has now; a
path tied twice by a race keeps its first row.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PATH_COLUMNS = ("forum_id", "coalesce(root_id, 0)", "coalesce(fund_id, 0)", "coalesce(benefit_id, 0)")


def upgrade() -> None:
    with op.batch_alter_table("actionitem") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("creation_key", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_unique_constraint("uq_actionitem_forum_id_creation_key", ["forum_id", "creation_key"])

    with op.batch_alter_table("actionitemcontribution") as batch:
        batch.add_column(sa.Column("linked_kind", sa.String(length=32), nullable=False, server_default="other"))
        batch.add_column(sa.Column("linked_text", sa.String(), nullable=False, server_default=""))
        batch.add_column(sa.Column("linked_version", sa.Integer(), nullable=False, server_default="1"))
    op.execute(
        "UPDATE actionitemcontribution SET"
        " linked_kind = (SELECT kind FROM contribution WHERE contribution.id = actionitemcontribution.contribution_id),"
        " linked_text = (SELECT text FROM contribution WHERE contribution.id = actionitemcontribution.contribution_id)"
    )

    with op.batch_alter_table("contribution") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))

    with op.batch_alter_table("forum") as batch:
        batch.add_column(sa.Column("projector_token_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("creation_key", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch.create_unique_constraint("uq_forum_creation_key", ["creation_key"])

    with op.batch_alter_table("participant") as batch:
        batch.add_column(sa.Column("device_hash", sa.String(length=64), nullable=True))
        batch.create_index("ix_participant_device_hash", ["device_hash"], unique=False)

    # 0.1 checked for an existing path in Python only, so a race could store one twice.
    op.execute(
        "DELETE FROM treetie WHERE id NOT IN"
        f" (SELECT min_id FROM (SELECT min(id) AS min_id FROM treetie GROUP BY {', '.join(PATH_COLUMNS)}) AS kept)"
    )
    op.create_index("uq_treetie_path", "treetie", [sa.text(column) for column in PATH_COLUMNS], unique=True)


def downgrade() -> None:
    op.drop_index("uq_treetie_path", table_name="treetie")
    with op.batch_alter_table("participant") as batch:
        batch.drop_index("ix_participant_device_hash")
        batch.drop_column("device_hash")
    with op.batch_alter_table("forum") as batch:
        batch.drop_constraint("uq_forum_creation_key", type_="unique")
        batch.drop_column("version")
        batch.drop_column("creation_key")
        batch.drop_column("projector_token_hash")
    with op.batch_alter_table("contribution") as batch:
        batch.drop_column("version")
    with op.batch_alter_table("actionitemcontribution") as batch:
        batch.drop_column("linked_version")
        batch.drop_column("linked_text")
        batch.drop_column("linked_kind")
    with op.batch_alter_table("actionitem") as batch:
        batch.drop_constraint("uq_actionitem_forum_id_creation_key", type_="unique")
        batch.drop_column("deleted_at")
        batch.drop_column("creation_key")
        batch.drop_column("version")
