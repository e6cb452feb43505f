"""The themes benchmark still runs end to end on a tiny forum (its speed is judged by `make bench-themes`)."""

from bench.themes_bench import run


def test_the_themes_benchmark_measures_both_figures() -> None:
    found = run(40, 1)
    assert set(found) == {"suggestions: vectors, similarity, clusters", "console draw: posts read, then the same"}
    assert all(len(times) == 1 and times[0] > 0 for times in found.values())
