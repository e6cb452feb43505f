"""Every write service bumps exactly the topics whose screens it changed, and a refused write bumps nothing."""

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import ForumClosed, ForumError, PersonNotRegistered, StaleEdit, TimerNotRunning
from facilitation.core.tokens import new_token
from facilitation.exports.archive import export_archive
from facilitation.forum import (
    access,
    archive_import,
    commitments,
    contributions,
    dots,
    follow_up,
    forums,
    left_out_words,
    moderation,
    moderation_rules,
    overlaps,
    participants,
    people_without_phones,
    plans,
    progress,
    theme_suggestions,
    themes,
    themes_to_plan,
    timer,
    votes,
)
from facilitation.forum.access import new_facilitator_key, new_projector_link, open_projector_link, projector_token
from facilitation.forum.commitments import add_commitment
from facilitation.forum.contributions import add_contribution, edit_contribution, withdraw_contribution
from facilitation.forum.forums import create_forum, set_stage
from facilitation.forum.participants import join_forum
from facilitation.forum.plans import create_action_item, delete_action_item, restore_action_item, update_action_item
from facilitation.forum.timer import add_time, pause_timer, resume_timer, start_timer, stop_timer
from facilitation.forum.votes import VoteSettings
from facilitation.live.changes import Topic, counters
from facilitation.sample import data as sample
from facilitation.sample.load import load_sample_forum
from facilitation.tree import admin
from facilitation.tree.admin import (
    edit_item,
    merge,
    recategorise,
    set_category,
    set_in_tree,
    set_tree_labels,
    tie,
    unmerge,
    untie,
)
from facilitation.tree.data import PART_OF_KIND
from models import (
    ActionItem,
    Ballot,
    Commitment,
    CommitmentCreate,
    Contribution,
    ContributionCreate,
    ContributionKind,
    ContributionUpdate,
    Forum,
    ForumCreate,
    ForumFollowUp,
    OptionSubject,
    OverlapDecision,
    Participant,
    ParticipantCreate,
    ProgressStatus,
    ProgressSubject,
    ResultsShown,
    Sector,
    Stage,
    Vote,
    VoteDot,
    VoteOption,
    saved_id,
)
from tests.factories import SILA, join, make_forum, post
from tests.unit.helpers import commit, item_data, make_item, move

ROOT, FUND, BENEFIT, OTHER = (
    ContributionKind.ROOT_CAUSE,
    ContributionKind.FUND,
    ContributionKind.BENEFIT,
    ContributionKind.OTHER,
)
S, P, PO, PL, C, T = Topic.STAGE, Topic.PEOPLE, Topic.POSTS, Topic.PLAN, Topic.COMMITMENTS, Topic.TREE
TI = Topic.TIMER
TH = Topic.THEMES
Q, M = Topic.QUEUE, Topic.MODERATION
RUDE = "ไอ้เหี้ยไม่ช่วยอะไรเลย"  # the word filter holds it
WRITERS: tuple[ModuleType, ...] = (
    forums, participants, contributions, plans, commitments, access, admin, timer, left_out_words, overlaps, themes,
    themes_to_plan, theme_suggestions, moderation, moderation_rules, people_without_phones, votes, dots,
    archive_import, follow_up, progress,
)  # fmt: skip


@dataclass(frozen=True)
class World:
    """A forum in Act with something of everything, as the services left it."""

    forum: Forum
    key: str
    alice: Participant
    alice_token: str
    bob: Participant
    root: Contribution
    fund: Contribution
    answer: Contribution  # a benefit the plan's first item answers
    benefit: Contribution
    twin: Contribution  # a benefit not merged yet
    merged: Contribution  # a benefit merged into `benefit`
    other: Contribution
    item_id: int  # answers `answer`, with a commitment
    bare_item_id: int  # no answers, no commitments
    deleted_item_id: int  # deleted, with a commitment
    tie_id: int
    elder: Participant  # registered by the facilitator, without a phone
    elder_form_key: str  # the registration form that registered them

    @property
    def id(self) -> int:
        return saved_id(self.forum)


@pytest.fixture
def world(engine: Engine) -> World:
    created = make_forum(engine)
    forum, forum_id = created.forum, saved_id(created.forum)
    alice_token = new_token()
    with write_session(engine) as session:
        alice = join_forum(
            session=session,
            code=forum.code,
            token=alice_token,
            data=ParticipantCreate(display_name="สมศรี", sector=Sector.COMMUNITY),
            consent=True,
        ).participant
    bob = join(engine, forum.code, name="สมชาย", organisation="อบต.ศิลา", sector=Sector.LOCAL_GOVERNMENT).participant
    root = post(engine, alice, "ผู้สูงอายุอยู่ลำพัง", ROOT)
    fund = post(engine, alice, "กองทุนสวัสดิการชุมชน", FUND)
    answer = post(engine, alice, "มีรถรับส่งไปโรงพยาบาล", BENEFIT)
    benefit = post(engine, alice, "มีคนดูแลที่บ้าน", BENEFIT)
    twin = post(engine, bob, "มีผู้ดูแลมาเยี่ยมบ้าน", BENEFIT)
    merged = post(engine, bob, "มีคนมาดูแลถึงบ้าน", BENEFIT)
    other = post(engine, alice, "อยากให้มีเวทีทุกปี", OTHER)
    with write_session(engine) as session:
        merge(session=session, forum_id=forum_id, keep_id=saved_id(benefit), duplicate_ids=[saved_id(merged)])
        made = tie(session=session, forum_id=forum_id, root_id=root.id, fund_id=fund.id, benefit_id=None)
        open_projector_link(session=session, code=forum.code, key=created.facilitator_token)
        item = create_action_item(
            session=session, forum_id=forum_id, data=item_data("รถรับส่งผู้ป่วย", contribution_ids=[saved_id(answer)])
        )
    bare = make_item(engine, forum_id, "อบรมอาสาสมัคร")
    deleted = make_item(engine, forum_id, "ตู้ยาประจำหมู่บ้าน")
    forum = move(engine, forum, Stage.ACT)
    commit(engine, bob, saved_id(item), "จะจัดรถให้")
    commit(engine, bob, saved_id(deleted), "จะจัดยาให้")
    with write_session(engine) as session:
        delete_action_item(session=session, forum_id=forum_id, item_id=saved_id(deleted))
    with read_session(engine) as session:
        merged = session.get(Contribution, saved_id(merged)) or merged  # its version moved with the merge
    elder_form_key = new_token()
    with write_session(engine) as session:
        elder = people_without_phones.register_person(
            session=session,
            code=forum.code,
            key=created.facilitator_token,
            data=ParticipantCreate(display_name="ยายสม", sector=Sector.COMMUNITY),
            consent=True,
            form_key=elder_form_key,
        ).participant
    return World(
        forum, created.facilitator_token, alice, alice_token, bob, root, fund, answer, benefit, twin, merged, other,
        saved_id(item), saved_id(bare), saved_id(deleted), saved_id(made), elder, elder_form_key,
    )  # fmt: skip


Action = Callable[[Session, World], object]


def _owner_link(session: Session, w: World) -> str:
    made = progress.owner_link(
        session=session, forum_id=w.id, subject_kind=ProgressSubject.ACTION_ITEM, subject_id=w.item_id
    )
    return made.token


def _twice(session: Session, w: World, form: progress.ProgressForm) -> object:
    """One form sent twice (a double tap): the second finds the first's report."""
    first = progress.report_progress_for(session=session, forum_id=w.id, form=form)
    second = progress.report_progress_for(session=session, forum_id=w.id, form=form)
    assert second.created is False and second.report.id == first.report.id
    return second


def _progress_form(w: World, seen: int | None = None) -> progress.ProgressForm:
    return progress.ProgressForm(
        subject_kind=ProgressSubject.ACTION_ITEM,
        subject_id=w.item_id,
        status=ProgressStatus.IN_PROGRESS,
        percent=40,
        note="",
        spent_baht=0,
        reported_on=progress.thai_today(),
        seen=seen,
        creation_key=new_token(),
    )


def _commitment(session: Session, w: World) -> int:
    found = session.exec(select(Commitment.id).where(Commitment.action_item_id == w.item_id)).first()
    assert found is not None
    return found


def _edit(which: Callable[[World], Contribution], **change: Any) -> Action:
    def action(session: Session, w: World) -> object:
        row = which(w)
        return edit_contribution(
            session=session,
            participant=w.alice,
            contribution_id=saved_id(row),
            version=row.version,
            data=ContributionUpdate(**change),
        )

    return action


def _post(kind: ContributionKind, text: str) -> Action:
    return lambda s, w: add_contribution(session=s, participant=w.alice, data=ContributionCreate(kind=kind, text=text))


def _commit(text: str) -> Action:
    data = CommitmentCreate
    return lambda s, w: add_commitment(session=s, participant=w.bob, data=data(action_item_id=w.item_id, text=text))


def _edit_item(which: Callable[[World], Contribution], **change: Any) -> Action:
    def action(session: Session, w: World) -> object:
        row = which(w)
        return edit_item(session=session, forum_id=w.id, contribution_id=saved_id(row), version=row.version, **change)

    return action


def _timer(session: Session, w: World) -> int:
    """Start the forum's first timer; its version."""
    return start_timer(session=session, forum_id=w.id, minutes=5, version=0).version


def _theme(session: Session, w: World, name: str = "การดูแลที่บ้าน", *posts: Contribution) -> int:
    """A theme of `posts` (the two benefits about care at home by default); its id."""
    chosen = [saved_id(row) for row in posts or (w.benefit, w.twin)]
    return saved_id(themes.create_theme(session=session, forum_id=w.id, name=name, contribution_ids=chosen))


def _tied_theme(session: Session, w: World) -> int:
    """A theme the bare action item answers (tying it moves the plan as well; test_themes.py counts a rename alone)."""
    theme_id = _theme(session, w)
    update_action_item(
        session=session,
        forum_id=w.id,
        item_id=w.bare_item_id,
        seen=1,
        data=item_data(theme_ids=[theme_id]),
        changed={"theme_ids"},
    )
    return theme_id


def _register(session: Session, w: World, form_key: str) -> object:
    data = ParticipantCreate(display_name="ยายสม", sector=Sector.COMMUNITY)
    return people_without_phones.register_person(
        session=session, code=w.forum.code, key=w.key, data=data, consent=True, form_key=form_key
    )


def _for_elder(service: Callable[..., object], session: Session, w: World, data: object) -> object:
    return service(session=session, code=w.forum.code, key=w.key, participant_id=saved_id(w.elder), data=data)


def _post_for_elder(kind: ContributionKind, text: str) -> Action:
    data = ContributionCreate(kind=kind, text=text)
    return lambda s, w: _for_elder(people_without_phones.post_for_person, s, w, data)


def _in_plan(session: Session, w: World) -> None:
    """Put the forum in Plan behind the services' back: the stage topic must not move with the case."""
    session.execute(update(Forum).where(col(Forum.id) == w.id).values(stage=Stage.PLAN))


def _vote(session: Session, w: World) -> Vote:
    """An open vote over two posts, written behind the services' back (which would move VOTING), in Plan."""
    _in_plan(session, w)
    vote = Vote(forum_id=w.id, dots_per_person=3, cap_per_option=2, creation_key=new_token())
    session.add(vote)
    session.flush()
    for position, row in enumerate((w.root, w.fund)):
        session.add(VoteOption(vote_id=saved_id(vote), subject_kind=OptionSubject.POST, subject_id=saved_id(row),
                               label=row.text, position=position))  # fmt: skip
    session.flush()
    return vote


def _option(session: Session, w: World) -> int:
    vote = _vote(session, w)
    return int(session.exec(select(VoteOption.id).where(VoteOption.vote_id == vote.id)).first() or 0)


def _open_vote(session: Session, w: World) -> Vote:
    _in_plan(session, w)
    chosen = [(OptionSubject.POST, saved_id(w.root)), (OptionSubject.POST, saved_id(w.fund))]
    settings = VoteSettings("", 3, 2, ResultsShown.HIDDEN, chosen)
    return votes.open_vote(session=session, forum_id=w.id, settings=settings, creation_key=new_token())


def _dot_back(session: Session, w: World) -> object:
    """Take back a dot spent behind the services' back (spending through them would move VOTES too)."""
    option = _option(session, w)
    vote_id = session.exec(select(VoteOption.vote_id).where(VoteOption.id == option)).one()
    person = saved_id(w.alice)
    session.add(Ballot(vote_id=vote_id, participant_id=person, budget=3, used=1))
    session.add(VoteDot(option_id=option, participant_id=person, vote_id=vote_id, cap=2, dots=1))
    session.flush()
    return dots.take_back_dot(session=session, participant_id=person, option_id=option, seen=1)


NEW_FORUM = ForumCreate.model_validate({"title": "อีกเวที", "forum_date": sample.FORUM_DATE, **SILA})

# (service, what the case does, the topics it must move: nothing else)
CASES: dict[str, tuple[Callable[..., Any], Action, set[Topic]]] = {
    "a stage change": (set_stage, lambda s, w: set_stage(session=s, forum=w.forum, stage=Stage.CLOSED), {S}),
    "a stage change to the stage it is in": (
        set_stage,
        lambda s, w: set_stage(session=s, forum=w.forum, stage=Stage.ACT),
        set(),
    ),
    "another forum created": (create_forum, lambda s, w: create_forum(session=s, data=NEW_FORUM), set()),
    # A forum recreated from this one's archive is another forum: no screen of this one moves.
    "a forum imported from this one's archive": (
        archive_import.import_archive,
        lambda s, w: archive_import.import_archive(
            session=s, data=export_archive(session=s, forum_id=w.id), organiser_password=None
        ),
        set(),
    ),
    "words left out of the word cloud": (
        left_out_words.set_left_out_words,
        lambda s, w: left_out_words.set_left_out_words(session=s, forum_id=saved_id(w.forum), typed="ตำบล", version=0),
        {Topic.WORDS},
    ),
    "a join": (
        join_forum,
        lambda s, w: join_forum(
            session=s, code=w.forum.code, token=new_token(), data=ParticipantCreate(sector=Sector.STATE), consent=True
        ),
        {P},
    ),
    "a join repeated with the same token": (
        join_forum,
        lambda s, w: join_forum(
            session=s, code=w.forum.code, token=w.alice_token, data=ParticipantCreate(sector=Sector.STATE), consent=True
        ),
        set(),
    ),
    "a post the tree draws": (add_contribution, _post(ROOT, "ลูกหลานไปทำงานต่างถิ่น"), {PO, T}),
    "a post the tree does not draw": (add_contribution, _post(OTHER, "ขอบคุณทุกคน"), {PO}),
    "a post sent twice": (add_contribution, _post(ROOT, "ผู้สูงอายุอยู่ลำพัง"), set()),
    "an edit of a post off the tree": (edit_contribution, _edit(lambda w: w.other, text="อยากให้มีเวทีทุกเดือน"), {PO}),
    "an edit of a post on the tree": (edit_contribution, _edit(lambda w: w.root, text="ผู้สูงอายุถูกทิ้งไว้"), {PO, T}),
    "an edit of a post the plan answers": (edit_contribution, _edit(lambda w: w.answer, text="มีรถพยาบาล"), {PO, T, PL}),
    "an edit moving a post onto the tree": (edit_contribution, _edit(lambda w: w.other, kind=FUND), {PO, T}),
    "an edit moving a node off the tree": (edit_contribution, _edit(lambda w: w.benefit, kind=OTHER), {PO, T}),
    "a withdrawal off the tree": (
        withdraw_contribution,
        lambda s, w: withdraw_contribution(session=s, participant=w.alice, contribution_id=saved_id(w.other)),
        {PO},
    ),
    "a withdrawal of a post the plan answers": (
        withdraw_contribution,
        lambda s, w: withdraw_contribution(session=s, participant=w.alice, contribution_id=saved_id(w.answer)),
        {PO, T, PL},
    ),
    "a new action item": (
        create_action_item,
        lambda s, w: create_action_item(session=s, forum_id=w.id, data=item_data("ลานกีฬา")),
        {PL},
    ),
    # Drafts from the top themes are new action items: the plan's cards, nothing else of their own.
    "drafts from the top themes": (
        themes_to_plan.draft_items_from_themes,
        lambda s, w: (
            _theme(s, w),
            themes_to_plan.draft_items_from_themes(session=s, forum_id=w.id, count=1, creation_key="tap"),
        ),
        {TH, T, PL},  # the theme (of benefits, which the tree draws) made here, then the plan's drafts
    ),
    "an action item edited": (
        update_action_item,
        lambda s, w: update_action_item(
            session=s, forum_id=w.id, item_id=w.bare_item_id, seen=1, data=item_data("อบรม อสม."), changed={"activity"}
        ),
        {PL},
    ),
    "an action item's answers changed": (
        update_action_item,
        lambda s, w: update_action_item(
            session=s,
            forum_id=w.id,
            item_id=w.bare_item_id,
            seen=1,
            data=item_data(contribution_ids=[saved_id(w.benefit)]),
            changed={"contribution_ids"},
        ),
        {PL},
    ),
    "an action item with no commitments deleted": (
        delete_action_item,
        lambda s, w: delete_action_item(session=s, forum_id=w.id, item_id=w.bare_item_id),
        {PL},
    ),
    "an action item with a commitment deleted": (
        delete_action_item,
        lambda s, w: delete_action_item(session=s, forum_id=w.id, item_id=w.item_id),
        {PL, C},
    ),
    "a deleted item deleted again": (
        delete_action_item,
        lambda s, w: delete_action_item(session=s, forum_id=w.id, item_id=w.deleted_item_id),
        set(),
    ),
    "a deleted item with a commitment restored": (
        restore_action_item,
        lambda s, w: restore_action_item(session=s, forum_id=w.id, item_id=w.deleted_item_id),
        {PL, C},
    ),
    "a restore of an item not deleted": (
        restore_action_item,
        lambda s, w: restore_action_item(session=s, forum_id=w.id, item_id=w.item_id),
        set(),
    ),
    # Progress moves its own topic: the plan's bars, the projector's plan and the console's Progress tab.
    "an owner's progress link made": (
        progress.owner_link,
        lambda s, w: _owner_link(s, w),
        set(),  # only the console that made it shows it, drawn on its own run
    ),
    "a progress report by the facilitator": (
        progress.report_progress_for,
        lambda s, w: progress.report_progress_for(session=s, forum_id=w.id, form=_progress_form(w)),
        {Topic.PROGRESS},
    ),
    "a progress report through an owner's link": (
        progress.report_progress,
        lambda s, w: progress.report_progress(session=s, token=_owner_link(s, w), form=_progress_form(w)),
        {Topic.PROGRESS},
    ),
    "a progress report sent twice": (
        progress.report_progress_for,
        lambda s, w: _twice(s, w, _progress_form(w)),
        {Topic.PROGRESS},  # once
    ),
    "a commitment's weight set": (
        progress.set_weight,
        lambda s, w: progress.set_weight(session=s, forum_id=w.id, commitment_id=_commitment(s, w), weight=2, seen=0),
        {Topic.PROGRESS},
    ),
    "a commitment": (add_commitment, _commit("จะหาอาสาสมัครขับรถ"), {C}),
    "a commitment sent twice": (add_commitment, _commit("จะจัดรถให้"), set()),
    "the projector link read": (
        projector_token,
        lambda s, w: projector_token(session=s, code=w.forum.code, key=w.key),
        set(),
    ),
    "the projector link opened when open": (
        open_projector_link,
        lambda s, w: open_projector_link(session=s, code=w.forum.code, key=w.key),
        set(),
    ),
    "a new projector link": (
        new_projector_link,
        lambda s, w: new_projector_link(session=s, code=w.forum.code, key=w.key),
        {S},
    ),
    "a new facilitator key": (
        new_facilitator_key,
        lambda s, w: new_facilitator_key(session=s, code=w.forum.code, key=w.key),
        {S},
    ),
    "a post moved to another kind": (
        recategorise,
        lambda s, w: recategorise(session=s, forum_id=w.id, contribution_id=saved_id(w.root), kind=FUND),
        {T, PO},
    ),
    "a post moved to its own kind": (
        recategorise,
        lambda s, w: recategorise(session=s, forum_id=w.id, contribution_id=saved_id(w.root), kind=ROOT),
        set(),
    ),
    "a category chosen": (
        set_category,
        lambda s, w: set_category(session=s, forum_id=w.id, contribution_id=saved_id(w.twin), category="sickness"),
        {T},
    ),
    # The plan marks an answer whose version moved since it was linked, so it redraws too.
    "a category chosen for an answer": (
        set_category,
        lambda s, w: set_category(session=s, forum_id=w.id, contribution_id=saved_id(w.answer), category="sickness"),
        {T, PL},
    ),
    "a merge": (
        merge,
        lambda s, w: merge(session=s, forum_id=w.id, keep_id=saved_id(w.benefit), duplicate_ids=[saved_id(w.twin)]),
        {T},
    ),
    "an unmerge": (
        unmerge,
        lambda s, w: unmerge(session=s, forum_id=w.id, contribution_id=saved_id(w.merged), version=w.merged.version),
        {T},
    ),
    "a post hidden from the tree": (
        set_in_tree,
        lambda s, w: set_in_tree(session=s, forum_id=w.id, contribution_id=saved_id(w.fund), shown=False),
        {T},
    ),
    "a tie": (
        tie,
        lambda s, w: tie(session=s, forum_id=w.id, root_id=None, fund_id=w.fund.id, benefit_id=w.benefit.id),
        {T},
    ),
    "a tie made again": (
        tie,
        lambda s, w: tie(session=s, forum_id=w.id, root_id=w.root.id, fund_id=w.fund.id, benefit_id=None),
        set(),
    ),
    "an untie": (untie, lambda s, w: untie(session=s, forum_id=w.id, tie_id=w.tie_id), {T}),
    "an untie of a tie gone": (untie, lambda s, w: untie(session=s, forum_id=w.id, tie_id=w.tie_id + 1000), set()),
    "tree labels": (
        set_tree_labels,
        lambda s, w: set_tree_labels(session=s, forum_id=w.id, labels={"roots": "ต้นเหตุ"}),
        {T},
    ),
    "the tree form hiding an item": (edit_item, _edit_item(lambda w: w.twin, shown=False), {T}),
    "the tree form changing a kind": (edit_item, _edit_item(lambda w: w.twin, kind=FUND), {T, PO}),
    "the tree form merging": (
        edit_item,
        lambda s, w: edit_item(
            session=s,
            forum_id=w.id,
            contribution_id=saved_id(w.benefit),
            version=w.benefit.version,
            duplicate_ids=[saved_id(w.twin)],
        ),
        {T},
    ),
    "the tree form sent unchanged": (edit_item, _edit_item(lambda w: w.twin, shown=True), set()),
    # The timer's buttons move the timer and nothing else: not the stage every phone follows.
    "a timer started": (start_timer, lambda s, w: _timer(s, w), {TI}),
    "a timer paused": (pause_timer, lambda s, w: pause_timer(session=s, forum_id=w.id, version=_timer(s, w)), {TI}),
    "a timer resumed": (
        resume_timer,
        lambda s, w: resume_timer(
            session=s, forum_id=w.id, version=pause_timer(session=s, forum_id=w.id, version=_timer(s, w)).version
        ),
        {TI},
    ),
    "time added": (add_time, lambda s, w: add_time(session=s, forum_id=w.id, minutes=1, version=_timer(s, w)), {TI}),
    "a timer stopped": (stop_timer, lambda s, w: stop_timer(session=s, forum_id=w.id, version=_timer(s, w)), {TI}),
    "a stop with no timer": (stop_timer, lambda s, w: stop_timer(session=s, forum_id=w.id, version=0), set()),
    # Only the console shows overlaps, and it draws them anew on its own run: no screen follows them.
    "an overlap marked": (
        overlaps.mark_overlap,
        lambda s, w: overlaps.mark_overlap(
            session=s,
            forum_id=w.id,
            first=f"item:{w.item_id}",
            second=f"item:{w.bare_item_id}",
            decision=OverlapDecision.NOT_OVERLAP,
            version=0,
        ),
        set(),
    ),
    # Themes move their own topic, the tree's when they hold posts it draws (one node per theme and
    # part), and the plan's when its cards name them (see below).
    "a theme made": (themes.create_theme, lambda s, w: _theme(s, w), {TH, T}),
    "a theme renamed": (
        themes.rename_theme,
        lambda s, w: themes.rename_theme(session=s, forum_id=w.id, theme_id=_theme(s, w), name="เยี่ยมบ้าน", version=1),
        {TH, T},
    ),
    "a post moved into a theme": (
        themes.move_post,
        lambda s, w: themes.move_post(
            session=s, forum_id=w.id, contribution_id=saved_id(w.root), theme_id=_theme(s, w)
        ),
        {TH, T},
    ),
    "a theme renamed that an action item answers": (
        themes.rename_theme,
        lambda s, w: themes.rename_theme(
            session=s, forum_id=w.id, theme_id=_tied_theme(s, w), name="เยี่ยมบ้าน", version=1
        ),
        {TH, PL, T},
    ),
    "a theme merged": (
        themes.merge_themes,
        lambda s, w: themes.merge_themes(
            session=s, forum_id=w.id, theme_id=_theme(s, w, "ราก", w.root), version=1, into_id=_theme(s, w)
        ),
        {TH, T},
    ),
    "a theme ungrouped": (
        themes.ungroup_theme,
        lambda s, w: themes.ungroup_theme(session=s, forum_id=w.id, theme_id=_theme(s, w), version=1),
        {TH, T},
    ),
    "a suggestion accepted": (
        theme_suggestions.accept_suggestion,
        lambda s, w: theme_suggestions.accept_suggestion(
            session=s, forum_id=w.id, post_ids=[saved_id(w.benefit), saved_id(w.twin)], name="ดูแลที่บ้าน"
        ),
        {TH, T},
    ),
    "a suggestion rejected": (
        theme_suggestions.reject_suggestion,
        lambda s, w: theme_suggestions.reject_suggestion(
            session=s, forum_id=w.id, post_ids=[saved_id(w.benefit), saved_id(w.twin)]
        ),
        {TH},
    ),
    # A theme of posts the tree does not draw leaves the tree as it is.
    "a theme made of a post off the tree": (themes.create_theme, lambda s, w: _theme(s, w, "เวที", w.other), {TH}),
    "a theme off the tree renamed": (
        themes.rename_theme,
        lambda s, w: themes.rename_theme(
            session=s, forum_id=w.id, theme_id=_theme(s, w, "เวที", w.other), name="เวทีทุกปี", version=1
        ),
        {TH},
    ),
    # Someone without a phone: registered and entered for as a phone's join, post and commitment.
    "a person registered without a phone": (
        people_without_phones.register_person,
        lambda s, w: _register(s, w, new_token()),
        {P},
    ),
    "a registration form sent twice": (
        people_without_phones.register_person,
        lambda s, w: _register(s, w, w.elder_form_key),
        set(),
    ),
    "a post entered for a person": (
        people_without_phones.post_for_person,
        lambda s, w: _for_elder(
            people_without_phones.post_for_person, s, w, ContributionCreate(kind=ROOT, text="ไม่มีรถ")
        ),
        {PO, T},
    ),
    "a post off the tree entered for a person": (
        people_without_phones.post_for_person,
        lambda s, w: _for_elder(
            people_without_phones.post_for_person, s, w, ContributionCreate(kind=OTHER, text="ขอบใจ")
        ),
        {PO},
    ),
    "a commitment entered for a person": (
        people_without_phones.commit_for_person,
        lambda s, w: _for_elder(
            people_without_phones.commit_for_person, s, w, CommitmentCreate(action_item_id=w.item_id, text="จะไปช่วย")
        ),
        {C},
    ),
    # A vote opened, closed or revealed redraws every phone and wall at once; a dot only its own topic.
    "a vote opened": (votes.open_vote, _open_vote, {Topic.VOTING}),
    "a vote closed": (
        votes.close_vote,
        lambda s, w: votes.close_vote(session=s, forum_id=w.id, vote_id=saved_id(_vote(s, w)), version=1),
        {Topic.VOTING},
    ),
    "a vote's results revealed": (
        votes.reveal_results,
        lambda s, w: votes.reveal_results(session=s, forum_id=w.id, vote_id=saved_id(_vote(s, w)), version=1),
        {Topic.VOTING},
    ),
    "a dot spent": (
        dots.add_dot,
        lambda s, w: dots.add_dot(session=s, participant_id=saved_id(w.alice), option_id=_option(s, w), seen=0),
        {Topic.VOTES},
    ),
    "a dot taken back": (dots.take_back_dot, _dot_back, {Topic.VOTES}),
    "a dot spent for a person without a phone": (
        people_without_phones.dot_for_person,
        lambda s, w: people_without_phones.dot_for_person(
            session=s,
            code=w.forum.code,
            key=w.key,
            participant_id=saved_id(w.elder),
            option_id=_option(s, w),
            seen=0,
            adding=True,
        ),
        {Topic.VOTES},
    ),
}


def _held(session: Session, w: World, kind: ContributionKind = ROOT) -> Contribution:
    """A post of Alice's the word filter sent to the queue."""
    data = ContributionCreate(kind=kind, text=RUDE)
    return add_contribution(session=session, participant=w.alice, data=data).contribution


def _hide(which: Callable[[World], Contribution]) -> Action:
    def action(session: Session, w: World) -> object:
        row = which(w)
        return moderation.hide_post(
            session=session, forum_id=w.id, contribution_id=saved_id(row), version=row.version, reason="ไม่สุภาพ"
        )

    return action


def _restore(session: Session, w: World) -> object:
    hidden = _hide(lambda w: w.root)(session, w)
    assert isinstance(hidden, Contribution)
    return moderation.restore_post(
        session=session, forum_id=w.id, contribution_id=saved_id(hidden), version=hidden.version
    )


def _approve(kind: ContributionKind) -> Action:
    def action(session: Session, w: World) -> object:
        held = _held(session, w, kind)
        return moderation.approve_post(session=session, forum_id=w.id, contribution_id=saved_id(held), version=1)

    return action


def _reject(session: Session, w: World) -> object:
    held = _held(session, w)
    return moderation.reject_post(
        session=session, forum_id=w.id, contribution_id=saved_id(held), version=1, reason="หยาบ"
    )


def _withdraw_held(session: Session, w: World) -> object:
    held = _held(session, w)
    return withdraw_contribution(session=session, participant=w.alice, contribution_id=saved_id(held))


MODERATION_CASES: dict[str, tuple[Callable[..., Any], Action, set[Topic]]] = {
    # Held: only the console's queue hears of it; the wall does not count it.
    "a post the word filter holds": (add_contribution, lambda s, w: _held(s, w), {Q}),
    "an edit the word filter holds": (edit_contribution, _edit(lambda w: w.root, text=RUDE), {PO, T, Q}),
    "a withdrawal of a waiting post": (withdraw_contribution, _withdraw_held, {Q}),
    "a post on the tree hidden": (moderation.hide_post, _hide(lambda w: w.root), {PO, T, Q, M}),
    "a post off the tree hidden": (moderation.hide_post, _hide(lambda w: w.other), {PO, Q, M}),
    "a post the plan answers hidden": (moderation.hide_post, _hide(lambda w: w.answer), {PO, T, PL, Q, M}),
    "a hidden post restored": (moderation.restore_post, _restore, {PO, T, Q, M}),
    "a waiting post on the tree approved": (moderation.approve_post, _approve(ROOT), {PO, T, Q, M}),
    "a waiting post off the tree approved": (moderation.approve_post, _approve(OTHER), {PO, Q, M}),
    "a waiting post kept hidden": (moderation.reject_post, _reject, {Q, M}),
    "pre-approval turned on": (
        moderation_rules.set_pre_approval,
        lambda s, w: moderation_rules.set_pre_approval(session=s, forum_id=w.id, on=True, version=0),
        {Q},
    ),
    "the forum's words to hold": (
        moderation_rules.set_moderation_words,
        lambda s, w: moderation_rules.set_moderation_words(session=s, forum_id=w.id, typed="ขี้โกง", version=0),
        {Q},
    ),
}
CASES |= MODERATION_CASES


def _carried(session: Session, w: World) -> object:
    """The world's forum made a follow-up (in Plan) of an earlier forum behind the services' back; an item carried."""
    _in_plan(session, w)
    earlier = Forum(title="ครั้งก่อน", forum_date=date(2026, 9, 1), code="PRIOR3", facilitator_token_hash="0" * 64,
                    **SILA)  # fmt: skip
    session.add(earlier)
    session.flush()
    item = ActionItem(forum_id=saved_id(earlier), activity="ตลาดนัดชุมชน")
    session.add(item)
    session.add(ForumFollowUp(forum_id=w.id, earlier_forum_id=saved_id(earlier)))
    session.flush()
    return follow_up.carry_item(session=session, forum_id=w.id, earlier_item_id=saved_id(item))


FOLLOW_UP_CASES: dict[str, tuple[Callable[..., Any], Action, set[Topic]]] = {
    # The follow-up is another forum: none of this one's screens moves.
    "a follow-up of this forum started": (
        follow_up.start_follow_up,
        lambda s, w: follow_up.start_follow_up(
            session=s, earlier_forum_id=w.id, title="ติดตามผล", forum_date=date(2027, 7, 15)
        ),
        set(),
    ),
    "an earlier forum's item carried into this plan": (follow_up.carry_item, _carried, {PL}),
    # What a progress report on this forum's items calls: this forum and the forums reviewing it.
    "a change told to this forum's reviewers": (
        follow_up.bump_with_reviewers,
        lambda s, w: follow_up.bump_with_reviewers(session=s, forum_id=w.id, topics=[PL]),
        {PL},
    ),
}
CASES |= FOLLOW_UP_CASES


def read_counters(engine: Engine, forum_id: int) -> dict[str, int]:
    with read_session(engine) as session:
        return counters(session=session, forum_ids=[forum_id])[forum_id]


def moved(before: dict[str, int], after: dict[str, int]) -> set[Topic]:
    return {Topic(topic) for topic in after if after[topic] != before[topic]}


@pytest.mark.parametrize("case", CASES)
def test_each_write_moves_exactly_its_topics(engine: Engine, world: World, case: str) -> None:
    _, action, expected = CASES[case]
    before = read_counters(engine, world.id)
    with write_session(engine) as session:
        action(session, world)
    after = read_counters(engine, world.id)
    assert moved(before, after) == expected


def _writes(function: Callable[..., Any]) -> bool:
    source = inspect.getsource(function)
    return any(mark in source for mark in ("require(", "bump(", "_locked(", "session.add(", "insert_once("))


def test_every_write_service_has_a_case() -> None:
    """A new write service fails here until its topics are pinned above."""
    services = {
        function
        for module in WRITERS
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__ and not name.startswith("_") and _writes(function)
    }
    assert services <= {service for service, _, _ in CASES.values()}


def test_the_first_projector_link_moves_the_stage_topic(engine: Engine) -> None:
    created = make_forum(engine)
    forum_id = saved_id(created.forum)
    before = read_counters(engine, forum_id)
    with write_session(engine) as session:
        open_projector_link(session=session, code=created.forum.code, key=created.facilitator_token)
    assert moved(before, read_counters(engine, forum_id)) == {Topic.STAGE}


def test_the_sample_forum_counts_what_its_services_wrote(engine: Engine) -> None:
    with write_session(engine) as session:
        forum_id = saved_id(load_sample_forum(session=session).forum)
    on_tree = sum(1 for item in sample.CONTRIBUTIONS if ContributionKind(item.kind) != OTHER)
    assert read_counters(engine, forum_id) == {
        "stage": 1,
        "people": len(sample.PARTICIPANTS),
        "posts": len(sample.CONTRIBUTIONS),
        "plan": len(sample.ACTION_ITEMS),
        "commitments": len(sample.COMMITMENTS),
        "tree": on_tree,
        "timer": 0,
        "reveal": 2,  # Share and Plan revealed, so a newcomer sees the wall filled
        "words": 0,
        "themes": 0,
        "queue": 0,
        "moderation": 0,
        "voting": 0,
        "votes": 0,
        "progress": 0,
    }


REFUSED: dict[str, tuple[Action, type[ForumError]]] = {
    "an edit from a stale form": (
        lambda s, w: edit_contribution(
            session=s,
            participant=w.alice,
            contribution_id=saved_id(w.root),
            version=0,
            data=ContributionUpdate(text="ใหม่"),
        ),
        StaleEdit,
    ),
    "an action item edited from a stale form": (
        lambda s, w: update_action_item(
            session=s, forum_id=w.id, item_id=w.bare_item_id, seen=0, data=item_data("ใหม่")
        ),
        StaleEdit,
    ),
    "the tree form from a stale page": (
        lambda s, w: edit_item(session=s, forum_id=w.id, contribution_id=saved_id(w.twin), version=0, kind=FUND),
        StaleEdit,
    ),
    "an unmerge from a stale page": (
        lambda s, w: unmerge(session=s, forum_id=w.id, contribution_id=saved_id(w.merged), version=0),
        StaleEdit,
    ),
    "a timer button pressed twice": (
        lambda s, w: (_timer(s, w), start_timer(session=s, forum_id=w.id, minutes=5, version=0)),
        StaleEdit,
    ),
    "a moderation button pressed twice": (
        lambda s, w: (_hide(lambda w: w.other)(s, w), _hide(lambda w: w.other)(s, w)),
        StaleEdit,
    ),
    "a post entered for a phone's participant": (
        lambda s, w: people_without_phones.post_for_person(
            session=s,
            code=w.forum.code,
            key=w.key,
            participant_id=saved_id(w.alice),
            data=ContributionCreate(kind=ROOT, text="แทนคนที่มีโทรศัพท์"),
        ),
        PersonNotRegistered,
    ),
    "a pause of a timer never started": (
        lambda s, w: pause_timer(session=s, forum_id=w.id, version=0),
        TimerNotRunning,
    ),
    "a vote closed from a stale console": (
        lambda s, w: votes.close_vote(session=s, forum_id=w.id, vote_id=saved_id(_vote(s, w)), version=0),
        StaleEdit,
    ),
    "a progress report from a stale form": (
        lambda s, w: (
            progress.report_progress_for(session=s, forum_id=w.id, form=_progress_form(w)),
            progress.report_progress_for(session=s, forum_id=w.id, form=_progress_form(w)),
        ),
        StaleEdit,
    ),
    "a weight from a stale form": (
        lambda s, w: (
            progress.set_weight(session=s, forum_id=w.id, commitment_id=_commitment(s, w), weight=2, seen=0),
            progress.set_weight(session=s, forum_id=w.id, commitment_id=_commitment(s, w), weight=3, seen=0),
        ),
        StaleEdit,
    ),
    "a dot from a stale screen": (
        lambda s, w: dots.add_dot(session=s, participant_id=saved_id(w.alice), option_id=_option(s, w), seen=1),
        StaleEdit,
    ),
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_refused_write_moves_nothing(engine: Engine, world: World, case: str) -> None:
    action, refusal = REFUSED[case]
    before = read_counters(engine, world.id)
    with pytest.raises(refusal), write_session(engine) as session:
        action(session, world)
    assert read_counters(engine, world.id) == before


@pytest.mark.parametrize(
    "action", [_post(ROOT, "หลังปิดเวที"), _commit("หลังปิดเวที"), _timer], ids=["post", "commitment", "timer"]
)
def test_a_write_refused_by_the_stage_moves_nothing(engine: Engine, world: World, action: Action) -> None:
    move(engine, world.forum, Stage.CLOSED)
    before = read_counters(engine, world.id)
    with pytest.raises(ForumClosed), write_session(engine) as session:
        action(session, world)
    assert read_counters(engine, world.id) == before


def test_the_kinds_whose_posts_move_the_tree_are_the_kinds_it_draws() -> None:
    assert contributions.TREE_KINDS == set(PART_OF_KIND)


def test_an_edit_or_withdrawal_of_a_post_in_a_theme_moves_the_themes_too(engine: Engine, world: World) -> None:
    """The console and the wall list a theme's posts and count them: a post in one changes them."""
    with write_session(engine) as session:
        _theme(session, world, "ดูแลที่บ้าน", world.other, world.benefit)
    for action, expected in (
        (_edit(lambda w: w.other, text="อยากให้มีเวทีทุกเดือน"), {PO, TH}),
        (lambda s, w: withdraw_contribution(session=s, participant=w.alice, contribution_id=saved_id(w.benefit)),
         {PO, T, TH}),
        (_edit(lambda w: w.root, text="ผู้สูงอายุถูกทิ้งไว้"), {PO, T}),  # in no theme
    ):  # fmt: skip
        before = read_counters(engine, world.id)
        with write_session(engine) as session:
            action(session, world)
        assert moved(before, read_counters(engine, world.id)) == expected
