"""The forum's outcome: who came, what was raised, the action plan and who committed."""

from collections import Counter
from dataclasses import dataclass, field

from sqlmodel import Session, select

from facilitation.core.errors import ForumNotFound
from facilitation.core.i18n import format_baht, format_date, t
from facilitation.forum.contributions import FeedItem, feed
from facilitation.forum.follow_up import SeriesForum, forum_series
from facilitation.forum.moderation_log import LogLine, log_count, moderation_log
from facilitation.forum.overlaps import OverlapFlag, open_overlaps
from facilitation.forum.people_without_phones import registered_count
from facilitation.forum.plans import PlanRow, plan
from facilitation.forum.post_texts import room_words
from facilitation.present.word_cloud import Word, ranked
from models import Contribution, ContributionKind, ContributionStatus, Forum, Participant, Sector

# The audit-log lines the Markdown file lists in full; past that it gives their count.
LOG_LINES = 500


@dataclass(frozen=True)
class ModerationSummary:
    """What moderation did in the forum: how many posts it hid and holds, and its audit log."""

    hidden: int  # hidden by the facilitator (left out of everything above)
    pending: int  # still waiting for the facilitator
    log_total: int
    log: list[LogLine]  # newest first, at most LOG_LINES


@dataclass(frozen=True)
class ForumSummary:
    forum: Forum
    participants_by_sector: dict[Sector, int]
    contributions: dict[ContributionKind, list[FeedItem]]
    plan: list[PlanRow]
    words: list[Word]  # what the room said most, less the words the facilitator left out
    overlaps: list[OverlapFlag]  # flags between organisations' plans nobody has marked yet
    moderation: ModerationSummary
    registered_people: int = 0  # of the participants, those the facilitator registered without a phone
    # The forums of its series (follow-ups in the same area), oldest first; just this one when none.
    series: list[SeriesForum] = field(default_factory=list)

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
        raise ForumNotFound(id=forum_id)
    room = room_words(session=session, forum_id=forum_id)
    sectors = Counter(
        Sector(s) for s in session.exec(select(Participant.sector).where(Participant.forum_id == forum_id))
    )
    statuses = Counter(
        ContributionStatus(status)
        for status in session.exec(select(Contribution.status).where(Contribution.forum_id == forum_id))
    )
    log = moderation_log(session=session, forum_id=forum_id, limit=LOG_LINES + 1)
    total = len(log) if len(log) <= LOG_LINES else log_count(session=session, forum_id=forum_id)
    rows = plan(session=session, forum_id=forum_id)
    return ForumSummary(
        forum=forum,
        participants_by_sector={sector: sectors.get(sector, 0) for sector in Sector},
        contributions=feed(session=session, forum_id=forum_id),
        plan=rows,
        words=ranked(room.posts, exclude=room.left_out),
        moderation=ModerationSummary(
            hidden=statuses.get(ContributionStatus.HIDDEN, 0),
            pending=statuses.get(ContributionStatus.PENDING, 0),
            log_total=total,
            log=log[:LOG_LINES],
        ),
        overlaps=open_overlaps(session=session, forum_id=forum_id, rows=rows),
        registered_people=registered_count(session=session, forum_id=forum_id),
        series=forum_series(session=session, forum_id=forum_id),
    )


def overlap_line(flag: OverlapFlag, lang: str) -> str:
    """One open overlap as a sentence: who, which activities, and what the app suggests."""
    return t(
        "summary_overlap_line",
        lang,
        first=flag.first.organisation,
        first_number=flag.first.item_number,
        second=flag.second.organisation,
        second_number=flag.second.item_number,
        suggestion=t(f"overlap_suggestion_{flag.suggestion}", lang),
    )


def plan_table(summary: ForumSummary, lang: str) -> dict[str, list[str]]:
    """The action plan as columns in the order of the Thai action-plan form."""
    rows = [row.item for row in summary.plan]
    return {
        t("plan_no", lang): [str(row.number) for row in summary.plan],
        t("plan_activity", lang): [item.activity for item in rows],
        t("plan_objective", lang): [item.objective for item in rows],
        t("plan_target_group", lang): [item.target_group for item in rows],
        t("plan_area", lang): [item.area for item in rows],
        t("plan_dates", lang): [
            f"{format_date(i.start_date, lang, short=True)} – {format_date(i.end_date, lang, short=True)}" for i in rows
        ],
        t("plan_budget", lang): [format_baht(item.budget_baht, lang) for item in rows],
        t("plan_fund_source", lang): [t(f"fund_{item.fund_source}", lang) for item in rows],
        t("plan_indicator", lang): [item.indicator for item in rows],
        t("plan_expected_result", lang): [item.expected_result for item in rows],
        t("plan_lead", lang): [item.lead_organisation for item in rows],
        t("plan_partners", lang): [item.partners for item in rows],
        t("plan_commitments", lang): [str(len(row.commitments)) for row in summary.plan],
    }
