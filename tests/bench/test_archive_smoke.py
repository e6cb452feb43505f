"""The archive benchmark still runs end to end on a tiny forum (its speed is judged by running it in full)."""

from bench.archive_bench import run


def test_the_archive_benchmark_measures_export_and_import() -> None:
    found = run(200, 3, 1)
    assert set(found) == {"export", "import", "export + import"}
    assert all(len(times) == 1 and times[0] > 0 for times in found.values())
