"""Test data made through the real services, with readable values."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from facilitation.core.db import write_session
from facilitation.core.tokens import new_token
from facilitation.forum.contributions import add_contribution
from facilitation.forum.forums import CreatedForum, create_forum
from facilitation.forum.participants import join_forum
from facilitation.forum.people_without_phones import register_person
from facilitation.forum.progress import ProgressForm, owner_link, progress_history, report_progress_for
from facilitation.forum.progress_read import thai_today
from facilitation.forum.reveal import REVEAL_STAGES, reveal_stage
from models import (
    Contribution,
    ContributionCreate,
    ContributionKind,
    ForumCreate,
    Language,
    Participant,
    ParticipantCreate,
    ProgressReport,
    ProgressStatus,
    ProgressSubject,
    Sector,
    saved_id,
)

# Sila, Mueang Khon Kaen, Khon Kaen: real codes from the official dataset.
SILA = {"province_code": "40", "district_code": "4001", "tambon_code": "400114"}


def make_forum(
    engine: Engine, *, title: str = "เวทีทดสอบตำบลศิลา", language: Language = Language.TH, revealed: bool = False
) -> CreatedForum:
    """A new forum; `revealed`: Share and Plan revealed, so the projector shows posts as they come."""
    with write_session(engine) as session:
        created = create_forum(
            session=session,
            data=ForumCreate(title=title, forum_date=date(2027, 2, 18), venue="หอประชุม", language=language, **SILA),
        )
        if revealed:
            session.flush()
            for stage in REVEAL_STAGES:
                reveal_stage(session=session, forum_id=saved_id(created.forum), stage=stage, version=0)
        return created


@dataclass(frozen=True)
class Joined:
    participant: Participant
    token: str


def join(
    engine: Engine, code: str, *, name: str = "สมศรี ใจดี", organisation: str = "อพม.ตำบลศิลา",
    sector: Sector = Sector.COMMUNITY,
) -> Joined:  # fmt: skip
    token = new_token()
    with write_session(engine) as session:
        member = join_forum(
            session=session,
            code=code,
            token=token,
            data=ParticipantCreate(display_name=name, organisation=organisation, sector=sector),
            consent=True,
        )
    return Joined(member.participant, token)


def post(
    engine: Engine, participant: Participant, text: str, kind: ContributionKind = ContributionKind.ROOT_CAUSE
) -> Contribution:
    with write_session(engine) as session:
        return add_contribution(
            session=session, participant=participant, data=ContributionCreate(kind=kind, text=text)
        ).contribution


def register(
    engine: Engine, created: CreatedForum, *, name: str = "ยายสม ใจงาม", organisation: str = "ชมรมผู้สูงอายุบ้านศิลา",
    sector: Sector = Sector.COMMUNITY,
) -> Participant:  # fmt: skip
    """A person without a phone, registered at the console by the facilitator of `created`."""
    with write_session(engine) as session:
        return register_person(
            session=session,
            code=created.forum.code,
            key=created.facilitator_token,
            data=ParticipantCreate(display_name=name, organisation=organisation, sector=sector),
            consent=True,
            form_key=new_token(),
        ).participant


def progress_link(engine: Engine, forum_id: int, kind: ProgressSubject, subject_id: int) -> str:
    """A new private progress link of a commitment or action item (its raw token)."""
    with write_session(engine) as session:
        return owner_link(session=session, forum_id=forum_id, subject_kind=kind, subject_id=subject_id).token


def report(
    engine: Engine, forum_id: int, kind: ProgressSubject, subject_id: int, *, status: ProgressStatus,
    percent: int = 0, reported_on: date | None = None, spent_baht: int = 0, note: str = "",
) -> ProgressReport:  # fmt: skip
    """A progress report entered at the console, drawn from the subject's newest report."""
    with write_session(engine) as session:
        history = progress_history(session=session, subject_kind=kind, subject_id=subject_id)
        form = ProgressForm(
            subject_kind=kind, subject_id=subject_id, status=status, percent=percent, note=note,
            spent_baht=spent_baht, reported_on=reported_on or thai_today(),
            seen=history[0].id if history else None, creation_key=new_token(),
        )  # fmt: skip
        return report_progress_for(session=session, forum_id=forum_id, form=form).report
