"""What people raise during Share: root causes, funds, benefits and other points."""

from datetime import datetime

from sqlalchemy import Index, text
from sqlmodel import JSON, Column, Field, SQLModel

from models.common import UTCDateTime, enum_type, utcnow
from models.enums import ContributionKind, ContributionStatus

KEPT_STATUSES = "status <> 'withdrawn'"


class ContributionBase(SQLModel):
    kind: ContributionKind = Field(sa_type=enum_type(ContributionKind))
    text: str


class ContributionCreate(ContributionBase):
    pass


class ContributionUpdate(SQLModel):
    kind: ContributionKind | None = None
    text: str | None = None


class Contribution(ContributionBase, table=True):
    # One kept copy per author, kind and text: a double tap or a resubmitted form lands on
    # this index instead of creating a second row. Pending and hidden posts count as kept, so
    # a post the facilitator hid (or has not approved yet) cannot be sent again as a new row;
    # only the author's own withdrawal frees the words.
    __table_args__ = (
        Index(
            "uq_contribution_kept_text",
            "participant_id",
            "kind",
            "text",
            unique=True,
            sqlite_where=text(KEPT_STATUSES),
            postgresql_where=text(KEPT_STATUSES),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    # The author: a phone's participant, or a person without a phone whose entries the facilitator
    # types (models/registered_person.py), so they count as that person everywhere. Empty only in
    # rows stored with no author, which the tree counts as one person each.
    participant_id: int | None = Field(default=None, foreign_key="participant.id", index=True)
    status: ContributionStatus = Field(default=ContributionStatus.VISIBLE, sa_type=enum_type(ContributionStatus))
    # Welfare-category key a facilitator chose for a benefit; None keeps the suggestion.
    category: str | None = None
    # A duplicate the facilitator folded into another contribution: it counts there.
    merged_into_id: int | None = Field(default=None, foreign_key="contribution.id")
    # False hides the item from the welfare tree without withdrawing it.
    in_tree: bool = True
    # The post's words (facilitation/core/words.py), cut when the text is written: counting a
    # hall's words then reads them instead of cutting every post again. None: not cut yet.
    words: list[str] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    # Bumped by every change; an edit carries the version its form was drawn from.
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
