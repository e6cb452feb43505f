"""The owner's progress page, opened on a phone by their private progress link (after the forum too).

It shows one commitment or action item, its latest status and every report, and a form to send
the next. The link reaches this subject only: nothing of the forum around it.
"""

from html import escape

import streamlit as st

from facilitation.core.errors import ForumError
from facilitation.forum.progress import (
    ProgressForm,
    Reported,
    Subject,
    progress_history,
    report_progress,
    subject_for_link,
)
from facilitation.present import cards
from models import ProgressReport, ProgressStatus
from pages import progress_form, ui

ui.ensure_routed(__file__)

visitor = ui.visitor()
ui.page_setup(ui.tr("nav_progress"))


def _load(session: ui.Session) -> tuple[Subject, list[ProgressReport]]:
    # Checked on every run: a link renewed from the console stops working here at once.
    subject = subject_for_link(session=session, token=visitor.secret)
    return subject, progress_history(session=session, subject_kind=subject.kind, subject_id=subject.id)


try:
    subject, history = ui.read(_load)
except ForumError as error:
    st.error(ui.error_text(error))
    st.stop()

lang = ui.lang()
ui.language_switch("progress_lang")
ui.plain(f"{ui.tr('progress_heading')} · {subject.forum_title}", small=True)
ui.heading(subject.item.activity)
if subject.commitment is not None:
    who = subject.commitment.organisation
    st.html(
        f'<div class="fact"><span class="fact-label">🤝 {escape(ui.tr("progress_commitment"))}</span> '
        f"<b>{escape(who)}</b>{': ' if who else ''}{escape(subject.commitment.text)}</div>"
    )
latest = history[0] if history else None
st.markdown(f"#### {ui.tr('progress_latest')}")
if latest is None:
    st.html(cards.progress_bar(ProgressStatus.NOT_STARTED, 0, lang))
    st.caption(ui.tr("progress_none_yet"))
else:
    st.html(cards.progress_entry(latest, lang))


def _send(session: ui.Session, form: ProgressForm) -> Reported:
    return report_progress(session=session, token=visitor.secret, form=form)


st.markdown(f"#### {ui.tr('progress_new_report')}")
progress_form.draw(name="progress_owner", kind=subject.kind, subject_id=subject.id, latest=latest, send=_send)
st.markdown(f"#### {ui.tr('progress_timeline')}")
st.html(cards.progress_timeline(history, lang))
st.caption(ui.tr("progress_link_private"))
