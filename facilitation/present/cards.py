"""HTML for the live cards on the projector and phones.

Everything people typed goes through `html.escape`, so it shows as the plain text
it was, never as markup; the page renders these strings with `st.html`.
"""

from datetime import date
from html import escape

from facilitation.core.i18n import format_baht, format_date, t
from facilitation.forum.contributions import FeedItem
from facilitation.forum.plans import Answer, PlanRow, ThemeAnswer
from facilitation.forum.progress_read import ItemProgress, thai_today
from facilitation.present.palette import KIND_COLOURS, KIND_ICONS, SECTOR_COLOURS
from models import ContributionKind, ProgressReport, ProgressStatus, Sector


def sector_badge(sector: Sector | None, lang: str) -> str:
    """A small coloured label naming a sector."""
    if sector is None:
        return ""
    colour = SECTOR_COLOURS[sector]
    return f'<span class="badge" style="background:{colour}">{escape(t(f"sector_{sector.value}", lang))}</span>'


def entered_mark(by_facilitator: bool, lang: str) -> str:
    """The mark of an entry the facilitator typed for someone without a phone; nothing for anyone else's."""
    if not by_facilitator:
        return ""
    label = escape(t("people_entered_mark", lang))
    return f' <span class="entered-mark" data-testid="entered-by-facilitator">✍ {label}</span>'


def feed_column(kind: ContributionKind, items: list[FeedItem], lang: str, *, limit: int = 12) -> str:
    """One kind's column: heading with count, then the newest `limit` cards."""
    colour = KIND_COLOURS[kind]
    heading = f"{KIND_ICONS[kind]} {escape(t(f'kind_{kind.value}', lang))}"
    cards = []
    for item in items[:limit]:
        who = " · ".join(part for part in (item.author, item.organisation) if part)
        mark = entered_mark(item.by_facilitator, lang)
        meta = (
            f'<div class="card-meta">{sector_badge(item.sector, lang)} {escape(who)}{mark}</div>' if item.sector else ""
        )
        cards.append(
            f'<div class="card" style="border-left-color:{colour}" data-kind="{kind.value}">'
            f'<div class="card-text">{escape(item.text)}</div>{meta}</div>'
        )
    more = len(items) - limit
    if more > 0:
        cards.append(f'<div class="card-more">{escape(t("feed_more", lang, count=more))}</div>')
    if not items:
        cards.append(f'<div class="card-empty">{escape(t("feed_empty", lang))}</div>')
    return (
        f'<section class="feed-column"><h3 style="color:{colour}">{heading} '
        f'<span class="count">{len(items)}</span></h3>{"".join(cards)}</section>'
    )


def feed_board(feed: dict[ContributionKind, list[FeedItem]], lang: str, *, limit: int = 12) -> str:
    """All four kinds side by side (stacked on a narrow screen)."""
    columns = "".join(feed_column(kind, feed.get(kind, []), lang, limit=limit) for kind in ContributionKind)
    return f'<div class="feed-board">{columns}</div>'


def _answer_mark(answer: Answer, lang: str) -> str:
    # The plan keeps the words it was tied to; say when the post changed or went since.
    if answer.hidden:
        return f' <span class="answer-mark">({escape(t("plan_answer_hidden", lang))})</span>'
    if answer.withdrawn:
        return f' <span class="answer-mark">({escape(t("plan_answer_withdrawn", lang))})</span>'
    if answer.edited:
        return f' <span class="answer-mark">({escape(t("plan_answer_edited", lang))})</span>'
    return ""


def _theme_mark(theme: ThemeAnswer, lang: str) -> str:
    # The plan keeps the name it was tied to; say when the theme was renamed or ungrouped since.
    if theme.dissolved:
        return f' <span class="answer-mark">({escape(t("plan_theme_dissolved", lang))})</span>'
    if theme.renamed_to is not None:
        return f' <span class="answer-mark">({escape(t("plan_theme_renamed", lang, name=theme.renamed_to))})</span>'
    return ""


def theme_answers(row: PlanRow, lang: str) -> str:
    """The themes an action item answers, as a labelled list (empty when none)."""
    if not row.themes:
        return ""
    entries = "".join(
        f'<li class="theme-answer">🗂 {escape(theme.name)}{_theme_mark(theme, lang)}</li>' for theme in row.themes
    )
    return f'<div class="fact-label">{escape(t("plan_themes", lang))}</div><ul class="answers themes">{entries}</ul>'


def progress_bar(status: ProgressStatus, percent: int, lang: str) -> str:
    """A bar and the status word: how far an item (or a commitment) has come."""
    shown = max(0, min(100, int(percent)))
    status = ProgressStatus(status)
    word = escape(t(f"progress_status_{status.value}", lang))
    return (
        f'<div class="progress" data-testid="progress" data-status="{status.value}" data-percent="{shown}">'
        f'<div class="progress-track"><div class="progress-fill {status.value}" style="width:{shown}%"></div></div>'
        f'<span class="progress-label">{word} · {shown}%</span></div>'
    )


def item_progress_bar(progress: ItemProgress | None, lang: str) -> str:
    """An item's bar once anyone has reported on it or its commitments; nothing before (a plan being made)."""
    if progress is None or not progress.reports:
        return ""
    return progress_bar(progress.status, progress.percent, lang)


def due_flag(row: PlanRow, lang: str, today: date) -> str:
    """A mark on an item past its end date and not finished, or started and silent for weeks; else nothing."""
    item, progress = row.item, row.progress
    flag = None if progress is None else progress.due(item.start_date, item.end_date, today)
    if flag is None:
        return ""
    word = escape(t(f"progress_flag_{flag}", lang))
    return f'<span class="badge due-flag {flag}" data-testid="due-flag" data-flag="{flag}">{word}</span>'


def progress_entry(report: ProgressReport, lang: str) -> str:
    """One report of a timeline: its bar, its day, who sent it, the money spent so far, and its note as plain text."""
    by = t("progress_by_facilitator" if report.reported_by == "facilitator" else "progress_by_owner", lang)
    meta = " · ".join(
        (
            format_date(report.reported_on, lang),
            by,
            t("progress_spent_so_far", lang, amount=format_baht(report.spent_baht, lang)),
        )
    )
    note = f'<div class="card-text">{escape(report.note)}</div>' if report.note else ""
    return (
        f'<div class="progress-entry" data-testid="progress-entry">'
        f"{progress_bar(ProgressStatus(report.status), report.percent, lang)}"
        f'<div class="progress-meta">{escape(meta)}</div>{note}</div>'
    )


def progress_timeline(reports: list[ProgressReport], lang: str) -> str:
    """Every report, newest first, or a note that none was sent yet."""
    if not reports:
        return f'<div class="card-empty">{escape(t("progress_none_yet", lang))}</div>'
    return f'<div class="progress-timeline">{"".join(progress_entry(report, lang) for report in reports)}</div>'


def plan_card(row: PlanRow, lang: str, *, with_commitments: bool = True, today: date | None = None) -> str:
    """One action item as a card: activity, who leads, money, dates, what it answers."""
    item = row.item
    # In the order of the Thai action-plan form, as the summary and the exports list them.
    facts = [
        (t("plan_objective", lang), item.objective),
        (t("plan_target_group", lang), item.target_group),
        (t("plan_area", lang), item.area),
        (
            t("plan_dates", lang),
            f"{format_date(item.start_date, lang, short=True)} – {format_date(item.end_date, lang, short=True)}"
            if item.start_date or item.end_date
            else "",
        ),
        (
            t("plan_budget", lang),
            f"{format_baht(item.budget_baht, lang)} · {t(f'fund_{item.fund_source}', lang)}",
        ),
        (t("plan_indicator", lang), item.indicator),
        (t("plan_expected_result", lang), item.expected_result),
        (t("plan_lead", lang), item.lead_organisation),
        (t("plan_partners", lang), item.partners),
    ]
    rows = "".join(
        f'<div class="fact"><span class="fact-label">{escape(label)}</span> {escape(value)}</div>'
        for label, value in facts
        if value
    )
    answers = "".join(
        f'<li style="color:{KIND_COLOURS[ContributionKind(c.kind)]}">{escape(c.text)}{_answer_mark(c, lang)}</li>'
        for c in row.answers
    )
    answers_html = (
        f'<div class="fact-label">{escape(t("plan_answers", lang))}</div><ul class="answers">{answers}</ul>'
        if answers
        else ""
    )
    themes_html = theme_answers(row, lang)
    commitments_html = ""
    if with_commitments and row.commitments:
        entries = "".join(
            f"<li><b>{escape(c.organisation or c.author or '—')}</b>: {escape(c.text)}"
            f"{entered_mark(c.by_facilitator, lang)}</li>"
            for c in row.commitments
        )
        commitments_html = (
            f'<div class="fact-label">🤝 {escape(t("plan_commitments", lang))}</div>'
            f'<ul class="commitments">{entries}</ul>'
        )
    return (
        f'<article class="plan-card" data-item="{item.id}"><h4>{row.number}. {escape(item.activity)}</h4>'
        f"{due_flag(row, lang, today or thai_today())}"
        f"{item_progress_bar(row.progress, lang)}{rows}{themes_html}{answers_html}{commitments_html}</article>"
    )


def plan_board(rows: list[PlanRow], lang: str, *, with_commitments: bool = True) -> str:
    """The whole plan as cards, or a note that it is still empty."""
    if not rows:
        return f'<div class="card-empty">{escape(t("plan_empty", lang))}</div>'
    cards = "".join(plan_card(row, lang, with_commitments=with_commitments) for row in rows)
    return f'<div class="plan-board">{cards}</div>'


def text_card(text: str, *, kind: ContributionKind | None = None, meta: str = "") -> str:
    """A single plain-text card (one's own contribution on a phone)."""
    colour = KIND_COLOURS[kind] if kind else "#999"
    label = f'<div class="card-meta">{escape(meta)}</div>' if meta else ""
    return (
        f'<div class="card" style="border-left-color:{colour}"><div class="card-text">{escape(text)}</div>{label}</div>'
    )
