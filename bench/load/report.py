"""Percentiles, and the table the benchmark prints: each figure beside its target, PASS or FAIL."""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.load.scenario import Results


def percentile(values: Sequence[float], share: float) -> float:
    """The `share` (0–1) percentile by nearest rank; NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def ms(seconds: float) -> str:
    """Seconds as milliseconds below 10 s, seconds above."""
    if math.isnan(seconds):
        return "—"
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


@dataclass(frozen=True)
class Line:
    """One row of the table: a figure, its target (or none), and whether it met it."""

    figure: str
    value: str
    target: str = ""
    passed: bool | None = None

    @property
    def verdict(self) -> str:
        return "" if self.passed is None else ("PASS" if self.passed else "FAIL")


def table(lines: Sequence[Line]) -> str:
    """The rows as a Markdown table, so the output pastes into bench/README.md as it is."""
    rows = [("figure", "measured", "target", ""), *((x.figure, x.value, x.target, x.verdict) for x in lines)]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]

    def show(row: Sequence[str]) -> str:
        return "| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (width + 2) for width in widths) + "|"
    return "\n".join([show(rows[0]), rule, *(show(row) for row in rows[1:])])


def summarise(results: "Results") -> list[Line]:
    """The table's rows for one run, with the targets where one is set."""
    settings = results.settings
    submit_p95, bare_p95 = percentile(results.submits, 0.95), percentile(results.bare_submits, 0.95)
    ratio = submit_p95 / bare_p95 if results.bare_submits and bare_p95 > 0 else math.nan
    idle_share = results.idle_cpu_seconds / results.idle_window if results.idle_window else math.nan
    per_phone = idle_share / len(results.joined) if results.joined else math.nan
    every_phone = max(results.stage_seconds) if results.stage_seconds else math.nan
    stage_reached = len(results.stage_seconds) == len(results.joined) == settings.phones
    every_banner = max(results.stage_said) if results.stage_said else math.nan
    banner_reached = len(results.stage_said) == len(results.joined) == settings.phones
    staleness_p95 = percentile(results.staleness, 0.95)
    errors = len(results.errors) + len(results.bare_errors)
    lines = [
        Line("phones joined", f"{len(results.joined)} of {settings.phones}", str(settings.phones),
             len(results.joined) == settings.phones),
        Line("join page drawn (/join/CODE opened) p95", ms(percentile(results.opened, 0.95))),
        Line("join p95 (link opened → phone page)", ms(percentile(results.joined, 0.95))),
        Line("submit p50 / p95 / p99 (Send → \"sent\")",
             " / ".join(ms(percentile(results.submits, share)) for share in (0.5, 0.95, 0.99))),
    ]  # fmt: skip
    if settings.bare:
        lines += [
            Line("bare page submit p50 / p95 / p99",
                 " / ".join(ms(percentile(results.bare_submits, share)) for share in (0.5, 0.95, 0.99))),
            Line("submit p95 ÷ bare page p95", f"{ratio:.2f}", "≤ 3", ratio <= 3),
        ]  # fmt: skip
    lines += [
        Line("projector staleness p50 / p95",
             f"{ms(percentile(results.staleness, 0.5))} / {ms(staleness_p95)}", "p95 ≤ 2 s", staleness_p95 <= 2),
        Line("posts a projector showed by their text", f"{results.posts_shown} of {results.acked}"),
        Line("stage change said on every phone (banner, slowest)", ms(every_banner), "≤ 3 s",
             banner_reached and every_banner <= 3),
        Line("page redrawn in the new stage on every phone (slowest)",
             ms(every_phone) if stage_reached else f"{ms(every_phone)} ({len(results.stage_seconds)} phones)"),
        Line("page redrawn in the new stage, phones p50 / p95",
             f"{ms(percentile(results.stage_seconds, 0.5))} / {ms(percentile(results.stage_seconds, 0.95))}"),
        Line("stage change on the projectors (slowest)",
             ms(max(results.stage_projectors) if results.stage_projectors else math.nan)),
        Line(f"server CPU, {len(results.joined)} idle phones ({results.idle_window:.0f} s)",
             f"{idle_share * 100:.2f} % of one core", "≤ 5 %", idle_share <= 0.05),
        Line("server CPU per idle phone", f"{per_phone * 100:.4f} % of one core"),
        Line("reruns asked by idle phones", str(results.idle_reruns)),
        Line("fragment timers: set on phones / running while idle", f"{results.timers_set} / {results.timers_idle}"),
        Line("reruns phones asked after the stage change", f"{results.stage_reruns} (phones: {len(results.joined)})"),
        Line("phone runs stopped early for a newer request", str(results.interrupted)),
        Line("server CPU: join / posting / stage change phase",
             " / ".join(f"{results.phase_cpu.get(phase, math.nan):.1f} s" for phase in ("join", "posting", "stage"))),
        Line("machine load average (1 min) at start / end", " / ".join(f"{x:.1f}" for x in results.load_average)),
        Line("load generator CPU (this process)", f"{results.client_cpu:.1f} s"),
        Line("errors (app + bare page)", str(errors), "0", errors == 0),
        Line("posts acknowledged", str(results.acked), str(settings.phones * settings.posts),
             results.acked == settings.phones * settings.posts),
        Line("lost / doubled", f"{results.lost} / {results.doubled}", "0 / 0", results.lost == results.doubled == 0),
        Line("stored without an acknowledgement", str(results.unacked_stored)),
        Line("participants stored", str(results.participants), str(settings.phones),
             results.participants == settings.phones),
    ]  # fmt: skip
    if results.voting is not None:
        lines += _vote_lines(results, bare_p95)
    if settings.bare:
        lines.append(
            Line("bare page: acknowledged, lost / doubled",
                 f"{results.bare_acked}, {results.bare_lost} / {results.bare_doubled}", "0 / 0",
                 results.bare_lost == results.bare_doubled == 0)
        )  # fmt: skip
    return lines


def _vote_lines(results: "Results", bare_p95: float) -> list[Line]:
    """The voting phase's rows: the tap's round trip beside the bare page's, and the budget checked in the database."""
    settings, figures = results.settings, results.voting
    assert figures is not None
    tap_p95 = percentile(figures.taps, 0.95)
    ratio = tap_p95 / bare_p95 if results.bare_submits and bare_p95 > 0 else math.nan
    expected = len(results.joined) * settings.dots
    lines = [
        Line("vote drawn on every phone after opening (slowest)",
             ms(max(figures.shown) if figures.shown else math.nan)),
        Line("vote tap p50 / p95 / p99 (tap → dots answered)",
             " / ".join(ms(percentile(figures.taps, share)) for share in (0.5, 0.95, 0.99))),
    ]  # fmt: skip
    if settings.bare:
        lines.append(Line("vote tap p95 ÷ bare page p95", f"{ratio:.2f}", "≤ 3", ratio <= 3))
    lines += [
        Line("reruns phones asked while voting", f"{figures.reruns} (phones: {len(results.joined)})"),
        Line("server CPU: voting phase", f"{results.phase_cpu.get('voting', math.nan):.1f} s"),
        Line("dots acknowledged / stored", f"{figures.acked} / {figures.stored}", str(expected),
             figures.acked == figures.stored == expected),
        Line("budget or cap overruns (database, ballots checked)", f"{figures.overruns} ({figures.ballots})", "0",
             figures.overruns == 0),
    ]  # fmt: skip
    return lines
