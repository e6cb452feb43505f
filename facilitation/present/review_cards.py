"""HTML for the Review stage: the earlier forum's action items with their progress, on the wall and on phones.

Everything people typed goes through `html.escape`; the page renders these strings with `st.html`.
"""

from datetime import date
from html import escape

from facilitation.core.i18n import format_date, t
from facilitation.forum.follow_up import ReviewBoard, ReviewCommitment, ReviewItem, SeriesForum
from models import ProgressStatus

# Literal keys, so the catalogue test sees each one.
STATUS_KEYS = {
    ProgressStatus.NOT_STARTED: "review_status_not_started",
    ProgressStatus.IN_PROGRESS: "review_status_in_progress",
    ProgressStatus.DONE: "review_status_done",
    ProgressStatus.BLOCKED: "review_status_blocked",
    ProgressStatus.DROPPED: "review_status_dropped",
}
# Read from the back of a hall: done green, blocked red, in progress blue; not started and dropped grey.
STATUS_COLOURS = {
    ProgressStatus.NOT_STARTED: "#757575",
    ProgressStatus.IN_PROGRESS: "#1565c0",
    ProgressStatus.DONE: "#2e7d32",
    ProgressStatus.BLOCKED: "#c62828",
    ProgressStatus.DROPPED: "#9e9e9e",
}


def status_badge(status: ProgressStatus, lang: str) -> str:
    """A coloured label naming a progress status."""
    status = ProgressStatus(status)
    label = escape(t(STATUS_KEYS[status], lang))
    return (
        f'<span class="badge status-badge" style="background:{STATUS_COLOURS[status]}" '
        f'data-testid="review-status" data-status="{status.value}">{label}</span>'
    )


def progress_bar(percent: int, status: ProgressStatus) -> str:
    """A bar filled to `percent`, in the status's colour."""
    width = max(0, min(100, int(percent)))
    colour = STATUS_COLOURS[ProgressStatus(status)]
    return (
        f'<div class="review-bar" role="img" aria-label="{width}%">'
        f'<span style="width:{width}%;background:{colour}"></span></div>'
    )


def _commitment(entry: ReviewCommitment, lang: str) -> str:
    who = escape(entry.commitment.organisation or entry.commitment.author or "—")
    note = (
        f' <span class="review-note">“{escape(entry.latest.note)}”</span>' if entry.latest and entry.latest.note else ""
    )
    return (
        f"<li><b>{who}</b>: {escape(entry.commitment.text)} {status_badge(entry.status, lang)} "
        f'<span class="review-percent">{entry.percent}%</span>{note}</li>'
    )


def review_card(entry: ReviewItem, lang: str, *, today: date) -> str:
    """One earlier item: activity, lead, dates, its status bar, when last reported, and its commitments."""
    item, progress = entry.item, entry.progress
    facts = [
        (t("plan_lead", lang), item.lead_organisation),
        (
            t("plan_dates", lang),
            f"{format_date(item.start_date, lang, short=True)} – {format_date(item.end_date, lang, short=True)}"
            if item.start_date or item.end_date
            else "",
        ),
    ]
    rows = "".join(
        f'<div class="fact"><span class="fact-label">{escape(label)}</span> {escape(value)}</div>'
        for label, value in facts
        if value
    )
    reported = (
        t("review_last_reported", lang, date=format_date(progress.last_reported, lang, short=True))
        if progress.last_reported
        else t("review_never_reported", lang)
    )
    marks = [escape(reported)]
    if progress.overdue(item.end_date, today):
        marks.append(f'<span class="review-overdue">⚠ {escape(t("review_overdue", lang))}</span>')
    if entry.carried_into is not None:
        marks.append(f'<span class="review-carried">➜ {escape(t("review_carried_mark", lang))}</span>')
    commitments = "".join(_commitment(commitment, lang) for commitment in entry.commitments)
    commitments_html = (
        f'<div class="fact-label">🤝 {escape(t("plan_commitments", lang))}</div>'
        f'<ul class="commitments">{commitments}</ul>'
        if commitments
        else ""
    )
    return (
        f'<article class="plan-card review-card" data-item="{item.id}" data-status="{progress.status.value}">'
        f"<h4>{entry.number}. {escape(item.activity)}</h4>{rows}"
        f'<div class="review-progress">{status_badge(progress.status, lang)} '
        f'<span class="review-percent" data-testid="review-percent">{progress.percent}%</span></div>'
        f"{progress_bar(progress.percent, progress.status)}"
        f'<div class="card-meta">{" · ".join(marks)}</div>{commitments_html}</article>'
    )


def review_board_html(board: ReviewBoard, lang: str, *, today: date) -> str:
    """The earlier forum's plan with its progress, under a line naming that forum; a note when there is none."""
    if board.earlier is None:
        return f'<div class="card-empty">{escape(t("review_no_earlier", lang))}</div>'
    done = sum(entry.progress.status == ProgressStatus.DONE for entry in board.items)
    heading = t(
        "review_heading",
        lang,
        title=board.earlier.title,
        date=format_date(board.earlier.forum_date, lang),
        done=done,
        count=len(board.items),
    )
    if not board.items:
        cards = f'<div class="card-empty">{escape(t("plan_empty", lang))}</div>'
    else:
        cards = "".join(review_card(entry, lang, today=today) for entry in board.items)
    return (
        f'<section class="review-board"><div class="review-heading">{escape(heading)}</div>'
        f'<div class="plan-board">{cards}</div></section>'
    )


def series_rows(series: list[SeriesForum], lang: str) -> dict[str, list[str]]:
    """The series as table columns (forum, date, stage, items, done), oldest first."""
    return {
        t("followup_series_forum", lang): [forum.title for forum in series],
        t("followup_series_date", lang): [format_date(forum.forum_date, lang) for forum in series],
        t("followup_series_stage", lang): [t(f"stage_{forum.stage}", lang) for forum in series],
        t("followup_series_items", lang): [str(forum.items) for forum in series],
        t("followup_series_done", lang): [str(forum.done) for forum in series],
    }
