"""The console's choice of the words the room's word cloud leaves out ("ตำบล" in a tambon forum).

The box is keyed by the version of the words it was drawn from: a save carries that version,
and a save from a tab drawn before another tab saved is refused, the box drawn again over
the words as they are now with what was typed still in it.
"""

import streamlit as st

from facilitation.forum.left_out_words import left_out, set_left_out_words
from pages import ui

KEPT = "words_left_out_kept"


def _save(forum_id: int, version: int) -> None:
    state = st.session_state
    typed: str = state.get(f"words_left_out_{version}", "")
    saved = ui.act(
        lambda session: set_left_out_words(session=session, forum_id=forum_id, typed=typed, version=version),
        slot="words",
    )
    if saved is None:
        state[KEPT] = typed  # refused: the next box, over the current words, starts from these
    else:
        state.pop(KEPT, None)
        ui.flash("success", ui.tr("words_left_out_saved"), "words")


def controls(forum_id: int, *, enabled: bool) -> None:
    """The words left out now, and a box to change them."""
    now = ui.read(lambda session: left_out(session=session, forum_id=forum_id))
    with st.expander(ui.tr("words_left_out_heading")):
        if now.words:
            ui.plain(ui.tr("words_left_out_now", words=", ".join(now.words)), small=True)
        kept = st.session_state.get(KEPT)
        with st.form(f"words_left_out_form_{now.version}", enter_to_submit=False, border=False):
            st.text_area(
                ui.tr("words_left_out"),
                value=kept if kept is not None else ", ".join(now.words),
                key=f"words_left_out_{now.version}",
                disabled=not enabled,
            )
            ui.show_flash("words")
            st.form_submit_button(
                ui.tr("words_left_out_save"), on_click=_save, args=(forum_id, now.version), disabled=not enabled
            )
