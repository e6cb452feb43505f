"""The phone's part of a dot vote: the options with the person's own dots, and the results once shown.

Each tap goes to /votes/{code} (facilitation/web/vote_api.py) from a small component and runs
no page: the box redraws the dots from the answer. Where nothing serves the endpoint
(`streamlit run`, a test, a proxy that does not pass it on) the page draws Streamlit buttons
instead, which call the same services. Results are plain HTML bars: no charting library on a phone.
"""

from pathlib import Path

import streamlit as st

from facilitation.forum.dots import MyDots, add_dot, take_back_dot
from facilitation.forum.votes import VoteView
from facilitation.present.vote_bars import result_bars, turnout_line
from facilitation.web.served import served
from models import saved_id
from pages import ui

ASSETS = Path(__file__).resolve().parent.parent / "assets" / "vote"
HTML = """<div class="vote-box" data-state="ready">
<div class="vote-remaining" role="status" aria-live="polite"></div>
<div class="vote-status" role="alert" hidden></div>
<ul class="vote-options"></ul></div>"""

_box = st.components.v2.component(
    "welfare_forum.vote_box",
    html=HTML,
    css=(ASSETS / "vote.css").read_text(encoding="utf-8"),
    js=(ASSETS / "vote.js").read_text(encoding="utf-8"),
)
UNREACHABLE = "vote_box_unreachable"


def usable() -> bool:
    """Whether this session draws the component: the endpoint is served and the browser reached it."""
    return served() and not st.session_state.get(UNREACHABLE, False)


def _component(view: VoteView, dots: MyDots, *, code: str, token: str, tally: int) -> None:
    lang = ui.lang()
    result = _box(
        key="vote_box",
        data={
            "endpoint": f"votes/{code}",
            "token": token,
            "lang": lang,
            "vote": saved_id(view.vote),
            "open": view.is_open,
            "options": [{"id": saved_id(option), "label": option.label} for option in view.options],
            "mine": {str(option): count for option, count in dots.dots.items()},
            "used": dots.used,
            "budget": dots.budget,
            "cap": dots.cap,
            "tally": tally,
            "labels": {
                "remaining": ui.tr("vote_remaining", remaining="{remaining}", budget="{budget}"),
                "add": ui.tr("vote_add"),
                "take": ui.tr("vote_take"),
                "dots": ui.tr("vote_dots_count", dots="{dots}"),
                "offline": ui.tr("vote_offline"),
            },
        },
        on_unreachable_change=lambda: None,
    )
    if result.unreachable:
        st.session_state[UNREACHABLE] = True
        st.rerun()


def _tap(participant_id: int, option_id: int, seen: int, adding: bool) -> None:
    change = add_dot if adding else take_back_dot
    ui.act(lambda session: change(session=session, participant_id=participant_id, option_id=option_id, seen=seen),
           slot="vote")  # fmt: skip


def _buttons(view: VoteView, dots: MyDots, participant_id: int) -> None:
    # Keyed by the option and the dots drawn: a second tap on the same drawn button carries the
    # same `seen`, and the service finds its dot already there.
    st.markdown(f"**{ui.tr('vote_remaining', remaining=dots.remaining, budget=dots.budget)}**")
    ui.show_flash("vote")
    for option in view.options:
        option_id = saved_id(option)
        mine = dots.on(option_id)
        with st.container(border=True, key=f"vote_option_{option_id}"):
            ui.plain(option.label)
            take, count, add = st.columns([1, 2, 1], vertical_alignment="center")
            take.button("−", key=f"vote_take_{option_id}_{mine}", disabled=mine == 0, on_click=_tap,
                        args=(participant_id, option_id, mine, False), help=ui.tr("vote_take"))  # fmt: skip
            count.markdown(f"{'●' * mine}{'○' * max(dots.cap - mine, 0)}")
            add.button("+", key=f"vote_add_{option_id}_{mine}", disabled=mine >= dots.cap or dots.remaining <= 0,
                       on_click=_tap, args=(participant_id, option_id, mine, True), help=ui.tr("vote_add"))  # fmt: skip


def vote_part(view: VoteView | None, dots: MyDots | None, *, voting: bool, code: str, token: str, participant_id: int,
              tally: int) -> None:  # fmt: skip
    """The forum's vote on the phone; `voting`: the stage takes dots now."""
    if view is None or dots is None:
        return
    if not (voting or view.is_open or view.results is not None):
        return  # a closed vote whose results were never shown, after Plan: nothing to say
    st.subheader(ui.tr("vote_heading"))
    if view.vote.question:
        ui.plain(view.vote.question)
    if view.is_open and voting:
        st.caption(ui.tr("vote_how", budget=dots.budget, cap=dots.cap))
        if usable():
            _component(view, dots, code=code, token=token, tally=tally)
        else:
            _buttons(view, dots, participant_id)
    elif view.is_open:
        st.caption(ui.tr("vote_waits_for_plan"))
    else:
        st.caption(ui.tr("vote_closed_note"))
    if view.results is not None:
        st.markdown(f"**{ui.tr('vote_results_heading')}**")
        if view.turnout is not None:
            st.caption(turnout_line(view.turnout, ui.lang()))
        st.html(result_bars(view.results, ui.lang()))
    else:
        st.caption(ui.tr("vote_results_wait"))
