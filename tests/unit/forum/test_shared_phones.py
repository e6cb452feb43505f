"""participants: people who join one after another on one shared phone are counted per phone."""

from sqlalchemy import Engine
from sqlmodel import select

from facilitation.core.db import read_session, write_session
from facilitation.core.tokens import hash_token, new_token
from facilitation.forum.participants import join_forum, joined_on_device, shared_phones
from models import Participant, ParticipantCreate, Sector, saved_id
from tests.factories import join, make_forum


def _join(engine: Engine, code: str, *, device: str | None, token: str | None = None) -> Participant:
    with write_session(engine) as session:
        return join_forum(
            session=session,
            code=code,
            token=token or new_token(),
            data=ParticipantCreate(sector=Sector.COMMUNITY),
            consent=True,
            device=device,
        ).participant


def test_the_device_is_stored_hashed(engine: Engine) -> None:
    """Only the hash of the tab's token is kept; joining without one stores none."""
    code = make_forum(engine).forum.code
    device = new_token()
    _join(engine, code, device=device)
    join(engine, code)
    with read_session(engine) as session:
        stored = sorted((p.device_hash or "" for p in session.exec(select(Participant))), reverse=True)
    assert stored == [hash_token(device), ""]


def test_shared_phones_count_people_per_phone(engine: Engine) -> None:
    """Two people on one phone, three on another, one alone: [3, 2]; other forums do not count."""
    forum = make_forum(engine).forum
    other = make_forum(engine, title="เวทีอื่น").forum
    first, second, alone = new_token(), new_token(), new_token()
    for device in (first, first, second, second, second, alone):
        _join(engine, forum.code, device=device)
    _join(engine, other.code, device=first)
    join(engine, forum.code)  # no device at all (an older page, the sample)
    with read_session(engine) as session:
        assert shared_phones(session=session, forum_id=saved_id(forum)) == [3, 2]
        assert shared_phones(session=session, forum_id=saved_id(other)) == []
        assert joined_on_device(session=session, forum_id=saved_id(forum), device=first) == 2
        assert joined_on_device(session=session, forum_id=saved_id(forum), device=new_token()) == 0


def test_a_repeated_join_on_one_phone_is_one_person(engine: Engine) -> None:
    """The same token twice from one phone (a double tap) is still one person."""
    code = make_forum(engine).forum.code
    device, token = new_token(), new_token()
    first = _join(engine, code, device=device, token=token)
    again = _join(engine, code, device=device, token=token)
    assert first.id == again.id
    with read_session(engine) as session:
        assert joined_on_device(session=session, forum_id=first.forum_id, device=device) == 1
