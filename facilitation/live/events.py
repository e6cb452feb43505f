"""The event endpoint: tells each screen which of its forum's counters moved, with no script run.

One hub per process polls every listened-to forum's counters in one query a few times a
second and hands each change to the screens listening to that forum: the cost of an idle
screen is an open connection and a keep-alive comment, not a page-script run. Counters
say only that something changed, never what; besides them an event names the stage the
forum is at (a phone says so before its page has redrawn) and how many screens this
process serves for the forum (phones spread their reruns over a hall). All of it is shown
on the wall anyway, so the join code is all a screen needs to listen. A screen names the
topics it draws, and is sent only the events that move one of them (or the stage).
"""

import asyncio
import json
import logging
import os
import socket
import time
from collections.abc import AsyncIterator, Callable, Collection, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import partial

from sqlalchemy import Engine
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from facilitation.core.db import read_session, write_session
from facilitation.core.tokens import normalise_join_code
from facilitation.live.changes import ROLES, Topic, counters, forum_ids_by_code, record_presence, stages

# Each topic's counter, and the forum's stage under CURRENT_STAGE.
Counters = dict[str, int | str]
log = logging.getLogger(__name__)

POLL_SECONDS = 0.4
REPORT_SECONDS = 10.0
KEEPALIVE_SECONDS = 15.0
RETRY_MS = 3000  # how soon a browser's EventSource reconnects after the stream broke
# A proxy (nginx) must pass each event on at once, and no cache may keep one.
STREAM_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
CURRENT_STAGE = "current_stage"
SCREENS = "screens"


@dataclass(eq=False)
class Listener:
    """One open stream: the forum and role it listens for, and the newest counters not yet sent."""

    forum_id: int
    role: str
    # The topics its screen draws (None: all). A hall's posts move a counter many times a
    # second; a phone that shows no one's posts is not sent those events at all.
    topics: frozenset[str] | None = None
    # Each event carries every counter, so a slow screen needs only the newest: one slot, replaced.
    inbox: asyncio.Queue[Counters] = field(default_factory=lambda: asyncio.Queue(maxsize=1))
    offered: Counters | None = None

    def offer(self, current: Counters) -> None:
        """Leave `current` for the stream to send, replacing what it has not sent yet, if it concerns this screen."""
        if self.offered is not None and self.topics is not None:
            watched = (*self.topics, CURRENT_STAGE)
            if all(current.get(topic) == self.offered.get(topic) for topic in watched):
                return
        self.offered = current
        if self.inbox.full():
            self.inbox.get_nowait()
        self.inbox.put_nowait(current)


class Hub:
    """The process's listeners, and the one loop that polls their forums' counters."""

    def __init__(
        self,
        *,
        read_counters: Callable[[Collection[int]], Mapping[int, Counters]],
        find_forums: Callable[[Collection[str]], Mapping[str, int]],
        report: Callable[[dict[int, dict[str, int]]], None],
        poll_seconds: float = POLL_SECONDS,
        report_seconds: float = REPORT_SECONDS,
        instance: str = "",
    ) -> None:
        self.instance = instance or instance_name()
        self._read_counters = read_counters
        self._find_forums = find_forums
        self._report = report
        self._poll_seconds = poll_seconds
        self._report_seconds = report_seconds
        self._listeners: dict[int, set[Listener]] = {}
        self._latest: dict[int, Counters] = {}
        self._forum_ids: dict[str, int] = {}  # join codes found so far (a code never changes forum)
        self._wake = asyncio.Event()
        self._reported_any = False

    def subscribe(self, forum_id: int, role: str, topics: Collection[str] | None = None) -> Listener:
        """A new listener for the forum (for `topics`, or all); it gets the counters as last polled at once, if any."""
        listener = Listener(forum_id, role, None if topics is None else frozenset(topics))
        self._listeners.setdefault(forum_id, set()).add(listener)
        if forum_id in self._latest:
            listener.offer(self._latest[forum_id])
        else:
            self._wake.set()  # a forum nobody listened to: poll it now rather than at the next tick
        return listener

    def unsubscribe(self, listener: Listener) -> None:
        """Forget a listener whose stream ended; a forum nobody listens to is polled no more."""
        others = self._listeners.get(listener.forum_id)
        if others is None:
            return
        others.discard(listener)
        if not others:
            del self._listeners[listener.forum_id]
            self._latest.pop(listener.forum_id, None)

    def listening(self) -> dict[int, dict[str, int]]:
        """How many streams are open per forum and role."""
        counts: dict[int, dict[str, int]] = {}
        for forum_id, listeners in self._listeners.items():
            per_role = dict.fromkeys(ROLES, 0)
            for listener in listeners:
                per_role[listener.role] = per_role.get(listener.role, 0) + 1
            counts[forum_id] = per_role
        return counts

    def audience(self, forum_id: int) -> int:
        """How many streams of this process listen to the forum."""
        return len(self._listeners.get(forum_id, ()))

    def latest(self, forum_id: int) -> Counters | None:
        """The forum's counters as last polled, while someone listens to it."""
        return self._latest.get(forum_id)

    async def forum_id(self, code: str) -> int | None:
        """The forum behind a join code, or None for a code that opens nothing."""
        if code not in self._forum_ids:
            found = await asyncio.to_thread(self._find_forums, [code])
            if code not in found:
                return None
            self._forum_ids[code] = found[code]
        return self._forum_ids[code]

    async def read(self, forum_id: int) -> Counters | None:
        """The forum's counters now: as last polled if someone listens to it, else read once."""
        known = self._latest.get(forum_id)
        if known is not None:
            return known
        found = await asyncio.to_thread(self._read_counters, [forum_id])
        return found.get(forum_id)

    def publish(self, snapshot: Mapping[int, Counters]) -> None:
        """Hand each forum's counters to its listeners if they moved since the last poll."""
        for forum_id, current in snapshot.items():
            listeners = self._listeners.get(forum_id)
            if not listeners or self._latest.get(forum_id) == current:
                continue
            self._latest[forum_id] = dict(current)
            for listener in listeners:
                listener.offer(self._latest[forum_id])

    async def poll_once(self) -> None:
        """One query for every listened-to forum, then the fan-out."""
        forum_ids = list(self._listeners)
        if not forum_ids:
            return
        try:
            snapshot = await asyncio.to_thread(self._read_counters, forum_ids)
        except Exception:
            # A database that is briefly away (a restart, a lock) must not end the loop.
            log.exception("reading the change counters failed; trying again")
            return
        self.publish(snapshot)

    async def report_once(self) -> None:
        """Tell the database how many screens this process serves (the console shows the sum)."""
        listening = self.listening()
        if not listening and not self._reported_any:
            return
        try:
            await asyncio.to_thread(self._report, listening)
        except Exception:
            log.exception("reporting the connected screens failed; trying again")
            return
        self._reported_any = bool(listening)

    async def run(self) -> None:
        """Poll and report until cancelled."""
        next_report = time.monotonic()
        while True:
            self._wake.clear()
            await self.poll_once()
            if time.monotonic() >= next_report:
                await self.report_once()
                next_report = time.monotonic() + self._report_seconds
            try:
                await asyncio.wait_for(self._wake.wait(), self._poll_seconds)
            except TimeoutError:
                pass

    @asynccontextmanager
    async def running(self) -> AsyncIterator["Hub"]:
        """Run the poll loop in the background for as long as the block lasts."""
        task = asyncio.create_task(self.run(), name="live-hub")
        try:
            yield self
        finally:
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass


def instance_name() -> str:
    """This process among the replicas, as its presence rows name it."""
    return f"{socket.gethostname()}:{os.getpid()}"[-64:]


def database_hub(engine: Engine) -> Hub:
    """A hub that reads the counters from, and reports presence to, the app's database."""
    instance = instance_name()

    def read_counters(forum_ids: Collection[int]) -> Mapping[int, Counters]:
        with read_session(engine) as session:
            found = counters(session=session, forum_ids=forum_ids)
            now = stages(session=session, forum_ids=list(found))
        return {forum_id: {**per_topic, CURRENT_STAGE: now[forum_id]} for forum_id, per_topic in found.items()}

    def find_forums(codes: Collection[str]) -> Mapping[str, int]:
        with read_session(engine) as session:
            return forum_ids_by_code(session=session, codes=codes)

    def report(listening: dict[int, dict[str, int]]) -> None:
        with write_session(engine) as session:
            record_presence(session=session, instance=instance, listening=listening)

    return Hub(read_counters=read_counters, find_forums=find_forums, report=report, instance=instance)


def _event(current: Counters, screens: int) -> str:
    return f"data: {json.dumps(current | {SCREENS: screens}, sort_keys=True)}\n\n"


async def _stream(hub: Hub, forum_id: int, role: str, topics: Collection[str] | None) -> AsyncIterator[str]:
    # Subscribed here, not in the handler: a stream that never starts leaves nothing behind,
    # and `finally` runs when the client goes away (the response cancels this generator).
    listener = hub.subscribe(forum_id, role, topics)
    try:
        # Which process serves this stream: a page that finds a new one after reconnecting
        # was served by a server that restarted, and its old session (and the callbacks of
        # its buttons) went with it, so it asks for a run at once.
        yield f"retry: {RETRY_MS}\nevent: server\ndata: {json.dumps(hub.instance)}\n\n"
        while True:
            try:
                current = await asyncio.wait_for(listener.inbox.get(), KEEPALIVE_SECONDS)
            except TimeoutError:
                # Keeps proxies and phones' networks from closing an idle connection.
                yield ": keep-alive\n\n"
                continue
            yield _event(current, hub.audience(forum_id))
    finally:
        hub.unsubscribe(listener)


async def _events(hub: Hub, request: Request) -> Response:
    role = request.query_params.get("role", "")
    if role not in ROLES:
        return PlainTextResponse(f"role must be one of {', '.join(ROLES)}", status_code=400)
    asked = request.query_params.get("topics")
    topics = None if asked is None else {topic for topic in asked.split(",") if topic}
    if topics is not None and not topics <= set(Topic):
        return PlainTextResponse(f"topics must be among {', '.join(Topic)}", status_code=400)
    forum_id = await hub.forum_id(normalise_join_code(request.path_params["code"]))
    if forum_id is None:
        return PlainTextResponse("no forum has this code", status_code=404)
    stream = _stream(hub, forum_id, role, topics)
    return StreamingResponse(stream, media_type="text/event-stream", headers=STREAM_HEADERS)


async def _counters(hub: Hub, request: Request) -> Response:
    forum_id = await hub.forum_id(normalise_join_code(request.path_params["code"]))
    current = None if forum_id is None else await hub.read(forum_id)
    if current is None:
        return PlainTextResponse("no forum has this code", status_code=404)
    return JSONResponse(current, headers={"Cache-Control": "no-store"})


def routes(hub: Hub) -> list[BaseRoute]:
    """GET /live/{code}/events?role=…&topics=… (server-sent events) and /live/{code}/counters (once, as JSON)."""
    return [
        Route("/live/{code}/events", partial(_events, hub), methods=["GET"]),
        Route("/live/{code}/counters", partial(_counters, hub), methods=["GET"]),
    ]
