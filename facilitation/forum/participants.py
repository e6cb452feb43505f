"""Joining a forum from a phone, with no account: the link's token is the identity."""

from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from facilitation.core.db import insert_once
from facilitation.core.errors import ConsentRequired, NotAuthorised, SectorRequired
from facilitation.core.text import clean_text
from facilitation.core.tokens import hash_token, new_token, normalise_join_code, token_matches
from facilitation.forum.forums import get_forum
from facilitation.forum.policy import Action, require
from facilitation.live.changes import Topic, bump
from models import Forum, Participant, ParticipantCreate, Sector, saved_id, utcnow


@dataclass(frozen=True)
class Membership:
    forum: Forum
    participant: Participant


@dataclass(frozen=True)
class JoinDetails:
    """What a person gives when they join, checked and cleaned as every join stores it."""

    display_name: str
    organisation: str
    sector: Sector


def join_details(data: ParticipantCreate, *, consent: bool) -> JoinDetails:
    """The join form's fields as stored; SectorRequired, ConsentRequired, or a field too long, refused."""
    if data.sector is None:
        raise SectorRequired()
    if not consent:
        raise ConsentRequired()
    return JoinDetails(
        display_name=clean_text(data.display_name, max_length=100, required=False, field="join_name"),
        organisation=clean_text(data.organisation, max_length=200, required=False, field="join_organisation"),
        sector=Sector(data.sector),
    )


def join_forum(
    *, session: Session, code: str, token: str, data: ParticipantCreate, consent: bool, device: str | None = None
) -> Membership:
    """Add a participant whose phone holds `token`.

    The page draws the token before the first tap, so a double tap or a retried
    submit finds the row the first one made instead of adding a second person.
    `device` is the browser tab's own token: people who join one after another on a
    shared phone get their own tokens but the same device, stored hashed.
    """
    details = join_details(data, consent=consent)
    forum = get_forum(session=session, code=code)
    forum = require(session=session, forum_id=saved_id(forum), action=Action.JOIN)
    token_hash = hash_token(token)

    def same_token() -> Participant | None:
        return session.exec(
            select(Participant).where(Participant.forum_id == forum.id, Participant.token_hash == token_hash)
        ).first()

    participant = Participant(
        forum_id=saved_id(forum),
        token_hash=token_hash,
        display_name=details.display_name,
        organisation=details.organisation,
        sector=details.sector,
        device_hash=hash_token(device) if device else None,
        consented_at=utcnow(),
    )
    # Two taps racing on one token: the unique (forum_id, token_hash) lets one insert
    # win, and the other returns the winner's row instead of an unhandled error.
    participant, created = insert_once(session, participant, same_token)
    if created:
        bump(session=session, forum_id=saved_id(forum), topics=[Topic.PEOPLE])
    return Membership(forum=forum, participant=participant)


def join_from_form(
    *, session: Session, code: str, token: str, data: ParticipantCreate, consent: bool, device: str | None = None
) -> tuple[Membership, str]:
    """`join_forum` for a form whose drawn token may already have joined someone else; and the token used.

    The same details again are a double tap or a resubmit: the same person. Other details
    under a spent token are the next person on a shared phone whose browser sent an old
    form again (Back): they join under a token of their own rather than become the first.
    """
    forum = get_forum(session=session, code=code)
    spent = session.exec(
        select(Participant).where(Participant.forum_id == forum.id, Participant.token_hash == hash_token(token))
    ).first()
    if spent is not None and not _same_details(spent, data):
        token = new_token()
    joined = join_forum(session=session, code=code, token=token, data=data, consent=consent, device=device)
    return joined, token


def _same_details(participant: Participant, data: ParticipantCreate) -> bool:
    # Compared as join_forum would store them: a name typed with an extra space is the same name.
    return (
        participant.sector == data.sector
        and participant.display_name == clean_text(data.display_name, max_length=100, required=False, field="join_name")
        and participant.organisation
        == clean_text(data.organisation, max_length=200, required=False, field="join_organisation")
    )


def identify(*, session: Session, code: str, token: str | None) -> Membership:
    """The forum and participant a phone's link names; raises NotAuthorised otherwise."""
    if not token:
        raise NotAuthorised()
    # One query: every page run of every phone asks this. An unknown code and a token of
    # no one in that forum look alike from outside, and both are refused the same way.
    found = session.exec(
        select(Forum, Participant)
        .join(Participant, col(Participant.forum_id) == Forum.id)
        .where(Forum.code == normalise_join_code(code), Participant.token_hash == hash_token(token))
    ).first()
    if found is None:
        raise NotAuthorised()
    forum, participant = found
    # A person registered without a phone has no hash; the query above never finds them.
    if participant.token_hash is None or not token_matches(token, participant.token_hash):
        raise NotAuthorised()
    return Membership(forum=forum, participant=participant)


def joined_on_device(*, session: Session, forum_id: int, device: str) -> int:
    """How many people have joined this forum from the browser tab holding `device`."""
    device_hash = hash_token(device)
    statement = select(func.count()).where(Participant.forum_id == forum_id, Participant.device_hash == device_hash)
    return session.exec(statement).one()


def shared_phones(*, session: Session, forum_id: int) -> list[int]:
    """For each phone more than one person joined on, how many did: largest first."""
    per_device = func.count().label("people")
    statement = (
        select(per_device)
        .where(Participant.forum_id == forum_id, col(Participant.device_hash).is_not(None))
        .group_by(col(Participant.device_hash))
        .having(func.count() > 1)
        .order_by(per_device.desc())
    )
    return list(session.exec(statement))
