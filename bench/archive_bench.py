"""A forum's archive: export, then import into the same installation; rerun with
`.venv/bin/python -m bench.archive_bench`.

Fills a scratch SQLite file with a forum of 5,000 posts (the sample forum's texts, numbered, with
their words cut), 500 people, 50 action items answering 4 posts each, 100 commitments and a theme
of 5 posts for every 100 posts. The rows are written straight into the tables: the benchmark
times the archive, not the posting. Then it times, after one warm-up, the export (read every
table, write the JSON), the import (check the file, write every record with new ids, in one
transaction) and both together, beside the target (≤ 5 s together).
"""

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, insert
from sqlmodel import select

from bench.tree_bench import report
from bench.word_cloud_bench import posts
from facilitation.core.db import make_engine, read_session, write_session
from facilitation.core.migrate import upgrade
from facilitation.core.words import words_of
from facilitation.exports.archive import export_archive
from facilitation.forum.archive_import import import_archive
from models import (
    ActionItem,
    ActionItemContribution,
    Commitment,
    Contribution,
    ContributionKind,
    Participant,
    Sector,
    Theme,
    ThemePost,
    saved_id,
    utcnow,
)
from tests.factories import make_forum

TARGET_MS = 5000.0


def fill(engine: Engine, contributions: int, items: int) -> int:
    """A forum of `contributions` posts and `items` action items; its id."""
    forum_id = saved_id(make_forum(engine).forum)
    now, sectors, kinds = utcnow(), list(Sector), list(ContributionKind)
    texts = posts(contributions)
    cut = {text: words_of(text) for text in set(texts)}
    people = max(2, contributions // 10)
    with write_session(engine) as session:
        session.execute(
            insert(Participant),
            [
                {"forum_id": forum_id, "display_name": f"คนที่ {n}", "organisation": f"กลุ่ม {n % 40}",
                 "sector": sectors[n % len(sectors)], "consented_at": now, "created_at": now, "updated_at": now}
                for n in range(people)
            ],
        )  # fmt: skip
        person_ids = list(session.exec(select(Participant.id).where(Participant.forum_id == forum_id)).all())
        session.execute(
            insert(Contribution),
            [
                {"forum_id": forum_id, "participant_id": person_ids[n % people], "kind": kinds[n % len(kinds)],
                 "text": text, "words": cut[text], "created_at": now, "updated_at": now}
                for n, text in enumerate(texts)
            ],
        )  # fmt: skip
        post_ids = list(session.exec(select(Contribution.id).where(Contribution.forum_id == forum_id)).all())
        for number in range(contributions // 100):
            theme = Theme(forum_id=forum_id, name=f"ประเด็นที่ {number + 1}")
            session.add(theme)
            session.flush()
            session.execute(
                insert(ThemePost),
                [
                    {"theme_id": theme.id, "contribution_id": post_ids[number * 100 + k], "added_at": now}
                    for k in range(5)
                ],
            )
        for number in range(items):
            item = ActionItem(
                forum_id=forum_id,
                activity=f"กิจกรรมที่ {number + 1} รถรับส่งผู้ป่วยติดเตียงไปโรงพยาบาล",
                objective="ให้ผู้ป่วยไปตามนัดได้ครบ",
                lead_organisation=f"หน่วยงาน {number % 7}",
                budget_baht=50_000 + number * 1_000,
                start_date=date(2027, 3, 1),
                end_date=date(2027, 9, 30),
            )
            session.add(item)
            session.flush()
            session.execute(
                insert(ActionItemContribution),
                [
                    {"action_item_id": item.id, "contribution_id": post_ids[(number * 4 + k) % len(post_ids)],
                     "linked_kind": "root_cause", "linked_text": texts[(number * 4 + k) % len(texts)]}
                    for k in range(4)
                ],
            )  # fmt: skip
            for k in range(2):
                session.add(
                    Commitment(
                        forum_id=forum_id,
                        action_item_id=saved_id(item),
                        participant_id=person_ids[(number * 2 + k) % people],
                        text=f"จะช่วยกิจกรรมที่ {number + 1}",
                    )
                )
    return forum_id


def run(contributions: int, items: int, repeats: int) -> dict[str, list[float]]:
    """Time export, import and both on a forum of that size; prints each beside the target and returns the times."""
    found: dict[str, list[float]] = {"export": [], "import": [], "export + import": []}
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'archive.db'}")
        upgrade(engine)
        forum_id = fill(engine, contributions, items)
        size = 0
        for attempt in range(repeats + 1):  # the first is the warm-up
            start = time.perf_counter()
            with read_session(engine) as session:
                data = export_archive(session=session, forum_id=forum_id)
            exported = time.perf_counter()
            with write_session(engine) as session:
                import_archive(session=session, data=data, organiser_password=None)
            done = time.perf_counter()
            size = len(data)
            if attempt:
                found["export"].append((exported - start) * 1000)
                found["import"].append((done - exported) * 1000)
                found["export + import"].append((done - start) * 1000)
        engine.dispose()
    print(f"Archive of {contributions} posts and {items} action items: {size / 1024 / 1024:.1f} MB; target ≤ 5 s")
    for name, times in found.items():
        verdict = "" if name != "export + import" else ("PASS" if statistics.median(times) <= TARGET_MS else "FAIL")
        print(f"{report(name, times)}   {verdict}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    run(args.posts, args.items, args.repeats)


if __name__ == "__main__":
    main()
