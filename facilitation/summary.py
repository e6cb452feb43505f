"""The forum's outcome: what was raised, the action plan, who committed; as Markdown."""

import re
from collections import Counter
from dataclasses import dataclass

from sqlmodel import Session, select

from facilitation.contributions import FeedItem, feed
from facilitation.i18n import format_baht, format_date, t
from facilitation.plans import PlanRow, plan
from models import ContributionKind, Forum, Participant, Sector

_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>|~$&])")
_BLOCK_START = re.compile(r"^(\s*)(\d*)([#>+=.)-])")


@dataclass(frozen=True)
class ForumSummary:
    forum: Forum
    participants_by_sector: dict[Sector, int]
    contributions: dict[ContributionKind, list[FeedItem]]
    plan: list[PlanRow]

    @property
    def participant_total(self) -> int:
        return sum(self.participants_by_sector.values())

    @property
    def budget_total(self) -> int:
        return sum(row.item.budget_baht for row in self.plan)

    @property
    def commitment_total(self) -> int:
        return sum(len(row.commitments) for row in self.plan)


def build_summary(*, session: Session, forum_id: int) -> ForumSummary:
    """Everything the summary shows, read in one snapshot."""
    forum = session.get(Forum, forum_id)
    if forum is None:
        raise LookupError(forum_id)
    sectors = Counter(
        Sector(s) for s in session.exec(select(Participant.sector).where(Participant.forum_id == forum_id))
    )
    return ForumSummary(
        forum=forum,
        participants_by_sector={sector: sectors.get(sector, 0) for sector in Sector},
        contributions=feed(session=session, forum_id=forum_id),
        plan=plan(session=session, forum_id=forum_id),
    )


def md_escape(text: str) -> str:
    """Text that Markdown shows literally (people's words are never markup)."""
    escaped = _INLINE_MARKUP.sub(r"\\\1", text)
    # A leading "#", "-" or "1." would turn the line into a heading or a list.
    return _BLOCK_START.sub(r"\1\2\\\3", escaped)


def _cell(text: str) -> str:
    return md_escape(text).replace("\n", " ") or "—"


def to_markdown(summary: ForumSummary, lang: str) -> str:
    """The summary as a Markdown document in `lang`, ready to file."""
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
        f"## {t('summary_participants', lang, count=summary.participant_total)}",
        "",
    ]
    lines += [
        f"- {t(f'sector_{sector.value}', lang)}: {count}"
        for sector, count in summary.participants_by_sector.items()
        if count
    ]
    lines += ["", f"## {t('summary_share', lang)}", ""]
    for kind, items in summary.contributions.items():
        lines += [f"### {t(f'kind_{kind.value}', lang)} ({len(items)})", ""]
        for item in reversed(items):  # oldest first reads as the forum went
            sector = f" ({t(f'sector_{item.sector.value}', lang)})" if item.sector else ""
            lines.append(f"- {md_escape(item.text)}{sector}")
        lines.append("")
    lines += [f"## {t('summary_plan', lang)}", ""]
    header = [
        t("plan_no", lang),
        t("plan_activity", lang),
        t("plan_objective", lang),
        t("plan_target_group", lang),
        t("plan_dates", lang),
        t("plan_budget", lang),
        t("plan_fund_source", lang),
        t("plan_lead", lang),
        t("plan_partners", lang),
        t("plan_indicator", lang),
        t("plan_expected_result", lang),
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
            dates,
            format_baht(action.budget_baht, lang),
            t(f"fund_{action.fund_source}", lang),
            _cell(action.lead_organisation),
            _cell(action.partners),
            _cell(action.indicator),
            _cell(action.expected_result),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"**{t('summary_budget_total', lang)}:** {format_baht(summary.budget_total, lang)}", ""]
    for row in summary.plan:
        if row.answers:
            lines.append(f"**{row.number}. {md_escape(row.item.activity)}** — {t('plan_answers', lang)}:")
            lines += [f"- {md_escape(c.text)}" for c in row.answers]
            lines.append("")
    lines += [f"## {t('summary_act', lang)}", ""]
    if not summary.commitment_total:
        lines += [t("summary_no_commitments", lang), ""]
    for row in summary.plan:
        for commitment in row.commitments:
            who = md_escape(commitment.organisation or commitment.author or "—")
            lines.append(f"- **{who}** → {row.number}. {md_escape(row.item.activity)}: {md_escape(commitment.text)}")
    lines += ["", f"_{t('summary_footer', lang)}_", ""]
    return "\n".join(lines)


def summary_filename(forum: Forum) -> str:
    """`forum-K7M2QX-2027-02-18.md`."""
    return f"forum-{forum.code}-{forum.forum_date.isoformat()}.md"


def plan_table(summary: ForumSummary, lang: str) -> dict[str, list[str]]:
    """The action plan as columns in the order of the Thai action-plan form."""
    rows = [row.item for row in summary.plan]
    return {
        t("plan_no", lang): [str(row.number) for row in summary.plan],
        t("plan_activity", lang): [item.activity for item in rows],
        t("plan_objective", lang): [item.objective for item in rows],
        t("plan_target_group", lang): [item.target_group for item in rows],
        t("plan_dates", lang): [
            f"{format_date(i.start_date, lang, short=True)} – {format_date(i.end_date, lang, short=True)}" for i in rows
        ],
        t("plan_budget", lang): [format_baht(item.budget_baht, lang) for item in rows],
        t("plan_fund_source", lang): [t(f"fund_{item.fund_source}", lang) for item in rows],
        t("plan_lead", lang): [item.lead_organisation for item in rows],
        t("plan_partners", lang): [item.partners for item in rows],
        t("plan_indicator", lang): [item.indicator for item in rows],
        t("plan_expected_result", lang): [item.expected_result for item in rows],
        t("plan_commitments", lang): [str(len(row.commitments)) for row in summary.plan],
    }
