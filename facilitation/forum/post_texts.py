"""The words of every visible post of a forum, for what counts them (the word cloud)."""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from facilitation.core.errors import ForumNotFound
from facilitation.core.words import words_of
from facilitation.forum.left_out_words import left_out
from models import Contribution, ContributionStatus, Forum


def visible_words(*, session: Session, forum_id: int) -> list[tuple[str, ...]]:
    """Each visible post's words, oldest first: one narrow query, the words as stored with each post.

    A post written before words were stored is cut now (and remembered by the process).
    """
    statement = (
        select(Contribution.text, Contribution.words)
        .where(Contribution.forum_id == forum_id, Contribution.status == ContributionStatus.VISIBLE)
        .order_by(col(Contribution.id))
    )
    return [tuple(words) if words is not None else words_of(text) for text, words in session.exec(statement)]


@dataclass(frozen=True)
class RoomWords:
    """What a word cloud draws from: each visible post's words, and the words the facilitator leaves out."""

    posts: list[tuple[str, ...]]
    left_out: list[str]


def room_words(*, session: Session, forum_id: int) -> RoomWords:
    """The forum's posts' words and its left-out words, in one read."""
    if session.get(Forum, forum_id) is None:
        raise ForumNotFound(id=forum_id)
    words = left_out(session=session, forum_id=forum_id).words
    return RoomWords(visible_words(session=session, forum_id=forum_id), list(words))
