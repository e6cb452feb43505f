"""In Chromium: screens follow the forum through the event stream, and only for what they show.

A page asks the server for a script run by sending a message on Streamlit's websocket;
counting those messages counts the runs a screen costs. The forum is changed through the
real services, as the facilitator's and other phones' actions change it.
"""

import re

import pytest
from playwright.sync_api import Browser, Page, WebSocket, WebSocketRoute, expect
from sqlalchemy import Engine

from facilitation.core.db import write_session
from facilitation.core.i18n import t
from facilitation.forum.access import open_projector_link
from facilitation.forum.forums import get_forum, set_stage
from facilitation.tree.admin import set_in_tree
from models import ContributionKind, Stage, saved_id
from pages.live import FALLBACK_SECONDS
from tests.e2e.conftest import PHONE, PROJECTOR, following, idle, shot
from tests.factories import CreatedForum, join, make_forum, post

pytestmark = pytest.mark.e2e

FOLLOW_MS = 15_000  # generous: behaviour, not speed (bench/ measures that)
QUIET_MS = 4_000  # long enough for a run a change would have caused to show


class RunRequests:
    """The messages a page sends on Streamlit's websocket: each asks for a script run."""

    def __init__(self, page: Page) -> None:
        self.count = 0
        page.on("websocket", self._watch)

    def _watch(self, socket: WebSocket) -> None:
        if "_stcore/stream" in socket.url:
            socket.on("framesent", self._sent)

    def _sent(self, _payload: object) -> None:
        self.count += 1


def open_phone(browser: Browser, base: str, code: str, token: str) -> tuple[Page, RunRequests]:
    page = browser.new_context(**PHONE).new_page()
    runs = RunRequests(page)
    page.goto(f"{base}/?code={code}&p={token}")
    idle(page)
    following(page)
    return page, runs


def stage(engine: Engine, code: str, to: Stage) -> None:
    with write_session(engine) as session:
        set_stage(session=session, forum=get_forum(session=session, code=code), stage=to)


def new_forum(engine: Engine) -> tuple[CreatedForum, str]:
    created = make_forum(engine)
    return created, join(engine, created.forum.code).token


def test_a_phone_follows_a_stage_change(browser: Browser, site: tuple[str, Engine]) -> None:
    base, engine = site
    created, token = new_forum(engine)
    phone, _runs = open_phone(browser, base, created.forum.code, token)
    expect(phone.get_by_text(t("phone_share_intro"))).to_be_visible()

    stage(engine, created.forum.code, Stage.PLAN)

    expect(phone.get_by_text(t("phone_plan_intro"))).to_be_visible(timeout=FOLLOW_MS)
    phone.context.close()


def test_a_phone_says_the_new_stage_before_its_page_has_redrawn(browser: Browser, site: tuple[str, Engine]) -> None:
    # In a hall every phone reruns its page for a stage change, and the last ones wait their
    # turn: the watcher names the new stage from the event at once. The page's own messages
    # are held back here, so its redraw cannot come until they are let through.
    base, engine = site
    created, token = new_forum(engine)
    page = browser.new_context(**PHONE).new_page()
    held: list[str | bytes] = []
    holding = False

    def proxy(socket: WebSocketRoute) -> None:
        server = socket.connect_to_server()

        def to_server(message: str | bytes) -> None:
            if holding:
                held.append(message)
            else:
                server.send(message)

        socket.on_message(to_server)
        server.on_message(socket.send)
        sockets.append(server)

    sockets: list[WebSocketRoute] = []
    page.route_web_socket(re.compile(r".*/_stcore/stream"), proxy)
    page.goto(f"{base}/?code={created.forum.code}&p={token}")
    idle(page)
    following(page)
    banner = page.locator(".live-stage")
    expect(banner).to_be_hidden()

    holding = True
    stage(engine, created.forum.code, Stage.PLAN)
    expect(banner).to_be_visible(timeout=FOLLOW_MS)
    expect(banner).to_have_text(t("live_stage_moved", stage=t("stage_plan")))
    expect(page.get_by_text(t("phone_share_intro"))).to_be_visible()  # the page itself is still in Share
    shot(page, "phone-stage-banner")

    holding = False
    for message in held:
        sockets[-1].send(message)
    expect(page.get_by_text(t("phone_plan_intro"))).to_be_visible(timeout=FOLLOW_MS)
    expect(banner).to_be_hidden()
    page.context.close()


def test_the_projector_shows_a_new_post(browser: Browser, site: tuple[str, Engine]) -> None:
    base, engine = site
    created = make_forum(engine, revealed=True)  # posts show as they come
    code = created.forum.code
    with write_session(engine) as session:
        screen = open_projector_link(session=session, code=code, key=created.facilitator_token)
    member = join(engine, code).participant
    wall = browser.new_context(**PROJECTOR).new_page()
    runs = RunRequests(wall)
    wall.goto(f"{base}/?code={code}&screen={screen}")
    idle(wall)
    following(wall)
    before = runs.count
    wall.wait_for_timeout(FALLBACK_SECONDS * 1000 + 3_000)
    assert runs.count == before  # idle: the wall keeps no timer either (its watcher sits in a fragment)

    text = "ผู้สูงอายุไม่มีคนพาไปหาหมอตามนัด"
    post(engine, member, text, ContributionKind.ROOT_CAUSE)

    expect(wall.get_by_text(text)).to_be_visible(timeout=FOLLOW_MS)
    shot(wall, "live-projector-new-post")
    wall.context.close()


def test_a_tree_edit_or_someone_else_s_post_does_not_rerun_a_phone_in_share(
    browser: Browser, site: tuple[str, Engine]
) -> None:
    base, engine = site
    created, token = new_forum(engine)
    other = join(engine, created.forum.code, name="สมหญิง").participant
    phone, runs = open_phone(browser, base, created.forum.code, token)
    before = runs.count

    shown = post(engine, other, "ไม่มีรถไปโรงพยาบาล", ContributionKind.ROOT_CAUSE)  # not on this phone in Share
    with write_session(engine) as session:
        set_in_tree(session=session, forum_id=saved_id(created.forum), contribution_id=saved_id(shown), shown=False)
    phone.wait_for_timeout(QUIET_MS)
    assert runs.count == before, "a change this phone does not show made it run its script"

    stage(engine, created.forum.code, Stage.PLAN)  # what it does show: the same count sees one rerun
    expect(phone.get_by_text(t("phone_plan_intro"))).to_be_visible(timeout=FOLLOW_MS)
    assert runs.count > before
    phone.context.close()


def test_an_idle_phone_asks_for_no_run_at_all(browser: Browser, site: tuple[str, Engine]) -> None:
    """Longer than the fallback timer's period: a phone whose stream works keeps no timer."""
    base, engine = site
    created, token = new_forum(engine)
    phone, runs = open_phone(browser, base, created.forum.code, token)
    before = runs.count
    phone.wait_for_timeout(FALLBACK_SECONDS * 1000 + 3_000)
    assert runs.count == before
    phone.context.close()


def test_a_phone_that_was_hidden_and_offline_catches_up(browser: Browser, site: tuple[str, Engine]) -> None:
    base, engine = site
    created, token = new_forum(engine)
    phone, _runs = open_phone(browser, base, created.forum.code, token)

    # The screen sleeps: the page is hidden (its watcher lets the stream go) and the network drops.
    phone.evaluate(
        "() => { Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true});"
        " document.dispatchEvent(new Event('visibilitychange')); }"
    )
    expect(phone.locator(".live-watch[data-stream='closed']")).to_have_count(1)
    phone.context.set_offline(True)
    stage(engine, created.forum.code, Stage.PLAN)
    phone.wait_for_timeout(QUIET_MS)
    expect(phone.get_by_text(t("phone_share_intro"))).to_be_visible()  # asleep: nothing moved yet

    # It wakes: back online and visible.
    phone.context.set_offline(False)
    phone.evaluate(
        "() => { Object.defineProperty(document, 'visibilityState', {value: 'visible', configurable: true});"
        " document.dispatchEvent(new Event('visibilitychange')); }"
    )
    expect(phone.get_by_text(t("phone_plan_intro"))).to_be_visible(timeout=FOLLOW_MS * 2)
    idle(phone)
    shot(phone, "live-phone-caught-up")
    phone.context.close()


def test_a_phone_whose_event_stream_is_blocked_follows_on_the_slow_timer(
    browser: Browser, site: tuple[str, Engine]
) -> None:
    """A proxy that refuses the stream: the page never hears hello and keeps its fallback timer."""
    base, engine = site
    created, token = new_forum(engine)
    phone = browser.new_context(**PHONE).new_page()
    phone.route("**/live/**", lambda route: route.abort())
    phone.goto(f"{base}/?code={created.forum.code}&p={token}")
    idle(phone)

    stage(engine, created.forum.code, Stage.PLAN)

    expect(phone.get_by_text(t("phone_plan_intro"))).to_be_visible(timeout=(FALLBACK_SECONDS + 15) * 1000)
    phone.context.close()
