"""The sample forum's follow-up: the same area a few months on, with what owners reported since."""

from sqlmodel import Session

from facilitation.core.tokens import new_token
from facilitation.forum.follow_up import carry_item, start_follow_up
from facilitation.forum.forums import CreatedForum
from facilitation.forum.participants import join_forum
from facilitation.forum.plans import plan
from facilitation.sample import data
from facilitation.sample.load import load_sample_forum
from models import Language, ParticipantCreate, ProgressReport, ProgressStatus, ProgressSubject, Sector, saved_id


def add_sample_report(
    *, session: Session, forum_id: int, subject: ProgressSubject, subject_id: int, report: data.SampleReport, key: str
) -> None:
    """One owner's report, written as the progress service stores one (a new row, never an update)."""
    session.add(
        ProgressReport(
            forum_id=forum_id,
            subject_kind=subject,
            subject_id=subject_id,
            status=ProgressStatus(report.status),
            percent=report.percent,
            note=report.note,
            spent_baht=report.spent_baht,
            reported_on=report.reported_on,
            reported_by="owner",
            creation_key=key,
        )
    )


def load_sample_series(
    *, session: Session, language: Language = Language.TH, creation_key: str | None = None
) -> CreatedForum:
    """The sample forum (returned, at Act) and its follow-up at Review, both opened by the sample's key.

    A repeated `creation_key` (a double tap) returns the sample forum the first tap made.
    """
    created = load_sample_forum(session=session, language=language, creation_key=creation_key)
    if not created.created:
        return created
    earlier = created.forum
    earlier_id = saved_id(earlier)
    rows = plan(session=session, forum_id=earlier_id)
    # The sample's commitments were made in the order of data.COMMITMENTS, so their ids follow it.
    commitments = sorted(commitment.id for row in rows for commitment in row.commitments)
    for number, report in enumerate(data.REPORTS):
        is_item = report.subject == "item"
        add_sample_report(
            session=session,
            forum_id=earlier_id,
            subject=ProgressSubject.ACTION_ITEM if is_item else ProgressSubject.COMMITMENT,
            subject_id=saved_id(rows[report.index].item) if is_item else commitments[report.index],
            report=report,
            key=f"sample-{number}",
        )
    follow = start_follow_up(
        session=session,
        earlier_forum_id=earlier_id,
        title=data.FOLLOW_UP_TITLE_TH if language == Language.TH else data.FOLLOW_UP_TITLE_EN,
        forum_date=data.FOLLOW_UP_DATE,
        venue=data.FOLLOW_UP_VENUE,
    ).forum
    # A demo: the one key a newcomer holds opens both consoles, so they can move between the two forums.
    # A real follow-up gets its own key (start_follow_up), like any forum.
    follow.facilitator_token_hash = earlier.facilitator_token_hash
    session.add(follow)
    session.flush()
    people = {person.key: person for person in data.PARTICIPANTS}
    for key in data.FOLLOW_UP_PEOPLE:
        person = people[key]
        join_forum(
            session=session,
            code=follow.code,
            token=new_token(),
            data=ParticipantCreate(
                display_name=person.name, organisation=person.organisation, sector=Sector(person.sector)
            ),
            consent=True,
        )
    carry_item(session=session, forum_id=saved_id(follow), earlier_item_id=saved_id(rows[data.CARRIED_INDEX].item))
    return created
