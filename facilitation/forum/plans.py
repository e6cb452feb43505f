"""Plan: the action plan the room builds, each item tied to what was raised in Share."""

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, delete, select

from facilitation.core.errors import ActionItemNotFound, InvalidBudget, InvalidDates
from facilitation.core.text import clean_text
from facilitation.forum.forums import bump_revision
from facilitation.forum.policy import Action, require
from models import (
    ActionItem,
    ActionItemContribution,
    ActionItemCreate,
    Commitment,
    Contribution,
    ContributionStatus,
    FundSource,
    Participant,
    saved_id,
    utcnow,
)

MAX_BUDGET_BAHT = 10_000_000_000


@dataclass(frozen=True)
class CommitmentView:
    id: int
    organisation: str
    text: str
    author: str


@dataclass(frozen=True)
class PlanRow:
    """An action item with the contributions it answers and the commitments made to it."""

    number: int
    item: ActionItem
    answers: list[Contribution] = field(default_factory=list)
    commitments: list[CommitmentView] = field(default_factory=list)


def _clean(data: ActionItemCreate) -> dict[str, Any]:
    if data.budget_baht < 0 or data.budget_baht > MAX_BUDGET_BAHT:
        raise InvalidBudget(budget=data.budget_baht)
    if data.start_date and data.end_date and data.end_date < data.start_date:
        raise InvalidDates(start=data.start_date, end=data.end_date)
    return {
        "activity": clean_text(data.activity, max_length=300),
        "objective": clean_text(data.objective, required=False),
        "target_group": clean_text(data.target_group, max_length=300, required=False),
        "lead_organisation": clean_text(data.lead_organisation, max_length=200, required=False),
        "partners": clean_text(data.partners, required=False),
        "budget_baht": int(data.budget_baht),
        "fund_source": FundSource(data.fund_source),
        "start_date": data.start_date,
        "end_date": data.end_date,
        "indicator": clean_text(data.indicator, max_length=300, required=False),
        "expected_result": clean_text(data.expected_result, required=False),
    }


def _link(session: Session, forum_id: int, item_id: int, contribution_ids: list[int]) -> None:
    session.exec(delete(ActionItemContribution).where(col(ActionItemContribution.action_item_id) == item_id))
    if not contribution_ids:
        return
    valid = session.exec(
        select(Contribution.id).where(
            Contribution.forum_id == forum_id,
            col(Contribution.id).in_(contribution_ids),
        )
    ).all()
    for contribution_id in sorted({found for found in valid if found is not None}):
        session.add(ActionItemContribution(action_item_id=item_id, contribution_id=contribution_id))


def create_action_item(*, session: Session, forum_id: int, data: ActionItemCreate) -> ActionItem:
    """Add an action item to the forum's plan."""
    values = _clean(data)
    require(session=session, forum_id=forum_id, action=Action.CREATE_ACTION_ITEM)
    item = ActionItem(forum_id=forum_id, **values)
    session.add(item)
    session.flush()
    _link(session, forum_id, saved_id(item), data.contribution_ids)
    bump_revision(session=session, forum_id=forum_id)
    return item


def _item(session: Session, forum_id: int, item_id: int) -> ActionItem:
    item = session.get(ActionItem, item_id)
    if item is None or item.forum_id != forum_id:
        raise ActionItemNotFound(id=item_id)
    return item


def update_action_item(*, session: Session, forum_id: int, item_id: int, data: ActionItemCreate) -> ActionItem:
    """Replace every field and link of an action item."""
    values = _clean(data)
    require(session=session, forum_id=forum_id, action=Action.EDIT_ACTION_ITEM)
    item = _item(session, forum_id, item_id)
    for name, value in values.items():
        setattr(item, name, value)
    item.updated_at = utcnow()
    session.add(item)
    _link(session, forum_id, item_id, data.contribution_ids)
    bump_revision(session=session, forum_id=forum_id)
    return item


def delete_action_item(*, session: Session, forum_id: int, item_id: int) -> ActionItem:
    """Remove an action item, its links and the commitments made to it."""
    require(session=session, forum_id=forum_id, action=Action.DELETE_ACTION_ITEM)
    item = _item(session, forum_id, item_id)
    session.exec(delete(ActionItemContribution).where(col(ActionItemContribution.action_item_id) == item_id))
    session.exec(delete(Commitment).where(col(Commitment.action_item_id) == item_id))
    session.delete(item)
    bump_revision(session=session, forum_id=forum_id)
    return item


def plan(*, session: Session, forum_id: int) -> list[PlanRow]:
    """The forum's action plan in the order items were made, numbered from 1."""
    items = session.exec(select(ActionItem).where(ActionItem.forum_id == forum_id).order_by(col(ActionItem.id))).all()
    ids = [item.id for item in items]
    answers: dict[int, list[Contribution]] = {}
    for link, contribution in session.exec(
        select(ActionItemContribution, Contribution)
        .join(Contribution)
        .where(col(ActionItemContribution.action_item_id).in_(ids))
        .order_by(col(Contribution.id))
    ):
        if contribution.status == ContributionStatus.VISIBLE:
            answers.setdefault(link.action_item_id, []).append(contribution)
    commitments: dict[int, list[CommitmentView]] = {}
    for commitment, author in session.exec(
        select(Commitment, Participant)
        .join(Participant, isouter=True)
        .where(col(Commitment.action_item_id).in_(ids))
        .order_by(col(Commitment.id))
    ):
        commitments.setdefault(commitment.action_item_id, []).append(
            CommitmentView(
                id=saved_id(commitment),
                organisation=commitment.organisation,
                text=commitment.text,
                author=author.display_name if author else "",
            )
        )
    return [
        PlanRow(number, item, answers.get(saved_id(item), []), commitments.get(saved_id(item), []))
        for number, item in enumerate(items, start=1)
    ]
