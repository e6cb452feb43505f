"""The word cloud of a hall-sized forum; rerun with `make bench-words`.

Builds a forum of 5,000 posts through the services in a scratch SQLite file (the sample forum's
Thai and English texts, each with a seeded extra word and a number, so that no two are the same
text), then times, after one warm-up, the median and 90th percentile beside the target (≤ 300 ms
at 5,000 posts) of:
- the projector's update: each visible post's words as stored with it (one query), counted, and
  the cloud's HTML: what the words view and the summary pay on every draw;
- cutting every post anew (the per-text cache cleared before each run), what a draw would cost
  if the words were not stored when each post is written;
- the same with each post's words remembered by the process.
Writing a post pays for its cut once; that cost per post is printed too.
"""

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from bench.tree_bench import measure, report
from facilitation.core.db import make_engine, read_session, write_session
from facilitation.core.migrate import upgrade
from facilitation.core.words import words_of
from facilitation.forum.contributions import add_contribution
from facilitation.forum.post_texts import visible_words
from facilitation.present.word_cloud import cloud_html, ranked, word_counts
from facilitation.sample import data as sample_data
from models import ContributionCreate, ContributionKind, saved_id
from tests.factories import join, make_forum

TARGET_MS = 300.0
# Words a post may gain, so that 5,000 posts are 5,000 different texts to cut.
EXTRA = ("ผู้สูงอายุ", "เด็กเล็ก", "คนพิการ", "ค่าเดินทาง", "โรงพยาบาล", "กองทุน", "หมู่ 3", "ชุมชน", "อาสาสมัคร")


def posts(count: int, seed: int = 42) -> list[str]:
    rng = random.Random(seed)
    texts = [item.text for item in sample_data.CONTRIBUTIONS]
    return [f"{texts[index % len(texts)]} {rng.choice(EXTRA)} {index}" for index in range(count)]


def verdict(times: list[float]) -> str:
    return "PASS" if statistics.median(times) <= TARGET_MS else "FAIL"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    texts = posts(args.posts)
    print(f"Word cloud of {args.posts} posts ({len(set(texts))} distinct texts); target median ≤ {TARGET_MS:.0f} ms")
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'words.db'}")
        upgrade(engine)
        created = make_forum(engine)
        forum_id = saved_id(created.forum)
        people = [join(engine, created.forum.code).participant for _ in range(max(5, args.posts // 10))]
        words_of.cache_clear()
        start = time.perf_counter()
        with write_session(engine) as session:
            for index, text in enumerate(texts):
                kind = list(ContributionKind)[index % len(ContributionKind)]
                add_contribution(
                    session=session,
                    participant=people[index % len(people)],
                    data=ContributionCreate(kind=kind, text=text),
                )
        per_post = (time.perf_counter() - start) * 1000 / len(texts)
        print(f"{'writing a post, its words cut and stored (mean)':<48} {per_post:7.2f} ms per post")

        def update() -> str:
            with read_session(engine) as session:
                return cloud_html(ranked(visible_words(session=session, forum_id=forum_id)), empty="")

        times = measure(update, args.repeats)
        print(f"{report('projector update: stored words, counted, drawn', times)}   {verdict(times)}")
        engine.dispose()
    for name, before in (("every post cut anew", words_of.cache_clear), ("each post's words remembered", None)):
        times = measure(lambda: cloud_html(word_counts(texts), empty=""), args.repeats, before or (lambda: None))
        print(f"{report(name, times)}   {verdict(times)}")


if __name__ == "__main__":
    main()
