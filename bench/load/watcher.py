"""The live watcher as a phone's browser runs it (assets/live/watch.js), over a real event stream.

The same rules as the component's JavaScript: a new run of the page hands over its counters as
the baseline; an event whose watched counter differs from the baseline fires `changed` (each
topic at most once per its gap), a first event that changes nothing fires `hello` once; nothing
more is sent until the rerun this asked for hands over its new baseline, or 8 s have passed
(then 16, 32, up to 60 s). A phone waits a random part of 20 ms per listening screen (at most
10 s) before it asks, and its banner names a new stage as soon as an event carries one.
"""

import asyncio
import json
import random
from collections.abc import Callable
from typing import Any

from bench.load.protocol import Component, Tab, TabError

RERUN_WAIT_SECONDS = 8.0  # then twice as long each time, up to RERUN_WAIT_MAX_SECONDS (as watch.js)
RERUN_WAIT_MAX_SECONDS = 60.0
SPREAD_SECONDS_PER_SCREEN = 0.020  # as watch.js: SPREAD_MS_PER_SCREEN, SPREAD_MAX_MS
SPREAD_MAX_SECONDS = 10.0


async def event_stream(host: str, port: int, target: str, on_event: Callable[[dict[str, Any]], None]) -> None:
    """Hold `GET target` open as an EventSource does and hand each `data:` event to `on_event`; returns when it ends."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        headers = f"Host: {host}:{port}\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n"
        writer.write(f"GET {target} HTTP/1.1\r\n{headers}\r\n".encode())
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        if status != 200:
            raise TabError(f"event stream answered {status}")
        chunked = b"transfer-encoding: chunked" in head.lower()
        buffer = b""
        while True:
            if chunked:
                size = int((await reader.readline()).strip() or b"0", 16)
                if size == 0:
                    return
                buffer += await reader.readexactly(size)
                await reader.readexactly(2)
            else:
                data = await reader.read(65536)
                if not data:
                    return
                buffer += data
            while b"\n\n" in buffer:
                block, buffer = buffer.split(b"\n\n", 1)
                lines = block.split(b"\n")
                named = [line[6:].strip() for line in lines if line.startswith(b"event:")]
                payload = [line[5:].strip() for line in lines if line.startswith(b"data:")]
                # Only unnamed events reach EventSource's onmessage; the named "server" event
                # matters to the page only after a server restart, which this run never makes.
                if payload and named in ([], [b"message"]):
                    on_event(json.loads(b"\n".join(payload)))
    finally:
        writer.close()


class Watcher:
    """The watcher component of one tab, keyed `key` on its page."""

    def __init__(
        self,
        tab: Tab,
        key: str,
        *,
        on_fire: Callable[[str], None] | None = None,
        on_banner: Callable[[str], None] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.tab, self.key = tab, key
        self.on_fire = on_fire
        self.on_banner = on_banner  # the banner names a stage the page has not drawn
        self.rng = rng or random.Random()
        self.role: str | None = None
        self.stage: str | None = None
        self.banner: str | None = None
        self.spread = False
        self.run: Any = None
        self.seen: dict[str, int] = {}
        self.topics: dict[str, float] = {}
        self.latest: dict[str, Any] | None = None
        self.last_fired: dict[str, float] = {}
        self.waiting = False
        self.unanswered = 0
        self.need_hello = False
        self.connected = False
        self.url: str | None = None
        self.fired = {"changed": 0, "hello": 0}
        self._stream: asyncio.Task[None] | None = None
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._loop = asyncio.get_running_loop()
        tab.on_component = self._drawn
        if key in tab.components:
            self._drawn(tab.components[key])

    def stop(self) -> None:
        """The page went away: timers and stream end."""
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()
        if self._stream is not None:
            self._stream.cancel()

    def _drawn(self, component: Component) -> None:
        if not component.id.endswith(f"-{self.key}"):
            return
        data = component.data
        self.topics = {topic: float(gap) for topic, gap in data["topics"].items()}
        self.need_hello = bool(data["hello"])
        self.role = data["role"]
        self.stage = data.get("stage") if data.get("stage_note") else None
        if data["run"] != self.run:
            self.run, self.seen, self.waiting = data["run"], dict(data["seen"]), False
            self.spread = False
            self.unanswered = 0
            self._clear("rerun")
            self._clear("spread")
        url = f"/live/{data['code']}/events?role={data['role']}&topics={','.join(sorted(data['topics']))}"
        if url != self.url:
            self.url = url
            self._connect()
        self._show()
        self._check()

    def _show(self) -> None:
        now = str(self.latest.get("current_stage") or "") if self.latest else ""
        banner = now if self.stage and now and now != self.stage else None
        if banner != self.banner:
            self.banner = banner
            if banner is not None and self.on_banner is not None:
                self.on_banner(banner)

    def _connect(self) -> None:
        if self._stream is not None:
            self._stream.cancel()
        assert self.url is not None
        self._stream = self._loop.create_task(self._listen(self.url))

    async def _listen(self, url: str) -> None:
        try:
            await event_stream(self.tab.host, self.tab.port, url, self._event)
            if not self.tab.closed:
                self.tab.errors.append("event stream ended by the server")
        except asyncio.CancelledError:
            raise
        except Exception as error:
            if not self.tab.closed:
                self.tab.errors.append(f"event stream: {error!r}")
        finally:
            self.connected = False

    def _event(self, counters: dict[str, Any]) -> None:
        self.connected = True
        self.latest = counters
        self._show()
        self._check()

    def _check(self) -> None:
        if self.latest is None or self.waiting:
            return
        now = self._loop.time()
        moved, due, wait = [], False, float("inf")
        for topic, gap in self.topics.items():
            if topic not in self.latest or self.latest[topic] == self.seen.get(topic):
                continue
            moved.append(topic)
            ready = self.last_fired.get(topic, float("-inf")) + gap
            if ready <= now:
                due = True
            else:
                wait = min(wait, ready - now)
        self._clear("throttle")
        if due and not self.spread and self.role == "phone":
            screens = int(self.latest.get("screens") or 1)
            delay = self.rng.random() * min(screens * SPREAD_SECONDS_PER_SCREEN, SPREAD_MAX_SECONDS)
            self.waiting = True

            def turn() -> None:
                self.waiting, self.spread = False, True
                self._check()

            self._later("spread", delay, turn)
            return
        self.spread = False
        if due:
            for topic in moved:
                self.last_fired[topic] = now
            self._fire("changed", ",".join(moved))
        elif moved:
            self._later("throttle", wait, self._check)
        elif self.connected and self.need_hello:
            self._fire("hello", self.run)

    def _fire(self, name: str, value: Any) -> None:
        self.waiting = True
        self.fired[name] += 1

        def give_up() -> None:
            self.unanswered += 1
            self.waiting = False
            self._check()

        wait = min(RERUN_WAIT_SECONDS * 2**self.unanswered, RERUN_WAIT_MAX_SECONDS)
        self._later("rerun", wait, give_up)
        component = self.tab.components[self.key]
        if self.on_fire is not None:
            self.on_fire(name)
        self._loop.create_task(self._send(component, name, value))

    async def _send(self, component: Component, name: str, value: Any) -> None:
        try:
            await self.tab.trigger(component, name, value)
        except TabError as error:
            if not self.tab.closed:
                self.tab.errors.append(f"watcher rerun: {error}")

    def _later(self, name: str, delay: float, action: Callable[[], None]) -> None:
        self._clear(name)

        def run() -> None:
            self._timers.pop(name, None)
            action()

        self._timers[name] = self._loop.call_later(delay, run)

    def _clear(self, name: str) -> None:
        timer = self._timers.pop(name, None)
        if timer is not None:
            timer.cancel()
