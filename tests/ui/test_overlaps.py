"""Overlaps on the console: both sides and a suggestion, a stale tab refused; the summary lists open ones."""

from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from facilitation.core.db import read_session
from facilitation.forum.forums import CreatedForum
from facilitation.forum.overlaps import overlaps
from models import OverlapDecision, saved_id
from tests.factories import make_forum
from tests.ui.helpers import html, no_exception, shown, th
from tests.unit.helpers import make_item

TAO, HOSPITAL = "กองสวัสดิการสังคม เทศบาลเมืองศิลา", "รพ.สต.บ้านหนองไผ่"


@pytest.fixture
def created(db: Engine) -> CreatedForum:
    made = make_forum(db)
    make_item(db, saved_id(made.forum), "รถรับส่งผู้ป่วยติดเตียงไปโรงพยาบาล", lead_organisation=TAO, area="หมู่ 3")
    make_item(db, saved_id(made.forum), "จัดรถรับส่งผู้ป่วยไปหาหมอตามนัด", lead_organisation=HOSPITAL, area="หมู่ 3")
    return made


@pytest.fixture
def console(app: Callable[..., AppTest], created: CreatedForum) -> Callable[[], AppTest]:
    return lambda: app(code=created.forum.code, key=created.facilitator_token)


def _buttons(at: AppTest, decision: OverlapDecision) -> list[str]:
    return [str(button.key) for button in at.button if str(button.key).endswith(f"_{decision.value}_v0")]


def test_the_console_shows_both_sides_and_a_second_tab_cannot_mark_over_the_first(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    first, second = console(), console()
    no_exception(first)
    assert th("console_tab_overlaps") in [tab.label for tab in first.tabs]
    assert th("overlap_open_count", count=1) in "\n".join(str(m.value) for m in first.markdown)
    page = html(first)
    assert TAO in page and HOSPITAL in page and "หมู่ 3" in page
    assert th("overlap_suggest_coordinate", percent=41) in page

    (coordinated,) = _buttons(first, OverlapDecision.COORDINATED)
    first.button(key=coordinated).click().run()
    no_exception(first)
    assert th("overlap_marked", decision=th("overlap_coordinated")) in shown(first, "success")
    assert th("overlap_open_count", count=0) in "\n".join(str(m.value) for m in first.markdown)

    # The second tab was drawn before the mark: its button carries version 0 and is refused.
    (merged,) = _buttons(second, OverlapDecision.MERGED)
    second.button(key=merged).click().run()
    no_exception(second)
    assert th("overlap_stale") in shown(second, "info")
    assert th("overlap_marked_as", decision=th("overlap_coordinated")) in html(second)
    with read_session(db) as session:
        (flag,) = overlaps(session=session, forum_id=saved_id(created.forum))
    assert (flag.decision, flag.version) == (OverlapDecision.COORDINATED, 1)


def test_the_summary_lists_the_open_overlaps(console: Callable[[], AppTest]) -> None:
    summary = console().switch_page("pages/summary.py").run()
    no_exception(summary)
    assert th("summary_overlaps_heading") in "\n".join(str(m.value) for m in summary.markdown)
    assert f"{TAO} (กิจกรรมที่ 1) กับ {HOSPITAL} (กิจกรรมที่ 2)" in html(summary)
