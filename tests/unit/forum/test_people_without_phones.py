"""People without phones: registered by the facilitator, entered for as a phone would be, counted as themselves."""

import threading
from collections.abc import Callable
from typing import TypeVar

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel, select

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import (
    ActionItemNotFound,
    ActionNotAllowed,
    ConsentRequired,
    ForumClosed,
    NotAuthorised,
    PersonConsentRequired,
    PersonNotRegistered,
    PersonSectorRequired,
    SectorRequired,
    TextTooLong,
)
from facilitation.core.i18n import t
from facilitation.core.tokens import new_token
from facilitation.exports.markdown import to_markdown
from facilitation.exports.summary import build_summary
from facilitation.forum.feed import latest_feed
from facilitation.forum.forums import CreatedForum, headline
from facilitation.forum.participants import identify
from facilitation.forum.people_without_phones import (
    Registered,
    commit_for_person,
    entering_for,
    entries_for,
    post_for_person,
    register_person,
    registered_count,
    registered_people,
)
from facilitation.forum.plans import plan
from facilitation.forum.policy import Action, allows
from facilitation.tree import admin as tree_admin
from models import (
    Commitment,
    CommitmentCreate,
    Contribution,
    ContributionCreate,
    ContributionKind,
    Participant,
    ParticipantCreate,
    RegisteredPerson,
    Sector,
    Stage,
    saved_id,
)
from tests.factories import join, make_forum, post, register
from tests.unit.helpers import admin, commit, count, make_item, move, tree

T = TypeVar("T", bound=SQLModel)
ROOT, BENEFIT = ContributionKind.ROOT_CAUSE, ContributionKind.BENEFIT
ELDER = ParticipantCreate(display_name="ยายสม ใจงาม", organisation="ชมรมผู้สูงอายุบ้านศิลา", sector=Sector.COMMUNITY)


@pytest.fixture
def created(engine: Engine) -> CreatedForum:
    return make_forum(engine, revealed=True)


def _register(
    engine: Engine,
    created: CreatedForum,
    *,
    form_key: str,
    data: ParticipantCreate = ELDER,
    consent: bool = True,
    key: str | None = None,
) -> Registered:
    with write_session(engine) as session:
        return register_person(
            session=session,
            code=created.forum.code,
            key=created.facilitator_token if key is None else key,
            data=data,
            consent=consent,
            form_key=form_key,
        )


def _post(engine: Engine, created: CreatedForum, person_id: int, text: str, kind: ContributionKind = ROOT) -> object:
    with write_session(engine) as session:
        return post_for_person(
            session=session,
            code=created.forum.code,
            key=created.facilitator_token,
            participant_id=person_id,
            data=ContributionCreate(kind=kind, text=text),
        )


def _commit(engine: Engine, created: CreatedForum, person_id: int, item_id: int, text: str) -> object:
    with write_session(engine) as session:
        return commit_for_person(
            session=session,
            code=created.forum.code,
            key=created.facilitator_token,
            participant_id=person_id,
            data=CommitmentCreate(action_item_id=item_id, text=text),
        )


def _all(engine: Engine, model: type[T]) -> list[T]:
    with read_session(engine) as session:
        return list(session.exec(select(model).order_by(model.id)))  # type: ignore[attr-defined]


def test_a_registered_person_is_a_participant_no_link_opens(engine: Engine, created: CreatedForum) -> None:
    made = _register(engine, created, form_key=new_token())
    person = made.participant
    assert made.created
    assert (person.display_name, person.organisation, person.sector) == (
        "ยายสม ใจงาม",
        "ชมรมผู้สูงอายุบ้านศิลา",
        Sector.COMMUNITY,
    )
    assert person.token_hash is None and person.device_hash is None
    with read_session(engine) as session:
        assert headline(session=session, forum_id=saved_id(created.forum)).joined == 1
        assert [p.id for p in registered_people(session=session, forum_id=saved_id(created.forum))] == [person.id]
        # No token opens a phone page as them: not an empty one, not any other.
        for token in ("", new_token(), created.facilitator_token):
            with pytest.raises(NotAuthorised):
                identify(session=session, code=created.forum.code, token=token)


def test_the_same_form_sent_twice_registers_one_person(engine: Engine, created: CreatedForum) -> None:
    form_key = new_token()
    first = _register(engine, created, form_key=form_key)
    again = _register(engine, created, form_key=form_key)
    assert (first.created, again.created) == (True, False)
    assert again.participant.id == first.participant.id
    assert count(engine, Participant) == count(engine, RegisteredPerson) == 1


def test_two_people_sharing_name_organisation_and_sector_are_two_people(engine: Engine, created: CreatedForum) -> None:
    """Two forms, the same details: two elders of one name in one tambon both count."""
    first = _register(engine, created, form_key=new_token())
    second = _register(engine, created, form_key=new_token())
    assert second.created and second.participant.id != first.participant.id
    with read_session(engine) as session:
        people = registered_people(session=session, forum_id=saved_id(created.forum))
    assert [(p.number, p.display_name) for p in people] == [(1, "ยายสม ใจงาม"), (2, "ยายสม ใจงาม")]


def test_registrations_racing_on_one_form_make_one_person(db: Engine) -> None:
    """A double click whose two submits reach the server together, on SQLite and PostgreSQL."""
    created = make_forum(db)
    form_key = new_token()
    barrier = threading.Barrier(6)
    made: list[int] = []

    def submit() -> None:
        barrier.wait()
        made.append(saved_id(_register(db, created, form_key=form_key).participant))

    threads = [threading.Thread(target=submit) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 6 and len(set(made)) == 1
    with read_session(db) as session:
        assert registered_count(session=session, forum_id=saved_id(created.forum)) == 1


def test_the_database_refuses_a_second_person_on_one_form(engine: Engine, created: CreatedForum) -> None:
    """The guard under the service's own check: the unique (forum_id, form_key)."""
    form_key = new_token()
    _register(engine, created, form_key=form_key)
    other = join(engine, created.forum.code).participant
    with pytest.raises(IntegrityError), write_session(engine) as session:
        session.add(
            RegisteredPerson(participant_id=saved_id(other), forum_id=saved_id(created.forum), form_key=form_key)
        )


@pytest.mark.parametrize(
    ("data", "consent", "refusal"),
    [
        (ParticipantCreate(display_name="ตาบุญ"), True, PersonSectorRequired),
        (ELDER, False, PersonConsentRequired),
        (ParticipantCreate(display_name="ก" * 101, sector=Sector.STATE), True, TextTooLong),
    ],
    ids=["no sector", "no consent", "name too long"],
)
def test_registration_checks_what_a_join_checks(
    engine: Engine, created: CreatedForum, data: ParticipantCreate, consent: bool, refusal: type[Exception]
) -> None:
    with pytest.raises(refusal) as caught:
        _register(engine, created, form_key=new_token(), data=data, consent=consent)
    # The phone's refusals, said of the person registered rather than of the reader.
    assert isinstance(caught.value, SectorRequired | ConsentRequired | TextTooLong)
    assert count(engine, Participant) == 0


@pytest.fixture
def other(engine: Engine) -> CreatedForum:
    return make_forum(engine, title="เวทีตำบลอื่น")


@pytest.mark.parametrize("who", ["no key", "a made-up key", "a participant's token", "another forum's key"])
def test_only_the_facilitator_registers(engine: Engine, created: CreatedForum, other: CreatedForum, who: str) -> None:
    token = join(engine, created.forum.code).token
    key = {
        "no key": "",
        "a made-up key": new_token(),
        "a participant's token": token,
        "another forum's key": other.facilitator_token,
    }[who]
    with pytest.raises(NotAuthorised):
        _register(engine, created, form_key=new_token(), key=key)
    assert count(engine, RegisteredPerson) == 0 and count(engine, Participant) == 1


@pytest.mark.parametrize("stage", list(Stage))
def test_registering_follows_the_stage_policy(engine: Engine, created: CreatedForum, stage: Stage) -> None:
    move(engine, created.forum, stage)
    if stage == Stage.CLOSED:
        with pytest.raises(ForumClosed):
            _register(engine, created, form_key=new_token())
        assert count(engine, Participant) == 0
    else:
        assert _register(engine, created, form_key=new_token()).created


def test_posts_entered_for_a_person_are_theirs_under_a_phones_rules(engine: Engine, created: CreatedForum) -> None:
    person = register(engine, created)
    posted = _post(engine, created, saved_id(person), "ไม่มีรถไปหาหมอ")
    again = _post(engine, created, saved_id(person), "ไม่มีรถไปหาหมอ")  # a double tap
    assert posted.created and not again.created
    assert [(row.participant_id, row.text) for row in _all(engine, Contribution)] == [(person.id, "ไม่มีรถไปหาหมอ")]
    with pytest.raises(TextTooLong):
        _post(engine, created, saved_id(person), "ก" * 501)
    move(engine, created.forum, Stage.CLOSED)
    with pytest.raises(ForumClosed):
        _post(engine, created, saved_id(person), "หลังปิดเวที")
    assert count(engine, Contribution) == 1


def test_the_console_enters_only_for_people_it_registered(
    engine: Engine, created: CreatedForum, other: CreatedForum
) -> None:
    """A phone's participant writes for themselves; another forum's person is not this forum's."""
    phone = join(engine, created.forum.code).participant
    elsewhere = register(engine, other)
    for someone in (phone, elsewhere):
        with pytest.raises(PersonNotRegistered):
            _post(engine, created, saved_id(someone), "แทนคนอื่น")
    person = register(engine, created)
    with pytest.raises(NotAuthorised), write_session(engine) as session:
        entering_for(session=session, code=created.forum.code, key=new_token(), participant_id=saved_id(person))
    with read_session(engine) as session:
        found = entering_for(
            session=session, code=created.forum.code, key=created.facilitator_token, participant_id=saved_id(person)
        )
    assert found.id == person.id
    assert count(engine, Contribution) == 0


def test_commitments_entered_for_a_person_wait_for_act(engine: Engine, created: CreatedForum) -> None:
    person = register(engine, created)
    item_id = saved_id(make_item(engine, saved_id(created.forum)))
    move(engine, created.forum, Stage.PLAN)
    with pytest.raises(ActionNotAllowed):
        _commit(engine, created, saved_id(person), item_id, "จะชวนเพื่อนบ้านมาช่วย")
    move(engine, created.forum, Stage.ACT)
    made = _commit(engine, created, saved_id(person), item_id, "จะชวนเพื่อนบ้านมาช่วย")
    again = _commit(engine, created, saved_id(person), item_id, "จะชวนเพื่อนบ้านมาช่วย")
    assert made.created and not again.created
    with pytest.raises(ActionItemNotFound):
        _commit(engine, created, saved_id(person), item_id + 1000, "ไม่มีกิจกรรมนี้")
    (row,) = _all(engine, Commitment)
    with read_session(engine) as session:
        entries = entries_for(session=session, forum_id=saved_id(created.forum), participant_id=saved_id(person))
    assert (row.participant_id, row.organisation) == (person.id, "ชมรมผู้สูงอายุบ้านศิลา")
    assert [(c.activity, c.text) for c in entries.commitments] == [("รถรับส่งผู้ป่วยติดเตียง", "จะชวนเพื่อนบ้านมาช่วย")]


def test_entries_count_as_the_person_on_the_tree(engine: Engine, created: CreatedForum) -> None:
    """Two posts of one registered person merged weigh one person, not two; beside a phone's, two."""
    forum_id = saved_id(created.forum)
    person = register(engine, created, sector=Sector.COMMUNITY)
    phone = join(engine, created.forum.code, sector=Sector.LOCAL_GOVERNMENT).participant
    _post(engine, created, saved_id(person), "ไม่มีรถไปหาหมอ")
    _post(engine, created, saved_id(person), "ไม่มีรถพาไปโรงพยาบาล")
    theirs = post(engine, phone, "ไม่มีรถโดยสารประจำทาง")
    ids = [saved_id(row) for row in _all(engine, Contribution)]
    admin(engine, tree_admin.merge, forum_id, keep_id=ids[0], duplicate_ids=[ids[1]])
    (node,) = [item for item in tree(engine, forum_id).items if item.id == ids[0]]
    assert node.weight == 1 and node.sectors == {Sector.COMMUNITY: 1}
    admin(engine, tree_admin.merge, forum_id, keep_id=ids[0], duplicate_ids=[saved_id(theirs)])
    (node,) = [item for item in tree(engine, forum_id).items if item.id == ids[0]]
    assert node.weight == 2 and node.sectors == {Sector.COMMUNITY: 1, Sector.LOCAL_GOVERNMENT: 1}


def test_entries_count_as_the_person_on_the_projector(engine: Engine, created: CreatedForum) -> None:
    forum_id = saved_id(created.forum)
    person = register(engine, created, sector=Sector.PUBLIC_BENEFIT)
    join(engine, created.forum.code, sector=Sector.STATE)
    _post(engine, created, saved_id(person), "อยากมีคนมาเยี่ยมบ้าน", BENEFIT)
    with read_session(engine) as session:
        assert headline(session=session, forum_id=forum_id).joined == 2
        wall = latest_feed(session=session, forum_id=forum_id, per_kind=5)
    (column,) = [column for column in wall.kinds if column.kind == BENEFIT]
    assert column.count == 1
    assert [(i.sector, i.author, i.organisation) for i in column.newest] == [
        (Sector.PUBLIC_BENEFIT, "ยายสม ใจงาม", "ชมรมผู้สูงอายุบ้านศิลา")
    ]


def test_the_summary_counts_the_person_and_marks_what_was_entered_for_them(
    engine: Engine, created: CreatedForum
) -> None:
    forum_id = saved_id(created.forum)
    person = register(engine, created, sector=Sector.COMMUNITY)
    phone = join(engine, created.forum.code, name="สมชาย", sector=Sector.STATE).participant
    _post(engine, created, saved_id(person), "ไม่มีรถไปหาหมอ")
    post(engine, phone, "งบ อบต. มีน้อย", ContributionKind.FUND)
    item_id = saved_id(make_item(engine, forum_id))
    move(engine, created.forum, Stage.ACT)
    _commit(engine, created, saved_id(person), item_id, "จะชวนเพื่อนบ้านมาช่วย")
    commit(engine, phone, item_id, "จะจัดรถให้", organisation="อบต.ศิลา")
    with read_session(engine) as session:
        summary = build_summary(session=session, forum_id=forum_id)
        rows = plan(session=session, forum_id=forum_id)
    assert summary.participants_by_sector[Sector.COMMUNITY] == 1
    assert summary.participants_by_sector[Sector.STATE] == 1
    assert summary.participant_total == 2 and summary.registered_people == 1
    marks = {item.text: item.by_facilitator for items in summary.contributions.values() for item in items}
    assert marks == {"ไม่มีรถไปหาหมอ": True, "งบ อบต. มีน้อย": False}
    assert [(c.text, c.by_facilitator) for c in rows[0].commitments] == [
        ("จะชวนเพื่อนบ้านมาช่วย", True),
        ("จะจัดรถให้", False),
    ]
    for lang, mark in (("th", "ผู้ดำเนินรายการบันทึกแทน"), ("en", "entered by the facilitator")):
        lines = to_markdown(summary, lang).splitlines()
        sector = t("sector_community", lang)
        assert f"- ไม่มีรถไปหาหมอ ({sector}) _({mark})_" in lines
        assert any(line.startswith("- งบ อบต") for line in lines) and sum(mark in line for line in lines) == 2
        assert any(line.endswith(f": จะชวนเพื่อนบ้านมาช่วย _({mark})_") for line in lines)
        assert t("people_summary_registered", lang, count=1) in lines


@pytest.mark.parametrize("stage", list(Stage))
def test_entering_for_a_person_follows_the_stage_policy_of_a_phone(
    engine: Engine, created: CreatedForum, stage: Stage
) -> None:
    """A post as POST, a commitment as COMMIT: what the table allows a phone, it allows the console for them."""
    person_id = saved_id(register(engine, created))
    item_id = saved_id(make_item(engine, saved_id(created.forum)))
    move(engine, created.forum, stage)
    entries: list[tuple[Action, Callable[[], object], type[SQLModel]]] = [
        (Action.POST, lambda: _post(engine, created, person_id, "ไม่มีรถไปหาหมอ"), Contribution),
        (Action.COMMIT, lambda: _commit(engine, created, person_id, item_id, "จะไปช่วย"), Commitment),
    ]
    for action, enter, table in entries:
        if allows(stage, action):
            enter()
            assert count(engine, table) == 1
        else:
            with pytest.raises(ActionNotAllowed) as refused:
                enter()
            assert refused.value.action == action and count(engine, table) == 0
