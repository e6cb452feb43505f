"""The texts the word cloud counts: every visible post of the forum, and nothing else."""

from sqlalchemy import Engine

from facilitation.core.db import read_session, write_session
from facilitation.forum.contributions import withdraw_contribution
from facilitation.forum.post_texts import visible_texts
from models import saved_id
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
        assert visible_texts(session=session, forum_id=saved_id(forum)) == ["ผู้สูงอายุอยู่บ้านคนเดียว", "กองทุนหมู่บ้าน"]
