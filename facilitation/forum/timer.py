"""The stage timer: the facilitator starts a countdown, the projector and phones show it.

One row per forum (`StageTimer`), made by the first start. Nothing ticks in the
database: a running timer stores the moment it reaches zero and every screen counts
down to it by itself. Reaching zero writes nothing and moves nothing: the view says
`overrun` and the projector signals it; the stage stays where the facilitator put it.

Each button carries the timer's version it was drawn from. A second tap, or a tab
drawn before another pressed, carries an older one and is refused with TimerMoved
(a StaleEdit carrying the timer as it is now), so nothing happens twice.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from facilitation.core.db import insert_once
from facilitation.core.errors import (
    ForumNotFound,
    InvalidTimerMinutes,
    TimerMoved,
    TimerNotPaused,
    TimerNotRunning,
    TimerNotStarted,
)
from facilitation.forum.policy import Action, require
from facilitation.live.changes import Topic, bump
from models import Forum, Stage, StageTimer, TimerStatus, utcnow

__all__ = [
    "MAX_MINUTES",
    "TimerStatus",
    "TimerView",
    "add_time",
    "pause_timer",
    "resume_timer",
    "start_timer",
    "stop_timer",
    "timer_view",
]

MAX_MINUTES = 180  # a forum session; a longer timer is a typing slip
_SECOND = timedelta(seconds=1)


@dataclass(frozen=True)
class TimerView:
    """The timer as a screen draws it at one moment."""

    status: TimerStatus
    version: int  # the row's version; 0 when the forum never had a timer
    ends_at: datetime | None  # UTC, when RUNNING
    remaining_seconds: int  # RUNNING: left at that moment, rounded up, never below 0; PAUSED: frozen; STOPPED: 0
    total_seconds: int  # the length it was started with plus time added (STOPPED: of the last run)
    overrun: bool  # RUNNING and the moment is at or past `ends_at`: "time is up"


def _clock(now: datetime | None) -> datetime:
    if now is None:
        return utcnow()
    if now.tzinfo is None:
        raise ValueError("naive datetime; use models.utcnow()")
    return now


def _seconds(minutes: float) -> int:
    # `not (…)` also refuses NaN, which compares false with everything.
    if not 0 < minutes <= MAX_MINUTES:
        raise InvalidTimerMinutes(minutes=minutes, limit=MAX_MINUTES)
    return max(1, round(minutes * 60))


def _left(ends_at: datetime, now: datetime) -> int:
    # Whole seconds, rounded up: a screen shows 0 exactly when time is up.
    return max(0, -((now - ends_at) // _SECOND))


def _view(row: StageTimer | None, now: datetime) -> TimerView:
    if row is None:
        return TimerView(TimerStatus.STOPPED, 0, None, 0, 0, False)
    status = TimerStatus(row.status)
    if status == TimerStatus.RUNNING and row.ends_at is not None:
        ends_at = row.ends_at
        return TimerView(status, row.version, ends_at, _left(ends_at, now), row.total_seconds, now >= ends_at)
    if status == TimerStatus.PAUSED:
        return TimerView(status, row.version, None, row.remaining_seconds, row.total_seconds, False)
    return TimerView(TimerStatus.STOPPED, row.version, None, 0, row.total_seconds, False)


def timer_view(*, session: Session, forum_id: int, now: datetime | None = None) -> TimerView:
    """The forum's timer at `now` (default: the current time); a closed forum's timer reads as stopped."""
    now = _clock(now)
    found = session.exec(
        select(Forum.stage, StageTimer)
        .join(StageTimer, col(StageTimer.forum_id) == Forum.id, isouter=True)
        .where(Forum.id == forum_id)
    ).first()
    if found is None:
        raise ForumNotFound(id=forum_id)
    stage, row = found
    view = _view(row, now)
    if Stage(stage) == Stage.CLOSED:
        # Closing takes no input, so the timer's buttons are refused: a countdown left
        # running would say "time is up" on the wall with no way to stop it. Reopening
        # shows it again as it was.
        return TimerView(TimerStatus.STOPPED, view.version, None, 0, view.total_seconds, False)
    return view


def _current(session: Session, forum_id: int, version: int, now: datetime) -> StageTimer | None:
    """The timer row as it is now, after the stage check that locks the forum; refuses another version."""
    require(session=session, forum_id=forum_id, action=Action.RUN_TIMER)
    row = session.get(StageTimer, forum_id, populate_existing=True)
    # Before the status: a second tap on Pause is "already paused", not "not running".
    if version != (row.version if row is not None else 0):
        raise TimerMoved(current=_view(row, now))
    return row


def _save(session: Session, forum_id: int, seen: int, now: datetime, values: dict[str, Any]) -> TimerView:
    """Write `values` if the timer is still at version `seen` (compare-and-set in one UPDATE), and tell the screens."""
    result = session.execute(
        update(StageTimer)
        .where(col(StageTimer.forum_id) == forum_id, col(StageTimer.version) == seen)
        .values(**values, version=StageTimer.version + 1, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    row = session.get(StageTimer, forum_id, populate_existing=True)
    if result.rowcount == 0:  # type: ignore[attr-defined]
        raise TimerMoved(current=_view(row, now))
    # Its own topic, not STAGE: the screens that show the countdown redraw, a hall of
    # phones in another view does not.
    bump(session=session, forum_id=forum_id, topics=[Topic.TIMER])
    return _view(row, now)


def start_timer(
    *, session: Session, forum_id: int, minutes: float, version: int, now: datetime | None = None
) -> TimerView:
    """Run the timer for `minutes` from now, whatever it was doing (version 0: the forum's first timer)."""
    seconds, now = _seconds(minutes), _clock(now)
    row = _current(session, forum_id, version, now)
    values: dict[str, Any] = {
        "status": TimerStatus.RUNNING,
        "ends_at": now + seconds * _SECOND,
        "remaining_seconds": 0,
        "total_seconds": seconds,
    }
    if row is not None:
        return _save(session, forum_id, version, now, values)
    first = StageTimer(forum_id=forum_id, version=1, updated_at=now, **values)

    def found() -> StageTimer | None:
        return session.get(StageTimer, forum_id, populate_existing=True)

    # The forum lock serialises first starts; the primary key settles one it did not.
    row, created = insert_once(session, first, found)
    if not created:
        raise TimerMoved(current=_view(row, now))
    bump(session=session, forum_id=forum_id, topics=[Topic.TIMER])
    return _view(row, now)


def pause_timer(*, session: Session, forum_id: int, version: int, now: datetime | None = None) -> TimerView:
    """Freeze a running timer with what it has left (nothing, past zero)."""
    now = _clock(now)
    row = _current(session, forum_id, version, now)
    if row is None or row.status != TimerStatus.RUNNING or row.ends_at is None:
        raise TimerNotRunning(status=row.status if row is not None else TimerStatus.STOPPED)
    left = _left(row.ends_at, now)
    values = {"status": TimerStatus.PAUSED, "ends_at": None, "remaining_seconds": left}
    return _save(session, forum_id, version, now, values)


def resume_timer(*, session: Session, forum_id: int, version: int, now: datetime | None = None) -> TimerView:
    """Run a paused timer again for what it had left."""
    now = _clock(now)
    row = _current(session, forum_id, version, now)
    if row is None or row.status != TimerStatus.PAUSED:
        raise TimerNotPaused(status=row.status if row is not None else TimerStatus.STOPPED)
    values = {"status": TimerStatus.RUNNING, "ends_at": now + row.remaining_seconds * _SECOND, "remaining_seconds": 0}
    return _save(session, forum_id, version, now, values)


def add_time(
    *, session: Session, forum_id: int, minutes: float, version: int, now: datetime | None = None
) -> TimerView:
    """Give a running or paused timer `minutes` more; past zero they count from now."""
    seconds, now = _seconds(minutes), _clock(now)
    row = _current(session, forum_id, version, now)
    if row is None or row.status == TimerStatus.STOPPED:
        raise TimerNotStarted(status=TimerStatus.STOPPED)
    values: dict[str, Any] = {"total_seconds": row.total_seconds + seconds}
    if row.status == TimerStatus.PAUSED:
        values["remaining_seconds"] = row.remaining_seconds + seconds
    else:
        assert row.ends_at is not None  # a running timer always has an end
        values["ends_at"] = max(row.ends_at, now) + seconds * _SECOND
    return _save(session, forum_id, version, now, values)


def stop_timer(*, session: Session, forum_id: int, version: int, now: datetime | None = None) -> TimerView:
    """Stop the timer, whatever it was doing; the screens stop showing it. The stage stays as it is."""
    now = _clock(now)
    row = _current(session, forum_id, version, now)
    if row is None or row.status == TimerStatus.STOPPED:
        return _view(row, now)  # nothing to stop: no write, no redraw
    values = {"status": TimerStatus.STOPPED, "ends_at": None, "remaining_seconds": 0}
    return _save(session, forum_id, version, now, values)
