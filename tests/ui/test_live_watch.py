"""The live watcher under AppTest: what each screen watches, and the fallback timer while no stream is heard.

AppTest draws a components-v2 element as an UnknownElement (type "bidi_component") whose
proto carries the data handed to the browser; its JavaScript never runs here (the browser
tests in tests/e2e/test_live_updates.py run it). Fragments run inline, timers never fire.
"""

import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from facilitation.core.db import read_session, write_session
from facilitation.forum.forums import CreatedForum, set_stage
from facilitation.live.changes import counters
from models import Stage, saved_id
from tests.factories import join, make_forum
from tests.ui.helpers import no_exception


@pytest.fixture
def created(db: Engine) -> CreatedForum:
    return make_forum(db)


def _stage(engine: Engine, created: CreatedForum, stage: Stage) -> None:
    with write_session(engine) as session:
        set_stage(session=session, forum=created.forum, stage=stage)


def watcher(at: AppTest) -> dict[str, Any]:
    """The data the page handed its watcher in the last run."""
    (element,) = at.get("bidi_component")
    found: dict[str, Any] = json.loads(element.proto.json)
    return found


def fallback_drawn(at: AppTest, key: str) -> bool:
    """Whether the watcher's box holds more than the watcher: the fallback fragment."""
    boxes = [node for node in at.get("flex_container") if isinstance(node, Block) and node.key == f"{key}_box"]
    assert len(boxes) == 1
    return len(boxes[0].children) > 1


def now(engine: Engine, created: CreatedForum) -> dict[str, int]:
    forum_id = saved_id(created.forum)
    with read_session(engine) as session:
        return counters(session=session, forum_ids=[forum_id])[forum_id]


def test_a_phone_watches_the_stage_in_share_and_the_plan_from_plan_on(
    app: Callable[..., AppTest], db: Engine, created: CreatedForum
) -> None:
    member = join(db, created.forum.code)
    at = app(code=created.forum.code, p=member.token)
    no_exception(at)
    watched = watcher(at)
    assert (watched["code"], watched["role"]) == (created.forum.code, "phone")
    assert watched["seen"] == now(db, created)  # read before the page drew
    assert watched["topics"] == {"stage": 0, "timer": 0}  # no tree, no posts: a Share phone shows only its own

    _stage(db, created, Stage.PLAN)
    at.run()

    watched = watcher(at)
    assert watched["seen"] == now(db, created)
    # In Plan, where the room votes, a vote opened, closed or revealed too.
    # The plan's cards carry each activity's progress, which owners report at any time.
    assert watched["topics"] == {"stage": 0, "timer": 0, "plan": 0, "commitments": 10, "progress": 10, "voting": 0}


def test_the_fallback_timer_is_drawn_until_the_stream_says_hello(
    app: Callable[..., AppTest], db: Engine, created: CreatedForum
) -> None:
    member = join(db, created.forum.code)
    at = app(code=created.forum.code, p=member.token)
    assert watcher(at)["hello"] is True
    assert fallback_drawn(at, "phone_live")

    at.session_state["phone_live_streaming"] = True  # what the "hello" trigger's callback records
    at.run()

    no_exception(at)
    assert watcher(at)["hello"] is False
    assert not fallback_drawn(at, "phone_live")


def test_the_projector_watches_what_its_view_shows(
    app: Callable[..., AppTest], db: Engine, created: CreatedForum
) -> None:
    at = app(code=created.forum.code, key=created.facilitator_token)
    at = at.switch_page("pages/projector.py").run()
    no_exception(at)
    watched = watcher(at)
    assert (watched["code"], watched["role"]) == (created.forum.code, "projector")
    assert watched["seen"] == now(db, created)
    assert watched["topics"] == {
        "stage": 0, "people": 1, "posts": 1, "plan": 0, "commitments": 1, "timer": 0, "reveal": 0, "voting": 0,
        "progress": 1,
    }  # fmt: skip

    at.segmented_control(key="projector_view").set_value("tree").run()

    no_exception(at)
    assert watcher(at)["topics"] == {"stage": 0, "people": 1, "tree": 0, "timer": 0, "voting": 0}

    # The words follow the posts, at most every few seconds: a cloud redrawn each second is never read.
    at.segmented_control(key="projector_view").set_value("words").run()
    no_exception(at)
    assert watcher(at)["topics"] == {
        "stage": 0, "people": 1, "posts": 5, "timer": 0, "reveal": 0, "words": 0, "voting": 0,
    }  # fmt: skip
