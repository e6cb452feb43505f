"""Joining a forum from a phone, with no account: the link's token is the identity."""

from dataclasses import dataclass

from sqlmodel import Session, select

from facilitation.core.errors import ConsentRequired, ForumNotFound, NotAuthorised, SectorRequired
from facilitation.core.text import clean_text
from facilitation.core.tokens import hash_token, token_matches
from facilitation.forum.forums import get_forum
from facilitation.forum.policy import Action, require
from models import Forum, Participant, ParticipantCreate, saved_id, utcnow


@dataclass(frozen=True)
class Membership:
    forum: Forum
    participant: Participant


def join_forum(*, session: Session, code: str, token: str, data: ParticipantCreate, consent: bool) -> Membership:
    """Add a participant whose phone holds `token`.

    The page draws the token before the first tap, so a double tap or a retried
    submit finds the row the first one made instead of adding a second person.
    """
    if data.sector is None:
        raise SectorRequired()
    if not consent:
        raise ConsentRequired()
    forum = get_forum(session=session, code=code)
    forum = require(session=session, forum_id=saved_id(forum), action=Action.JOIN)
    token_hash = hash_token(token)
    existing = session.exec(
        select(Participant).where(Participant.forum_id == forum.id, Participant.token_hash == token_hash)
    ).first()
    if existing is not None:
        return Membership(forum=forum, participant=existing)
    participant = Participant(
        forum_id=saved_id(forum),
        token_hash=token_hash,
        display_name=clean_text(data.display_name, max_length=100, required=False),
        organisation=clean_text(data.organisation, max_length=200, required=False),
        sector=data.sector,
        consented_at=utcnow(),
    )
    session.add(participant)
    session.flush()
    return Membership(forum=forum, participant=participant)


def identify(*, session: Session, code: str, token: str | None) -> Membership:
    """The forum and participant a phone's link names; raises NotAuthorised otherwise."""
    if not token:
        raise NotAuthorised()
    try:
        forum = get_forum(session=session, code=code)
    except ForumNotFound:
        raise NotAuthorised() from None
    participant = session.exec(
        select(Participant).where(Participant.forum_id == forum.id, Participant.token_hash == hash_token(token))
    ).first()
    if participant is None or not token_matches(token, participant.token_hash):
        raise NotAuthorised()
    return Membership(forum=forum, participant=participant)
