"""The load benchmark still runs end to end: 3 phones posting once, 1 projector, the bare page.

Speed is judged by `make bench-load`, never here: this checks only that every phone joined,
posted and followed the stage change, with no error, nothing lost and nothing doubled.
"""

from pathlib import Path

import pytest

from bench.load.report import summarise, table
from bench.load.scenario import Settings, run

pytestmark = pytest.mark.slow


def test_three_phones_join_post_and_follow_the_stage(tmp_path: Path) -> None:
    settings = Settings(phones=3, projectors=1, posts=1, post_gap=1.0, join_over=1.0, idle_window=1.0)
    results = run(settings, tmp_path)
    report = table(summarise(results))
    assert results.errors == [] and results.bare_errors == [], report
    assert len(results.joined) == 3 and results.participants == 3, report
    assert results.acked == 3 and results.bare_acked == 3, report
    assert (results.lost, results.doubled, results.bare_lost, results.bare_doubled) == (0, 0, 0, 0), report
    assert len(results.stage_seconds) == 3, report  # every phone showed the new stage
    assert len(results.staleness) == 3, report  # every post reached the projector
    assert results.timers_idle == 0 and results.idle_reruns == 0, report  # idle phones ran nothing
