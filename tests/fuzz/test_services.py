"""Every service that stores what people type: it refuses with a domain error or stores clean text,
and nothing rendered from what it stored is a link, image, script or styled element.

Each case makes its own forum in a database the module shares, so cases never see each other.
"""

from datetime import date

from hypothesis import example, given
from hypothesis import strategies as st
from sqlalchemy import Engine

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import ForumError
from facilitation.exports.markdown import to_markdown
from facilitation.exports.summary import build_summary
from facilitation.forum.commitments import add_commitment
from facilitation.forum.contributions import edit_contribution
from facilitation.forum.forums import create_forum, set_stage
from facilitation.forum.people_without_phones import post_for_person
from facilitation.forum.plans import create_action_item, update_action_item
from facilitation.tree.admin import set_tree_labels
from facilitation.tree.data import LABEL_KEYS
from facilitation.tree.view import forum_tree
from models import (
    ActionItem,
    ActionItemCreate,
    Commitment,
    CommitmentCreate,
    Contribution,
    ContributionCreate,
    ContributionKind,
    ContributionUpdate,
    Forum,
    ForumCreate,
    Participant,
    Sector,
    Stage,
    saved_id,
)
from tests.factories import SILA, join, make_forum, post, register
from tests.fuzz.checks import figure_findings, markdown_findings
from tests.fuzz.render import LANGUAGES, assert_clean, forum_problems
from tests.fuzz.strategies import hostile_text, storable_text

PLAN_FIELDS = ("activity", "objective", "target_group", "lead_organisation", "partners", "indicator", "expected_result")
plan_texts = st.fixed_dictionaries({name: hostile_text() for name in PLAN_FIELDS})


def _member(engine: Engine) -> Participant:
    return join(engine, make_forum(engine).forum.code, name="สมศรี", organisation="อพม.").participant


def _safe(engine: Engine, forum_id: int, stored: list[str], *, tree_lang: str | None = None) -> None:
    problems = forum_problems(engine, forum_id, stored, tree_lang=tree_lang)
    assert not problems, "\n".join(problems)


@given(title=hostile_text(), venue=hostile_text())
def test_create_forum(shared_engine: Engine, title: str, venue: str) -> None:
    data = ForumCreate(title=title, venue=venue, forum_date=date(2027, 2, 18), **SILA)
    try:
        with write_session(shared_engine) as session:
            forum_id = saved_id(create_forum(session=session, data=data).forum)
    except ForumError:
        return
    with read_session(shared_engine) as session:
        forum = session.get(Forum, forum_id)
    assert forum is not None
    assert_clean(forum.title, required=True)
    assert_clean(forum.venue)
    _safe(shared_engine, forum_id, [forum.title, forum.venue])


@given(name=hostile_text(), organisation=hostile_text(), sector=st.sampled_from(Sector))
def test_join_forum(shared_engine: Engine, name: str, organisation: str, sector: Sector) -> None:
    created = make_forum(shared_engine)
    try:
        member = join(shared_engine, created.forum.code, name=name, organisation=organisation, sector=sector)
    except ForumError:
        return
    with read_session(shared_engine) as session:
        stored = session.get(Participant, saved_id(member.participant))
    assert stored is not None
    assert_clean(stored.display_name)
    assert_clean(stored.organisation)
    post(shared_engine, stored, "ผู้สูงอายุไม่มีรถไปโรงพยาบาล")  # so the feed shows who raised it
    _safe(shared_engine, saved_id(created.forum), [])


@given(
    text=hostile_text(),
    new_text=hostile_text(),
    kind=st.sampled_from(ContributionKind),
    lang=st.sampled_from(LANGUAGES),
)
def test_add_and_edit_contribution(
    shared_engine: Engine, text: str, new_text: str, kind: ContributionKind, lang: str
) -> None:
    member = _member(shared_engine)
    try:
        contribution_id = saved_id(post(shared_engine, member, text, kind))
    except ForumError:
        contribution_id = saved_id(post(shared_engine, member, "ก", kind))
    try:
        with write_session(shared_engine) as session:
            seen = session.get(Contribution, contribution_id)
            assert seen is not None
            edit_contribution(
                session=session,
                participant=member,
                contribution_id=contribution_id,
                version=seen.version,
                data=ContributionUpdate(text=new_text),
            )
    except ForumError:
        pass
    with read_session(shared_engine) as session:
        stored = session.get(Contribution, contribution_id)
    assert stored is not None
    assert_clean(stored.text, required=True)
    _safe(shared_engine, member.forum_id, [stored.text], tree_lang=lang)


def _plan_data(texts: dict[str, str], contribution_ids: list[int]) -> ActionItemCreate:
    return ActionItemCreate(**texts, contribution_ids=contribution_ids)


@given(first=plan_texts, second=plan_texts, answer=hostile_text())
def test_create_and_update_action_item(
    shared_engine: Engine, first: dict[str, str], second: dict[str, str], answer: str
) -> None:
    member = _member(shared_engine)
    try:
        answered = [saved_id(post(shared_engine, member, answer, ContributionKind.BENEFIT))]
    except ForumError:
        answered = []
    forum_id = member.forum_id
    item_id = None
    for texts in (first, second):
        try:
            with write_session(shared_engine) as session:
                if item_id is None:
                    item_id = saved_id(
                        create_action_item(session=session, forum_id=forum_id, data=_plan_data(texts, answered))
                    )
                else:
                    seen = session.get(ActionItem, item_id)
                    assert seen is not None
                    update_action_item(
                        session=session,
                        forum_id=forum_id,
                        item_id=item_id,
                        seen=seen.version,
                        data=_plan_data(texts, answered),
                    )
        except ForumError:
            continue
    if item_id is None:
        return
    with read_session(shared_engine) as session:
        item = session.get(ActionItem, item_id)
    assert item is not None
    assert_clean(item.activity, required=True)
    for name in PLAN_FIELDS[1:]:
        assert_clean(getattr(item, name))
    _safe(shared_engine, forum_id, [getattr(item, name) for name in PLAN_FIELDS])


@given(text=hostile_text(), organisation=hostile_text(), activity=hostile_text())
def test_add_commitment(shared_engine: Engine, text: str, organisation: str, activity: str) -> None:
    member = _member(shared_engine)
    forum_id = member.forum_id
    with write_session(shared_engine) as session:
        try:
            with session.begin_nested():
                item = create_action_item(session=session, forum_id=forum_id, data=ActionItemCreate(activity=activity))
        except ForumError:
            item = create_action_item(session=session, forum_id=forum_id, data=ActionItemCreate(activity="ก"))
        item_id = saved_id(item)
        forum = session.get(Forum, forum_id)
        assert forum is not None
        set_stage(session=session, forum=forum, stage=Stage.ACT)
    try:
        with write_session(shared_engine) as session:
            made = add_commitment(
                session=session,
                participant=member,
                data=CommitmentCreate(action_item_id=item_id, organisation=organisation, text=text),
            )
            commitment_id = saved_id(made.commitment)
    except ForumError:
        return
    with read_session(shared_engine) as session:
        stored = session.get(Commitment, commitment_id)
    assert stored is not None
    assert_clean(stored.text, required=True)
    assert_clean(stored.organisation)
    _safe(shared_engine, forum_id, [stored.text, stored.organisation])


@given(
    labels=st.dictionaries(st.sampled_from(LABEL_KEYS), hostile_text(), min_size=1),
    roots=st.lists(hostile_text(), min_size=1, max_size=3),
    lang=st.sampled_from(LANGUAGES),
)
def test_set_tree_labels(shared_engine: Engine, labels: dict[str, str], roots: list[str], lang: str) -> None:
    member = _member(shared_engine)
    forum_id = member.forum_id
    # Something on every part, tied in a plan item, so the tree, its captions and the Sankey all show.
    kinds = (ContributionKind.ROOT_CAUSE, ContributionKind.FUND, ContributionKind.BENEFIT)
    posted = []
    for index, kind in enumerate(kinds):
        text = roots[index % len(roots)]
        try:
            posted.append(saved_id(post(shared_engine, member, text, kind)))
        except ForumError:
            posted.append(saved_id(post(shared_engine, member, f"ก{index}", kind)))
    with write_session(shared_engine) as session:
        create_action_item(
            session=session, forum_id=forum_id, data=ActionItemCreate(activity="รถรับส่ง", contribution_ids=posted)
        )
    try:
        with write_session(shared_engine) as session:
            set_tree_labels(session=session, forum_id=forum_id, labels=labels)
    except ForumError:
        return
    with read_session(shared_engine) as session:
        forum = session.get(Forum, forum_id)
    assert forum is not None
    for label in forum.tree_labels.values():
        assert_clean(label, required=True)
    _safe(shared_engine, forum_id, [], tree_lang=lang)


@example(title="http://evil.test/x", lang="th")
@given(title=storable_text(200), lang=st.sampled_from(LANGUAGES))
def test_summary_file_links_no_typed_address(shared_engine: Engine, title: str, lang: str) -> None:
    created = make_forum(shared_engine, title=title)
    with read_session(shared_engine) as session:
        document = to_markdown(build_summary(session=session, forum_id=saved_id(created.forum)), lang)
    assert not markdown_findings(document)


@example(label='<a href="http://evil.test/">EVIL</a>')
@given(label=storable_text(40))
def test_tree_legend_shows_a_label_as_text(shared_engine: Engine, label: str) -> None:
    member = _member(shared_engine)
    post(shared_engine, member, "รถรับส่งผู้ป่วยไปโรงพยาบาล", ContributionKind.BENEFIT)  # a fruit on a branch
    with write_session(shared_engine) as session:
        set_tree_labels(session=session, forum_id=member.forum_id, labels={"branches": label})
    with read_session(shared_engine) as session:
        tree = forum_tree(session=session, forum_id=member.forum_id, lang="th")
    assert not figure_findings(tree.tree.to_plotly_json())


@given(name=hostile_text(), organisation=hostile_text(), text=hostile_text(), sector=st.sampled_from(Sector))
def test_register_a_person_without_a_phone(
    shared_engine: Engine, name: str, organisation: str, text: str, sector: Sector
) -> None:
    created = make_forum(shared_engine)
    try:
        person = register(shared_engine, created, name=name, organisation=organisation, sector=sector)
    except ForumError:
        return
    assert_clean(person.display_name)
    assert_clean(person.organisation)
    try:
        with write_session(shared_engine) as session:
            posted = post_for_person(
                session=session,
                code=created.forum.code,
                key=created.facilitator_token,
                participant_id=saved_id(person),
                data=ContributionCreate(kind=ContributionKind.ROOT_CAUSE, text=text),
            )
    except ForumError:
        return
    _safe(shared_engine, saved_id(created.forum), [posted.contribution.text])
