"""Migrations: a database of the 0.1 release upgrades with every row kept and ends where a new one does.

Each test runs on SQLite and on a throwaway PostgreSQL (tests/postgres.py). The 0.1
databases are the dumps in data/ (see data/README.md).
"""

import multiprocessing
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel, func, select

from facilitation.core.db import make_engine, read_session, write_session
from facilitation.core.migrate import MIGRATIONS, current_revision, downgrade, head_revision, main, upgrade
from facilitation.core.settings import get_settings
from facilitation.core.tokens import new_token
from facilitation.exports.summary import build_summary
from facilitation.forum.plans import MAX_BUDGET_BAHT
from facilitation.tree.data import tree_data
from models import Participant, RegisteredPerson, Sector, saved_id, utcnow
from tests.factories import join, make_forum, post
from tests.postgres import temporary_postgres, unavailable
from tests.unit.helpers import make_item

ROOT = Path(__file__).resolve().parents[3]
DATA = Path(__file__).resolve().parent / "data"
TABLES = ("forum", "participant", "contribution", "actionitem", "actionitemcontribution", "commitment", "treetie")
ORDER = {"actionitemcontribution": "action_item_id, contribution_id"}
DROPPED = {"contribution": {"theme_id"}}  # by 0002
Rows = dict[str, list[dict[str, Any]]]
NewDatabase = Callable[[], Engine]


@pytest.fixture(scope="module")
def postgres_server() -> Iterator[str]:
    with temporary_postgres() as url:
        if url is None:
            unavailable("no PostgreSQL server binaries here and TEST_POSTGRES_URL unset")
        yield url


def _new_postgres_database(server: str) -> str:
    name = f"forum_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def new_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[NewDatabase]:
    """Makes empty databases of one kind: SQLite files, or databases on a throwaway PostgreSQL."""
    made: list[Engine] = []

    def make() -> Engine:
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path / f'forum{len(made)}.db'}"
        else:
            url = _new_postgres_database(request.getfixturevalue("postgres_server"))
        made.append(make_engine(url))
        return made[-1]

    yield make
    for engine in made:
        engine.dispose()


def load_release_0_1(engine: Engine) -> None:
    """Fill an empty database from the 0.1 release's dump for its kind."""
    if engine.dialect.name == "sqlite":
        dump = (DATA / "release-0.1.sqlite.sql").read_text(encoding="utf-8")
        with closing(sqlite3.connect(str(engine.url.database))) as connection:
            connection.executescript(dump)
        return
    dump = (DATA / "release-0.1.postgresql.sql").read_text(encoding="utf-8")
    # pg_dump's \restrict lines are for psql; its search_path setting stays on this one connection.
    sql = "\n".join(line for line in dump.splitlines() if not line.startswith("\\"))
    libpq_url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(libpq_url) as connection:
        connection.execute(sql.encode())


def rows(engine: Engine) -> Rows:
    """Every row of every table of the 0.1 schema, as the driver returns it, in key order."""
    with engine.connect() as connection:
        return {
            table: [
                dict(row._mapping)
                for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY {ORDER.get(table, 'id')}"))
            ]
            for table in TABLES
        }


def without_dropped(data: Rows) -> Rows:
    return {
        table: [{k: v for k, v in row.items() if k not in DROPPED.get(table, set())} for row in found]
        for table, found in data.items()
    }


def old_columns(data: Rows, like: Rows) -> Rows:
    """`data` with only the columns `like` has: what the old rows held, without columns added since."""
    return {
        table: [{k: v for k, v in row.items() if k in (like[table][0] if like[table] else row)} for row in found]
        for table, found in data.items()
    }


def schema(engine: Engine) -> dict[str, dict[str, list[tuple[Any, ...]]]]:
    """Tables, columns and every constraint and index by name, as the database reports them."""
    inspector = inspect(engine)
    found: dict[str, dict[str, list[tuple[Any, ...]]]] = {}
    for table in inspector.get_table_names():
        primary = inspector.get_pk_constraint(table)
        found[table] = {
            "columns": sorted((c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(table)),
            "primary": [(primary["name"], *primary["constrained_columns"])],
            "unique": sorted((u["name"], *u["column_names"]) for u in inspector.get_unique_constraints(table)),
            "foreign": sorted(
                (f["name"], *f["constrained_columns"], f["referred_table"], f["options"].get("ondelete"))
                for f in inspector.get_foreign_keys(table)
            ),
            "indexes": sorted(
                (i["name"], bool(i["unique"]), *i["column_names"], *map(str, i.get("dialect_options", {}).values()))
                for i in inspector.get_indexes(table)
                if not i.get("duplicates_constraint")  # PostgreSQL's index behind a unique constraint
            ),
            "checks": sorted((c["name"], c["sqltext"]) for c in inspector.get_check_constraints(table)),
        }
    return found


def model_differences(engine: Engine) -> list[Any]:
    """What `alembic revision --autogenerate` would write to bring the database to the models."""
    with engine.connect() as connection:
        return list(compare_metadata(MigrationContext.configure(connection), SQLModel.metadata))


def test_the_release_0_1_dumps_hold_a_value_in_every_column(new_database: NewDatabase) -> None:
    """The dumps exercise every table and column (but the one 0.1 never wrote) and the tree's edits."""
    engine = new_database()
    load_release_0_1(engine)
    data = rows(engine)
    for table in TABLES:
        assert data[table], f"no {table} rows"
        for column in data[table][0]:
            if (table, column) != ("contribution", "theme_id"):
                assert any(row[column] is not None for row in data[table]), f"{table}.{column} is always empty"
    contributions = data["contribution"]
    assert {row["status"] for row in contributions} == {"visible", "withdrawn"}
    assert {bool(row["in_tree"]) for row in contributions} == {True, False}
    assert any(row["participant_id"] is None for row in contributions)
    assert any(None in (tie["root_id"], tie["fund_id"], tie["benefit_id"]) for tie in data["treetie"])
    assert {row["stage"] for row in data["forum"]} == {"share", "act", "closed"}
    assert any(row["tree_labels"] not in ({}, "{}") for row in data["forum"])


def test_revision_0001_is_the_schema_of_release_0_1(new_database: NewDatabase) -> None:
    """A new database at 0001 has the tables of 0.1 exactly, only its constraints carry names."""
    release, revision = new_database(), new_database()
    load_release_0_1(release)
    upgrade(revision, revision="0001")

    def unnamed(engine: Engine) -> dict[str, dict[str, list[tuple[Any, ...]]]]:
        found = schema(engine)
        found.pop("alembic_version", None)
        for table in found.values():
            for kind in ("primary", "unique", "foreign"):
                table[kind] = sorted(entry[1:] for entry in table[kind])
        return found

    assert unnamed(revision) == unnamed(release)


def test_a_release_0_1_database_upgrades_with_every_row_kept(new_database: NewDatabase) -> None:
    """Stamped at 0001, upgraded to the newest revision: the same rows, less the dropped column."""
    engine = new_database()
    load_release_0_1(engine)
    before = rows(engine)
    assert current_revision(engine) is None
    assert upgrade(engine) == head_revision() == current_revision(engine)
    assert old_columns(rows(engine), without_dropped(before)) == without_dropped(before)
    assert "theme_id" not in {column["name"] for column in inspect(engine).get_columns("contribution")}


def test_columns_added_since_0_1_start_from_the_old_rows(new_database: NewDatabase) -> None:
    """Versions start at 1, nothing is deleted, and each plan link keeps the words its post had."""
    engine = new_database()
    load_release_0_1(engine)
    before = rows(engine)
    upgrade(engine)
    after = rows(engine)
    assert {row["version"] for table in ("forum", "contribution", "actionitem") for row in after[table]} == {1}
    assert all(row["deleted_at"] is None and row["creation_key"] is None for row in after["actionitem"])
    posts = {row["id"]: row for row in before["contribution"]}
    assert after["actionitemcontribution"]
    for link in after["actionitemcontribution"]:
        post = posts[link["contribution_id"]]
        assert (link["linked_kind"], link["linked_text"], link["linked_version"]) == (post["kind"], post["text"], 1)


def test_a_path_stored_twice_by_a_race_is_kept_once(new_database: NewDatabase) -> None:
    """0.1 checked for a tied path in Python only; the upgrade keeps the first of two and then refuses a third."""
    engine = new_database()
    load_release_0_1(engine)
    first = rows(engine)["treetie"][0]
    copy = {k: v for k, v in first.items() if k != "id"}
    columns = ", ".join(copy)
    with engine.begin() as connection:
        connection.execute(text(f"INSERT INTO treetie ({columns}) VALUES ({', '.join(':' + k for k in copy)})"), copy)
    upgrade(engine)
    kept = rows(engine)["treetie"]
    assert [
        tie["id"]
        for tie in kept
        if tie["forum_id"] == first["forum_id"]
        and tie["root_id"] == first["root_id"]
        and tie["fund_id"] == first["fund_id"]
        and tie["benefit_id"] == first["benefit_id"]
    ] == [first["id"]]
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(text(f"INSERT INTO treetie ({columns}) VALUES ({', '.join(':' + k for k in copy)})"), copy)


def test_the_app_reads_and_writes_an_upgraded_release_0_1_database(new_database: NewDatabase) -> None:
    """Summary and tree read the old rows as they were; new rows take the next ids."""
    engine = new_database()
    load_release_0_1(engine)
    before = rows(engine)
    upgrade(engine)
    with read_session(engine) as session:
        for forum in before["forum"]:
            summary = build_summary(session=session, forum_id=forum["id"])
            visible = [c for c in before["contribution"] if c["forum_id"] == forum["id"] and c["status"] == "visible"]
            assert summary.forum.code == forum["code"]
            assert sum(len(items) for items in summary.contributions.values()) == len(visible)
            assert len(summary.plan) == sum(1 for item in before["actionitem"] if item["forum_id"] == forum["id"])
            assert summary.commitment_total == sum(1 for c in before["commitment"] if c["forum_id"] == forum["id"])
        tree = tree_data(session=session, forum_id=1, lang="th")
    assert tree.labels["roots"] == "ทุนชุมชน"
    assert sum(1 for path in tree.paths if path.source == "tie") == 2
    assert any(item.merged_ids for item in tree.items)
    hidden = {c["id"] for c in before["contribution"] if c["forum_id"] == 1 and not c["in_tree"]}
    assert hidden and not hidden & {item.id for item in tree.items}
    empty_forum = next(forum for forum in before["forum"] if forum["stage"] == "share")
    person = join(engine, empty_forum["code"])
    assert post(engine, person.participant, "หลังอัปเกรด").id == 1 + max(c["id"] for c in before["contribution"])


def test_a_release_0_1_database_ends_with_the_schema_of_a_new_one(new_database: NewDatabase) -> None:
    """Same tables, columns, constraint and index names either way, and nothing left for autogenerate."""
    old, new = new_database(), new_database()
    load_release_0_1(old)
    upgrade(old)
    upgrade(new)
    assert schema(old) == schema(new)
    assert model_differences(old) == [] and model_differences(new) == []
    for table, found in schema(new).items():
        if table == "alembic_version":
            continue
        assert found["primary"][0][0] == f"pk_{table}"
        assert all(name.startswith(f"fk_{table}_") for name, *_ in found["foreign"])
        assert all(name.startswith(f"uq_{table}_") for name, *_ in found["unique"])
    if old.dialect.name == "sqlite":
        assert sqlite_ddl(old) == sqlite_ddl(new)


def sqlite_ddl(engine: Engine) -> list[tuple[str, list[str]]]:
    """SQLite's own text of every table and index, each statement's clauses in sorted order."""
    # The clauses come out in whatever order the constraints sat in a set: compare them as sets.
    with engine.connect() as connection:
        found = connection.exec_driver_sql("SELECT name, sql FROM sqlite_master ORDER BY name").all()
    return [(name, sorted(line.strip().rstrip(",") for line in (sql or "").splitlines())) for name, sql in found]


def test_upgrading_again_changes_nothing(new_database: NewDatabase) -> None:
    """A second upgrade, as at every start of the app, keeps schema and rows."""
    engine = new_database()
    load_release_0_1(engine)
    upgrade(engine)
    schema_once, rows_once = schema(engine), rows(engine)
    assert upgrade(engine) == head_revision()
    assert schema(engine) == schema_once and rows(engine) == rows_once
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all() == [
            head_revision()
        ]


def _upgrade_in_a_process(url: str, barrier: Any, results: Any) -> None:
    barrier.wait()
    try:
        engine = make_engine(url)
        results.put(upgrade(engine))
        engine.dispose()
    except BaseException as error:  # noqa: BLE001 - reported to the test through the queue
        results.put(repr(error))


def test_two_processes_starting_at_once_upgrade_once(new_database: NewDatabase) -> None:
    """Two app processes upgrading one new database at the same moment both succeed, and upgrade it once."""
    engine = new_database()
    # Forked after the imports, the two reach the database within a millisecond of each other.
    processes = multiprocessing.get_context("fork")
    barrier, results = processes.Barrier(2), processes.Queue()
    url = engine.url.render_as_string(hide_password=False)
    workers = [processes.Process(target=_upgrade_in_a_process, args=(url, barrier, results)) for _ in range(2)]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=10)
    assert outcomes == [head_revision()] * 2
    assert model_differences(engine) == []


def test_an_upgrade_that_fails_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    """A row pointing at nothing (possible in SQLite with foreign keys off) stops the upgrade, which rolls back."""
    engine = make_engine(f"sqlite:///{tmp_path / 'forum.db'}")
    load_release_0_1(engine)
    with closing(sqlite3.connect(tmp_path / "forum.db")) as connection, connection:
        connection.execute("INSERT INTO actionitemcontribution VALUES (1, 99999)")
    before, schema_before = rows(engine), schema(engine)
    with pytest.raises(RuntimeError, match="pointing at missing rows"):
        upgrade(engine)
    assert rows(engine) == before and schema(engine) == schema_before
    assert current_revision(engine) is None
    engine.dispose()


def test_0002_downgrades_and_upgrades_again(new_database: NewDatabase) -> None:
    """Back to 0001 the dropped column returns, empty; forward again ends as before."""
    engine = new_database()
    load_release_0_1(engine)
    upgrade(engine, revision="0002")
    upgraded = rows(engine)
    downgrade(engine, revision="0001")
    assert current_revision(engine) == "0001"
    back = rows(engine)
    assert all(row.pop("theme_id") is None for row in back["contribution"])
    assert back == upgraded
    upgrade(engine, revision="0002")
    assert rows(engine) == upgraded


def test_0003_downgrades_and_upgrades_again(new_database: NewDatabase) -> None:
    """Back to 0002 the added columns go, the rows stay; forward again ends at the models."""
    engine = new_database()
    load_release_0_1(engine)
    upgrade(engine)
    upgraded = rows(engine)
    downgrade(engine, revision="0002")
    back = rows(engine)
    assert back == old_columns(upgraded, back)
    upgrade(engine)
    assert rows(engine) == upgraded and model_differences(engine) == []


def test_the_command_upgrades_the_configured_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`python -m facilitation.core.migrate` upgrades DATABASE_URL and says which revision it is at."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'forum.db'}")
    get_settings.cache_clear()
    try:
        main()
    finally:
        get_settings.cache_clear()
    assert f"schema at revision {head_revision()}" in capsys.readouterr().out
    engine = make_engine(f"sqlite:///{tmp_path / 'forum.db'}")
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_the_alembic_command_line_works_from_the_project_folder(tmp_path: Path) -> None:
    """pyproject's [tool.alembic] finds the scripts; `alembic check` finds the models and revisions in step."""
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"}
    for args in (["upgrade", "head"], ["check"]):
        done = subprocess.run(
            [sys.executable, "-m", "alembic", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
    assert "No new upgrade operations detected" in done.stdout + done.stderr


def test_0007_downgrades_and_upgrades_again(new_database: NewDatabase) -> None:
    """Back to 0006 the posts' words go, the rows stay; forward again old posts' words are empty (cut when counted)."""
    engine = new_database()
    load_release_0_1(engine)
    upgrade(engine)
    upgraded = rows(engine)
    assert upgraded["contribution"] and all(row["words"] is None for row in upgraded["contribution"])
    downgrade(engine, revision="0006")
    assert current_revision(engine) == "0006"
    back = rows(engine)
    assert all("words" not in row for row in back["contribution"])
    assert back == old_columns(upgraded, back)
    upgrade(engine)
    assert rows(engine) == upgraded and model_differences(engine) == []


def test_0008_downgrades_and_upgrades_again(new_database: NewDatabase) -> None:
    """Back to 0007 the moderation tables go and waiting or hidden posts become withdrawn (shown nowhere, as
    before); the double-tap index counts visible posts again. Forward again ends at the models."""
    engine = new_database()
    load_release_0_1(engine)
    upgrade(engine)
    with engine.begin() as connection:
        ids = connection.execute(text("SELECT id FROM contribution WHERE status = 'visible' ORDER BY id")).scalars()
        first, second = list(ids)[:2]
        connection.execute(text("UPDATE contribution SET status = 'hidden' WHERE id = :id"), {"id": first})
        connection.execute(text("UPDATE contribution SET status = 'pending' WHERE id = :id"), {"id": second})
        connection.execute(
            text(
                "INSERT INTO moderationevent (forum_id, action, contribution_id, by_role, reason, detail, at)"
                " SELECT forum_id, 'hidden', id, 'facilitator', 'rude', '', CURRENT_TIMESTAMP"
                " FROM contribution WHERE id = :id"
            ),
            {"id": first},
        )
    upgraded = rows(engine)
    downgrade(engine, revision="0007")
    assert current_revision(engine) == "0007"
    assert not {"moderationevent", "moderationsetting", "moderationwords"} & set(inspect(engine).get_table_names())
    back = {row["id"]: row for row in rows(engine)["contribution"]}
    assert back[first]["status"] == back[second]["status"] == "withdrawn"
    indexes = {index["name"] for index in inspect(engine).get_indexes("contribution")}
    assert "uq_contribution_visible_text" in indexes and "uq_contribution_kept_text" not in indexes
    upgrade(engine)
    assert model_differences(engine) == []
    after = rows(engine)
    assert [row for row in after["contribution"] if row["id"] not in (first, second)] == [
        row for row in upgraded["contribution"] if row["id"] not in (first, second)
    ]


def test_0008_counts_hidden_and_waiting_posts_in_the_double_tap_index(new_database: NewDatabase) -> None:
    """On both databases the new index refuses a second row of a hidden post's words, and not of a withdrawn one."""
    engine = new_database()
    load_release_0_1(engine)
    upgrade(engine)
    with engine.begin() as connection:
        row = (
            connection.execute(
                text("SELECT * FROM contribution WHERE status = 'visible' AND participant_id IS NOT NULL ORDER BY id")
            )
            .mappings()
            .first()
        )
        assert row is not None
        connection.execute(text("UPDATE contribution SET status = 'hidden' WHERE id = :id"), {"id": row["id"]})
    copy = {k: v for k, v in row.items() if k != "id"}
    insert = text(f"INSERT INTO contribution ({', '.join(copy)}) VALUES ({', '.join(':' + k for k in copy)})")
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(insert, copy)
    with engine.begin() as connection:
        connection.execute(text("UPDATE contribution SET status = 'withdrawn' WHERE id = :id"), {"id": row["id"]})
        connection.execute(insert, copy)


def below(revision: str) -> str:
    """The revision `revision` follows: where its own downgrade takes a database."""
    script = ScriptDirectory(str(MIGRATIONS)).get_revision(revision)
    assert script is not None and isinstance(script.down_revision, str)
    return script.down_revision


def test_0014_downgrades_and_upgrades_again(new_database: NewDatabase) -> None:
    """Back before 0014 the follow-up tables go and every old row stays; forward again they return, empty."""
    engine = new_database()
    load_release_0_1(engine)
    upgrade(engine)
    upgraded = rows(engine)
    tables = {"ownerlink", "progressreport", "commitmentweight", "forumfollowup", "carrieditem"}
    assert tables <= set(inspect(engine).get_table_names())
    downgrade(engine, revision=below("0014"))
    assert not tables & set(inspect(engine).get_table_names())
    back = rows(engine)
    assert back == old_columns(upgraded, back)
    upgrade(engine)
    assert rows(engine) == upgraded and model_differences(engine) == []


def test_0013_downgrades_and_upgrades_again(new_database: NewDatabase) -> None:
    """Back before 0013 budgets are 32-bit again, every row kept; forward again the schema is the models'."""
    engine = new_database()
    load_release_0_1(engine)
    upgrade(engine)
    upgraded = rows(engine)
    assert upgraded["actionitem"]
    downgrade(engine, revision=below("0013"))
    assert rows(engine) == upgraded
    upgrade(engine)
    assert rows(engine) == upgraded and model_differences(engine) == []


def test_a_budget_past_32_bits_is_stored(new_database: NewDatabase) -> None:
    """The plan form takes up to ten billion baht: PostgreSQL's INTEGER would refuse it."""
    engine = new_database()
    upgrade(engine)
    forum = make_forum(engine).forum
    item = make_item(engine, saved_id(forum), "ศูนย์ดูแลผู้สูงอายุ", budget_baht=MAX_BUDGET_BAHT)
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT budget_baht FROM actionitem WHERE id = :id"), {"id": item.id})
        assert stored.scalar() == MAX_BUDGET_BAHT


def test_0012_downgrades_and_upgrades_again(new_database: NewDatabase) -> None:
    """Back before 0012 the items lose only their area and the overlap marks go; forward again areas are empty."""
    engine = new_database()
    load_release_0_1(engine)
    upgrade(engine)
    upgraded = rows(engine)
    assert upgraded["actionitem"] and all(row["area"] == "" for row in upgraded["actionitem"])
    downgrade(engine, revision=below("0012"))
    back = rows(engine)
    assert "overlapmark" not in inspect(engine).get_table_names()
    assert all("area" not in row for row in back["actionitem"])
    assert back == old_columns(upgraded, back)
    upgrade(engine)
    assert rows(engine) == upgraded and model_differences(engine) == []


def test_0010_downgrades_and_upgrades_again(new_database: NewDatabase) -> None:
    """Back before 0010 the theme tables go and every old row stays; forward again they return, empty, at the models."""
    engine = new_database()
    load_release_0_1(engine)
    upgrade(engine)
    upgraded = rows(engine)
    theme_tables = {"theme", "themepost", "themerejection", "actionitemtheme"}
    assert theme_tables <= set(inspect(engine).get_table_names())
    downgrade(engine, revision=below("0010"))
    assert current_revision(engine) == below("0010")
    assert not theme_tables & set(inspect(engine).get_table_names())
    back = rows(engine)
    assert back == old_columns(upgraded, back)
    upgrade(engine)
    assert rows(engine) == upgraded and model_differences(engine) == []
    with engine.connect() as connection:
        assert all(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0 for table in theme_tables)


def test_0009_downgrades_and_upgrades_again(new_database: NewDatabase) -> None:
    """Back before 0009 a person registered without a phone stays a participant, with a hash no token has, and keeps
    their posts; forward again the schema is the models'."""
    engine = new_database()
    load_release_0_1(engine)
    upgrade(engine)
    upgraded = rows(engine)
    forum = next(forum for forum in upgraded["forum"] if forum["stage"] == "share")
    with write_session(engine) as session:
        session.add(
            Participant(id=999, forum_id=forum["id"], token_hash=None, sector=Sector.COMMUNITY, consented_at=utcnow())
        )
        session.flush()
        session.add(RegisteredPerson(participant_id=999, forum_id=forum["id"], form_key=new_token()))
    elder = Participant(id=999, forum_id=forum["id"], sector=Sector.COMMUNITY, consented_at=utcnow())
    assert post(engine, elder, "ไม่มีรถไปหาหมอ").participant_id == 999
    downgrade(engine, revision=below("0009"))
    assert current_revision(engine) == below("0009")
    with engine.connect() as connection:
        one = connection.exec_driver_sql
        assert one("SELECT token_hash FROM participant WHERE id = 999").scalar() == "registered:999"
        assert one("SELECT participant_id FROM contribution WHERE text = 'ไม่มีรถไปหาหมอ'").scalar() == 999
        assert not inspect(connection).has_table("registeredperson")
    back = rows(engine)
    others = {table: found for table, found in back.items() if table not in ("participant", "contribution")}
    assert others == old_columns({table: upgraded[table] for table in others}, others)
    assert [row for row in back["participant"] if row["id"] != 999] == upgraded["participant"]
    upgrade(engine)
    assert model_differences(engine) == []
    with read_session(engine) as session:
        assert session.exec(select(func.count()).select_from(RegisteredPerson)).one() == 0


def test_0011_downgrades_and_upgrades_again(new_database: NewDatabase) -> None:
    """Back before 0011 the vote tables go and every other row stays; forward again they come back empty."""
    engine = new_database()
    load_release_0_1(engine)
    upgrade(engine)
    upgraded = rows(engine)
    vote_tables = {"vote", "voteoption", "ballot", "votedot"}
    assert vote_tables <= set(inspect(engine).get_table_names())
    downgrade(engine, revision=below("0011"))
    assert current_revision(engine) == below("0011")
    assert not vote_tables & set(inspect(engine).get_table_names())
    back = rows(engine)
    assert back == old_columns(upgraded, back)
    upgrade(engine)
    assert rows(engine) == upgraded and model_differences(engine) == []
    checks = {name for table in ("ballot", "votedot") for name, _ in schema(engine)[table]["checks"]}
    assert checks == {"ck_ballot_within_budget", "ck_votedot_within_cap"}
