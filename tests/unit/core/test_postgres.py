"""The same services on PostgreSQL (DATABASE_URL=postgresql+psycopg://…), including races."""

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlmodel import func, select

from facilitation.core.db import make_engine, read_session, write_session
from facilitation.core.migrate import upgrade
from facilitation.exports.markdown import to_markdown
from facilitation.exports.summary import build_summary
from facilitation.forum.commitments import add_commitment
from facilitation.forum.contributions import add_contribution, feed
from facilitation.forum.forums import set_stage
from facilitation.forum.plans import create_action_item, plan
from models import (
    ActionItemCreate,
    CommitmentCreate,
    Contribution,
    ContributionCreate,
    ContributionKind,
    Stage,
    saved_id,
)
from tests.factories import join, make_forum
from tests.postgres import temporary_postgres, unavailable


@pytest.fixture(scope="module")
def pg_engine() -> Iterator[Engine]:
    with temporary_postgres() as url:
        if url is None:
            unavailable("no PostgreSQL server binaries here and TEST_POSTGRES_URL unset")
        engine = make_engine(url)
        upgrade(engine)
        yield engine
        engine.dispose()


def test_a_forum_runs_end_to_end_on_postgresql(pg_engine: Engine) -> None:
    """Create, join, share, plan, commit and summarise on PostgreSQL."""
    created = make_forum(pg_engine)
    person = join(pg_engine, created.forum.code)
    with write_session(pg_engine) as session:
        posted = add_contribution(
            session=session,
            participant=person.participant,
            data=ContributionCreate(kind=ContributionKind.FUND, text="กองทุนสวัสดิการชุมชน"),
        )
    forum_id = saved_id(created.forum)
    with write_session(pg_engine) as session:
        item = create_action_item(
            session=session,
            forum_id=forum_id,
            data=ActionItemCreate(
                activity="เยี่ยมบ้านผู้สูงอายุ", budget_baht=5000, contribution_ids=[saved_id(posted.contribution)]
            ),
        )
    with write_session(pg_engine) as session:
        set_stage(session=session, forum=created.forum, stage=Stage.ACT)  # commitments open in Act
    with write_session(pg_engine) as session:
        add_commitment(
            session=session,
            participant=person.participant,
            data=CommitmentCreate(action_item_id=saved_id(item), text="จะไปเยี่ยม"),
        )
    with read_session(pg_engine) as session:
        rows = plan(session=session, forum_id=forum_id)
        markdown = to_markdown(build_summary(session=session, forum_id=forum_id), "th")
    assert [c.text for c in rows[0].answers] == ["กองทุนสวัสดิการชุมชน"]
    assert rows[0].commitments[0].text == "จะไปเยี่ยม"
    assert "เยี่ยมบ้านผู้สูงอายุ" in markdown and "5,000 บาท" in markdown


def test_simultaneous_identical_posts_store_one_row_on_postgresql(pg_engine: Engine) -> None:
    """Twelve threads sending the same words at once (a frantic double tap) leave exactly one row."""
    created = make_forum(pg_engine)
    person = join(pg_engine, created.forum.code)
    barrier = threading.Barrier(12)
    outcomes: list[bool] = []
    errors: list[BaseException] = []

    def send() -> None:
        barrier.wait()
        try:
            with write_session(pg_engine) as session:
                outcome = add_contribution(
                    session=session,
                    participant=person.participant,
                    data=ContributionCreate(kind=ContributionKind.BENEFIT, text="ทุนการศึกษา 500 บาท"),
                )
            outcomes.append(outcome.created)
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=send) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert outcomes.count(True) == 1 and len(outcomes) == 12
    with read_session(pg_engine) as session:
        count = session.exec(
            select(func.count()).select_from(Contribution).where(Contribution.participant_id == person.participant.id)
        ).one()
        assert count == 1
        assert len(feed(session=session, forum_id=saved_id(created.forum))[ContributionKind.BENEFIT]) == 1
