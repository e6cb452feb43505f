"""Suggested themes for a hall's posts; rerun with `make bench-themes`.

Builds a forum of 1,000 Thai posts through the services in a scratch SQLite file (the sample
forum's texts, each with a seeded extra word and a number, so that no two are the same text),
then times, after one warm-up, the median and 90th percentile beside the target (≤ 2 s at
1,000 posts) of:
- the suggestions alone: TF-IDF over the stored words and their character n-grams, cosine
  similarity, average-linkage clustering, names (the process's memory of the last input cleared
  before each run);
- what the console pays to draw them: the ungrouped posts read, the rejections read, the same.
"""

import argparse
import statistics
import tempfile
from pathlib import Path

from sqlalchemy import Engine

from bench.tree_bench import measure, report
from bench.word_cloud_bench import posts
from facilitation.core.db import make_engine, read_session, write_session
from facilitation.core.migrate import upgrade
from facilitation.core.words import words_of
from facilitation.forum.contributions import add_contribution
from facilitation.forum.theme_similarity import PostWords, suggest_groups
from facilitation.forum.theme_suggestions import theme_suggestions
from models import ContributionCreate, ContributionKind, saved_id
from tests.factories import join, make_forum

TARGET_MS = 2000.0


def verdict(times: list[float]) -> str:
    return "PASS" if statistics.median(times) <= TARGET_MS else "FAIL"


def run(count: int, repeats: int) -> dict[str, list[float]]:
    """Time both measurements on `count` posts; prints each beside the target and returns the times."""
    texts = posts(count)
    found: dict[str, list[float]] = {}
    print(f"Suggested themes for {count} posts ({len(set(texts))} distinct texts); target median ≤ 2 s")
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'themes.db'}")
        upgrade(engine)
        created = make_forum(engine)
        forum_id = saved_id(created.forum)
        people = [join(engine, created.forum.code).participant for _ in range(max(2, count // 10))]
        with write_session(engine) as session:
            for index, text in enumerate(texts):
                add_contribution(
                    session=session,
                    participant=people[index % len(people)],
                    data=ContributionCreate(kind=list(ContributionKind)[index % len(ContributionKind)], text=text),
                )
        words = tuple(PostWords(index + 1, words_of(text)) for index, text in enumerate(texts))
        groups = suggest_groups(words)
        print(f"{'groups suggested':<48} {len(groups)} (largest {max((len(g.post_ids) for g in groups), default=0)})")
        for name, job in (
            ("suggestions: vectors, similarity, clusters", lambda: suggest_groups(words)),
            ("console draw: posts read, then the same", lambda: read_and_suggest(engine, forum_id)),
        ):
            times = measure(job, repeats, suggest_groups.cache_clear)
            found[name] = times
            print(f"{report(name, times)}   {verdict(times)}")
        engine.dispose()
    return found


def read_and_suggest(engine: Engine, forum_id: int) -> object:
    with read_session(engine) as session:
        return theme_suggestions(session=session, forum_id=forum_id)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    run(args.posts, args.repeats)


if __name__ == "__main__":
    main()
