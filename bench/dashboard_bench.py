"""The area dashboard over a province's forums; rerun with `make bench-dashboard`
(or `.venv/bin/python -m bench.dashboard_bench --forums 200 --repeats 7`).

Builds, in a scratch SQLite file and then in a throwaway PostgreSQL, `--forums` forums in Khon Kaen
with `bench/big_forum.py` (each with its people, posts with their words, themes, a vote, a plan and
commitments), spread over the province's first districts and their tambons and over two years;
then adds progress reports: for every other commitment one to three reports, and for one item in
five a report of its own. Times `area_dashboard` for the province, its busiest district and that
district's busiest tambon: the median of `--repeats` runs after a warm-up, beside the target
(≤ 1 s). PostgreSQL is skipped, with a line that says so, when the machine has no server binaries.
"""

import argparse
import random
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import geothai
from sqlalchemy import Engine, insert, update
from sqlmodel import col, select

from bench.big_forum import make_big_forum
from bench.tree_bench import report
from facilitation.core.db import make_engine, read_session, write_session
from facilitation.core.migrate import upgrade
from facilitation.core.tokens import new_token
from facilitation.dashboard.read import AreaDashboard, area_dashboard
from facilitation.forum.areas import resolve_area
from facilitation.forum.progress_read import item_progress
from models import ActionItem, Commitment, Forum, ProgressReport, ProgressStatus, ProgressSubject, utcnow
from tests.postgres import temporary_postgres

TARGET_MS = 1000.0
PROVINCE = "40"  # Khon Kaen
DISTRICTS = 8  # the forums are spread over the province's first eight districts
FIRST_DAY = date(2026, 1, 10)
TODAY = date(2027, 12, 1)
STATUSES = [ProgressStatus.NOT_STARTED, ProgressStatus.IN_PROGRESS, ProgressStatus.DONE, ProgressStatus.BLOCKED]


def fill(engine: Engine, forums: int, contributions: int, items: int, seed: int = 7) -> None:
    """`forums` forums in Khon Kaen of `contributions` posts and `items` action items in all."""
    rng = random.Random(seed)
    tambons = [
        (district.code, tambon.code)
        for district in geothai.districts(PROVINCE)[:DISTRICTS]
        for tambon in geothai.subdistricts(district.code)
    ]
    for number in range(forums):
        with write_session(engine) as session:
            forum_id = make_big_forum(
                session,
                contributions=contributions // forums,
                action_items=items // forums,
                participants=max(10, contributions // forums // 5),
                themes=5,
                seed=number,
            )
            # make_big_forum holds every forum in Sila on one day: move each to its own tambon and date.
            district, tambon = rng.choice(tambons)
            area = resolve_area(PROVINCE, district, tambon)
            session.execute(
                update(Forum)
                .where(col(Forum.id) == forum_id)
                .values(
                    district_code=district,
                    tambon_code=tambon,
                    area_name_th=area.name("th"),
                    area_name_en=area.name("en"),
                    forum_date=FIRST_DAY + timedelta(days=3 * number),
                )
            )
    with write_session(engine) as session:
        commitments = session.exec(select(Commitment.id, Commitment.forum_id)).all()
        plans = session.exec(select(ActionItem.id, ActionItem.forum_id)).all()
        rows = [
            _report(rng, forum_id, ProgressSubject.COMMITMENT, commitment_id)
            for commitment_id, forum_id in commitments[::2]
            if commitment_id is not None
            for _ in range(rng.randint(1, 3))
        ]
        rows += [
            _report(rng, forum_id, ProgressSubject.ACTION_ITEM, item_id)
            for item_id, forum_id in plans[::5]
            if item_id is not None
        ]
        session.execute(insert(ProgressReport), rows)


def _report(rng: random.Random, forum_id: int, kind: ProgressSubject, subject_id: int) -> dict[str, object]:
    return {
        "forum_id": forum_id,
        "subject_kind": kind,
        "subject_id": subject_id,
        "status": rng.choice(STATUSES),
        "percent": rng.randint(0, 100),
        "spent_baht": rng.randint(0, 50) * 1000,
        "reported_on": FIRST_DAY + timedelta(days=rng.randint(30, 690)),
        "creation_key": new_token(),
        "created_at": utcnow(),
    }


def busiest(engine: Engine) -> tuple[str, str]:
    """The district with the most forums, and its tambon with the most."""
    with read_session(engine) as session:
        areas = session.exec(select(Forum.district_code, Forum.tambon_code)).all()
    district = Counter(d for d, _ in areas).most_common(1)[0][0]
    tambon = Counter(t for d, t in areas if d == district).most_common(1)[0][0]
    return district, tambon


def timed(run: Callable[[], object], repeats: int) -> list[float]:
    run()  # warm-up: imports, compiled statements, the database's cache
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return times


def measure(engine: Engine, name: str, repeats: int) -> dict[str, list[float]]:
    """Time the dashboard of the province, its busiest district and tambon, and the items' progress alone."""
    district, tambon = busiest(engine)
    scopes = {"province": (None, None), "district": (district, None), "tambon": (district, tambon)}
    found: dict[str, list[float]] = {}
    for level, (district_code, tambon_code) in scopes.items():

        def run(district_code: str | None = district_code, tambon_code: str | None = tambon_code) -> AreaDashboard:
            with read_session(engine) as session:
                return area_dashboard(
                    session=session, province_code=PROVINCE, district_code=district_code, tambon_code=tambon_code,
                    lang="th", today=TODAY,
                )  # fmt: skip

        shown = run()
        found[f"{level}: {len(shown.forums)} forums, {shown.action_items:,} items"] = timed(run, repeats)
    with read_session(engine) as session:
        ids = list(session.exec(select(ActionItem.id)).all())

    def progress() -> object:
        with read_session(engine) as session:
            return item_progress(session=session, item_ids=[i for i in ids if i is not None])

    found[f"of which item_progress over {len(ids)} items"] = timed(progress, repeats)
    print(f"{name}:")
    for label, times in found.items():
        if label.startswith("of which"):
            print(f"  {report(label, times)}")
        else:
            verdict = "PASS" if statistics.median(times) <= TARGET_MS else "FAIL"
            print(f"  {report(label, times)}   target ≤ {TARGET_MS:.0f} ms {verdict}")
    return found


def run(forums: int, contributions: int, items: int, repeats: int, postgres: bool = True) -> dict[str, list[float]]:
    """Build the province and time its dashboard on SQLite, then on PostgreSQL; returns every time by its line."""
    found: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'dashboard.db'}")
        upgrade(engine)
        start = time.perf_counter()
        fill(engine, forums, contributions, items)
        print(f"Built {forums} forums, {contributions:,} posts, {items:,} items in {time.perf_counter() - start:.0f} s")
        found |= {f"sqlite {k}": v for k, v in measure(engine, "SQLite", repeats).items()}
        engine.dispose()
    if not postgres:
        return found
    with temporary_postgres() as url:
        if url is None:
            print("PostgreSQL: skipped (no server binaries here and TEST_POSTGRES_URL unset)")
            return found
        engine = make_engine(url)
        upgrade(engine)
        fill(engine, forums, contributions, items)
        with engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")  # fresh statistics, as autovacuum would have by then
        found |= {f"postgresql {k}": v for k, v in measure(engine, "PostgreSQL", repeats).items()}
        engine.dispose()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--forums", type=int, default=200)
    parser.add_argument("--contributions", type=int, default=50_000)
    parser.add_argument("--items", type=int, default=2_000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    run(args.forums, args.contributions, args.items, args.repeats, postgres=not args.no_postgres)


if __name__ == "__main__":
    main()
