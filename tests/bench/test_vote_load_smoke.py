"""The load benchmark's voting flow still runs end to end: 3 phones each spending 5 dots, checked in the database.

Speed is judged by `make bench-load VOTE=1`, never here.
"""

from pathlib import Path

import pytest

from bench.load.report import summarise, table
from bench.load.scenario import Settings, run

pytestmark = pytest.mark.slow


def test_three_phones_spend_their_dots_and_no_ballot_overruns(tmp_path: Path) -> None:
    settings = Settings(
        phones=3, projectors=1, posts=1, post_gap=1.0, join_over=1.0, idle_window=1.0, bare=False,
        vote=True, dots=5, vote_gap=0.2, vote_over=1.0,
    )  # fmt: skip
    results = run(settings, tmp_path)
    report = table(summarise(results))
    voting = results.voting
    assert results.errors == [], report
    assert voting is not None and len(voting.shown) == 3, report  # every phone drew the vote
    assert voting.acked == voting.stored == 15 and len(voting.taps) == 15, report
    assert (voting.overruns, voting.ballots) == (0, 3), report
    # The taps ran no page: the one rerun each phone asked for was the vote's opening.
    assert voting.reruns == 3, report
