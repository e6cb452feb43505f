"""The forum's summary as a Word document: the PDF's content, in tables an office can edit before filing."""

from datetime import date
from io import BytesIO

from docx.document import Document as DocxDocument

from facilitation.core.i18n import format_baht, format_date, t
from facilitation.exports.docx_text import (
    HEAD_SHADE,
    Cell,
    add_heading,
    add_paragraph,
    add_row,
    add_rows,
    add_table,
    add_text,
    new_section,
    split_width,
    text_width,
    thai_document,
    thai_runs,
)
from facilitation.exports.follow_up_tables import has_progress, progress_table, series_table
from facilitation.exports.report import ForumReport
from facilitation.exports.summary import overlap_line, plan_table
from facilitation.forum.contributions import FeedItem
from facilitation.forum.plans import Answer, PlanRow
from facilitation.forum.progress_read import thai_today

# Relative widths of the plan's columns, in the order of plan_table.
PLAN_WEIGHTS = (0.8, 1.9, 1.9, 1.5, 1.1, 1.3, 1.1, 1.3, 1.5, 1.5, 1.4, 1.4, 1.0)
PLAN_BUDGET_COLUMN = 6
# The progress table's, in the order of follow_up_tables.progress_table.
PROGRESS_WEIGHTS = (0.6, 4.0, 1.3, 1.0, 1.4, 1.3, 1.5)


def _columns_table(document: DocxDocument, titled: dict[str, list[str]], weights: tuple[float, ...]) -> None:
    _table(document, list(titled), [list(row) for row in zip(*titled.values(), strict=True)], weights)


def _table(document: DocxDocument, headers: list[str], rows: list[list[str]], weights: tuple[float, ...]) -> None:
    widths = split_width(text_width(document.sections[-1]), weights)
    grid = add_table(document, widths)
    add_row(grid, [Cell(text, bold=True, shade=HEAD_SHADE, align="center") for text in headers], widths, header=True)
    add_rows(grid, rows, widths)


def _header(document: DocxDocument, report: ForumReport) -> None:
    forum, lang = report.summary.forum, report.lang
    add_heading(document, forum.title, 0)
    area = forum.area_name_th if lang == "th" else forum.area_name_en
    for key, value in (
        ("summary_area", area),
        ("summary_date", format_date(forum.forum_date, lang)),
        ("summary_venue", forum.venue or "—"),
        ("summary_code", forum.code),
    ):
        paragraph = add_paragraph(document, f"{t(key, lang)}: ", bold=True)
        add_text(paragraph, value)
    if report.anonymised:
        add_paragraph(document, t("docx_anonymised", lang))


def _series(document: DocxDocument, report: ForumReport) -> None:
    """The forums of this one's series, oldest first: nothing for a forum on its own."""
    forums = series_table(report.summary, report.lang)
    if forums:
        add_heading(document, t("followup_series_heading", report.lang), 1)
        _columns_table(document, forums, (1.4, 4.0, 1.2, 1.0, 1.0))


def _participants(document: DocxDocument, report: ForumReport) -> None:
    summary, lang = report.summary, report.lang
    add_heading(document, t("summary_participants", lang, count=summary.participant_total), 1)
    rows = [
        [t(f"sector_{sector.value}", lang), str(count)]
        for sector, count in summary.participants_by_sector.items()
        if count
    ]
    if rows:
        _table(document, [t("summary_sector", lang), t("summary_count", lang)], rows, (3, 1))
    if summary.registered_people:
        add_paragraph(document, t("people_summary_registered", lang, count=summary.registered_people))


def _tree(document: DocxDocument, lang: str, tree_png: bytes | None) -> None:
    add_heading(document, t("docx_tree_heading", lang), 1)
    if tree_png is None:
        add_paragraph(document, t("docx_tree_needs_browser", lang))
        return
    document.add_picture(BytesIO(tree_png), width=text_width(document.sections[-1]))
    thai_runs(document.paragraphs[-1])
    add_paragraph(document, t("tree_adapted", lang))


def _room(document: DocxDocument, report: ForumReport) -> None:
    """What the room said most, its themes and its votes, when the forum used them."""
    summary, lang = report.summary, report.lang
    if summary.words:
        add_heading(document, t("words_heading", lang), 1)
        add_paragraph(document, t("words_note", lang))
        rows = [[word.text, str(word.posts)] for word in summary.words]
        _table(document, [t("docx_word", lang), t("docx_posts", lang)], rows, (3, 1))
    if report.used_themes:
        add_heading(document, t("themes_heading", lang, count=len(report.themes)), 1)
        rows = [[theme.name, str(theme.posts)] for theme in report.themes]
        _table(document, [t("docx_theme", lang), t("docx_posts", lang)], rows, (3, 1))
    for vote in report.votes:
        add_heading(document, f"{t('vote_results_heading', lang)}: {vote.question}", 1)
        add_paragraph(document, t("docx_vote_dots", lang, dots=vote.dots_per_person))
        headers = [t(key, lang) for key in ("docx_rank", "docx_option", "docx_dots", "docx_people")]
        rows = [[str(option.rank), option.label, str(option.dots), str(option.people)] for option in vote.options]
        _table(document, headers, rows, (0.7, 4, 0.8, 0.8))


def _entered(by_facilitator: bool, lang: str) -> str:
    # Typed at the console for someone registered without a phone.
    return f" ({t('people_entered_mark', lang)})" if by_facilitator else ""


def _raised_by(item: FeedItem) -> str:
    return f"{item.author} ({item.organisation})" if item.organisation else item.author


def _contributions(document: DocxDocument, report: ForumReport) -> None:
    lang = report.lang
    add_heading(document, t("summary_share", lang), 1)
    # Anonymised, the author is already the sector: one column says it.
    headers = [t("plan_no", lang), t("docx_post_text", lang)]
    headers += (
        [t("summary_sector", lang)] if report.anonymised else [t("docx_post_author", lang), t("summary_sector", lang)]
    )
    weights = (0.5, 5, 1.5) if report.anonymised else (0.5, 4, 1.8, 1.2)
    for kind, items in report.summary.contributions.items():
        add_heading(document, f"{t(f'kind_{kind.value}', lang)} ({len(items)})", 2)
        rows = []
        for number, item in enumerate(reversed(items), start=1):  # oldest first reads as the forum went
            sector = t(f"sector_{item.sector.value}", lang) if item.sector else "—"
            text = item.text + _entered(item.by_facilitator, lang)
            rows.append(
                [str(number), text, sector] if report.anonymised else [str(number), text, _raised_by(item), sector]
            )
        if rows:
            _table(document, headers, rows, weights)


def _plan(document: DocxDocument, report: ForumReport, today: date) -> None:
    summary, lang = report.summary, report.lang
    new_section(document, landscape=True)
    add_heading(document, t("summary_plan", lang), 1)
    if not summary.plan:
        add_paragraph(document, t("plan_empty", lang))
    else:
        columns = plan_table(summary, lang)
        widths = split_width(text_width(document.sections[-1]), PLAN_WEIGHTS)
        grid = add_table(document, widths)
        add_row(
            grid, [Cell(name, bold=True, shade=HEAD_SHADE, align="center") for name in columns], widths, header=True
        )
        for index in range(len(summary.plan)):
            cells = [
                Cell(values[index], align="right" if column == PLAN_BUDGET_COLUMN else None)
                for column, values in enumerate(columns.values())
            ]
            add_row(grid, cells, widths)
    add_paragraph(document, f"{t('summary_budget_total', lang)}: {format_baht(summary.budget_total, lang)}", bold=True)
    if has_progress(summary):  # a plan just made has none: its file stays as it was
        add_heading(document, t("export_progress_heading", lang, date=format_date(today, lang)), 2)
        add_paragraph(document, t("export_progress_note", lang))
        _columns_table(document, progress_table(summary, lang, today), PROGRESS_WEIGHTS)
    new_section(document, landscape=False)


def _answer_mark(answer: Answer, lang: str) -> str:
    # The plan keeps the words it was tied to; say when the post changed or went since.
    for flag, key in (
        (answer.hidden, "plan_answer_hidden"),
        (answer.withdrawn, "plan_answer_withdrawn"),
        (answer.edited, "plan_answer_edited"),
    ):
        if flag:
            return f" ({t(key, lang)})"
    return ""


def _item(document: DocxDocument, row: PlanRow, lang: str) -> None:
    add_heading(document, f"{row.number}. {row.item.activity}", 2)
    if row.answers:
        add_paragraph(document, f"{t('plan_answers', lang)}:", bold=True)
        for answer in row.answers:
            add_paragraph(document, answer.text + _answer_mark(answer, lang), style="List Bullet")
    if row.commitments:
        headers = [t(key, lang) for key in ("docx_commit_org", "docx_commit_by", "docx_commit_text")]
        rows = [
            [c.organisation or "—", c.author or "—", c.text + _entered(c.by_facilitator, lang)] for c in row.commitments
        ]
        _table(document, headers, rows, (1.6, 1.4, 4))


def _act(document: DocxDocument, report: ForumReport) -> None:
    summary, lang = report.summary, report.lang
    add_heading(document, t("summary_act", lang), 1)
    if not summary.commitment_total:
        add_paragraph(document, t("summary_no_commitments", lang))
    for row in summary.plan:
        if row.answers or row.commitments:
            _item(document, row, lang)
    if summary.overlaps:
        add_heading(document, t("summary_overlaps_heading", lang), 1)
        for flag in summary.overlaps:
            add_paragraph(document, overlap_line(flag, lang), style="List Bullet")
    moderation = summary.moderation
    if moderation.log_total or moderation.hidden or moderation.pending:
        add_heading(document, t("moderation_heading", lang), 1)
        add_paragraph(document, t("moderation_summary_hidden", lang, count=moderation.hidden), style="List Bullet")
        add_paragraph(document, t("moderation_summary_pending", lang, count=moderation.pending), style="List Bullet")
        add_paragraph(document, t("moderation_summary_log", lang, count=moderation.log_total), style="List Bullet")


def summary_docx(report: ForumReport, *, tree_png: bytes | None, today: date | None = None) -> bytes:
    """The report as a .docx: header, series, people, tree, words, themes, votes, posts, the plan and its
    progress (landscape), commitments.

    `tree_png` is the welfare tree drawn by kaleido; None (no browser on the server) puts a note in its place.
    `today`: the day progress is read as of (overdue, stalled); Thailand's today when not given.
    """
    lang = report.lang
    document = thai_document(lang, page_label=t("docx_page", lang))
    _header(document, report)
    _series(document, report)
    _participants(document, report)
    _tree(document, lang, tree_png)
    _room(document, report)
    _contributions(document, report)
    _plan(document, report, today or thai_today())
    _act(document, report)
    add_paragraph(document, t("summary_footer", lang))
    out = BytesIO()
    document.save(out)
    return out.getvalue()
