"""participants: joining from a phone with a token, and recognising it again."""

import pytest
from sqlalchemy import Engine, event
from sqlmodel import select

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import ConsentRequired, ForumNotFound, NotAuthorised, SectorRequired, TextTooLong
from facilitation.core.tokens import hash_token, new_token
from facilitation.forum.participants import Membership, identify, join_forum
from models import Participant, ParticipantCreate, Sector
from tests.factories import join, make_forum
from tests.unit.helpers import count


def _join(engine: Engine, code: str, token: str, *, consent: bool = True, **fields: object) -> Membership:
    values: dict[str, object] = {"display_name": "บุญมี", "organisation": "กองทุนสวัสดิการชุมชน", "sector": Sector.COMMUNITY}
    values.update(fields)
    with write_session(engine) as session:
        return join_forum(session=session, code=code, token=token, data=ParticipantCreate(**values), consent=consent)


def test_join_stores_the_participant(engine: Engine) -> None:
    """Joining stores name, organisation, sector, consent time and only the token's hash."""
    forum = make_forum(engine).forum
    token = new_token()
    member = _join(engine, forum.code.lower(), token)
    assert member.forum.id == forum.id
    with read_session(engine) as session:
        stored = session.exec(select(Participant)).one()
    assert stored.id == member.participant.id
    assert (stored.display_name, stored.organisation, stored.sector) == ("บุญมี", "กองทุนสวัสดิการชุมชน", "community")
    assert stored.token_hash == hash_token(token)
    assert stored.consented_at is not None and stored.consented_at.tzinfo is not None


def test_sector_is_required(engine: Engine) -> None:
    """No sector raises SectorRequired and stores nothing."""
    forum = make_forum(engine).forum
    with pytest.raises(SectorRequired):
        _join(engine, forum.code, new_token(), sector=None)
    assert count(engine, Participant) == 0


def test_consent_is_required(engine: Engine) -> None:
    """No consent raises ConsentRequired and stores nothing."""
    forum = make_forum(engine).forum
    with pytest.raises(ConsentRequired):
        _join(engine, forum.code, new_token(), consent=False)
    assert count(engine, Participant) == 0


def test_unknown_code(engine: Engine) -> None:
    """Joining an unknown code raises ForumNotFound."""
    make_forum(engine)
    with pytest.raises(ForumNotFound):
        _join(engine, "ZZZZZZ", new_token())


def test_same_token_twice_is_the_same_participant(engine: Engine) -> None:
    """A double tap with the same token returns the first row; still one participant."""
    forum = make_forum(engine).forum
    token = new_token()
    first = _join(engine, forum.code, token)
    second = _join(engine, forum.code, token, display_name="ชื่ออื่น")
    assert second.participant.id == first.participant.id
    assert second.participant.display_name == "บุญมี"
    assert count(engine, Participant) == 1


def test_same_token_in_two_forums_is_two_participants(engine: Engine) -> None:
    """One phone token in two forums gives two separate participants."""
    token = new_token()
    first = _join(engine, make_forum(engine).forum.code, token)
    second = _join(engine, make_forum(engine).forum.code, token)
    assert first.participant.id != second.participant.id
    assert count(engine, Participant) == 2


def test_name_and_organisation_are_cleaned(engine: Engine) -> None:
    """Control characters and line breaks are removed from name and organisation."""
    forum = make_forum(engine).forum
    member = _join(
        engine, forum.code, new_token(), display_name=" สม\x00ศรี\u202e\n ใจดี ", organisation="อพม.\u200bตำบล\tศิลา"
    )
    assert member.participant.display_name == "สมศรี ใจดี"
    assert member.participant.organisation == "อพม.ตำบล ศิลา"


def test_name_and_organisation_are_optional(engine: Engine) -> None:
    """A participant may stay anonymous."""
    forum = make_forum(engine).forum
    member = _join(engine, forum.code, new_token(), display_name="  ", organisation="")
    assert (member.participant.display_name, member.participant.organisation) == ("", "")


def test_overlong_name_is_refused(engine: Engine) -> None:
    """A name over 100 characters raises TextTooLong."""
    forum = make_forum(engine).forum
    with pytest.raises(TextTooLong) as caught:
        _join(engine, forum.code, new_token(), display_name="ก" * 101)
    assert caught.value.details == {"limit": 100, "length": 101, "field": "join_name"}


def test_identify_with_the_right_token(engine: Engine) -> None:
    """The phone's token and code identify its participant."""
    forum = make_forum(engine).forum
    joined = join(engine, forum.code)
    with read_session(engine) as session:
        found = identify(session=session, code=forum.code, token=joined.token)
    assert found.participant.id == joined.participant.id
    assert found.forum.id == forum.id


def test_identify_refuses_wrong_token_and_other_forum(engine: Engine) -> None:
    """A wrong or missing token, an unknown code or another forum's code raise NotAuthorised."""
    forum, other = make_forum(engine).forum, make_forum(engine).forum
    joined = join(engine, forum.code)
    join(engine, other.code)
    attempts = [
        (forum.code, new_token()),
        (forum.code, None),
        (forum.code, ""),
        (forum.code, joined.participant.token_hash),
        ("ZZZZZZ", joined.token),
        (other.code, joined.token),
    ]
    with read_session(engine) as session:
        for code, token in attempts:
            with pytest.raises(NotAuthorised):
                identify(session=session, code=code, token=token)


def test_identify_is_one_query(engine: Engine) -> None:
    """Every run of every phone identifies it: the forum and the participant come in one statement."""
    forum = make_forum(engine).forum
    joined = join(engine, forum.code)
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        with read_session(engine) as session:
            found = identify(session=session, code=forum.code.lower(), token=joined.token)
    finally:
        event.remove(engine, "before_cursor_execute", record)

    assert (found.forum.id, found.participant.id) == (forum.id, joined.participant.id)
    assert len(statements) == 1
