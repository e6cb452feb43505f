"""Act and follow up: what owners report on their commitments and action items, and forums that follow others.

A report is never changed: each is a new row, so an item's history is the list of its reports and
its status is the newest one. Reports and owner links name their subject (a commitment or an
action item) by kind and id, as vote options name theirs.
"""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import BigInteger, CheckConstraint, Index, text
from sqlmodel import Column, Field, SQLModel, UniqueConstraint

from models.common import UTCDateTime, enum_type, utcnow


class ProgressStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    BLOCKED = "blocked"
    DROPPED = "dropped"


class ProgressSubject(StrEnum):
    """What a report or an owner link is about."""

    COMMITMENT = "commitment"
    ACTION_ITEM = "action_item"


class OwnerLink(SQLModel, table=True):
    """An owner's private progress link: its token is stored hashed, like the other links."""

    __table_args__ = (
        # One live link per subject: renewing a link revokes the one before.
        Index(
            "uq_ownerlink_live_subject",
            "subject_kind",
            "subject_id",
            unique=True,
            sqlite_where=text("revoked_at IS NULL"),
            postgresql_where=text("revoked_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    subject_kind: ProgressSubject = Field(sa_type=enum_type(ProgressSubject))
    subject_id: int
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class ProgressReport(SQLModel, table=True):
    __table_args__ = (
        # A report form carries a key: sent twice (a double tap, a retry), it is stored once.
        UniqueConstraint("subject_kind", "subject_id", "creation_key"),
        CheckConstraint("percent >= 0 AND percent <= 100", name="percent"),
        CheckConstraint("spent_baht >= 0", name="spent"),
        Index("ix_progressreport_subject", "subject_kind", "subject_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    subject_kind: ProgressSubject = Field(sa_type=enum_type(ProgressSubject))
    subject_id: int
    status: ProgressStatus = Field(sa_type=enum_type(ProgressStatus))
    percent: int = Field(default=0)
    note: str = Field(default="", max_length=1000)
    spent_baht: int = Field(default=0, sa_type=BigInteger)
    reported_on: date  # the day the report speaks of (the owner may report a past day)
    reported_by: str = Field(default="owner", max_length=32)  # owner, facilitator
    creation_key: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class CommitmentWeight(SQLModel, table=True):
    """How much a commitment counts in its action item's progress; a commitment without one counts 1."""

    __table_args__ = (CheckConstraint("weight >= 0", name="weight"),)

    commitment_id: int = Field(foreign_key="commitment.id", primary_key=True, ondelete="CASCADE")
    weight: int = Field(default=1)
    # Bumped by every change; an edit carries the version it was drawn from.
    version: int = Field(default=1)
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class ForumFollowUp(SQLModel, table=True):
    """A forum that follows an earlier one in the same area: the series the summary and exports show."""

    forum_id: int = Field(foreign_key="forum.id", primary_key=True, ondelete="CASCADE")
    earlier_forum_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class CarriedItem(SQLModel, table=True):
    """An action item carried from an earlier forum into a follow-up's plan: its history comes along."""

    __table_args__ = (UniqueConstraint("earlier_item_id", "forum_id"),)

    action_item_id: int = Field(foreign_key="actionitem.id", primary_key=True, ondelete="CASCADE")
    forum_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    earlier_item_id: int = Field(foreign_key="actionitem.id", index=True, ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
