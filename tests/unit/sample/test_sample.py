"""sample: the Sila demo forum, built through the real services."""

from sqlalchemy import Engine
from sqlmodel import func, select

from facilitation.core.db import read_session, write_session
from facilitation.core.tokens import token_matches
from facilitation.exports.summary import build_summary
from facilitation.sample import data as sample_data
from facilitation.sample.load import load_sample_forum
from models import ActionItem, Commitment, Contribution, Language, Participant, Sector, Stage, saved_id


def _count(engine: Engine, model: type, forum_id: int) -> int:
    with read_session(engine) as session:
        return session.exec(select(func.count()).select_from(model).where(model.forum_id == forum_id)).one()  # type: ignore[attr-defined]


def test_sample_forum_is_complete_and_at_act(engine: Engine) -> None:
    """One call makes a forum at Act with every sample person, contribution, item and commitment."""
    with write_session(engine) as session:
        created = load_sample_forum(session=session)
    forum_id = saved_id(created.forum)
    assert min(len(sample_data.PARTICIPANTS), len(sample_data.CONTRIBUTIONS), len(sample_data.COMMITMENTS)) > 0
    assert _count(engine, Participant, forum_id) == len(sample_data.PARTICIPANTS)
    assert _count(engine, Contribution, forum_id) == len(sample_data.CONTRIBUTIONS)
    assert _count(engine, ActionItem, forum_id) == len(sample_data.ACTION_ITEMS)
    assert _count(engine, Commitment, forum_id) == len(sample_data.COMMITMENTS)
    with read_session(engine) as session:
        summary = build_summary(session=session, forum_id=forum_id)
    assert summary.forum.stage == Stage.ACT
    assert summary.forum.title == sample_data.TITLE_TH
    assert summary.forum.area_name_th == "ตำบลศิลา อำเภอเมืองขอนแก่น จังหวัดขอนแก่น"
    assert all(summary.participants_by_sector[sector] > 0 for sector in Sector)
    assert summary.budget_total == sum(action.budget_baht for action in sample_data.ACTION_ITEMS)
    assert [len(row.answers) for row in summary.plan] == [len(action.answers) for action in sample_data.ACTION_ITEMS]
    assert token_matches(created.facilitator_token, created.forum.facilitator_token_hash)


def test_sample_in_english_uses_the_english_title(engine: Engine) -> None:
    """language=EN gives the English title and language."""
    with write_session(engine) as session:
        created = load_sample_forum(session=session, language=Language.EN)
    assert created.forum.title == sample_data.TITLE_EN
    assert created.forum.language == Language.EN


def test_loading_twice_makes_two_independent_forums(engine: Engine) -> None:
    """Two calls give two forums with their own codes, keys and rows."""
    with write_session(engine) as session:
        first = load_sample_forum(session=session)
    with write_session(engine) as session:
        second = load_sample_forum(session=session)
    assert first.forum.id != second.forum.id
    assert first.forum.code != second.forum.code
    assert first.facilitator_token != second.facilitator_token
    for forum_id in (saved_id(first.forum), saved_id(second.forum)):
        assert _count(engine, Contribution, forum_id) == len(sample_data.CONTRIBUTIONS)
        assert _count(engine, Commitment, forum_id) == len(sample_data.COMMITMENTS)
    with read_session(engine) as session:
        assert session.exec(select(func.count()).select_from(Participant)).one() == 2 * len(sample_data.PARTICIPANTS)


def test_sample_data_references_are_consistent() -> None:
    """Every author, answer key and action index in the sample data exists."""
    people = {p.key for p in sample_data.PARTICIPANTS}
    raised = {c.key for c in sample_data.CONTRIBUTIONS}
    assert len(people) == len(sample_data.PARTICIPANTS)
    assert len(raised) == len(sample_data.CONTRIBUTIONS)
    assert {c.author for c in sample_data.CONTRIBUTIONS} <= people
    assert {k.author for k in sample_data.COMMITMENTS} <= people
    assert {key for action in sample_data.ACTION_ITEMS for key in action.answers} <= raised
    assert {k.action_index for k in sample_data.COMMITMENTS} <= set(range(len(sample_data.ACTION_ITEMS)))
    assert {p.sector for p in sample_data.PARTICIPANTS} == {s.value for s in Sector}
