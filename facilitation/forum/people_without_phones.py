"""People without phones: the facilitator registers them and types in their posts and commitments.

Many elders at a tambon forum have no smartphone. The facilitator, or a note-taker holding the
facilitator's link, registers such a person at the console: a real participant, counted in the
room, on the tree and by sector like anyone who joined, but with no token, so no link opens a
phone page as them. Their posts and commitments go through the phone's own services
(`add_contribution`, `add_commitment`: the same limits, stage policy and double-tap guards),
written as them; the `RegisteredPerson` row beside them is what marks each of their entries
"entered by the facilitator" wherever entries are listed.

Each write checks the facilitator key in its own transaction, as access.py does: a console tab
drawn before the key was renewed must not write.
"""

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select
from sqlmodel.sql.expression import SelectOfScalar

from facilitation.core.errors import PersonConsentRequired, PersonNotRegistered, PersonSectorRequired
from facilitation.core.tokens import is_token
from facilitation.forum.commitments import Committed, add_commitment
from facilitation.forum.contributions import Posted, add_contribution, my_contributions
from facilitation.forum.dots import MyDots, Tapped, add_dot, my_dots, take_back_dot
from facilitation.forum.forums import authorise_facilitator
from facilitation.forum.participants import join_details
from facilitation.forum.policy import Action, require
from facilitation.forum.votes import VoteView, latest_vote, room_vote
from facilitation.live.changes import Topic, bump
from models import (
    ActionItem,
    Commitment,
    CommitmentCreate,
    Contribution,
    ContributionCreate,
    Participant,
    ParticipantCreate,
    RegisteredPerson,
    Sector,
    VoteStatus,
    saved_id,
    utcnow,
)


@dataclass(frozen=True)
class Registered:
    participant: Participant
    created: bool  # False: the same registration form sent again (a double click) found its person


@dataclass(frozen=True)
class Person:
    """A person registered without a phone, as the console lists them to choose from."""

    id: int  # their participant id
    number: int  # 1, 2, … in the order they were registered: tells apart two people of one name
    display_name: str
    organisation: str
    sector: Sector


@dataclass(frozen=True)
class EnteredCommitment:
    activity: str
    organisation: str
    text: str


@dataclass(frozen=True)
class Entries:
    """What has been entered for one person: their visible posts (newest first) and commitments."""

    posts: list[Contribution]
    commitments: list[EnteredCommitment]


def _registered(forum_id: int) -> SelectOfScalar[Participant]:
    """The forum's participants registered without a phone."""
    return (
        select(Participant)
        .join(RegisteredPerson, col(RegisteredPerson.participant_id) == Participant.id)
        .where(RegisteredPerson.forum_id == forum_id)
    )


def register_person(
    *, session: Session, code: str, key: str, data: ParticipantCreate, consent: bool, form_key: str
) -> Registered:
    """Register someone without a phone, with the join form's fields; the same `form_key` again returns them.

    `form_key` is drawn with the registration form (new_token) and replaced once it registered
    someone, so a double click finds the first person while two people who share a name,
    organisation and sector, registered with two forms, are two people.
    """
    if data.sector is None:
        raise PersonSectorRequired()
    if not consent:
        raise PersonConsentRequired()
    details = join_details(data, consent=consent)
    if not is_token(form_key):
        raise ValueError("a registration form carries a key drawn by new_token()")
    forum_id = saved_id(authorise_facilitator(session=session, code=code, key=key))
    require(session=session, forum_id=forum_id, action=Action.REGISTER_PERSON)

    def first_made() -> Participant | None:
        return session.exec(_registered(forum_id).where(RegisteredPerson.form_key == form_key)).first()

    if (found := first_made()) is not None:
        return Registered(found, created=False)
    person = Participant(
        forum_id=forum_id,
        token_hash=None,
        display_name=details.display_name,
        organisation=details.organisation,
        sector=details.sector,
        consented_at=utcnow(),
    )
    try:
        # The forum's lock (require) serialises two submits; the unique (forum_id, form_key)
        # settles one it did not, and the loser returns the winner's person.
        with session.begin_nested():
            session.add(person)
            session.flush()
            session.add(RegisteredPerson(participant_id=saved_id(person), forum_id=forum_id, form_key=form_key))
    except IntegrityError:
        found = first_made()
        if found is None:
            raise
        return Registered(found, created=False)
    bump(session=session, forum_id=forum_id, topics=[Topic.PEOPLE])
    return Registered(person, created=True)


def entering_for(*, session: Session, code: str, key: str, participant_id: int) -> Participant:
    """The person the console is entering for: registered without a phone in the forum `key` runs.

    The one way in for whatever is typed for such a person (a post, a commitment, a vote):
    NotAuthorised for a key that does not run the forum; PersonNotRegistered for anyone else,
    a phone's participant included, whose entries are theirs to make.
    """
    forum_id = saved_id(authorise_facilitator(session=session, code=code, key=key))
    person = session.exec(_registered(forum_id).where(RegisteredPerson.participant_id == participant_id)).first()
    if person is None:
        raise PersonNotRegistered(id=participant_id)
    return person


def post_for_person(*, session: Session, code: str, key: str, participant_id: int, data: ContributionCreate) -> Posted:
    """A post typed for a registered person: a phone's post in every rule, written as them."""
    person = entering_for(session=session, code=code, key=key, participant_id=participant_id)
    return add_contribution(session=session, participant=person, data=data)


def commit_for_person(
    *, session: Session, code: str, key: str, participant_id: int, data: CommitmentCreate
) -> Committed:
    """A commitment typed for a registered person: a phone's commitment in every rule (Act only), written as them."""
    person = entering_for(session=session, code=code, key=key, participant_id=participant_id)
    return add_commitment(session=session, participant=person, data=data)


def dot_for_person(
    *, session: Session, code: str, key: str, participant_id: int, option_id: int, seen: int, adding: bool
) -> Tapped:
    """A dot put on (or taken back from) an option for a registered person: a phone's tap in every rule,
    their budget and the option's cap held the same way, the version `seen` the console drew."""
    person = entering_for(session=session, code=code, key=key, participant_id=participant_id)
    tap = add_dot if adding else take_back_dot
    return tap(session=session, participant_id=saved_id(person), option_id=option_id, seen=seen)


def person_dots(*, session: Session, forum_id: int, participant_id: int) -> tuple[VoteView, MyDots] | None:
    """The vote open now and the registered person's dots in it; None when no vote is open."""
    vote = latest_vote(session=session, forum_id=forum_id)
    if vote is None or vote.status != VoteStatus.OPEN:
        return None
    view = room_vote(session=session, forum_id=forum_id, phone=True)
    assert view is not None
    return view, my_dots(session=session, vote=vote, participant_id=participant_id)


def registered_people(*, session: Session, forum_id: int) -> list[Person]:
    """The forum's people registered without a phone, in the order they were registered."""
    rows = session.exec(_registered(forum_id).order_by(col(Participant.id))).all()
    return [
        Person(saved_id(row), number, row.display_name, row.organisation, Sector(row.sector))
        for number, row in enumerate(rows, start=1)
    ]


def registered_count(*, session: Session, forum_id: int) -> int:
    """How many of the forum's participants were registered by the facilitator, without a phone."""
    return session.exec(
        select(func.count()).select_from(RegisteredPerson).where(RegisteredPerson.forum_id == forum_id)
    ).one()


def entries_for(*, session: Session, forum_id: int, participant_id: int) -> Entries:
    """What was entered for one registered person of the forum (nothing for anyone else)."""
    person = session.exec(_registered(forum_id).where(RegisteredPerson.participant_id == participant_id)).first()
    if person is None:
        return Entries([], [])
    committed = session.exec(
        select(Commitment, ActionItem)
        .join(ActionItem)
        .where(Commitment.participant_id == participant_id, col(ActionItem.deleted_at).is_(None))
        .order_by(col(Commitment.id))
    ).all()
    return Entries(
        posts=my_contributions(session=session, participant=person),
        commitments=[EnteredCommitment(item.activity, row.organisation, row.text) for row, item in committed],
    )
