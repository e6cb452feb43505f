"""One browser tab speaking Streamlit's own protocol: the page's HTTP requests, then its websocket.

What a tab sends is what Streamlit's frontend (1.67) sends: a `rerun_script` BackMsg with the
query string, the current page's hash, the widget states it holds and the hashes of the
messages it has cached; a form submit adds the form's values and the submit button's trigger;
a fragment timer (`auto_rerun`) sends a fragment rerun every period until the next full run or
a `stop_auto_rerun`; a component's trigger is a JSON trigger value on the component's
`…__events` widget, sent as a fragment rerun when the component sits in a fragment.
"""

import asyncio
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect

# A run that takes longer than this is counted as an error rather than waited for.
RUN_TIMEOUT = 120.0
WIDGET_KINDS = {"text_input", "text_area", "radio", "checkbox", "button", "button_group"}


class TabError(Exception):
    """Something a browser would have shown as broken: an HTTP error, a dropped socket, an exception."""


@dataclass
class Widget:
    """A widget the page drew, as the browser knows it."""

    id: str
    kind: str
    form_id: str
    options: list[str]
    fragment_id: str


@dataclass
class Component:
    """A custom component the page drew: its id, its data for this run, and its fragment."""

    id: str
    data: dict[str, Any]
    fragment_id: str


@dataclass
class Run:
    """The messages of one script run, from the rerun request to its `script_finished`."""

    sent: float
    fragment_id: str = ""
    finished: float = 0.0
    status: int = -1
    messages: list[bytes] = field(default_factory=list)
    started: bool = False  # a run began after this request was sent

    def shows(self, text: str) -> bool:
        """True when a message of this run carries `text` (as UTF-8 in the protobuf)."""
        needle = text.encode()
        return any(needle in raw for raw in self.messages)

    @property
    def seconds(self) -> float:
        return self.finished - self.sent


def user_key(widget_id: str) -> str:
    """The key the script gave a widget: Streamlit's keyed ids are `$$ID-<hash>-<key>`."""
    parts = widget_id.split("-", 2)
    return parts[2] if len(parts) == 3 else widget_id


async def http_get(host: str, port: int, target: str, *, headers: Iterable[tuple[str, str]] = ()) -> tuple[int, int]:
    """GET `target` as a browser would (gzip accepted, connection closed after); its status and bytes."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        lines = [f"GET {target} HTTP/1.1", f"Host: {host}:{port}", "Accept-Encoding: gzip", "Connection: close"]
        lines += [f"{name}: {value}" for name, value in headers]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        await writer.drain()
        body = await reader.read()
    finally:
        writer.close()
    status = int(body.split(b" ", 2)[1]) if body.startswith(b"HTTP/") else 0
    return status, len(body)


async def http_request(
    host: str, port: int, method: str, target: str, *, body: bytes = b"", headers: Iterable[tuple[str, str]] = ()
) -> tuple[int, dict[str, str], bytes]:
    """One request as a browser sends it (gzip not asked for, so the body reads as it is); status, headers, body."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        lines = [f"{method} {target} HTTP/1.1", f"Host: {host}:{port}", "Connection: close"]
        lines += [f"{name}: {value}" for name, value in headers]
        if body:
            lines.append(f"Content-Length: {len(body)}")
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await writer.drain()
        reply = await reader.read()
    finally:
        writer.close()
    head, _, content = reply.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else 0
    fields = {}
    for line in head.decode("latin-1").split("\r\n")[1:]:
        name, _, value = line.partition(":")
        fields[name.strip().lower()] = value.strip()
    if fields.get("transfer-encoding") == "chunked":
        content = _unchunk(content)
    return status, fields, content


def _unchunk(content: bytes) -> bytes:
    body = b""
    while content:
        size_line, _, content = content.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        body, content = body + content[:size], content[size + 2 :]
    return body


async def http_post_json(host: str, port: int, target: str, payload: object) -> tuple[int, dict[str, Any]]:
    """POST `payload` as JSON to `target` as a page's fetch() would (same-origin); its status and JSON answer."""
    headers = [("Origin", f"http://{host}:{port}"), ("Content-Type", "application/json")]
    status, _, content = await http_request(
        host, port, "POST", target, body=json.dumps(payload).encode(), headers=headers
    )
    try:
        answer = json.loads(content)
    except ValueError:
        answer = {}
    return status, answer if isinstance(answer, dict) else {}


class Tab:
    """One browser tab on the app at `host:port`, opened at `/?query`."""

    def __init__(self, host: str, port: int, query: str, *, on_message: Callable[[bytes, float], None] | None = None):
        self.host, self.port = host, port
        self.query_string = query
        self.page_script_hash = ""
        self.on_message = on_message
        self.widgets: dict[str, Widget] = {}
        self.components: dict[str, Component] = {}
        self.on_component: Callable[[Component], None] | None = None
        self.committed: dict[str, WidgetState] = {}  # what the browser sends with every rerun
        self.errors: list[str] = []
        self.bytes_received = 0
        self.timers_set = 0  # fragment timers the server asked this tab to run
        self._socket: ClientConnection | None = None
        self._reader: asyncio.Task[None] | None = None
        self._cache: dict[str, bytes] = {}
        self._timers: dict[str, asyncio.TimerHandle] = {}
        # Requests sent and not yet answered. A browser sends a request whenever it has one, even
        # with a run in progress: the server then stops that run early and starts the newer one,
        # so a request is answered by the first run to finish of those that began after it was sent.
        self._pending: list[tuple[Run, asyncio.Future[Run]]] = []
        self.interrupted = 0  # runs the server stopped early for a newer request
        self.closed = False

    async def open(self) -> Run:
        """Load the page: its HTML and the two checks the frontend makes, then the websocket and the first run."""
        status, _ = await http_get(self.host, self.port, f"/?{self.query_string}")
        if status != 200:
            raise TabError(f"page load answered {status}")
        for path in ("/_stcore/health", "/_stcore/host-config"):
            status, _ = await http_get(self.host, self.port, path)
            if status != 200:
                raise TabError(f"{path} answered {status}")
        origin = f"http://{self.host}:{self.port}"
        self._socket = await connect(
            f"ws://{self.host}:{self.port}/_stcore/stream",
            subprotocols=["streamlit"],  # type: ignore[list-item]
            origin=origin,  # type: ignore[arg-type]
            compression=None,
            max_size=None,
            ping_interval=None,  # a browser never pings; it answers the server's pings
            open_timeout=RUN_TIMEOUT,
        )
        self._reader = asyncio.create_task(self._read())
        return await self.rerun()

    async def close(self) -> None:
        """Close the tab: its timers, then its socket."""
        self.closed = True
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()
        if self._socket is not None:
            await self._socket.close()
        if self._reader is not None:
            self._reader.cancel()
            try:
                await self._reader
            except (asyncio.CancelledError, Exception):
                pass

    def widget(self, key: str) -> Widget:
        """The widget keyed `key` on the page as last drawn."""
        try:
            return self.widgets[key]
        except KeyError:
            raise TabError(f"the page has no widget {key!r}") from None

    async def submit(self, form_key: str, values: dict[str, Any]) -> Run:
        """Fill the form's widgets (by key) with `values` and press the form's submit button."""
        states = []
        for key, value in values.items():
            widget = self.widget(key)
            states.append(_state(widget, value))
        buttons = [w for w in self.widgets.values() if w.kind == "submit" and w.form_id.endswith(form_key)]
        if not buttons:
            raise TabError(f"the page has no submit button for {form_key!r}")
        for state in states:
            self.committed[state.id] = state  # a submitted form's values stay with the page
        trigger = WidgetState(id=buttons[0].id, trigger_value=True)
        return await self.rerun(extra=[trigger], fragment_id=buttons[0].fragment_id)

    async def trigger(self, component: Component, event: str, value: Any) -> Run:
        """What a component's `setTriggerValue(event, value)` sends."""
        state = WidgetState(
            id=f"$$STREAMLIT_INTERNAL_KEY_{component.id}__events",
            json_trigger_value=json.dumps([{"event": event, "value": value}]),
        )
        return await self.rerun(extra=[state], fragment_id=component.fragment_id)

    async def rerun(self, *, extra: Iterable[WidgetState] = (), fragment_id: str = "", auto: bool = False) -> Run:
        """Send one rerun request and wait for the end of the run it started."""
        if self._socket is None or self.closed:
            raise TabError("the tab is closed")
        message = BackMsg()
        request = message.rerun_script
        request.query_string = self.query_string
        request.page_script_hash = self.page_script_hash
        request.fragment_id = fragment_id
        request.is_auto_rerun = auto
        states = {state.id: state for state in self.committed.values()} | {state.id: state for state in extra}
        request.widget_states.widgets.extend(states.values())
        request.cached_message_hashes.extend(self._cache)
        info = request.context_info
        info.timezone, info.timezone_offset, info.locale = "Asia/Bangkok", -420, "th-TH"
        info.url = f"http://{self.host}:{self.port}/?{self.query_string}"
        info.color_scheme = "light"
        run = Run(sent=time.monotonic(), fragment_id=fragment_id)
        waiting = (run, asyncio.get_running_loop().create_future())
        self._pending.append(waiting)
        try:
            await self._socket.send(message.SerializeToString())
            return await asyncio.wait_for(waiting[1], RUN_TIMEOUT)
        except TimeoutError:
            raise TabError(f"a run did not finish in {RUN_TIMEOUT:.0f} s") from None
        finally:
            if waiting in self._pending:
                self._pending.remove(waiting)

    async def _read(self) -> None:
        assert self._socket is not None
        try:
            async for raw in self._socket:
                if isinstance(raw, bytes):
                    self._receive(raw)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # a dropped connection is an error a phone would see
            if not self.closed:
                self._fail(f"websocket: {error!r}")
        else:
            if not self.closed:
                self._fail("websocket closed by the server")

    def _fail(self, reason: str) -> None:
        self.errors.append(reason)
        for _, done in self._pending:
            if not done.done():
                done.set_exception(TabError(reason))

    def _receive(self, raw: bytes) -> None:
        now = time.monotonic()
        self.bytes_received += len(raw)
        message = ForwardMsg()
        message.ParseFromString(raw)
        kind = message.WhichOneof("type")
        if kind == "ref_hash":
            cached = self._cache.get(message.ref_hash)
            if cached is None:
                self._fail(f"a reference to a message never received: {message.ref_hash}")
                return
            raw = cached
            message = ForwardMsg()
            message.ParseFromString(raw)
            kind = message.WhichOneof("type")
        elif message.metadata.cacheable and message.hash:
            self._cache[message.hash] = raw
        for run, _ in self._pending:
            run.messages.append(raw)
        if self.on_message is not None and kind == "delta":
            self.on_message(raw, now)
        if kind == "new_session":
            for run, _ in self._pending:
                run.started = True
            if not message.metadata.run.fragment_ids:
                self._cancel_timers()  # a full run: the page's fragments set their timers again
        elif kind == "navigation":
            self.page_script_hash = message.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = message.page_info_changed.query_string
        elif kind == "auto_rerun":
            self._auto_rerun(message.auto_rerun.fragment_id, message.auto_rerun.interval)
        elif kind == "stop_auto_rerun":
            for fragment_id in message.stop_auto_rerun.fragment_ids:
                timer = self._timers.pop(fragment_id, None)
                if timer is not None:
                    timer.cancel()
        elif kind == "delta":
            self._delta(message)
        elif kind == "script_finished":
            if message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                self.interrupted += 1
                return  # another request stopped this run; the one it started finishes later
            for run, done in self._pending:
                if run.started and not done.done():
                    run.finished, run.status = now, message.script_finished
                    done.set_result(run)
            self._pending = [(run, done) for run, done in self._pending if not done.done()]

    def _delta(self, message: ForwardMsg) -> None:
        delta = message.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.errors.append(f"exception on the page: {element.exception.message}")
        elif kind == "alert" and element.alert.format == element.alert.ERROR:
            self.errors.append(f"error shown on the page: {element.alert.body[:200]}")
        elif kind == "bidi_component":
            proto = element.bidi_component
            payload = proto.json or proto.mixed.json
            component = Component(proto.id, json.loads(payload) if payload else {}, delta.fragment_id)
            self.components[user_key(proto.id)] = component
            if self.on_component is not None:
                self.on_component(component)
        elif kind in WIDGET_KINDS:
            proto = getattr(element, kind)
            options = list(getattr(proto, "options", []))
            is_submit = kind == "button" and proto.is_form_submitter
            widget = Widget(proto.id, "submit" if is_submit else kind, proto.form_id, options, delta.fragment_id)
            self.widgets[user_key(proto.id)] = widget
            if getattr(proto, "set_value", False) and kind in ("text_input", "text_area"):
                # The script set the box (cleared it after a send): the browser now holds that value.
                self.committed[proto.id] = WidgetState(id=proto.id, string_value=proto.value)

    @property
    def timers_running(self) -> int:
        """Fragment timers this tab runs now."""
        return len(self._timers)

    def _auto_rerun(self, fragment_id: str, interval: float) -> None:
        self.timers_set += 1
        timer = self._timers.pop(fragment_id, None)
        if timer is not None:
            timer.cancel()
        loop = asyncio.get_running_loop()

        def tick() -> None:
            self._timers[fragment_id] = loop.call_later(interval, tick)
            loop.create_task(self._tick(fragment_id))

        self._timers[fragment_id] = loop.call_later(interval, tick)

    async def _tick(self, fragment_id: str) -> None:
        try:
            await self.rerun(fragment_id=fragment_id, auto=True)
        except TabError as error:
            if not self.closed:
                self.errors.append(f"fragment timer: {error}")

    def _cancel_timers(self) -> None:
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()


def _state(widget: Widget, value: Any) -> WidgetState:
    state = WidgetState(id=widget.id)
    if widget.kind == "checkbox":
        state.bool_value = bool(value)
    elif widget.kind in ("text_input", "text_area", "radio"):
        state.string_value = str(value)
    else:
        raise TabError(f"no value of this kind for a {widget.kind}")
    return state
