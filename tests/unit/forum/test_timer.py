"""The stage timer: exact countdown on a fake clock, version-guarded buttons, and the stage never moved by it."""

import math
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import (
    ForumClosed,
    InvalidTimerMinutes,
    StaleEdit,
    TimerMoved,
    TimerNotPaused,
    TimerNotRunning,
    TimerNotStarted,
    TimerStateError,
)
from facilitation.forum.forums import pulse
from facilitation.forum.timer import (
    MAX_MINUTES,
    TimerStatus,
    TimerView,
    add_time,
    pause_timer,
    resume_timer,
    start_timer,
    stop_timer,
    timer_view,
)
from facilitation.live.changes import Topic, counters
from models import Forum, Stage, StageTimer, saved_id
from tests.factories import make_forum
from tests.unit.helpers import count, move

T0 = datetime(2027, 2, 18, 9, 0, tzinfo=UTC)
RUNNING, PAUSED, STOPPED = TimerStatus.RUNNING, TimerStatus.PAUSED, TimerStatus.STOPPED


def at(seconds: float) -> datetime:
    """The fake clock, `seconds` after T0."""
    return T0 + timedelta(seconds=seconds)


def press(engine: Engine, service: Callable[..., TimerView], forum_id: int, **arguments: Any) -> TimerView:
    """One button: one transaction."""
    with write_session(engine) as session:
        return service(session=session, forum_id=forum_id, **arguments)


def look(engine: Engine, forum_id: int, now: datetime) -> TimerView:
    with read_session(engine) as session:
        return timer_view(session=session, forum_id=forum_id, now=now)


def read_counters(engine: Engine, forum_id: int) -> dict[str, int]:
    with read_session(engine) as session:
        return counters(session=session, forum_ids=[forum_id])[forum_id]


@pytest.fixture
def forum_id(engine: Engine) -> int:
    return saved_id(make_forum(engine).forum)


def test_a_forum_that_never_had_a_timer_reads_stopped_at_version_0(engine: Engine, forum_id: int) -> None:
    assert look(engine, forum_id, T0) == TimerView(STOPPED, 0, None, 0, 0, False)
    assert count(engine, StageTimer) == 0


def test_a_started_timer_counts_down_to_zero_and_says_time_is_up_from_then_on(engine: Engine, forum_id: int) -> None:
    started = press(engine, start_timer, forum_id, minutes=5, version=0, now=T0)
    assert started == TimerView(RUNNING, 1, at(300), 300, 300, False)
    # Seconds left are rounded up: the screen shows 0 exactly when time is up.
    assert [look(engine, forum_id, at(s)).remaining_seconds for s in (0, 0.4, 90, 90.4, 299, 299.999)] == [
        300, 300, 210, 210, 1, 1,
    ]  # fmt: skip
    assert not look(engine, forum_id, at(299.999)).overrun
    at_zero, later = look(engine, forum_id, at(300)), look(engine, forum_id, at(3600))
    assert (at_zero.remaining_seconds, at_zero.overrun, at_zero.status) == (0, True, RUNNING)
    assert (later.remaining_seconds, later.overrun, later.ends_at) == (0, True, at(300))
    assert later.version == 1  # reaching zero wrote nothing


def test_minutes_may_be_a_fraction(engine: Engine, forum_id: int) -> None:
    assert press(engine, start_timer, forum_id, minutes=1.5, version=0, now=T0).ends_at == at(90)
    assert press(engine, start_timer, forum_id, minutes=0.001, version=1, now=T0).total_seconds == 1  # never 0 s


def test_a_pause_freezes_what_is_left_and_a_resume_runs_it_from_then(engine: Engine, forum_id: int) -> None:
    press(engine, start_timer, forum_id, minutes=5, version=0, now=T0)
    paused = press(engine, pause_timer, forum_id, version=1, now=at(100))
    assert paused == TimerView(PAUSED, 2, None, 200, 300, False)
    assert look(engine, forum_id, at(5000)) == paused  # frozen however long the pause

    resumed = press(engine, resume_timer, forum_id, version=2, now=at(1000))
    assert resumed == TimerView(RUNNING, 3, at(1200), 200, 300, False)
    assert look(engine, forum_id, at(1150)).remaining_seconds == 50
    assert look(engine, forum_id, at(1200)).overrun


def test_a_pause_within_a_second_keeps_the_part_second(engine: Engine, forum_id: int) -> None:
    """What is left is kept in whole seconds, rounded up: a pause never takes time away."""
    press(engine, start_timer, forum_id, minutes=1, version=0, now=T0)
    assert press(engine, pause_timer, forum_id, version=1, now=at(10.25)).remaining_seconds == 50


def test_a_pause_past_zero_keeps_nothing_and_a_resume_is_up_at_once(engine: Engine, forum_id: int) -> None:
    press(engine, start_timer, forum_id, minutes=1, version=0, now=T0)
    assert press(engine, pause_timer, forum_id, version=1, now=at(75)).remaining_seconds == 0
    resumed = press(engine, resume_timer, forum_id, version=2, now=at(80))
    assert (resumed.ends_at, resumed.remaining_seconds, resumed.overrun) == (at(80), 0, True)


def test_more_time_moves_the_end_of_a_running_timer(engine: Engine, forum_id: int) -> None:
    press(engine, start_timer, forum_id, minutes=5, version=0, now=T0)
    more = press(engine, add_time, forum_id, minutes=2, version=1, now=at(60))
    assert more == TimerView(RUNNING, 2, at(420), 360, 420, False)


def test_more_time_past_zero_counts_from_now(engine: Engine, forum_id: int) -> None:
    """Time was up 30 s ago: two more minutes are two minutes from now, not 90 s."""
    press(engine, start_timer, forum_id, minutes=1, version=0, now=T0)
    assert look(engine, forum_id, at(90)).overrun
    more = press(engine, add_time, forum_id, minutes=2, version=1, now=at(90))
    assert more == TimerView(RUNNING, 2, at(210), 120, 180, False)


def test_more_time_for_a_paused_timer_is_added_to_what_it_has_left(engine: Engine, forum_id: int) -> None:
    press(engine, start_timer, forum_id, minutes=5, version=0, now=T0)
    press(engine, pause_timer, forum_id, version=1, now=at(100))
    more = press(engine, add_time, forum_id, minutes=1, version=2, now=at(500))
    assert more == TimerView(PAUSED, 3, None, 260, 360, False)
    assert press(engine, resume_timer, forum_id, version=3, now=at(600)).ends_at == at(860)


@pytest.mark.parametrize("status", [RUNNING, PAUSED, STOPPED])
def test_a_start_runs_afresh_from_any_status(engine: Engine, forum_id: int, status: TimerStatus) -> None:
    press(engine, start_timer, forum_id, minutes=5, version=0, now=T0)
    press(engine, add_time, forum_id, minutes=3, version=1, now=at(10))
    if status == PAUSED:
        press(engine, pause_timer, forum_id, version=2, now=at(20))
    if status == STOPPED:
        press(engine, stop_timer, forum_id, version=2, now=at(20))
    version = 2 if status == RUNNING else 3
    assert look(engine, forum_id, at(30)).status == status
    again = press(engine, start_timer, forum_id, minutes=10, version=version, now=at(30))
    assert again == TimerView(RUNNING, version + 1, at(630), 600, 600, False)


@pytest.mark.parametrize("status", [RUNNING, PAUSED])
def test_a_stop_ends_the_countdown_from_any_status(engine: Engine, forum_id: int, status: TimerStatus) -> None:
    press(engine, start_timer, forum_id, minutes=5, version=0, now=T0)
    if status == PAUSED:
        press(engine, pause_timer, forum_id, version=1, now=at(20))
    version = 1 if status == RUNNING else 2
    stopped = press(engine, stop_timer, forum_id, version=version, now=at(30))
    assert stopped == TimerView(STOPPED, version + 1, None, 0, 300, False)  # the length of the last run stays
    assert look(engine, forum_id, at(600)) == stopped  # no time is up for a stopped timer


def test_a_stop_of_a_stopped_timer_writes_nothing(engine: Engine, forum_id: int) -> None:
    before = read_counters(engine, forum_id)
    assert press(engine, stop_timer, forum_id, version=0, now=T0) == TimerView(STOPPED, 0, None, 0, 0, False)
    assert count(engine, StageTimer) == 0
    press(engine, start_timer, forum_id, minutes=5, version=0, now=T0)
    press(engine, stop_timer, forum_id, version=1, now=at(1))
    assert press(engine, stop_timer, forum_id, version=2, now=at(2)).version == 2
    assert read_counters(engine, forum_id)["timer"] == before["timer"] + 2


# The console's buttons: (service, extra arguments, what the timer must be doing for it to fit).
BUTTONS: dict[str, tuple[Callable[..., TimerView], dict[str, Any], TimerStatus | None]] = {
    "start": (start_timer, {"minutes": 5}, None),
    "pause": (pause_timer, {}, RUNNING),
    "resume": (resume_timer, {}, PAUSED),
    "add time": (add_time, {"minutes": 1}, RUNNING),
    "stop": (stop_timer, {}, RUNNING),
}


def _ready(engine: Engine, forum_id: int, status: TimerStatus | None) -> int:
    """Bring a new forum's timer to `status` (None: never started); its version."""
    if status is None:
        return 0
    press(engine, start_timer, forum_id, minutes=5, version=0, now=T0)
    if status == PAUSED:
        press(engine, pause_timer, forum_id, version=1, now=T0)
        return 2
    return 1


@pytest.mark.parametrize("button", BUTTONS)
def test_a_double_tap_acts_once_and_the_second_tap_is_told_it_already_happened(
    engine: Engine, forum_id: int, button: str
) -> None:
    """Both taps carry the version the button was drawn from: the second is refused with the timer as it is now."""
    service, arguments, status = BUTTONS[button]
    version = _ready(engine, forum_id, status)
    first = press(engine, service, forum_id, version=version, now=at(60), **arguments)
    before = read_counters(engine, forum_id)

    with pytest.raises(StaleEdit) as refused:
        press(engine, service, forum_id, version=version, now=at(61), **arguments)

    assert isinstance(refused.value, TimerMoved)
    current = refused.value.current
    assert isinstance(current, TimerView)
    # The page compares: the timer is already at the status this button leads to.
    assert (current.status, current.version) == (first.status, first.version) == (first.status, version + 1)
    assert look(engine, forum_id, at(61)).version == first.version  # nothing changed
    assert read_counters(engine, forum_id) == before
    assert refused.value.message("en").startswith("The timer had already changed before this press")
    assert "กดซ้ำ" in refused.value.message("th")


def test_a_tab_drawn_before_another_pressed_is_refused(engine: Engine, forum_id: int) -> None:
    """Tabs A and B show the timer running at version 1; B pauses; A's stop is refused, the timer stays paused."""
    press(engine, start_timer, forum_id, minutes=5, version=0, now=T0)
    press(engine, pause_timer, forum_id, version=1, now=at(30))  # tab B
    with pytest.raises(StaleEdit) as refused:
        press(engine, stop_timer, forum_id, version=1, now=at(40))  # tab A
    assert refused.value.current == TimerView(PAUSED, 2, None, 270, 300, False)
    assert look(engine, forum_id, at(40)).status == PAUSED


def test_a_first_start_is_refused_once_the_forum_has_a_timer_and_any_other_version_before(
    engine: Engine, forum_id: int
) -> None:
    with pytest.raises(StaleEdit) as never_started:
        press(engine, pause_timer, forum_id, version=3, now=T0)
    assert never_started.value.current == TimerView(STOPPED, 0, None, 0, 0, False)
    press(engine, start_timer, forum_id, minutes=5, version=0, now=T0)
    press(engine, stop_timer, forum_id, version=1, now=at(5))
    with pytest.raises(StaleEdit):  # a console drawn before the first start, pressed after a stop
        press(engine, start_timer, forum_id, minutes=5, version=0, now=at(10))
    assert look(engine, forum_id, at(10)).status == STOPPED


WRONG: list[tuple[str, TimerStatus | None, type[TimerStateError], str]] = [
    ("pause", None, TimerNotRunning, "The timer is not running, so it cannot be paused."),
    ("pause", PAUSED, TimerNotRunning, "The timer is not running, so it cannot be paused."),
    ("pause", STOPPED, TimerNotRunning, "The timer is not running, so it cannot be paused."),
    ("resume", None, TimerNotPaused, "The timer is not paused, so it cannot be resumed."),
    ("resume", RUNNING, TimerNotPaused, "The timer is not paused, so it cannot be resumed."),
    ("resume", STOPPED, TimerNotPaused, "The timer is not paused, so it cannot be resumed."),
    ("add time", None, TimerNotStarted, "The timer is not started, so no time can be added; start it first."),
    ("add time", STOPPED, TimerNotStarted, "The timer is not started, so no time can be added; start it first."),
]


@pytest.mark.parametrize(("button", "status", "refusal", "english"), WRONG)
def test_a_button_that_does_not_fit_the_status_is_refused_and_writes_nothing(
    engine: Engine,
    forum_id: int,
    button: str,
    status: TimerStatus | None,
    refusal: type[TimerStateError],
    english: str,
) -> None:
    version = 0
    if status is not None:
        version = _ready(engine, forum_id, PAUSED if status == PAUSED else RUNNING)
    if status == STOPPED:
        version = press(engine, stop_timer, forum_id, version=version, now=T0).version
    service, arguments, _ = BUTTONS[button]
    before, counted = look(engine, forum_id, at(5)), read_counters(engine, forum_id)

    with pytest.raises(refusal) as refused:
        press(engine, service, forum_id, version=version, now=at(5), **arguments)

    assert refused.value.message("en") == english
    assert refused.value.message("th").startswith(("ตัวจับเวลาไม่ได้", "ยังไม่ได้เริ่มจับเวลา"))
    assert look(engine, forum_id, at(5)) == before
    assert read_counters(engine, forum_id) == counted


@pytest.mark.parametrize("minutes", [0, -1, -0.5, 180.01, 181, 10_000, math.nan, math.inf, -math.inf])
@pytest.mark.parametrize("button", ["start", "add time"])
def test_minutes_outside_a_forum_session_are_refused(
    engine: Engine, forum_id: int, button: str, minutes: float
) -> None:
    version = _ready(engine, forum_id, RUNNING) if button == "add time" else 0
    service = BUTTONS[button][0]
    with pytest.raises(InvalidTimerMinutes) as refused:
        press(engine, service, forum_id, minutes=minutes, version=version, now=at(1))
    assert look(engine, forum_id, at(1)).version == version
    assert f"{MAX_MINUTES}" in refused.value.message("en") and f"{MAX_MINUTES}" in refused.value.message("th")


def test_the_minutes_message_says_what_was_typed() -> None:
    refused = InvalidTimerMinutes(minutes=200, limit=MAX_MINUTES)
    assert refused.message("en") == "A timer must be more than 0 and at most 180 minutes (it says 200)."
    assert refused.message("th") == "เวลาที่จับต้องมากกว่า 0 และไม่เกิน 180 นาที (กรอกไว้ 200)"


def test_the_longest_timer_is_a_forum_session(engine: Engine, forum_id: int) -> None:
    started = press(engine, start_timer, forum_id, minutes=MAX_MINUTES, version=0, now=T0)
    assert started.total_seconds == MAX_MINUTES * 60
    assert press(engine, add_time, forum_id, minutes=MAX_MINUTES, version=1, now=T0).remaining_seconds == 2 * 10_800


@pytest.mark.parametrize("button", BUTTONS)
def test_a_closed_forum_refuses_every_button_and_writes_nothing(engine: Engine, button: str) -> None:
    created = make_forum(engine)
    forum_id = saved_id(created.forum)
    service, arguments, status = BUTTONS[button]
    version = _ready(engine, forum_id, status)
    move(engine, created.forum, Stage.CLOSED)
    before, counted = count(engine, StageTimer), read_counters(engine, forum_id)

    with pytest.raises(ForumClosed):
        press(engine, service, forum_id, version=version, now=at(5), **arguments)

    assert (count(engine, StageTimer), read_counters(engine, forum_id)) == (before, counted)


def test_a_closed_forum_shows_no_timer_and_shows_it_again_when_reopened(engine: Engine) -> None:
    """A countdown left running when the forum closed would say "time is up" with no button left to stop it."""
    created = make_forum(engine)
    forum_id = saved_id(created.forum)
    press(engine, start_timer, forum_id, minutes=5, version=0, now=T0)
    move(engine, created.forum, Stage.CLOSED)
    assert look(engine, forum_id, at(600)) == TimerView(STOPPED, 1, None, 0, 300, False)
    move(engine, created.forum, Stage.ACT)
    assert look(engine, forum_id, at(600)) == TimerView(RUNNING, 1, at(300), 0, 300, True)


# Every button once, in an order that fits: (service, arguments, seconds after T0).
EVERY_BUTTON: list[tuple[Callable[..., TimerView], dict[str, Any], float]] = [
    (start_timer, {"minutes": 1, "version": 0}, 0),
    (pause_timer, {"version": 1}, 10),
    (add_time, {"minutes": 1, "version": 2}, 20),
    (resume_timer, {"version": 3}, 30),
    (stop_timer, {"version": 4}, 40),
    (start_timer, {"minutes": 1, "version": 5}, 50),
]


def test_each_button_moves_the_timer_topic_and_not_the_stage(engine: Engine, forum_id: int) -> None:
    """The screens that show the countdown redraw; a hall of phones following only the stage does not."""
    for service, arguments, seconds in EVERY_BUTTON:
        before = read_counters(engine, forum_id)
        press(engine, service, forum_id, now=at(seconds), **arguments)
        after = read_counters(engine, forum_id)
        assert {topic for topic in after if after[topic] != before[topic]} == {Topic.TIMER}, service.__name__
        assert after["timer"] == before["timer"] + 1


@pytest.mark.parametrize("stage", [Stage.SHARE, Stage.PLAN, Stage.ACT])
def test_the_stage_stays_when_time_runs_out_and_after_every_button(engine: Engine, stage: Stage) -> None:
    created = make_forum(engine)
    forum_id = saved_id(created.forum)
    move(engine, created.forum, stage)
    with read_session(engine) as session:
        before = pulse(session=session, forum_id=forum_id)
    stage_counter = read_counters(engine, forum_id)["stage"]

    views = [
        press(engine, service, forum_id, now=at(seconds), **arguments) for service, arguments, seconds in EVERY_BUTTON
    ]
    assert [view.status for view in views] == [RUNNING, PAUSED, PAUSED, RUNNING, STOPPED, RUNNING]
    assert look(engine, forum_id, at(50 + 3600)).overrun  # an hour past zero

    with read_session(engine) as session:
        assert pulse(session=session, forum_id=forum_id) == before  # same stage, same phone revision
        stored = session.get(Forum, forum_id)
        assert stored is not None and stored.stage == stage
    assert read_counters(engine, forum_id)["stage"] == stage_counter


def test_views_default_to_the_current_time(engine: Engine, forum_id: int) -> None:
    started = press(engine, start_timer, forum_id, minutes=5, version=0)
    assert started.ends_at is not None
    left = (started.ends_at - datetime.now(UTC)).total_seconds()
    assert 295 < left <= 300
    with read_session(engine) as session:
        assert 295 <= timer_view(session=session, forum_id=forum_id).remaining_seconds <= 300


def test_a_naive_clock_is_refused(engine: Engine, forum_id: int) -> None:
    with pytest.raises(ValueError, match="naive"), read_session(engine) as session:
        timer_view(session=session, forum_id=forum_id, now=datetime(2027, 2, 18, 9, 0))


def test_the_timer_is_the_forums_own(engine: Engine) -> None:
    first, second = (saved_id(make_forum(engine).forum) for _ in range(2))
    press(engine, start_timer, first, minutes=5, version=0, now=T0)
    assert look(engine, second, T0).version == 0
    press(engine, start_timer, second, minutes=1, version=0, now=T0)
    assert (look(engine, first, T0).total_seconds, look(engine, second, T0).total_seconds) == (300, 60)


THREADS = 8


def _at_once(work: Callable[[Session], TimerView], engine: Engine) -> tuple[list[TimerView], list[BaseException]]:
    """`work` in THREADS threads released together, each in its own transaction: what won, what was refused."""
    barrier = threading.Barrier(THREADS)
    won: list[TimerView] = []
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


def test_first_starts_at_once_start_one_timer(db: Engine) -> None:
    """Consoles pressing Start on a forum's first timer at the same moment: one wins, every other is told it moved."""
    forum_id = saved_id(make_forum(db).forum)
    won, refused = _at_once(
        lambda session: start_timer(session=session, forum_id=forum_id, minutes=5, version=0, now=T0), db
    )
    assert len(won) == 1 and won[0].version == 1
    assert len(refused) == THREADS - 1
    assert all(isinstance(error, TimerMoved) and error.current == won[0] for error in refused), refused
    assert look(db, forum_id, T0) == won[0]
    assert read_counters(db, forum_id)["timer"] == 1


def test_pauses_at_once_pause_once(db: Engine) -> None:
    """The same on an existing row: one compare-and-set wins."""
    forum_id = saved_id(make_forum(db).forum)
    press(db, start_timer, forum_id, minutes=5, version=0, now=T0)
    won, refused = _at_once(lambda session: pause_timer(session=session, forum_id=forum_id, version=1, now=at(60)), db)
    assert [view.version for view in won] == [2]
    assert len(refused) == THREADS - 1 and all(isinstance(error, TimerMoved) for error in refused), refused
    assert look(db, forum_id, at(60)) == TimerView(PAUSED, 2, None, 240, 300, False)
