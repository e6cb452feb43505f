"""The words the word cloud leaves out: parsed as typed, saved on the version the form showed, screens told."""

import threading

import pytest
from sqlalchemy import Engine

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import ForumClosed, StaleEdit, TooManyLeftOutWords
from facilitation.forum.forums import set_stage
from facilitation.forum.left_out_words import WORDS_MAX, LeftOut, left_out, parse_left_out, set_left_out_words
from facilitation.live.changes import Topic, counters
from models import Stage, saved_id
from tests.factories import make_forum


def test_words_are_parted_by_commas_and_lines_not_spaces() -> None:
    typed = "ตำบล, ศิลา\nหมู่ 3 ;ตำบล，Khon Kaen ,, "
    assert parse_left_out(typed) == ["ตำบล", "ศิลา", "หมู่ 3", "khon kaen"]
    assert parse_left_out("") == []


def test_saving_needs_the_version_the_form_showed(db: Engine) -> None:
    forum = make_forum(db).forum
    with read_session(db) as session:
        assert left_out(session=session, forum_id=saved_id(forum)) == LeftOut((), 0)
    for seen, typed, expected in ((0, "ตำบล", ("ตำบล",)), (1, "ตำบล, ศิลา", ("ตำบล", "ศิลา"))):
        with write_session(db) as session:
            saved = set_left_out_words(session=session, forum_id=saved_id(forum), typed=typed, version=seen)
        assert saved == LeftOut(expected, seen + 1)

    # A second tab drawn before those saves (the first, or the second): refused, told the words as they are now.
    for stale in (0, 1):
        with pytest.raises(StaleEdit) as refused, write_session(db) as session:
            set_left_out_words(session=session, forum_id=saved_id(forum), typed="อำเภอ", version=stale)
        assert refused.value.current == LeftOut(("ตำบล", "ศิลา"), 2)
    with read_session(db) as session:
        assert left_out(session=session, forum_id=saved_id(forum)).words == ("ตำบล", "ศิลา")


def test_first_saves_racing_from_two_tabs_store_one(db: Engine) -> None:
    forum = make_forum(db).forum
    outcomes: list[str] = []

    def save(typed: str) -> None:
        try:
            with write_session(db) as session:
                set_left_out_words(session=session, forum_id=saved_id(forum), typed=typed, version=0)
            outcomes.append("saved")
        except StaleEdit:
            outcomes.append("stale")

    threads = [threading.Thread(target=save, args=(f"คำ{n}",)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["saved"] + ["stale"] * 7
    with read_session(db) as session:
        assert left_out(session=session, forum_id=saved_id(forum)).version == 1


def test_a_save_tells_the_words_view_and_no_one_else(db: Engine) -> None:
    forum = make_forum(db).forum
    forum_id = saved_id(forum)
    with read_session(db) as session:
        before = counters(session=session, forum_ids=[forum_id]).get(forum_id, {})
    with write_session(db) as session:
        set_left_out_words(session=session, forum_id=forum_id, typed="ตำบล", version=0)
    with read_session(db) as session:
        after = counters(session=session, forum_ids=[forum_id])[forum_id]
    moved = {topic for topic in after if after[topic] != before.get(topic, 0)}
    assert moved == {Topic.WORDS}


def test_too_many_words_and_a_closed_forum_are_refused(db: Engine) -> None:
    forum = make_forum(db).forum
    many = ", ".join(f"คำ{n}" for n in range(WORDS_MAX + 1))
    with pytest.raises(TooManyLeftOutWords), write_session(db) as session:
        set_left_out_words(session=session, forum_id=saved_id(forum), typed=many, version=0)
    with write_session(db) as session:
        set_stage(session=session, forum=forum, stage=Stage.CLOSED)
    with pytest.raises(ForumClosed), write_session(db) as session:
        set_left_out_words(session=session, forum_id=saved_id(forum), typed="ตำบล", version=0)
