"""`make bench-load`: the load run, then its table (each figure beside its target) and the errors seen.

`.venv/bin/python -m bench.load --phones 50 --post-gap 10` for a shorter run; exits 1 when a target failed.
"""

import argparse
import sys
from collections import Counter

from bench.load.report import summarise, table
from bench.load.scenario import Settings, run


def main() -> int:
    defaults = Settings()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--phones", type=int, default=defaults.phones)
    parser.add_argument("--projectors", type=int, default=defaults.projectors)
    parser.add_argument("--posts", type=int, default=defaults.posts, help="posts per phone")
    parser.add_argument("--post-gap", type=float, default=defaults.post_gap, help="seconds between a phone's posts")
    parser.add_argument("--join-over", type=float, default=defaults.join_over, help="seconds over which phones join")
    parser.add_argument("--idle-window", type=float, default=defaults.idle_window, help="seconds of idle CPU reading")
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument("--profile", action="store_true", help="py-spy samples of the server per phase (run folder)")
    parser.add_argument("--no-bare", dest="bare", action="store_false", help="skip the bare page")
    parser.add_argument("--vote", action="store_true", help="after the stage change, every phone spends its dots")
    parser.add_argument("--dots", type=int, default=defaults.dots, help="dots per phone in the vote")
    parser.add_argument("--vote-gap", type=float, default=defaults.vote_gap, help="seconds between a phone's dots")
    parser.add_argument("--vote-over", type=float, default=defaults.vote_over, help="seconds over which phones start")
    settings = Settings(**vars(parser.parse_args()))
    print(f"Load run: {settings}", flush=True)
    results = run(settings)
    lines = summarise(results)
    print()
    print(table(lines))
    for title, errors in (("app", results.errors), ("bare page", results.bare_errors)):
        if errors:
            print(f"\nErrors ({title}), most frequent first:")
            for message, count in Counter(errors).most_common(10):
                print(f"  {count} × {message}")
    print(f"\nLogs and databases: {results.workdir}")
    return 0 if all(line.passed is not False for line in lines) else 1


if __name__ == "__main__":
    sys.exit(main())
