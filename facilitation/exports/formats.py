"""Every file an organiser can take away from a forum, and how each is built.

The builders import their libraries (fpdf2, python-docx, openpyxl) only when a file is built:
the pages that list the formats stay as light as before.
"""

from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import Session

from facilitation.core.errors import ForumNotFound
from facilitation.exports.report import ForumReport, build_report
from models import Forum

Progress = Callable[[int], None]  # told the index of the step under way


@dataclass(frozen=True)
class ExportRequest:
    """One file asked for: which forum, which format, in which language, anonymised or not."""

    forum_id: int
    format: str
    lang: str
    anonymise: bool = False
    join_url: str = ""  # the poster's QR code and printed address


@dataclass(frozen=True)
class ExportFormat:
    key: str
    extension: str
    mime: str
    steps: tuple[str, ...]  # message keys of what the build goes through, shown as progress
    build: Callable[[Session, ExportRequest, Progress], bytes]
    anonymisable: bool = True  # False: the file holds no participant's details (the poster, form ผ.02)


READING = "export_step_reading"
DRAWING = "export_step_tree"
WRITING = "export_step_writing"


def _report(session: Session, request: ExportRequest) -> ForumReport:
    return build_report(session=session, forum_id=request.forum_id, lang=request.lang, anonymise=request.anonymise)


def _tree(session: Session, request: ExportRequest) -> bytes | None:
    from facilitation.exports.tree_image import tree_png

    return tree_png(session=session, forum_id=request.forum_id, lang=request.lang)


def _with_tree(session: Session, request: ExportRequest, progress: Progress) -> tuple[ForumReport, bytes | None]:
    report = _report(session, request)
    progress(1)
    tree = _tree(session, request)
    progress(2)
    return report, tree


def _pdf(session: Session, request: ExportRequest, progress: Progress) -> bytes:
    from facilitation.exports.pdf_document import summary_pdf

    report, tree = _with_tree(session, request, progress)
    return summary_pdf(report, tree_png=tree)


def _docx(session: Session, request: ExportRequest, progress: Progress) -> bytes:
    from facilitation.exports.docx_summary import summary_docx

    report, tree = _with_tree(session, request, progress)
    return summary_docx(report, tree_png=tree)


def _p02_xlsx(session: Session, request: ExportRequest, progress: Progress) -> bytes:
    from facilitation.exports.p02_xlsx import p02_xlsx

    report = _report(session, request)
    progress(1)
    return p02_xlsx(report)


def _p02_docx(session: Session, request: ExportRequest, progress: Progress) -> bytes:
    from facilitation.exports.p02_docx import p02_docx

    report = _report(session, request)
    progress(1)
    return p02_docx(report)


def _workbook(session: Session, request: ExportRequest, progress: Progress) -> bytes:
    from facilitation.exports.tables import forum_tables
    from facilitation.exports.workbook import forum_workbook

    tables = forum_tables(session=session, forum_id=request.forum_id, lang=request.lang, anonymise=request.anonymise)
    progress(1)
    return forum_workbook(tables, request.lang)


def _csv(session: Session, request: ExportRequest, progress: Progress) -> bytes:
    from facilitation.exports.csv_files import csv_zip
    from facilitation.exports.tables import forum_tables

    tables = forum_tables(session=session, forum_id=request.forum_id, lang=request.lang, anonymise=request.anonymise)
    progress(1)
    return csv_zip(tables)


def _archive(session: Session, request: ExportRequest, progress: Progress) -> bytes:
    from facilitation.exports.archive import export_archive

    progress(1)
    return export_archive(
        session=session, forum_id=request.forum_id, anonymise_in=request.lang if request.anonymise else None
    )


def _poster(session: Session, request: ExportRequest, progress: Progress) -> bytes:
    from facilitation.exports.poster import join_poster_pdf

    forum = session.get(Forum, request.forum_id)
    if forum is None:
        raise ForumNotFound(id=request.forum_id)
    progress(1)
    return join_poster_pdf(forum=forum, join_url=request.join_url, lang=request.lang)


PDF, DOCX, XLSX, ZIP, JSON = (
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/zip",
    "application/json",
)

# In the order the summary page lists them.
FORMATS = (
    ExportFormat("pdf", "pdf", PDF, (READING, DRAWING, WRITING), _pdf),
    ExportFormat("docx", "docx", DOCX, (READING, DRAWING, WRITING), _docx),
    # Form ผ.02 holds the plan and its lead agencies, never a participant.
    ExportFormat("p02_xlsx", "xlsx", XLSX, (READING, WRITING), _p02_xlsx, anonymisable=False),
    ExportFormat("p02_docx", "docx", DOCX, (READING, WRITING), _p02_docx, anonymisable=False),
    ExportFormat("xlsx", "xlsx", XLSX, (READING, WRITING), _workbook),
    ExportFormat("csv", "zip", ZIP, (READING, WRITING), _csv),
    ExportFormat("archive", "json", JSON, (READING, WRITING), _archive),
    ExportFormat("poster", "pdf", PDF, (READING, WRITING), _poster, anonymisable=False),
)
_BY_KEY = {export.key: export for export in FORMATS}


def export_format(key: str) -> ExportFormat:
    return _BY_KEY[key]


def file_name(forum: Forum, request: ExportRequest) -> str:
    """What the download is called: the forum's code, the format, and a mark when anonymised."""
    export = export_format(request.format)
    stem = {"p02_xlsx": "p02", "p02_docx": "p02"}.get(export.key, export.key)
    marks = ("-anon" if request.anonymise and export.anonymisable else "") + f"-{request.lang}"
    return f"forum-{forum.code}-{forum.forum_date.isoformat()}-{stem}{marks}.{export.extension}"
