"""How long the welfare tree takes to build for a large forum; rerun with `make bench`.

Times, over repeated runs after one warm-up, the median and 90th percentile of:
- layout + Plotly figure for N items (bounded at 50 ms for 500 items),
  with the label-wrapping cache cleared before every run (the first draw of new
  texts) and kept (the projector redrawing every 2 s with mostly the same texts);
- reading the tree's data from SQLite for the same N contributions, and the projector's whole
  tree (read, layout at 20 px labels, figure), before and after grouping posts into themes.
"""

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlmodel import select

from facilitation.core.db import make_engine, read_session, write_session
from facilitation.core.migrate import upgrade
from facilitation.forum.contributions import add_contribution
from facilitation.forum.themes import create_theme
from facilitation.present.thai_wrap import wrap_label
from facilitation.sample import data as sample_data
from facilitation.tree.categories import suggest_category
from facilitation.tree.data import TreeData, TreeItem, part_labels, tree_data
from facilitation.tree.view import draw_tree, forum_tree
from models import Contribution, ContributionCreate, ContributionKind, Sector, saved_id
from tests.factories import join, make_forum

PARTS = {ContributionKind.ROOT_CAUSE: "root", ContributionKind.FUND: "trunk", ContributionKind.BENEFIT: "fruit"}


def synthetic_items(count: int, seed: int = 42) -> TreeData:
    """`count` tree items with realistic Thai texts, weights and sectors (seeded, so reruns match)."""
    rng = random.Random(seed)
    texts = [c for c in sample_data.CONTRIBUTIONS if c.kind in {k.value for k in PARTS}]
    items = []
    for index in range(count):
        source = texts[index % len(texts)]
        kind = ContributionKind(source.kind)
        sector = rng.choice(list(Sector))
        text = f"{source.text} ({index})"
        part = PARTS[kind]
        category = suggest_category(text) if part == "fruit" else None
        items.append(TreeItem(index + 1, part, kind, text, rng.randint(1, 9), sector, {sector: 1}, category, ()))  # type: ignore[arg-type]
    return TreeData(items=tuple(items), paths=(), labels=part_labels({}, "th"))


def measure(run: Callable[[], object], repeats: int, before: Callable[[], None] = lambda: None) -> list[float]:
    run()
    times = []
    for _ in range(repeats):
        before()
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    p90 = ordered[int(0.9 * (len(ordered) - 1))]
    return f"{name:<48} median {statistics.median(times):7.1f} ms   p90 {p90:7.1f} ms   runs {len(times)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--themes", type=int, default=40, help="themes of 5 posts each, for the last two timings")
    args = parser.parse_args()

    data = synthetic_items(args.items)
    draw = lambda: draw_tree(data, lang="th")  # noqa: E731
    print(
        report(f"layout + figure, {args.items} items, cold labels", measure(draw, args.repeats, wrap_label.cache_clear))
    )
    print(report(f"layout + figure, {args.items} items, warm labels", measure(draw, args.repeats)))

    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        upgrade(engine)
        forum = make_forum(engine)
        people = [join(engine, forum.forum.code).participant for _ in range(40)]
        with write_session(engine) as session:
            for item in data.items:
                add_contribution(
                    session=session,
                    participant=people[item.id % len(people)],
                    data=ContributionCreate(kind=item.kind, text=item.text),
                )
        forum_id = saved_id(forum.forum)

        def read() -> None:
            with read_session(engine) as session:
                tree_data(session=session, forum_id=forum_id, lang="th")

        def projector() -> None:
            with read_session(engine) as session:
                forum_tree(session=session, forum_id=forum_id, lang="th", width=1440, height=780, min_font=20)

        print(report(f"tree data from SQLite, {args.items} contributions", measure(read, args.repeats)))
        print(report("projector tree (read, layout, figure)", measure(projector, args.repeats)))
        # The facilitator groups posts into themes: every theme's posts are read, whatever the cap.
        rng = random.Random(7)
        with read_session(engine) as session:
            ids = sorted(
                saved_id(c) for c in session.exec(select(Contribution).where(Contribution.forum_id == forum_id))
            )
        with write_session(engine) as session:
            for index in range(args.themes):
                chosen = rng.sample(ids, 5)
                ids = [i for i in ids if i not in chosen]
                create_theme(session=session, forum_id=forum_id, name=f"ประเด็น {index}", contribution_ids=chosen)
        grouped = f", {args.themes * 5} in {args.themes} themes"
        print(report(f"tree data from SQLite{grouped}", measure(read, args.repeats)))
        print(report(f"projector tree{grouped}", measure(projector, args.repeats)))


if __name__ == "__main__":
    main()
