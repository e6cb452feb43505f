"""jobs: an export is built on the worker, not in the page's run; kept, refused and failed as told."""

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from facilitation.core.errors import ExportFailed, ForumNotFound
from facilitation.exports import formats, jobs
from facilitation.exports.formats import ExportFormat, ExportRequest, Progress
from facilitation.exports.jobs import ExportJobs, wait
from models import saved_id
from tests.factories import make_forum

RELEASE = threading.Event()
BUILT: list[ExportRequest] = []


def _slow(session: Session, request: ExportRequest, progress: Progress) -> bytes:
    progress(1)
    RELEASE.wait(5)
    BUILT.append(request)
    return f"forum {request.forum_id} in {request.lang}".encode()


def _broken(session: Session, request: ExportRequest, progress: Progress) -> bytes:
    raise RuntimeError("a library blew up")


def _missing(session: Session, request: ExportRequest, progress: Progress) -> bytes:
    raise ForumNotFound(id=request.forum_id)


FAKES = {
    "slow": ExportFormat("slow", "txt", "text/plain", ("a", "b"), _slow),
    "broken": ExportFormat("broken", "txt", "text/plain", ("a",), _broken),
    "missing": ExportFormat("missing", "txt", "text/plain", ("a",), _missing),
}


@pytest.fixture(autouse=True)
def fake_formats(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(jobs, "export_format", lambda key: FAKES[key] if key in FAKES else formats.export_format(key))
    RELEASE.clear()
    BUILT.clear()
    yield
    RELEASE.set()


def test_a_job_runs_off_the_callers_thread_and_reports_its_step(engine: Engine) -> None:
    """The caller gets the job at once; it moves to step 1 while the build waits; then done with the bytes."""
    forum_id = saved_id(make_forum(engine).forum)
    worker = ExportJobs(engine)
    request = ExportRequest(forum_id, "slow", "th")
    job = worker.start(request)
    assert not job.over
    for _ in range(100):
        if job.step == 1:
            break
        threading.Event().wait(0.02)
    assert job.state == "running" and job.step == 1 and 0 < job.fraction < 1
    RELEASE.set()
    wait(job, timeout=5)
    assert job.state == "done" and job.data == f"forum {forum_id} in th".encode() and job.fraction == 1.0
    assert job.finished_at is not None


def test_the_same_request_twice_builds_once(engine: Engine) -> None:
    """A second tab or a double tap gets the job under way, and later the kept file, without a second build."""
    forum_id = saved_id(make_forum(engine).forum)
    worker = ExportJobs(engine)
    request = ExportRequest(forum_id, "slow", "th")
    first = worker.start(request)
    assert worker.start(request) is first
    assert worker.start(request, again=True) is first  # still under way: not started twice
    RELEASE.set()
    wait(first, timeout=5)
    assert worker.start(request) is first and worker.find(request) is first
    assert len(BUILT) == 1
    again = worker.start(request, again=True)
    wait(again, timeout=5)
    assert again is not first and len(BUILT) == 2


def test_requests_differing_in_language_or_anonymity_are_separate_files(engine: Engine) -> None:
    forum_id = saved_id(make_forum(engine).forum)
    worker = ExportJobs(engine)
    RELEASE.set()
    made = [
        worker.start(ExportRequest(forum_id, "slow", lang, anon)) for lang in ("th", "en") for anon in (False, True)
    ]
    assert len({id(job) for job in made}) == 4
    for job in made:
        wait(job, timeout=5)
    assert {job.data for job in made} == {f"forum {forum_id} in th".encode(), f"forum {forum_id} in en".encode()}


def test_a_failed_build_is_told_not_raised(engine: Engine) -> None:
    """A library's crash becomes "could not be built"; a domain error keeps its own message."""
    forum_id = saved_id(make_forum(engine).forum)
    worker = ExportJobs(engine)
    broken = wait(worker.start(ExportRequest(forum_id, "broken", "th")), timeout=5)
    assert broken.state == "failed" and isinstance(broken.error, ExportFailed) and broken.data is None
    missing = wait(worker.start(ExportRequest(forum_id + 99, "missing", "th")), timeout=5)
    assert missing.state == "failed" and isinstance(missing.error, ForumNotFound)


def test_finished_files_are_let_go_after_a_while(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    forum_id = saved_id(make_forum(engine).forum)
    worker = ExportJobs(engine)
    RELEASE.set()
    request = ExportRequest(forum_id, "slow", "th")
    wait(worker.start(request), timeout=5)
    assert worker.find(request) is not None
    monkeypatch.setattr(jobs, "KEEP_SECONDS", -1)
    assert worker.find(request) is None


def test_at_most_so_many_finished_files_are_kept(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    forum_id = saved_id(make_forum(engine).forum)
    worker = ExportJobs(engine)
    RELEASE.set()
    monkeypatch.setattr(jobs, "MAX_KEPT", 2)
    requests = [ExportRequest(forum_id, "slow", "th", join_url=str(n)) for n in range(4)]
    for request in requests:
        wait(worker.start(request), timeout=5)
    kept = [request for request in requests if worker.find(request) is not None]
    assert kept == requests[2:]


def test_every_listed_format_has_its_strings() -> None:
    """The summary page lists each format with a name and one short line, in both languages."""
    from facilitation.core.i18n import t

    for export in formats.FORMATS:
        for lang in ("th", "en"):
            assert t(f"export_{export.key}", lang) and t(f"export_{export.key}_line", lang)
            assert all(t(step, lang) for step in export.steps)
