"""The event hub: one poll for every listened-to forum, fanned out; streams cleaned up; unknown codes refused."""

import asyncio
import http.client
import json
import socket
import threading
import time
from collections.abc import AsyncIterator, Callable, Collection, Iterator, Mapping
from contextlib import asynccontextmanager

import pytest
import uvicorn
from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware

from facilitation.core.db import write_session
from facilitation.forum.forums import get_forum, set_stage
from facilitation.live.changes import Topic, bump
from facilitation.live.events import Counters, Hub, database_hub, routes
from models import Stage, saved_id
from tests.factories import make_forum


class FakeDatabase:
    """Counters in a dict, and a log of what the hub asked for and reported."""

    def __init__(self) -> None:
        self.counters: dict[int, Counters] = {}
        self.reads: list[list[int]] = []
        self.reports: list[dict[int, dict[str, int]]] = []

    def read(self, forum_ids: Collection[int]) -> Mapping[int, Counters]:
        self.reads.append(sorted(forum_ids))
        return {forum_id: dict(self.counters[forum_id]) for forum_id in forum_ids if forum_id in self.counters}

    def find(self, codes: Collection[str]) -> Mapping[str, int]:
        return {code: int(code[1:]) for code in codes if code.startswith("F")}

    def hub(self) -> Hub:
        return Hub(read_counters=self.read, find_forums=self.find, report=self.reports.append)


def run(test: Callable[[], object]) -> None:
    async def body() -> None:
        result = test()
        if asyncio.iscoroutine(result):
            await result

    asyncio.run(body())


def drained(queue: asyncio.Queue[Counters]) -> list[Counters]:
    found = []
    while not queue.empty():
        found.append(queue.get_nowait())
    return found


def test_one_read_for_every_forum_and_each_change_reaches_only_its_forum_s_listeners() -> None:
    fake = FakeDatabase()
    fake.counters = {1: {"stage": 1, "posts": 0}, 2: {"stage": 1, "posts": 0}}

    async def body() -> None:
        hub = fake.hub()
        phones = [hub.subscribe(1, "phone") for _ in range(3)]
        wall = hub.subscribe(1, "projector")
        other = hub.subscribe(2, "phone")
        await hub.poll_once()
        assert fake.reads == [[1, 2]]  # one query, whatever the number of listeners
        assert all(drained(listener.inbox) == [{"stage": 1, "posts": 0}] for listener in [*phones, wall, other])

        fake.counters[1]["posts"] = 1
        await hub.poll_once()
        assert all(drained(listener.inbox) == [{"stage": 1, "posts": 1}] for listener in [*phones, wall])
        assert drained(other.inbox) == []  # forum 2 did not move

        await hub.poll_once()  # nothing moved: nothing sent
        assert all(drained(listener.inbox) == [] for listener in [*phones, wall, other])

        late = hub.subscribe(1, "phone")  # joins a forum already polled: served from the last poll, no read
        assert drained(late.inbox) == [{"stage": 1, "posts": 1}]
        assert len(fake.reads) == 3

    run(body)


def test_a_slow_listener_keeps_only_the_newest_counters() -> None:
    fake = FakeDatabase()
    fake.counters = {1: {"posts": 0}}

    async def body() -> None:
        hub = fake.hub()
        listener = hub.subscribe(1, "projector")
        for posts in range(5):
            fake.counters[1]["posts"] = posts
            await hub.poll_once()
        assert drained(listener.inbox) == [{"posts": 4}]

    run(body)


def test_a_forum_nobody_listens_to_any_more_is_not_polled_and_presence_says_so() -> None:
    fake = FakeDatabase()
    fake.counters = {1: {"stage": 1}, 2: {"stage": 1}}

    async def body() -> None:
        hub = fake.hub()
        await hub.report_once()
        assert fake.reports == []  # nothing to say yet
        first, second, wall = hub.subscribe(1, "phone"), hub.subscribe(1, "phone"), hub.subscribe(2, "projector")
        await hub.report_once()
        assert fake.reports[-1] == {1: {"phone": 2, "projector": 0}, 2: {"phone": 0, "projector": 1}}

        for listener in (first, second, wall):
            hub.unsubscribe(listener)
        hub.unsubscribe(first)  # a second goodbye changes nothing
        assert hub.listening() == {}
        assert hub.latest(1) is None
        await hub.poll_once()
        assert fake.reads == []  # no listener, no query
        await hub.report_once()
        await hub.report_once()
        assert fake.reports[1:] == [{}]  # the empty report once, so the console stops counting them

    run(body)


def test_the_loop_survives_a_failing_read_and_polls_on() -> None:
    fake = FakeDatabase()
    fake.counters = {1: {"stage": 1}}
    failures = iter([True])

    def flaky(forum_ids: Collection[int]) -> Mapping[int, Counters]:
        if next(failures, False):
            raise OSError("database restarting")
        return fake.read(forum_ids)

    async def body() -> None:
        hub = Hub(read_counters=flaky, find_forums=fake.find, report=fake.reports.append, poll_seconds=0.01)
        listener = hub.subscribe(1, "phone")
        async with hub.running():
            assert await asyncio.wait_for(listener.inbox.get(), 5) == {"stage": 1}

    run(body)


# Over real HTTP: the routes as server.py mounts them, behind the same gzip middleware.


def _free_socket() -> socket.socket:
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@pytest.fixture
def served(engine: Engine) -> Iterator[tuple[int, Hub]]:
    """The live routes on a real uvicorn server and database; yields its port and hub."""
    hub = database_hub(engine)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        async with hub.running():
            yield

    app = Starlette(routes=routes(hub), middleware=[Middleware(GZipMiddleware, minimum_size=1000)], lifespan=lifespan)
    sock = _free_socket()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=1))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    yield sock.getsockname()[1], hub
    server.should_exit = True
    thread.join(timeout=20)


def _get(port: int, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
    return connection.getresponse()


def _next_event(reply: http.client.HTTPResponse) -> tuple[str, object]:
    """The next event's name ("message" unless named) and its data."""
    name, data = "message", None
    while True:
        line = reply.readline().decode()
        assert line, "the stream ended"
        if line.startswith("event: "):
            name = line[len("event: ") :].strip()
        elif line.startswith("data: "):
            data = json.loads(line[len("data: ") :])
        elif line == "\n" and data is not None:
            return name, data


def _until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_a_screen_is_sent_only_the_events_that_move_a_topic_it_draws_or_the_stage() -> None:
    fake = FakeDatabase()
    fake.counters = {1: {"stage": 1, "posts": 0, "plan": 0, "current_stage": "share"}}

    async def body() -> None:
        hub = fake.hub()
        phone = hub.subscribe(1, "phone", topics={"stage"})
        wall = hub.subscribe(1, "projector")  # no topics named: every change
        await hub.poll_once()
        first = {"stage": 1, "posts": 0, "plan": 0, "current_stage": "share"}
        assert drained(phone.inbox) == drained(wall.inbox) == [first]  # the first always: a baseline

        fake.counters[1]["posts"] = 1  # a post in the hall: the wall shows it, the phone does not
        await hub.poll_once()
        assert drained(phone.inbox) == []
        assert drained(wall.inbox) == [{**first, "posts": 1}]

        fake.counters[1] |= {"stage": 2, "current_stage": "plan"}
        await hub.poll_once()
        assert drained(phone.inbox) == [{**first, "posts": 1, "stage": 2, "current_stage": "plan"}]

        fake.counters[1]["current_stage"] = "act"  # the stage by name alone is news to every screen
        await hub.poll_once()
        assert [event["current_stage"] for event in drained(phone.inbox)] == ["act"]

    run(body)


def test_counters_once_as_json_and_an_unknown_code_or_role_is_refused(engine: Engine, served: tuple[int, Hub]) -> None:
    port, _hub = served
    forum = make_forum(engine).forum
    reply = _get(port, f"/live/{forum.code.lower()}/counters")  # typed codes are normalised
    assert reply.status == 200
    assert json.loads(reply.read()) == {**dict.fromkeys(map(str, Topic), 0), "current_stage": "share"}
    assert _get(port, "/live/NOSUCH/counters").status == 404
    assert _get(port, "/live/NOSUCH/events?role=phone").status == 404
    assert _get(port, f"/live/{forum.code}/events?role=console").status == 400
    assert _get(port, f"/live/{forum.code}/events?role=phone&topics=stage,secrets").status == 400


def test_a_stream_sends_the_counters_then_each_change_and_forgets_a_client_that_left(
    engine: Engine, served: tuple[int, Hub]
) -> None:
    port, hub = served
    listened, other = make_forum(engine).forum, make_forum(engine).forum
    code, listened_id = listened.code, saved_id(listened)

    phone = _get(port, f"/live/{code}/events?role=phone")
    assert phone.status == 200
    assert phone.getheader("Content-Type", "").startswith("text/event-stream")
    assert phone.getheader("Cache-Control") == "no-cache"
    assert phone.getheader("X-Accel-Buffering") == "no"  # nginx passes each event on at once
    assert phone.getheader("Content-Encoding") is None  # gzip would hold events back
    assert _next_event(phone) == ("server", hub.instance)  # a page that finds another one after a restart reruns
    untouched = {**dict.fromkeys(map(str, Topic), 0), "current_stage": "share", "screens": 1}
    assert _next_event(phone) == ("message", untouched)

    with write_session(engine) as session:
        bump(session=session, forum_id=saved_id(other), topics=[Topic.POSTS])  # another forum: not sent here
        bump(session=session, forum_id=listened_id, topics=[Topic.PEOPLE])
    assert _next_event(phone) == ("message", {**untouched, "people": 1})
    wall = _get(port, f"/live/{code}/events?role=projector")
    assert _next_event(wall)[0] == "server"
    assert _next_event(wall) == ("message", {**untouched, "people": 1, "screens": 2})  # this process serves two

    # The stage by name, so a phone can say where the forum went before its page has redrawn.
    with write_session(engine) as session:
        set_stage(session=session, forum=get_forum(session=session, code=code), stage=Stage.PLAN)
    moved = {**untouched, "people": 1, "stage": 1, "current_stage": "plan", "screens": 2}
    assert _next_event(phone) == ("message", moved)
    assert _next_event(wall) == ("message", moved)
    wall.close()
    _until(lambda: hub.listening() == {listened_id: {"phone": 1, "projector": 0}})

    phone.close()
    _until(lambda: hub.listening() == {})  # the phone went away: its listener with it
