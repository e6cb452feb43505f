"""Suggested themes: posts sharing meaning-bearing words meet, unrelated ones do not, the same input gives the
same groups; accepting makes a theme once, rejecting keeps a group from coming back for the same posts."""

import pytest
from sqlalchemy import Engine

from facilitation.core.db import read_session, write_session
from facilitation.core.words import words_of
from facilitation.forum.theme_similarity import PostWords, posts_key, similarity, suggest_groups
from facilitation.forum.theme_suggestions import accept_suggestion, reject_suggestion, theme_suggestions
from facilitation.forum.themes import theme_board
from facilitation.live.changes import Topic, counters
from models import Contribution, Participant, saved_id
from tests.factories import join, make_forum, post

TEXTS = {
    1: "ผู้สูงอายุไม่มีรถไปโรงพยาบาล",
    2: "ไม่มีรถพาผู้ป่วยไปโรงพยาบาล",
    3: "รถรับส่งไปโรงพยาบาลไม่มี",
    4: "เด็กเล็กไม่มีที่เรียน",
    5: "ศูนย์เด็กเล็กอยู่ไกลบ้าน",
    6: "น้ำท่วมนาข้าวทุกปี",
    7: "อยากให้มีเวทีแบบนี้อีก",
    8: "Clean WATER for the village",
    9: "clean water supply is needed",
}


def _posts(texts: dict[int, str]) -> tuple[PostWords, ...]:
    return tuple(PostWords(pid, words_of(text)) for pid, text in texts.items())


def _groups(texts: dict[int, str]) -> list[tuple[int, ...]]:
    suggest_groups.cache_clear()
    return [suggestion.post_ids for suggestion in suggest_groups(_posts(texts))]


def test_posts_sharing_meaning_bearing_words_are_grouped_and_unrelated_ones_are_not() -> None:
    assert _groups(TEXTS) == [(1, 2, 3), (4, 5), (8, 9)]


def test_words_every_post_shares_are_stop_words_and_do_not_join_posts() -> None:
    """'ไม่มี' (there is no) is in most of the room's complaints; it says nothing about what is missing."""
    assert _groups({1: "ไม่มีน้ำประปา", 2: "ไม่มีงานทำ", 3: "ไม่มีรถเมล์"}) == []


def test_english_is_lower_cased() -> None:
    matrix = similarity(_posts({1: "CLEAN WATER", 2: "clean water"}))
    assert matrix[0, 1] == pytest.approx(1.0)


def test_the_same_posts_give_the_same_groups_and_names_whatever_their_order() -> None:
    first = suggest_groups(_posts(TEXTS))
    suggest_groups.cache_clear()
    shuffled = dict(reversed(list(TEXTS.items())))
    again = suggest_groups(_posts(shuffled))
    assert again == first
    assert [suggestion.name for suggestion in first] == ["รถ · โรงพยาบาล", "เด็กเล็ก", "clean · water"]
    assert all(suggestion.key == posts_key(suggestion.post_ids) for suggestion in first)


def test_posts_without_words_are_left_out() -> None:
    assert _groups({1: "555", 2: "!!!", 3: "และ"}) == []
    assert _groups({1: "รถโรงพยาบาล"}) == []


@pytest.fixture
def forum_with_posts(db: Engine) -> tuple[int, dict[int, int]]:
    forum = make_forum(db).forum
    person = join(db, forum.code).participant
    ids = {key: saved_id(post(db, person, text)) for key, text in TEXTS.items()}
    return saved_id(forum), ids


def _suggested(engine: Engine, forum_id: int) -> list[tuple[int, ...]]:
    with read_session(engine) as session:
        return [s.post_ids for s in theme_suggestions(session=session, forum_id=forum_id)]


def test_accepting_a_suggestion_makes_a_theme_once_and_it_is_suggested_no_more(
    db: Engine, forum_with_posts: tuple[int, dict[int, int]]
) -> None:
    forum_id, ids = forum_with_posts
    ride = tuple(ids[k] for k in (1, 2, 3))
    assert _suggested(db, forum_id)[0] == ride
    for _ in range(2):  # a double tap
        with write_session(db) as session:
            accept_suggestion(session=session, forum_id=forum_id, post_ids=ride, name="การเดินทางไปโรงพยาบาล")
    with read_session(db) as session:
        board = theme_board(session=session, forum_id=forum_id)
    assert [(t.name, tuple(p.id for p in t.posts)) for t in board.themes] == [("การเดินทางไปโรงพยาบาล", ride)]
    assert ride not in _suggested(db, forum_id)


def test_a_rejected_suggestion_does_not_come_back_for_the_same_posts(
    db: Engine, forum_with_posts: tuple[int, dict[int, int]]
) -> None:
    forum_id, ids = forum_with_posts
    kids = (ids[4], ids[5])
    assert kids in _suggested(db, forum_id)
    with read_session(db) as session:
        before = counters(session=session, forum_ids=[forum_id])[forum_id][Topic.THEMES.value]
    for _ in range(2):  # a double tap stores it once
        with write_session(db) as session:
            reject_suggestion(session=session, forum_id=forum_id, post_ids=kids)
    assert kids not in _suggested(db, forum_id)
    with read_session(db) as session:
        assert counters(session=session, forum_ids=[forum_id])[forum_id][Topic.THEMES.value] == before + 1
    # A new post that belongs with them makes another group of posts: that one is suggested.
    with read_session(db) as session:
        author = session.get(Contribution, ids[4])
        person = session.get(Participant, author.participant_id if author else 0)
    assert person is not None
    newcomer = saved_id(post(db, person, "ศูนย์เด็กเล็กไม่มีที่เรียน"))
    assert (ids[4], ids[5], newcomer) in _suggested(db, forum_id)
