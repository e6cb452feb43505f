"""The facilitator's word on an overlap the app flagged between two organisations' plans."""

from datetime import datetime
from enum import StrEnum

from sqlmodel import Column, Field, SQLModel, UniqueConstraint

from models.common import UTCDateTime, enum_type, utcnow


class OverlapDecision(StrEnum):
    OPEN = "open"  # flagged, not decided (or decided, then opened again)
    MERGED = "merged"  # the two were made one activity
    COORDINATED = "coordinated"  # both go ahead, planned together
    NOT_OVERLAP = "not_overlap"  # the facilitator says they do not overlap


class OverlapMark(SQLModel, table=True):
    """One pair of sides (an action item or a commitment each), as the facilitator marked it.

    A flag itself is worked out from the plan each time it is read; only the decision is
    stored, so a flag whose plans no longer overlap simply goes away.
    """

    __table_args__ = (UniqueConstraint("forum_id", "first", "second"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    # Each side as "item:12" or "commitment:40"; `first` sorts before `second`.
    first: str = Field(max_length=40)
    second: str = Field(max_length=40)
    decision: OverlapDecision = Field(default=OverlapDecision.OPEN, sa_type=enum_type(OverlapDecision))
    version: int = Field(default=1)
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
