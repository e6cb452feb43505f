"""The live watcher: reruns a phone's or projector's page only when a counter it shows moved.

The browser listens to /live/{code}/events (facilitation/live/events.py, served beside
the app by server.py) and asks for a rerun when a watched topic's counter differs from
what the page drew; an idle screen costs the server no script run at all.
"""

import secrets
from collections.abc import Mapping
from pathlib import Path

import streamlit as st

from facilitation.live.changes import Topic, counters, forum_ids_by_code
from models import Stage
from pages import ui

WATCH_JS = (Path(__file__).resolve().parent.parent / "assets" / "live" / "watch.js").read_text(encoding="utf-8")
# Only when the event stream does not work (the component failed, `streamlit run` without
# server.py, a proxy that buffers): slow enough that a hall of phones on it stays affordable.
FALLBACK_SECONDS = 25

# The banner says where the forum went the moment the event arrives: in a hall, the page
# itself may take some seconds to redraw (every phone reruns its page for a stage change).
BANNER_CSS = """
.live-stage {
  position: fixed; top: 0; left: 0; right: 0; z-index: 1000010;
  padding: 0.75rem 1rem; text-align: center; font-size: 1.05rem; font-weight: 600;
  background: #1b5e20; color: #fff; box-shadow: 0 2px 8px rgb(0 0 0 / 30%);
}
.live-stage[hidden] { display: none; }
"""

_watcher = st.components.v2.component(
    "welfare_forum.live_watch",
    html='<span class="live-watch" hidden></span><div class="live-stage" role="status" hidden></div>',
    css=BANNER_CSS,
    js=WATCH_JS,
)


def seen(forum_id: int) -> dict[str, int]:
    """The forum's counters now; read them before anything the page draws, so no change falls between."""
    found = ui.read(lambda session: counters(session=session, forum_ids=[forum_id]))
    return dict(found.get(forum_id, {}))


def watch(
    code: str,
    role: str,
    seen: Mapping[str, int],
    topics: Mapping[Topic, float],
    key: str,
    *,
    stage: Stage | None = None,
) -> bool:
    """Keep this page following the forum `code`; True when a watched change started this run.

    `seen` are the counters this run read before drawing; `topics` maps each topic the page
    shows to the fewest seconds between two reruns that topic may cause (0: at once).
    `stage`: the stage this run drew; when given, a banner says so as soon as the forum
    is at another one, before the page has redrawn.
    """
    state = st.session_state
    streaming = f"{key}_streaming"
    runs = state.get(f"{key}_runs", 0) + 1
    state[f"{key}_runs"] = runs
    # Unique across sessions too: a page reattached to a new session after a restart starts
    # counting again, and its watcher must still see each run as new.
    session = state.setdefault(f"{key}_session", secrets.token_hex(4))

    def _heard() -> None:
        state[streaming] = True

    def _lost() -> None:
        state[streaming] = False

    # One container, whatever is drawn inside it, so everything below keeps its place
    # (a box being typed in must not be remounted when the fallback goes away).
    with st.container(key=f"{key}_box", gap=None):
        result = _watcher(
            key=key,
            data={
                "code": code,
                "role": role,
                "seen": dict(seen),
                "topics": {str(topic): gap for topic, gap in topics.items()},
                "run": f"{session}-{runs}",
                "hello": not state.get(streaming, False),
                "stage": None if stage is None else str(stage),
                "stage_note": None if stage is None else _stage_note(),
            },
            on_changed_change=_heard,
            on_hello_change=_heard,
            on_lost_change=_lost,
        )
        # Why the fallback timer stops: a fragment's timer runs for as long as the page
        # draws that fragment. The component says "hello" once its stream delivered, the
        # page reruns once, and from then on draws no fallback, so a screen whose stream
        # works keeps no timer at all. A page whose component never loads, or whose stream
        # never connects, never hears hello and keeps the slow timer.
        if not state.get(streaming, False):
            _fallback(code, dict(seen), [str(topic) for topic in topics])
    return result.changed is not None


def _stage_note() -> dict[str, object]:
    return {
        "text": ui.tr("live_stage_moved", stage="{stage}"),
        "labels": {str(stage): ui.tr(f"stage_{stage}") for stage in Stage},
    }


@st.fragment(run_every=FALLBACK_SECONDS)
def _fallback(code: str, seen: dict[str, int], topics: list[str]) -> None:
    def now(session: ui.Session) -> dict[str, int]:
        forum_id = forum_ids_by_code(session=session, codes=[code]).get(code)
        return {} if forum_id is None else counters(session=session, forum_ids=[forum_id]).get(forum_id, {})

    current = ui.read(now)
    if any(current.get(topic) != seen.get(topic) for topic in topics):
        st.rerun(scope="app")
