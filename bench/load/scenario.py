"""The load run: the real server, N phones and the projectors as browsers drive them, then the bare page.

Phases, in order, all clients on one event loop in this process:
1. join: phone i opens the join link at i × join_over / N, fills the join form (name, a sector,
   consent) and sends it; the phone page it lands on starts its watcher (an event stream), which
   sends its one `hello` rerun. The projectors open their link first and keep it open throughout.
2. idle: once every phone has said hello, the server's CPU time is read over `idle_window` seconds.
3. posting: each phone posts `posts` times, `post_gap` seconds apart, from a random offset in the
   first gap (so a hall's posts are spread, not synchronised).
4. stage: the forum moves to Plan through the services; each phone's time to say it (the watcher's
   banner, from the event) and to redraw its page with it are taken.
4b. vote (`vote`): a dot vote opens over some of the posts; each phone draws it (one rerun, as
   for a stage change) and spends `dots` dots, `vote_gap` seconds apart, from a random start in
   the first `vote_over` seconds (bench/load/voting.py).
5. bare: the bare page (bare_app.py) on a server of its own, N tabs opened over the same ramp,
   posting with the same schedule.
Then both databases are checked: every post a phone was told was sent is stored exactly once.
"""

import asyncio
import os
import re
import resource
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date
from html import escape
from pathlib import Path
from random import Random
from typing import Any
from urllib.parse import parse_qs, urlencode

from sqlmodel import select

from bench.load.protocol import Run, Tab, TabError, http_post_json, http_request
from bench.load.voting import VoteFigures, check_ballots, open_hall_vote, spend, wait_for_boxes
from bench.load.watcher import Watcher
from facilitation.core.db import make_engine, read_session, write_session
from facilitation.core.i18n import t
from facilitation.core.migrate import upgrade
from facilitation.forum.access import open_projector_link
from facilitation.forum.forums import create_forum, get_forum, set_stage
from facilitation.forum.reveal import REVEAL_STAGES, reveal_stage
from models import Contribution, ForumCreate, Language, Participant, Sector, Stage, saved_id

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
# As the Makefile's `run`.
UVICORN_FLAGS = ("--ws", "websockets-sansio", "--ws-ping-interval", "30", "--ws-ping-timeout", "30",
                 "--ws-per-message-deflate", "false", "--timeout-graceful-shutdown", "3")  # fmt: skip
TOKEN = re.compile(rb"zq(\d{4})x(\d)")
# The join token the light join page draws into its form (facilitation/web/join_html.py).
JOIN_TOKEN = re.compile(rb'name="token" value="([A-Za-z0-9_-]+)"')
SILA = {"province_code": "40", "district_code": "4001", "tambon_code": "400114"}
STAGE_WAIT = 30.0  # how long phones are given to show a stage change before the rest count as errors


@dataclass(frozen=True)
class Settings:
    """What one run does; the defaults are a provincial hall: 500 phones, 2 projectors, 3 posts 20 s apart."""

    phones: int = 500
    projectors: int = 2
    posts: int = 3
    post_gap: float = 20.0
    join_over: float = 60.0
    idle_window: float = 30.0
    seed: int = 1
    bare: bool = True
    profile: bool = False  # py-spy samples of the server per phase, in the run's folder
    vote: bool = False  # after the stage change, a dot vote in which every phone spends its dots
    dots: int = 5
    # A person reads the options and places a dot every few seconds; the hall starts over half a minute.
    vote_gap: float = 5.0  # seconds between a phone's taps (±50 %)
    vote_over: float = 30.0  # phones start voting at random moments over this many seconds


@dataclass
class Results:
    """Everything measured; `report.py` turns it into the table."""

    settings: Settings
    workdir: Path
    opened: list[float] = field(default_factory=list)  # join link → join page drawn
    joined: list[float] = field(default_factory=list)  # join link → phone page drawn
    submits: list[float] = field(default_factory=list)  # Send → the server's "sent" (the share box's POST)
    staleness: list[float] = field(default_factory=list)  # per post and projector
    posts_shown: int = 0  # posts some projector update showed by their own text
    stage_said: list[float] = field(default_factory=list)  # per phone whose banner named the new stage
    stage_seconds: list[float] = field(default_factory=list)  # per phone that redrew with the new stage
    stage_projectors: list[float] = field(default_factory=list)
    idle_cpu_seconds: float = 0.0
    idle_window: float = 0.0
    idle_reruns: int = 0  # script runs phones asked for during the idle window (should be none)
    timers_set: int = 0  # fragment timers the server started on phones, all phases
    timers_idle: int = 0  # fragment timers running on phones during the idle window
    phase_cpu: dict[str, float] = field(default_factory=dict)  # server CPU seconds per phase
    client_cpu: float = 0.0
    stage_reruns: int = 0  # reruns phones asked for after the stage change (one each would do)
    interrupted: int = 0  # runs on phones the server stopped early for a newer request
    load_average: tuple[float, float] = (0.0, 0.0)  # the machine's 1-minute load at the start and the end
    errors: list[str] = field(default_factory=list)
    acked: int = 0
    lost: int = 0
    doubled: int = 0
    unacked_stored: int = 0
    participants: int = 0
    bare_submits: list[float] = field(default_factory=list)
    bare_errors: list[str] = field(default_factory=list)
    bare_acked: int = 0
    bare_lost: int = 0
    bare_doubled: int = 0
    voting: VoteFigures | None = None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process `pid` (all its threads) so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def serving(module: str, env: dict[str, str], log: Path) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """`uvicorn module` on a free port, as `make run` starts the app; stopped when the block ends."""
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if k not in ("PUBLIC_URL", "DATABASE_URL", "ORGANISER_PASSWORD")}
    environment |= env | {"STREAMLIT_SERVER_PORT": str(port)}
    with log.open("a") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", module, "--host", HOST, "--port", str(port), *UVICORN_FLAGS],
            cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://{HOST}:{port}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"{module} did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.3)
        yield port, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def sampling(pid: int, output: Path, enabled: bool) -> Iterator[None]:
    """py-spy's samples of process `pid` while the block runs, as collapsed stacks in `output`."""
    if not enabled:
        yield
        return
    spy = Path(sys.executable).with_name("py-spy")
    recorder = subprocess.Popen(
        [str(spy), "record", "--pid", str(pid), "--rate", "200", "--format", "raw", "--nonblocking", "--gil",
         "--output", str(output)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        yield
    finally:
        recorder.send_signal(signal.SIGINT)
        recorder.wait(timeout=60)


def post_text(phone: int, number: int) -> str:
    """A post's text: Thai words and a token that finds it again on the projector and in the database."""
    return f"ความเห็นที่ {number} จากโทรศัพท์เครื่องที่ {phone} zq{phone:04d}x{number}"


def raise_open_files() -> None:
    """Two sockets a phone (page and event stream): lift the soft limit on open files to the hard one."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


class Phone:
    """One participant's phone: the join link, the phone page with its watcher, the share form."""

    def __init__(self, number: int, port: int, query: str, rng: Random) -> None:
        self.number = number
        self.tab = Tab(HOST, port, query)
        self.rng = rng
        self.watcher: Watcher | None = None
        self.acked: list[str] = []
        self.stage_marker: bytes | None = None
        self.stage_seen: float | None = None
        self.stage_said: float | None = None
        self.runs_asked = 0
        self.tab.on_message = self._message

    def _message(self, raw: bytes, now: float) -> None:
        if self.stage_marker is not None and self.stage_seen is None and self.stage_marker in raw:
            self.stage_seen = now

    async def join(self, results: Results) -> None:
        """What a phone does with the QR code's link: the light join page, its form, then the phone page."""
        start = time.monotonic()
        code = parse_qs(self.tab.query_string)["code"][0]
        status, _, page = await http_request(HOST, self.tab.port, "GET", f"/join/{code}")
        token = JOIN_TOKEN.search(page)
        if status != 200 or token is None:
            raise TabError(f"the join page answered {status} without its form")
        results.opened.append(time.monotonic() - start)
        form = {
            "token": token.group(1).decode(),
            "name": f"ผู้เข้าร่วม {self.number}",
            "organisation": "",
            "sector": self.rng.choice(list(Sector)).value,
            "consent": "yes",
        }
        origin = f"http://{HOST}:{self.tab.port}"
        status, fields, _ = await http_request(
            HOST,
            self.tab.port,
            "POST",
            f"/join/{code}",
            body=urlencode(form).encode(),
            headers=[("Origin", origin), ("Content-Type", "application/x-www-form-urlencoded")],
        )
        location = fields.get("location", "")
        if status != 303 or "p=" not in location:
            raise TabError(f"joining answered {status}, not the phone page")
        self.tab.query_string = location.split("?", 1)[1]
        run = await self.tab.open()
        if "phone_live" not in self.tab.components:
            raise TabError("the join form did not lead to the phone page")
        results.joined.append(run.finished - start)
        self.watcher = Watcher(
            self.tab, "phone_live", on_fire=self._fired, on_banner=self._banner, rng=Random(self.rng.random())
        )

    def _fired(self, _name: str) -> None:
        self.runs_asked += 1

    def _banner(self, stage: str) -> None:
        if self.stage_marker is not None and self.stage_said is None and stage == Stage.PLAN:
            self.stage_said = time.monotonic()

    async def post(self, number: int, results: Results) -> None:
        """What the share box (assets/share/share.js) does: POST the post and say "sent"; no page run."""
        text = post_text(self.number, number)
        box = self.tab.components.get("share_box")
        if box is None:
            raise TabError("the phone page has no share box")
        kind = self.rng.choice([option["value"] for option in box.data["kinds"]])
        payload = {"p": box.data["token"], "lang": box.data["lang"], "retry": False, "kind": kind, "text": text}
        start = time.monotonic()
        status, answer = await http_post_json(HOST, self.tab.port, "/" + box.data["endpoint"], payload)
        said = time.monotonic()
        if status != 200 or answer.get("message") != t("share_sent"):
            raise TabError(f"post {number} got {status} {answer.get('message')!r}, not the 'sent' message")
        results.submits.append(said - start)
        self.acked.append(text)

    @property
    def settled(self) -> bool:
        """Said hello, and no rerun pending."""
        return self.watcher is not None and self.watcher.fired["hello"] > 0 and not self.watcher.waiting

    async def close(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
        await self.tab.close()


class Projector:
    """A projector tab kept open on the feed; every update's post tokens are kept with its time."""

    def __init__(self, port: int, query: str, clock: Callable[[float], float]) -> None:
        self.tab = Tab(HOST, port, query, on_message=self._message)
        self.clock = clock
        self.updates: list[tuple[float, set[tuple[int, int]]]] = []
        self.stage_marker: bytes | None = None
        self.stage_seen: float | None = None
        self.watcher: Watcher | None = None

    def _message(self, raw: bytes, now: float) -> None:
        shown = {(int(a), int(b)) for a, b in TOKEN.findall(raw)}
        if shown:
            self.updates.append((self.clock(now), shown))
        if self.stage_marker is not None and self.stage_seen is None and self.stage_marker in raw:
            self.stage_seen = now

    async def open(self) -> None:
        await self.tab.open()
        self.watcher = Watcher(self.tab, "projector_live")

    async def close(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
        await self.tab.close()


async def _guarded(action: Awaitable[object], errors: list[str], what: str) -> bool:
    try:
        await action
        return True
    except (TabError, OSError, TimeoutError) as error:
        errors.append(f"{what}: {error}")
        return False


async def _post_on_schedule(
    phones: list[Any], settings: Settings, rng: Random, post: Callable[[Any, int], Awaitable[None]]
) -> None:
    start = time.monotonic()

    async def one(phone: Any, offset: float) -> None:
        for number in range(1, settings.posts + 1):
            await asyncio.sleep(max(0.0, start + offset + (number - 1) * settings.post_gap - time.monotonic()))
            await post(phone, number)

    await asyncio.gather(*(one(phone, rng.uniform(0, settings.post_gap)) for phone in phones))


async def _wait_for(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.2)
    return True


async def _app_phases(settings: Settings, results: Results, port: int, pid: int, database_url: str) -> None:
    engine = make_engine(database_url)
    rng = Random(settings.seed)
    with write_session(engine) as session:
        created = create_forum(
            session=session,
            data=ForumCreate(title="เวทีทดสอบภาระ", forum_date=date.today(), venue="หอประชุม",
                             language=Language.TH, **SILA),
        )  # fmt: skip
        code, key = created.forum.code, created.facilitator_token
        # The hall posts with the wall showing them as they come (a new forum would hold them
        # until a reveal): the staleness figure is the time a post takes to reach the wall.
        for stage in REVEAL_STAGES:
            reveal_stage(session=session, forum_id=saved_id(created.forum), stage=stage, version=0)
    with write_session(engine) as session:
        screen = open_projector_link(session=session, code=code, key=key)
    # The projector's clock for staleness: wall time, to compare with the posts' created_at.
    offset = time.time() - time.monotonic()
    projectors = [
        Projector(port, f"code={code}&screen={screen}", lambda now: now + offset) for _ in range(settings.projectors)
    ]
    phones = [Phone(number, port, f"code={code}", Random(settings.seed * 100_003 + number))
              for number in range(1, settings.phones + 1)]  # fmt: skip
    errors = results.errors
    try:
        for projector in projectors:
            await _guarded(projector.open(), errors, "projector open")
        cpu = cpu_seconds(pid)
        start = time.monotonic()

        slot = settings.join_over / settings.phones

        async def join_later(phone: Phone) -> None:
            await asyncio.sleep(max(0.0, start + (phone.number - 1) * slot - time.monotonic()))
            await _guarded(phone.join(results), errors, f"phone {phone.number} join")

        await asyncio.gather(*(join_later(phone) for phone in phones))
        joined = [phone for phone in phones if phone.watcher is not None]
        if not await _wait_for(lambda: all(phone.settled for phone in joined), 120):
            errors.append(f"{sum(not p.settled for p in joined)} phones never settled (no hello rerun)")
        await asyncio.sleep(2)
        results.phase_cpu["join"] = cpu_seconds(pid) - cpu

        # Idle: everyone connected, nothing happening.
        asked = sum(phone.runs_asked for phone in joined)
        cpu, start = cpu_seconds(pid), time.monotonic()
        await asyncio.sleep(settings.idle_window)
        results.idle_cpu_seconds = cpu_seconds(pid) - cpu
        results.idle_window = time.monotonic() - start
        results.idle_reruns = sum(phone.runs_asked for phone in joined) - asked
        results.timers_idle = sum(phone.tab.timers_running for phone in joined)

        cpu = cpu_seconds(pid)

        async def post(phone: Phone, number: int) -> None:
            await _guarded(phone.post(number, results), errors, f"phone {phone.number} post {number}")

        with sampling(pid, results.workdir / "posting.txt", settings.profile):
            await _post_on_schedule(joined, settings, rng, post)
            await asyncio.sleep(3)  # the projectors' last updates
        results.phase_cpu["posting"] = cpu_seconds(pid) - cpu

        # Stage change, through the services as the console makes it.
        phone_marker = f"**{t('stage_label')}:** {t('stage_plan')}".encode()
        projector_marker = f'data-testid="stage">{escape(t("stage_plan"))}'.encode()
        for phone in joined:
            phone.stage_marker = phone_marker
        for projector in projectors:
            projector.stage_marker = projector_marker
        with sampling(pid, results.workdir / "stage.txt", settings.profile):
            with write_session(engine) as session:
                set_stage(session=session, forum=get_forum(session=session, code=code), stage=Stage.PLAN)
            changed, cpu = time.monotonic(), cpu_seconds(pid)
            asked = sum(phone.runs_asked for phone in joined)
            if not await _wait_for(lambda: all(phone.stage_seen is not None for phone in joined), STAGE_WAIT):
                missing = sum(phone.stage_seen is None for phone in joined)
                errors.append(f"{missing} phones did not show the stage change within {STAGE_WAIT:.0f} s")
        results.stage_said = [phone.stage_said - changed for phone in joined if phone.stage_said is not None]
        results.stage_seconds = [phone.stage_seen - changed for phone in joined if phone.stage_seen is not None]
        results.stage_projectors = [p.stage_seen - changed for p in projectors if p.stage_seen is not None]
        await asyncio.sleep(1)
        results.phase_cpu["stage"] = cpu_seconds(pid) - cpu
        results.stage_reruns = sum(phone.runs_asked for phone in joined) - asked
        if settings.vote:
            await _vote_phase(settings, results, engine, port, pid, saved_id(created.forum), joined, rng)
    finally:
        await asyncio.gather(*(phone.close() for phone in phones), *(p.close() for p in projectors))
    for tab in [phone.tab for phone in phones] + [projector.tab for projector in projectors]:
        errors.extend(tab.errors)
    results.timers_set = sum(phone.tab.timers_set for phone in phones)
    results.interrupted = sum(phone.tab.interrupted for phone in phones)

    # The database: every acknowledged post stored once, every joined phone one participant.
    with read_session(engine) as session:
        forum = get_forum(session=session, code=code)
        rows = session.exec(
            select(Contribution.id, Contribution.kind, Contribution.text, Contribution.created_at).where(
                Contribution.forum_id == forum.id
            )
        ).all()
        results.participants = len(session.exec(select(Participant.id).where(Participant.forum_id == forum.id)).all())
    stored: dict[str, int] = defaultdict(int)
    for row in rows:
        stored[row[2]] += 1
    acked = {text for phone in phones for text in phone.acked}
    results.acked = len(acked)
    results.lost = sum(1 for text in acked if stored.get(text, 0) == 0)
    results.doubled = sum(1 for count in stored.values() if count > 1)
    results.unacked_stored = sum(1 for text in stored if text not in acked)
    _staleness(results, rows, projectors)
    engine.dispose()


async def _vote_phase(
    settings: Settings, results: Results, engine: Any, port: int, pid: int, forum_id: int, phones: list[Phone],
    rng: Random,
) -> None:  # fmt: skip
    figures = results.voting = VoteFigures()
    asked, cpu = sum(phone.runs_asked for phone in phones), cpu_seconds(pid)
    vote_id = open_hall_vote(engine, forum_id, settings.dots)
    ready = await wait_for_boxes(phones, time.monotonic(), figures, lambda phone: phone.tab.components)

    async def one(phone: Phone, offset: float) -> None:
        await asyncio.sleep(offset)
        box = phone.tab.components["vote_box"].data
        voting = spend(HOST, port, box, settings.dots, settings.vote_gap, Random(rng.random()), figures)
        await _guarded(voting, figures.errors, f"phone {phone.number} vote")

    await asyncio.gather(*(one(phone, rng.uniform(0, settings.vote_over)) for phone in ready))
    await asyncio.sleep(2)
    figures.reruns = sum(phone.runs_asked for phone in phones) - asked
    results.phase_cpu["voting"] = cpu_seconds(pid) - cpu
    results.errors.extend(figures.errors)
    check_ballots(engine, vote_id, figures)


def _staleness(results: Results, rows: Sequence[Any], projectors: list[Projector]) -> None:
    """Commit → the first projector update that reflects the post.

    An update reflects a post when it shows it, or shows a newer post of its kind: the wall shows
    the newest few per kind, and SQLite commits posts in id order, so a newer one on the wall
    means this one was committed before the update read the forum and either shows or has
    scrolled off. The post's created_at (set inside its transaction) stands for its commit.
    """
    by_token = {}
    for post_id, kind, text, created_at in rows:
        found = TOKEN.search(text.encode())
        if found:
            by_token[(int(found[1]), int(found[2]))] = (post_id, kind, created_at.replace(tzinfo=UTC).timestamp())
    shown: set[tuple[int, int]] = set()
    for projector in projectors:
        newest: list[tuple[float, dict[str, int]]] = []
        for moment, tokens in projector.updates:
            per_kind: dict[str, int] = {}
            for token in tokens:
                if token in by_token:
                    shown.add(token)
                    post_id, kind, _ = by_token[token]
                    per_kind[kind] = max(per_kind.get(kind, 0), post_id)
            newest.append((moment, per_kind))
        for post_id, kind, committed in by_token.values():
            for moment, per_kind in newest:
                if per_kind.get(kind, 0) >= post_id:
                    results.staleness.append(moment - committed)
                    break
            else:
                results.errors.append(f"post {post_id} never reached a projector")
    results.posts_shown = len(shown)


async def _bare_phases(settings: Settings, results: Results, port: int, database: Path) -> None:
    rng = Random(settings.seed + 7)
    tabs = [Tab(HOST, port, "") for _ in range(settings.phones)]
    acked: dict[int, list[str]] = defaultdict(list)
    errors = results.bare_errors
    try:
        start = time.monotonic()

        async def open_later(number: int, tab: Tab) -> None:
            await asyncio.sleep(max(0.0, start + number * settings.join_over / settings.phones - time.monotonic()))
            await _guarded(tab.open(), errors, f"bare tab {number} open")

        await asyncio.gather(*(open_later(number, tab) for number, tab in enumerate(tabs)))
        await asyncio.sleep(2)

        async def post(number_tab: tuple[int, Tab], number: int) -> None:
            phone, tab = number_tab
            text = post_text(phone, number)

            async def send() -> None:
                run: Run = await tab.submit("bare_form", {"bare_text": text})
                if not run.shows("Sent"):
                    raise TabError("no 'Sent' message")
                results.bare_submits.append(run.seconds)
                acked[phone].append(text)

            await _guarded(send(), errors, f"bare tab {phone} post {number}")

        opened = [(number, tab) for number, tab in enumerate(tabs, start=1) if "bare_text" in tab.widgets]
        await _post_on_schedule(opened, settings, rng, post)
    finally:
        await asyncio.gather(*(tab.close() for tab in tabs))
    for tab in tabs:
        errors.extend(tab.errors)
    texts = {text for posted in acked.values() for text in posted}
    connection = sqlite3.connect(database)
    try:
        counts = dict(connection.execute("SELECT text, COUNT(*) FROM post GROUP BY text").fetchall())
    finally:
        connection.close()
    results.bare_acked = len(texts)
    results.bare_lost = sum(1 for text in texts if counts.get(text, 0) == 0)
    results.bare_doubled = sum(1 for count in counts.values() if count > 1)


def run(settings: Settings, workdir: Path | None = None) -> Results:
    """One whole run; its logs and databases stay in `workdir` (a new temporary folder by default)."""
    raise_open_files()
    folder = workdir or Path(tempfile.mkdtemp(prefix="bench-load-"))
    results = Results(settings=settings, workdir=folder)
    start_load = os.getloadavg()[0]
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    database_url = f"sqlite:///{folder / 'forum.db'}"
    upgrade(make_engine(database_url))  # the server upgrades too; done here so the forum can be made at once
    with serving("server:app", {"DATABASE_URL": database_url}, folder / "server.log") as (port, process):
        asyncio.run(_app_phases(settings, results, port, process.pid, database_url))
    if settings.bare:
        bare = folder / "bare.db"
        connection = sqlite3.connect(bare)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE post (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
        connection.close()
        with serving("bench.load.bare_server:app", {"BARE_DATABASE": str(bare)}, folder / "bare.log") as (port, _):
            asyncio.run(_bare_phases(settings, results, port, bare))
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    results.load_average = (start_load, os.getloadavg()[0])
    results.client_cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
    return results
