"""Writes racing each other, on a SQLite file (WAL, as in production) and on PostgreSQL.

SQLite's BEGIN IMMEDIATE serialises writers; PostgreSQL runs them side by side, so
each guard here is what keeps it correct there: counters bumped in SQL, the forum's
row locked by the stage check, unique keys that let one of two inserts win.
"""

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Engine, text
from sqlmodel import func, select

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import ForumClosed, StaleEdit
from facilitation.core.tokens import new_token
from facilitation.forum.commitments import add_commitment
from facilitation.forum.forums import bump_revision, create_forum, set_stage
from facilitation.forum.participants import join_forum
from facilitation.forum.plans import create_action_item, update_action_item
from facilitation.tree.admin import tie
from models import (
    ActionItem,
    ActionItemCreate,
    CommitmentCreate,
    Contribution,
    ContributionKind,
    Forum,
    ForumCreate,
    Participant,
    ParticipantCreate,
    Sector,
    Stage,
    TreeTie,
    saved_id,
)
from tests.factories import SILA, join, make_forum, post
from tests.unit.helpers import item_data, make_item, move, revision

T = TypeVar("T")
RACERS = 8


def race(engine: Engine, action: Callable[[Any], T], racers: int = RACERS) -> tuple[list[T], list[BaseException]]:
    """Run `action(session)` in `racers` write transactions released at the same moment."""
    barrier = threading.Barrier(racers)
    results: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        barrier.wait()
        try:
            with write_session(engine) as session:
                results.append(action(session))
        except BaseException as error:  # noqa: BLE001 - collected and asserted by the caller
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def rows(engine: Engine, model: type[Any], *where: Any) -> int:
    with read_session(engine) as session:
        return session.exec(select(func.count()).select_from(model).where(*where)).one()


def test_revision_counts_every_bump(db: Engine) -> None:
    """N transactions bumping the revision at once raise it by N (none read-modify-writes a stale value)."""
    forum_id = saved_id(make_forum(db).forum)
    before = revision(db, forum_id)
    _, errors = race(db, lambda session: bump_revision(session=session, forum_id=forum_id))
    assert errors == []
    assert revision(db, forum_id) == before + RACERS


def test_simultaneous_commitments_each_bump_the_revision(db: Engine) -> None:
    """Organisations committing at once: every commitment is stored and phones see every one."""
    forum = make_forum(db).forum
    forum_id = saved_id(forum)
    item_id = saved_id(make_item(db, forum_id))
    move(db, forum, Stage.ACT)
    people = [join(db, forum.code, name=f"คนที่ {n}").participant for n in range(RACERS)]
    before = revision(db, forum_id)
    waiting = iter(people)
    lock = threading.Lock()

    def commit(session: Any) -> object:
        with lock:
            person = next(waiting)
        data = CommitmentCreate(action_item_id=item_id, text="จะช่วยจัดรถ")
        return add_commitment(session=session, participant=person, data=data)

    _, errors = race(db, commit)
    assert errors == []
    assert revision(db, forum_id) == before + RACERS


def _wait_until_blocked(engine: Engine, done: threading.Event) -> None:
    """Return once another transaction waits on a lock (or has finished without waiting)."""
    if engine.dialect.name != "postgresql":
        # SQLite: the other writer waits for BEGIN IMMEDIATE; nothing to observe it by.
        done.wait(0.3)
        return
    deadline = time.monotonic() + 10
    with engine.connect() as watcher:
        while time.monotonic() < deadline and not done.is_set():
            if watcher.execute(text("SELECT count(*) FROM pg_locks WHERE NOT granted")).scalar_one():
                return
            watcher.rollback()
            time.sleep(0.01)


def test_no_post_commits_after_a_close_that_committed_first(db: Engine) -> None:
    """A post that checked the stage while a Close was committing waits for it, then is refused."""
    forum = make_forum(db).forum
    forum_id = saved_id(forum)
    person = join(db, forum.code).participant
    closing, finished = threading.Event(), threading.Event()
    outcome: list[BaseException | None] = []

    def post_now() -> None:
        closing.wait()
        try:
            post(db, person, "ข้อเสนอที่มาช้า")
            outcome.append(None)
        except BaseException as error:  # noqa: BLE001 - asserted below
            outcome.append(error)
        finished.set()

    poster = threading.Thread(target=post_now)
    poster.start()
    with write_session(db) as session:
        set_stage(session=session, forum=forum, stage=Stage.CLOSED)
        closing.set()
        _wait_until_blocked(db, finished)  # the post is under way, before the Close commits
    poster.join()

    assert len(outcome) == 1 and isinstance(outcome[0], ForumClosed)
    assert rows(db, Contribution, Contribution.forum_id == forum_id) == 0


def test_two_joins_racing_on_one_token_make_one_participant(db: Engine) -> None:
    """A double tap on "join" sent twice at once: one person, and both taps get that person."""
    forum = make_forum(db).forum
    token = new_token()
    data = ParticipantCreate(display_name="สมศรี", sector=Sector.COMMUNITY)
    joined, errors = race(
        db,
        lambda session: saved_id(
            join_forum(session=session, code=forum.code, token=token, data=data, consent=True).participant
        ),
    )
    assert errors == []
    assert len(set(joined)) == 1 and len(joined) == RACERS
    assert rows(db, Participant, Participant.forum_id == saved_id(forum)) == 1


def test_two_tabs_tying_one_path_at_once_store_it_once(db: Engine) -> None:
    """The same path tied from two tabs at once: one tie, returned to both."""
    forum = make_forum(db).forum
    forum_id = saved_id(forum)
    person = join(db, forum.code).participant
    root = saved_id(post(db, person, "ไม่มีรถไปหาหมอ", ContributionKind.ROOT_CAUSE))
    benefit = saved_id(post(db, person, "รถรับส่งผู้ป่วย", ContributionKind.BENEFIT))
    before = revision(db, forum_id)
    made, errors = race(
        db,
        lambda session: saved_id(
            tie(session=session, forum_id=forum_id, root_id=root, fund_id=None, benefit_id=benefit)
        ),
    )
    assert errors == []
    assert len(set(made)) == 1
    assert rows(db, TreeTie, TreeTie.forum_id == forum_id) == 1
    assert revision(db, forum_id) == before + 1


def test_a_repeated_creation_key_makes_one_action_item(db: Engine) -> None:
    """ "Add" sent several times at once with the key of one form: one item, returned to every send."""
    forum_id = saved_id(make_forum(db).forum)
    key = new_token()
    made, errors = race(
        db,
        lambda session: saved_id(
            create_action_item(session=session, forum_id=forum_id, data=item_data("รถรับส่ง"), creation_key=key)
        ),
    )
    assert errors == []
    assert len(set(made)) == 1
    assert rows(db, ActionItem, ActionItem.forum_id == forum_id) == 1


def test_a_repeated_creation_key_makes_one_forum(db: Engine) -> None:
    """ "Create forum" sent several times at once: one forum, and every send gets its facilitator key."""
    key = new_token()
    data = ForumCreate(title="เวทีกดซ้ำ", forum_date="2027-02-18", **SILA)  # type: ignore[arg-type]
    made, errors = race(db, lambda session: create_forum(session=session, data=data, creation_key=key))
    assert errors == []
    assert len({saved_id(created.forum) for created in made}) == 1
    assert {created.facilitator_token for created in made} == {key}
    assert rows(db, Forum, Forum.title == "เวทีกดซ้ำ") == 1


def test_saves_drawn_from_one_version_let_exactly_one_win(db: Engine) -> None:
    """Tabs saving edits of the same version at once: one is saved, every other is refused as stale."""
    forum_id = saved_id(make_forum(db).forum)
    item_id = saved_id(make_item(db, forum_id))
    counter = iter(range(RACERS))
    lock = threading.Lock()

    def save(session: Any) -> int:
        with lock:
            budget = 1000 * (next(counter) + 1)
        data = ActionItemCreate(activity="x", budget_baht=budget)
        saved = update_action_item(
            session=session, forum_id=forum_id, item_id=item_id, seen=1, data=data, changed=["budget_baht"]
        )
        return saved.budget_baht

    saved, errors = race(db, save)
    assert len(saved) == 1
    assert len(errors) == RACERS - 1 and all(isinstance(error, StaleEdit) for error in errors)
    with read_session(db) as session:
        stored = session.get(ActionItem, item_id)
    assert stored is not None and (stored.budget_baht, stored.version) == (saved[0], 2)
