"""The words a forum's word cloud leaves out, chosen by the facilitator ("ตำบล" in a tambon forum)."""

from datetime import datetime

from sqlmodel import JSON, Column, Field, SQLModel

from models.common import UTCDateTime, utcnow


class LeftOutWords(SQLModel, table=True):
    """One row per forum, made by the facilitator's first save; no row: nothing left out (version 0)."""

    forum_id: int = Field(foreign_key="forum.id", primary_key=True, ondelete="CASCADE")
    words: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # Its own version, not the forum's: a title edit in another tab does not refuse this box.
    version: int = Field(default=1)
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
