"""The Excel workbook and the CSV files of a hall-sized forum; rerun with `.venv/bin/python -m bench.workbook_bench`.

Builds, through the services, a forum of 5,000 contributions (seeded Thai texts from the sample
forum, one person for every ten), 40 themes of 5 posts, a vote over the themes, 50 action items
and 200 commitments, 20 posts hidden with a reason, in a scratch SQLite file. Then times, after
one warm-up, the median and 90th percentile of:
- reading the tables (forum_tables, one snapshot);
- the workbook from the tables (forum_workbook);
- the whole Excel export, read and written (target: a median of at most 3 s);
- the ZIP of CSV files from the tables (csv_zip).
"""

import argparse
import random
import statistics
import tempfile
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import select

from bench.tree_bench import measure, report
from facilitation.core.db import make_engine, read_session, write_session
from facilitation.core.migrate import upgrade
from facilitation.core.tokens import new_token
from facilitation.exports.csv_files import csv_zip
from facilitation.exports.tables import Table, forum_tables
from facilitation.exports.workbook import forum_workbook
from facilitation.forum.commitments import add_commitment
from facilitation.forum.contributions import add_contribution
from facilitation.forum.dots import add_dot
from facilitation.forum.forums import set_stage
from facilitation.forum.moderation import hide_post
from facilitation.forum.plans import create_action_item
from facilitation.forum.themes import create_theme
from facilitation.forum.votes import VoteSettings, open_vote
from facilitation.sample import data as sample_data
from models import (
    ActionItemCreate,
    CommitmentCreate,
    Contribution,
    ContributionCreate,
    ContributionKind,
    FundSource,
    OptionSubject,
    ResultsShown,
    Stage,
    VoteOption,
    saved_id,
)
from tests.factories import join, make_forum

TARGET_MS = 3000.0  # the whole Excel export of a forum of 5,000 contributions and 50 action items
THEMES, PER_THEME, HIDDEN, COMMITMENTS = 40, 5, 20, 200


def build(engine: Engine, contributions: int, items: int, seed: int = 42) -> int:
    """A forum of `contributions` posts and `items` action items, with themes, a vote, commitments, hidden posts."""
    rng = random.Random(seed)
    created = make_forum(engine)
    forum_id = saved_id(created.forum)
    people = [join(engine, created.forum.code).participant for _ in range(max(5, contributions // 10))]
    texts = sample_data.CONTRIBUTIONS
    with write_session(engine) as session:
        posts: list[Contribution] = []
        for index in range(contributions):
            source = texts[index % len(texts)]
            data = ContributionCreate(kind=ContributionKind(source.kind), text=f"{source.text} ({index})")
            posts.append(add_contribution(session=session, participant=rng.choice(people), data=data).contribution)
    ids = [saved_id(post) for post in posts]
    with write_session(engine) as session:
        themes = [
            create_theme(
                session=session,
                forum_id=forum_id,
                name=f"ประเด็นที่ {number + 1}",
                contribution_ids=ids[number * PER_THEME : (number + 1) * PER_THEME],
            )
            for number in range(THEMES)
        ]
        for post in posts[-HIDDEN:]:
            hide_post(session=session, forum_id=forum_id, contribution_id=saved_id(post), version=post.version,
                      reason="ข้อมูลส่วนตัว")  # fmt: skip
        actions = sample_data.ACTION_ITEMS
        made = [
            create_action_item(
                session=session,
                forum_id=forum_id,
                data=ActionItemCreate(
                    activity=f"{actions[number % len(actions)].activity} ({number + 1})",
                    objective=actions[number % len(actions)].objective,
                    lead_organisation=actions[number % len(actions)].lead_organisation,
                    budget_baht=actions[number % len(actions)].budget_baht,
                    fund_source=FundSource(actions[number % len(actions)].fund_source),
                    start_date=actions[number % len(actions)].start,
                    end_date=actions[number % len(actions)].end,
                    theme_ids=[saved_id(themes[number % THEMES])],
                ),
            )
            for number in range(items)
        ]
        set_stage(session=session, forum=created.forum, stage=Stage.PLAN)
        subjects = [(OptionSubject.THEME, saved_id(theme)) for theme in themes]
        vote = open_vote(
            session=session,
            forum_id=forum_id,
            settings=VoteSettings("ประเด็นไหนควรทำก่อน", 3, 2, ResultsShown.LIVE, subjects),
            creation_key=new_token(),
        )
    with read_session(engine) as session:
        options = [saved_id(option) for option in session.exec(select(VoteOption).where(VoteOption.vote_id == vote.id))]
    with write_session(engine) as session:
        for person in people[:300]:
            add_dot(session=session, participant_id=saved_id(person), option_id=rng.choice(options), seen=0)
    with write_session(engine) as session:
        set_stage(session=session, forum=created.forum, stage=Stage.ACT)
        for person in people[:COMMITMENTS]:
            pledge = CommitmentCreate(action_item_id=saved_id(rng.choice(made)), text="สมทบอาสาสมัครและค่าน้ำมันรถ",
                                      organisation=person.organisation)  # fmt: skip
            add_commitment(session=session, participant=person, data=pledge)
    return forum_id


def tables_of(engine: Engine, forum_id: int) -> list[Table]:
    with read_session(engine) as session:
        return forum_tables(session=session, forum_id=forum_id, lang="th")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'workbook.db'}")
        upgrade(engine)
        forum_id = build(engine, args.posts, args.items)
        tables = tables_of(engine, forum_id)
        size = len(forum_workbook(tables, "th"))
        print(f"Excel and CSV of {args.posts} contributions, {args.items} action items; target median ≤ 3 s")
        print(f"{'rows':<48} {sum(len(table.rows) for table in tables)} in {len(tables)} tables; xlsx {size:,} bytes")
        timed = {
            "read the tables": lambda: tables_of(engine, forum_id),
            "workbook from the tables": lambda: forum_workbook(tables, "th"),
            "whole Excel export (read + workbook)": lambda: forum_workbook(tables_of(engine, forum_id), "th"),
            "CSV zip from the tables": lambda: csv_zip(tables),
        }
        for name, job in timed.items():
            times = measure(job, args.repeats)
            verdict = ("PASS" if statistics.median(times) <= TARGET_MS else "FAIL") if name.startswith("whole") else ""
            print(f"{report(name, times)}   {verdict}")
        engine.dispose()


if __name__ == "__main__":
    main()
