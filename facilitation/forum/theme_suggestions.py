"""Suggested themes: groups of ungrouped posts that read alike, for the facilitator to accept or reject.

Worked out from the posts' stored words (facilitation/forum/theme_similarity.py), never
stored themselves: only a rejection is, so a group turned down is not suggested again for
the same posts (a post added to it, or one gone, makes another group, which is suggested).
"""

from collections.abc import Collection

from sqlmodel import Session, select

from facilitation.core.db import insert_once
from facilitation.core.errors import NoPostsChosen
from facilitation.core.words import words_of
from facilitation.forum.policy import Action, require
from facilitation.forum.theme_similarity import PostWords, Suggestion, posts_key, suggest_groups
from facilitation.forum.themes import create_theme, theme_board
from facilitation.live.changes import Topic, bump
from models import Theme, ThemeRejection


def theme_suggestions(*, session: Session, forum_id: int) -> list[Suggestion]:
    """Groups of the forum's ungrouped visible posts that read alike, less those the facilitator rejected."""
    board = theme_board(session=session, forum_id=forum_id)
    # Posts stored before their words were kept (0007) are cut here, once per process.
    posts = tuple(PostWords(post.id, post.words or words_of(post.text)) for post in board.ungrouped)
    rejected = set(session.exec(select(ThemeRejection.posts_key).where(ThemeRejection.forum_id == forum_id)).all())
    return [suggestion for suggestion in suggest_groups(posts) if suggestion.key not in rejected]


def accept_suggestion(*, session: Session, forum_id: int, post_ids: Collection[int], name: str) -> Theme:
    """Make the suggested group a theme named `name`; accepting it twice (a double tap) makes one."""
    return create_theme(
        session=session,
        forum_id=forum_id,
        name=name,
        contribution_ids=post_ids,
        creation_key=posts_key(list(post_ids)),
    )


def reject_suggestion(*, session: Session, forum_id: int, post_ids: Collection[int]) -> None:
    """Turn a suggested group down: it is not suggested again for the same posts."""
    if not post_ids:
        raise NoPostsChosen()
    require(session=session, forum_id=forum_id, action=Action.GROUP_THEMES)
    key = posts_key(list(post_ids))
    row = ThemeRejection(forum_id=forum_id, posts_key=key, contribution_ids=sorted(set(post_ids)))
    _, created = insert_once(
        session,
        row,
        lambda: session.exec(
            select(ThemeRejection).where(ThemeRejection.forum_id == forum_id, ThemeRejection.posts_key == key)
        ).first(),
    )
    if created:
        bump(session=session, forum_id=forum_id, topics=[Topic.THEMES])
