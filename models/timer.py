"""The stage timer: one countdown per forum, run by the facilitator, shown on every screen."""

from datetime import datetime
from enum import StrEnum

from sqlmodel import Column, Field, SQLModel

from models.common import UTCDateTime, enum_type, utcnow


class TimerStatus(StrEnum):
    STOPPED = "stopped"
    RUNNING = "running"
    PAUSED = "paused"


class StageTimer(SQLModel, table=True):
    # Made by the first start and kept after a stop: its version goes on counting, so a
    # button drawn before a stop and a restart is still refused.
    forum_id: int = Field(foreign_key="forum.id", primary_key=True, ondelete="CASCADE")
    status: TimerStatus = Field(default=TimerStatus.STOPPED, sa_type=enum_type(TimerStatus))
    # The moment a running timer reaches zero. Nothing ticks in the database: each screen
    # counts down to this moment by itself, and nothing happens when it passes.
    ends_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    remaining_seconds: int = Field(default=0)  # what a paused timer has left
    total_seconds: int = Field(default=0)  # the length it was started with, plus time added
    # Bumped by every button; a button carries the version it was drawn from.
    version: int = Field(default=1)
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
