"""From ranking to plan: themes ranked by the room's vote (or their posts) become draft action items."""

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from facilitation.core.db import read_session, write_session
from facilitation.core.tokens import new_token
from facilitation.forum.dots import add_dot
from facilitation.forum.plans import create_action_item, plan
from facilitation.forum.themes import create_theme
from facilitation.forum.themes_to_plan import draft_items_from_themes, theme_ranking
from facilitation.forum.vote_options import vote_candidates
from facilitation.forum.votes import VoteSettings, close_vote, open_vote
from models import (
    ActionItemCreate,
    ContributionKind,
    OptionSubject,
    ResultsShown,
    Stage,
    VoteOption,
    saved_id,
)
from tests.factories import join, make_forum, post
from tests.unit.helpers import move

ROOT, BENEFIT = ContributionKind.ROOT_CAUSE, ContributionKind.BENEFIT


@pytest.fixture
def room(db: Engine) -> tuple[int, dict[str, int], list[int]]:
    """A forum in Plan with three themes: transport (3 posts), home care (2), income (1); and its people."""
    created = make_forum(db, revealed=True)
    forum_id = saved_id(created.forum)
    people = [join(db, created.forum.code, name=f"คนที่ {n}").participant for n in range(3)]
    texts = {
        "การเดินทางไปโรงพยาบาล": ["ไม่มีรถไปหาหมอ", "ค่ารถไปโรงพยาบาลแพง", "อยากได้รถรับส่งผู้ป่วย"],
        "ดูแลผู้สูงอายุที่บ้าน": ["ผู้สูงอายุอยู่บ้านคนเดียว", "อยากให้มีคนมาเยี่ยมบ้าน"],
        "รายได้": ["ผู้สูงอายุไม่มีรายได้"],
    }
    themes: dict[str, int] = {}
    for name, posts in texts.items():
        ids = [saved_id(post(db, people[n % 3], text, ROOT if n else BENEFIT)) for n, text in enumerate(posts)]
        with write_session(db) as session:
            themes[name] = saved_id(create_theme(session=session, forum_id=forum_id, name=name, contribution_ids=ids))
    with read_session(db) as session:
        forum = session.get(type(created.forum), forum_id)
    assert forum is not None
    move(db, forum, Stage.PLAN)
    return forum_id, themes, [saved_id(person) for person in people]


Room = tuple[int, dict[str, int], list[int]]


def test_before_any_vote_the_themes_rank_by_their_posts(db: Engine, room: Room) -> None:
    forum_id, themes, _ = room
    with read_session(db) as session:
        ranking = theme_ranking(session=session, forum_id=forum_id)
    assert [found.name for found in ranking.themes] == list(themes)
    assert ranking.vote_id is None and all(found.dots is None for found in ranking.themes)


def test_a_closed_vote_over_themes_ranks_them_and_the_top_ones_become_drafts_once(
    db: Engine, room: tuple[int, dict[str, int], list[int]]
) -> None:
    forum_id, themes, people = room
    with write_session(db) as session:
        candidates = vote_candidates(session=session, forum_id=forum_id, groups={"theme"})
        assert [candidate.label for candidate in candidates] == list(themes)
        subjects = [(OptionSubject.THEME, candidate.subject_id) for candidate in candidates]
        vote = open_vote(
            session=session,
            forum_id=forum_id,
            settings=VoteSettings("ทำอะไรก่อน", 3, 3, ResultsShown.HIDDEN, subjects),
            creation_key=new_token(),
        )
    with read_session(db) as session:
        found = session.exec(select(VoteOption.subject_id, VoteOption.id).where(VoteOption.vote_id == vote.id))
        options = dict(found.all())
    income = options[themes["รายได้"]]
    for person in people:  # everyone puts a dot on income, the theme with fewest posts
        with write_session(db) as session:
            add_dot(session=session, participant_id=person, option_id=income, seen=0)
    with write_session(db) as session:
        add_dot(session=session, participant_id=people[0], option_id=options[themes["ดูแลผู้สูงอายุที่บ้าน"]], seen=0)

    with read_session(db) as session:  # still open: not a ranking yet
        assert theme_ranking(session=session, forum_id=forum_id).vote_id is None
    with write_session(db) as session:
        close_vote(session=session, forum_id=forum_id, vote_id=saved_id(vote), version=vote.version)
    with read_session(db) as session:
        ranking = theme_ranking(session=session, forum_id=forum_id)
    assert [(found.name, found.dots) for found in ranking.themes] == [
        ("รายได้", 3),
        ("ดูแลผู้สูงอายุที่บ้าน", 1),
        ("การเดินทางไปโรงพยาบาล", 0),
    ]

    key = new_token()
    for _ in range(2):  # a double tap makes the drafts once
        with write_session(db) as session:
            made = draft_items_from_themes(session=session, forum_id=forum_id, count=2, creation_key=key)
        assert [item.activity for item in made] == ["รายได้", "ดูแลผู้สูงอายุที่บ้าน"]
    with read_session(db) as session:
        rows = plan(session=session, forum_id=forum_id)
    assert len(rows) == 2
    assert [theme.id for theme in rows[1].themes] == [themes["ดูแลผู้สูงอายุที่บ้าน"]]
    assert sorted(answer.text for answer in rows[1].answers) == sorted(["ผู้สูงอายุอยู่บ้านคนเดียว", "อยากให้มีคนมาเยี่ยมบ้าน"])
    with read_session(db) as session:
        assert [found.planned for found in theme_ranking(session=session, forum_id=forum_id).themes] == [
            True,
            True,
            False,
        ]


def test_a_theme_the_plan_answers_already_gets_no_second_draft(
    db: Engine, room: tuple[int, dict[str, int], list[int]]
) -> None:
    forum_id, themes, _ = room
    with write_session(db) as session:
        create_action_item(
            session=session,
            forum_id=forum_id,
            data=ActionItemCreate(activity="รถรับส่งผู้ป่วย", theme_ids=[themes["การเดินทางไปโรงพยาบาล"]]),
        )
    with write_session(db) as session:
        made = draft_items_from_themes(session=session, forum_id=forum_id, count=2, creation_key=new_token())
    assert [item.activity for item in made] == ["ดูแลผู้สูงอายุที่บ้าน"]  # the top two, less the one planned
