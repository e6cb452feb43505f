"""Write first, then reveal: new forums hold posts until revealed; version-guarded buttons, the record, counters."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import ForumClosed, NothingToReveal, RevealMoved, StaleEdit
from facilitation.forum.feed import latest_feed
from facilitation.forum.reveal import (
    RevealView,
    StageRevealView,
    hide_stage,
    reveal_events,
    reveal_stage,
    reveal_view,
    set_reveal_settings,
)
from facilitation.live.changes import Topic, counters
from models import RevealEvent, RevealEventKind, Stage, StageReveal, saved_id
from tests.factories import join, make_forum, post
from tests.unit.helpers import count, move

SHARE, PLAN = Stage.SHARE, Stage.PLAN


def press(engine: Engine, service: Callable[..., StageRevealView], forum_id: int, **arguments: Any) -> StageRevealView:
    """One button: one transaction."""
    with write_session(engine) as session:
        return service(session=session, forum_id=forum_id, **arguments)


def look(engine: Engine, forum_id: int) -> RevealView:
    with read_session(engine) as session:
        return reveal_view(session=session, forum_id=forum_id)


def read_counters(engine: Engine, forum_id: int) -> dict[str, int]:
    with read_session(engine) as session:
        return counters(session=session, forum_ids=[forum_id])[forum_id]


@pytest.fixture
def forum_id(engine: Engine) -> int:
    return saved_id(make_forum(engine).forum)


def test_a_new_forum_holds_posts_on_the_projector_and_phones_see_none(engine: Engine, forum_id: int) -> None:
    view = look(engine, forum_id)
    for stage in (SHARE, PLAN):
        assert view.stages[stage] == StageRevealView(stage, 0, True, False, False, None)
        assert not view.projector_posts(stage) and not view.phone_posts(stage)
    # Act and Closed show the plan, not posts: nothing to reveal there.
    assert not view.projector_posts(Stage.ACT) and not view.phone_posts(Stage.CLOSED)
    assert count(engine, StageReveal) == 0


def test_reveal_shows_the_stage_records_who_and_when_and_hide_puts_it_back(engine: Engine, forum_id: int) -> None:
    revealed = press(engine, reveal_stage, forum_id, stage=SHARE, version=0)
    assert (revealed.version, revealed.revealed, revealed.projector_posts) == (1, True, True)
    assert revealed.revealed_at is not None
    assert look(engine, forum_id).projector_posts(SHARE)
    assert not look(engine, forum_id).projector_posts(PLAN)  # each stage is revealed on its own

    hidden = press(engine, hide_stage, forum_id, stage=SHARE, version=1)
    assert (hidden.version, hidden.revealed, hidden.projector_posts) == (2, False, False)
    with read_session(engine) as session:
        record = reveal_events(session=session, forum_id=forum_id)
    assert [(e.stage, e.kind, e.by_role) for e in record] == [
        (SHARE, RevealEventKind.REVEALED, "facilitator"),
        (SHARE, RevealEventKind.HIDDEN, "facilitator"),
    ]
    assert record[0].at == revealed.revealed_at


def test_a_double_tap_reveals_once_and_the_second_tap_is_told_it_already_happened(
    engine: Engine, forum_id: int
) -> None:
    first = press(engine, reveal_stage, forum_id, stage=SHARE, version=0)
    before = read_counters(engine, forum_id)
    with pytest.raises(RevealMoved) as caught:
        press(engine, reveal_stage, forum_id, stage=SHARE, version=0)  # drawn from the same screen
    assert isinstance(caught.value, StaleEdit)
    assert caught.value.current == first
    assert count(engine, RevealEvent) == 1
    assert read_counters(engine, forum_id) == before


def test_a_reveal_of_the_current_version_of_a_revealed_stage_changes_nothing(engine: Engine, forum_id: int) -> None:
    press(engine, reveal_stage, forum_id, stage=SHARE, version=0)
    before = read_counters(engine, forum_id)
    again = press(engine, reveal_stage, forum_id, stage=SHARE, version=1)
    assert (again.version, again.revealed) == (1, True)
    assert count(engine, RevealEvent) == 1 and read_counters(engine, forum_id) == before


def test_a_stale_tab_cannot_undo_a_reveal_it_did_not_see(engine: Engine, forum_id: int) -> None:
    """Two consoles drawn at version 0: the first reveals; the second's Save or Reveal is refused with the state now."""
    seen_by_both = look(engine, forum_id).stages[SHARE].version
    revealed = press(engine, reveal_stage, forum_id, stage=SHARE, version=seen_by_both)
    with pytest.raises(RevealMoved) as caught:
        press(
            engine, set_reveal_settings, forum_id, stage=SHARE, version=seen_by_both,
            hold_until_revealed=True, phones_show_posts=False,
        )  # fmt: skip
    assert caught.value.current == revealed
    with pytest.raises(RevealMoved):
        press(engine, hide_stage, forum_id, stage=SHARE, version=seen_by_both)
    assert look(engine, forum_id).stages[SHARE] == revealed


def test_settings_choose_live_posts_and_phones(engine: Engine, forum_id: int) -> None:
    live = press(
        engine, set_reveal_settings, forum_id, stage=PLAN, version=0, hold_until_revealed=False, phones_show_posts=True
    )
    view = look(engine, forum_id)
    assert live.version == 1 and view.projector_posts(PLAN) and view.phone_posts(PLAN)
    assert view.phones_may_show(PLAN) and not view.phones_may_show(SHARE)
    # Phones show others' posts only when the projector does: held again, neither does.
    press(
        engine, set_reveal_settings, forum_id, stage=PLAN, version=1, hold_until_revealed=True, phones_show_posts=True
    )
    view = look(engine, forum_id)
    assert not view.projector_posts(PLAN) and not view.phone_posts(PLAN) and view.phones_may_show(PLAN)
    assert count(engine, RevealEvent) == 0  # settings are not reveals


def test_each_write_moves_the_reveal_topic_and_phones_only_when_their_setting_changes(
    engine: Engine, forum_id: int
) -> None:
    def moved(action: Callable[[], object]) -> set[str]:
        before = read_counters(engine, forum_id)
        action()
        after = read_counters(engine, forum_id)
        return {topic for topic in after if after[topic] != before[topic]}

    assert moved(lambda: press(engine, reveal_stage, forum_id, stage=SHARE, version=0)) == {Topic.REVEAL}
    assert moved(lambda: press(engine, hide_stage, forum_id, stage=SHARE, version=1)) == {Topic.REVEAL}
    assert moved(
        lambda: press(
            engine, set_reveal_settings, forum_id, stage=SHARE, version=2, hold_until_revealed=False,
            phones_show_posts=False,
        )
    ) == {Topic.REVEAL}  # fmt: skip
    # Phones watch REVEAL only while they may show posts: turning that on reaches them through STAGE.
    assert moved(
        lambda: press(
            engine, set_reveal_settings, forum_id, stage=SHARE, version=3, hold_until_revealed=False,
            phones_show_posts=True,
        )
    ) == {Topic.REVEAL, Topic.STAGE}  # fmt: skip


@pytest.mark.parametrize("stage", [Stage.ACT, Stage.CLOSED])
def test_stages_without_posts_have_nothing_to_reveal(engine: Engine, forum_id: int, stage: Stage) -> None:
    with pytest.raises(NothingToReveal):
        press(engine, reveal_stage, forum_id, stage=stage, version=0)


def test_a_closed_forum_refuses_a_reveal_and_writes_nothing(engine: Engine) -> None:
    forum = make_forum(engine).forum
    move(engine, forum, Stage.CLOSED)
    with pytest.raises(ForumClosed):
        press(engine, reveal_stage, saved_id(forum), stage=SHARE, version=0)
    assert count(engine, StageReveal) == 0 and count(engine, RevealEvent) == 0


def test_the_setting_is_the_forums_own(engine: Engine) -> None:
    first, second = (saved_id(make_forum(engine).forum) for _ in range(2))
    press(engine, reveal_stage, first, stage=SHARE, version=0)
    assert look(engine, first).projector_posts(SHARE) and not look(engine, second).projector_posts(SHARE)


def test_a_phone_lists_others_posts_not_its_own(engine: Engine) -> None:
    forum = make_forum(engine).forum
    me, other = join(engine, forum.code), join(engine, forum.code, name="สมชาย")
    post(engine, me.participant, "ของฉันเอง")
    post(engine, other.participant, "ของคนอื่น")
    with read_session(engine) as session:
        feed = latest_feed(session=session, forum_id=saved_id(forum), per_kind=3, excluding=saved_id(me.participant))
    assert [item.text for item in feed.newest(10)] == ["ของคนอื่น"] and feed.total == 1


THREADS = 8


def _at_once(work: Callable[[Session], StageRevealView], engine: Engine) -> tuple[list[Any], list[BaseException]]:
    """`work` in THREADS threads released together, each in its own transaction: what won, what was refused."""
    barrier = threading.Barrier(THREADS)
    won: list[StageRevealView] = []
    refused: list[BaseException] = []

    def run() -> None:
        barrier.wait()
        try:
            with write_session(engine) as session:
                won.append(work(session))
        except BaseException as error:  # noqa: BLE001 - collected and asserted by the test
            refused.append(error)

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return won, refused


def test_first_reveals_at_once_reveal_once(db: Engine) -> None:
    """Consoles pressing Reveal all on a stage with no row yet, at the same moment: one wins, the others are told."""
    forum_id = saved_id(make_forum(db).forum)
    won, refused = _at_once(
        lambda session: reveal_stage(session=session, forum_id=forum_id, stage=SHARE, version=0), db
    )
    assert len(won) == 1 and won[0].version == 1
    assert len(refused) == THREADS - 1
    assert all(isinstance(error, RevealMoved) and error.current == won[0] for error in refused), refused
    with read_session(db) as session:
        assert len(reveal_events(session=session, forum_id=forum_id)) == 1
    assert read_counters(db, forum_id)["reveal"] == 1


def test_reveals_of_an_existing_row_at_once_reveal_once(db: Engine) -> None:
    """The same on an existing row (hidden again): one compare-and-set wins."""
    forum_id = saved_id(make_forum(db).forum)
    press(db, reveal_stage, forum_id, stage=PLAN, version=0)
    press(db, hide_stage, forum_id, stage=PLAN, version=1)
    won, refused = _at_once(lambda session: reveal_stage(session=session, forum_id=forum_id, stage=PLAN, version=2), db)
    assert [view.version for view in won] == [3]
    assert len(refused) == THREADS - 1 and all(isinstance(error, RevealMoved) for error in refused), refused
    with read_session(db) as session:
        assert len(reveal_events(session=session, forum_id=forum_id)) == 3
    assert read_counters(db, forum_id)["reveal"] == 3
