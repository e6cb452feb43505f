"""The forum: one meeting of the SPA cycle in one area."""

from datetime import date, datetime

from sqlalchemy import JSON, Index
from sqlmodel import Column, Field, SQLModel

from models.common import UTCDateTime, enum_type, utcnow
from models.enums import Language, Stage


class ForumBase(SQLModel):
    title: str
    province_code: str
    district_code: str
    tambon_code: str
    forum_date: date
    venue: str = ""
    language: Language = Field(default=Language.TH, sa_type=enum_type(Language))


class ForumCreate(ForumBase):
    pass


class Forum(ForumBase, table=True):
    # The area dashboard drills down province → district → tambon across every forum stored.
    __table_args__ = (Index("ix_forum_area", "province_code", "district_code", "tambon_code"),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=12, unique=True, index=True)
    facilitator_token_hash: str = Field(max_length=64)
    # The projector's own read-only link; None until the facilitator opens one.
    projector_token_hash: str | None = Field(default=None, max_length=64)
    # Drawn by the start page before the first tap, so a double tap creates one forum.
    creation_key: str | None = Field(default=None, max_length=64, unique=True)
    stage: Stage = Field(default=Stage.SHARE, sa_type=enum_type(Stage))
    # Bumped by every change phones must redraw for (stage, plan, commitments), so a
    # phone polls one small row instead of re-reading the plan.
    revision: int = Field(default=0)
    # Bumped by each edit of the forum's own fields (tree labels, title): a form drawn
    # from an older version is refused instead of overwriting the newer one.
    version: int = Field(default=1)
    # Area names are copied at creation so an exported summary stays as it was filed.
    area_name_th: str = ""
    area_name_en: str = ""
    # Per-forum overrides of the welfare-tree part labels ("roots", "trunk", ...).
    tree_labels: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
