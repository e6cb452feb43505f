"""The projector on a 1920×1080 screen: everything fits, nothing is cut off, text carries to the back."""

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from facilitation.core.db import make_engine, write_session
from facilitation.core.i18n import t
from facilitation.core.migrate import upgrade
from facilitation.forum.access import open_projector_link
from facilitation.forum.commitments import add_commitment
from facilitation.forum.contributions import add_contribution
from facilitation.forum.forums import get_forum, set_stage
from facilitation.forum.plans import create_action_item
from facilitation.present.wall import COMMITMENT_MAX_LINES, COMMITMENTS_PER_CARD
from facilitation.sample import data as sample_data
from models import (
    ActionItemCreate,
    CommitmentCreate,
    ContributionCreate,
    ContributionKind,
    Sector,
    Stage,
    saved_id,
)
from tests.e2e.conftest import PROJECTOR, idle, running_app, shot
from tests.factories import join, make_forum

pytestmark = pytest.mark.e2e

PER_KIND = 14
ACTIVITIES = 10
MIN_PX = 20.0
# Text the room reads from the back of the hall, by what it is.
READ_FROM_AFAR = {
    "post text": ".wall .card-text",
    "column title": ".wall h3",
    "count": '[data-testid="count"]',
    "and N more": '[data-testid="more"]',
    "stage": '[data-testid="stage"]',
    "joined": '[data-testid="joined"]',
    "joined label": ".joined-label",
    "forum title": ".projector-header .plain-heading",
    "activity": ".plan-board.wall h4",
    "plan facts": ".plan-board.wall .fact, .plan-board.wall li",
    "word": ".word-cloud .word",
    "sides": ".sides-board .side, .sides-board .side *",
}
# The sample forum's organisations (the first of each sector) and promises: long names, real lengths.
ORGANISATIONS = {
    sector: next(p.organisation for p in sample_data.PARTICIPANTS if p.sector == sector.value) for sector in Sector
}
PROMISES = [c.text for c in sample_data.COMMITMENTS]
LONG = "ผู้สูงอายุที่อยู่ลำพังในหมู่บ้านห่างไกลเข้าไม่ถึงข้อมูลสิทธิสวัสดิการ ไม่มีรถไปโรงพยาบาล และลูกหลานไปทำงานต่างจังหวัด"


def _seed(url: str) -> tuple[str, str, str, int]:
    """A hall-sized forum: many long posts of every kind, a long plan with many commitments."""
    engine = make_engine(url)
    upgrade(engine)
    title = "เวทีสวัสดิการสังคมระดับจังหวัดขอนแก่น ครั้งที่ 1/2570 ณ หอประชุมใหญ่ศาลากลางจังหวัด"
    created = make_forum(engine, title=title, revealed=True)  # the wall full of posts is what must fit
    code, forum_id = created.forum.code, saved_id(created.forum)
    texts = [c.text for c in sample_data.CONTRIBUTIONS]
    people = [
        join(engine, code, sector=sector, name=f"ผู้เข้าร่วม {i}", organisation=ORGANISATIONS[sector]).participant
        for i, sector in enumerate(Sector)
    ]
    posted = []
    with write_session(engine) as session:
        for index in range(PER_KIND):
            for kind in ContributionKind:
                text = f"{LONG if index % 3 == 0 else texts[index % len(texts)]} ({kind.value} {index})"
                person = people[index % len(people)]
                data = ContributionCreate(kind=kind, text=text)
                posted.append(add_contribution(session=session, participant=person, data=data).contribution)
    items = []
    with write_session(engine) as session:
        for index in range(ACTIVITIES):
            item = create_action_item(
                session=session,
                forum_id=forum_id,
                data=ActionItemCreate(
                    activity=f"กิจกรรมที่ {index + 1}: รถรับส่งผู้ป่วยติดเตียงไปตามนัดแพทย์ที่โรงพยาบาลจังหวัดทุกสัปดาห์",
                    lead_organisation="องค์การบริหารส่วนตำบลศิลา",
                    budget_baht=60_000 + index,
                    contribution_ids=[saved_id(c) for c in posted[index * 3 : index * 3 + 4]],
                ),
            )
            items.append(saved_id(item))
        set_stage(session=session, forum=created.forum, stage=Stage.ACT)
    with write_session(engine) as session:
        for item_id in items:
            for person in people:
                text = PROMISES[(item_id + saved_id(person)) % len(PROMISES)]
                add_commitment(
                    session=session, participant=person, data=CommitmentCreate(action_item_id=item_id, text=text)
                )
        set_stage(session=session, forum=created.forum, stage=Stage.SHARE)
    with write_session(engine) as session:
        screen = open_projector_link(session=session, code=code, key=created.facilitator_token)
    empty = make_forum(engine, title="เวทีว่าง")
    with write_session(engine) as session:
        empty_screen = open_projector_link(session=session, code=empty.forum.code, key=empty.facilitator_token)
    engine.dispose()
    return f"?code={code}&screen={screen}", f"?code={empty.forum.code}&screen={empty_screen}", code, forum_id


def _stage(url: str, code: str, stage: Stage) -> None:
    engine = make_engine(url)
    with write_session(engine) as session:
        set_stage(session=session, forum=get_forum(session=session, code=code), stage=stage)
    engine.dispose()


def _font_sizes(page: Page) -> dict[str, float]:
    """The smallest computed font size of each kind of text on the screen (absent kinds left out)."""
    sizes: dict[str, float] = page.evaluate(
        """(selectors) => {
            const found = {};
            for (const [name, selector] of Object.entries(selectors)) {
                const px = [...document.querySelectorAll(selector)]
                    .map((el) => parseFloat(getComputedStyle(el).fontSize));
                if (px.length) found[name] = Math.min(...px);
            }
            return found;
        }""",
        READ_FROM_AFAR,
    )
    return sizes


def _outside(page: Page) -> list[str]:
    """Cards and "more" lines whose box leaves the 1920×1080 screen, and whether the page scrolls."""
    found: list[str] = page.evaluate(
        """() => {
            const bad = [];
            for (const el of document.querySelectorAll('.card, .plan-card, [data-testid="more"], .feed-column h3')) {
                const box = el.getBoundingClientRect();
                if (box.bottom > innerHeight + 0.5 || box.right > innerWidth + 0.5 || box.top < 0)
                    bad.push(`${el.className} ${Math.round(box.top)}-${Math.round(box.bottom)}`);
            }
            const main = document.querySelector('[data-testid="stMain"]');
            if (main && main.scrollHeight > main.clientHeight + 1)
                bad.push(`scrolls ${main.scrollHeight} > ${main.clientHeight}`);
            return bad;
        }"""
    )
    return found


def _check_screen(page: Page, name: str) -> dict[str, float]:
    page.wait_for_timeout(800)
    shot(page, name, full_page=False)
    assert _outside(page) == [], name
    sizes = _font_sizes(page)
    small = {kind: px for kind, px in sizes.items() if px < MIN_PX}
    assert small == {}, f"{name}: {sizes}"
    return sizes


def _commitments(page: Page) -> list[dict[str, Any]]:
    """Each commitment on the Act wall: who comes first, and whether any of its text is cut off."""
    found: list[dict[str, Any]] = page.evaluate(
        """() => [...document.querySelectorAll('.plan-board.wall .commitments li')].map((li) => {
            const style = getComputedStyle(li);
            const lines = li.clientHeight / parseFloat(style.lineHeight);
            return {
                text: li.textContent,
                first: li.firstElementChild && li.firstElementChild.tagName,
                px: parseFloat(style.fontSize),
                ellipsis: style.textOverflow === 'ellipsis' || style.whiteSpace === 'nowrap',
                cut: li.scrollWidth > li.clientWidth + 1 || li.scrollHeight > li.clientHeight + 1,
                clamp: style.webkitLineClamp,
                lines: Math.round(lines * 10) / 10,
            };
        })"""
    )
    return found


def _chart_boxes(page: Page) -> dict[str, Any]:
    """The chart's svg, its plot area, its legend and its text boxes, in screen pixels."""
    found: dict[str, Any] = page.evaluate(
        """() => {
            const chart = document.querySelector('.js-plotly-plot');
            const box = (el) => { const r = el.getBoundingClientRect();
                                  return [r.left, r.top, r.right, r.bottom]; };
            const svg = box(chart.querySelector('.main-svg'));
            const size = chart._fullLayout._size;
            const legend = chart.querySelector('.legend');
            return {
                svg,
                plot_top: svg[1] + size.t,
                legend: legend ? box(legend) : null,
                legend_px: [...chart.querySelectorAll('.legend text')].map(
                    (el) => parseFloat(getComputedStyle(el).fontSize)),
                nodes: [...chart.querySelectorAll('.sankey .node-label')].filter((el) => el.textContent.trim())
                    .map((el) => [el.textContent, parseFloat(getComputedStyle(el).fontSize), box(el)]),
            };
        }"""
    )
    return found


def _overlapping(boxes: list[list[float]]) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i, a in enumerate(boxes)
        for j, b in enumerate(boxes[i + 1 :], i + 1)
        if a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1
    ]


def test_a_hall_sized_forum_fits_the_projector_in_every_stage(browser: Browser, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'forum.db'}"
    link, _empty, code, _forum_id = _seed(url)
    with running_app(url, tmp_path) as base:
        page = browser.new_context(**PROJECTOR).new_page()
        page.goto(f"{base}/{link}")
        idle(page)

        # Share: four columns of the newest posts, each saying how many more there are.
        expect(page.locator(".wall .card")).to_have_count(4 * 5, timeout=15_000)
        more = page.get_by_test_id("more")
        expect(more).to_have_count(4)
        expect(more.first).to_have_text(t("feed_more", "th", count=PER_KIND - 5))
        counts = page.get_by_test_id("count")
        expect(counts.first).to_have_text(str(PER_KIND))
        sizes = {"share": _check_screen(page, "projector-1080-share")}

        _stage(url, code, Stage.PLAN)
        expect(page.locator(".plan-card")).to_have_count(4, timeout=15_000)
        expect(page.get_by_text(t("wall_earlier_activities", "th", count=ACTIVITIES - 4))).to_be_visible()
        sizes["plan"] = _check_screen(page, "projector-1080-plan")
        # What each activity answers wraps to two lines instead of being cut to one.
        answers = page.evaluate(
            """() => [...document.querySelectorAll('.plan-board.wall .answers li')].map((li) => {
                const style = getComputedStyle(li);
                return {nowrap: style.whiteSpace === 'nowrap', clamp: style.webkitLineClamp,
                        lines: Math.round(li.clientHeight / parseFloat(style.lineHeight))};
            })"""
        )
        assert answers and all(not a["nowrap"] and a["clamp"] == "2" for a in answers), answers
        assert any(a["lines"] == 2 for a in answers), answers  # the seeded posts are long

        _stage(url, code, Stage.ACT)
        expect(page.locator(".plan-card")).to_have_count(6, timeout=15_000)
        sizes["act"] = _check_screen(page, "projector-1080-act")
        # What each organisation promised is read whole, who first; each activity shows its newest
        # that fit and says how many more there are.
        commitments = _commitments(page)
        for shown in commitments:
            assert shown["first"] == "B" and shown["px"] >= MIN_PX, shown
            assert not shown["ellipsis"] and not shown["cut"], shown  # nothing of it cut off
            assert shown["clamp"] == str(COMMITMENT_MAX_LINES) and shown["lines"] <= COMMITMENT_MAX_LINES, shown
            assert any(promise in shown["text"] for promise in PROMISES), shown
        for card in page.locator(".plan-card").all():
            listed = card.locator(".commitments li").count()
            assert 1 <= listed <= COMMITMENTS_PER_CARD
            expect(card.get_by_test_id("count")).to_have_text(str(len(Sector)))
            expect(card.get_by_test_id("more")).to_have_text(t("feed_more", "th", count=len(Sector) - listed))
        assert len(commitments) >= 2 * 6  # two of these long ones fit each card
        print(sizes)  # the report quotes these


def test_the_tree_views_read_from_afar_and_say_when_they_are_empty(browser: Browser, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'forum.db'}"
    link, empty, _code, _forum_id = _seed(url)
    with running_app(url, tmp_path) as base:
        page = browser.new_context(**PROJECTOR).new_page()
        page.goto(f"{base}/{link}")
        idle(page)
        page.get_by_role("radio", name=t("projector_view_tree")).click()
        idle(page)
        chart = page.locator(".js-plotly-plot").first
        expect(chart).to_be_visible(timeout=15_000)
        page.wait_for_timeout(1000)
        shot(page, "projector-1080-tree", full_page=False)
        labels = page.evaluate(
            """() => [...document.querySelectorAll('.js-plotly-plot .textpoint text, .js-plotly-plot .annotation-text')]
                .filter((el) => el.textContent.trim() && !el.closest('.legend'))
                .map((el) => [el.textContent, parseFloat(getComputedStyle(el).fontSize)])"""
        )
        assert labels
        small = [(text, px) for text, px in labels if px < MIN_PX]
        # The one small line is the credit to the welfare-tree concept, not meant for the back row.
        assert [text for text, _ in small] == [t("tree_adapted", "th")], small
        box = chart.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 1080 + 0.5, box
        # The legend reads like the labels, above the tree and not over it.
        boxes = _chart_boxes(page)
        legend = boxes["legend"]
        assert boxes["legend_px"] and min(boxes["legend_px"]) >= MIN_PX, boxes["legend_px"]
        assert legend and boxes["svg"][1] <= legend[1] and legend[3] <= boxes["plot_top"] + 0.5, boxes
        assert legend[2] <= 1920, legend

        # The Sankey takes the screen below the header: inside 1920×1080, most of its width, labels apart.
        page.get_by_role("radio", name=t("projector_view_sankey")).click()
        idle(page)
        expect(page.locator(".js-plotly-plot .sankey").first).to_be_visible(timeout=15_000)
        page.wait_for_timeout(1000)
        shot(page, "projector-1080-sankey", full_page=False)
        boxes = _chart_boxes(page)
        left, top, right, bottom = boxes["svg"]
        assert right <= 1920 + 0.5 and bottom <= 1080 + 0.5 and top >= 0, boxes["svg"]
        assert right - left >= 0.7 * 1920, boxes["svg"]
        nodes = boxes["nodes"]
        assert nodes and min(px for _, px, _ in nodes) >= MIN_PX, nodes
        outside = [text for text, _, (x0, y0, x1, y1) in nodes if x0 < left or y0 < top or x1 > right or y1 > bottom]
        assert outside == [], outside
        assert _overlapping([node_box for _, _, node_box in nodes]) == []

        page.goto(f"{base}/{empty}")
        idle(page)
        page.get_by_role("radio", name=t("projector_view_sankey")).click()
        idle(page)
        message = page.locator(".js-plotly-plot .annotation-text").filter(has_text=t("wall_paths_empty", "th")[:12])
        expect(message.first).to_be_visible(timeout=15_000)
        shot(page, "projector-1080-paths-empty", full_page=False)
        page.get_by_role("radio", name=t("projector_view_tree")).click()
        idle(page)
        message = page.locator(".js-plotly-plot .annotation-text").filter(has_text=t("wall_tree_empty", "th")[:12])
        expect(message.first).to_be_visible(timeout=15_000)
        shot(page, "projector-1080-tree-empty", full_page=False)


def _on_view(browser: Browser, address: str, view: str) -> Page:
    """The projector at 1920×1080, switched to `view` and settled."""
    page = browser.new_context(**PROJECTOR).new_page()
    page.goto(address)
    idle(page)
    page.get_by_role("radio", name=t(f"projector_view_{view}")).click()
    idle(page)
    return page


def test_the_words_view_fits_the_screen_and_reads_from_afar(browser: Browser, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'forum.db'}"
    link, _empty, _code, _forum_id = _seed(url)
    with running_app(url, tmp_path) as base:
        page = _on_view(browser, f"{base}/{link}", "words")
        words = page.locator(".word-cloud .word")
        expect(words.first).to_be_visible(timeout=15_000)
        assert 10 <= words.count() <= 40
        outside = page.evaluate(
            """() => [...document.querySelectorAll('.word-cloud .word')].filter((el) => {
                const box = el.getBoundingClientRect();
                return box.bottom > innerHeight + 0.5 || box.right > innerWidth + 0.5 || box.left < 0;
            }).map((el) => el.textContent)"""
        )
        assert outside == []
        _check_screen(page, "projector-1080-words")


def test_the_sides_view_fits_the_screen_and_reads_from_afar(browser: Browser, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'forum.db'}"
    link, _empty, _code, _forum_id = _seed(url)
    with running_app(url, tmp_path) as base:
        page = _on_view(browser, f"{base}/{link}", "sides")
        sides = page.locator(".sides-board .side")
        expect(sides.first).to_be_visible(timeout=15_000)
        assert sides.count() == len(Sector)  # the seed has someone from every sector
        sizes = _check_screen(page, "projector-1080-sides")
        assert sizes["sides"] >= MIN_PX
        cut = page.evaluate(
            """() => [...document.querySelectorAll('.sides-board .side, .sides-board .side-kind-label')]
                .filter((el) => {
                    const box = el.getBoundingClientRect();
                    return box.bottom > innerHeight + 0.5 || box.right > innerWidth + 0.5
                        || el.scrollWidth > el.clientWidth + 1;
                }).map((el) => el.textContent)"""
        )
        assert cut == []
