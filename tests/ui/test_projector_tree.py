"""Projector: the welfare tree and its Sankey paths as views beside the live feed."""

import json
import re
from collections.abc import Callable
from html import unescape
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select
from streamlit.testing.v1 import AppTest

from facilitation.core.db import read_session, write_session
from facilitation.forum.forums import CreatedForum
from facilitation.forum.plans import create_action_item
from facilitation.forum.themes import create_theme
from models import ActionItemCreate, Contribution, ContributionKind, FundSource, Sector, saved_id
from tests.factories import join, make_forum, post
from tests.ui.helpers import html, no_exception, th

ROOT = "ผู้ป่วยติดเตียงไม่มีรถไปตามนัดหมอ"
FUND = "กองทุนสวัสดิการชุมชนตำบลศิลา ออมสัจจะวันละบาท"
BENEFIT = "รถรับส่งผู้ป่วยไปตามนัดแพทย์"
LONELY_BENEFIT = "ทุนการศึกษาลูกหลานสมาชิก"  # on no path
HOSTILE = "<b>หนา</b> & <script>alert(1)</script>"
OTHER = "ขอให้มีเวทีติดตามทุกสามเดือน"
ON_TREE = (ROOT, FUND, BENEFIT, LONELY_BENEFIT)


@pytest.fixture
def created(db: Engine) -> CreatedForum:
    created = make_forum(db, title="เวทีสวัสดิการตำบลศิลา", revealed=True)  # posts show as they come
    code = created.forum.code
    somsri = join(db, code, name="สมศรี", sector=Sector.COMMUNITY).participant
    somchai = join(db, code, name="สมชาย", sector=Sector.LOCAL_GOVERNMENT).participant
    root = post(db, somsri, ROOT, ContributionKind.ROOT_CAUSE)
    fund = post(db, somchai, FUND, ContributionKind.FUND)
    benefit = post(db, somchai, BENEFIT, ContributionKind.BENEFIT)
    post(db, somsri, LONELY_BENEFIT, ContributionKind.BENEFIT)
    post(db, somsri, HOSTILE, ContributionKind.ROOT_CAUSE)
    post(db, somsri, OTHER, ContributionKind.OTHER)
    with write_session(db) as session:
        create_action_item(
            session=session,
            forum_id=saved_id(created.forum),
            data=ActionItemCreate(
                activity="รถรับส่งผู้ป่วย",
                budget_baht=60_000,
                fund_source=FundSource.TAO,
                contribution_ids=[saved_id(root), saved_id(fund), saved_id(benefit)],
            ),
        )
    return created


@pytest.fixture
def projector(app: Callable[..., AppTest], created: CreatedForum) -> AppTest:
    at = app(code=created.forum.code, key=created.facilitator_token)
    at.switch_page("pages/projector.py").run()
    no_exception(at)
    return at


def _view(at: AppTest, view: str) -> AppTest:
    at.button_group(key="projector_view").set_value(view).run()
    no_exception(at)
    return at


def _charts(at: AppTest) -> list[Any]:
    return list(at.get("plotly_chart"))


def _spec(chart: Any) -> dict[str, Any]:
    spec: dict[str, Any] = json.loads(chart.proto.spec)
    return spec


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def _squash(text: str) -> str:
    return "".join(text.split())


def _plain(markup: str) -> str:
    return unescape(re.sub(r"</?b>|<br>", " ", markup))


def _shown_texts(spec: dict[str, Any]) -> str:
    """Every text of the figure as a reader sees it, spaces taken out (labels wrap at any word)."""
    return "\n".join(_squash(_plain(text)) for text in _strings(spec))


def test_the_projector_opens_on_the_feed_without_a_chart(projector: AppTest) -> None:
    assert projector.button_group(key="projector_view").value == "feed"
    assert _charts(projector) == []
    shown = html(projector)
    for text in (ROOT, BENEFIT, OTHER):
        assert text in shown


def test_the_view_choice_offers_every_view(projector: AppTest) -> None:
    control = projector.button_group(key="projector_view")
    views = ("feed", "tree", "sankey", "words", "themes", "vote", "sides")
    assert list(control.options) == [th(f"projector_view_{view}") for view in views]


def test_the_tree_view_draws_the_contributions_on_a_chart(projector: AppTest) -> None:
    at = _view(projector, "tree")
    (chart,) = _charts(at)
    assert chart.key == "projector_tree"
    spec = _spec(chart)
    texts = _shown_texts(spec)
    for text in ON_TREE:
        assert _squash(text) in texts, text
    assert _squash(OTHER) not in texts  # "other" is not part of the tree
    for sector in (Sector.COMMUNITY, Sector.LOCAL_GOVERNMENT):
        assert th(f"sector_{sector.value}") in {trace.get("name") for trace in spec["data"]}
    assert spec["layout"]["width"] == 1440
    assert spec["layout"]["height"] >= 780
    assert _squash(th("tree_part_roots")) in texts
    assert "เวทีสวัสดิการตำบลศิลา" in html(at)  # the header stays


def test_the_tree_view_shows_markup_as_text(projector: AppTest) -> None:
    spec = _spec(_charts(_view(projector, "tree"))[0])
    raw = "\n".join(_strings(spec))
    assert "<script" not in raw
    assert "<b>หนา" not in raw
    assert "&lt;b&gt;หนา&lt;/b&gt;" in raw
    assert _squash(HOSTILE) in _shown_texts(spec)


def test_the_sankey_view_draws_the_paths(projector: AppTest) -> None:
    at = _view(projector, "sankey")
    (chart,) = _charts(at)
    assert chart.key == "projector_sankey"
    spec = _spec(chart)
    (trace,) = spec["data"]
    assert trace["type"] == "sankey"
    shown = {unescape(text) for text in trace["node"]["customdata"]}
    assert shown == {ROOT, FUND, BENEFIT}  # only what lies on a path
    assert sorted(trace["link"]["value"]) == [1, 1]


def test_going_back_to_the_feed_removes_the_chart(projector: AppTest) -> None:
    at = _view(projector, "tree")
    assert len(_charts(at)) == 1
    at = _view(at, "feed")
    assert _charts(at) == []
    assert BENEFIT in html(at)


def test_the_tree_view_of_an_empty_forum_renders(app: Callable[..., AppTest], db: Engine) -> None:
    created = make_forum(db, title="เวทีว่าง")
    at = app(code=created.forum.code, key=created.facilitator_token)
    at.switch_page("pages/projector.py").run()
    for view in ("tree", "sankey"):
        at = _view(at, view)
        assert len(_charts(at)) == 1, view


def test_posts_grouped_in_a_theme_show_as_the_theme_s_node_on_the_tree_and_the_paths(
    projector: AppTest, db: Engine, created: CreatedForum
) -> None:
    """The root cause on the plan's path and another in one theme: one root node named for it, on both views."""
    forum_id = saved_id(created.forum)
    with read_session(db) as session:
        mine = select(Contribution.id).where(Contribution.forum_id == forum_id)
        roots = session.exec(mine.where(col(Contribution.text).in_([ROOT, HOSTILE]))).all()
    at = _view(projector, "tree")
    with write_session(db) as session:
        create_theme(session=session, forum_id=forum_id, name="การเดินทาง", contribution_ids=[i for i in roots if i])
    at = _view(at, "feed")  # a tick of the live view, as the watch gives when TREE moves
    spec = _spec(_charts(_view(at, "tree"))[0])
    labels = [_squash(_plain(text)) for text in _node_labels(spec)]
    assert _squash(f"การเดินทาง {th('tree_theme_posts', count=2)}") in labels
    assert not any(_squash(ROOT)[:12] in label for label in labels)
    assert _squash(th("tree_theme_hover", count=2)) in _shown_texts(spec)
    label = _squash(th("tree_theme_label", name="การเดินทาง", count=2))  # the Sankey's
    (trace,) = _spec(_charts(_view(at, "sankey"))[0])["data"]
    shown = {_squash(unescape(text)) for text in trace["node"]["customdata"]}
    assert shown == {label, _squash(FUND), _squash(BENEFIT)}


def _node_labels(spec: dict[str, Any]) -> list[str]:
    return [text for trace in spec["data"] for text in trace.get("text") or []]
