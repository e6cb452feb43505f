"""The progress report form: the owner's phone page and the console's Progress tab draw the same one.

The form is drawn from the subject's newest report and carries its id: sent after someone else
reported, it is refused and drawn again from the report now (the note typed is kept). Its
creation key is drawn with it, so a double tap stores one report.
"""

from collections.abc import Callable

import streamlit as st

from facilitation.core.errors import ProgressMoved
from facilitation.core.i18n import t
from facilitation.core.tokens import new_token
from facilitation.forum.progress import NOTE_MAX, ProgressForm, Reported
from facilitation.forum.progress_read import thai_today
from models import ProgressReport, ProgressStatus, ProgressSubject
from pages import inputs, ui

Send = Callable[[ui.Session, ProgressForm], Reported]


def _send(name: str, prefix: str, kind: ProgressSubject, subject_id: int, seen: int | None, send: Send) -> None:
    state = st.session_state
    creation_key: str = state[f"{name}_key"]

    def build() -> ProgressForm:
        picked = inputs.picked_date(f"{prefix}_date", field="progress_date")
        return ProgressForm(
            subject_kind=kind,
            subject_id=subject_id,
            status=inputs.chosen(f"{prefix}_status") or ProgressStatus.NOT_STARTED,
            percent=int(state.get(f"{prefix}_percent") or 0),
            note=state.get(f"{prefix}_note", ""),
            spent_baht=int(state.get(f"{prefix}_spent") or 0),
            reported_on=picked or thai_today(),
            seen=seen,
            creation_key=creation_key,
        )

    form = inputs.read_form(build, slot=name)
    if form is None:
        return

    def save(session: ui.Session) -> Reported:
        try:
            return send(session, form)
        except ProgressMoved as moved:
            # Drawn next from the report now, with the note this person typed still in its box.
            if isinstance(moved.current, ProgressReport):
                state[f"{name}_{moved.current.id}_note"] = form.note
            raise

    saved = ui.act(save, slot=name)
    # Sent: whatever happened, the form is drawn next from the newest report as it is then.
    ui.forget_drawn(name)
    if saved is not None:
        state[f"{name}_key"] = new_token()
        ui.flash("success", ui.tr("progress_saved"), name)


def draw(*, name: str, kind: ProgressSubject, subject_id: int, latest: ProgressReport | None, send: Send) -> None:
    """The form for one subject; `name` prefixes its widgets (with the report it was drawn from) and its messages."""
    seen: int | None = ui.drawn(name, None if latest is None else latest.id)
    current = None if latest is None else latest.id
    if seen != current:
        st.info(ui.tr("progress_changed_since_opened"))
    prefix = f"{name}_{seen or 0}"
    shown = latest if seen == current else None
    creation_key: str = st.session_state.setdefault(f"{name}_key", new_token())
    statuses = list(ProgressStatus)
    with st.form(f"{prefix}_form", enter_to_submit=False):
        inputs.choice(
            st.radio,
            ui.tr("progress_status"),
            statuses,
            labels=lambda status, language: t(f"progress_status_{status.value}", language),
            index=statuses.index(ProgressStatus(shown.status)) if shown else 0,
            key=f"{prefix}_status",
        )
        st.slider(
            ui.tr("progress_percent"), 0, 100, value=shown.percent if shown else 0, step=5, key=f"{prefix}_percent"
        )
        # No min_value: the browser's own refusal is an English tooltip; the service says it in the reader's language.
        st.number_input(
            ui.tr("progress_spent"), value=shown.spent_baht if shown else 0, step=500, key=f"{prefix}_spent"
        )
        inputs.date_field(st.container(), ui.tr("progress_date"), key=f"{prefix}_date", value=thai_today())
        inputs.text(st.text_area, ui.tr("progress_note"), key=f"{prefix}_note", limit=NOTE_MAX, height=90)
        ui.show_flash(name)
        st.form_submit_button(
            ui.tr("progress_send"),
            type="primary",
            on_click=_send,
            args=(name, prefix, kind, subject_id, seen, send),
            # Keyed by the form's creation key: a tap replayed after the report was stored names a
            # button no longer drawn, and Streamlit drops it.
            key=f"{name}_send_{creation_key}",
            width="stretch",
        )
