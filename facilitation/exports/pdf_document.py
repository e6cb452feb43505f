"""The forum's outcome as a Thai PDF an agency can print, sign and file."""

from datetime import date

from facilitation.core.i18n import format_baht, format_date, t
from facilitation.exports.follow_up_tables import has_progress, progress_table, series_table
from facilitation.exports.pdf_layout import ThaiPdf
from facilitation.exports.pdf_table import Column, table
from facilitation.exports.report import ForumReport
from facilitation.exports.summary import ForumSummary, overlap_line, plan_table
from facilitation.forum.contributions import FeedItem
from facilitation.forum.plans import CommitmentView
from facilitation.forum.progress_read import thai_today
from models import Sector

Shape = tuple[tuple[float, str], ...]  # each column's share of the width, and its alignment
# Posts listed per kind, the newest: past that the PDF says how many it leaves out. Each printed
# line costs fpdf2 about a millisecond to shape, and 5,000 posts would be some 150 pages.
FEED_SHOWN = 200
# The plan form's columns (summary.plan_table's order): share of the landscape width, alignment.
PLAN_COLUMNS: Shape = (
    (0.55, "C"),  # ที่
    (2.2, "L"),  # โครงการ/กิจกรรม
    (2.0, "L"),  # วัตถุประสงค์
    (1.5, "L"),  # กลุ่มเป้าหมาย
    (1.3, "L"),  # พื้นที่
    (1.45, "L"),  # ระยะเวลา
    (1.25, "R"),  # งบประมาณ
    (1.25, "L"),  # แหล่งงบประมาณ
    (1.6, "L"),  # ตัวชี้วัด
    (1.8, "L"),  # ผลที่คาดว่าจะได้รับ
    (1.5, "L"),  # หน่วยงานรับผิดชอบหลัก
    (1.4, "L"),  # หน่วยงานร่วม
    (0.95, "C"),  # พันธะสัญญา
)
# The progress table's columns (follow_up_tables.progress_table's order), on the plan's landscape page.
PROGRESS_COLUMNS: Shape = ((0.55, "C"), (4.0, "L"), (1.3, "L"), (1.0, "R"), (1.4, "R"), (1.3, "L"), (1.5, "L"))
TREE_HEIGHT = 150.0  # mm: the tree is drawn 1400 × 1000 px, landscape, across a portrait page


def _header(pdf: ThaiPdf, report: ForumReport) -> None:
    lang = report.lang
    forum = report.summary.forum
    pdf.heading(forum.title, level=1)
    facts = [
        ("summary_area", forum.area_name_th if lang == "th" else forum.area_name_en),
        ("summary_date", format_date(forum.forum_date, lang)),
        ("summary_venue", forum.venue or "—"),
        ("summary_code", forum.code),
    ]
    for key, value in facts:
        pdf.paragraph(f"{t(key, lang)}: {value}")
    if report.anonymised:
        pdf.note(t("pdf_anonymised_note", lang))


def _columns(titled: dict[str, list[str]], shape: Shape) -> tuple[list[Column], list[list[str]]]:
    columns = [Column(title, weight, align) for title, (weight, align) in zip(titled, shape, strict=True)]
    return columns, [list(row) for row in zip(*titled.values(), strict=True)]


def _series(pdf: ThaiPdf, summary: ForumSummary, lang: str) -> None:
    """The forums of this one's series, oldest first: nothing for a forum on its own."""
    forums = series_table(summary, lang)
    if forums:
        pdf.heading(t("followup_series_heading", lang))
        table(pdf, *_columns(forums, ((2.0, "L"), (4.6, "L"), (1.7, "L"), (1.0, "R"), (1.0, "R"))), size=10.0)


def _participants(pdf: ThaiPdf, summary: ForumSummary, lang: str) -> None:
    pdf.heading(t("summary_participants", lang, count=summary.participant_total))
    columns = [Column(t("summary_sector", lang), 3), Column(t("summary_count", lang), 1, "R")]
    rows = [[t(f"sector_{sector.value}", lang), str(count)] for sector, count in summary.participants_by_sector.items()]
    rows.append([t("pdf_total", lang), str(summary.participant_total)])
    table(pdf, columns, rows, size=10.5)
    if summary.registered_people:
        pdf.ln(1)
        pdf.paragraph(t("people_summary_registered", lang, count=summary.registered_people))


def _tree(pdf: ThaiPdf, tree_png: bytes | None, lang: str) -> None:
    if tree_png is not None:  # the heading goes where the picture goes
        pdf.ensure_room(pdf.png_size(tree_png, max_height=TREE_HEIGHT)[1] + 15)
    pdf.heading(t("pdf_tree_heading", lang))
    if tree_png is None:
        pdf.note(t("pdf_tree_needs_browser", lang))
    else:
        pdf.png(tree_png, max_height=TREE_HEIGHT)


def _room(pdf: ThaiPdf, report: ForumReport) -> None:
    """What the room said most, its themes and its dot votes: each only when the forum used it."""
    lang, words = report.lang, report.summary.words
    if words:
        pdf.heading(t("words_heading", lang))
        pdf.note(t("pdf_words_note", lang))
        # No-break spaces keep each rank, word and count together on a line.
        ranked = (f"{rank}.\u00a0{word.text}\u00a0({word.posts:,})" for rank, word in enumerate(words, 1))
        pdf.paragraph("   ".join(ranked))
    if report.used_themes:
        pdf.heading(t("pdf_themes_heading", lang))
        columns = [Column(t("themes_name", lang), 4), Column(t("pdf_posts", lang), 1, "R")]
        table(pdf, columns, [[theme.name, str(theme.posts)] for theme in report.themes])
    for vote in report.votes:
        pdf.heading(t("pdf_vote_heading", lang, question=vote.question), level=3)
        pdf.note(t("pdf_vote_dots_each", lang, dots=vote.dots_per_person))
        columns = [
            Column(t("pdf_vote_rank", lang), 0.8, "C"),
            Column(t("pdf_vote_option", lang), 5),
            Column(t("pdf_vote_dots", lang), 1, "R"),
            Column(t("pdf_vote_people", lang), 1, "R"),
        ]
        rows = [[str(option.rank), option.label, str(option.dots), str(option.people)] for option in vote.options]
        table(pdf, columns, rows)


def _sector(sector: Sector | None, lang: str) -> str:
    return t(f"sector_{sector.value}", lang) if sector else ""


def _post_line(item: FeedItem, lang: str) -> str:
    # The report is anonymised already when asked: the author is then the sector's name.
    who = item.author or _sector(item.sector, lang) or "—"
    if item.organisation:
        who = f"{who}, {item.organisation}"
    if item.by_facilitator:
        who = f"{who}; {t('people_entered_mark', lang)}"
    return f"{item.text} — {who}"


def _contributions(pdf: ThaiPdf, summary: ForumSummary, lang: str) -> None:
    pdf.heading(t("summary_share", lang))
    for kind, items in summary.contributions.items():  # each kind newest first
        pdf.heading(f"{t(f'kind_{kind.value}', lang)} ({len(items):,})", level=3)
        if not items:
            pdf.note(t("pdf_feed_empty", lang))
        if len(items) > FEED_SHOWN:
            rest = len(items) - FEED_SHOWN
            pdf.note(t("pdf_feed_cut", lang, shown=f"{FEED_SHOWN:,}", total=f"{len(items):,}", rest=f"{rest:,}"))
        for item in reversed(items[:FEED_SHOWN]):  # oldest first reads as the forum went
            pdf.paragraph(_post_line(item, lang), bullet="•", indent=2)


def _plan(pdf: ThaiPdf, summary: ForumSummary, lang: str) -> None:
    """The action plan on landscape pages, in the columns of the Thai action-plan form."""
    pdf.add_page(orientation="landscape")
    pdf.heading(t("summary_plan", lang))
    if not summary.plan:
        pdf.paragraph(t("plan_empty", lang))
        return
    table(pdf, *_columns(plan_table(summary, lang), PLAN_COLUMNS), size=9.0)
    pdf.ln(2)
    pdf.paragraph(f"{t('summary_budget_total', lang)}: {format_baht(summary.budget_total, lang)}", style="B")


def _progress(pdf: ThaiPdf, summary: ForumSummary, lang: str, today: date) -> None:
    """Where each activity stands, once anyone has reported: a plan just made prints none."""
    if not has_progress(summary):
        return
    pdf.heading(t("export_progress_heading", lang, date=format_date(today, lang)))
    pdf.note(t("export_progress_note", lang))
    table(pdf, *_columns(progress_table(summary, lang, today), PROGRESS_COLUMNS), size=9.5)


def _owner(commitment: CommitmentView, lang: str) -> str:
    # An organisation's commitment is public; the person stays as the report gives them.
    who = ", ".join(part for part in (commitment.organisation, commitment.author) if part) or "—"
    return f"{who}; {t('people_entered_mark', lang)}" if commitment.by_facilitator else who


def _commitments(pdf: ThaiPdf, summary: ForumSummary, lang: str) -> None:
    pdf.heading(t("summary_act", lang))
    if not summary.commitment_total:
        pdf.paragraph(t("summary_no_commitments", lang))
    for row in summary.plan:
        if row.commitments:
            pdf.heading(f"{row.number}. {row.item.activity}", level=3)
            for commitment in row.commitments:
                pdf.paragraph(f"{_owner(commitment, lang)}: {commitment.text}", bullet="•", indent=2)


def _overlaps_and_moderation(pdf: ThaiPdf, summary: ForumSummary, lang: str) -> None:
    if summary.overlaps:
        pdf.heading(t("summary_overlaps_heading", lang))
        for flag in summary.overlaps:
            pdf.paragraph(overlap_line(flag, lang), bullet="•", indent=2)
    moderation = summary.moderation
    pdf.heading(t("moderation_heading", lang))
    pdf.paragraph(t("moderation_summary_hidden", lang, count=moderation.hidden), bullet="•", indent=2)
    pdf.paragraph(t("moderation_summary_pending", lang, count=moderation.pending), bullet="•", indent=2)
    pdf.paragraph(t("moderation_summary_log", lang, count=moderation.log_total), bullet="•", indent=2)


def summary_pdf(report: ForumReport, *, tree_png: bytes | None, today: date | None = None) -> bytes:
    """The report as an A4 PDF in report.lang; `tree_png` is the welfare tree (None: a note says why not).

    `today`: the day progress is read as of (overdue, stalled); Thailand's today when not given.
    """
    lang, summary = report.lang, report.summary
    pdf = ThaiPdf(lang=lang)
    pdf.set_title(summary.forum.title)
    pdf.set_creator(t("summary_footer", lang))
    pdf.add_page()
    _header(pdf, report)
    _series(pdf, summary, lang)
    _participants(pdf, summary, lang)
    _tree(pdf, tree_png, lang)
    _room(pdf, report)
    _contributions(pdf, summary, lang)
    _plan(pdf, summary, lang)
    _progress(pdf, summary, lang, today or thai_today())
    pdf.add_page(orientation="portrait")
    _commitments(pdf, summary, lang)
    _overlaps_and_moderation(pdf, summary, lang)
    pdf.ln(4)
    pdf.note(t("summary_footer", lang))
    return bytes(pdf.output())
