"""A real app server and Debian's Chromium, driven by Playwright (no browser download).

The facilitator opens the app as http://forum.test:PORT, a name Chromium maps to
127.0.0.1: the app sees a non-loopback address, puts it in the QR code, and the
phone reaches it, while no traffic leaves this machine.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sqlalchemy import Engine

from facilitation.core.db import make_engine
from facilitation.core.migrate import upgrade

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
HOST = "forum.test"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}
LAPTOP = {"viewport": {"width": 1366, "height": 900}}
# These tests check behaviour, not speed (bench/ measures speed): on a loaded two-core CI
# machine a page's run can take several seconds, so a check waits longer than Playwright's 5 s.
# A check that something is absent still passes at once.
expect.set_options(timeout=12_000)
# As in the Makefile's `run`.
UVICORN_FLAGS = ("--ws", "websockets-sansio", "--ws-ping-interval", "30", "--ws-ping-timeout", "30",
                 "--ws-per-message-deflate", "false", "--timeout-graceful-shutdown", "3")  # fmt: skip


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def chromium_path() -> str:
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(found).exists():
        pytest.fail(f"Chromium not found at {found}: run `make test`, which installs Debian's chromium")
    return found


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a free port with its own database; yields the facilitator's base URL."""
    data = tmp_path_factory.mktemp("e2e")
    with running_app(f"sqlite:///{data / 'forum.db'}", data) as base:
        yield base


@pytest.fixture(scope="module")
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Engine]]:
    """The app on its own database, which the tests also reach to arrange forums and read what was stored."""
    data = tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1])
    url = f"sqlite:///{data / 'forum.db'}"
    engine = make_engine(url)
    upgrade(engine)
    with running_app(url, data) as base:
        yield base, engine
    engine.dispose()


@contextmanager
def running_app(database_url: str, data: Path) -> Iterator[str]:
    """Start the app as `make run` does (uvicorn server:app) on a free port; yield its base URL; stop it."""
    port = free_port()
    process = start_app(database_url, data, port)
    try:
        yield f"http://{HOST}:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


def start_app(database_url: str, data: Path, port: int) -> subprocess.Popen[bytes]:
    """The app's server process on `port`, once it answers; its output goes to data/server.log."""
    env = {k: v for k, v in os.environ.items() if k not in ("PUBLIC_URL", "DATABASE_URL", "ORGANISER_PASSWORD")}
    env |= {
        "DATABASE_URL": database_url,
        "STREAMLIT_SERVER_PORT": str(port),
        "STREAMLIT_CLIENT_SHOW_ERROR_DETAILS": "full",
    }
    with (data / "server.log").open("a") as log:  # the child keeps its own copy of the file
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "server:app", "--host", "0.0.0.0", "--port", str(port), *UVICORN_FLAGS],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return process
        except OSError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            pytest.fail(f"app did not start:\n{(data / 'server.log').read_text()[-3000:]}")
        time.sleep(0.3)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path(),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                f"--host-resolver-rules=MAP {HOST} 127.0.0.1",
            ],
        )
        yield launched
        launched.close()


SETTLE_MS = 350
FOLLOWING = ".live-watch[data-stream='open'][data-hello='heard']"


def following(page: Page, timeout: float = 15_000) -> None:
    """Wait until the page's live watcher has its stream open and the page has run since
    (the one "hello" rerun that puts the fallback timer away), and the page is idle."""
    expect(page.locator(FOLLOWING)).to_have_count(1, timeout=timeout)
    idle(page)


def idle(page: Page, timeout: float = 30_000) -> None:
    """Wait until Streamlit has finished the run the last action started, and the page has settled.

    Two checks, SETTLE_MS apart: on a loaded machine a run starts up to half a second after the
    click that asked for it, and for a moment after a run ends the page redraws its elements;
    a click that lands on a button while it is redrawn is lost (seen: 2 clicks in 21).
    """
    page.wait_for_timeout(150)
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_timeout(SETTLE_MS)
    page.wait_for_selector(IDLE, timeout=timeout)
    errors = page.locator('[data-testid="stException"]')
    if errors.count():
        raise AssertionError(f"the page shows an exception:\n{errors.first.inner_text()}")


# Notes whether a script run starts from now on.
_WATCH_RUN = """() => {
  window.__runStarted = false;
  const app = document.querySelector('[data-testid="stApp"]');
  const seen = new MutationObserver(() => {
    if (app.getAttribute('data-test-script-state') === 'running') { window.__runStarted = true; seen.disconnect(); }
  });
  seen.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""


def click_to_run(page: Page, button: Locator, wait_ms: float = 5_000) -> None:
    """Click a button whose click must start a run; when none starts, click it once more.

    A button at the foot of an expander just opened is sometimes missed by the scripted
    click (seen: 1 click in 24 after the page had been idle for 350 ms; the page had
    scrolled away from it), where a person would simply press it again.
    """
    page.evaluate(_WATCH_RUN)
    button.click()
    try:
        page.wait_for_function("() => window.__runStarted", timeout=wait_ms)
    except PlaywrightTimeout:
        button.click()


def shot(page: Page, name: str, *, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
