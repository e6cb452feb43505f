"""Act: organisations in the room commit to action items."""

from dataclasses import dataclass

from sqlmodel import Session, select

from facilitation.core.db import insert_once
from facilitation.core.errors import ActionItemNotFound
from facilitation.core.text import clean_text
from facilitation.forum.forums import bump_revision
from facilitation.forum.policy import Action, require
from facilitation.live.changes import Topic, bump
from models import ActionItem, Commitment, CommitmentCreate, Participant, saved_id


@dataclass(frozen=True)
class Committed:
    commitment: Commitment
    created: bool


def add_commitment(*, session: Session, participant: Participant, data: CommitmentCreate) -> Committed:
    """Record "we will …" against an action item; the same words twice count once."""
    text = clean_text(data.text, field="act_text")
    organisation = (
        clean_text(data.organisation, max_length=200, required=False, field="act_organisation")
        or participant.organisation
    )
    require(session=session, forum_id=participant.forum_id, action=Action.COMMIT)
    item = session.get(ActionItem, data.action_item_id)
    # A deleted item takes no new commitments: a phone still showing it is told it is gone.
    if item is None or item.forum_id != participant.forum_id or item.deleted_at is not None:
        raise ActionItemNotFound(id=data.action_item_id)
    commitment = Commitment(
        forum_id=participant.forum_id,
        action_item_id=saved_id(item),
        participant_id=participant.id,
        organisation=organisation,
        text=text,
    )

    def same_words() -> Commitment | None:
        return session.exec(
            select(Commitment).where(
                Commitment.participant_id == participant.id,
                Commitment.action_item_id == item.id,
                Commitment.text == text,
            )
        ).first()

    row, created = insert_once(session, commitment, same_words)
    if created:
        bump_revision(session=session, forum_id=participant.forum_id)
        bump(session=session, forum_id=participant.forum_id, topics=[Topic.COMMITMENTS])
    return Committed(row, created=created)
