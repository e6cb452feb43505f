"""The forum's outcome as tables: themes, votes, the action plan and the commitments made to it."""

from dataclasses import dataclass
from itertools import groupby

from sqlalchemy import func

# sqlmodel's select types at most four columns; a table's row reads more in one statement.
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from facilitation.core.i18n import t
from facilitation.exports.report import sector_label
from facilitation.exports.table_shape import Cell, ColumnKind, Table, make_table
from facilitation.forum.plans import PlanRow
from facilitation.forum.themes import visible_post_counts
from models import (
    Contribution,
    ContributionStatus,
    OptionSubject,
    Theme,
    Vote,
    VoteDot,
    VoteOption,
    saved_id,
)


@dataclass(frozen=True)
class OptionLine:
    vote_id: int
    question: str
    subject: OptionSubject
    subject_id: int
    label: str
    dots: int
    people: int


def vote_options(*, session: Session, forum_id: int, lang: str) -> list[OptionLine]:
    """Every option of every vote of the forum with its dots, votes in the order opened, most dots first."""
    totals = (
        select(
            VoteDot.option_id,
            func.sum(VoteDot.dots).label("dots"),
            func.count().filter(col(VoteDot.dots) > 0).label("people"),
        )
        .join(Vote, col(Vote.id) == VoteDot.vote_id)
        .where(col(Vote.forum_id) == forum_id)
        .group_by(col(VoteDot.option_id))
        .subquery()
    )
    dots = func.coalesce(totals.c.dots, 0)
    found = session.execute(
        select_columns(
            col(Vote.id),
            col(Vote.question),
            col(VoteOption.subject_kind),
            col(VoteOption.subject_id),
            col(VoteOption.label),
            dots,
            func.coalesce(totals.c.people, 0),
            col(Contribution.status),
        )
        .join(Vote, col(Vote.id) == VoteOption.vote_id)
        .join(totals, totals.c.option_id == VoteOption.id, isouter=True)
        .join(
            Contribution,
            (col(Contribution.id) == VoteOption.subject_id) & (col(VoteOption.subject_kind) == OptionSubject.POST),
            isouter=True,
        )
        .where(col(Vote.forum_id) == forum_id)
        .order_by(col(Vote.id), dots.desc(), col(VoteOption.position))
    ).all()
    hidden = t("plan_answer_hidden", lang)
    return [
        OptionLine(
            vote_id,
            question,
            OptionSubject(subject),
            subject_id,
            # An option copies the post's words when the vote opens; a post hidden since is not quoted.
            hidden if status == ContributionStatus.HIDDEN else label,
            int(option_dots),
            int(people),
        )
        for vote_id, question, subject, subject_id, label, option_dots, people, status in found
    ]


def votes_table(options: list[OptionLine], lang: str) -> Table:
    """Each vote's options ranked, votes numbered in the order they were opened."""
    rows: list[tuple[Cell, ...]] = []
    for number, (_, group) in enumerate(groupby(options, key=lambda option: option.vote_id), start=1):
        ranks: list[tuple[int, int]] = []  # (dots, rank) of the options listed so far
        for option in group:
            # Options with as many dots share a rank, as on the wall.
            rank = ranks[-1][1] if ranks and ranks[-1][0] == option.dots else len(ranks) + 1
            ranks.append((option.dots, rank))
            rows.append((number, option.question, option.label, option.dots, option.people, rank))
    return make_table(
        "votes",
        "table_votes",
        lang,
        [
            ("table_vote_no", ColumnKind.INT),
            ("table_vote_question", ColumnKind.TEXT),
            ("table_vote_option", ColumnKind.TEXT),
            ("table_vote_dots", ColumnKind.INT),
            ("table_vote_people", ColumnKind.INT),
            ("table_vote_rank", ColumnKind.INT),
        ],
        rows,
    )


def themes_table(*, session: Session, forum_id: int, lang: str, options: list[OptionLine]) -> Table:
    """The live themes with their showing posts and their dots in the latest vote over themes."""
    counts = visible_post_counts(session=session, forum_id=forum_id)
    themes = session.exec(
        select(Theme).where(Theme.forum_id == forum_id, col(Theme.dissolved_at).is_(None)).order_by(col(Theme.id))
    ).all()
    # The dots each theme got in the latest vote held over themes; empty for a theme not in it.
    over_themes = [option for option in options if option.subject == OptionSubject.THEME]
    latest = max((option.vote_id for option in over_themes), default=None)
    dots = {option.subject_id: option.dots for option in over_themes if option.vote_id == latest}
    return make_table(
        "themes",
        "table_themes",
        lang,
        [("table_theme", ColumnKind.TEXT), ("table_theme_posts", ColumnKind.INT), ("table_theme_dots", ColumnKind.INT)],
        [(theme.name, int(counts.get(saved_id(theme), 0)), dots.get(saved_id(theme))) for theme in themes],
    )


def _progress_cells(row: PlanRow, lang: str) -> tuple[Cell, ...]:
    """Where the activity stands: blank until anyone reports, so a plan just made reads as a plan."""
    progress = row.progress
    if progress is None or not progress.reports:
        return (None, None, None, None)
    status = t(f"progress_status_{progress.status.value}", lang)
    return (status, progress.percent, progress.spent_baht, progress.last_reported)


def action_plan_table(rows: list[PlanRow], lang: str) -> Table:
    """The action plan in the Thai form's columns, with real start and end dates, the budget in baht, and
    where each activity stands (rolled up from its owners' reports)."""
    return make_table(
        "plan",
        "table_plan",
        lang,
        [
            ("plan_no", ColumnKind.INT),
            ("plan_activity", ColumnKind.TEXT),
            ("plan_objective", ColumnKind.TEXT),
            ("plan_target_group", ColumnKind.TEXT),
            ("plan_area", ColumnKind.TEXT),
            ("plan_start", ColumnKind.DATE),
            ("plan_end", ColumnKind.DATE),
            ("plan_budget_baht", ColumnKind.BAHT),
            ("plan_fund_source", ColumnKind.TEXT),
            ("plan_indicator", ColumnKind.TEXT),
            ("plan_expected_result", ColumnKind.TEXT),
            ("plan_lead", ColumnKind.TEXT),
            ("plan_partners", ColumnKind.TEXT),
            ("plan_themes", ColumnKind.TEXT),
            ("plan_commitments", ColumnKind.INT),
            ("progress_status", ColumnKind.TEXT),
            ("progress_percent", ColumnKind.INT),
            ("progress_spent", ColumnKind.BAHT),
            ("export_progress_last_report", ColumnKind.DATE),
        ],
        [
            (
                row.number,
                row.item.activity,
                row.item.objective,
                row.item.target_group,
                row.item.area,
                row.item.start_date,
                row.item.end_date,
                row.item.budget_baht,
                t(f"fund_{row.item.fund_source}", lang),
                row.item.indicator,
                row.item.expected_result,
                row.item.lead_organisation,
                row.item.partners,
                "; ".join(theme.name for theme in row.themes),
                len(row.commitments),
                *_progress_cells(row, lang),
            )
            for row in rows
        ],
    )


def commitments_table(rows: list[PlanRow], lang: str, *, anonymise: bool = False) -> Table:
    """Every commitment, by action item; anonymised, its author reads as the sector."""
    # An organisation's commitment is public: it stays when names give way to sectors.
    return make_table(
        "commitments",
        "table_commitments",
        lang,
        [
            ("plan_no", ColumnKind.INT),
            ("plan_activity", ColumnKind.TEXT),
            ("table_organisation", ColumnKind.TEXT),
            ("table_commitment", ColumnKind.TEXT),
            ("table_committed_by", ColumnKind.TEXT),
        ],
        [
            (
                row.number,
                row.item.activity,
                commitment.organisation,
                commitment.text,
                sector_label(commitment.sector, lang) if anonymise else commitment.author,
            )
            for row in rows
            for commitment in row.commitments
        ],
    )
