"""Plan: the action plan the room builds, each item tied to what was raised in Share."""

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, delete, select

from facilitation.core.db import insert_once
from facilitation.core.errors import ActionItemNotFound, InvalidBudget, InvalidDates
from facilitation.core.text import clean_text
from facilitation.core.versioning import update_if_current
from facilitation.forum.forums import bump_revision
from facilitation.forum.policy import Action, require
from facilitation.forum.progress_read import ItemProgress, item_progress
from facilitation.live.changes import Topic, bump
from models import (
    ActionItem,
    ActionItemContribution,
    ActionItemCreate,
    ActionItemTheme,
    Commitment,
    Contribution,
    ContributionKind,
    ContributionStatus,
    FundSource,
    Participant,
    RegisteredPerson,
    Sector,
    Theme,
    saved_id,
    utcnow,
)

MAX_BUDGET_BAHT = 10_000_000_000
# The fields of an item a form can change; `contribution_ids` and `theme_ids` are its links.
ITEM_FIELDS = (*ActionItemCreate.model_fields,)
LINKS = ("contribution_ids", "theme_ids")


@dataclass(frozen=True)
class CommitmentView:
    id: int
    organisation: str
    text: str
    author: str
    # Typed at the console for someone registered without a phone: lists mark it so.
    by_facilitator: bool = False
    sector: Sector | None = None  # the author's: what an anonymised export shows instead of the name


@dataclass(frozen=True)
class Answer:
    """A post an action item answers, in the words it had when the item was tied to it."""

    id: int
    kind: ContributionKind
    text: str
    edited: bool  # its author changed it since: the plan keeps the words it was tied to
    withdrawn: bool  # its author took it back: still listed, marked, never dropped silently
    hidden: bool = False  # the facilitator hid it: listed and marked, its words left out


@dataclass(frozen=True)
class ThemeAnswer:
    """A theme an action item answers, in the name it had when the item was tied to it."""

    id: int
    name: str
    renamed_to: str | None  # its name now, when renamed since
    dissolved: bool  # ungrouped since: still listed, marked, never dropped silently


@dataclass(frozen=True)
class PlanRow:
    """An action item with the contributions and themes it answers and the commitments made to it."""

    number: int
    item: ActionItem
    answers: list[Answer] = field(default_factory=list)
    commitments: list[CommitmentView] = field(default_factory=list)
    themes: list[ThemeAnswer] = field(default_factory=list)
    progress: ItemProgress | None = None  # rolled up from its owners' reports (facilitation/forum/progress_read.py)


def _clean(data: ActionItemCreate) -> dict[str, Any]:
    if data.budget_baht < 0 or data.budget_baht > MAX_BUDGET_BAHT:
        raise InvalidBudget(budget=data.budget_baht, limit=MAX_BUDGET_BAHT)
    if data.start_date and data.end_date and data.end_date < data.start_date:
        raise InvalidDates(start=data.start_date, end=data.end_date)
    return {
        "activity": clean_text(data.activity, max_length=300, field="plan_activity"),
        "objective": clean_text(data.objective, required=False, field="plan_objective"),
        "target_group": clean_text(data.target_group, max_length=300, required=False, field="plan_target_group"),
        "area": clean_text(data.area, max_length=200, required=False, field="plan_area"),
        "lead_organisation": clean_text(data.lead_organisation, max_length=200, required=False, field="plan_lead"),
        "partners": clean_text(data.partners, required=False, field="plan_partners"),
        "budget_baht": int(data.budget_baht),
        "fund_source": FundSource(data.fund_source),
        "start_date": data.start_date,
        "end_date": data.end_date,
        "indicator": clean_text(data.indicator, max_length=300, required=False, field="plan_indicator"),
        "expected_result": clean_text(data.expected_result, required=False, field="plan_expected_result"),
    }


def _link(session: Session, forum_id: int, item_id: int, contribution_ids: list[int]) -> None:
    # A link that stays keeps the words it was made with; only new links copy the post as it is now.
    kept = set(contribution_ids)
    session.exec(
        delete(ActionItemContribution).where(
            col(ActionItemContribution.action_item_id) == item_id,
            col(ActionItemContribution.contribution_id).not_in(kept),
        )
    )
    linked = set(
        session.exec(
            select(ActionItemContribution.contribution_id).where(ActionItemContribution.action_item_id == item_id)
        ).all()
    )
    # Only posts that show are newly tied: a tab drawn before a post was hidden cannot tie it.
    new = session.exec(
        select(Contribution)
        .where(
            Contribution.forum_id == forum_id,
            col(Contribution.id).in_(kept - linked),
            Contribution.status == ContributionStatus.VISIBLE,
        )
        .order_by(col(Contribution.id))
    ).all()
    for contribution in new:
        session.add(
            ActionItemContribution(
                action_item_id=item_id,
                contribution_id=saved_id(contribution),
                linked_kind=ContributionKind(contribution.kind).value,
                linked_text=contribution.text,
                linked_version=contribution.version,
            )
        )


def _link_themes(session: Session, forum_id: int, item_id: int, theme_ids: list[int]) -> None:
    # As with posts: a link that stays keeps the name it was made with; new links take the name now.
    kept = set(theme_ids)
    session.exec(
        delete(ActionItemTheme).where(
            col(ActionItemTheme.action_item_id) == item_id, col(ActionItemTheme.theme_id).not_in(kept)
        )
    )
    linked = set(session.exec(select(ActionItemTheme.theme_id).where(ActionItemTheme.action_item_id == item_id)))
    new = session.exec(
        select(Theme)
        .where(Theme.forum_id == forum_id, col(Theme.id).in_(kept - linked), col(Theme.dissolved_at).is_(None))
        .order_by(col(Theme.id))
    ).all()
    for theme in new:
        session.add(ActionItemTheme(action_item_id=item_id, theme_id=saved_id(theme), linked_name=theme.name))


def create_action_item(
    *, session: Session, forum_id: int, data: ActionItemCreate, creation_key: str | None = None
) -> ActionItem:
    """Add an action item to the forum's plan; a repeated `creation_key` returns the item the first made."""
    values = _clean(data)
    require(session=session, forum_id=forum_id, action=Action.CREATE_ACTION_ITEM)
    item = ActionItem(forum_id=forum_id, creation_key=creation_key, **values)

    def first_made() -> ActionItem | None:
        if creation_key is None:
            return None
        return session.exec(
            select(ActionItem).where(ActionItem.forum_id == forum_id, ActionItem.creation_key == creation_key)
        ).first()

    # The page draws the key with the form: a double tap sends it twice, and the
    # unique (forum_id, creation_key) settles a race the forum lock did not.
    item, created = insert_once(session, item, first_made)
    if created:
        _link(session, forum_id, saved_id(item), data.contribution_ids)
        _link_themes(session, forum_id, saved_id(item), data.theme_ids)
        bump_revision(session=session, forum_id=forum_id)
        bump(session=session, forum_id=forum_id, topics=[Topic.PLAN])
    return item


def _item(session: Session, forum_id: int, item_id: int, *, deleted: bool = False) -> ActionItem:
    item = session.get(ActionItem, item_id)
    if item is None or item.forum_id != forum_id or (item.deleted_at is not None) != deleted:
        raise ActionItemNotFound(id=item_id)
    return item


def _changed_since_linked(link: ActionItemContribution, contribution: Contribution) -> bool:
    if link.linked_text is None:  # tied before the words were kept with the link
        return contribution.version != link.linked_version
    return contribution.text != link.linked_text or contribution.kind != link.linked_kind


def drawn_values(row: PlanRow) -> ActionItemCreate:
    """What an edit form of `row` shows before anyone types: a save sends the fields that differ."""
    return ActionItemCreate(
        **row.item.model_dump(include=set(ITEM_FIELDS)),
        contribution_ids=sorted(saved_id(answer) for answer in row.answers),
        theme_ids=sorted(theme.id for theme in row.themes),
    )


def update_action_item(
    *,
    session: Session,
    forum_id: int,
    item_id: int,
    seen: int,
    data: ActionItemCreate,
    changed: Collection[str] | None = None,
) -> ActionItem:
    """Save the fields named in `changed` (all by default) if the item is still at version `seen`.

    A form sends only what the person changed, so a stale tab cannot write back a value
    it merely displayed; and any save drawn from an older version is refused with
    StaleEdit (carrying the item as it is now) instead of overwriting the newer one.
    """
    names = set(ITEM_FIELDS if changed is None else changed) & set(ITEM_FIELDS)
    require(session=session, forum_id=forum_id, action=Action.EDIT_ACTION_ITEM)
    item = _item(session, forum_id, item_id)
    # Validate the item as it will be (end date against a start date not changed here).
    merged = ActionItemCreate(**{**item.model_dump(), **data.model_dump(include=names)})
    cleaned = _clean(merged)
    saved = update_if_current(
        session=session,
        table=ActionItem,
        row_id=item_id,
        seen=seen,
        values={name: cleaned[name] for name in names if name not in LINKS},
        missing=ActionItemNotFound(id=item_id),
    )
    if "contribution_ids" in names:
        _link(session, forum_id, item_id, data.contribution_ids)
    if "theme_ids" in names:
        _link_themes(session, forum_id, item_id, data.theme_ids)
    bump_revision(session=session, forum_id=forum_id)
    bump(session=session, forum_id=forum_id, topics=[Topic.PLAN])
    return saved


def delete_action_item(*, session: Session, forum_id: int, item_id: int) -> ActionItem:
    """Set an action item aside (soft delete): it and its commitments leave every screen until restored.

    Nothing is removed, so a delete pressed by mistake is undone with restore_action_item;
    a second delete of the same item (a double tap) changes nothing.
    """
    require(session=session, forum_id=forum_id, action=Action.DELETE_ACTION_ITEM)
    item = session.get(ActionItem, item_id)
    if item is not None and item.forum_id == forum_id and item.deleted_at is not None:
        return item
    _item(session, forum_id, item_id)
    return _set_deleted(session, forum_id, item_id, deleted=True)


def restore_action_item(*, session: Session, forum_id: int, item_id: int) -> ActionItem:
    """Bring a deleted action item back, with the links and commitments it had."""
    require(session=session, forum_id=forum_id, action=Action.RESTORE_ACTION_ITEM)
    item = session.get(ActionItem, item_id)
    if item is not None and item.forum_id == forum_id and item.deleted_at is None:
        return item  # restored already (a double tap)
    _item(session, forum_id, item_id, deleted=True)
    return _set_deleted(session, forum_id, item_id, deleted=False)


def _set_deleted(session: Session, forum_id: int, item_id: int, *, deleted: bool) -> ActionItem:
    # A new version: an edit form drawn before the delete must not write to it afterwards.
    item = _item(session, forum_id, item_id, deleted=not deleted)
    saved = update_if_current(
        session=session,
        table=ActionItem,
        row_id=item_id,
        seen=item.version,
        values={"deleted_at": utcnow() if deleted else None},
        missing=ActionItemNotFound(id=item_id),
    )
    bump_revision(session=session, forum_id=forum_id)
    # Its commitments leave (or come back to) the screens with it.
    committed = session.exec(select(Commitment.id).where(Commitment.action_item_id == item_id).limit(1)).first()
    bump(session=session, forum_id=forum_id, topics=[Topic.PLAN, *([Topic.COMMITMENTS] if committed else [])])
    return saved


def answers_plan(*, session: Session, contribution_ids: Collection[int]) -> bool:
    """Whether any of these contributions is an answer of an action item on the plan (deleted items aside)."""
    if not contribution_ids:
        return False
    # The plan shows each answer's words and whether it was edited or withdrawn since,
    # so a change to one of these posts changes the plan's screens too.
    linked = session.exec(
        select(ActionItemContribution.action_item_id)
        .join(ActionItem)
        .where(
            col(ActionItemContribution.contribution_id).in_(set(contribution_ids)),
            col(ActionItem.deleted_at).is_(None),
        )
        .limit(1)
    ).first()
    return linked is not None


def deleted_items(*, session: Session, forum_id: int) -> list[ActionItem]:
    """The forum's deleted action items, the latest deleted first (the console offers to restore them)."""
    return list(
        session.exec(
            select(ActionItem)
            .where(ActionItem.forum_id == forum_id, col(ActionItem.deleted_at).is_not(None))
            .order_by(col(ActionItem.deleted_at).desc(), col(ActionItem.id).desc())
        ).all()
    )


def plan(*, session: Session, forum_id: int) -> list[PlanRow]:
    """The forum's action plan in the order items were made, numbered from 1; deleted items are left out."""
    items = session.exec(
        select(ActionItem)
        .where(ActionItem.forum_id == forum_id, col(ActionItem.deleted_at).is_(None))
        .order_by(col(ActionItem.id))
    ).all()
    ids = [item.id for item in items]
    answers: dict[int, list[Answer]] = {}
    for link, contribution in session.exec(
        select(ActionItemContribution, Contribution)
        .join(Contribution)
        .where(col(ActionItemContribution.action_item_id).in_(ids))
        .order_by(col(Contribution.id))
    ):
        withdrawn = contribution.status == ContributionStatus.WITHDRAWN
        # The room no longer sees a post the facilitator hid, not even as the plan quoted it.
        hidden = contribution.status == ContributionStatus.HIDDEN
        answers.setdefault(link.action_item_id, []).append(
            Answer(
                id=saved_id(contribution),
                kind=ContributionKind(link.linked_kind or contribution.kind),
                text="" if hidden else link.linked_text or contribution.text,
                # Words or kind, not the version: tidying the tree (a category, a merge) raises
                # a post's version without changing what the plan quotes. A post edited and
                # waiting for the facilitator keeps the words it was tied to, marked edited.
                edited=not (withdrawn or hidden) and _changed_since_linked(link, contribution),
                withdrawn=withdrawn,
                hidden=hidden,
            )
        )
    commitments: dict[int, list[CommitmentView]] = {}
    for commitment, author, registered in session.exec(
        select(Commitment, Participant, RegisteredPerson.participant_id)
        .select_from(Commitment)
        .join(Participant, col(Participant.id) == Commitment.participant_id, isouter=True)
        .join(RegisteredPerson, col(RegisteredPerson.participant_id) == Commitment.participant_id, isouter=True)
        .where(col(Commitment.action_item_id).in_(ids))
        .order_by(col(Commitment.id))
    ):
        commitments.setdefault(commitment.action_item_id, []).append(
            CommitmentView(
                id=saved_id(commitment),
                organisation=commitment.organisation,
                text=commitment.text,
                author=author.display_name if author else "",
                by_facilitator=registered is not None,
                sector=Sector(author.sector) if author else None,
            )
        )
    themes: dict[int, list[ThemeAnswer]] = {}
    for theme_link, theme in session.exec(
        select(ActionItemTheme, Theme)
        .join(Theme)
        .where(col(ActionItemTheme.action_item_id).in_(ids))
        .order_by(col(Theme.id))
    ):
        themes.setdefault(theme_link.action_item_id, []).append(
            ThemeAnswer(
                id=saved_id(theme),
                name=theme_link.linked_name or theme.name,
                renamed_to=theme.name if theme.name != theme_link.linked_name else None,
                dissolved=theme.dissolved_at is not None,
            )
        )
    progress = item_progress(session=session, item_ids=[saved_id(item) for item in items])
    return [
        PlanRow(
            number,
            item,
            answers.get(saved_id(item), []),
            commitments.get(saved_id(item), []),
            themes.get(saved_id(item), []),
            progress.get(saved_id(item)),
        )
        for number, item in enumerate(items, start=1)
    ]
