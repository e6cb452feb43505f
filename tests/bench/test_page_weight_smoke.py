"""The page-weight benchmark still runs end to end: each page once on loopback and once on Fast 3G.

Speed and size are judged by `make bench-page`, never here: this checks only that both pages were
measured (bytes, requests, a time to interactive) on both networks.
"""

from pathlib import Path

import pytest

from bench.page_weight import measure

pytestmark = pytest.mark.slow


def test_both_pages_are_measured_on_both_networks(tmp_path: Path) -> None:
    measurements = measure(repeats=1, workdir=tmp_path, warmup=False)
    for page in ("join", "bare"):
        for throttled in (False, True):
            (load,) = measurements.of(page, throttled)
            assert load.http_bytes > 0 and load.bytes > 0 and load.requests > 0, (page, throttled, load)
            assert load.settled_bytes >= load.bytes, (page, throttled, load)
            assert load.seconds > 0, (page, throttled, load)
        assert any(transfer.kind == "Script" for transfer in load.transfers), page
