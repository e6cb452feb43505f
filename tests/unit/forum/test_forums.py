"""forums: creating forums, facilitator keys, stages, and what a closed forum refuses."""

from datetime import date

import pytest
from sqlalchemy import Engine, inspect
from sqlmodel import select

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import ForumClosed, ForumNotFound, InvalidArea, NoFreeJoinCode, NotAuthorised, TextEmpty
from facilitation.core.tokens import JOIN_CODE_ALPHABET, hash_token, new_token
from facilitation.exports.summary import build_summary
from facilitation.forum import forums as forums_module
from facilitation.forum.commitments import add_commitment
from facilitation.forum.contributions import add_contribution, edit_contribution, feed, withdraw_contribution
from facilitation.forum.forums import (
    STAGE_ORDER,
    authorise_facilitator,
    create_forum,
    get_forum,
    headline,
    next_stage,
    participant_count,
    pulse,
    set_stage,
    stage_order,
)
from facilitation.forum.participants import join_forum
from facilitation.forum.plans import create_action_item, delete_action_item, plan, update_action_item
from models import (
    CommitmentCreate,
    Contribution,
    ContributionCreate,
    ContributionKind,
    ContributionUpdate,
    Forum,
    ForumCreate,
    Language,
    ParticipantCreate,
    Sector,
    Stage,
    saved_id,
)
from tests.factories import SILA, join, make_forum, post
from tests.unit.helpers import count, item_data, make_item, move, revision


def _forum_data(**overrides: object) -> ForumCreate:
    values: dict[str, object] = {
        "title": "เวทีทดสอบ",
        "forum_date": date(2027, 2, 18),
        "venue": "หอประชุม",
        "language": Language.TH,
        **SILA,
    }
    values.update(overrides)
    return ForumCreate(**values)  # type: ignore[arg-type]


def test_create_forum_stores_code_area_and_cleaned_fields(engine: Engine) -> None:
    """A new forum has a 6-character code, the area names and cleaned title/venue, at stage Share."""
    with write_session(engine) as session:
        created = create_forum(
            session=session, data=_forum_data(title="  เวที\nศิลา\u200b ", venue=" ศาลา\tวัด ", language=Language.EN)
        )
    with read_session(engine) as session:
        forum = session.exec(select(Forum)).one()
    assert forum.id == created.forum.id
    assert len(forum.code) == 6 and set(forum.code) <= set(JOIN_CODE_ALPHABET)
    assert forum.title == "เวที ศิลา"
    assert forum.venue == "ศาลา วัด"
    assert forum.area_name_th == "ตำบลศิลา อำเภอเมืองขอนแก่น จังหวัดขอนแก่น"
    assert forum.area_name_en == "Sila, Mueang Khon Kaen, Khon Kaen"
    assert (forum.province_code, forum.district_code, forum.tambon_code) == ("40", "4001", "400114")
    assert forum.stage == Stage.SHARE
    assert forum.revision == 0
    assert forum.language == Language.EN
    assert forum.forum_date == date(2027, 2, 18)


def test_create_forum_stores_only_the_hash_of_the_facilitator_key(engine: Engine) -> None:
    """The facilitator key is in no column; its SHA-256 is."""
    created = make_forum(engine)
    token = created.facilitator_token
    assert len(token) >= 32
    with read_session(engine) as session:
        forum = session.exec(select(Forum)).one()
    values = [str(getattr(forum, column.key)) for column in inspect(Forum).columns]
    assert all(token not in value for value in values)
    assert forum.facilitator_token_hash == hash_token(token)


def test_each_forum_gets_its_own_code_and_key(engine: Engine) -> None:
    """Two forums have different codes and keys."""
    first, second = make_forum(engine), make_forum(engine)
    assert first.forum.code != second.forum.code
    assert first.facilitator_token != second.facilitator_token


def test_create_forum_draws_again_when_the_code_is_taken(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """A join code already in use is skipped and another drawn."""
    taken = make_forum(engine).forum.code
    draws = iter([taken, taken, "ABCDEF"])
    monkeypatch.setattr(forums_module, "new_join_code", lambda: next(draws))
    second = make_forum(engine, title="เวทีที่สอง")
    assert second.forum.code == "ABCDEF"
    with read_session(engine) as session:
        assert sorted(session.exec(select(Forum.code)).all()) == sorted([taken, "ABCDEF"])


def test_create_forum_gives_up_after_twenty_taken_codes(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """If every draw is taken, creating fails instead of looping forever."""
    taken = make_forum(engine).forum.code
    monkeypatch.setattr(forums_module, "new_join_code", lambda: taken)
    with pytest.raises(NoFreeJoinCode) as caught:
        make_forum(engine)
    assert caught.value.details == {"draws": 20}
    assert count(engine, Forum) == 1


@pytest.mark.parametrize("title", ["", "   ", "\u200b\n"])
def test_blank_title_is_refused(engine: Engine, title: str) -> None:
    """A forum needs a title: TextEmpty, nothing stored."""
    with pytest.raises(TextEmpty), write_session(engine) as session:
        create_forum(session=session, data=_forum_data(title=title))
    assert count(engine, Forum) == 0


def test_invalid_area_is_refused(engine: Engine) -> None:
    """A tambon that is not in the district is refused."""
    with pytest.raises(InvalidArea), write_session(engine) as session:
        create_forum(session=session, data=_forum_data(tambon_code="400201"))
    assert count(engine, Forum) == 0


def test_authorise_facilitator_with_the_right_key(engine: Engine) -> None:
    """The forum's own key opens it."""
    created = make_forum(engine)
    with read_session(engine) as session:
        forum = authorise_facilitator(session=session, code=created.forum.code, key=created.facilitator_token)
    assert forum.id == created.forum.id


def test_authorise_facilitator_refuses_other_keys(engine: Engine) -> None:
    """Wrong key, no key, unknown code and another forum's key are all NotAuthorised."""
    mine, other = make_forum(engine), make_forum(engine)
    attempts = [
        (mine.forum.code, new_token()),
        (mine.forum.code, None),
        (mine.forum.code, ""),
        (mine.forum.code, mine.forum.facilitator_token_hash),
        ("ZZZZZZ", mine.facilitator_token),
        (mine.forum.code, other.facilitator_token),
    ]
    with read_session(engine) as session:
        for code, key in attempts:
            with pytest.raises(NotAuthorised):
                authorise_facilitator(session=session, code=code, key=key)


def test_get_forum_accepts_typed_code(engine: Engine) -> None:
    """Lower case with spaces and dashes finds the forum."""
    created = make_forum(engine)
    code = created.forum.code
    typed = f" {code[:3].lower()}-{code[3:].lower()} "
    with read_session(engine) as session:
        assert get_forum(session=session, code=typed).id == created.forum.id


@pytest.mark.parametrize("code", ["", "ZZZZZZ", "K7M"])
def test_get_forum_unknown_code(engine: Engine, code: str) -> None:
    """An unknown code raises ForumNotFound."""
    make_forum(engine)
    with read_session(engine) as session, pytest.raises(ForumNotFound):
        get_forum(session=session, code=code)


def test_set_stage_moves_forwards_and_back_and_bumps_revision(engine: Engine) -> None:
    """Every stage change bumps the revision that pulse() reports."""
    forum = make_forum(engine).forum
    seen = []
    for stage in (Stage.PLAN, Stage.ACT, Stage.SHARE, Stage.CLOSED, Stage.PLAN):
        moved = move(engine, forum, stage)
        assert moved.stage == stage
        with read_session(engine) as session:
            seen.append(pulse(session=session, forum_id=saved_id(forum)))
    assert [p.stage for p in seen] == [Stage.PLAN, Stage.ACT, Stage.SHARE, Stage.CLOSED, Stage.PLAN]
    assert [p.revision for p in seen] == [1, 2, 3, 4, 5]


def test_set_stage_to_the_same_stage_keeps_revision(engine: Engine) -> None:
    """Choosing the current stage again changes nothing."""
    forum = make_forum(engine).forum
    move(engine, forum, Stage.SHARE)
    assert revision(engine, saved_id(forum)) == 0


def test_pulse_of_unknown_forum(engine: Engine) -> None:
    """pulse() of a missing forum raises ForumNotFound."""
    with read_session(engine) as session, pytest.raises(ForumNotFound):
        pulse(session=session, forum_id=999)


def test_next_stage_order() -> None:
    """share → plan → act → closed → None."""
    assert STAGE_ORDER == (Stage.SHARE, Stage.PLAN, Stage.ACT, Stage.CLOSED)
    assert next_stage(Stage.SHARE) == Stage.PLAN
    assert next_stage(Stage.PLAN) == Stage.ACT
    assert next_stage(Stage.ACT) == Stage.CLOSED
    assert next_stage(Stage.CLOSED) is None


def test_a_follow_up_forum_reviews_first() -> None:
    """A follow-up: review → share → plan → act → closed; an ordinary forum never shows Review."""
    assert stage_order(follow_up=True) == (Stage.REVIEW, Stage.SHARE, Stage.PLAN, Stage.ACT, Stage.CLOSED)
    assert stage_order(follow_up=False) == STAGE_ORDER
    assert Stage.REVIEW not in STAGE_ORDER
    assert next_stage(Stage.REVIEW, follow_up=True) == Stage.SHARE
    assert next_stage(Stage.ACT, follow_up=True) == Stage.CLOSED
    with pytest.raises(ValueError):
        next_stage(Stage.REVIEW)


def test_participant_count(engine: Engine) -> None:
    """participant_count counts this forum's people only."""
    forum, other = make_forum(engine).forum, make_forum(engine).forum
    for n in range(3):
        join(engine, forum.code, name=f"คน {n}")
    join(engine, other.code)
    with read_session(engine) as session:
        assert participant_count(session=session, forum_id=saved_id(forum)) == 3
        assert participant_count(session=session, forum_id=saved_id(other)) == 1


class TestClosedForum:
    """A closed forum takes no input but can still be read, and reopening accepts input again."""

    @pytest.fixture
    def closed(self, engine: Engine) -> dict[str, object]:
        forum = make_forum(engine).forum
        member = join(engine, forum.code)
        contribution = post(engine, member.participant, "ผู้สูงอายุอยู่ลำพัง")
        item = make_item(engine, saved_id(forum), contribution_ids=[saved_id(contribution)])
        move(engine, forum, Stage.CLOSED)
        return {"forum": forum, "member": member, "contribution": contribution, "item": item}

    def test_add_contribution_refused(self, engine: Engine, closed: dict) -> None:
        """Posting to a closed forum raises ForumClosed and stores nothing."""
        with pytest.raises(ForumClosed), write_session(engine) as session:
            add_contribution(
                session=session,
                participant=closed["member"].participant,
                data=ContributionCreate(kind=ContributionKind.FUND, text="ใหม่"),
            )
        assert count(engine, Contribution) == 1

    def test_edit_refused(self, engine: Engine, closed: dict) -> None:
        """Editing on a closed forum raises ForumClosed and keeps the text."""
        with pytest.raises(ForumClosed), write_session(engine) as session:
            edit_contribution(
                session=session,
                participant=closed["member"].participant,
                contribution_id=closed["contribution"].id,
                version=closed["contribution"].version,
                data=ContributionUpdate(text="แก้แล้ว"),
            )
        with read_session(engine) as session:
            assert session.get(Contribution, closed["contribution"].id).text == "ผู้สูงอายุอยู่ลำพัง"

    def test_withdraw_refused(self, engine: Engine, closed: dict) -> None:
        """Withdrawing on a closed forum raises ForumClosed."""
        with pytest.raises(ForumClosed), write_session(engine) as session:
            withdraw_contribution(
                session=session, participant=closed["member"].participant, contribution_id=closed["contribution"].id
            )

    def test_join_refused(self, engine: Engine, closed: dict) -> None:
        """Joining a closed forum raises ForumClosed."""
        with pytest.raises(ForumClosed), write_session(engine) as session:
            join_forum(
                session=session,
                code=closed["forum"].code,
                token=new_token(),
                data=ParticipantCreate(display_name="มาสาย", sector=Sector.OTHER),
                consent=True,
            )

    def test_plan_writes_refused(self, engine: Engine, closed: dict) -> None:
        """Creating, updating and deleting action items raise ForumClosed."""
        forum_id = closed["forum"].id
        item_id = closed["item"].id
        with pytest.raises(ForumClosed), write_session(engine) as session:
            create_action_item(session=session, forum_id=forum_id, data=item_data("ใหม่"))
        with pytest.raises(ForumClosed), write_session(engine) as session:
            update_action_item(session=session, forum_id=forum_id, item_id=item_id, seen=1, data=item_data("เปลี่ยน"))
        with pytest.raises(ForumClosed), write_session(engine) as session:
            delete_action_item(session=session, forum_id=forum_id, item_id=item_id)
        with read_session(engine) as session:
            assert [row.item.activity for row in plan(session=session, forum_id=forum_id)] == [closed["item"].activity]

    def test_add_commitment_refused(self, engine: Engine, closed: dict) -> None:
        """Committing on a closed forum raises ForumClosed."""
        with pytest.raises(ForumClosed), write_session(engine) as session:
            add_commitment(
                session=session,
                participant=closed["member"].participant,
                data=CommitmentCreate(action_item_id=closed["item"].id, text="จะช่วย"),
            )

    def test_reads_still_work(self, engine: Engine, closed: dict) -> None:
        """feed, plan and build_summary still read a closed forum."""
        forum_id = closed["forum"].id
        with read_session(engine) as session:
            board = feed(session=session, forum_id=forum_id)
            rows = plan(session=session, forum_id=forum_id)
            summary = build_summary(session=session, forum_id=forum_id)
        assert [i.text for i in board[ContributionKind.ROOT_CAUSE]] == ["ผู้สูงอายุอยู่ลำพัง"]
        assert [[c.text for c in row.answers] for row in rows] == [["ผู้สูงอายุอยู่ลำพัง"]]
        assert summary.forum.stage == Stage.CLOSED
        assert summary.participant_total == 1

    def test_reopening_accepts_input_again(self, engine: Engine, closed: dict) -> None:
        """Moving a closed forum back to Plan lets people post and join again."""
        move(engine, closed["forum"], Stage.PLAN)
        posted = post(engine, closed["member"].participant, "หลังเปิดใหม่", ContributionKind.OTHER)
        join(engine, closed["forum"].code, name="คนใหม่")
        assert posted.id is not None
        assert count(engine, Contribution) == 2
        with read_session(engine) as session:
            assert participant_count(session=session, forum_id=closed["forum"].id) == 2


def test_headline_gives_title_stage_and_joined_count(engine: Engine) -> None:
    """The projector's header reads the title, the current stage and how many joined."""
    created = make_forum(engine, title="เวทีทดสอบหัวจอ")
    forum_id = saved_id(created.forum)
    join(engine, created.forum.code)
    join(engine, created.forum.code, name="บุญมี")
    with write_session(engine) as session:
        set_stage(session=session, forum=created.forum, stage=Stage.PLAN)
    with read_session(engine) as session:
        top = headline(session=session, forum_id=forum_id)
    assert (top.title, top.stage, top.joined) == ("เวทีทดสอบหัวจอ", Stage.PLAN, 2)
