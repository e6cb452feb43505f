"""The stage timer's countdown, drawn on the projector, the phones and the console.

The browser counts down by itself (assets/timer/countdown.js) from the end time the
server gives it; the page redraws only when a timer button moved the timer.
"""

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import streamlit as st

from facilitation.forum.timer import (
    TimerStatus,
    TimerView,
    add_time,
    pause_timer,
    resume_timer,
    start_timer,
    stop_timer,
    timer_view,
)
from models import utcnow
from pages import ui

COUNTDOWN_JS = (Path(__file__).resolve().parent.parent / "assets" / "timer" / "countdown.js").read_text(
    encoding="utf-8"
)
# The wall's clock sits in the top right corner, out of the page's flow, so showing it
# never pushes the feed or the tree off a 1080-pixel screen; the phone's is in the flow.
COUNTDOWN_CSS = """
.countdown { font-variant-numeric: tabular-nums; font-weight: 700; color: #1b5e20; }
.countdown[hidden] { display: none; }
.countdown .countdown-note { font-weight: 600; margin-left: .6rem; }
.countdown.wall { position: fixed; top: 12px; right: 24px; z-index: 1000005; font-size: 3rem; line-height: 1.1;
  background: #fff; border: 3px solid #1b5e20; border-radius: .8rem; padding: .2rem 1.1rem;
  box-shadow: 0 2px 10px rgb(0 0 0 / 20%); }
.countdown.wall .countdown-note { font-size: 1.6rem; }
.countdown.phone { font-size: 1.6rem; }
.countdown.phone .countdown-note { font-size: 1.1rem; }
.countdown[data-status="paused"] { color: #6d4c41; border-color: #6d4c41; }
.countdown.up { color: #fff; background: #c62828; border-color: #c62828; padding: .2rem 1.1rem; border-radius: .8rem; }
.countdown.wall.up { animation: countdown-up 1s ease-in-out infinite alternate; }
@keyframes countdown-up { from { opacity: 1; } to { opacity: .55; } }
"""

_countdown = st.components.v2.component(
    "welfare_forum.countdown",
    html='<div class="countdown" hidden role="timer"><span class="countdown-time"></span>'
    '<span class="countdown-note" hidden></span></div>',
    css=COUNTDOWN_CSS,
    js=COUNTDOWN_JS,
)


def _epoch_ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def countdown(view: TimerView, *, size: str, key: str) -> None:
    """Draw the countdown (`size` "wall" or "phone"); nothing while the timer is stopped."""
    if view.status == TimerStatus.STOPPED:
        return
    _countdown(
        key=key,
        data={
            "status": str(view.status),
            "ends_at_ms": _epoch_ms(view.ends_at) if view.ends_at is not None else 0,
            "remaining_s": view.remaining_seconds,
            "server_now_ms": _epoch_ms(utcnow()),
            "size": size,
            "labels": {"up": ui.tr("timer_up"), "paused": ui.tr("timer_paused")},
        },
    )


# The buttons that add time, in minutes.
ADD_MINUTES = (1, 5)
DEFAULT_MINUTES = 10


def _run(action: Callable[[ui.Session], TimerView]) -> None:
    # A button drawn from an older version of the timer (another tab pressed first, or a
    # double tap) is refused: the screen redraws with the timer as it is.
    ui.act(action, slot="timer", stale=ui.tr("console_timer_stale"))


def _start(forum_id: int, version: int, key: str) -> None:
    minutes = float(st.session_state.get(f"{key}_minutes") or DEFAULT_MINUTES)
    _run(lambda session: start_timer(session=session, forum_id=forum_id, minutes=minutes, version=version))


def _pause(forum_id: int, version: int) -> None:
    _run(lambda session: pause_timer(session=session, forum_id=forum_id, version=version))


def _resume(forum_id: int, version: int) -> None:
    _run(lambda session: resume_timer(session=session, forum_id=forum_id, version=version))


def _add(forum_id: int, version: int, minutes: int) -> None:
    _run(lambda session: add_time(session=session, forum_id=forum_id, minutes=minutes, version=version))


def _stop(forum_id: int, version: int) -> None:
    _run(lambda session: stop_timer(session=session, forum_id=forum_id, version=version))


def controls(forum_id: int, *, enabled: bool, key: str = "console_timer") -> None:
    """The facilitator's timer: minutes and Start, then Pause or Resume, more time, Stop."""
    view = ui.read(lambda session: timer_view(session=session, forum_id=forum_id))
    version = view.version
    st.subheader(ui.tr("console_timer_heading"))
    ui.show_flash("timer")
    countdown(view, size="phone", key=f"{key}_clock")
    if not enabled:
        return
    # Keyed by the timer's version: a button is for the timer as it was drawn.
    if view.status == TimerStatus.STOPPED:
        minutes, start, _rest = st.columns([1, 1, 3], vertical_alignment="bottom")
        minutes.number_input(
            ui.tr("console_timer_minutes"), min_value=1, max_value=180, value=DEFAULT_MINUTES, step=1,
            key=f"{key}_minutes",
        )  # fmt: skip
        start.button(
            ui.tr("console_timer_start"), key=f"{key}_start_{version}", type="primary",
            on_click=_start, args=(forum_id, version, key), width="stretch",
        )  # fmt: skip
    else:
        columns = st.columns(2 + len(ADD_MINUTES))
        if view.status == TimerStatus.RUNNING:
            columns[0].button(
                ui.tr("console_timer_pause"), key=f"{key}_pause_{version}", on_click=_pause,
                args=(forum_id, version), width="stretch",
            )  # fmt: skip
        else:
            columns[0].button(
                ui.tr("console_timer_resume"), key=f"{key}_resume_{version}", type="primary", on_click=_resume,
                args=(forum_id, version), width="stretch",
            )  # fmt: skip
        for column, more in zip(columns[1:], ADD_MINUTES, strict=False):
            column.button(
                ui.tr("console_timer_add", minutes=more), key=f"{key}_add{more}_{version}", on_click=_add,
                args=(forum_id, version, more), width="stretch",
            )  # fmt: skip
        columns[-1].button(
            ui.tr("console_timer_stop"), key=f"{key}_stop_{version}", on_click=_stop,
            args=(forum_id, version), width="stretch",
        )  # fmt: skip
    st.caption(ui.tr("console_timer_help"))
