"""A person in the room, known only by a token kept in their phone's link."""

from datetime import datetime

from sqlmodel import Column, Field, SQLModel, UniqueConstraint

from models.common import UTCDateTime, enum_type, utcnow
from models.enums import Sector


class ParticipantBase(SQLModel):
    display_name: str = ""
    organisation: str = ""
    sector: Sector = Field(default=Sector.OTHER, sa_type=enum_type(Sector))


class ParticipantCreate(ParticipantBase):
    sector: Sector | None = None  # type: ignore[assignment]  # required, but chosen on the phone


class Participant(ParticipantBase, table=True):
    __table_args__ = (UniqueConstraint("forum_id", "token_hash"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    # Hash of the token in the phone's link. None for a person without a phone, registered by
    # the facilitator (models/registered_person.py): no link opens a phone page as them.
    token_hash: str | None = Field(default=None, max_length=64)
    # Hash of the browser tab's own token: people who joined on one shared phone.
    device_hash: str | None = Field(default=None, max_length=64, index=True)
    consented_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
