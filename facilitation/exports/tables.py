"""The forum as tables, one per sheet or CSV file: participants, posts, themes, votes, plan, commitments, log."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from itertools import groupby

from sqlalchemy import func

# sqlmodel's select types at most four columns; a table's row reads more in one statement.
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from facilitation.core.errors import ForumNotFound
from facilitation.core.i18n import THAI_TIME, t
from facilitation.exports.report import sector_label
from facilitation.forum.plans import PlanRow, plan
from models import (
    Contribution,
    ContributionKind,
    ContributionStatus,
    Forum,
    ModerationAction,
    ModerationEvent,
    OptionSubject,
    Participant,
    RegisteredPerson,
    Sector,
    Theme,
    ThemePost,
    Vote,
    VoteDot,
    VoteOption,
    saved_id,
)

Cell = str | int | date | datetime | None
# Excel refuses a sheet name longer than 31 characters or holding any of these.
SHEET_NAME_MAX = 31
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


class ColumnKind(StrEnum):
    TEXT = "text"
    INT = "int"
    BAHT = "baht"
    DATE = "date"
    DATETIME = "datetime"


@dataclass(frozen=True)
class Column:
    heading: str  # in the export's language
    kind: ColumnKind = ColumnKind.TEXT


@dataclass(frozen=True)
class Table:
    """One sheet of the workbook, or one CSV file: rows of plain values under localised headings."""

    key: str  # names its file: "participants", "contributions", …
    title: str  # the sheet's name in the export's language (a valid Excel sheet name)
    columns: list[Column]
    rows: list[tuple[Cell, ...]]


def sheet_title(text: str) -> str:
    """`text` as Excel accepts a sheet name: none of []:*?/\\ and at most 31 characters."""
    return _NOT_IN_SHEET_NAMES.sub(" ", text).strip()[:SHEET_NAME_MAX]


def thai_clock(moment: datetime) -> datetime:
    """A stored (UTC) moment as Thailand's wall clock, without a zone: what a spreadsheet cell holds."""
    return moment.astimezone(THAI_TIME).replace(tzinfo=None)


def _table(
    key: str, title: str, lang: str, columns: Sequence[tuple[str, ColumnKind]], rows: list[tuple[Cell, ...]]
) -> Table:
    """A table named `key`, its title and headings the catalogue's strings `title` and `columns` in `lang`."""
    return Table(
        key=key,
        title=sheet_title(t(title, lang)),
        columns=[Column(t(heading, lang), kind) for heading, kind in columns],
        rows=rows,
    )


def _sector(value: str | None, lang: str) -> str:
    return t(f"sector_{Sector(value).value}", lang) if value else ""


def _participants(session: Session, forum_id: int, lang: str, anonymise: bool) -> Table:
    found = session.execute(
        select_columns(
            col(Participant.display_name),
            col(Participant.organisation),
            col(Participant.sector),
            col(Participant.created_at),
            col(RegisteredPerson.participant_id),
        )
        .join(RegisteredPerson, col(RegisteredPerson.participant_id) == Participant.id, isouter=True)
        .where(col(Participant.forum_id) == forum_id)
        .order_by(col(Participant.id))
    ).all()
    rows: list[tuple[Cell, ...]] = []
    for name, organisation, sector, joined, registered in found:
        if anonymise:
            name = organisation = sector_label(Sector(sector), lang)
        flag = t("table_yes", lang) if registered is not None else t("table_no", lang)
        rows.append((name, organisation, _sector(sector, lang), thai_clock(joined), flag))
    return _table(
        "participants",
        "table_participants",
        lang,
        [
            ("table_name", ColumnKind.TEXT),
            ("table_organisation", ColumnKind.TEXT),
            ("table_sector", ColumnKind.TEXT),
            ("table_joined_at", ColumnKind.DATETIME),
            ("table_registered", ColumnKind.TEXT),
        ],
        rows,
    )


def _contributions(session: Session, forum_id: int, lang: str, anonymise: bool) -> Table:
    found = session.execute(
        select_columns(
            col(Contribution.id),
            col(Contribution.kind),
            col(Contribution.text),
            col(Contribution.status),
            col(Contribution.created_at),
            col(Theme.name),
            col(Participant.display_name),
            col(Participant.sector),
        )
        .join(Participant, col(Participant.id) == Contribution.participant_id, isouter=True)
        .join(ThemePost, col(ThemePost.contribution_id) == Contribution.id, isouter=True)
        .join(Theme, (col(Theme.id) == ThemePost.theme_id) & col(Theme.dissolved_at).is_(None), isouter=True)
        .where(col(Contribution.forum_id) == forum_id)
        .order_by(col(Contribution.id))
    ).all()
    rows: list[tuple[Cell, ...]] = []
    for post_id, kind, text, status, created, theme, name, sector in found:
        # Only the words the room saw are filed: a post waiting, hidden or withdrawn keeps its
        # row (the moderation log points at it) but not its words.
        shown = text if ContributionStatus(status) == ContributionStatus.VISIBLE else ""
        author = sector_label(Sector(sector) if sector else None, lang) if anonymise else name or ""
        rows.append(
            (
                post_id,
                t(f"kind_{ContributionKind(kind).value}", lang),
                shown,
                theme or "",
                t(f"moderation_state_{ContributionStatus(status).value}", lang),
                _sector(sector, lang),
                author,
                thai_clock(created),
            )
        )
    return _table(
        "contributions",
        "table_contributions",
        lang,
        [
            ("table_post_id", ColumnKind.INT),
            ("table_kind", ColumnKind.TEXT),
            ("table_text", ColumnKind.TEXT),
            ("table_theme", ColumnKind.TEXT),
            ("table_status", ColumnKind.TEXT),
            ("table_author_sector", ColumnKind.TEXT),
            ("table_author", ColumnKind.TEXT),
            ("table_created_at", ColumnKind.DATETIME),
        ],
        rows,
    )


@dataclass(frozen=True)
class _Option:
    vote_id: int
    question: str
    subject: OptionSubject
    subject_id: int
    label: str
    dots: int
    people: int


def _options(session: Session, forum_id: int, lang: str) -> list[_Option]:
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
        _Option(
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


def _votes(options: list[_Option], lang: str) -> Table:
    rows: list[tuple[Cell, ...]] = []
    for number, (_, group) in enumerate(groupby(options, key=lambda option: option.vote_id), start=1):
        ranks: list[tuple[int, int]] = []  # (dots, rank) of the options listed so far
        for option in group:
            # Options with as many dots share a rank, as on the wall.
            rank = ranks[-1][1] if ranks and ranks[-1][0] == option.dots else len(ranks) + 1
            ranks.append((option.dots, rank))
            rows.append((number, option.question, option.label, option.dots, option.people, rank))
    return _table(
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


def _themes(session: Session, forum_id: int, lang: str, options: list[_Option]) -> Table:
    counts = dict(
        session.exec(
            select(ThemePost.theme_id, func.count())
            .join(Contribution, col(Contribution.id) == ThemePost.contribution_id)
            .where(Contribution.forum_id == forum_id, Contribution.status == ContributionStatus.VISIBLE)
            .group_by(col(ThemePost.theme_id))
        ).all()
    )
    themes = session.exec(
        select(Theme).where(Theme.forum_id == forum_id, col(Theme.dissolved_at).is_(None)).order_by(col(Theme.id))
    ).all()
    # The dots each theme got in the latest vote held over themes; empty for a theme not in it.
    over_themes = [option for option in options if option.subject == OptionSubject.THEME]
    latest = max((option.vote_id for option in over_themes), default=None)
    dots = {option.subject_id: option.dots for option in over_themes if option.vote_id == latest}
    return _table(
        "themes",
        "table_themes",
        lang,
        [("table_theme", ColumnKind.TEXT), ("table_theme_posts", ColumnKind.INT), ("table_theme_dots", ColumnKind.INT)],
        [(theme.name, int(counts.get(saved_id(theme), 0)), dots.get(saved_id(theme))) for theme in themes],
    )


def _plan(rows: list[PlanRow], lang: str) -> Table:
    return _table(
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
            )
            for row in rows
        ],
    )


def _commitments(rows: list[PlanRow], lang: str, anonymise: bool) -> Table:
    # An organisation's commitment is public: it stays when names give way to sectors.
    return _table(
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


def _log_note(action: ModerationAction, reason: str, detail: str, lang: str) -> str:
    # The words a post was held for, or the forum's list of them, stay in the console: these
    # files go to agencies. A settings change says what it became.
    if action == ModerationAction.SETTING_CHANGED:
        return t(f"moderation_pre_approval_{detail}", lang)
    if action == ModerationAction.WORDS_CHANGED:
        return t("moderation_words_count", lang, count=len(detail.split(", ")) if detail else 0)
    return reason


def _moderation_log(session: Session, forum_id: int, lang: str) -> Table:
    found = session.execute(
        select_columns(
            col(ModerationEvent.at),
            col(ModerationEvent.action),
            col(ModerationEvent.contribution_id),
            col(ModerationEvent.by_role),
            col(ModerationEvent.reason),
            col(ModerationEvent.detail),
        )
        .where(col(ModerationEvent.forum_id) == forum_id)
        .order_by(col(ModerationEvent.id))
    ).all()
    return _table(
        "moderation_log",
        "table_moderation_log",
        lang,
        [
            ("moderation_log_at", ColumnKind.DATETIME),
            ("moderation_log_action", ColumnKind.TEXT),
            ("moderation_log_post", ColumnKind.INT),
            ("moderation_log_by", ColumnKind.TEXT),
            ("moderation_log_reason", ColumnKind.TEXT),
        ],
        [
            (
                thai_clock(at),
                t(f"moderation_action_{ModerationAction(action).value}", lang),
                post_id,
                t(f"moderation_by_{by_role}", lang),
                _log_note(ModerationAction(action), reason, detail, lang),
            )
            for at, action, post_id, by_role, reason, detail in found
        ],
    )


def forum_tables(*, session: Session, forum_id: int, lang: str, anonymise: bool = False) -> list[Table]:
    """Every table of the forum, read in one snapshot with a fixed number of queries, in the workbook's order.

    `anonymise`: participants' names and organisations give way to their sector (as `report.anonymised`);
    action items' lead organisations and commitments' organisations stay.
    """
    if session.get(Forum, forum_id) is None:
        raise ForumNotFound(id=forum_id)
    options = _options(session, forum_id, lang)
    rows = plan(session=session, forum_id=forum_id)
    return [
        _participants(session, forum_id, lang, anonymise),
        _contributions(session, forum_id, lang, anonymise),
        _themes(session, forum_id, lang, options),
        _votes(options, lang),
        _plan(rows, lang),
        _commitments(rows, lang, anonymise),
        _moderation_log(session, forum_id, lang),
    ]
