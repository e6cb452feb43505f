"""Per-forum, per-topic change counters, and how many screens listen for them.

Every write service bumps the topics whose screens it changed, inside its own
transaction, so a screen on any replica learns what moved from one small read and
redraws only for its own topics. Counters only ever go up; their values mean nothing
beyond "different from the last one seen".
"""

from collections.abc import Collection, Iterable, Mapping
from datetime import timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import delete, func, insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from facilitation.core.tokens import normalise_join_code
from models import ChangeCounter, Forum, ScreenPresence, utcnow


class Topic(StrEnum):
    """A part of what screens draw.

    A write bumps the topic of every screen it changed, so a screen watches only the
    topics of what it draws: a tree view watches TREE, not POSTS as well.
    """

    STAGE = "stage"  # stage, title, settings, keys/links of the forum
    PEOPLE = "people"  # joins (the projector's joined count)
    POSTS = "posts"  # contributions added, edited, withdrawn, their kind changed (the feeds)
    PLAN = "plan"  # action items created/edited/deleted/restored, their links, edits of the posts they answer
    COMMITMENTS = "commitments"  # made, or shown/hidden with their action item
    TREE = "tree"  # tree labels, ties, merges, categories, shown/hidden, and posts of the kinds it draws
    TIMER = "timer"  # the stage timer started, paused, resumed, given more time or stopped (not reaching zero)
    REVEAL = "reveal"  # a stage's posts revealed or hidden again, or how they show changed
    WORDS = "words"  # the words the word cloud leaves out
    THEMES = "themes"  # themes made, renamed, merged, ungrouped, their posts moved, or a post in one edited/withdrawn
    QUEUE = "queue"  # posts sent to or leaving the moderation queue, moderation settings and log (the console)
    MODERATION = "moderation"  # the facilitator's decision on a post: its author's phone shows the mark
    VOTING = "voting"  # a vote opened, closed, or its results revealed (every phone and projector redraws)
    VOTES = "votes"  # a dot spent or taken back (turnout and live results; screens follow it at a gap)
    PROGRESS = "progress"  # an owner's or the facilitator's progress report, or a commitment's weight (the plan's bars)


ROLES = ("phone", "projector")
# Reports of a process that stopped are cleared by the next report of any process.
FORGET_REPORTS_AFTER = timedelta(hours=1)


def bump(*, session: Session, forum_id: int, topics: Iterable[Topic]) -> None:
    """Add one to each topic's counter of the forum, in one statement inside the caller's transaction."""
    # Sorted, so two transactions on PostgreSQL take the row locks in the same order.
    names = sorted({Topic(topic).value for topic in topics})
    if not names:
        return
    table: Any = ChangeCounter.__table__  # type: ignore[attr-defined]
    dialect = session.get_bind().dialect.name
    upsert = (sqlite.insert if dialect == "sqlite" else postgresql.insert)(table)
    # An upsert adds one in SQL: no row need exist beforehand, and two writers at once
    # each add their one (a read-then-write in Python would let one overwrite the other).
    statement = upsert.values([{"forum_id": forum_id, "topic": name, "counter": 1} for name in names])
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[table.c.forum_id, table.c.topic], set_={"counter": table.c.counter + 1}
        )
    )


def counters(*, session: Session, forum_ids: Collection[int]) -> dict[int, dict[str, int]]:
    """Every topic's counter of each forum that exists (0 when never bumped), in one query."""
    if not forum_ids:
        return {}
    rows = session.execute(
        select(Forum.id, ChangeCounter.topic, ChangeCounter.counter)
        .join(ChangeCounter, col(ChangeCounter.forum_id) == Forum.id, isouter=True)
        .where(col(Forum.id).in_(set(forum_ids)))
    ).all()
    found: dict[int, dict[str, int]] = {}
    for forum_id, topic, counter in rows:
        per_topic = found.setdefault(forum_id, {topic.value: 0 for topic in Topic})
        if topic in per_topic:  # None for a forum never bumped; a topic no longer in Topic is left out
            per_topic[topic] = counter
    return found


def stages(*, session: Session, forum_ids: Collection[int]) -> dict[int, str]:
    """The stage each forum is at now, for forums that exist."""
    if not forum_ids:
        return {}
    rows = session.execute(select(Forum.id, Forum.stage).where(col(Forum.id).in_(set(forum_ids)))).all()
    return {forum_id: str(stage) for forum_id, stage in rows}


def forum_ids_by_code(*, session: Session, codes: Collection[str]) -> dict[str, int]:
    """The forum id behind each known join code, keyed by the code as given."""
    normalised = {code: normalise_join_code(code) for code in codes}
    if not normalised:
        return {}
    ids = dict(session.execute(select(Forum.code, Forum.id).where(col(Forum.code).in_(set(normalised.values())))).all())
    return {code: ids[plain] for code, plain in normalised.items() if plain in ids}


def record_presence(*, session: Session, instance: str, listening: Mapping[int, Mapping[str, int]]) -> None:
    """Replace this process's report of how many screens listen to each forum (a forum left out counts 0)."""
    now = utcnow()
    session.execute(
        delete(ScreenPresence).where(
            (col(ScreenPresence.instance) == instance) | (col(ScreenPresence.reported_at) < now - FORGET_REPORTS_AFTER)
        )
    )
    rows = [
        {"instance": instance, "forum_id": forum_id, "role": role, "listening": count, "reported_at": now}
        for forum_id, roles in listening.items()
        for role, count in roles.items()
        if count > 0
    ]
    if rows:
        session.execute(insert(ScreenPresence), rows)


def connected(*, session: Session, forum_id: int, within_seconds: int = 45) -> dict[str, int]:
    """Screens listening to the forum now, by role, summed over the processes that reported recently."""
    since = utcnow() - timedelta(seconds=within_seconds)
    rows = session.execute(
        select(ScreenPresence.role, func.sum(ScreenPresence.listening))
        .where(ScreenPresence.forum_id == forum_id, col(ScreenPresence.reported_at) >= since)
        .group_by(col(ScreenPresence.role))
    ).all()
    found = dict.fromkeys(ROLES, 0)
    found.update({role: int(total) for role, total in rows})
    return found
