"""Building a download off the page's run, so a large forum's export never holds up a screen.

One worker thread builds one export at a time: a second facilitator asking for a PDF while
another is built waits in line, and the app's pages keep the rest of the machine. A finished
file is kept for a while under its request (forum, format, language, anonymised), so a
second tab, a rerun or a reconnect gets the same file without building it again.
"""

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from sqlalchemy import Engine

from facilitation.core.db import read_session
from facilitation.core.errors import ExportFailed, ForumError
from facilitation.exports.formats import ExportRequest, export_format
from models import utcnow

log = logging.getLogger(__name__)

KEEP_SECONDS = 15 * 60  # how long a finished file waits for its download
MAX_KEPT = 24  # finished files held in memory at once; the oldest go first

State = Literal["waiting", "running", "done", "failed"]


@dataclass
class ExportJob:
    request: ExportRequest
    steps: tuple[str, ...]  # message keys, in the order the build goes through them
    state: State = "waiting"
    step: int = 0  # the step under way (0-based)
    data: bytes | None = None
    error: ForumError | None = None  # why it failed, told in the facilitator's language
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None  # monotonic: for keeping
    finished_at: datetime | None = None  # the wall clock: for telling

    @property
    def fraction(self) -> float:
        if self.state == "done":
            return 1.0
        return min(self.step / max(len(self.steps), 1), 0.99)

    @property
    def over(self) -> bool:
        return self.state in ("done", "failed")


class ExportJobs:
    """The exports asked for in this process, built in order on one worker thread."""

    def __init__(self, engine: Engine, *, workers: int = 1) -> None:
        self._engine = engine
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="export")
        self._jobs: dict[ExportRequest, ExportJob] = {}
        self._lock = threading.Lock()

    def find(self, request: ExportRequest) -> ExportJob | None:
        with self._lock:
            self._expire()
            return self._jobs.get(request)

    def start(self, request: ExportRequest, *, again: bool = False) -> ExportJob:
        """The job for `request`: the one under way or kept, or a new one (`again`: a new one once the last is over)."""
        with self._lock:
            self._expire()
            found = self._jobs.get(request)
            if found is not None and not (again and found.over):
                return found
            job = ExportJob(request, export_format(request.format).steps)
            self._jobs[request] = job
        self._pool.submit(self._build, job)
        return job

    def _build(self, job: ExportJob) -> None:
        job.state = "running"

        def progress(step: int) -> None:
            job.step = step

        try:
            with read_session(self._engine) as session:
                job.data = export_format(job.request.format).build(session, job.request, progress)
            job.state = "done"
        except ForumError as error:
            job.error = error
            job.state = "failed"
        except Exception:
            # Told to the facilitator as "could not be built"; the cause goes to the server's log.
            log.exception("export %s of forum %s failed", job.request.format, job.request.forum_id)
            job.error = ExportFailed()
            job.state = "failed"
        finally:
            job.finished_at = utcnow()
            job.finished = time.monotonic()

    def _expire(self) -> None:
        now = time.monotonic()
        over = sorted(
            ((job.finished or now, request) for request, job in self._jobs.items() if job.finished is not None),
        )
        for finished, request in over:
            if now - finished > KEEP_SECONDS:
                del self._jobs[request]
        kept = [request for _, request in over if request in self._jobs]
        for request in kept[: max(len(kept) - MAX_KEPT, 0)]:
            del self._jobs[request]


def wait(job: ExportJob, *, timeout: float, poll: float = 0.05) -> ExportJob:
    """`job` once it is over, or as it stands after `timeout` seconds (for scripts and tests)."""
    deadline = time.monotonic() + timeout
    while not job.over and time.monotonic() < deadline:
        time.sleep(poll)
    return job
