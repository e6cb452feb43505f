"""The page-weight benchmark still runs end to end: each page once on loopback and once on Fast 3G.

Speed and size are judged by `make bench-page`, never here: this checks only that the three pages were
measured (bytes, requests, a time to interactive) on both networks, and Join tapped → phone page both ways.
"""

from pathlib import Path

import pytest

from bench.page_weight import measure

pytestmark = pytest.mark.slow


def test_every_page_is_measured_on_both_networks(tmp_path: Path) -> None:
    measurements = measure(repeats=1, workdir=tmp_path, warmup=False, fill_seconds=5)
    for page in ("light", "join", "bare"):
        for throttled in (False, True):
            (load,) = measurements.of(page, throttled)
            assert load.http_bytes > 0 and load.bytes > 0 and load.requests > 0, (page, throttled, load)
            assert load.settled_bytes >= load.bytes, (page, throttled, load)
            assert load.seconds > 0, (page, throttled, load)
        if page != "light":  # the light page has no script of its own
            assert any(transfer.kind == "Script" for transfer in load.transfers), page
    for prefetched in (True, False):
        (joined,) = measurements.after_join(prefetched)
        assert joined.seconds > 0 and joined.requests_after_tap > 0, joined
    # Blocked until the tap, the bundle came over the network after it.
    assert measurements.after_join(False)[0].bytes_after_tap > measurements.after_join(True)[0].bytes_after_tap
