"""The words of every visible post of a forum, for what counts them (the word cloud)."""

from sqlmodel import Session, col, select

from facilitation.core.words import words_of
from models import Contribution, ContributionStatus


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
