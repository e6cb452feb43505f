"""Paths a facilitator ties across the welfare tree: root cause → fund → benefit."""

from datetime import datetime

from sqlalchemy import CheckConstraint, Index, text
from sqlmodel import Column, Field, SQLModel

from models.common import UTCDateTime, utcnow


class TreeTie(SQLModel, table=True):
    __table_args__ = (
        # A path joins at least two parts; CAST keeps the check valid on SQLite and PostgreSQL.
        CheckConstraint(
            "CAST(root_id IS NOT NULL AS INTEGER) + CAST(fund_id IS NOT NULL AS INTEGER)"
            " + CAST(benefit_id IS NOT NULL AS INTEGER) >= 2",
            name="two_parts",  # becomes ck_treetie_two_parts through the naming convention
        ),
        # One row per path: NULLs never collide in a unique index, so an empty slot counts as 0.
        Index(
            "uq_treetie_path",
            text("forum_id"),
            text("coalesce(root_id, 0)"),
            text("coalesce(fund_id, 0)"),
            text("coalesce(benefit_id, 0)"),
            unique=True,
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    root_id: int | None = Field(default=None, foreign_key="contribution.id")
    fund_id: int | None = Field(default=None, foreign_key="contribution.id")
    benefit_id: int | None = Field(default=None, foreign_key="contribution.id")
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
