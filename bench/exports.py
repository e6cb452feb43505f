"""Every export of a big forum, timed beside its target; rerun with `make bench-exports`.

Builds a forum of 5,000 contributions, 50 action items, 500 people and 40 themes
(`bench/big_forum.py`) in a scratch SQLite file, then times each export the project has, as an
organiser waits for it: the forum's report read in its own session, then the file built from it.
One warm-up run (its time printed as "cold": fonts, the word list and imports load then), then the
median of `--repeats` runs. Targets: PDF ≤ 10 s, DOCX ≤ 5 s, XLSX ≤ 3 s, archive export + import
≤ 5 s; the report and the poster have none. Each exporter is looked up by name, so a step whose
module is not there yet prints "not built yet" instead of stopping the run.
"""

import argparse
import importlib
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from bench.big_forum import make_big_forum
from facilitation.core.db import make_engine, read_session, write_session
from facilitation.core.migrate import upgrade
from models import Forum

LANG = "th"
BASE_URL = "http://192.168.1.23:8501"
Job = Callable[[Engine, int, dict[str, Any]], object]


@dataclass(frozen=True)
class Step:
    name: str
    needs: tuple[str, ...]  # "module:function", looked up when the step runs
    target_s: float | None
    job: Job


class NotBuiltYet(Exception):
    pass


def find(path: str) -> Any:
    """The function named "module:function", or NotBuiltYet when its module or name is missing."""
    module_name, _, function = path.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as missing:
        if missing.name and module_name.startswith(missing.name):
            raise NotBuiltYet(module_name) from missing
        raise
    if not hasattr(module, function):
        raise NotBuiltYet(path)
    return getattr(module, function)


def _report(engine: Engine, forum_id: int, found: dict[str, Any]) -> object:
    with read_session(engine) as session:
        return found["facilitation.exports.report:build_report"](session=session, forum_id=forum_id, lang=LANG)


def _from_report(export: str, **options: object) -> Job:
    def job(engine: Engine, forum_id: int, found: dict[str, Any]) -> object:
        return found[export](_report(engine, forum_id, found), **options)

    return job


def _as_the_page_builds(key: str) -> Job:
    """The file as the summary page's worker builds it: for PDF and Word, the tree's picture included."""

    def job(engine: Engine, forum_id: int, found: dict[str, Any]) -> object:
        with read_session(engine) as session:
            request = found[REQUEST](forum_id, key, LANG)
            return found[FORMAT](key).build(session, request, lambda step: None)

    return job


def _workbook(engine: Engine, forum_id: int, found: dict[str, Any]) -> object:
    with read_session(engine) as session:
        tables = found["facilitation.exports.tables:forum_tables"](session=session, forum_id=forum_id, lang=LANG)
    return found["facilitation.exports.workbook:forum_workbook"](tables, LANG)


def _archive(engine: Engine, forum_id: int, found: dict[str, Any]) -> object:
    with read_session(engine) as session:
        data = found["facilitation.exports.archive:export_archive"](session=session, forum_id=forum_id)
    # Each run imports one more copy beside the first (new codes and keys), as another installation would.
    with write_session(engine) as session:
        return found["facilitation.forum.archive_import:import_archive"](
            session=session, data=data, organiser_password=None
        )


def _poster(engine: Engine, forum_id: int, found: dict[str, Any]) -> object:
    with read_session(engine) as session:
        forum = session.get(Forum, forum_id)
    assert forum is not None
    url = found["facilitation.links.addresses:join_url"](BASE_URL, forum.code)
    return found["facilitation.exports.poster:join_poster_pdf"](forum=forum, join_url=url, lang=LANG)


REPORT = "facilitation.exports.report:build_report"
FORMAT = "facilitation.exports.formats:export_format"
REQUEST = "facilitation.exports.formats:ExportRequest"
STEPS = (
    Step("report (what every document reads)", (REPORT,), None, _report),
    Step("PDF summary, tree picture included", (FORMAT, REQUEST), 10.0, _as_the_page_builds("pdf")),
    Step(
        "  of which the PDF without the tree",
        (REPORT, "facilitation.exports.pdf_document:summary_pdf"),
        None,
        _from_report("facilitation.exports.pdf_document:summary_pdf", tree_png=None),
    ),
    Step("DOCX summary, tree picture included", (FORMAT, REQUEST), 5.0, _as_the_page_builds("docx")),
    Step(
        "  of which the DOCX without the tree",
        (REPORT, "facilitation.exports.docx_summary:summary_docx"),
        None,
        _from_report("facilitation.exports.docx_summary:summary_docx", tree_png=None),
    ),
    Step(
        "ผ.02 plan, XLSX",
        (REPORT, "facilitation.exports.p02_xlsx:p02_xlsx"),
        3.0,
        _from_report("facilitation.exports.p02_xlsx:p02_xlsx"),
    ),
    Step(
        "ผ.02 plan, DOCX",
        (REPORT, "facilitation.exports.p02_docx:p02_docx"),
        5.0,
        _from_report("facilitation.exports.p02_docx:p02_docx"),
    ),
    Step(
        "Excel workbook (every table)",
        ("facilitation.exports.tables:forum_tables", "facilitation.exports.workbook:forum_workbook"),
        3.0,
        _workbook,
    ),
    Step("CSV files (ZIP)", (FORMAT, REQUEST), None, _as_the_page_builds("csv")),
    Step(
        "archive export + import",
        ("facilitation.exports.archive:export_archive", "facilitation.forum.archive_import:import_archive"),
        5.0,
        _archive,
    ),
    Step(
        "join poster (PDF)",
        ("facilitation.links.addresses:join_url", "facilitation.exports.poster:join_poster_pdf"),
        None,
        _poster,
    ),
)


@dataclass(frozen=True)
class Timing:
    name: str
    cold_s: float | None  # the warm-up run; None: not built yet
    runs_s: list[float]
    target_s: float | None
    note: str = ""

    @property
    def median_s(self) -> float:
        return statistics.median(self.runs_s)

    @property
    def verdict(self) -> str:
        if self.cold_s is None or self.target_s is None:
            return ""
        return "PASS" if self.median_s <= self.target_s else "FAIL"


def time_step(step: Step, engine: Engine, forum_id: int, repeats: int) -> Timing:
    """One warm-up, then `repeats` timed runs of the step; "not built yet" when an exporter is missing."""
    try:
        found = {path: find(path) for path in step.needs}
    except NotBuiltYet as missing:
        return Timing(step.name, None, [], step.target_s, f"not built yet ({missing})")
    runs = []
    for _ in range(repeats + 1):
        start = time.perf_counter()
        step.job(engine, forum_id, found)
        runs.append(time.perf_counter() - start)
    return Timing(step.name, runs[0], runs[1:], step.target_s)


def line(timing: Timing) -> str:
    if timing.cold_s is None:
        return f"{timing.name:<36} {timing.note}"
    target = f"target ≤ {timing.target_s:g} s" if timing.target_s is not None else "no target"
    runs = ", ".join(f"{run:.2f}" for run in timing.runs_s)
    return (
        f"{timing.name:<36} median {timing.median_s:6.2f} s   cold {timing.cold_s:6.2f} s   runs {runs}"
        f"   {target:<15} {timing.verdict}"
    )


def run(
    *, contributions: int = 5000, action_items: int = 50, participants: int = 500, themes: int = 40, repeats: int = 3
) -> list[Timing]:
    """Build the forum in a scratch database and time every step; prints each line as it is measured."""
    print(
        f"Exports of a forum of {contributions:,} contributions, {action_items} action items, {participants} people, "
        f"{themes} themes; median of {repeats} runs after a warm-up (load average {os.getloadavg()[0]:.2f})",
        flush=True,
    )
    timings = []
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'exports.db'}")
        upgrade(engine)
        start = time.perf_counter()
        with write_session(engine) as session:
            forum_id = make_big_forum(
                session,
                contributions=contributions,
                action_items=action_items,
                participants=participants,
                themes=themes,
            )
        print(f"{'forum built (bulk inserts)':<36} {time.perf_counter() - start:6.2f} s", flush=True)
        for step in STEPS:
            timing = time_step(step, engine, forum_id, repeats)
            timings.append(timing)
            print(line(timing), flush=True)
        print(screens_during_a_build(engine, forum_id), flush=True)
        engine.dispose()
    print(f"load average at the end {os.getloadavg()[0]:.2f}")
    return timings


def screens_during_a_build(engine: Engine, forum_id: int, *, reads: int = 60) -> str:
    """How much slower the projector's wall is read while the export worker builds a PDF in the same process.

    The worker is a thread of the app's process, so it shares the interpreter with every page's run:
    this is the figure that says whether a big export holds up the room.
    """
    from facilitation.exports.formats import ExportRequest
    from facilitation.exports.jobs import ExportJobs
    from facilitation.forum.contributions import feed

    def one_read() -> float:
        start = time.perf_counter()
        with read_session(engine) as session:
            feed(session=session, forum_id=forum_id)
        return time.perf_counter() - start

    quiet = sorted(one_read() for _ in range(reads))
    worker = ExportJobs(engine)
    job = worker.start(ExportRequest(forum_id, "pdf", LANG, join_url="bench"))
    busy: list[float] = []
    while not job.over:
        busy.append(one_read())
    busy.sort()
    if len(busy) < 5:
        return "the wall's read during a PDF build: the build ended before enough reads"

    def p(values: list[float], q: float) -> float:
        return values[min(int(q * len(values)), len(values) - 1)] * 1000

    return (
        f"{'projector wall read, quiet':<36} p50 {p(quiet, 0.5):6.1f} ms   p95 {p(quiet, 0.95):6.1f} ms\n"
        f"{'  while a PDF builds beside it':<36} p50 {p(busy, 0.5):6.1f} ms   p95 {p(busy, 0.95):6.1f} ms"
        f"   ({len(busy)} reads; p95 ratio {p(busy, 0.95) / p(quiet, 0.95):.1f} ×, no target)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contributions", type=int, default=5000)
    parser.add_argument("--action-items", type=int, default=50)
    parser.add_argument("--participants", type=int, default=500)
    parser.add_argument("--themes", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    run(
        contributions=args.contributions,
        action_items=args.action_items,
        participants=args.participants,
        themes=args.themes,
        repeats=args.repeats,
    )


if __name__ == "__main__":
    main()
