"""The action plan (Plan) and the commitments organisations make to it (Act)."""

from datetime import date, datetime

from sqlalchemy import BigInteger
from sqlmodel import Column, Field, SQLModel, UniqueConstraint

from models.common import UTCDateTime, enum_type, utcnow
from models.enums import FundSource


class ActionItemBase(SQLModel):
    activity: str
    objective: str = ""
    target_group: str = ""
    # Where in the forum's area (พื้นที่): a village (หมู่ที่) or community; empty: the whole area.
    area: str = ""
    lead_organisation: str = ""
    partners: str = ""
    # Not bounded here: the service refuses a negative or absurd budget with a message
    # that names the field in the reader's language, where a validation error would crash the form.
    budget_baht: int = Field(default=0, sa_type=BigInteger)
    fund_source: FundSource = Field(default=FundSource.OTHER, sa_type=enum_type(FundSource))
    start_date: date | None = None
    end_date: date | None = None
    indicator: str = ""
    expected_result: str = ""


class ActionItemCreate(ActionItemBase):
    contribution_ids: list[int] = []
    theme_ids: list[int] = []  # the themes (models/theme.py) it answers


class ActionItem(ActionItemBase, table=True):
    # One item per creation key: a double tap on "add" finds the first one.
    __table_args__ = (UniqueConstraint("forum_id", "creation_key"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    # Bumped by every change; an edit carries the version its form was drawn from.
    version: int = Field(default=1)
    creation_key: str | None = Field(default=None, max_length=64)
    # Deleted items are kept (with their commitments) so a delete can be undone.
    deleted_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class ActionItemContribution(SQLModel, table=True):
    """Which contributions an action item answers."""

    action_item_id: int = Field(foreign_key="actionitem.id", primary_key=True, ondelete="CASCADE")
    contribution_id: int = Field(foreign_key="contribution.id", primary_key=True, ondelete="CASCADE")
    # The post as it was when the item was tied to it: the plan keeps these words even if
    # the author edits or withdraws the post later, and marks that it changed.
    linked_kind: str = Field(default="other", max_length=32)
    linked_text: str = ""
    linked_version: int = Field(default=1)


class CommitmentBase(SQLModel):
    organisation: str = ""
    text: str


class CommitmentCreate(CommitmentBase):
    action_item_id: int


class Commitment(CommitmentBase, table=True):
    __table_args__ = (UniqueConstraint("participant_id", "action_item_id", "text"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    action_item_id: int = Field(foreign_key="actionitem.id", index=True, ondelete="CASCADE")
    participant_id: int | None = Field(default=None, foreign_key="participant.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
