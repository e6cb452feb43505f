"""Phone: the welfare tree on request only, and back to the forum."""

import json
import re
from collections.abc import Callable
from html import unescape
from typing import Any

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from facilitation.forum.forums import CreatedForum
from models import ContributionKind, Sector
from tests.factories import Joined, join, make_forum, post
from tests.ui.helpers import button_keys, has_button, no_exception, shown, th

ROOT = "ผู้สูงอายุอยู่บ้านคนเดียวไม่มีใครดูแล"
BENEFIT = "อผส. ไปเยี่ยมผู้สูงอายุติดเตียงอาทิตย์ละครั้ง"


@pytest.fixture
def created(db: Engine) -> CreatedForum:
    return make_forum(db, title="เวทีสวัสดิการตำบลศิลา")


@pytest.fixture
def member(db: Engine, created: CreatedForum) -> Joined:
    member = join(db, created.forum.code, name="บุญมี ศรีสว่าง", sector=Sector.COMMUNITY)
    post(db, member.participant, ROOT, ContributionKind.ROOT_CAUSE)
    post(db, member.participant, BENEFIT, ContributionKind.BENEFIT)
    return member


@pytest.fixture
def phone(app: Callable[..., AppTest], created: CreatedForum, member: Joined) -> AppTest:
    at = app(code=created.forum.code, p=member.token)
    no_exception(at)
    return at


def _open_tree(at: AppTest) -> AppTest:
    at.button(key="phone_tree_open").click().run()
    no_exception(at)
    return at


def _texts(spec: dict[str, Any]) -> str:
    """Every hover and label text of the chart as a reader sees it, spaces taken out."""
    texts = [
        text
        for trace in spec["data"]
        for field in ("text", "hovertext")
        for text in (trace.get(field) or [])
        if isinstance(text, str)
    ]
    return "\n".join("".join(unescape(re.sub(r"</?b>|<br>", " ", text)).split()) for text in texts)


def test_the_phone_page_offers_the_tree_but_does_not_draw_it(phone: AppTest) -> None:
    assert "phone_tree_open" in button_keys(phone)
    assert phone.button(key="phone_tree_open").label == th("phone_tree_open")
    assert has_button(phone, "share_submit")
    assert not phone.get("plotly_chart")  # Plotly's bundle is heavy: never sent unasked


def test_opening_the_tree_shows_the_forum_s_tree(phone: AppTest) -> None:
    at = _open_tree(phone)

    charts = list(at.get("plotly_chart"))
    assert [chart.key for chart in charts] == ["phone_tree_chart"]
    spec = json.loads(charts[0].proto.spec)
    texts = _texts(spec)
    assert "".join(ROOT.split()) in texts
    assert "".join(BENEFIT.split()) in texts
    assert "phone_tree_back" in button_keys(at)
    assert th("phone_tree_help") in shown(at, "caption")
    assert not has_button(at, "share_submit")
    assert not at.get("download_button")  # exports are the facilitator's


def test_the_back_button_returns_to_the_phone_page(phone: AppTest) -> None:
    at = _open_tree(phone)
    at.button(key="phone_tree_back").click().run()

    no_exception(at)
    assert has_button(at, "share_submit")
    assert "phone_tree_open" in button_keys(at)
    assert not at.get("plotly_chart")
    assert th("phone_share_intro") in shown(at, "info")


def test_the_tree_can_be_opened_again_after_going_back(phone: AppTest) -> None:
    at = _open_tree(phone)
    at.button(key="phone_tree_back").click().run()
    at = _open_tree(at)
    assert [chart.key for chart in at.get("plotly_chart")] == ["phone_tree_chart"]


def test_the_tree_of_a_forum_without_contributions_opens(app: Callable[..., AppTest], db: Engine) -> None:
    created = make_forum(db, title="เวทีว่าง")
    member = join(db, created.forum.code)
    at = _open_tree(app(code=created.forum.code, p=member.token))
    assert [chart.key for chart in at.get("plotly_chart")] == ["phone_tree_chart"]
