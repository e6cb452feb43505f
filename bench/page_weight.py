"""What a phone downloads to open the join page, and how soon it can use it on Fast 3G; `make bench-page`.

The app as `make run` serves it (`uvicorn server:app`, gzip middleware) on a fresh SQLite file with one
forum, and the bare page (bench/load/bare_server.py: st.App under uvicorn with the same middleware),
each opened in headless Chromium as a phone (390×844), a fresh browser context per load so nothing
is cached. Three pages: the light join page (`/join/CODE`, the link the QR code carries), the
Streamlit join page (`/?code=CODE`, old links and `streamlit run`), and the bare page:
1. on the loopback network: the bytes over the wire and the requests until the page is interactive
   (join pages: the name box and the Join button shown and enabled; bare page: its text box and Send
   button), whether each script and style sheet came gzip-compressed, whether a Plotly bundle came;
2. under DevTools' "Fast 3G" (562.5 ms latency, 1.6 Mbit/s × 0.9 down, 750 kbit/s × 0.9 up) and a
   4× CPU slowdown: the time from navigation start to interactive;
3. Join tapped on the light page → the phone page interactive, on Fast 3G + 4× CPU with the cache on:
   "prefetched", the form filled and sent FILL_SECONDS after the page became usable (the join page
   fetched Streamlit's bundle meanwhile); "cold", the same with the bundle's files blocked until the tap.
Bytes are CDP's `Network.loadingFinished` encodedDataLength (headers and body as received, what
DevTools calls "transferred") summed over every HTTP response, plus the websocket frames received.
Each load is repeated `--repeats` times (after one unmeasured load of each page) and the medians are
printed beside their targets; exits 1 when a target fails.
"""

import argparse
import base64
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, CDPSession, sync_playwright

from bench.load.report import Line, table
from bench.load.scenario import serving
from facilitation.core.db import make_engine, write_session
from facilitation.core.migrate import upgrade
from facilitation.forum.forums import create_forum
from models import ForumCreate, Language

HOST = "127.0.0.1"
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
# Chrome DevTools' "Fast 3G" preset: 1.6 Mbit/s down and 750 kbit/s up, each × 0.9 for the packet
# overhead, 150 ms × 3.75 latency; bytes per second for CDP. Megabits of 1024 × 1024 bits as the preset
# first had them (188,744 B/s down, 86,400 up); today's devtools-frontend (front_end/core/sdk/
# NetworkManager.ts, Fast3GConditions) counts 1000 × 1000: 180,000 B/s down, 84,375 up, 4.9 % slower.
FAST_3G = {
    "offline": False,
    "latency": 150 * 3.75,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8 * 0.9,
    "uploadThroughput": 750 * 1024 / 8 * 0.9,
}
CPU_SLOWDOWN = 4  # DevTools' "4× slowdown", a cheap phone
RATIO_TARGET = 1.05  # join page bytes / bare page bytes
TTI_TARGET = 7.0  # seconds, join page on Fast 3G
FILL_SECONDS = 15.0  # how long a person takes to fill the join form: the prefetch's head start
GZIP_FLOOR = 1000  # GZipMiddleware(minimum_size=1000) compresses bodies from this size
LOAD_TIMEOUT_MS = 90_000
SETTLE_SECONDS = 2.0  # after interactive: no HTTP request finishing for this long counts as settled
SETTLE_LIMIT = 20.0

# Whether an element can be used now: there, laid out, visible, enabled. Shared by both scripts below.
USABLE_JS = """  // Custom components (the phone's share box) draw inside a shadow root: look there too.
  const find = (selector) => document.querySelector(selector) || [...document.querySelectorAll("*")]
    .map((host) => host.shadowRoot && host.shadowRoot.querySelector(selector)).find(Boolean);
  const usable = (selector) => {
    const element = find(selector);
    return !!element && !element.disabled && element.getClientRects().length > 0
      && getComputedStyle(element).visibility !== "hidden";
  };
"""
# Polled in the page from the first script on (every 50 ms) until the page can be used; records
# performance.now(), which counts from the navigation's start.
READY_SCRIPT = """
(() => {
  if (window.top !== window) return;
%(usable)s  const ready = () => %(ready)s;
  const timer = setInterval(() => {
    if (ready()) { window.__interactive = performance.now(); clearInterval(timer); }
  }, 50);
})();
"""
# Streamlit puts a widget's key in its container's class, the submit button's as "FormSubmitter-<form>-<label>".
JOIN_READY = 'usable(".st-key-join_name input") && usable("[class*=st-key-FormSubmitter-join_form] button")'
BARE_READY = 'usable(".st-key-bare_text textarea") && usable("[class*=st-key-FormSubmitter-bare_form] button")'
LIGHT_READY = 'usable("#join_name") && usable("form button[type=submit]")'
PHONE_READY = 'usable(".share-box textarea") && usable(".share-box button[type=submit]")'
# From Join tapped to the phone page usable: the tap's time (epoch ms) is kept across the navigation
# in sessionStorage; the phone page records when it became usable, on the same clock.
AFTER_JOIN_SCRIPT = """
(() => {
  if (window.top !== window) return;
  const now = () => performance.timeOrigin + performance.now();
  document.addEventListener("submit", () => sessionStorage.setItem("__tapped", String(now())), true);
%(usable)s  const ready = () => %(ready)s;
  const timer = setInterval(() => {
    if (ready()) { window.__interactive_at = now(); clearInterval(timer); }
  }, 50);
})();
"""  # % {"usable": USABLE_JS, "ready": the phone page's ready expression}
# Streamlit's files, blocked for the "cold" tap (the light page's prefetch then gets nothing).
BUNDLE_PATTERNS = ["*/static/*"]
READY = {"light": LIGHT_READY, "join": JOIN_READY, "bare": BARE_READY}


@dataclass
class Transfer:
    """One HTTP request as the browser saw it."""

    url: str
    kind: str = ""  # CDP's resource type: Document, Script, Stylesheet, Font, Fetch, …
    status: int = 0
    encoding: str = ""  # the response's content-encoding
    encoded: int = 0  # bytes received: headers and body as sent (encodedDataLength)
    decoded: int = 0  # body bytes after decompression
    finished: bool = False

    @property
    def path(self) -> str:
        return urlsplit(self.url).path


@dataclass
class Load:
    """One page load: what came over the wire by the time the page could be used, and when that was."""

    page: str  # "light", "join" or "bare"
    throttled: bool
    seconds: float  # navigation start → interactive
    http_bytes: int  # responses finished by then (encodedDataLength)
    ws_bytes: int  # websocket frames received by then (payload)
    requests: int  # HTTP requests sent by then
    settled_bytes: int  # HTTP + websocket once the network had been quiet for SETTLE_SECONDS
    settled_requests: int
    transfers: list[Transfer] = field(default_factory=list)  # all, at settling

    @property
    def bytes(self) -> int:
        return self.http_bytes + self.ws_bytes


@dataclass
class AfterJoin:
    """Join tapped on the light page, to the phone page usable (Fast 3G + 4× CPU, cache on)."""

    prefetched: bool  # the form was sent FILL_SECONDS after the page was usable, the bundle fetched meanwhile
    seconds: float  # tap → phone page interactive
    bytes_after_tap: int  # HTTP + websocket bytes received from the tap until the phone page was interactive
    requests_after_tap: int  # HTTP requests sent in that time
    from_cache: int  # of those, answered from the browser's cache


@dataclass
class Measurements:
    """Every load of one run, and where its logs are."""

    loads: list[Load]
    workdir: Path
    load_average: tuple[float, float]  # the machine's 1-minute load average at the start and the end
    joins: list[AfterJoin] = field(default_factory=list)

    def of(self, page: str, throttled: bool) -> list[Load]:
        return [load for load in self.loads if load.page == page and load.throttled == throttled]

    def after_join(self, prefetched: bool) -> list[AfterJoin]:
        return [join for join in self.joins if join.prefetched == prefetched]


class Recorder:
    """CDP's network events for one page, kept per request."""

    def __init__(self, cdp: CDPSession) -> None:
        self.transfers: dict[str, Transfer] = {}
        self.sent = 0
        self.cached: set[str] = set()  # request ids answered from the browser's cache
        self.ws_bytes = 0
        self.last_event = time.monotonic()
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.dataReceived", self._data)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.loadingFailed", self._failed)
        cdp.on("Network.webSocketFrameReceived", self._frame)
        cdp.on("Network.requestServedFromCache", lambda event: self.cached.add(event["requestId"]))

    def _sent(self, event: dict[str, Any]) -> None:
        url = event["request"]["url"]
        if not url.startswith("http"):
            return  # data: and blob: URLs never touch the network
        self.sent += 1  # a redirect sends again under the same id
        self.transfers[event["requestId"]] = Transfer(url=url, kind=event.get("type", ""))
        self.last_event = time.monotonic()

    def _response(self, event: dict[str, Any]) -> None:
        transfer = self.transfers.get(event["requestId"])
        if transfer is None:
            return
        response = event["response"]
        headers = {name.lower(): value for name, value in response.get("headers", {}).items()}
        transfer.kind = event.get("type", transfer.kind)
        transfer.status = int(response.get("status", 0))
        transfer.encoding = headers.get("content-encoding", "")
        if response.get("fromDiskCache") or response.get("fromPrefetchCache"):
            self.cached.add(event["requestId"])

    def _data(self, event: dict[str, Any]) -> None:
        transfer = self.transfers.get(event["requestId"])
        if transfer is not None:
            transfer.decoded += int(event["dataLength"])

    def _finished(self, event: dict[str, Any]) -> None:
        transfer = self.transfers.get(event["requestId"])
        if transfer is not None:
            transfer.encoded = int(event["encodedDataLength"])
            transfer.finished = True
            self.last_event = time.monotonic()

    def _failed(self, event: dict[str, Any]) -> None:
        transfer = self.transfers.get(event["requestId"])
        if transfer is not None:
            transfer.finished = True
            self.last_event = time.monotonic()

    def _frame(self, event: dict[str, Any]) -> None:
        response = event["response"]
        payload: str = response.get("payloadData", "")
        # Binary frames (opcode 2: Streamlit's protobuf messages) come base64-encoded.
        self.ws_bytes += len(base64.b64decode(payload)) if response.get("opcode") == 2 else len(payload.encode())

    def http_bytes(self) -> int:
        return sum(transfer.encoded for transfer in self.transfers.values() if transfer.finished)

    def in_flight(self) -> bool:
        return any(not transfer.finished for transfer in self.transfers.values())


def load_page(browser: Browser, url: str, page_name: str, *, throttled: bool) -> Load:
    """Open `url` in a fresh phone context; measure until it is interactive, then until the network settles."""
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        recorder = Recorder(cdp)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        if throttled:
            cdp.send("Network.emulateNetworkConditions", FAST_3G)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.add_init_script(READY_SCRIPT % {"usable": USABLE_JS, "ready": READY[page_name]})
        page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
        interactive = page.wait_for_function("window.__interactive", polling=100, timeout=LOAD_TIMEOUT_MS)
        seconds = float(interactive.json_value()) / 1000
        http_bytes, ws_bytes, requests = recorder.http_bytes(), recorder.ws_bytes, recorder.sent
        deadline = time.monotonic() + SETTLE_LIMIT
        while time.monotonic() < deadline and (
            recorder.in_flight() or time.monotonic() - recorder.last_event < SETTLE_SECONDS
        ):
            page.wait_for_timeout(100)  # lets Playwright deliver the events
        return Load(
            page=page_name,
            throttled=throttled,
            seconds=seconds,
            http_bytes=http_bytes,
            ws_bytes=ws_bytes,
            requests=requests,
            settled_bytes=recorder.http_bytes() + recorder.ws_bytes,
            settled_requests=recorder.sent,
            transfers=list(recorder.transfers.values()),
        )
    finally:
        context.close()


def join_then_phone(browser: Browser, url: str, *, prefetched: bool, fill_seconds: float = FILL_SECONDS) -> AfterJoin:
    """Open the light join page on Fast 3G + 4× CPU, fill it, tap Join; measure the tap → phone page usable.

    The cache is on, as on a phone. `prefetched`: the tap comes FILL_SECONDS after the page became
    usable; otherwise Streamlit's files are blocked until the tap, which comes at once.
    """
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        recorder = Recorder(cdp)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", FAST_3G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        if not prefetched:
            cdp.send("Network.setBlockedURLs", {"urls": BUNDLE_PATTERNS})
        page.add_init_script(READY_SCRIPT % {"usable": USABLE_JS, "ready": LIGHT_READY})
        page.add_init_script(AFTER_JOIN_SCRIPT % {"usable": USABLE_JS, "ready": PHONE_READY})
        page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
        page.wait_for_function("window.__interactive", polling=100, timeout=LOAD_TIMEOUT_MS)
        usable_at = time.monotonic()
        page.fill("#join_name", "ผู้ทดสอบ")
        page.check("input[name=sector][value=community]")
        page.check("input[name=consent]")
        if prefetched:
            page.wait_for_timeout(max(0.0, fill_seconds - (time.monotonic() - usable_at)) * 1000)
        else:
            cdp.send("Network.setBlockedURLs", {"urls": []})
        before = (recorder.http_bytes() + recorder.ws_bytes, recorder.sent, set(recorder.transfers))
        page.click("form button[type=submit]", no_wait_after=True)
        page.wait_for_url("**/?code=*", wait_until="commit", timeout=LOAD_TIMEOUT_MS)
        interactive = page.wait_for_function("window.__interactive_at", polling=100, timeout=LOAD_TIMEOUT_MS)
        tapped = float(page.evaluate("Number(sessionStorage.getItem('__tapped'))"))
        after = [request for request in recorder.transfers if request not in before[2]]
        return AfterJoin(
            prefetched=prefetched,
            seconds=(float(interactive.json_value()) - tapped) / 1000,
            bytes_after_tap=recorder.http_bytes() + recorder.ws_bytes - before[0],
            requests_after_tap=recorder.sent - before[1],
            from_cache=sum(request in recorder.cached for request in after),
        )
    finally:
        context.close()


def make_forum(database_url: str) -> str:
    """A Thai forum in Sila tambon, Khon Kaen, made through the services; returns its join code."""
    engine = make_engine(database_url)
    upgrade(engine)
    with write_session(engine) as session:
        created = create_forum(
            session=session,
            data=ForumCreate(title="เวทีทดสอบน้ำหนักหน้า", forum_date=date.today(), venue="หอประชุม",
                             language=Language.TH, province_code="40", district_code="4001", tambon_code="400114"),
        )  # fmt: skip
        code = created.forum.code
    engine.dispose()
    return code


def make_bare_database(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE post (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
    connection.close()


def chromium_path() -> str:
    found = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
    if not Path(found).exists():
        raise SystemExit(f"No Chromium at {found}: install Debian's chromium (`make test` does) or set CHROMIUM")
    return found


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run"],
        )  # fmt: skip
        try:
            yield browser
        finally:
            browser.close()


def measure(
    repeats: int = 3,
    workdir: Path | None = None,
    *,
    warmup: bool = True,
    say: Callable[[str], None] | None = None,
    fill_seconds: float = FILL_SECONDS,
) -> Measurements:
    """Both servers up, then per repeat: the three pages unthrottled, then on Fast 3G with 4× CPU, then
    Join tapped → phone page, prefetched and cold.

    `say` is told of each load as it is measured; `fill_seconds` is the prefetch's head start.
    """
    folder = workdir or Path(tempfile.mkdtemp(prefix="bench-page-"))
    start_load = os.getloadavg()[0]
    database_url = f"sqlite:///{folder / 'forum.db'}"
    code = make_forum(database_url)
    make_bare_database(folder / "bare.db")
    loads: list[Load] = []
    joins: list[AfterJoin] = []
    with ExitStack() as stack:
        app_port, _ = stack.enter_context(serving("server:app", {"DATABASE_URL": database_url}, folder / "app.log"))
        bare_env = {"BARE_DATABASE": str(folder / "bare.db")}
        bare_port, _ = stack.enter_context(serving("bench.load.bare_server:app", bare_env, folder / "bare.log"))
        urls = {
            "light": f"http://{HOST}:{app_port}/join/{code}",
            "join": f"http://{HOST}:{app_port}/?code={code}",
            "bare": f"http://{HOST}:{bare_port}/",
        }
        browser = stack.enter_context(chromium())
        if warmup:  # the first run of each script imports and compiles it: a server that has run a while has not
            for name, url in urls.items():
                load_page(browser, url, name, throttled=False)
        for _ in range(repeats):
            for throttled in (False, True):
                for name, url in urls.items():
                    load = load_page(browser, url, name, throttled=throttled)
                    loads.append(load)
                    if say is not None:
                        network = "Fast 3G + 4× CPU" if throttled else "loopback"
                        say(f"{name} page, {network}: interactive after {load.seconds:.2f} s, "
                            f"{kb(load.bytes)} in {load.requests} requests")  # fmt: skip
            for prefetched in (True, False):
                joined = join_then_phone(browser, urls["light"], prefetched=prefetched, fill_seconds=fill_seconds)
                joins.append(joined)
                if say is not None:
                    say(f"Join tapped → phone page, Fast 3G + 4× CPU, {'prefetched' if prefetched else 'cold'}: "
                        f"{joined.seconds:.2f} s, {kb(joined.bytes_after_tap)} after the tap in "
                        f"{joined.requests_after_tap} requests ({joined.from_cache} from the cache)")  # fmt: skip
    return Measurements(loads=loads, workdir=folder, load_average=(start_load, os.getloadavg()[0]), joins=joins)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def kb(size: float) -> str:
    return f"{size / 1000:,.1f} kB"


def is_plotly(transfer: Transfer) -> bool:
    return "plotly" in transfer.url.lower()


def uncompressed(loads: Sequence[Load]) -> list[Transfer]:
    """Scripts and style sheets of GZIP_FLOOR bytes or more that came without gzip."""
    return [
        transfer
        for load in loads
        for transfer in load.transfers
        if transfer.kind in ("Script", "Stylesheet") and transfer.decoded >= GZIP_FLOOR and transfer.encoding != "gzip"
    ]


def summarise(measurements: Measurements) -> list[Line]:
    light, join, bare = (measurements.of(page, False) for page in ("light", "join", "bare"))
    light_3g, join_3g, bare_3g = (measurements.of(page, True) for page in ("light", "join", "bare"))

    def ratio(loads: Sequence[Load], attribute: str = "bytes") -> float:
        theirs = median([getattr(x, attribute) for x in bare])
        return median([getattr(x, attribute) for x in loads]) / theirs if theirs else float("nan")

    light_ratio, join_ratio = ratio(light), ratio(join)
    light_tti, join_tti = median([x.seconds for x in light_3g]), median([x.seconds for x in join_3g])
    plotly = sorted({t.path for load in [*light, *join, *light_3g, *join_3g] for t in load.transfers if is_plotly(t)})
    plain = uncompressed(measurements.loads)
    scripts = [t for load in light + join + bare for t in load.transfers if t.kind in ("Script", "Stylesheet")]
    warm, cold = measurements.after_join(True), measurements.after_join(False)

    def three(show: Callable[[float], str], attribute: str) -> str:
        """The median of `attribute` over the light join page's loads, the Streamlit join page's and the bare page's."""
        return " / ".join(show(median([getattr(load, attribute) for load in loads])) for loads in (light, join, bare))

    def three_3g(show: Callable[[float], str], attribute: str) -> str:
        """As `three`, over the loads on Fast 3G + 4× CPU."""
        return " / ".join(
            show(median([getattr(load, attribute) for load in loads])) for loads in (light_3g, join_3g, bare_3g)
        )

    def tap(joins: Sequence[AfterJoin]) -> str:
        if not joins:
            return "not measured"
        return (
            f"{median([x.seconds for x in joins]):.2f} s ({kb(median([x.bytes_after_tap for x in joins]))} after the "
            f"tap, {median([x.from_cache for x in joins]):.0f} of {median([x.requests_after_tap for x in joins]):.0f} "
            "requests from the cache)"
        )

    count = "{:.0f}".format
    seconds = "{:.2f} s".format
    return [
        Line("bytes until interactive, light / Streamlit join / bare", three(kb, "bytes")),
        Line("  of which HTTP responses", three(kb, "http_bytes")),
        Line("  of which websocket frames received", three(kb, "ws_bytes")),
        # On loopback the light page's prefetch of the bundle can finish before the first check
        # finds the form usable; on Fast 3G it cannot, and only the page itself is counted.
        Line("bytes until interactive, Fast 3G + 4× CPU, light / Streamlit join / bare", three_3g(kb, "bytes")),
        Line("light join bytes / bare bytes", f"{light_ratio:.2f}", f"≤ {RATIO_TARGET}", light_ratio <= RATIO_TARGET),
        Line("Streamlit join bytes / bare bytes (for comparison)", f"{join_ratio:.2f}"),
        Line("HTTP requests until interactive, light / Streamlit join / bare", three(count, "requests")),
        Line("bytes once the network settled, light / Streamlit join / bare", three(kb, "settled_bytes")),
        Line(
            "  ratio to bare once settled, light / Streamlit join",
            f"{ratio(light, 'settled_bytes'):.2f} / {ratio(join, 'settled_bytes'):.2f}",
        ),  # fmt: skip
        Line("HTTP requests once settled, light / Streamlit join / bare", three(count, "settled_requests")),
        Line("time to interactive on loopback, light / Streamlit join / bare", three(seconds, "seconds")),
        Line(
            "time to interactive, Fast 3G + 4× CPU, light join",
            seconds(light_tti),
            f"≤ {TTI_TARGET:.0f} s",
            light_tti <= TTI_TARGET,
        ),  # fmt: skip
        Line("time to interactive, Fast 3G + 4× CPU, Streamlit join (for comparison)", seconds(join_tti)),
        Line("time to interactive, Fast 3G + 4× CPU, bare", seconds(median([x.seconds for x in bare_3g]))),
        Line(f"Join tapped → phone page interactive, Fast 3G + 4× CPU, prefetched ({FILL_SECONDS:.0f} s)", tap(warm)),
        Line("Join tapped → phone page interactive, Fast 3G + 4× CPU, cold (bundle blocked)", tap(cold)),
        Line("Plotly bundles requested by the join pages", ", ".join(plotly) or "none", "none", not plotly),
        Line(
            f"JS/CSS responses ≥ {GZIP_FLOOR} B not gzip-compressed",
            f"{len(plain)} of {sum(t.decoded >= GZIP_FLOOR for t in scripts)}",
            "0",
            not plain,
        ),
    ]


def largest(load: Load, count: int = 10) -> list[Transfer]:
    return sorted(load.transfers, key=lambda transfer: transfer.encoded, reverse=True)[:count]


def differences(join: Load, bare: Load) -> list[tuple[str, int]]:
    """Bytes the join page received beyond the bare page's, by path (Streamlit's bundles are the same
    files), most first; negative where the bare page received more."""
    sizes: dict[str, int] = {"(websocket frames received)": websocket(join) - websocket(bare)}
    for sign, load in ((1, join), (-1, bare)):
        for transfer in load.transfers:
            sizes[transfer.path] = sizes.get(transfer.path, 0) + sign * transfer.encoded
    return sorted(((path, size) for path, size in sizes.items() if size), key=lambda entry: entry[1], reverse=True)


def websocket(load: Load) -> int:
    """Websocket bytes received by the time the network settled."""
    return load.settled_bytes - sum(transfer.encoded for transfer in load.transfers)


def describe(transfer: Transfer) -> str:
    encoding = transfer.encoding or "identity"
    return (
        f"{kb(transfer.encoded):>10} ({kb(transfer.decoded)} decoded, {encoding}) {transfer.kind:<10} {transfer.path}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3, help="loads of each page and network (default 3)")
    args = parser.parse_args(argv)
    print(f"Page weight: {args.repeats} loads of each page per network (1-minute load average "
          f"{os.getloadavg()[0]:.2f})", flush=True)  # fmt: skip
    measurements = measure(args.repeats, say=lambda line: print(f"  {line}", flush=True))
    lines = summarise(measurements)
    start, end = measurements.load_average
    print(f"\nMedians; 1-minute load average {start:.2f} at the start, {end:.2f} at the end\n")
    print(table(lines))
    light = measurements.of("light", False)[0]
    join, bare = measurements.of("join", False)[0], measurements.of("bare", False)[0]
    for load in (light, join, bare):
        print(
            f"\nLargest responses, {load.page} page (first load on loopback, all its {len(load.transfers)} requests):"
        )
        for transfer in largest(load):
            print(f"  {describe(transfer)}")
    changes = differences(join, bare)
    more, less = [x for x in changes if x[1] > 0], [x for x in changes if x[1] < 0]
    print(f"\nThe join page beyond the bare page (same loads): {kb(sum(size for _, size in changes))} net, "
          f"{kb(sum(size for _, size in more))} more in {len(more)} responses, {kb(-sum(size for _, size in less))} "
          f"less in {len(less)}")  # fmt: skip
    for path, size in [*more[:15], *less[::-1][:5]]:
        print(f"  {'+' if size > 0 else '-'}{kb(abs(size)):>10}  {path}")
    plain = uncompressed(measurements.loads)
    if plain:
        print("\nNot compressed:")
        for path in sorted({transfer.path for transfer in plain}):
            print(f"  {path}")
    print(f"\nLogs: {measurements.workdir}")
    return 0 if all(line.passed is not False for line in lines) else 1


if __name__ == "__main__":
    sys.exit(main())
