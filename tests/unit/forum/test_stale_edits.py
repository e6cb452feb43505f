"""Edits carry the version they were drawn from; stage buttons the stage; creates a key drawn with the form."""

import pytest
from sqlalchemy import Engine
from sqlmodel import func, select

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import ActionItemNotFound, InvalidDates, KeyRenewedSinceCreated, StageMoved, StaleEdit
from facilitation.core.i18n import t
from facilitation.core.tokens import new_token
from facilitation.core.versioning import update_if_current
from facilitation.forum.access import new_facilitator_key
from facilitation.forum.forums import create_forum, set_stage
from facilitation.forum.plans import create_action_item, update_action_item
from facilitation.sample.load import load_sample_forum
from models import ActionItem, ActionItemCreate, Forum, ForumCreate, Stage, saved_id
from tests.factories import SILA, make_forum
from tests.unit.helpers import item_data, make_item, move, revision


def _stored(engine: Engine, item_id: int) -> ActionItem:
    with read_session(engine) as session:
        item = session.get(ActionItem, item_id)
    assert item is not None
    return item


def _save(engine: Engine, forum_id: int, item_id: int, seen: int, changed: list[str], **values: object) -> ActionItem:
    data = ActionItemCreate(**{"activity": "—", **values})  # type: ignore[arg-type]
    with write_session(engine) as session:
        return update_action_item(
            session=session, forum_id=forum_id, item_id=item_id, seen=seen, data=data, changed=changed
        )


def test_a_save_drawn_from_an_older_version_is_refused_with_the_current_item(engine: Engine) -> None:
    """Tab B saves a budget; tab A, drawn before, saves its activity: refused, carrying B's item, nothing written."""
    forum_id = saved_id(make_forum(engine).forum)
    item_id = saved_id(make_item(engine, forum_id, "รถรับส่งผู้ป่วย", budget_baht=10_000))
    _save(engine, forum_id, item_id, 1, ["budget_baht"], budget_baht=60_000)  # tab B
    before = revision(engine, forum_id)

    with pytest.raises(StaleEdit) as refused:
        _save(engine, forum_id, item_id, 1, ["activity", "budget_baht"], activity="รถรับส่ง", budget_baht=1_000)

    current = refused.value.current
    assert isinstance(current, ActionItem)
    assert (current.activity, current.budget_baht, current.version) == ("รถรับส่งผู้ป่วย", 60_000, 2)
    stored = _stored(engine, item_id)
    assert (stored.activity, stored.budget_baht, stored.version) == ("รถรับส่งผู้ป่วย", 60_000, 2)
    assert revision(engine, forum_id) == before
    assert refused.value.message("en").startswith("Someone saved a newer version first")


def test_only_the_changed_fields_are_written(engine: Engine) -> None:
    """Saving the activity from the current version leaves the budget someone else set."""
    forum_id = saved_id(make_forum(engine).forum)
    item_id = saved_id(make_item(engine, forum_id, "รถรับส่งผู้ป่วย", budget_baht=10_000))
    _save(engine, forum_id, item_id, 1, ["budget_baht"], budget_baht=60_000)

    saved = _save(engine, forum_id, item_id, 2, ["activity"], activity="รถรับส่งผู้ป่วยติดเตียง", budget_baht=10_000)

    assert (saved.activity, saved.budget_baht, saved.version) == ("รถรับส่งผู้ป่วยติดเตียง", 60_000, 3)
    assert _stored(engine, item_id).budget_baht == 60_000


def test_a_changed_end_date_is_checked_against_the_stored_start(engine: Engine) -> None:
    """Validation sees the item as it will be, not only the fields sent."""
    forum_id = saved_id(make_forum(engine).forum)
    item_id = saved_id(make_item(engine, forum_id))  # starts 1 March 2027
    with pytest.raises(InvalidDates):
        _save(engine, forum_id, item_id, 1, ["end_date"], end_date="2027-01-01")


def test_update_if_current_tells_a_missing_row_from_a_stale_one(engine: Engine) -> None:
    """No such row: the caller's not-found error, not StaleEdit."""
    with pytest.raises(ActionItemNotFound), write_session(engine) as session:
        update_if_current(
            session=session,
            table=ActionItem,
            row_id=9999,
            seen=1,
            values={"activity": "x"},
            missing=ActionItemNotFound(id=9999),
        )


def test_a_stage_button_from_a_stale_tab_does_not_reopen_a_closed_forum(engine: Engine) -> None:
    """Drawn in Plan, pressed after another tab closed the forum: refused, naming both stages."""
    forum = make_forum(engine).forum
    move(engine, forum, Stage.PLAN)
    move(engine, forum, Stage.CLOSED)  # the other tab

    with pytest.raises(StageMoved) as refused, write_session(engine) as session:
        set_stage(session=session, forum=forum, stage=Stage.ACT, seen=Stage.PLAN)

    with read_session(engine) as session:
        stored = session.get(Forum, forum.id)
    assert stored is not None and stored.stage == Stage.CLOSED
    assert refused.value.message("en").startswith(
        "This screen showed the Plan stage but the forum is already in Closed"
    )
    assert t("stage_closed", "th") in refused.value.message("th")
    assert t("stage_plan", "th") in refused.value.message("th")


def test_a_stage_button_of_the_current_stage_moves_the_forum(engine: Engine) -> None:
    """The button drawn in the stage the forum is still in works as before."""
    forum = make_forum(engine).forum
    with write_session(engine) as session:
        moved = set_stage(session=session, forum=forum, stage=Stage.PLAN, seen=Stage.SHARE)
    assert moved.stage == Stage.PLAN


def test_adding_twice_with_one_creation_key_makes_one_item(engine: Engine) -> None:
    """A double tap on "add" sends the form's key twice: the second send returns the first item."""
    forum_id = saved_id(make_forum(engine).forum)
    key = new_token()
    with write_session(engine) as session:
        first = create_action_item(session=session, forum_id=forum_id, data=item_data("รถ"), creation_key=key)
    with write_session(engine) as session:
        again = create_action_item(session=session, forum_id=forum_id, data=item_data("รถ"), creation_key=key)
    with write_session(engine) as session:
        other = create_action_item(session=session, forum_id=forum_id, data=item_data("รถ"), creation_key=new_token())

    assert saved_id(again) == saved_id(first) != saved_id(other)
    assert revision(engine, forum_id) == 2  # the repeat changed nothing


def test_creating_a_forum_twice_with_one_key_makes_one_forum(engine: Engine) -> None:
    """The second create with the same key returns the first forum and the same facilitator key."""
    key = new_token()
    data = ForumCreate(title="เวทีกดสองครั้ง", forum_date="2027-02-18", **SILA)  # type: ignore[arg-type]
    with write_session(engine) as session:
        first = create_forum(session=session, data=data, creation_key=key)
    with write_session(engine) as session:
        again = create_forum(session=session, data=data, creation_key=key)

    assert (first.created, again.created) == (True, False)
    assert saved_id(again.forum) == saved_id(first.forum)
    assert again.facilitator_token == first.facilitator_token == key
    assert first.forum.creation_key != key  # only a hash is stored


def test_loading_the_sample_twice_with_one_key_makes_one_forum(engine: Engine) -> None:
    """A double tap on "load the sample forum" loads it once."""
    key = new_token()
    with write_session(engine) as session:
        first = load_sample_forum(session=session, creation_key=key)
    with write_session(engine) as session:
        again = load_sample_forum(session=session, creation_key=key)
    assert saved_id(again.forum) == saved_id(first.forum)
    with read_session(engine) as session:
        assert session.exec(select(func.count()).select_from(Forum)).one() == 1


def test_a_create_sent_again_after_the_key_was_renewed_hands_back_no_dead_key(engine: Engine) -> None:
    """The form's key became the facilitator key, then was renewed: the repeat is refused, naming the forum."""
    key = new_token()
    data = ForumCreate(title="เวทีที่เปลี่ยนรหัสแล้ว", forum_date="2027-02-18", **SILA)  # type: ignore[arg-type]
    with write_session(engine) as session:
        first = create_forum(session=session, data=data, creation_key=key)
    with write_session(engine) as session:
        new_facilitator_key(session=session, code=first.forum.code, key=key)

    with pytest.raises(KeyRenewedSinceCreated) as refused, write_session(engine) as session:
        create_forum(session=session, data=data, creation_key=key)

    assert first.forum.code in refused.value.message("th")
    with read_session(engine) as session:
        assert session.exec(select(func.count()).select_from(Forum)).one() == 1
