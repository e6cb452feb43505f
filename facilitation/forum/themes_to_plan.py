"""From ranking to plan: the room's top themes become draft action items.

The ranking is the room's: the dots of the last closed vote over themes, or, before any such
vote, how many posts each theme groups. "Make action items from the top N themes" drafts one
item per top theme that no activity answers yet, tied to the theme and answering its posts;
the facilitator then fills in who leads, the money and the dates.
"""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from facilitation.forum.plans import create_action_item
from facilitation.forum.policy import Action, require
from facilitation.forum.themes import ThemeBoard, theme_board
from facilitation.forum.votes import results
from models import (
    ActionItem,
    ActionItemCreate,
    ActionItemTheme,
    OptionSubject,
    Vote,
    VoteOption,
    VoteStatus,
    saved_id,
)

MAX_DRAFTS = 20  # a room that chose more than this has not chosen


@dataclass(frozen=True)
class RankedTheme:
    theme_id: int
    name: str
    posts: int
    dots: int | None  # from the vote the ranking comes from; None when ranked by posts
    planned: bool  # an activity of the plan answers it already


@dataclass(frozen=True)
class ThemeRanking:
    themes: list[RankedTheme]
    vote_id: int | None  # the closed vote the ranking comes from; None: by number of posts
    question: str


def _last_theme_vote(session: Session, forum_id: int) -> Vote | None:
    # A vote still open is not a ranking yet: its dots move until it closes.
    return session.exec(
        select(Vote)
        .where(
            Vote.forum_id == forum_id,
            Vote.status == VoteStatus.CLOSED,
            col(Vote.id).in_(select(VoteOption.vote_id).where(VoteOption.subject_kind == OptionSubject.THEME)),
        )
        .order_by(col(Vote.id).desc())
        .limit(1)
    ).first()


def _planned(session: Session, forum_id: int) -> set[int]:
    rows = session.exec(
        select(ActionItemTheme.theme_id)
        .join(ActionItem, col(ActionItem.id) == ActionItemTheme.action_item_id)
        .where(ActionItem.forum_id == forum_id, col(ActionItem.deleted_at).is_(None))
    )
    return set(rows.all())


def theme_ranking(*, session: Session, forum_id: int) -> ThemeRanking:
    """The forum's live themes, the room's first choice first (ties: more posts, then the older theme)."""
    return _ranking(session, forum_id, theme_board(session=session, forum_id=forum_id))


def _ranking(session: Session, forum_id: int, board: ThemeBoard) -> ThemeRanking:
    planned = _planned(session, forum_id)
    vote = _last_theme_vote(session, forum_id)
    dots: dict[int, int] = {}
    if vote is not None:
        subjects = dict(
            session.exec(
                select(VoteOption.id, VoteOption.subject_id).where(
                    VoteOption.vote_id == saved_id(vote), VoteOption.subject_kind == OptionSubject.THEME
                )
            ).all()
        )
        dots = {subjects[found.option_id]: found.dots for found in results(session=session, vote_id=saved_id(vote))
                if found.option_id in subjects}  # fmt: skip
    ranked = [
        RankedTheme(
            theme_id=theme.id,
            name=theme.name,
            posts=len(theme.posts),
            dots=dots.get(theme.id, 0) if vote is not None else None,
            planned=theme.id in planned,
        )
        for theme in board.themes
        if theme.posts
    ]
    made_first = {theme.id: index for index, theme in enumerate(board.themes)}
    ranked.sort(key=lambda found: (-(found.dots or 0), -found.posts, made_first[found.theme_id]))
    return ThemeRanking(ranked, saved_id(vote) if vote else None, vote.question if vote else "")


def draft_items_from_themes(*, session: Session, forum_id: int, count: int, creation_key: str) -> list[ActionItem]:
    """One draft action item for each of the top `count` themes that no activity answers yet.

    The same `creation_key` again (a double tap, a resent form) returns the items the first
    made: each draft is keyed by it and its theme, and the top themes stay the same ones.
    """
    require(session=session, forum_id=forum_id, action=Action.CREATE_ACTION_ITEM)
    count = max(0, min(int(count), MAX_DRAFTS))
    themes = theme_board(session=session, forum_id=forum_id)
    ranking = _ranking(session, forum_id, themes)
    board = {theme.id: theme for theme in themes.themes}
    made: list[ActionItem] = []
    for found in ranking.themes[:count]:
        key = f"{creation_key[:40]}:t{found.theme_id}"
        if found.planned and not _made_by(session, forum_id, key):
            continue  # already answered by an activity the facilitator made
        theme = board[found.theme_id]
        data = ActionItemCreate(
            activity=found.name, contribution_ids=[post.id for post in theme.posts], theme_ids=[found.theme_id]
        )
        made.append(create_action_item(session=session, forum_id=forum_id, data=data, creation_key=key))
    return made


def _made_by(session: Session, forum_id: int, key: str) -> bool:
    found = session.exec(select(ActionItem.id).where(ActionItem.forum_id == forum_id, ActionItem.creation_key == key))
    return found.first() is not None
