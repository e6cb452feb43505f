"""Every page, drawn over a forum whose every text is hostile: no exception, and nothing on it
(Markdown, widget labels, HTML cards, chart text) is a link, image or styled element made from input.

A case is a whole forum of about a hundred generated texts (tests/fuzz/hostile_forum.py) and
about ten AppTest runs, so the page properties run PAGE_EXAMPLES cases (tests/fuzz/profiles.py),
not the profile's count; tests/fuzz/tally.py counts the distinct texts each page was drawn
with, and the last test here holds the fuzz run to FUZZ_EXAMPLES of them per page.
"""

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, reject, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from facilitation.core.db import read_session
from facilitation.core.errors import ForumError
from facilitation.forum.contributions import my_contributions
from facilitation.forum.participants import identify
from facilitation.forum.policy import Action, allows
from models import Contribution, Stage, saved_id
from tests.fuzz import tally
from tests.fuzz.hostile_forum import Seeded, forum_texts, seed, uniform
from tests.fuzz.pages import page_findings
from tests.fuzz.profiles import FUZZ_EXAMPLES, PAGE_EXAMPLES, PROFILE
from tests.fuzz.strategies import HTML, MARKDOWN, STREAMLIT, hostile_text

# Every kind of markup at once, in every field, in the stage that shows the most: tried first, every run.
ALL_MARKUP = " ".join(MARKDOWN + STREAMLIT + HTML)
EVERYTHING = uniform(ALL_MARKUP)
SHORT = uniform("[EVIL](http://evil.test/) :red[EVIL] <b class=evil>EVIL</b> ")
# One database for every case of a test (each case makes its own forum in it).
PAGES = settings(max_examples=PAGE_EXAMPLES, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _seeded(db: Engine, texts: dict[str, Any], stage: Stage) -> Seeded:
    try:
        return seed(db, texts, stage)
    except ForumError:
        reject()  # a title the forum refuses: the services' own properties cover refusals


def _own_posts(db: Engine, seeded: Seeded) -> list[Contribution]:
    with read_session(db) as session:
        member = identify(session=session, code=seeded.code, token=seeded.token)
        return my_contributions(session=session, participant=member.participant)


def _clean(at: AppTest, page: str, texts: frozenset[str]) -> None:
    problems = page_findings(at, page)
    assert not problems, "\n".join(problems)
    tally.record(page, texts)


@PAGES
@example(texts=SHORT, typed=ALL_MARKUP, stage=Stage.ACT)
@given(texts=forum_texts, typed=hostile_text(), stage=st.sampled_from(Stage))
def test_phone_pages(app: Callable[..., AppTest], db: Engine, texts: dict[str, Any], typed: str, stage: Stage) -> None:
    seeded = _seeded(db, texts, stage)
    phone = app(code=seeded.code, p=seeded.token)
    _clean(phone, "phone", seeded.texts)
    if allows(stage, Action.EDIT_OWN_POST):
        # The edit forms are drawn only in an opened expander: open every one of the phone's posts.
        for contribution in _own_posts(db, seeded):
            phone.session_state[f"mine_open_{saved_id(contribution)}"] = True
        phone.run()
        _clean(phone, "phone, own posts opened", seeded.texts)
    if allows(stage, Action.POST):
        # What someone types comes back in the page's messages and cards.
        phone.text_area(key="share_text").input(typed)
        [button for button in phone.button if button.proto.is_form_submitter][0].click().run()
        _clean(phone, "phone after sending", seeded.texts | {typed})
    phone.button(key="phone_tree_open").click().run()
    _clean(phone, "phone tree", seeded.texts)
    _clean(app(code=seeded.code), "join", seeded.texts)


@PAGES
@example(texts=SHORT, stage=Stage.ACT)
@example(texts=EVERYTHING, stage=Stage.ACT)
@given(texts=forum_texts, stage=st.sampled_from(Stage))
def test_facilitator_pages(app: Callable[..., AppTest], db: Engine, texts: dict[str, Any], stage: Stage) -> None:
    seeded = _seeded(db, texts, stage)
    at = app(code=seeded.code, key=seeded.key)
    _clean(at, "console", seeded.texts)
    at.switch_page("pages/summary.py").run()
    _clean(at, "summary", seeded.texts)
    at.switch_page("pages/tree.py").run()
    _clean(at, "tree", seeded.texts)
    if allows(stage, Action.TIDY_TREE):
        at.selectbox(key="tree_item").select(seeded.duplicate_id).run()
        _clean(at, "tree, merged item chosen", seeded.texts)
    at.switch_page("pages/projector.py").run()
    _clean(at, "projector feed", seeded.texts)
    for view in ("tree", "sankey"):
        at.segmented_control(key="projector_view").set_value(view).run()
        _clean(at, f"projector {view}", seeded.texts)


def test_every_page_was_drawn_with_enough_texts() -> None:
    """Runs after the page properties (pytest keeps a module's order); the fuzz run needs FUZZ_EXAMPLES per page."""
    drawn = tally.counts()
    if not any(cases for cases, _, _ in drawn.values()):
        pytest.skip("no page property ran")
    least = FUZZ_EXAMPLES if PROFILE == "fuzz" else 1
    short = [f"{page}: {texts:,} texts" for page, (_, texts, _) in drawn.items() if texts < least]
    assert not short, f"pages drawn with fewer than {least:,} generated texts: " + ", ".join(short)
