"""The word cloud of a hall-sized forum; rerun with `make bench-words`.

Counts the words of 5,000 posts (the sample forum's Thai and English texts, each with a seeded
variation so no two are the same text) and draws the cloud's HTML, after one warm-up, and
prints the median and 90th percentile beside the target (≤ 300 ms at 5,000 posts):
- cold: every post's words worked out anew (the per-text cache cleared before each run), what
  the first draw of a forum costs;
- warm: the posts' words remembered, what a redraw after a few new posts costs.
"""

import argparse
import random
import statistics

from bench.tree_bench import measure, report
from facilitation.present.word_cloud import cloud_html, word_counts, words_of
from facilitation.sample import data as sample_data

TARGET_MS = 300.0
# Words a post may gain, so that 5,000 posts are 5,000 different texts to cut.
EXTRA = ("ผู้สูงอายุ", "เด็กเล็ก", "คนพิการ", "ค่าเดินทาง", "โรงพยาบาล", "กองทุน", "หมู่ 3", "ชุมชน", "อาสาสมัคร")


def posts(count: int, seed: int = 42) -> list[str]:
    rng = random.Random(seed)
    texts = [item.text for item in sample_data.CONTRIBUTIONS]
    return [f"{texts[index % len(texts)]} {rng.choice(EXTRA)} {index}" for index in range(count)]


def draw(texts: list[str]) -> str:
    return cloud_html(word_counts(texts), empty="")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    texts = posts(args.posts)
    print(f"Word cloud of {args.posts} posts ({len(set(texts))} distinct texts); target median ≤ {TARGET_MS:.0f} ms")
    for name, before in (("cold (every post cut anew)", words_of.cache_clear), ("warm (words remembered)", None)):
        times = measure(lambda: draw(texts), args.repeats, before or (lambda: None))
        verdict = "PASS" if statistics.median(times) <= TARGET_MS else "FAIL"
        print(f"{report(name, times)}   {verdict}")


if __name__ == "__main__":
    main()
