"""commitments: organisations committing to action items in Act."""

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import ActionItemNotFound, TextEmpty
from facilitation.forum.commitments import Committed, add_commitment
from models import Commitment, CommitmentCreate, Forum, Participant, Stage, saved_id
from tests.factories import join, make_forum
from tests.unit.helpers import count, make_item, move, revision


def _commit(engine: Engine, participant: Participant, item_id: int, text: str, organisation: str = "") -> Committed:
    with write_session(engine) as session:
        return add_commitment(
            session=session,
            participant=participant,
            data=CommitmentCreate(action_item_id=item_id, text=text, organisation=organisation),
        )


@pytest.fixture
def setting(engine: Engine) -> tuple[Participant, int, int]:
    forum = make_forum(engine).forum
    person = join(engine, forum.code, name="บุญมี", organisation="กองทุนสวัสดิการชุมชนตำบลศิลา").participant
    item = make_item(engine, saved_id(forum))
    move(engine, forum, Stage.ACT)  # commitments open in Act
    return person, saved_id(item), saved_id(forum)


def test_add_creates_and_bumps_revision(engine: Engine, setting: tuple[Participant, int, int]) -> None:
    """A commitment is stored against the item and bumps the forum revision."""
    person, item_id, forum_id = setting
    before = revision(engine, forum_id)
    made = _commit(engine, person, item_id, "  สมทบ\n10,000 บาท ", organisation="อบต.ศิลา")
    assert made.created is True
    assert revision(engine, forum_id) == before + 1
    with read_session(engine) as session:
        stored = session.exec(select(Commitment)).one()
    assert (stored.text, stored.organisation) == ("สมทบ 10,000 บาท", "อบต.ศิลา")
    assert (stored.action_item_id, stored.participant_id, stored.forum_id) == (item_id, person.id, forum_id)


def test_same_words_twice_count_once(engine: Engine, setting: tuple[Participant, int, int]) -> None:
    """The same participant, item and text again returns the first: created False, one row, no bump."""
    person, item_id, forum_id = setting
    first = _commit(engine, person, item_id, "ส่งอาสาช่วย")
    after_first = revision(engine, forum_id)
    again = _commit(engine, person, item_id, " ส่งอาสา\u200bช่วย ")
    assert again.created is False
    assert again.commitment.id == first.commitment.id
    assert count(engine, Commitment) == 1
    assert revision(engine, forum_id) == after_first


def test_different_text_or_person_is_a_new_commitment(engine: Engine, setting: tuple[Participant, int, int]) -> None:
    """Other words, or another person with the same words, are new rows."""
    person, item_id, _ = setting
    with read_session(engine) as session:
        forum = session.get(Forum, person.forum_id)
    assert forum is not None
    other = join(engine, forum.code, name="คนอื่น").participant
    _commit(engine, person, item_id, "ส่งอาสาช่วย")
    assert _commit(engine, person, item_id, "สมทบเงิน").created is True
    assert _commit(engine, other, item_id, "ส่งอาสาช่วย").created is True
    assert count(engine, Commitment) == 3


def test_item_of_another_forum_is_not_found(engine: Engine, setting: tuple[Participant, int, int]) -> None:
    """Committing to another forum's item, or an unknown item, raises ActionItemNotFound."""
    person, _, _ = setting
    foreign = make_item(engine, saved_id(make_forum(engine).forum), "ของเวทีอื่น")
    for item_id in (saved_id(foreign), 9999):
        with pytest.raises(ActionItemNotFound):
            _commit(engine, person, item_id, "จะช่วย")
    assert count(engine, Commitment) == 0


def test_blank_text_is_refused(engine: Engine, setting: tuple[Participant, int, int]) -> None:
    """A commitment needs words: TextEmpty."""
    person, item_id, _ = setting
    with pytest.raises(TextEmpty):
        _commit(engine, person, item_id, "  ")
    assert count(engine, Commitment) == 0


def test_organisation_defaults_to_the_participants(engine: Engine, setting: tuple[Participant, int, int]) -> None:
    """An empty organisation takes the participant's own."""
    person, item_id, _ = setting
    made = _commit(engine, person, item_id, "จะช่วย", organisation="")
    assert made.commitment.organisation == "กองทุนสวัสดิการชุมชนตำบลศิลา"


def test_blank_organisation_defaults_to_the_participants(engine: Engine, setting: tuple[Participant, int, int]) -> None:
    """An organisation of only spaces also takes the participant's own."""
    person, item_id, _ = setting
    made = _commit(engine, person, item_id, "จะช่วย", organisation="   ")
    assert made.commitment.organisation == "กองทุนสวัสดิการชุมชนตำบลศิลา"
