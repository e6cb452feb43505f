"""Dot voting: the facilitator opens a vote over some options; each person spends a budget of dots.

The budget and the per-option cap are held by the database itself: a person's `Ballot`
counts the dots spent (CHECK used <= budget) and each `VoteDot` the dots on one option
(CHECK dots <= cap), both changed only by conditional UPDATEs in SQL.
"""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Index, text
from sqlmodel import Column, Field, SQLModel, UniqueConstraint

from models.common import UTCDateTime, enum_type, utcnow


class VoteStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class ResultsShown(StrEnum):
    """When the room sees the results: only once the facilitator reveals them, or as dots come in."""

    HIDDEN = "hidden"
    LIVE = "live"


class OptionSubject(StrEnum):
    """What a vote's option stands for; themes (named groups of posts) come next."""

    POST = "post"
    THEME = "theme"


class Vote(SQLModel, table=True):
    __table_args__ = (
        # One vote open at a time per forum: a second "open" racing the first loses here.
        Index(
            "ix_vote_one_open_per_forum",
            "forum_id",
            unique=True,
            sqlite_where=text("status = 'open'"),
            postgresql_where=text("status = 'open'"),
        ),
        # The console's "open" form carries a key: sent twice, it opens one vote.
        UniqueConstraint("forum_id", "creation_key"),
        CheckConstraint("dots_per_person >= 1 AND cap_per_option >= 1 AND cap_per_option <= dots_per_person",
                        name="dots"),
    )  # fmt: skip

    id: int | None = Field(default=None, primary_key=True)
    # No index of its own: the unique (forum_id, creation_key) serves lookups by forum.
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE")
    question: str = Field(default="", max_length=300)
    dots_per_person: int
    cap_per_option: int
    results_shown: ResultsShown = Field(default=ResultsShown.HIDDEN, sa_type=enum_type(ResultsShown))
    status: VoteStatus = Field(default=VoteStatus.OPEN, sa_type=enum_type(VoteStatus))
    revealed: bool = Field(default=False)
    creation_key: str = Field(max_length=64)
    # Bumped by the facilitator's close and reveal; a button carries the version it was drawn from.
    version: int = Field(default=1)
    opened_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    closed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    revealed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class VoteOption(SQLModel, table=True):
    """One option of a vote: what it stands for (a post, a theme) and its words as they were at opening."""

    __table_args__ = (UniqueConstraint("vote_id", "subject_kind", "subject_id"),)

    id: int | None = Field(default=None, primary_key=True)
    vote_id: int = Field(foreign_key="vote.id", index=True, ondelete="CASCADE")
    subject_kind: OptionSubject = Field(sa_type=enum_type(OptionSubject))
    subject_id: int
    # A snapshot: a post edited or withdrawn during the vote does not change what people voted on.
    label: str = Field(max_length=500)
    position: int = Field(default=0)


class Ballot(SQLModel, table=True):
    """One person's dots in one vote: how many of the budget are spent."""

    __table_args__ = (CheckConstraint("used >= 0 AND used <= budget", name="within_budget"),)

    vote_id: int = Field(foreign_key="vote.id", primary_key=True, ondelete="CASCADE")
    participant_id: int = Field(foreign_key="participant.id", primary_key=True, ondelete="CASCADE")
    budget: int  # the vote's dots per person, copied so the CHECK can hold it
    used: int = Field(default=0)


class VoteDot(SQLModel, table=True):
    """One person's dots on one option."""

    __table_args__ = (CheckConstraint("dots >= 0 AND dots <= cap", name="within_cap"),)

    option_id: int = Field(foreign_key="voteoption.id", primary_key=True, ondelete="CASCADE")
    participant_id: int = Field(foreign_key="participant.id", primary_key=True, ondelete="CASCADE")
    vote_id: int = Field(foreign_key="vote.id", index=True, ondelete="CASCADE")
    cap: int  # the vote's cap per option, copied so the CHECK can hold it
    dots: int = Field(default=0)
