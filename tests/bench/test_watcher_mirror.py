"""The load benchmark's watcher waits as long as the browser's does (assets/live/watch.js)."""

import re
from pathlib import Path

from bench.load import watcher

WATCH_JS = Path(__file__).resolve().parents[2] / "assets" / "live" / "watch.js"


def _constant(name: str) -> float:
    found = re.search(rf"^const {name} = (\d+);", WATCH_JS.read_text(encoding="utf-8"), re.MULTILINE)
    assert found, f"{name} not found in watch.js"
    return int(found.group(1)) / 1000


def test_the_benchmark_s_watcher_uses_the_browser_s_timings() -> None:
    assert watcher.RERUN_WAIT_SECONDS == _constant("RERUN_WAIT_MS")
    assert watcher.RERUN_WAIT_MAX_SECONDS == _constant("RERUN_WAIT_MAX_MS")
    assert watcher.SPREAD_SECONDS_PER_SCREEN == _constant("SPREAD_MS_PER_SCREEN")
    assert watcher.SPREAD_MAX_SECONDS == _constant("SPREAD_MAX_MS")
