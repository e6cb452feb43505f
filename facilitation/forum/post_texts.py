"""The words of every visible post of a forum, for what counts them (the word cloud)."""

from sqlmodel import Session, col, select

from models import Contribution, ContributionStatus


def visible_texts(*, session: Session, forum_id: int) -> list[str]:
    """The texts of the forum's visible posts, oldest first: one narrow query on the feed's index."""
    statement = (
        select(Contribution.text)
        .where(Contribution.forum_id == forum_id, Contribution.status == ContributionStatus.VISIBLE)
        .order_by(col(Contribution.id))
    )
    return list(session.exec(statement))
