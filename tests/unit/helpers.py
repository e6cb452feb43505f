"""Small shared helpers for the unit tests (data goes through tests/factories.py)."""

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from sqlalchemy import Engine
from sqlmodel import SQLModel, func, select

from facilitation.core.db import read_session, write_session
from facilitation.forum.commitments import add_commitment
from facilitation.forum.forums import pulse, set_stage
from facilitation.forum.plans import create_action_item
from facilitation.tree.data import TreeData, tree_data
from models import (
    ActionItem,
    ActionItemCreate,
    Commitment,
    CommitmentCreate,
    Contribution,
    ContributionKind,
    ContributionStatus,
    Forum,
    FundSource,
    Participant,
    Stage,
)

T = TypeVar("T")


def count(engine: Engine, model: type[SQLModel]) -> int:
    """Rows in a table, read in a fresh snapshot."""
    with read_session(engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def revision(engine: Engine, forum_id: int) -> int:
    with read_session(engine) as session:
        return pulse(session=session, forum_id=forum_id).revision


def move(engine: Engine, forum: Forum, stage: Stage) -> Forum:
    with write_session(engine) as session:
        return set_stage(session=session, forum=forum, stage=stage)


def item_data(activity: str = "รถรับส่งผู้ป่วยติดเตียง", **overrides: object) -> ActionItemCreate:
    values: dict[str, object] = {
        "activity": activity,
        "objective": "ให้ผู้ป่วยไปตามนัดได้",
        "target_group": "ผู้ป่วยติดบ้านติดเตียง 45 คน",
        "lead_organisation": "กองสวัสดิการสังคม เทศบาลเมืองศิลา",
        "partners": "รพ.สต.ศิลา",
        "budget_baht": 60_000,
        "fund_source": FundSource.TAO,
        "start_date": date(2027, 3, 1),
        "end_date": date(2027, 9, 30),
        "indicator": "ผู้ป่วยไปตามนัดครบ",
        "expected_result": "ไม่มีใครขาดนัด",
    }
    values.update(overrides)
    return ActionItemCreate(**values)  # type: ignore[arg-type]


def make_item(engine: Engine, forum_id: int, activity: str = "รถรับส่งผู้ป่วยติดเตียง", **overrides: object) -> ActionItem:
    with write_session(engine) as session:
        return create_action_item(session=session, forum_id=forum_id, data=item_data(activity, **overrides))


def commit(engine: Engine, participant: Participant, item_id: int, text: str, organisation: str = "") -> Commitment:
    with write_session(engine) as session:
        return add_commitment(
            session=session,
            participant=participant,
            data=CommitmentCreate(action_item_id=item_id, text=text, organisation=organisation),
        ).commitment


def tree(engine: Engine, forum_id: int, lang: str = "th") -> TreeData:
    """The welfare tree's data, read in a fresh snapshot."""
    with read_session(engine) as session:
        return tree_data(session=session, forum_id=forum_id, lang=lang)


def post_anonymous(engine: Engine, forum_id: int, text: str, kind: ContributionKind) -> Contribution:
    """An entry with no author, stored behind the services' back (they always give one: people without a
    phone are registered, facilitation/forum/people_without_phones.py); the tree counts it as one person."""
    with write_session(engine) as session:
        row = Contribution(forum_id=forum_id, participant_id=None, kind=kind, text=text)
        session.add(row)
    return row


def set_status(engine: Engine, contribution_id: int, status: ContributionStatus) -> None:
    """Put a contribution in a status directly, behind the services' back (e.g. withdrawn by its author meanwhile)."""
    with write_session(engine) as session:
        row = session.get(Contribution, contribution_id)
        assert row is not None
        row.status = status
        session.add(row)


def admin(engine: Engine, action: Callable[..., T], forum_id: int, **arguments: object) -> T:
    """Run one facilitator action (tree_admin) in its own write transaction."""
    with write_session(engine) as session:
        return action(session=session, forum_id=forum_id, **arguments)
