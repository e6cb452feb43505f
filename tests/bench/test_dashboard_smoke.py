"""The dashboard benchmark still runs end to end on a few small forums (its speed is judged by running it in full)."""

from bench.dashboard_bench import run


def test_the_dashboard_benchmark_times_a_province_a_district_and_a_tambon() -> None:
    found = run(forums=3, contributions=90, items=6, repeats=1, postgres=False)

    assert [line.split(":")[0] for line in found] == [
        "sqlite province", "sqlite district", "sqlite tambon", "sqlite of which item_progress over 6 items",
    ]  # fmt: skip
    assert "sqlite province: 3 forums, 6 items" in found
    assert all(len(times) == 1 and times[0] > 0 for times in found.values())
