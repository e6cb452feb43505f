"""A realistic Thai sample forum, built through the same services people use."""

from sqlmodel import Session

from facilitation.core.tokens import new_token
from facilitation.forum.commitments import add_commitment
from facilitation.forum.contributions import add_contribution
from facilitation.forum.forums import CreatedForum, create_forum, set_stage
from facilitation.forum.participants import join_forum
from facilitation.forum.plans import create_action_item
from facilitation.forum.reveal import REVEAL_STAGES, reveal_stage
from facilitation.sample import data
from models import (
    ActionItemCreate,
    CommitmentCreate,
    ContributionCreate,
    ContributionKind,
    ForumCreate,
    FundSource,
    Language,
    ParticipantCreate,
    Sector,
    Stage,
    saved_id,
)


def load_sample_forum(
    *, session: Session, language: Language = Language.TH, creation_key: str | None = None
) -> CreatedForum:
    """Create the Sila sample forum (Share, Plan and Act filled in), left at the Act stage.

    A repeated `creation_key` (a double tap) returns the sample forum the first tap made.
    """
    created = create_forum(
        session=session,
        data=ForumCreate(
            title=data.TITLE_TH if language == Language.TH else data.TITLE_EN,
            province_code=data.PROVINCE_CODE,
            district_code=data.DISTRICT_CODE,
            tambon_code=data.TAMBON_CODE,
            forum_date=data.FORUM_DATE,
            venue=data.VENUE,
            language=language,
        ),
        creation_key=creation_key,
    )
    if not created.created:
        return created
    session.flush()
    code = created.forum.code
    people = {
        person.key: join_forum(
            session=session,
            code=code,
            token=new_token(),
            data=ParticipantCreate(
                display_name=person.name, organisation=person.organisation, sector=Sector(person.sector)
            ),
            consent=True,
        ).participant
        for person in data.PARTICIPANTS
    }
    raised = {
        item.key: add_contribution(
            session=session,
            participant=people[item.author],
            data=ContributionCreate(kind=ContributionKind(item.kind), text=item.text),
        ).contribution
        for item in data.CONTRIBUTIONS
    }
    session.flush()
    forum_id = saved_id(created.forum)
    # Revealed, so a newcomer sees the wall filled rather than counts waiting for a reveal.
    for stage in REVEAL_STAGES:
        reveal_stage(session=session, forum_id=forum_id, stage=stage, version=0)
    items = [
        create_action_item(
            session=session,
            forum_id=forum_id,
            data=ActionItemCreate(
                activity=action.activity,
                objective=action.objective,
                target_group=action.target_group,
                area=action.area,
                lead_organisation=action.lead_organisation,
                partners=action.partners,
                budget_baht=action.budget_baht,
                fund_source=FundSource(action.fund_source),
                start_date=action.start,
                end_date=action.end,
                indicator=action.indicator,
                expected_result=action.expected_result,
                contribution_ids=[saved_id(raised[key]) for key in action.answers],
            ),
        )
        for action in data.ACTION_ITEMS
    ]
    # Commitments open in Act, so the sample moves there before its organisations commit.
    set_stage(session=session, forum=created.forum, stage=Stage.ACT)
    for commitment in data.COMMITMENTS:
        author = people[commitment.author]
        add_commitment(
            session=session,
            participant=author,
            data=CommitmentCreate(
                action_item_id=saved_id(items[commitment.action_index]),
                organisation=author.organisation,
                text=commitment.text,
            ),
        )
    return created
