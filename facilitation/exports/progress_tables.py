"""The workbook's follow-up sheets: every progress report on the plan, and the forums of the series."""

from sqlmodel import Session, col, select

from facilitation.core.i18n import t
from facilitation.exports.table_shape import Cell, ColumnKind, Table, make_table, thai_clock
from facilitation.forum.follow_up import forum_series
from facilitation.forum.plans import PlanRow
from models import ProgressReport, ProgressStatus, ProgressSubject, saved_id


def progress_reports_table(*, session: Session, forum_id: int, rows: list[PlanRow], lang: str) -> Table:
    """Every report on the forum's live activities and their commitments, oldest first: none is ever overwritten.

    An owner's note is their own account of a public commitment: it stays in an anonymised workbook.
    """
    items = {saved_id(row.item): row for row in rows}
    commitments = {commitment.id: (row, commitment.organisation) for row in rows for commitment in row.commitments}
    found = session.exec(
        select(ProgressReport).where(ProgressReport.forum_id == forum_id).order_by(col(ProgressReport.id))
    ).all()
    lines: list[tuple[Cell, ...]] = []
    for report in found:
        if report.subject_kind == ProgressSubject.ACTION_ITEM and report.subject_id in items:
            row, subject = items[report.subject_id], t("table_progress_whole_item", lang)
        elif report.subject_kind == ProgressSubject.COMMITMENT and report.subject_id in commitments:
            row, organisation = commitments[report.subject_id]
            subject = t("table_progress_of_commitment", lang, organisation=organisation or "—")
        else:  # on an activity or commitment deleted since: not in the plan this workbook lists
            continue
        lines.append(
            (
                row.number,
                row.item.activity,
                subject,
                report.reported_on,
                t(f"progress_status_{ProgressStatus(report.status).value}", lang),
                report.percent,
                report.spent_baht,
                report.note,
                t("progress_by_facilitator" if report.reported_by == "facilitator" else "progress_by_owner", lang),
                thai_clock(report.created_at),
            )
        )
    return make_table(
        "progress_reports",
        "table_progress_reports",
        lang,
        [
            ("plan_no", ColumnKind.INT),
            ("plan_activity", ColumnKind.TEXT),
            ("table_progress_subject", ColumnKind.TEXT),
            ("progress_date", ColumnKind.DATE),
            ("progress_status", ColumnKind.TEXT),
            ("progress_percent", ColumnKind.INT),
            ("progress_spent", ColumnKind.BAHT),
            ("table_progress_note", ColumnKind.TEXT),
            ("table_progress_by", ColumnKind.TEXT),
            ("table_progress_recorded", ColumnKind.DATETIME),
        ],
        lines,
    )


def series_table(*, session: Session, forum_id: int, lang: str) -> Table:
    """The forums of this one's series (follow-ups in the same area), oldest first; this one alone when none."""
    forums = forum_series(session=session, forum_id=forum_id)
    return make_table(
        "series",
        "table_series",
        lang,
        [
            ("followup_series_date", ColumnKind.DATE),
            ("followup_series_forum", ColumnKind.TEXT),
            ("table_series_code", ColumnKind.TEXT),
            ("followup_series_stage", ColumnKind.TEXT),
            ("followup_series_items", ColumnKind.INT),
            ("followup_series_done", ColumnKind.INT),
            ("table_series_carried", ColumnKind.INT),
            ("table_series_this", ColumnKind.TEXT),
        ],
        [
            (
                forum.forum_date,
                forum.title,
                forum.code,
                t(f"stage_{forum.stage}", lang),
                forum.items,
                forum.done,
                forum.carried,
                t("table_yes", lang) if forum.forum_id == forum_id else "",
            )
            for forum in forums
        ],
    )
