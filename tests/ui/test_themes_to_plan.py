"""The console's step from ranked themes to draft action items, and a vote opened over themes by default."""

from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from facilitation.core.db import read_session, write_session
from facilitation.forum.forums import CreatedForum, set_stage
from facilitation.forum.plans import plan
from facilitation.forum.themes import create_theme
from models import Stage, saved_id
from tests.factories import join, make_forum, post
from tests.ui.helpers import everything, no_exception, shown, submit, th


@pytest.fixture
def created(db: Engine) -> CreatedForum:
    made = make_forum(db, revealed=True)
    forum_id = saved_id(made.forum)
    person = join(db, made.forum.code).participant
    groups = {"การเดินทาง": ["ไม่มีรถไปโรงพยาบาล", "ค่ารถแพง"], "<b>เด็กเล็ก</b>": ["ศูนย์เด็กเล็กอยู่ไกล"]}
    for name, texts in groups.items():
        ids = [saved_id(post(db, person, text)) for text in texts]
        with write_session(db) as session:
            create_theme(session=session, forum_id=forum_id, name=name, contribution_ids=ids)
    with write_session(db) as session:
        set_stage(session=session, forum=made.forum, stage=Stage.PLAN)
    return made


@pytest.fixture
def console(app: Callable[..., AppTest], created: CreatedForum) -> Callable[[], AppTest]:
    return lambda: app(code=created.forum.code, key=created.facilitator_token)


def test_the_top_themes_become_draft_items_once(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    at = console()
    no_exception(at)
    page = everything(at)
    assert th("plan_from_themes_by_posts") in page
    assert "1. การเดินทาง" in page and "2. &lt;b&gt;เด็กเล็ก&lt;/b&gt;" in page  # plain text, never markup
    at.number_input(key="plan_from_themes_count").set_value(1)
    (button,) = [b for b in at.button if str(b.key).startswith("plan_from_themes_")]
    stale = console()  # drawn with the same button, pressed after the first tab's drafts
    at = button.click().run()
    no_exception(at)
    assert th("plan_from_themes_done", count=1) in shown(at, "success")
    with read_session(db) as session:
        rows = plan(session=session, forum_id=saved_id(created.forum))
    assert [row.item.activity for row in rows] == ["การเดินทาง"]
    assert len(rows[0].answers) == 2
    assert th("plan_from_themes_planned") in everything(at)

    # Another tab's tap asks for the top theme too: it is planned already, so nothing is doubled.
    stale.number_input(key="plan_from_themes_count").set_value(1)
    submit(stale, "plan_from_themes_button")
    with read_session(db) as session:
        assert len(plan(session=session, forum_id=saved_id(created.forum))) == 1


def test_a_vote_opens_over_the_themes_by_default(console: Callable[[], AppTest]) -> None:
    at = console()
    groups = at.multiselect(key="vote_groups")
    assert groups.value == ["theme"]
    labels = [str(option) for option in at.multiselect(key=next(
        str(m.key) for m in at.multiselect if str(m.key).startswith("vote_options_")
    )).options]  # fmt: skip
    assert any("การเดินทาง" in label for label in labels) and not any("ค่ารถแพง" in label for label in labels)
