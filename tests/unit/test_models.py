"""Model helpers: a stored row's id is typed as int, and a row not yet stored has none."""

import pytest
from sqlalchemy import Engine

from facilitation.core.db import write_session
from models import Participant, Sector, saved_id, utcnow
from tests.factories import make_forum


def test_saved_id_is_the_stored_primary_key(engine: Engine) -> None:
    """After a flush the id is the database's own."""
    forum = make_forum(engine).forum
    with write_session(engine) as session:
        person = Participant(forum_id=saved_id(forum), token_hash="x" * 64, sector=Sector.OTHER, consented_at=utcnow())
        session.add(person)
        session.flush()
        assert saved_id(person) == person.id and isinstance(person.id, int)


def test_saved_id_refuses_a_row_not_yet_stored() -> None:
    """An unsaved row is a bug to surface, not an id of 0 that matches nothing."""
    with pytest.raises(ValueError, match="flush"):
        saved_id(Participant(forum_id=1, token_hash="x" * 64, consented_at=utcnow()))
