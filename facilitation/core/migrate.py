"""The schema, brought up to date by the Alembic revisions in models/migrations.

The app upgrades its database when it opens it; `python -m facilitation.core.migrate`
does the same from a shell (before a deployment, say) and prints the revision.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.engine import make_url

import models
from facilitation.core.db import begin_write, make_engine
from facilitation.core.settings import get_settings

MIGRATIONS = Path(models.__file__).resolve().parent / "migrations"
# Databases made by the 0.1 release (create_all, no alembic_version) have this schema.
RELEASE_0_1 = "0001"
# Any fixed number will do, as long as every process that upgrades asks for the same one.
_POSTGRES_LOCK = 5_746_019_201
# Alembic keeps the running migration in module globals (`alembic.context`, `alembic.op`),
# so within one process only one thread may run migrations at a time.
_ONE_AT_A_TIME = threading.Lock()


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision in models/migrations."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    if head is None:
        raise RuntimeError(f"no migrations in {MIGRATIONS}")
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; None for an empty database or one made by the 0.1 release."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, *, revision: str = "head") -> str:
    """Bring the database to `revision` (the newest by default) and return it; safe to repeat or run twice at once."""
    with _locked(engine) as connection:
        tables = inspect(connection)
        if tables.has_table("forum") and not tables.has_table("alembic_version"):
            command.stamp(_config(connection), RELEASE_0_1)
        command.upgrade(_config(connection), revision)
        reached = MigrationContext.configure(connection).get_current_revision()
    if reached is None:
        raise RuntimeError("the upgrade left no revision in alembic_version")
    return reached


def downgrade(engine: Engine, *, revision: str) -> None:
    """Take the schema back to `revision`, to try a migration out; the app itself never downgrades."""
    with _locked(engine) as connection:
        command.downgrade(_config(connection), revision)


@contextmanager
def _locked(engine: Engine) -> Iterator[Connection]:
    """One transaction that no other upgrade runs beside; it commits when the block ends."""
    with _ONE_AT_A_TIME, engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            with connection.begin():
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _POSTGRES_LOCK})
                yield connection
            return
        # Batch mode drops each table it copies, and with foreign keys on that drop would
        # delete the rows that cascade from it. The pragma is ignored inside a transaction,
        # so it is set on the driver's connection before BEGIN (env.py checks the keys
        # before the commit) and set back for the next user of this pooled connection.
        driver = connection.connection.driver_connection
        assert driver is not None
        driver.execute("PRAGMA foreign_keys=OFF")
        try:
            with begin_write(connection):
                yield connection
        finally:
            driver.execute("PRAGMA foreign_keys=ON")


def main() -> None:
    """Upgrade the database of DATABASE_URL and print the revision it is at."""
    url = get_settings().database_url
    engine = make_engine(url)
    try:
        revision = upgrade(engine)
    finally:
        engine.dispose()
    shown = make_url(url).render_as_string(hide_password=True)
    print(f"{shown}: schema at revision {revision} (newest: {head_revision()})")


if __name__ == "__main__":
    main()
