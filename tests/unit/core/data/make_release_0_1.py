"""Make the 0.1 release's databases, dumped as text: see README.md in this folder.

Runs against the 0.1 release's own code, not this tree's:

    mkdir -p /tmp/release-0.1 && git archive 703e8ab | tar -x -C /tmp/release-0.1
    PYTHONPATH=/tmp/release-0.1 .venv/bin/python tests/unit/core/data/make_release_0_1.py
"""

import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlmodel import select

from facilitation.contributions import add_contribution, edit_contribution, withdraw_contribution
from facilitation.db import create_tables, make_engine, read_session, write_session
from facilitation.forums import create_forum, set_stage
from facilitation.participants import join_forum
from facilitation.sample import load_sample_forum
from facilitation.tokens import new_token
from facilitation.tree_admin import merge, set_category, set_in_tree, set_tree_labels, tie
from models import (
    Contribution,
    ContributionCreate,
    ContributionKind,
    ContributionUpdate,
    ForumCreate,
    Language,
    ParticipantCreate,
    Sector,
    Stage,
    utcnow,
)
from tests.postgres import temporary_postgres

HERE = Path(__file__).resolve().parent


def _visible(engine: Engine, forum_id: int, kind: ContributionKind) -> list[Contribution]:
    with read_session(engine) as session:
        return list(
            session.exec(
                select(Contribution)
                .where(Contribution.forum_id == forum_id, Contribution.kind == kind, Contribution.status == "visible")
                .order_by(Contribution.id)  # type: ignore[arg-type]
            )
        )


def fill(engine: Engine) -> None:
    """Three forums that between them put a value in every table and column."""
    with write_session(engine) as session:
        sila = load_sample_forum(session=session).forum
    forum_id = sila.id or 0
    with write_session(engine) as session:
        guest = join_forum(
            session=session,
            code=sila.code,
            token=new_token(),
            data=ParticipantCreate(display_name="Ann O'Neil", organisation='"Hope" foundation', sector=Sector.ACADEMIC),
            consent=True,
        ).participant
        gone = add_contribution(
            session=session,
            participant=guest,
            data=ContributionCreate(kind=ContributionKind.OTHER, text="ข้อความที่ถอนแล้ว"),
        ).contribution
        edited = add_contribution(
            session=session,
            participant=guest,
            data=ContributionCreate(kind=ContributionKind.BENEFIT, text="first draft"),
        ).contribution
        session.flush()
        withdraw_contribution(session=session, participant=guest, contribution_id=gone.id or 0)
        # A second visible copy of the withdrawn text: the partial unique index allows it.
        add_contribution(
            session=session,
            participant=guest,
            data=ContributionCreate(kind=ContributionKind.OTHER, text="ข้อความที่ถอนแล้ว"),
        )
        edit_contribution(
            session=session,
            participant=guest,
            contribution_id=edited.id or 0,
            data=ContributionUpdate(text="It's a benefit;\nover two lines"),
        )
        # Typed by the facilitator for someone without a phone: no participant.
        session.add(Contribution(forum_id=forum_id, participant_id=None, kind="root_cause", text="ไม่มีโทรศัพท์"))
    roots = _visible(engine, forum_id, ContributionKind.ROOT_CAUSE)
    funds = _visible(engine, forum_id, ContributionKind.FUND)
    benefits = _visible(engine, forum_id, ContributionKind.BENEFIT)
    with write_session(engine) as session:
        merge(session=session, forum_id=forum_id, keep_id=benefits[0].id or 0, duplicate_ids=[benefits[1].id or 0])
        set_in_tree(session=session, forum_id=forum_id, contribution_id=roots[-1].id or 0, shown=False)
        set_category(session=session, forum_id=forum_id, contribution_id=benefits[2].id or 0, category="housing")
        tie(session=session, forum_id=forum_id, root_id=roots[0].id, fund_id=funds[0].id, benefit_id=benefits[2].id)
        tie(session=session, forum_id=forum_id, root_id=roots[1].id, fund_id=funds[1].id, benefit_id=None)
        set_tree_labels(session=session, forum_id=forum_id, labels={"roots": "ทุนชุมชน", "fruits": "ดอกผล"})
    with write_session(engine) as session:
        english = load_sample_forum(session=session, language=Language.EN).forum
        set_stage(session=session, forum=english, stage=Stage.CLOSED)
        create_forum(
            session=session,
            data=ForumCreate(
                title="เวทีที่ยังไม่เริ่ม",
                province_code="40",
                district_code="4001",
                tambon_code="400101",
                forum_date=utcnow().date(),
            ),
        )


def dump_sqlite(target: Path) -> None:
    """The 0.1 release's SQLite database, as `sqlite3.Connection.iterdump()` writes it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "forum.db"
        engine = make_engine(f"sqlite:///{path}")
        create_tables(engine)
        fill(engine)
        engine.dispose()
        with sqlite3.connect(path) as connection:
            target.write_text("\n".join(connection.iterdump()) + "\n", encoding="utf-8")


def dump_postgresql(target: Path) -> None:
    """The 0.1 release's PostgreSQL database, as `pg_dump --no-owner --column-inserts` writes it."""
    with temporary_postgres() as url:
        if url is None:
            sys.exit("no PostgreSQL server binaries (initdb, pg_ctl) on PATH")
        engine = make_engine(url)
        create_tables(engine)
        fill(engine)
        engine.dispose()
        parsed = make_url(url)
        pg_dump = shutil.which("pg_dump") or sys.exit("no pg_dump on PATH")
        dumped = subprocess.run(
            [pg_dump, "--no-owner", "--no-privileges", "--column-inserts", "-h", str(parsed.query["host"]),
             "-U", str(parsed.username), "-d", str(parsed.database)],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        target.write_text(dumped.stdout, encoding="utf-8")


if __name__ == "__main__":
    dump_sqlite(HERE / "release-0.1.sqlite.sql")
    dump_postgresql(HERE / "release-0.1.postgresql.sql")
