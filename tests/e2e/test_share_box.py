"""The phone's share box in a real browser: a post goes over plain HTTP, and nothing typed is lost.

The box sends to /posts/{code} beside the app and says "sent" from the server's answer,
then the page reruns to list the post among the phone's own. Cut connections, lost
answers, a double tap, a forum closed mid-sentence, a reload and a server with no
endpoint each keep the words or store them exactly once.
"""

import json
import re
import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect
from sqlalchemy import Engine
from sqlmodel import select

from facilitation.core.db import read_session, write_session
from facilitation.core.i18n import t
from facilitation.forum.forums import set_stage
from models import Contribution, Forum, Stage
from tests.e2e.conftest import HOST, PHONE, following, idle, shot
from tests.factories import Joined, join, make_forum

pytestmark = pytest.mark.e2e

BOX = ".share-box"


@pytest.fixture
def forum(site: tuple[str, Engine]) -> Forum:
    return make_forum(site[1], revealed=True).forum  # the wall shows posts as they come


@pytest.fixture
def member(site: tuple[str, Engine], forum: Forum) -> Joined:
    return join(site[1], forum.code, name="สมชาย")


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    opened = browser.new_context(**PHONE)
    yield opened
    opened.close()


def open_phone(context: BrowserContext, site: tuple[str, Engine], forum: Forum, member: Joined) -> Page:
    phone = context.new_page()
    phone.goto(f"{site[0]}/?code={forum.code}&p={member.token}")
    following(phone)  # its watcher's one "hello" run is over before the runs are counted
    expect(phone.locator(BOX)).to_be_visible()
    return phone


# Counts the page's script runs from here on (a run can be too short to be seen by polling).
COUNT_RUNS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    window.runsStarted = 0;
    new MutationObserver(() => {
        window.runsStarted += app.dataset.testScriptState === "running" ? 1 : 0;
    }).observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
}"""


def watch_runs(phone: Page) -> int:
    phone.evaluate(COUNT_RUNS)
    return 0


def texts(engine: Engine, forum: Forum) -> list[str]:
    with read_session(engine) as session:
        rows = session.exec(select(Contribution).where(Contribution.forum_id == forum.id))
        return [row.text for row in rows]


def box_text(phone: Page) -> str:
    return phone.get_by_label(t("share_text"), exact=True).input_value()


def type_and_send(phone: Page, text: str, kind: str | None = None) -> None:
    if kind is not None:
        phone.locator(BOX).get_by_label(t(f"kind_{kind}"), exact=True).check()
    phone.get_by_label(t("share_text"), exact=True).fill(text)
    phone.get_by_role("button", name=t("share_submit"), exact=True).click()


def store_past_the_phone(route: Route) -> None:
    """Send the phone's request to the server ourselves: it stores the post, and the phone gets no answer."""
    request = urllib.request.Request(
        route.request.url.replace(HOST, "127.0.0.1"),
        data=(route.request.post_data or "").encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as reply:
        assert json.loads(reply.read())["created"] is True


def status(phone: Page) -> str:
    return phone.locator(".share-status").inner_text()


def test_a_post_is_said_sent_then_listed_and_stored_once(
    context: BrowserContext, site: tuple[str, Engine], forum: Forum, member: Joined
) -> None:
    phone = open_phone(context, site, forum, member)
    posts: list[str] = []
    phone.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    runs = watch_runs(phone)
    type_and_send(phone, "กองทุนสัจจะวันละบาท สมาชิก 1,284 คน", kind="fund")
    expect(phone.locator(".share-status.success")).to_have_text(t("share_sent"))
    assert box_text(phone) == ""  # cleared for the next message
    # Listed in the box at once, with no run of the page: the page's own list has not changed.
    sent = phone.locator(".share-sent")
    expect(sent.get_by_text(t("share_sent_heading", count=1))).to_be_visible()
    expect(sent.locator(".card-text")).to_have_text("กองทุนสัจจะวันละบาท สมาชิก 1,284 คน")
    expect(phone.get_by_text(t("mine_heading", count=0))).to_be_visible()
    with read_session(site[1]) as session:
        (row,) = session.exec(select(Contribution).where(Contribution.forum_id == forum.id))
    assert row.kind == "fund"
    assert [url for url in posts if "/posts/" in url] == [f"{site[0]}/posts/{forum.code}"]
    phone.wait_for_timeout(1500)
    assert phone.evaluate("window.runsStarted") == runs, "a post must not run the page"
    shot(phone, "share-box-sent")

    # Asked for, one run moves it into the page's own list, where it can be edited.
    sent.get_by_role("button", name=t("share_sent_open")).click()
    expect(phone.get_by_text(t("mine_heading", count=1))).to_be_visible()
    idle(phone)
    expect(sent).to_be_hidden()
    expect(phone.locator(".card-text")).to_have_count(1)
    expect(phone.locator(".share-status.success")).to_be_visible()  # the message stays through the run


def test_a_double_tap_sends_once_and_the_server_guard_holds_for_a_second_request(
    context: BrowserContext, site: tuple[str, Engine], forum: Forum, member: Joined
) -> None:
    phone = open_phone(context, site, forum, member)
    sent: list[str] = []
    phone.on("request", lambda request: sent.append(request.url) if "/posts/" in request.url else None)
    phone.get_by_label(t("share_text"), exact=True).fill("ผู้สูงอายุไม่มีรถไปโรงพยาบาล")
    # Two taps in one go, before anything on the page could change between them.
    phone.get_by_role("button", name=t("share_submit"), exact=True).evaluate(
        "button => { button.click(); button.click(); }"
    )
    expect(phone.locator(".share-sent .card-text")).to_have_count(1)
    assert len(sent) == 1  # the box sends one request while one is on its way
    # The same request again, as a second tap from another tab of this phone would send it.
    answer = phone.evaluate(
        """async ([url, token]) => {
            const reply = await fetch(url, {method: "POST", headers: {"Content-Type": "application/json"},
                body: JSON.stringify({p: token, kind: "root_cause", text: "ผู้สูงอายุไม่มีรถไปโรงพยาบาล"})});
            return await reply.json();
        }""",
        [f"posts/{forum.code}", member.token],
    )
    assert (answer["created"], answer["message"]) == (False, t("share_already"))
    # The same words sent again from the box on purpose: acknowledged, not stored twice.
    type_and_send(phone, "ผู้สูงอายุไม่มีรถไปโรงพยาบาล")
    expect(phone.locator(".share-status.info")).to_have_text(t("share_already"))
    expect(phone.locator(".share-sent .card-text")).to_have_count(1)  # not listed twice either
    assert texts(site[1], forum) == ["ผู้สูงอายุไม่มีรถไปโรงพยาบาล"]


def test_empty_or_too_long_words_are_refused_with_a_message_and_kept(
    context: BrowserContext, site: tuple[str, Engine], forum: Forum, member: Joined
) -> None:
    phone = open_phone(context, site, forum, member)
    type_and_send(phone, "   ")
    expect(phone.locator(".share-status.error")).to_have_text(t("error_text_empty_field", field=t("share_text")))
    # A paste past the limit stays whole (nothing cut without a word) and the server says why.
    type_and_send(phone, "ข" * 600)
    expect(phone.locator(".share-count.over")).to_have_text("600/500")
    refused = t("error_text_too_long_field", field=t("share_text"), limit=500, length=600)
    expect(phone.locator(".share-status.error")).to_have_text(refused)
    assert box_text(phone) == "ข" * 600
    assert texts(site[1], forum) == []


def test_a_post_sent_without_a_connection_waits_in_the_box_and_goes_once_back_online(
    context: BrowserContext, site: tuple[str, Engine], forum: Forum, member: Joined
) -> None:
    phone = open_phone(context, site, forum, member)
    context.set_offline(True)
    type_and_send(phone, "ถนนเข้าหมู่ 7 น้ำท่วมทุกปี")
    expect(phone.locator(".share-status.warning")).to_have_text(t("share_offline"))
    assert box_text(phone) == "ถนนเข้าหมู่ 7 น้ำท่วมทุกปี"  # nothing lost while it waits
    expect(phone.get_by_role("button", name=t("share_sending"))).to_be_disabled()
    shot(phone, "share-box-offline")
    assert texts(site[1], forum) == []
    context.set_offline(False)  # the browser's "online" event tries again at once
    expect(phone.locator(".share-status.success")).to_have_text(t("share_sent"), timeout=20_000)
    assert box_text(phone) == ""
    assert texts(site[1], forum) == ["ถนนเข้าหมู่ 7 น้ำท่วมทุกปี"]


def test_an_answer_lost_on_the_way_back_is_retried_and_stored_once(
    context: BrowserContext, site: tuple[str, Engine], forum: Forum, member: Joined
) -> None:
    phone = open_phone(context, site, forum, member)
    bodies: list[dict[str, object]] = []

    def lose_first_answer(route: Route) -> None:
        bodies.append(json.loads(route.request.post_data or "{}"))
        if len(bodies) == 1:
            # The request reaches the server, which stores the post, and the answer is lost.
            store_past_the_phone(route)
            route.abort("connectionreset")
        else:
            route.continue_()

    phone.route(re.compile(r"/posts/"), lose_first_answer)
    type_and_send(phone, "เด็กเล็กไม่มีคนดูแลตอนพ่อแม่ไปทำงาน")
    expect(phone.locator(".share-status.success")).to_have_text(t("share_sent"), timeout=20_000)
    assert [body["retry"] for body in bodies] == [False, True]
    assert texts(site[1], forum) == ["เด็กเล็กไม่มีคนดูแลตอนพ่อแม่ไปทำงาน"]


def test_a_post_on_its_way_when_the_page_is_drawn_anew_goes_on_by_itself_once(
    context: BrowserContext, site: tuple[str, Engine], forum: Forum, member: Joined
) -> None:
    """The box that was retrying is gone with its timer (a reload; a page remounted on a new
    server after a crash): the new box sends the words on, with no tap, and they are stored once."""
    phone = open_phone(context, site, forum, member)
    bodies: list[dict[str, object]] = []

    def store_then_cut(route: Route) -> None:
        bodies.append(json.loads(route.request.post_data or "{}"))
        if len(bodies) == 1:  # the first try is stored and its answer lost, as when the server is killed
            store_past_the_phone(route)
        route.abort("connectionreset")  # and no try gets through until the page is drawn anew

    phone.route(re.compile(r"/posts/"), store_then_cut)
    type_and_send(phone, "ผู้ป่วยติดเตียงไม่มีรถไปโรงพยาบาล")
    expect(phone.locator(".share-status.warning")).to_have_text(t("share_offline"))
    phone.unroute(re.compile(r"/posts/"))
    phone.reload()
    idle(phone)
    expect(phone.locator(".share-status.success")).to_have_text(t("share_sent"), timeout=15_000)
    expect(phone.get_by_label(t("share_text"), exact=True)).to_have_value("")
    assert bodies and bodies[0]["retry"] is False
    assert texts(site[1], forum) == ["ผู้ป่วยติดเตียงไม่มีรถไปโรงพยาบาล"]


def test_words_typed_when_the_forum_closes_stay_in_the_box_with_the_reason(
    context: BrowserContext, site: tuple[str, Engine], forum: Forum, member: Joined
) -> None:
    phone = open_phone(context, site, forum, member)
    phone.get_by_label(t("share_text"), exact=True).fill("ยังพิมพ์ไม่เสร็จ แต่ห้ามหาย")

    # The facilitator closes the forum while the post is on its way: the server refuses it.
    def close_first(route: Route) -> None:
        with write_session(site[1]) as session:
            set_stage(session=session, forum=forum, stage=Stage.CLOSED)
        route.continue_()

    phone.route(re.compile(r"/posts/"), close_first)
    phone.get_by_role("button", name=t("share_submit"), exact=True).click()
    expect(phone.locator(".share-status.error")).to_have_text(t("error_forum_closed"))
    # The page follows the stage; the box stays, Send put away, the words still in it.
    expect(phone.get_by_role("button", name=t("phone_closed_form_button"))).to_be_disabled(timeout=15_000)
    expect(phone.get_by_text(t("phone_closed_form_note"))).to_be_visible()
    assert box_text(phone) == "ยังพิมพ์ไม่เสร็จ แต่ห้ามหาย"
    assert texts(site[1], forum) == []


def test_a_reload_keeps_the_words_not_yet_sent(
    context: BrowserContext, site: tuple[str, Engine], forum: Forum, member: Joined
) -> None:
    phone = open_phone(context, site, forum, member)
    phone.locator(BOX).get_by_label(t("kind_benefit"), exact=True).check()
    phone.get_by_label(t("share_text"), exact=True).fill("อยากได้ค่าเดินทางไปหาหมอ")
    phone.reload()
    idle(phone)
    expect(phone.get_by_label(t("share_text"), exact=True)).to_have_value("อยากได้ค่าเดินทางไปหาหมอ")
    expect(phone.locator(BOX).get_by_label(t("kind_benefit"), exact=True)).to_be_checked()
    # Another person joining on the same phone does not get them.
    other = join(site[1], forum.code, name="คนที่สอง")
    second = context.new_page()
    second.goto(f"{site[0]}/?code={forum.code}&p={other.token}")
    idle(second)
    expect(second.get_by_label(t("share_text"), exact=True)).to_have_value("")


def test_without_the_endpoint_the_page_draws_its_own_form_with_the_words(
    context: BrowserContext, site: tuple[str, Engine], forum: Forum, member: Joined
) -> None:
    phone = open_phone(context, site, forum, member)
    # A proxy that does not pass /posts/ on answers with its own 404 page.
    phone.route(re.compile(r"/posts/"), lambda route: route.fulfill(status=404, body="<h1>Not Found</h1>"))
    type_and_send(phone, "ลานกีฬาหมู่บ้านทรุดโทรม")
    idle(phone)
    expect(phone.locator(BOX)).to_have_count(0)
    box = phone.locator('[data-testid="stTextArea"] textarea')
    expect(box).to_have_value("ลานกีฬาหมู่บ้านทรุดโทรม")
    phone.get_by_role("button", name=t("share_submit"), exact=True).click()
    idle(phone)
    expect(phone.get_by_text(t("share_sent"))).to_be_visible()
    assert texts(site[1], forum) == ["ลานกีฬาหมู่บ้านทรุดโทรม"]
