"""The forum's outcome as a Markdown document to file and share."""

import re
from datetime import date

from facilitation.core.i18n import format_baht, format_clock, format_date, t
from facilitation.exports.follow_up_tables import has_progress, progress_table, series_table
from facilitation.exports.summary import ForumSummary, ModerationSummary, overlap_line
from facilitation.forum.moderation_log import LogLine
from facilitation.forum.plans import Answer
from facilitation.forum.progress_read import thai_today
from models import Forum, ModerationAction

_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>|~$&])")
# What GitHub-flavoured viewers link by themselves: a scheme, "www." and an e-mail address.
# By the time these run, every backslash people typed is doubled: a run of an even number of
# backslashes is text, not an escape, so none of them makes what follows safe.
_SCHEME = re.compile(r"(?i)(https?|ftp|mailto|xmpp):")
_WWW = re.compile(r"(?i)www\.")
_EMAIL_AT = re.compile(r"(?<=[\w.+-])@(?=[\w-])")
# Streamlit's directives and emoji codes (:red[…], :material/home:, :smile:), for any
# viewer that reads them; `[` is escaped by then.
_DIRECTIVE = re.compile(r"(?<!\\)((?:\\\\)*):(?=[A-Za-z_-]+(?:/|:|\\\[))")
_BLOCK_START = re.compile(r"^(\s*)(\d*)([#>+=.)-])")


def md_escape(text: str) -> str:
    """Text that Markdown shows literally (people's words are never markup)."""
    escaped = _INLINE_MARKUP.sub(r"\\\1", text)
    # GitHub-flavoured viewers link a typed address by themselves; an escaped ":", "." or
    # "@" shows the same characters but is no longer an address.
    escaped = _SCHEME.sub(r"\1\\:", escaped)
    escaped = _WWW.sub(lambda found: found.group(0)[:3] + "\\.", escaped)
    escaped = _EMAIL_AT.sub(r"\\@", escaped)
    escaped = _DIRECTIVE.sub(r"\1\\:", escaped)
    # A leading "#", "-" or "1." would turn the line into a heading or a list.
    return _BLOCK_START.sub(r"\1\2\\\3", escaped)


def _cell(text: str) -> str:
    return md_escape(text).replace("\n", " ") or "—"


def _table(columns: dict[str, list[str]]) -> list[str]:
    """Columns of plain text as a Markdown table, every cell escaped."""
    lines = ["| " + " | ".join(md_escape(title) for title in columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in zip(*columns.values(), strict=True)]
    return [*lines, ""]


def to_markdown(summary: ForumSummary, lang: str, *, today: date | None = None) -> str:
    """The summary as a Markdown document in `lang`, ready to file.

    `today`: the day progress is read as of (overdue, stalled); Thailand's today when not given.
    """
    forum = summary.forum
    area = forum.area_name_th if lang == "th" else forum.area_name_en
    lines = [
        f"# {md_escape(forum.title)}",
        "",
        f"- **{t('summary_area', lang)}:** {md_escape(area)}",
        f"- **{t('summary_date', lang)}:** {format_date(forum.forum_date, lang)}",
        f"- **{t('summary_venue', lang)}:** {md_escape(forum.venue) or '—'}",
        f"- **{t('summary_code', lang)}:** {forum.code}",
        f"- **{t('summary_stage', lang)}:** {t(f'stage_{forum.stage}', lang)}",
        "",
        *_series(summary, lang),
        f"## {t('summary_participants', lang, count=summary.participant_total)}",
        "",
    ]
    lines += [
        f"- {t(f'sector_{sector.value}', lang)}: {count}"
        for sector, count in summary.participants_by_sector.items()
        if count
    ]
    if summary.registered_people:
        lines += ["", t("people_summary_registered", lang, count=summary.registered_people)]
    lines += ["", f"## {t('summary_share', lang)}", ""]
    for kind, items in summary.contributions.items():
        lines += [f"### {t(f'kind_{kind.value}', lang)} ({len(items)})", ""]
        for item in reversed(items):  # oldest first reads as the forum went
            sector = f" ({t(f'sector_{item.sector.value}', lang)})" if item.sector else ""
            lines.append(f"- {md_escape(item.text)}{sector}{_entered(item.by_facilitator, lang)}")
        lines.append("")
    if summary.words:
        said = " · ".join(f"{md_escape(word.text)} ({word.posts})" for word in summary.words)
        lines += [f"## {t('words_heading', lang)}", "", t("words_note", lang), "", said, ""]
    lines += [f"## {t('summary_plan', lang)}", ""]
    header = [
        t("plan_no", lang),
        t("plan_activity", lang),
        t("plan_objective", lang),
        t("plan_target_group", lang),
        t("plan_area", lang),
        t("plan_dates", lang),
        t("plan_budget", lang),
        t("plan_fund_source", lang),
        t("plan_indicator", lang),
        t("plan_expected_result", lang),
        t("plan_lead", lang),
        t("plan_partners", lang),
    ]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in summary.plan:
        action = row.item
        dates = f"{format_date(action.start_date, lang, short=True)} – {format_date(action.end_date, lang, short=True)}"
        cells = [
            str(row.number),
            _cell(action.activity),
            _cell(action.objective),
            _cell(action.target_group),
            _cell(action.area),
            dates,
            format_baht(action.budget_baht, lang),
            t(f"fund_{action.fund_source}", lang),
            _cell(action.indicator),
            _cell(action.expected_result),
            _cell(action.lead_organisation),
            _cell(action.partners),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"**{t('summary_budget_total', lang)}:** {format_baht(summary.budget_total, lang)}", ""]
    # Progress once anyone has reported: a plan just made has none, and its summary stays as it was.
    if has_progress(summary):
        day = today or thai_today()
        lines += [f"### {t('export_progress_heading', lang, date=format_date(day, lang))}", ""]
        lines += [t("export_progress_note", lang), "", *_table(progress_table(summary, lang, day))]
    for row in summary.plan:
        if row.answers:
            lines.append(f"**{row.number}. {md_escape(row.item.activity)}** — {t('plan_answers', lang)}:")
            lines += [f"- {md_escape(c.text)}{_answer_mark(c, lang)}" for c in row.answers]
            lines.append("")
    if summary.overlaps:
        lines += [f"### {t('summary_overlaps_heading', lang)}", ""]
        lines += [f"- {md_escape(overlap_line(flag, lang))}" for flag in summary.overlaps]
        lines.append("")
    lines += [f"## {t('summary_act', lang)}", ""]
    if not summary.commitment_total:
        lines += [t("summary_no_commitments", lang), ""]
    for row in summary.plan:
        for commitment in row.commitments:
            who = md_escape(commitment.organisation or commitment.author or "—")
            entered = _entered(commitment.by_facilitator, lang)
            lines.append(
                f"- **{who}** → {row.number}. {md_escape(row.item.activity)}: {md_escape(commitment.text)}{entered}"
            )
    lines += ["", *_moderation(summary.moderation, lang)]
    lines += [f"_{t('summary_footer', lang)}_", ""]
    return "\n".join(lines)


def _series(summary: ForumSummary, lang: str) -> list[str]:
    """The forums of this one's series as a timeline table (nothing for a forum on its own)."""
    forums = series_table(summary, lang)
    return [f"## {t('followup_series_heading', lang)}", "", *_table(forums)] if forums else []


def _log_note(line: LogLine, lang: str) -> str:
    # The words a post was held for, or a forum's list of them, stay in the console: this
    # file goes to agencies. A settings change says what it became.
    if line.action == ModerationAction.SETTING_CHANGED:
        return t(f"moderation_pre_approval_{line.detail}", lang)
    if line.action == ModerationAction.WORDS_CHANGED:
        return t("moderation_words_count", lang, count=len(line.detail.split(", ")) if line.detail else 0)
    return line.reason


def _moderation(moderation: ModerationSummary, lang: str) -> list[str]:
    """How many posts were hidden or wait, and the audit log; hidden posts' words stay out of the file."""
    if not (moderation.log_total or moderation.hidden or moderation.pending):
        return []
    lines = [
        f"## {t('moderation_heading', lang)}",
        "",
        f"- {t('moderation_summary_hidden', lang, count=moderation.hidden)}",
        f"- {t('moderation_summary_pending', lang, count=moderation.pending)}",
        f"- {t('moderation_summary_log', lang, count=moderation.log_total)}",
        "",
    ]
    if moderation.log:
        header = [t(key, lang) for key in ("moderation_log_at", "moderation_log_action", "moderation_log_post")]
        header += [t("moderation_log_by", lang), t("moderation_log_reason", lang)]
        lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for line in reversed(moderation.log):  # oldest first reads as the forum went
            cells = [
                format_clock(line.at, lang),
                t(f"moderation_action_{line.action.value}", lang),
                f"#{line.contribution_id}" if line.contribution_id else "—",
                t(f"moderation_by_{line.by_role}", lang),
                _cell(_log_note(line, lang)),
            ]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return lines


def _entered(by_facilitator: bool, lang: str) -> str:
    # Typed at the console for someone registered without a phone.
    return f" _({t('people_entered_mark', lang)})_" if by_facilitator else ""


def _answer_mark(answer: Answer, lang: str) -> str:
    # The plan keeps the words it was tied to; say when the post changed or went since.
    if answer.hidden:
        return f" _({t('plan_answer_hidden', lang)})_"
    if answer.withdrawn:
        return f" _({t('plan_answer_withdrawn', lang)})_"
    if answer.edited:
        return f" _({t('plan_answer_edited', lang)})_"
    return ""


def summary_filename(forum: Forum) -> str:
    """`forum-K7M2QX-2027-02-18.md`."""
    return f"forum-{forum.code}-{forum.forum_date.isoformat()}.md"
