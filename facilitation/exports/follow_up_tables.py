"""Where the plan stands and the forums of its series, as the filed documents print them.

Shared by the PDF, the Word file and the Markdown file, so the three read alike.
"""

from datetime import date

from facilitation.core.i18n import format_date, t
from facilitation.exports.summary import ForumSummary
from facilitation.present.review_cards import series_rows


def has_progress(summary: ForumSummary) -> bool:
    """Whether anyone has reported on the plan yet: a plan just made prints no progress table."""
    return any(row.progress is not None and row.progress.reports for row in summary.plan)


def progress_table(summary: ForumSummary, lang: str, today: date) -> dict[str, list[str]]:
    """Every live activity's rolled-up progress as columns: status, percent, money spent, last report, flag.

    An activity nobody has reported on reads "not started"; `today` (in Thailand) decides what is overdue.
    """
    status, percent, spent, last, flags = [], [], [], [], []
    for row in summary.plan:
        progress = row.progress
        if progress is None or not progress.reports:
            status.append(t("progress_status_not_started", lang))
            percent.append("0")
            spent.append("—")
            last.append("—")
        else:
            status.append(t(f"progress_status_{progress.status.value}", lang))
            percent.append(str(progress.percent))
            spent.append(f"{progress.spent_baht:,}")
            last.append(format_date(progress.last_reported, lang, short=True) if progress.last_reported else "—")
        due = None if progress is None else progress.due(row.item.start_date, row.item.end_date, today)
        flags.append(t(f"progress_flag_{due}", lang) if due else "")
    return {
        t("plan_no", lang): [str(row.number) for row in summary.plan],
        t("plan_activity", lang): [row.item.activity for row in summary.plan],
        t("progress_status", lang): status,
        t("progress_percent", lang): percent,
        t("progress_spent", lang): spent,
        t("export_progress_last_report", lang): last,
        t("export_progress_flag", lang): flags,
    }


def series_table(summary: ForumSummary, lang: str) -> dict[str, list[str]]:
    """The forums of the series, oldest first, as columns; empty for a forum that is a series of one.

    The summary page's columns (review_cards.series_rows), this forum marked, and the date first:
    a filed timeline reads by its dates.
    """
    if len(summary.series) < 2:
        return {}
    columns = series_rows(summary.series, lang)
    forum, day = t("followup_series_forum", lang), t("followup_series_date", lang)
    this = f" ({t('followup_series_this', lang)})"
    columns[forum] = [
        title + (this if shown.forum_id == summary.forum.id else "")
        for title, shown in zip(columns[forum], summary.series, strict=True)
    ]
    return {day: columns.pop(day), **columns}
