"""Write first, then reveal: per forum and stage, whether screens show the posts yet, and the record of reveals."""

from datetime import datetime
from enum import StrEnum

from sqlmodel import Column, Field, SQLModel

from models.common import UTCDateTime, enum_type, utcnow
from models.enums import Stage


class RevealEventKind(StrEnum):
    REVEALED = "revealed"
    HIDDEN = "hidden"


class StageReveal(SQLModel, table=True):
    # Made by the first write for a forum and stage; a forum without a row reads as a new
    # forum's default (counts until revealed). Forums from before 0006 got rows keeping
    # their posts live on the projector.
    forum_id: int = Field(foreign_key="forum.id", primary_key=True, ondelete="CASCADE")
    stage: Stage = Field(primary_key=True, sa_type=enum_type(Stage))
    # True: the projector shows only the counts until the facilitator reveals the posts.
    hold_until_revealed: bool = Field(default=True)
    # Phones list the newest posts of others (only while the projector shows them too).
    phones_show_posts: bool = Field(default=False)
    revealed: bool = Field(default=False)
    revealed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    # Bumped by every write; a button carries the version it was drawn from.
    version: int = Field(default=1)
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class RevealEvent(SQLModel, table=True):
    """One reveal or hide, as it happened: who, when, which stage."""

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    stage: Stage = Field(sa_type=enum_type(Stage))
    kind: RevealEventKind = Field(sa_type=enum_type(RevealEventKind))
    by_role: str = Field(default="facilitator", max_length=32)  # no accounts: the role that pressed
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
