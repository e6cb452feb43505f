"""A throwaway PostgreSQL server for tests, from the machine's PostgreSQL binaries.

Uses TEST_POSTGRES_URL when set; otherwise starts a private cluster on a Unix socket
in a temporary folder (as the `postgres` user when running as root, since initdb
refuses root). Returns None when neither is possible, and the caller calls
`unavailable`: a skip on a developer's machine, a failure under CI.
"""

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import pytest


def unavailable(reason: str) -> NoReturn:
    """Skip a test that needs PostgreSQL; under CI fail it, since a skip there hides breakage."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason} (CI: `make test` installs Debian's postgresql package)", pytrace=False)
    pytest.skip(reason)


def _server_binary(name: str) -> str | None:
    # Debian keeps the server's programs off PATH, in one folder per major version.
    found = shutil.which(name)
    if found:
        return found
    installed = [path for path in Path("/usr/lib/postgresql").glob(f"*/bin/{name}") if path.parts[-3].isdigit()]
    return str(max(installed, key=lambda path: int(path.parts[-3]))) if installed else None


def _as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    runuser = shutil.which("runuser") or shutil.which("runuser", path="/usr/sbin:/sbin")
    return [runuser, "-u", "postgres", "--", *command] if runuser else command


@contextmanager
def temporary_postgres() -> Iterator[str | None]:
    """Yield a `postgresql+psycopg://` URL of an empty database, or None."""
    if os.environ.get("TEST_POSTGRES_URL"):
        yield os.environ["TEST_POSTGRES_URL"]
        return
    initdb, pg_ctl = _server_binary("initdb"), _server_binary("pg_ctl")
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
