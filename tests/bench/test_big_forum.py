"""The big forum of the export benchmarks holds what the services would have written, and the benchmark runs.

Made small here (its size is `make bench-exports`' business); read back through the services a
console and the exports use, so rows a service would never write show up as errors or wrong counts.
"""

from collections import Counter

import pytest
from sqlalchemy import Engine
from sqlmodel import col, func, select

from bench.big_forum import make_big_forum
from bench.exports import NotBuiltYet, find, run
from facilitation.core.db import read_session, write_session
from facilitation.core.i18n import BUDDHIST_ERA_OFFSET
from facilitation.core.words import words_of
from facilitation.exports import formats
from facilitation.exports.report import build_report
from facilitation.forum.moderation import moderation_view
from models import Ballot, Contribution, ContributionStatus, Forum, ModerationAction, Stage, VoteDot


@pytest.fixture
def forum_id(engine: Engine) -> int:
    with write_session(engine) as session:
        return make_big_forum(session, contributions=300, action_items=6, participants=40, themes=6, seed=7)


def test_big_forum_reads_back_through_the_services(engine: Engine, forum_id: int) -> None:
    with read_session(engine) as session:
        report = build_report(session=session, forum_id=forum_id, lang="th")
        forum = session.get(Forum, forum_id)
        statuses = Counter(session.exec(select(Contribution.status).where(Contribution.forum_id == forum_id)).all())
        log = moderation_view(session=session, forum_id=forum_id).log
    assert forum is not None and forum.stage == Stage.ACT
    summary = report.summary
    assert summary.participant_total == 40 and summary.registered_people == 5
    assert statuses[ContributionStatus.HIDDEN] == 8 and statuses[ContributionStatus.PENDING] == 3
    assert sum(statuses.values()) == 300
    assert sum(len(items) for items in summary.contributions.values()) == statuses[ContributionStatus.VISIBLE]
    assert {line.action for line in log} >= {ModerationAction.HIDDEN, ModerationAction.HELD, ModerationAction.APPROVED}
    assert len(summary.plan) == 6
    assert all(2 <= len(row.commitments) <= 4 and row.answers and row.themes for row in summary.plan)
    years = {
        d.year + BUDDHIST_ERA_OFFSET for row in summary.plan for d in (row.item.start_date, row.item.end_date) if d
    }
    assert len(years) >= 2
    assert report.themes and all(theme.posts > 0 for theme in report.themes)
    (vote,) = report.votes
    assert [option.rank for option in vote.options][0] == 1 and sum(option.dots for option in vote.options) > 0


def test_big_forum_votes_keep_to_budget_and_cap_and_posts_carry_their_words(engine: Engine, forum_id: int) -> None:
    with read_session(engine) as session:
        ballots = session.exec(select(Ballot)).all()
        rows = session.exec(
            select(VoteDot.participant_id, func.sum(VoteDot.dots)).group_by(col(VoteDot.participant_id))
        ).all()
        spent = {participant: int(dots) for participant, dots in rows}
        posts = session.exec(select(Contribution).where(Contribution.forum_id == forum_id)).all()
    assert ballots and all(0 < ballot.used <= ballot.budget for ballot in ballots)
    assert {ballot.participant_id: ballot.used for ballot in ballots} == spent
    assert all(post.words == list(words_of(post.text)) for post in posts)


def test_same_seed_same_forum(engine: Engine) -> None:
    texts = []
    for _ in range(2):
        with write_session(engine) as session:
            made = make_big_forum(session, contributions=40, action_items=2, participants=10, themes=3, seed=3)
            texts.append(
                session.exec(
                    select(Contribution.text).where(Contribution.forum_id == made).order_by(col(Contribution.id))
                ).all()
            )
    assert texts[0] == texts[1]


def test_exports_benchmark_times_what_exists_and_names_what_does_not(monkeypatch: pytest.MonkeyPatch) -> None:
    # The tree's picture starts a browser: seconds a run, and the PDF tests draw it already.
    monkeypatch.setattr(formats, "_tree", lambda session, request: None)
    timings = {
        timing.name: timing for timing in run(contributions=60, action_items=3, participants=12, themes=3, repeats=1)
    }
    for name in ("report (what every document reads)", "join poster (PDF)"):
        assert timings[name].cold_s is not None and len(timings[name].runs_s) == 1
    assert all(timing.cold_s is not None or timing.note.startswith("not built yet") for timing in timings.values())
    with pytest.raises(NotBuiltYet):
        find("facilitation.exports.no_such_format:export")
