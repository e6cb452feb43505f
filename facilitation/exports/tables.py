"""The forum as tables, one per sheet or CSV file: participants, posts, themes, votes, plan, commitments,
progress reports, the forum's series, and the moderation log."""

from sqlmodel import Session

from facilitation.core.errors import ForumNotFound
from facilitation.exports.outcome_tables import (
    action_plan_table,
    commitments_table,
    themes_table,
    vote_options,
    votes_table,
)
from facilitation.exports.progress_tables import progress_reports_table, series_table
from facilitation.exports.room_tables import contributions_table, moderation_log_table, participants_table
from facilitation.exports.table_shape import Cell, Column, ColumnKind, Table
from facilitation.forum.plans import plan
from models import Forum

__all__ = ["Cell", "Column", "ColumnKind", "Table", "forum_tables"]


def forum_tables(*, session: Session, forum_id: int, lang: str, anonymise: bool = False) -> list[Table]:
    """Every table of the forum, read in one snapshot with a fixed number of queries, in the workbook's order.

    `anonymise`: participants' names and organisations give way to their sector (as `report.anonymised`);
    action items' lead organisations and commitments' organisations stay.
    """
    if session.get(Forum, forum_id) is None:
        raise ForumNotFound(id=forum_id)
    options = vote_options(session=session, forum_id=forum_id, lang=lang)
    rows = plan(session=session, forum_id=forum_id)
    return [
        participants_table(session=session, forum_id=forum_id, lang=lang, anonymise=anonymise),
        contributions_table(session=session, forum_id=forum_id, lang=lang, anonymise=anonymise),
        themes_table(session=session, forum_id=forum_id, lang=lang, options=options),
        votes_table(options, lang),
        action_plan_table(rows, lang),
        commitments_table(rows, lang, anonymise=anonymise),
        progress_reports_table(session=session, forum_id=forum_id, rows=rows, lang=lang),
        series_table(session=session, forum_id=forum_id, lang=lang),
        moderation_log_table(session=session, forum_id=forum_id, lang=lang),
    ]
