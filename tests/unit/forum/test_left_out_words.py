"""The words the word cloud leaves out: parsed as typed, saved on the version the form showed, screens told."""

import pytest
from sqlalchemy import Engine

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import ForumClosed, StaleEdit, TooManyLeftOutWords
from facilitation.forum.forums import set_stage
from facilitation.forum.left_out_words import WORDS_MAX, parse_left_out, set_left_out_words
from facilitation.live.changes import Topic, counters
from models import Forum, Stage, saved_id
from tests.factories import make_forum


def test_words_are_parted_by_commas_and_lines_not_spaces() -> None:
    typed = "ตำบล, ศิลา\nหมู่ 3 ;ตำบล，Khon Kaen ,, "
    assert parse_left_out(typed) == ["ตำบล", "ศิลา", "หมู่ 3", "khon kaen"]
    assert parse_left_out("") == []


def test_saving_needs_the_version_the_form_showed(db: Engine) -> None:
    forum = make_forum(db).forum
    seen = forum.version
    with write_session(db) as session:
        saved = set_left_out_words(session=session, forum_id=saved_id(forum), typed="ตำบล, ศิลา", version=seen)
    assert saved.left_out_words == ["ตำบล", "ศิลา"] and saved.version == seen + 1

    # A second tab drawn before that save: refused, and told the words as they are now.
    with pytest.raises(StaleEdit) as refused, write_session(db) as session:
        set_left_out_words(session=session, forum_id=saved_id(forum), typed="อำเภอ", version=seen)
    current = refused.value.current
    assert isinstance(current, Forum) and current.left_out_words == ["ตำบล", "ศิลา"]
    with read_session(db) as session:
        stored = session.get(Forum, saved_id(forum))
        assert stored is not None and stored.left_out_words == ["ตำบล", "ศิลา"]


def test_a_save_tells_the_words_view_and_no_one_else(db: Engine) -> None:
    forum = make_forum(db).forum
    forum_id = saved_id(forum)
    with read_session(db) as session:
        before = counters(session=session, forum_ids=[forum_id]).get(forum_id, {})
    with write_session(db) as session:
        set_left_out_words(session=session, forum_id=forum_id, typed="ตำบล", version=forum.version)
    with read_session(db) as session:
        after = counters(session=session, forum_ids=[forum_id])[forum_id]
    moved = {topic for topic in after if after[topic] != before.get(topic, 0)}
    assert moved == {Topic.WORDS}


def test_too_many_words_and_a_closed_forum_are_refused(db: Engine) -> None:
    forum = make_forum(db).forum
    many = ", ".join(f"คำ{n}" for n in range(WORDS_MAX + 1))
    with pytest.raises(TooManyLeftOutWords), write_session(db) as session:
        set_left_out_words(session=session, forum_id=saved_id(forum), typed=many, version=forum.version)
    with write_session(db) as session:
        closed = set_stage(session=session, forum=forum, stage=Stage.CLOSED)
    with pytest.raises(ForumClosed), write_session(db) as session:
        set_left_out_words(session=session, forum_id=saved_id(forum), typed="ตำบล", version=closed.version)
