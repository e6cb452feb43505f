"""Moderation of posts: a forum's pre-approval setting, its own list of words to hold, and the audit log."""

from datetime import datetime
from enum import StrEnum

from sqlmodel import JSON, Column, Field, SQLModel

from models.common import UTCDateTime, enum_type, utcnow


class ModerationAction(StrEnum):
    """What an audit-log line records."""

    HELD = "held"  # a new or edited post went to the queue (pre-approval, or the word filter)
    APPROVED = "approved"  # the facilitator let a waiting post show
    REJECTED = "rejected"  # the facilitator kept a waiting post hidden, with a reason
    HIDDEN = "hidden"  # the facilitator hid a post that showed, with a reason
    RESTORED = "restored"  # the facilitator showed a hidden post again
    SETTING_CHANGED = "setting_changed"  # pre-approval turned on or off
    WORDS_CHANGED = "words_changed"  # the forum's own list of words to hold changed


class ModerationSetting(SQLModel, table=True):
    """One row per forum, made by the facilitator's first change; no row: no pre-approval (version 0)."""

    forum_id: int = Field(foreign_key="forum.id", primary_key=True, ondelete="CASCADE")
    # True: every new post waits in the queue until the facilitator approves it.
    pre_approval: bool = Field(default=False)
    version: int = Field(default=1)
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class ModerationWords(SQLModel, table=True):
    """The forum's own words that send a post to the queue, beside the bundled lists; no row: none (version 0)."""

    forum_id: int = Field(foreign_key="forum.id", primary_key=True, ondelete="CASCADE")
    words: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # Its own version, not the setting's: turning pre-approval on in one tab does not refuse this box.
    version: int = Field(default=1)
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class ModerationEvent(SQLModel, table=True):
    """One moderation action as it happened: who, when, what, on which post and why."""

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    action: ModerationAction = Field(sa_type=enum_type(ModerationAction))
    contribution_id: int | None = Field(default=None, foreign_key="contribution.id", index=True, ondelete="CASCADE")
    # The post's author, when the action is about a post someone sent from their phone.
    participant_id: int | None = Field(default=None, foreign_key="participant.id")
    # No accounts: the role that acted (facilitator, organiser), or "filter"/"pre_approval" for a post held.
    by_role: str = Field(default="facilitator", max_length=32)
    reason: str = Field(default="")  # what the facilitator typed (required to hide or reject)
    detail: str = Field(default="")  # what the app records: the words matched, the new setting, the new list
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
