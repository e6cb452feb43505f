"""Write first, then reveal: the console's Reveal all / Hide again, and how a stage shows its posts.

Every button and setting carries the version of the stage's setting it was drawn from:
a double tap, or a second console tab drawn before another pressed, is refused and the
console shows the setting as it is now.
"""

from collections.abc import Callable

import streamlit as st

from facilitation.core.errors import StaleEdit
from facilitation.core.i18n import format_clock
from facilitation.forum.reveal import (
    REVEAL_STAGES,
    StageRevealView,
    hide_stage,
    reveal_stage,
    set_reveal_settings,
    stage_reveal,
)
from models import Stage
from pages import ui


def _run(action: Callable[[ui.Session], StageRevealView], done: str) -> None:
    if ui.act(action, slot="reveal", stale=ui.tr("console_reveal_stale")) is not None:
        ui.flash("success", ui.tr(done), "reveal")


def _reveal(forum_id: int, stage: Stage, version: int) -> None:
    _run(
        lambda session: reveal_stage(session=session, forum_id=forum_id, stage=stage, version=version),
        "console_reveal_done",
    )


def _hide(forum_id: int, stage: Stage, version: int) -> None:
    _run(
        lambda session: hide_stage(session=session, forum_id=forum_id, stage=stage, version=version),
        "console_reveal_hidden_done",
    )


def _save(forum_id: int, stage: Stage, version: int, key: str) -> None:
    state = st.session_state
    hold = bool(state.get(f"{key}_hold_{stage}_{version}"))
    phones = bool(state.get(f"{key}_phones_{stage}_{version}"))

    def save(session: ui.Session) -> StageRevealView:
        try:
            return set_reveal_settings(
                session=session, forum_id=forum_id, stage=stage, version=version,
                hold_until_revealed=hold, phones_show_posts=phones,
            )  # fmt: skip
        except StaleEdit:
            # Someone changed it first: the boxes are drawn again from the setting as it is
            # now, still ticked as this person ticked them, with the saved values beside.
            state[f"{key}_kept_{stage}"] = (hold, phones)
            raise

    if ui.act(save, slot="reveal", stale=ui.tr("console_reveal_stale")) is not None:
        state.pop(f"{key}_kept_{stage}", None)
        ui.flash("success", ui.tr("console_reveal_saved"), "reveal")


def state_line(view: StageRevealView, lang: str) -> str:
    """What the projector shows now, and when the stage was revealed."""
    if view.revealed and view.revealed_at is not None:
        return ui.tr("console_reveal_state_revealed", time=format_clock(view.revealed_at, lang))
    return ui.tr("console_reveal_state_live" if view.projector_posts else "console_reveal_state_hidden")


def controls(forum_id: int, stage: Stage, *, enabled: bool, key: str = "console_reveal") -> None:
    """Reveal all (or Hide again) for the forum's stage, with how that stage shows its posts."""
    st.subheader(ui.tr("console_reveal_heading"))
    if Stage(stage) not in REVEAL_STAGES:
        st.caption(ui.tr("console_reveal_none"))
        return
    view = ui.read(lambda session: stage_reveal(session=session, forum_id=forum_id, stage=stage))
    version = view.version
    ui.show_flash("reveal")
    st.markdown(f'<span data-testid="reveal-state">{state_line(view, ui.lang())}</span>', unsafe_allow_html=True)
    if not enabled:
        return
    # Keyed by stage and version: a button is for the setting as it was drawn.
    if view.projector_posts:
        st.button(
            ui.tr("console_reveal_hide"), key=f"{key}_hide_{stage}_{version}", on_click=_hide,
            args=(forum_id, stage, version),
        )  # fmt: skip
    else:
        st.button(
            ui.tr("console_reveal_all"), key=f"{key}_all_{stage}_{version}", type="primary", on_click=_reveal,
            args=(forum_id, stage, version),
        )  # fmt: skip
    kept = st.session_state.get(f"{key}_kept_{stage}")
    hold, phones = kept if kept is not None else (view.hold_until_revealed, view.phones_show_posts)
    with st.expander(ui.tr("console_reveal_settings"), key=f"{key}_settings_open"):
        if kept is not None:
            yes_no = {True: ui.tr("console_reveal_yes"), False: ui.tr("console_reveal_no")}
            st.caption(
                ui.tr(
                    "console_reveal_saved_now",
                    hold=yes_no[view.hold_until_revealed], phones=yes_no[view.phones_show_posts],
                )
            )  # fmt: skip
        st.checkbox(ui.tr("console_reveal_hold"), value=hold, key=f"{key}_hold_{stage}_{version}")
        st.checkbox(ui.tr("console_reveal_phones"), value=phones, key=f"{key}_phones_{stage}_{version}")
        st.button(
            ui.tr("console_reveal_save"), key=f"{key}_save_{stage}_{version}", on_click=_save,
            args=(forum_id, stage, version, key),
        )  # fmt: skip
