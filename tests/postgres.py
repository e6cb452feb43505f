"""A throwaway PostgreSQL server for tests, from the machine's PostgreSQL binaries.

Uses TEST_POSTGRES_URL when set; otherwise starts a private cluster on a Unix socket
in a temporary folder (as the `postgres` user when running as root, since initdb
refuses root). Returns None when neither is possible, and the caller skips.
"""

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    runuser = shutil.which("runuser")
    return [runuser, "-u", "postgres", "--", *command] if runuser else command


@contextmanager
def temporary_postgres() -> Iterator[str | None]:
    """Yield a `postgresql+psycopg://` URL of an empty database, or None."""
    if os.environ.get("TEST_POSTGRES_URL"):
        yield os.environ["TEST_POSTGRES_URL"]
        return
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if not initdb or not pg_ctl or (os.geteuid() == 0 and not _postgres_user_exists()):
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="forum-pg-"))
    folder.chmod(0o777)
    data = folder / "data"
    try:
        subprocess.run(
            _as_postgres([initdb, "-D", str(data), "-U", "forum", "--auth=trust", "-E", "UTF8", "--no-locale"]),
            check=True, capture_output=True,
        )  # fmt: skip
        options = f"-k {folder} -c listen_addresses='' -c fsync=off -c max_connections=100"
        subprocess.run(
            _as_postgres([pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"]),
            check=True, capture_output=True,
        )  # fmt: skip
        time.sleep(0.2)
        yield f"postgresql+psycopg://forum@/postgres?host={folder}"
    finally:
        if data.exists():
            subprocess.run(_as_postgres([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def _postgres_user_exists() -> bool:
    try:
        import pwd

        pwd.getpwnam("postgres")
        return True
    except KeyError:
        return False
