"""The summary page's files to take away: each format with one line, built off the page's run.

A file is built by the export worker (facilitation/exports/jobs.py), never inside a run of
this page: the page shows its progress and offers the download once it is ready.
"""

import streamlit as st

from facilitation.core.i18n import format_clock
from facilitation.exports.formats import FORMATS, ExportFormat, ExportRequest, file_name
from facilitation.exports.jobs import ExportJob, ExportJobs
from models import Forum, saved_id, utcnow
from pages import ui

POLL_SECONDS = 1.0


@st.cache_resource
def _jobs(database: str) -> ExportJobs:
    return ExportJobs(ui.engine())


def export_jobs() -> ExportJobs:
    """The process's one export worker for its database: every facilitator's exports wait in one line."""
    return _jobs(ui.engine().url.render_as_string())


@st.fragment(run_every=POLL_SECONDS)
def _progress(request: ExportRequest) -> None:
    job = export_jobs().find(request)
    if job is None or job.over:
        st.rerun()  # the page's full run offers the file, or says why there is none
        return
    step = ui.tr(job.steps[min(job.step, len(job.steps) - 1)])
    st.progress(job.fraction, text=ui.tr("export_waiting") if job.state == "waiting" else step)


def _ready(job: ExportJob, forum: Forum, key: str) -> None:
    st.download_button(
        ui.tr("export_download"),
        data=job.data or b"",
        file_name=file_name(forum, job.request),
        mime=next(f.mime for f in FORMATS if f.key == job.request.format),
        key=f"{key}_download",
        on_click="ignore",
        type="primary",
        icon=":material/download:",
    )
    st.caption(ui.tr("export_built_at", time=format_clock(job.finished_at or utcnow(), ui.lang())))


def _row(export: ExportFormat, forum: Forum, *, anonymise: bool, join_url: str | None) -> None:
    lang = ui.lang()
    request = ExportRequest(
        forum_id=saved_id(forum),
        format=export.key,
        lang=lang,
        anonymise=anonymise and export.anonymisable,
        join_url=join_url or "",
    )
    key = f"export_{export.key}_{lang}_{int(request.anonymise)}"
    st.markdown(f"**{ui.tr(f'export_{export.key}')}**")
    st.caption(ui.tr(f"export_{export.key}_line"))
    if export.key == "poster" and not join_url:
        st.caption(ui.tr("export_poster_no_address"))
        return
    job = export_jobs().find(request)
    if job is not None and not job.over:
        _progress(request)
        return
    if job is not None and job.error is not None:
        st.error(ui.error_text(job.error))
    ready, build = st.columns(2)
    if job is not None and job.state == "done":
        with ready:
            _ready(job, forum, key)
    label = "export_build" if job is None else "export_build_again"
    target = ready if job is None else build
    if target.button(ui.tr(label), key=f"{key}_build", icon=":material/description:"):
        export_jobs().start(request, again=True)
        st.rerun()


def show(forum: Forum) -> None:
    """The list of formats, each built on request and offered for download when ready."""
    st.subheader(ui.tr("export_heading"))
    st.caption(ui.tr("export_note"))
    anonymise = st.toggle(ui.tr("export_anonymise"), key="export_anonymise", help=ui.tr("export_anonymise_help"))
    links = ui.forum_links(forum.code)
    for start in range(0, len(FORMATS), 2):
        for column, export in zip(st.columns(2), FORMATS[start : start + 2], strict=False):
            with column, st.container(border=True, key=f"export-{export.key}"):
                _row(export, forum, anonymise=anonymise, join_url=links.join if links else None)
