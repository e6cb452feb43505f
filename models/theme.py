"""Themes: the facilitator groups the room's posts into named themes (ประเด็น)."""

from datetime import datetime

from sqlalchemy import Index, text
from sqlmodel import JSON, Column, Field, SQLModel, UniqueConstraint

from models.common import UTCDateTime, utcnow


class Theme(SQLModel, table=True):
    __table_args__ = (
        # One creation key per theme: a double tap on "group" finds the first one.
        UniqueConstraint("forum_id", "creation_key"),
        # One live theme per name: the same name sent twice (two tabs, a resubmit) never makes two.
        Index(
            "uq_theme_live_name",
            "forum_id",
            "name",
            unique=True,
            sqlite_where=text("dissolved_at IS NULL"),
            postgresql_where=text("dissolved_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=120)
    creation_key: str | None = Field(default=None, max_length=64)
    # Bumped by every change (its name, its posts); an edit carries the version it was drawn from.
    version: int = Field(default=1)
    # Ungrouped, or merged into another: kept so the plan's links to it still read its name.
    dissolved_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class ThemePost(SQLModel, table=True):
    """Which theme a post is in: keyed by the post, so a post is in one theme at most."""

    contribution_id: int = Field(foreign_key="contribution.id", primary_key=True, ondelete="CASCADE")
    theme_id: int = Field(foreign_key="theme.id", index=True, ondelete="CASCADE")
    added_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class ThemeRejection(SQLModel, table=True):
    """A suggested group of posts the facilitator turned down: not suggested again for the same posts."""

    __table_args__ = (UniqueConstraint("forum_id", "posts_key"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    # A digest of the sorted post ids (a long list would not fit a unique index).
    posts_key: str = Field(max_length=64)
    contribution_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class ActionItemTheme(SQLModel, table=True):
    """Which themes an action item answers, with the theme's name as it was when tied."""

    action_item_id: int = Field(foreign_key="actionitem.id", primary_key=True, ondelete="CASCADE")
    theme_id: int = Field(foreign_key="theme.id", primary_key=True, ondelete="CASCADE")
    linked_name: str = ""
