"""Every page, drawn over a forum whose every text is hostile: no exception, and nothing on it
(Markdown, widget labels, HTML cards, chart text) is a link, image or styled element made from input.

A case is a whole forum and about ten AppTest runs, so the page properties run
PAGE_EXAMPLES cases (tests/fuzz/profiles.py), not the profile's count.
"""

from collections.abc import Callable

from hypothesis import HealthCheck, example, given, reject, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from facilitation.core.errors import ForumError
from facilitation.forum.policy import Action, allows
from models import Stage
from tests.fuzz.pages import Seeded, page_findings, seed
from tests.fuzz.profiles import PAGE_EXAMPLES
from tests.fuzz.strategies import HTML, MARKDOWN, STREAMLIT, hostile_text, storable_text

LIMITS = {
    "title": 200,
    "venue": 200,
    "name": 100,
    "organisation": 100,
    "root": 500,
    "fund": 500,
    "benefit": 500,
    "other": 500,
    "activity": 300,
    "objective": 500,
    "target": 300,
    "lead": 200,
    "partners": 500,
    "indicator": 300,
    "expected": 500,
    "pledge": 500,
    "label": 40,
}
forum_texts = st.fixed_dictionaries({field: storable_text(limit) for field, limit in LIMITS.items()})
# Every kind of markup at once, in every field, in the stage that shows the most: tried first, every run.
ALL_MARKUP = " ".join(MARKDOWN + STREAMLIT + HTML)
EVERYTHING = {field: ALL_MARKUP[: limit - 1] + "ก" for field, limit in LIMITS.items()}
SHORT = {
    field: f"{field} [EVIL](http://evil.test/) :red[EVIL] <b class=evil>EVIL</b>"[:limit]
    for field, limit in LIMITS.items()
}
# One database for every case of a test (each case makes its own forum in it).
PAGES = settings(max_examples=PAGE_EXAMPLES, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _seeded(db: Engine, texts: dict[str, str], stage: Stage) -> Seeded:
    try:
        return seed(db, texts, stage)
    except ForumError:
        reject()  # a text the fields refuse: the services' own properties cover refusals


def _clean(at: AppTest, page: str) -> None:
    problems = page_findings(at, page)
    assert not problems, "\n".join(problems)


@PAGES
@example(texts=SHORT, typed=ALL_MARKUP, stage=Stage.ACT)
@given(texts=forum_texts, typed=hostile_text(), stage=st.sampled_from(Stage))
def test_phone_pages(app: Callable[..., AppTest], db: Engine, texts: dict[str, str], typed: str, stage: Stage) -> None:
    seeded = _seeded(db, texts, stage)
    phone = app(code=seeded.code, p=seeded.token)
    _clean(phone, "phone")
    if allows(stage, Action.POST):
        # What someone types comes back in the page's messages and cards.
        phone.text_area(key="share_text").input(typed)
        [button for button in phone.button if button.proto.is_form_submitter][0].click().run()
        _clean(phone, "phone after sending")
    phone.button(key="phone_tree_open").click().run()
    _clean(phone, "phone tree")
    _clean(app(code=seeded.code), "join")


@PAGES
@example(texts=SHORT, stage=Stage.ACT)
@example(texts=EVERYTHING, stage=Stage.ACT)
@given(texts=forum_texts, stage=st.sampled_from(Stage))
def test_facilitator_pages(app: Callable[..., AppTest], db: Engine, texts: dict[str, str], stage: Stage) -> None:
    seeded = _seeded(db, texts, stage)
    at = app(code=seeded.code, key=seeded.key)
    _clean(at, "console")
    at.switch_page("pages/summary.py").run()
    _clean(at, "summary")
    at.switch_page("pages/tree.py").run()
    _clean(at, "tree")
    if allows(stage, Action.TIDY_TREE):
        at.selectbox(key="tree_item").select(seeded.duplicate_id).run()
        _clean(at, "tree, merged item chosen")
    at.switch_page("pages/projector.py").run()
    _clean(at, "projector")
    for view in ("tree", "sankey"):
        at.segmented_control(key="projector_view").set_value(view).run()
        _clean(at, f"projector {view}")
