"""A person without a phone, registered at the console by the facilitator (or a note-taker with that link)."""

from datetime import datetime

from sqlmodel import Column, Field, SQLModel, UniqueConstraint

from models.common import UTCDateTime, utcnow


class RegisteredPerson(SQLModel, table=True):
    """Beside a participant who has no token: everything written as them was typed at the console.

    The mark lives here, on the person, not on each entry: with no token nobody else can
    write as them, so "entered by the facilitator" holds for every entry they have.
    """

    # One person per registration form: the form's key is drawn with the form, so a double
    # click or a resubmit finds the person its first submit made. Not a unique name: two
    # different elders in one tambon may share a name, an organisation and a sector.
    __table_args__ = (UniqueConstraint("forum_id", "form_key"),)

    participant_id: int = Field(foreign_key="participant.id", primary_key=True, ondelete="CASCADE")
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE")
    form_key: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
