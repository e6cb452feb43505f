"""What changed in each forum, and how many screens are listening for it."""

from datetime import datetime

from sqlmodel import Column, Field, SQLModel

from models.common import UTCDateTime, utcnow


class ChangeCounter(SQLModel, table=True):
    # One row per forum and topic, made by the first bump: a screen compares the number
    # it last drew with this one and redraws only when it moved.
    forum_id: int = Field(foreign_key="forum.id", primary_key=True, ondelete="CASCADE")
    topic: str = Field(max_length=32, primary_key=True)
    counter: int = Field(default=0)


class ScreenPresence(SQLModel, table=True):
    # Each app process (replica) reports the screens it serves; the console sums the
    # fresh reports, so a replica that died stops counting once its report ages. No
    # foreign key: a report is a passing snapshot, replaced whole at the next one.
    instance: str = Field(max_length=64, primary_key=True)
    forum_id: int = Field(primary_key=True, index=True)
    role: str = Field(max_length=16, primary_key=True)
    listening: int = Field(default=0)
    reported_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
