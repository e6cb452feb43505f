"""policy: one table says which stage allows which action; every service obeys it, and pages read the same table."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, SQLModel, select

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import ActionNotAllowed, ForumClosed
from facilitation.core.tokens import new_token
from facilitation.forum.commitments import add_commitment
from facilitation.forum.contributions import add_contribution, edit_contribution, withdraw_contribution
from facilitation.forum.dots import add_dot, take_back_dot
from facilitation.forum.follow_up import carry_item
from facilitation.forum.left_out_words import set_left_out_words
from facilitation.forum.moderation import approve_post, hide_post, reject_post, restore_post
from facilitation.forum.moderation_rules import set_moderation_words, set_pre_approval
from facilitation.forum.overlaps import mark_overlap
from facilitation.forum.participants import join_forum
from facilitation.forum.people_without_phones import register_person
from facilitation.forum.plans import create_action_item, delete_action_item, restore_action_item, update_action_item
from facilitation.forum.policy import (
    ALLOWED,
    IN_EVERY_STAGE,
    STAGE_RULES,
    Action,
    accepts_input,
    allows,
    require,
    stage_rules,
    stages_allowing,
)
from facilitation.forum.progress import (
    ProgressForm,
    owner_link,
    report_progress,
    report_progress_for,
    set_weight,
)
from facilitation.forum.progress_read import thai_today
from facilitation.forum.reveal import hide_stage, reveal_stage, set_reveal_settings
from facilitation.forum.theme_suggestions import reject_suggestion
from facilitation.forum.themes import create_theme
from facilitation.forum.themes_to_plan import draft_items_from_themes
from facilitation.forum.timer import start_timer
from facilitation.forum.votes import VoteSettings, close_vote, open_vote, reveal_results
from facilitation.tree import admin as tree_admin
from models import (
    ActionItem,
    Ballot,
    CarriedItem,
    Commitment,
    CommitmentCreate,
    CommitmentWeight,
    Contribution,
    ContributionCreate,
    ContributionKind,
    ContributionStatus,
    ContributionUpdate,
    Forum,
    ForumFollowUp,
    LeftOutWords,
    ModerationSetting,
    ModerationWords,
    OptionSubject,
    OverlapDecision,
    OverlapMark,
    OwnerLink,
    Participant,
    ParticipantCreate,
    ProgressReport,
    ProgressStatus,
    ProgressSubject,
    ResultsShown,
    RevealEvent,
    Sector,
    Stage,
    StageReveal,
    StageTimer,
    Theme,
    ThemePost,
    ThemeRejection,
    TreeTie,
    Vote,
    VoteDot,
    VoteOption,
    VoteStatus,
    saved_id,
)
from tests.factories import join, make_forum, post
from tests.unit.helpers import admin, count, item_data, make_item, move

ROOT_DIR = Path(__file__).resolve().parents[3]
OPEN = frozenset({Stage.SHARE, Stage.PLAN, Stage.ACT})
# A follow-up forum's Review: people join and the facilitator runs the room; posts and the plan wait.
REVIEWING = OPEN | {Stage.REVIEW}
# The product's rules, written out here on their own so a change to the table has to change this too.
EXPECTED: dict[Action, frozenset[Stage]] = {
    Action.JOIN: REVIEWING,
    Action.POST: OPEN,
    Action.EDIT_OWN_POST: OPEN,
    Action.WITHDRAW_OWN_POST: OPEN,
    Action.CREATE_ACTION_ITEM: OPEN,
    Action.EDIT_ACTION_ITEM: OPEN,
    Action.DELETE_ACTION_ITEM: OPEN,
    Action.RESTORE_ACTION_ITEM: OPEN,
    Action.COMMIT: frozenset({Stage.ACT}),
    Action.TIDY_TREE: OPEN,
    Action.RUN_TIMER: REVIEWING,
    Action.REVEAL_POSTS: REVIEWING,
    Action.LEAVE_OUT_WORDS: OPEN,
    Action.MARK_OVERLAPS: OPEN,
    Action.GROUP_THEMES: OPEN,
    Action.MODERATE_POSTS: REVIEWING,
    Action.SET_MODERATION: REVIEWING,
    Action.REGISTER_PERSON: REVIEWING,
    # The room chooses in Plan; a vote left open can still be closed and revealed later.
    Action.OPEN_VOTE: frozenset({Stage.PLAN}),
    Action.RUN_VOTE: REVIEWING,
    Action.VOTE: frozenset({Stage.PLAN}),
    # The facilitator carries the earlier forum's open items while reviewing them and while planning.
    Action.CARRY_ITEM: frozenset({Stage.REVIEW, Stage.PLAN}),
    # Follow-up outlives the forum: owners report, and the facilitator hands out links and weighs, in every stage.
    Action.OPEN_PROGRESS_LINK: frozenset(Stage),
    Action.REPORT_PROGRESS: frozenset(Stage),
    Action.SET_WEIGHT: frozenset(Stage),
}
ROOT, FUND, BENEFIT = ContributionKind.ROOT_CAUSE, ContributionKind.FUND, ContributionKind.BENEFIT


@dataclass(frozen=True)
class World:
    """A forum filled in during Share: a person, their posts, a merged duplicate, a tie and an action item."""

    forum: Forum
    person: Participant
    root: int
    root_b: int  # another root cause, not merged
    root_c: int  # merged into `root`
    fund: int
    benefit: int
    tie: int
    item: int
    key: str = ""  # the facilitator's

    @property
    def id(self) -> int:
        return saved_id(self.forum)


@pytest.fixture
def world(engine: Engine) -> World:
    created = make_forum(engine)
    forum = created.forum
    person = join(engine, forum.code, name="บุญมี", organisation="กองทุนสวัสดิการชุมชนตำบลศิลา").participant
    root, root_b = post(engine, person, "ไม่มีรถไปหาหมอ", ROOT), post(engine, person, "ไม่มีรถโดยสาร", ROOT)
    root_c = post(engine, person, "ไม่มีรถพาไปโรงพยาบาล", ROOT)
    fund, benefit = post(engine, person, "งบ อบต.", FUND), post(engine, person, "รถรับส่งผู้ป่วย", BENEFIT)
    admin(engine, tree_admin.merge, saved_id(forum), keep_id=saved_id(root), duplicate_ids=[saved_id(root_c)])
    made = admin(engine, tree_admin.tie, saved_id(forum), root_id=root.id, fund_id=fund.id, benefit_id=None)
    item = make_item(engine, saved_id(forum))
    ids = (saved_id(row) for row in (root, root_b, root_c, fund, benefit, made, item))
    return World(forum, person, *ids, key=created.facilitator_token)


def _row(engine: Engine, contribution_id: int) -> Contribution:
    with read_session(engine) as session:
        row = session.get(Contribution, contribution_id)
    assert row is not None
    return row


def _item(engine: Engine, world: World) -> ActionItem:
    with read_session(engine) as session:
        item = session.get(ActionItem, world.item)
    assert item is not None
    return item


def _forum(engine: Engine, world: World) -> Forum:
    with read_session(engine) as session:
        forum = session.get(Forum, world.id)
    assert forum is not None
    return forum


def _drafts_from_a_theme(session: Session, world: World) -> object:
    # The theme is written here, not through its service (another action), so a refusal rolls it back too.
    theme = Theme(forum_id=world.id, name="การเดินทาง")
    session.add(theme)
    session.flush()
    session.add(ThemePost(theme_id=saved_id(theme), contribution_id=world.root))
    session.flush()
    return draft_items_from_themes(session=session, forum_id=world.id, count=1, creation_key="tap")


def _mark_overlap(session: Session, world: World) -> object:
    # A second organisation's plan beside the world's item, written here so a refusal rolls it back too.
    other = ActionItem(forum_id=world.id, activity="รถรับส่งผู้ป่วยไปโรงพยาบาล", lead_organisation="รพ.สต.ศิลา")
    session.add(other)
    session.flush()
    return mark_overlap(
        session=session,
        forum_id=world.id,
        first=f"item:{world.item}",
        second=f"item:{saved_id(other)}",
        decision=OverlapDecision.COORDINATED,
        version=0,
    )


@dataclass(frozen=True)
class Probe:
    """One service call that needs `action`, and how to see that it wrote."""

    action: Action
    name: str
    run: Callable[[Session, World], Any]
    wrote: Callable[[Engine, World], bool]


def _carry(session: Session, world: World) -> object:
    """The world's forum made a follow-up of an earlier one with an open item, in the probe's own transaction."""
    earlier = Forum(
        title="เวทีครั้งก่อน", province_code="40", district_code="4001", tambon_code="400114",
        forum_date=date(2026, 9, 1), code="PRIOR2", facilitator_token_hash="0" * 64,
    )  # fmt: skip
    session.add(earlier)
    session.flush()
    item = ActionItem(forum_id=saved_id(earlier), activity="ศูนย์ดูแลผู้สูงอายุ")
    session.add(item)
    session.add(ForumFollowUp(forum_id=world.id, earlier_forum_id=saved_id(earlier)))
    session.flush()
    return carry_item(session=session, forum_id=world.id, earlier_item_id=saved_id(item))


def _vote(session: Session, world: World) -> int:
    """A vote over two of the world's posts, written behind the services (which would check the stage)."""
    vote = Vote(forum_id=world.id, dots_per_person=3, cap_per_option=2, creation_key="probe")
    session.add(vote)
    session.flush()
    session.add(VoteOption(vote_id=saved_id(vote), subject_kind=OptionSubject.POST, subject_id=world.root, label="x"))
    session.flush()
    return saved_id(vote)


def _option(session: Session, world: World) -> int:
    vote_id = _vote(session, world)
    return int(session.exec(select(VoteOption.id).where(VoteOption.vote_id == vote_id)).one())


def _vote_row(engine: Engine) -> Vote | None:
    with read_session(engine) as session:
        return session.exec(select(Vote)).first()


TREE = Action.TIDY_TREE
POST = OptionSubject.POST
PROBES = [
    Probe(
        Action.JOIN,
        "join_forum",
        lambda s, w: join_forum(
            session=s,
            code=w.forum.code,
            token=new_token(),
            data=ParticipantCreate(display_name="มาใหม่", sector=Sector.STATE),
            consent=True,
        ),
        lambda e, w: count(e, Participant) == 2,
    ),
    Probe(
        Action.POST,
        "add_contribution",
        lambda s, w: add_contribution(
            session=s, participant=w.person, data=ContributionCreate(kind=ContributionKind.OTHER, text="ข้อใหม่")
        ),
        lambda e, w: count(e, Contribution) == 6,
    ),
    Probe(
        Action.EDIT_OWN_POST,
        "edit_contribution",
        lambda s, w: edit_contribution(
            session=s,
            participant=w.person,
            contribution_id=w.root_b,
            version=1,
            data=ContributionUpdate(text="แก้แล้ว"),
        ),
        lambda e, w: _row(e, w.root_b).text == "แก้แล้ว",
    ),
    Probe(
        Action.WITHDRAW_OWN_POST,
        "withdraw_contribution",
        lambda s, w: withdraw_contribution(session=s, participant=w.person, contribution_id=w.root_b),
        lambda e, w: _row(e, w.root_b).status == ContributionStatus.WITHDRAWN,
    ),
    Probe(
        Action.CREATE_ACTION_ITEM,
        "create_action_item",
        lambda s, w: create_action_item(session=s, forum_id=w.id, data=item_data("เยี่ยมบ้านผู้สูงอายุ")),
        lambda e, w: count(e, ActionItem) == 2,
    ),
    Probe(
        Action.CREATE_ACTION_ITEM,
        "draft_items_from_themes",
        lambda s, w: _drafts_from_a_theme(s, w),
        lambda e, w: count(e, ActionItem) == 2,
    ),
    Probe(
        Action.EDIT_ACTION_ITEM,
        "update_action_item",
        lambda s, w: update_action_item(session=s, forum_id=w.id, item_id=w.item, seen=1, data=item_data("แก้แผนแล้ว")),
        lambda e, w: _item(e, w).activity == "แก้แผนแล้ว",
    ),
    Probe(
        Action.DELETE_ACTION_ITEM,
        "delete_action_item",
        lambda s, w: delete_action_item(session=s, forum_id=w.id, item_id=w.item),
        lambda e, w: _item(e, w).deleted_at is not None,  # set aside, restorable
    ),
    Probe(
        Action.RESTORE_ACTION_ITEM,
        "restore_action_item",
        # The first call is refused when the stage refuses; restoring an item not deleted
        # changes nothing, so the item is deleted and restored to see the write.
        lambda s, w: (
            restore_action_item(session=s, forum_id=w.id, item_id=w.item),
            delete_action_item(session=s, forum_id=w.id, item_id=w.item),
            restore_action_item(session=s, forum_id=w.id, item_id=w.item),
        ),
        lambda e, w: _item(e, w).deleted_at is None and _item(e, w).version == 3,
    ),
    Probe(
        Action.COMMIT,
        "add_commitment",
        lambda s, w: add_commitment(
            session=s, participant=w.person, data=CommitmentCreate(action_item_id=w.item, text="จะจัดรถรับส่ง")
        ),
        lambda e, w: count(e, Commitment) == 1,
    ),
    Probe(
        TREE,
        "recategorise",
        lambda s, w: tree_admin.recategorise(session=s, forum_id=w.id, contribution_id=w.benefit, kind=FUND),
        lambda e, w: _row(e, w.benefit).kind == FUND,
    ),
    Probe(
        TREE,
        "set_category",
        lambda s, w: tree_admin.set_category(session=s, forum_id=w.id, contribution_id=w.benefit, category="old_age"),
        lambda e, w: _row(e, w.benefit).category == "old_age",
    ),
    Probe(
        TREE,
        "merge",
        lambda s, w: tree_admin.merge(session=s, forum_id=w.id, keep_id=w.root, duplicate_ids=[w.root_b]),
        lambda e, w: _row(e, w.root_b).merged_into_id == w.root,
    ),
    Probe(
        TREE,
        "unmerge",
        # version 2: `world` merged it once.
        lambda s, w: tree_admin.unmerge(session=s, forum_id=w.id, contribution_id=w.root_c, version=2),
        lambda e, w: _row(e, w.root_c).merged_into_id is None,
    ),
    Probe(
        TREE,
        "set_in_tree",
        lambda s, w: tree_admin.set_in_tree(session=s, forum_id=w.id, contribution_id=w.root, shown=False),
        lambda e, w: _row(e, w.root).in_tree is False,
    ),
    Probe(
        TREE,
        "tie",
        lambda s, w: tree_admin.tie(session=s, forum_id=w.id, root_id=w.root, fund_id=None, benefit_id=w.benefit),
        lambda e, w: count(e, TreeTie) == 2,
    ),
    Probe(
        TREE,
        "untie",
        lambda s, w: tree_admin.untie(session=s, forum_id=w.id, tie_id=w.tie),
        lambda e, w: count(e, TreeTie) == 0,
    ),
    Probe(
        TREE,
        "set_tree_labels",
        lambda s, w: tree_admin.set_tree_labels(session=s, forum_id=w.id, labels={"roots": "ทุนชุมชน"}),
        lambda e, w: _forum(e, w).tree_labels == {"roots": "ทุนชุมชน"},
    ),
    Probe(
        TREE,
        "edit_item",
        lambda s, w: tree_admin.edit_item(
            session=s,
            forum_id=w.id,
            contribution_id=w.benefit,
            version=1,
            kind=BENEFIT,
            category=None,
            shown=False,
            duplicate_ids=[],
        ),
        lambda e, w: _row(e, w.benefit).in_tree is False,
    ),
    Probe(
        Action.RUN_TIMER,
        "start_timer",
        lambda s, w: start_timer(session=s, forum_id=w.id, minutes=5, version=0),
        lambda e, w: count(e, StageTimer) == 1,
    ),
    Probe(
        Action.REVEAL_POSTS,
        "reveal_stage",
        lambda s, w: reveal_stage(session=s, forum_id=w.id, stage=Stage.SHARE, version=0),
        lambda e, w: count(e, RevealEvent) == 1,
    ),
    Probe(
        Action.REVEAL_POSTS,
        "hide_stage",
        # The first call is refused when the stage refuses; hiding held posts changes nothing,
        # so the stage is revealed and hidden to see the write.
        lambda s, w: (
            hide_stage(session=s, forum_id=w.id, stage=Stage.PLAN, version=0),
            reveal_stage(session=s, forum_id=w.id, stage=Stage.PLAN, version=0),
            hide_stage(session=s, forum_id=w.id, stage=Stage.PLAN, version=1),
        ),
        lambda e, w: count(e, RevealEvent) == 2,
    ),
    Probe(
        Action.REVEAL_POSTS,
        "set_reveal_settings",
        lambda s, w: set_reveal_settings(
            session=s, forum_id=w.id, stage=Stage.SHARE, version=0, hold_until_revealed=False, phones_show_posts=True
        ),
        lambda e, w: count(e, StageReveal) == 1,
    ),
    Probe(
        Action.LEAVE_OUT_WORDS,
        "set_left_out_words",
        lambda s, w: set_left_out_words(session=s, forum_id=w.id, typed="ตำบล", version=0),
        lambda e, w: count(e, LeftOutWords) == 1,
    ),
    Probe(
        Action.MARK_OVERLAPS, "mark_overlap", lambda s, w: _mark_overlap(s, w), lambda e, w: count(e, OverlapMark) == 1
    ),
    Probe(
        Action.GROUP_THEMES,
        "create_theme",
        lambda s, w: create_theme(session=s, forum_id=w.id, name="การเดินทาง", contribution_ids=[w.root, w.root_b]),
        lambda e, w: count(e, Theme) == 1,
    ),
    Probe(
        Action.GROUP_THEMES,
        "reject_suggestion",
        lambda s, w: reject_suggestion(session=s, forum_id=w.id, post_ids=[w.root, w.root_b]),
        lambda e, w: count(e, ThemeRejection) == 1,
    ),
    Probe(
        Action.REGISTER_PERSON,
        "register_person",
        lambda s, w: register_person(
            session=s,
            code=w.forum.code,
            key=w.key,
            data=ParticipantCreate(display_name="ยายสม", sector=Sector.COMMUNITY),
            consent=True,
            form_key=new_token(),
        ),
        lambda e, w: count(e, Participant) == 2,
    ),
    Probe(
        Action.OPEN_VOTE,
        "open_vote",
        lambda s, w: open_vote(
            session=s,
            forum_id=w.id,
            creation_key="key",
            settings=VoteSettings("", 3, 2, ResultsShown.HIDDEN, [(POST, w.root), (POST, w.fund)]),
        ),  # fmt: skip
        lambda e, w: count(e, Vote) == 1 and count(e, VoteOption) == 2,
    ),
    Probe(
        Action.RUN_VOTE,
        "close_vote",
        lambda s, w: close_vote(session=s, forum_id=w.id, vote_id=_vote(s, w), version=1),
        lambda e, w: (found := _vote_row(e)) is not None and found.status == VoteStatus.CLOSED,
    ),
    Probe(
        Action.RUN_VOTE,
        "reveal_results",
        lambda s, w: reveal_results(session=s, forum_id=w.id, vote_id=_vote(s, w), version=1),
        lambda e, w: (found := _vote_row(e)) is not None and found.revealed,
    ),
    Probe(
        Action.VOTE,
        "add_dot",
        lambda s, w: add_dot(session=s, participant_id=saved_id(w.person), option_id=_option(s, w), seen=0),
        lambda e, w: count(e, VoteDot) == 1 and count(e, Ballot) == 1,
    ),
    Probe(
        Action.VOTE,
        "take_back_dot",
        # Taking back needs a dot: spent, then taken back (the first call is the one refused).
        lambda s, w: (
            option := _option(s, w),
            add_dot(session=s, participant_id=saved_id(w.person), option_id=option, seen=0),
            take_back_dot(session=s, participant_id=saved_id(w.person), option_id=option, seen=1),
        ),
        lambda e, w: count(e, Ballot) == 1 and _vote_row(e) is not None,
    ),
]


def _pending(session: Session, world: World) -> int:
    """A post of the world's person waiting in the queue (written in the probe's own transaction)."""
    row = Contribution(
        forum_id=world.id,
        participant_id=world.person.id,
        kind=ContributionKind.OTHER,
        text="รอตรวจ",
        status=ContributionStatus.PENDING,
    )
    session.add(row)
    session.flush()
    return saved_id(row)


def _status(engine: Engine, text: str) -> set[ContributionStatus]:
    with read_session(engine) as session:
        rows = session.exec(select(Contribution).where(Contribution.text == text)).all()
    return {ContributionStatus(row.status) for row in rows}


MODERATE = Action.MODERATE_POSTS
MODERATION_PROBES = [
    Probe(
        MODERATE,
        "hide_post",
        lambda s, w: hide_post(session=s, forum_id=w.id, contribution_id=w.root_b, version=1, reason="ไม่สุภาพ"),
        lambda e, w: _row(e, w.root_b).status == ContributionStatus.HIDDEN,
    ),
    Probe(
        MODERATE,
        "restore_post",
        # Only a hidden post can be restored, so the probe hides it first (the same action).
        lambda s, w: (
            hide_post(session=s, forum_id=w.id, contribution_id=w.root_b, version=1, reason="ไม่สุภาพ"),
            restore_post(session=s, forum_id=w.id, contribution_id=w.root_b, version=2),
        ),
        lambda e, w: _row(e, w.root_b).version == 3 and _row(e, w.root_b).status == ContributionStatus.VISIBLE,
    ),
    Probe(
        MODERATE,
        "approve_post",
        lambda s, w: approve_post(session=s, forum_id=w.id, contribution_id=_pending(s, w), version=1),
        lambda e, w: _status(e, "รอตรวจ") == {ContributionStatus.VISIBLE},
    ),
    Probe(
        MODERATE,
        "reject_post",
        lambda s, w: reject_post(session=s, forum_id=w.id, contribution_id=_pending(s, w), version=1, reason="ซ้ำ"),
        lambda e, w: _status(e, "รอตรวจ") == {ContributionStatus.HIDDEN},
    ),
    Probe(
        Action.SET_MODERATION,
        "set_pre_approval",
        lambda s, w: set_pre_approval(session=s, forum_id=w.id, on=True, version=0),
        lambda e, w: count(e, ModerationSetting) == 1,
    ),
    Probe(
        Action.SET_MODERATION,
        "set_moderation_words",
        lambda s, w: set_moderation_words(session=s, forum_id=w.id, typed="ขี้โกง", version=0),
        lambda e, w: count(e, ModerationWords) == 1,
    ),
]
PROBES += MODERATION_PROBES
PROBES.append(Probe(Action.CARRY_ITEM, "carry_item", _carry, lambda e, w: count(e, CarriedItem) == 1))


def _progress_form(kind: ProgressSubject, subject_id: int) -> ProgressForm:
    return ProgressForm(
        subject_kind=kind,
        subject_id=subject_id,
        status=ProgressStatus.IN_PROGRESS,
        percent=40,
        note="จัดรถได้สองวันต่อสัปดาห์",
        spent_baht=1_500,
        reported_on=thai_today(),
        seen=None,
        creation_key="tap",
    )


def _owner_report(session: Session, world: World) -> object:
    # The link is made in the probe's own transaction, so a refusal would roll it back too.
    made = owner_link(
        session=session, forum_id=world.id, subject_kind=ProgressSubject.ACTION_ITEM, subject_id=world.item
    )
    return report_progress(
        session=session, token=made.token, form=_progress_form(ProgressSubject.ACTION_ITEM, world.item)
    )


def _weigh(session: Session, world: World) -> object:
    commitment = Commitment(forum_id=world.id, action_item_id=world.item, participant_id=world.person.id, text="จะช่วย")
    session.add(commitment)
    session.flush()
    return set_weight(session=session, forum_id=world.id, commitment_id=saved_id(commitment), weight=3, seen=0)


PROGRESS_PROBES = [
    Probe(
        Action.OPEN_PROGRESS_LINK,
        "owner_link",
        lambda s, w: owner_link(session=s, forum_id=w.id, subject_kind=ProgressSubject.ACTION_ITEM, subject_id=w.item),
        lambda e, w: count(e, OwnerLink) == 1,
    ),
    Probe(Action.REPORT_PROGRESS, "report_progress", _owner_report, lambda e, w: count(e, ProgressReport) == 1),
    Probe(
        Action.REPORT_PROGRESS,
        "report_progress_for",
        lambda s, w: report_progress_for(
            session=s, forum_id=w.id, form=_progress_form(ProgressSubject.ACTION_ITEM, w.item)
        ),
        lambda e, w: count(e, ProgressReport) == 1,
    ),
    Probe(Action.SET_WEIGHT, "set_weight", _weigh, lambda e, w: count(e, CommitmentWeight) == 1),
]
PROBES += PROGRESS_PROBES


def _everything(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, to show a refused action wrote nothing at all (not even a revision)."""
    with engine.connect() as connection:
        return {
            table.name: [tuple(row) for row in connection.execute(table.select())]
            for table in SQLModel.metadata.sorted_tables
        }


def test_the_table_covers_every_stage_and_every_action() -> None:
    """Each stage has a row, every action it names exists, and each action is allowed somewhere."""
    assert set(ALLOWED) == set(Stage)
    assert set(STAGE_RULES) == set(Stage)
    assert all(actions <= set(Action) for actions in ALLOWED.values())
    assert {action for actions in ALLOWED.values() for action in actions} | IN_EVERY_STAGE == set(Action)
    assert all(actions.isdisjoint(IN_EVERY_STAGE) for actions in ALLOWED.values())
    assert set(EXPECTED) == set(Action)  # a new action must be given its stages here too


@pytest.mark.parametrize("stage", list(Stage))
@pytest.mark.parametrize("action", list(Action))
def test_the_table_holds_the_product_rules(stage: Stage, action: Action) -> None:
    """Everything but committing is open from Share until Closed; committing waits for Act; Review takes little."""
    assert allows(stage, action) is (stage in EXPECTED[action])
    assert (stage in stages_allowing(action)) is (stage in EXPECTED[action])


def test_every_action_has_a_service_probe() -> None:
    """The stage × action test below reaches every action, and every facilitator tree tool."""
    assert {probe.action for probe in PROBES} == set(Action)
    tools = {"recategorise", "set_category", "merge", "unmerge", "set_in_tree", "tie", "untie", "set_tree_labels"}
    assert tools | {"edit_item"} <= {probe.name for probe in PROBES if probe.action == TREE}


@pytest.mark.parametrize("stage", list(Stage))
@pytest.mark.parametrize("probe", PROBES, ids=lambda probe: probe.name)
def test_each_service_obeys_the_table_in_each_stage(engine: Engine, world: World, stage: Stage, probe: Probe) -> None:
    """Allowed: the write happens. Refused: ForumClosed when Closed, ActionNotAllowed otherwise, and nothing is written.

    What the service does is compared with `allows`, which the pages read, so a page
    cannot offer a form the service refuses or hide one it accepts.
    """
    move(engine, world.forum, stage)
    expected = stage in EXPECTED[probe.action]
    assert allows(stage, probe.action) is expected
    before = _everything(engine)
    if expected:
        with write_session(engine) as session:
            probe.run(session, world)
        assert probe.wrote(engine, world), probe.name
        return
    with pytest.raises(ActionNotAllowed) as caught, write_session(engine) as session:
        probe.run(session, world)
    assert type(caught.value) is (ForumClosed if stage == Stage.CLOSED else ActionNotAllowed)
    assert (caught.value.action, caught.value.stage) == (probe.action, stage)
    assert _everything(engine) == before
    assert not probe.wrote(engine, world), probe.name


def test_a_commitment_sent_during_plan_is_refused_with_the_action_and_stage_named(engine: Engine, world: World) -> None:
    """The defect this table fixes: a stale phone committing during Plan is refused, in Thai and in English."""
    move(engine, world.forum, Stage.PLAN)
    with pytest.raises(ActionNotAllowed) as caught, write_session(engine) as session:
        add_commitment(
            session=session, participant=world.person, data=CommitmentCreate(action_item_id=world.item, text="จะช่วย")
        )
    assert not isinstance(caught.value, ForumClosed)
    assert caught.value.allowed == (Stage.ACT,)
    assert caught.value.message("th") == (
        "ให้พันธะสัญญาร่วมดำเนินการกิจกรรมได้เฉพาะในขั้นลงมือทำ (Act) ขณะนี้เวทีอยู่ในขั้นวางแผน (Plan)"
    )
    assert caught.value.message("en") == (
        "Committing to an activity is possible only in the Act stage; the forum is now in Plan."
    )
    assert count(engine, Commitment) == 0


def test_a_refusal_lists_every_stage_that_allows_the_action() -> None:
    """An action open in several stages names them all, in the forum's order."""
    refusal = ActionNotAllowed(action=Action.POST, stage=Stage.CLOSED, allowed=stages_allowing(Action.POST))
    assert refusal.message("en") == (
        "Sending a message to the forum is possible only in the Share, Plan or Act stage; the forum is now in Closed."
    )
    assert "แลกเปลี่ยน (Share), วางแผน (Plan) หรือ ลงมือทำ (Act)" in refusal.message("th")


def test_a_closed_forum_is_one_kind_of_refusal() -> None:
    """Code that catches ActionNotAllowed also catches ForumClosed, whose message stays the closed one."""
    assert issubclass(ForumClosed, ActionNotAllowed)
    closed = ForumClosed(action=Action.POST, stage=Stage.CLOSED, allowed=[Stage.SHARE])
    assert closed.message("en") == "The forum is closed and takes no more input (what you typed is still in the box)."


def test_a_tree_form_sent_unchanged_to_a_closed_forum_is_refused_too(engine: Engine, world: World) -> None:
    """edit_item checks the stage itself, not only through the tools it calls for what changed."""
    move(engine, world.forum, Stage.CLOSED)
    before = _everything(engine)
    with pytest.raises(ForumClosed), write_session(engine) as session:
        tree_admin.edit_item(
            session=session,
            forum_id=world.id,
            contribution_id=world.benefit,
            version=1,
            kind=BENEFIT,
            category=None,
            shown=True,
            duplicate_ids=[],
        )
    assert _everything(engine) == before


def test_require_returns_the_forum_when_allowed(engine: Engine, world: World) -> None:
    """The service gets the forum row it checked, from its own transaction."""
    with write_session(engine) as session:
        forum = require(session=session, forum_id=world.id, action=Action.POST)
        assert forum is session.get(Forum, world.id)


@pytest.mark.parametrize("stage", list(Stage))
def test_stage_changes_are_never_refused(engine: Engine, world: World, stage: Stage) -> None:
    """The facilitator moves between any two stages, including out of Closed: not an action in the table."""
    for target in Stage:
        move(engine, world.forum, stage)
        assert move(engine, world.forum, target).stage == target


def test_screens_show_commit_forms_only_under_a_plan_they_show() -> None:
    """The phone's commit forms sit under the plan's cards, so a stage that allows committing shows the plan."""
    for stage in Stage:
        if allows(stage, Action.COMMIT):
            assert stage_rules(stage).phone_plan, stage


def test_only_closed_takes_no_input() -> None:
    """Screens show a forum as closed exactly when its stage allows nothing."""
    assert [stage for stage in Stage if not accepts_input(stage)] == [Stage.CLOSED]


def test_a_closed_forum_takes_progress_reports_and_still_shows_as_closed() -> None:
    """Follow-up is allowed after the forum closed, without making its screens think it is open again."""
    assert not accepts_input(Stage.CLOSED)
    assert all(allows(Stage.CLOSED, action) for action in IN_EVERY_STAGE)
    assert all(stages_allowing(action) == tuple(Stage) for action in IN_EVERY_STAGE)


def test_the_projector_shows_in_each_stage_what_it_showed_before() -> None:
    """Review: the earlier plan. Share: the feed. Plan: the plan, last five posts. Act, Closed: plan and commitments."""
    shown = {
        stage: (rules.projector_feed, rules.projector_plan, rules.projector_commitments, rules.projector_recent_posts)
        for stage, rules in STAGE_RULES.items()
    }
    assert shown == {
        Stage.REVIEW: (False, False, False, 0),
        Stage.SHARE: (True, False, False, 0),
        Stage.PLAN: (False, True, False, 5),
        Stage.ACT: (False, True, True, 0),
        Stage.CLOSED: (False, True, True, 0),
    }
    # Review and Share are the stages people join in; Review shows the earlier forum's plan instead of this one's.
    assert [stage for stage in Stage if stage_rules(stage).console_links_open] == [Stage.REVIEW, Stage.SHARE]
    assert [stage for stage in Stage if not stage_rules(stage).phone_plan] == [Stage.REVIEW, Stage.SHARE]
    assert [stage for stage in Stage if stage_rules(stage).review] == [Stage.REVIEW]


def test_pages_ask_the_policy_instead_of_naming_stages() -> None:
    """No screen decides what to show by comparing with a named stage, so none can drift from the table."""
    screens = sorted([*ROOT_DIR.glob("pages/*.py"), ROOT_DIR / "app.py"])
    named = {path.name: re.findall(r"\bStage\.[A-Z_]+", path.read_text(encoding="utf-8")) for path in screens}
    assert {name: found for name, found in named.items() if found} == {}
