"""The room's tables: who took part, what they posted, and what moderation did."""

# sqlmodel's select types at most four columns; a table's row reads more in one statement.
from sqlalchemy import select as select_columns
from sqlmodel import Session, col

from facilitation.core.i18n import t
from facilitation.exports.report import sector_label
from facilitation.exports.table_shape import Cell, ColumnKind, Table, make_table, sector_name, thai_clock
from models import (
    Contribution,
    ContributionKind,
    ContributionStatus,
    ModerationAction,
    ModerationEvent,
    Participant,
    RegisteredPerson,
    Sector,
    Theme,
    ThemePost,
)


def participants_table(*, session: Session, forum_id: int, lang: str, anonymise: bool = False) -> Table:
    """Everyone who joined, in the order they joined; anonymised, a name and organisation read as the sector."""
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
        rows.append((name, organisation, sector_name(sector, lang), thai_clock(joined), flag))
    return make_table(
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


def contributions_table(*, session: Session, forum_id: int, lang: str, anonymise: bool = False) -> Table:
    """Every post, oldest first, with its theme, status and author; only a showing post keeps its words."""
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
                sector_name(sector, lang),
                author,
                thai_clock(created),
            )
        )
    return make_table(
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


def _log_note(action: ModerationAction, reason: str, detail: str, lang: str) -> str:
    # The words a post was held for, or the forum's list of them, stay in the console: these
    # files go to agencies. A settings change says what it became.
    if action == ModerationAction.SETTING_CHANGED:
        return t(f"moderation_pre_approval_{detail}", lang)
    if action == ModerationAction.WORDS_CHANGED:
        return t("moderation_words_count", lang, count=len(detail.split(", ")) if detail else 0)
    return reason


def moderation_log_table(*, session: Session, forum_id: int, lang: str) -> Table:
    """The whole audit log, oldest first; the words a post was held for stay out."""
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
    return make_table(
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
