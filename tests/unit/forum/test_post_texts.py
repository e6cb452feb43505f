"""The words the word cloud counts: every visible post of the forum, as stored with it, and nothing else."""

from sqlalchemy import Engine, update
from sqlmodel import col

from facilitation.core.db import read_session, write_session
from facilitation.core.words import words_of
from facilitation.forum.contributions import edit_contribution, withdraw_contribution
from facilitation.forum.post_texts import visible_words
from models import Contribution, ContributionUpdate, saved_id
from tests.factories import join, make_forum, post


def test_visible_posts_of_this_forum_only(db: Engine) -> None:
    forum = make_forum(db).forum
    other = make_forum(db, title="เวทีอื่น").forum
    person = join(db, forum.code)
    post(db, person.participant, "ผู้สูงอายุอยู่บ้านคนเดียว")
    gone = post(db, person.participant, "ข้อความที่ถอนแล้ว")
    post(db, person.participant, "กองทุนหมู่บ้าน")
    post(db, join(db, other.code).participant, "ของเวทีอื่น")
    with write_session(db) as session:
        withdraw_contribution(session=session, participant=person.participant, contribution_id=saved_id(gone))
    with read_session(db) as session:
        assert visible_words(session=session, forum_id=saved_id(forum)) == [
            words_of("ผู้สูงอายุอยู่บ้านคนเดียว"),
            words_of("กองทุนหมู่บ้าน"),
        ]


def test_words_are_cut_when_a_post_is_written_or_its_text_edited(db: Engine) -> None:
    forum = make_forum(db).forum
    person = join(db, forum.code)
    mine = post(db, person.participant, "ผู้สูงอายุอยู่บ้านคนเดียว")
    assert mine.words == list(words_of("ผู้สูงอายุอยู่บ้านคนเดียว")) and "ผู้สูงอายุ" in mine.words
    with write_session(db) as session:
        edited = edit_contribution(
            session=session,
            participant=person.participant,
            contribution_id=saved_id(mine),
            version=mine.version,
            data=ContributionUpdate(text="เด็กเล็กไม่มีคนดูแลตอนกลางวัน"),
        )
    assert edited.words == list(words_of("เด็กเล็กไม่มีคนดูแลตอนกลางวัน"))
    with read_session(db) as session:
        assert visible_words(session=session, forum_id=saved_id(forum)) == [words_of("เด็กเล็กไม่มีคนดูแลตอนกลางวัน")]


def test_a_post_stored_before_words_were_kept_is_cut_when_counted(db: Engine) -> None:
    forum = make_forum(db).forum
    person = join(db, forum.code)
    mine = post(db, person.participant, "ผู้สูงอายุอยู่บ้านคนเดียว")
    with write_session(db) as session:
        session.execute(update(Contribution).where(col(Contribution.id) == mine.id).values(words=None))
    with read_session(db) as session:
        assert visible_words(session=session, forum_id=saved_id(forum)) == [words_of("ผู้สูงอายุอยู่บ้านคนเดียว")]
