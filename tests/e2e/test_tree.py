"""The welfare tree in a real browser: on the projector, growing live, and exported."""

import io
import json
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect
from sqlmodel import col, or_, select

from facilitation.core.db import make_engine, write_session
from facilitation.core.i18n import t
from facilitation.core.migrate import upgrade
from facilitation.forum.contributions import add_contribution
from facilitation.forum.forums import set_stage
from facilitation.forum.themes import create_theme
from facilitation.sample.load import load_sample_forum
from models import Contribution, ContributionCreate, ContributionKind, Sector, Stage, saved_id
from tests.e2e.conftest import ARTIFACTS, LAPTOP, PHONE, PROJECTOR, idle, running_app, shot
from tests.factories import join

pytestmark = pytest.mark.e2e

EXTRA = [
    (ContributionKind.ROOT_CAUSE, "ผู้สูงอายุเข้าไม่ถึงข้อมูลสิทธิสวัสดิการ", Sector.ACADEMIC),
    (ContributionKind.ROOT_CAUSE, "ค่าครองชีพสูง รายได้จากการเกษตรไม่แน่นอน", Sector.COMMUNITY),
    (ContributionKind.FUND, "กองทุนหลักประกันสุขภาพระดับตำบล (สปสช.)", Sector.LOCAL_GOVERNMENT),
    (ContributionKind.FUND, "เงินบริจาคผ้าป่าสามัคคีของวัด", Sector.OTHER),
    (ContributionKind.BENEFIT, "ช่วยค่าเดินทางไปโรงเรียนให้เด็กยากจน", Sector.PUBLIC_BENEFIT),
    (ContributionKind.BENEFIT, "ถุงยังชีพเมื่อเกิดน้ำท่วม", Sector.STATE),
    (ContributionKind.BENEFIT, "เงินช่วยเหลือผู้ประสบอัคคีภัย 2,000 บาท", Sector.LOCAL_GOVERNMENT),
    (ContributionKind.OTHER, "อยากให้มีเวทีติดตามผลทุกไตรมาส", Sector.COMMUNITY),
]
LIVE_TEXT = "ศูนย์เด็กเล็ก"
TRAVEL = "การเดินทาง"
# How the sample forum's posts about getting around begin: two root causes and a benefit.
TRAVEL_POSTS = ("คนไข้ติดเตียงไปตามนัดที่", "เด็กที่อยู่กับตายายบางคนเลิกเรียน", "อบต. มีรถรับส่งผู้ป่วยไปตามนัดหมอ")


def drawn_width(page: Page) -> float:
    """The width Plotly drew the tree at (its layout keeps labels apart only at or above canvas size)."""
    return float(page.locator(".js-plotly-plot .main-svg").first.get_attribute("width") or 0)


def seed(url: str) -> tuple[str, str, int]:
    engine = make_engine(url)
    upgrade(engine)
    with write_session(engine) as session:
        created = load_sample_forum(session=session)
    code, forum_id = created.forum.code, saved_id(created.forum)
    for kind, text, sector in EXTRA:
        person = join(engine, code, sector=sector).participant
        with write_session(engine) as session:
            add_contribution(session=session, participant=person, data=ContributionCreate(kind=kind, text=text))
    with write_session(engine) as session:
        set_stage(session=session, forum=created.forum, stage=Stage.SHARE)
    engine.dispose()
    return code, created.facilitator_token, forum_id


def test_tree_on_the_projector_grows_live_and_exports(browser: Browser, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'forum.db'}"
    code, key, _forum_id = seed(url)
    engine = make_engine(url)
    participant_token = join(engine, code, sector=Sector.COMMUNITY).token
    engine.dispose()
    with running_app(url, tmp_path) as base:
        projector = browser.new_context(**PROJECTOR).new_page()
        projector.goto(f"{base}/projector?code={code}&key={key}")
        idle(projector)
        projector.get_by_role("radio", name=t("projector_view_tree")).click()
        idle(projector)
        chart = projector.locator(".js-plotly-plot").first
        expect(chart).to_be_visible(timeout=15_000)
        expect(chart.locator("text").filter(has_text="กองทุนสวัสดิการชุมชนตำบลศิลา").first).to_be_visible()
        projector.wait_for_timeout(1000)
        shot(projector, "tree-projector-40", full_page=False)

        # A contribution posted now appears on the tree at the next refresh, without a reload.
        engine = make_engine(url)
        person = join(engine, code, sector=Sector.COMMUNITY).participant
        with write_session(engine) as session:
            add_contribution(
                session=session,
                participant=person,
                data=ContributionCreate(kind=ContributionKind.BENEFIT, text=LIVE_TEXT),
            )
        engine.dispose()
        expect(chart.locator("text").filter(has_text=LIVE_TEXT).first).to_be_visible(timeout=5_000)
        assert projector.evaluate("performance.getEntriesByType('navigation').length") == 1

        assert drawn_width(projector) >= 1440

        console = browser.new_context(**LAPTOP).new_page()
        console.goto(f"{base}/tree?code={code}&key={key}")
        idle(console)
        expect(console.locator(".js-plotly-plot").first).to_be_visible(timeout=15_000)
        # A 1366-pixel laptop is narrower than the canvas: the tree scrolls sideways, never squeezes.
        assert drawn_width(console) >= 1400
        shot(console, "tree-console")
        exports = {}
        for label in ("PNG", "SVG", "HTML"):
            with console.expect_download(timeout=60_000) as info:
                console.get_by_role("button", name=label, exact=True).click()
            exports[label] = info.value.path().read_bytes()
            (ARTIFACTS / f"tree-export.{label.lower()}").write_bytes(exports[label])

        phone = browser.new_context(**PHONE).new_page()
        phone.goto(f"{base}/tree?code={code}&p={participant_token}")
        idle(phone)
        expect(phone.locator(".js-plotly-plot").first).to_be_visible(timeout=15_000)
        assert drawn_width(phone) >= 1000
        shot(phone, "tree-phone", full_page=False)

    png = Image.open(io.BytesIO(exports["PNG"]))
    assert png.format == "PNG" and png.width >= 1400
    svg = exports["SVG"].decode("utf-8")
    assert "<svg" in svg and LIVE_TEXT in svg and "กองทุนสวัสดิการ" in svg
    html = exports["HTML"].decode("utf-8")
    # Self-contained: plotly.js is inline and no script is fetched from anywhere.
    assert "<html" in html and "Plotly.newPlot" in html and len(html) > 3_000_000
    assert "<script src=" not in html
    assert LIVE_TEXT in html or json.dumps(LIVE_TEXT)[1:-1] in html


def test_a_theme_grouped_while_the_projector_shows_the_tree_becomes_one_node(browser: Browser, tmp_path: Path) -> None:
    """The facilitator groups two root causes and a benefit about getting around: the wall redraws them as the
    theme's nodes, ringed and named with their count, on the tree and on the paths, without a reload."""
    url = f"sqlite:///{tmp_path / 'forum.db'}"
    code, key, forum_id = seed(url)
    with running_app(url, tmp_path) as base:
        projector = browser.new_context(**PROJECTOR).new_page()
        projector.goto(f"{base}/projector?code={code}&key={key}")
        idle(projector)
        projector.get_by_role("radio", name=t("projector_view_tree")).click()
        idle(projector)
        chart = projector.locator(".js-plotly-plot").first
        expect(chart).to_be_visible(timeout=15_000)

        engine = make_engine(url)
        with write_session(engine) as session:
            travel = session.exec(
                select(Contribution.id).where(
                    Contribution.forum_id == forum_id,
                    or_(*(col(Contribution.text).startswith(start) for start in TRAVEL_POSTS)),
                )
            ).all()
            assert len(travel) == len(TRAVEL_POSTS)
            create_theme(session=session, forum_id=forum_id, name=TRAVEL, contribution_ids=[i for i in travel if i])
        engine.dispose()
        # The theme's name, with how many posts it groups, on its root node and on its fruit.
        named = chart.locator(".textpoint text").filter(has_text=TRAVEL)
        expect(named).to_have_count(2, timeout=5_000)
        expect(chart.locator(".legend text").filter(has_text=t("tree_theme_legend", "th"))).to_be_visible()
        assert projector.evaluate("performance.getEntriesByType('navigation').length") == 1
        projector.wait_for_timeout(1000)
        shot(projector, "tree-projector-theme", full_page=False)
        box = chart.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 1080 + 0.5, box

        projector.get_by_role("radio", name=t("projector_view_sankey")).click()
        idle(projector)
        labels = projector.locator(".js-plotly-plot .sankey .node-label").filter(has_text=TRAVEL)
        expect(labels.first).to_be_visible(timeout=15_000)
        projector.wait_for_timeout(1000)
        shot(projector, "tree-projector-theme-paths", full_page=False)
