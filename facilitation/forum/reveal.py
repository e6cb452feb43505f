"""Write first, then reveal: people write privately, then the room sees every post at once.

Per forum and per stage whose screens show posts (Share, and Plan's latest posts under
the plan), one `StageReveal` row says whether the projector holds the posts until the
facilitator reveals them (a new forum's default; forums from before this feature show
them live), whether phones list others' posts too, and whether the stage is revealed.
A forum without a row reads as the default. Every reveal and hide is recorded as a
`RevealEvent` (the facilitator's role, the moment, the stage).

Each button carries the row's version it was drawn from. A second tap, or a tab drawn
before another pressed, carries an older one and is refused with RevealMoved (a
StaleEdit carrying the setting as it is now): a stale console tab never undoes a reveal
it did not see.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from facilitation.core.db import insert_once
from facilitation.core.errors import ForumNotFound, NothingToReveal, RevealMoved
from facilitation.forum.policy import Action, require
from facilitation.live.changes import Topic, bump
from models import Forum, RevealEvent, RevealEventKind, Stage, StageReveal, utcnow

__all__ = [
    "REVEAL_STAGES",
    "RevealView",
    "StageRevealView",
    "hide_stage",
    "reveal_events",
    "reveal_stage",
    "reveal_view",
    "set_reveal_settings",
    "stage_reveal",
]

# The stages whose screens show posts. Act and Closed show the plan and commitments only.
REVEAL_STAGES = (Stage.SHARE, Stage.PLAN)
FACILITATOR = "facilitator"


@dataclass(frozen=True)
class StageRevealView:
    """One stage's setting as the console draws it, and what the screens show from it."""

    stage: Stage
    version: int  # the row's version; 0 while the stage has no row (the default)
    hold_until_revealed: bool  # the projector shows counts only until revealed
    phones_show_posts: bool  # phones list others' posts when the projector shows them
    revealed: bool
    revealed_at: datetime | None  # UTC, the last reveal (kept after a hide, for the record)

    @property
    def projector_posts(self) -> bool:
        """Whether the projector shows the posts' texts now (not only their counts)."""
        return not self.hold_until_revealed or self.revealed

    @property
    def phone_posts(self) -> bool:
        """Whether phones list others' posts now."""
        return self.phones_show_posts and self.projector_posts


@dataclass(frozen=True)
class RevealView:
    """What the screens read: per stage whether posts show on the projector and on phones now."""

    stages: dict[Stage, StageRevealView]

    def projector_posts(self, stage: Stage) -> bool:
        """Whether the projector shows posts' texts in `stage` (a stage without posts: False)."""
        found = self.stages.get(Stage(stage))
        return found is not None and found.projector_posts

    def phone_posts(self, stage: Stage) -> bool:
        """Whether phones list others' posts in `stage`."""
        found = self.stages.get(Stage(stage))
        return found is not None and found.phone_posts

    def phones_may_show(self, stage: Stage) -> bool:
        """Whether phones in `stage` show others' posts once revealed: they then follow reveals."""
        found = self.stages.get(Stage(stage))
        return found is not None and found.phones_show_posts


def _default(stage: Stage) -> StageRevealView:
    return StageRevealView(stage, 0, True, False, False, None)


def _view(stage: Stage, row: StageReveal | None) -> StageRevealView:
    if row is None:
        return _default(stage)
    return StageRevealView(
        stage, row.version, row.hold_until_revealed, row.phones_show_posts, row.revealed, row.revealed_at
    )


def _stage(stage: Stage) -> Stage:
    stage = Stage(stage)
    if stage not in REVEAL_STAGES:
        raise NothingToReveal(stage=stage)
    return stage


def _row(session: Session, forum_id: int, stage: Stage) -> StageReveal | None:
    return session.get(StageReveal, (forum_id, stage), populate_existing=True)


def reveal_view(*, session: Session, forum_id: int) -> RevealView:
    """Every reveal stage's setting of the forum, in one query."""
    found = session.exec(
        select(Forum.id, StageReveal)
        .join(StageReveal, col(StageReveal.forum_id) == Forum.id, isouter=True)
        .where(Forum.id == forum_id)
    ).all()
    if not found:
        raise ForumNotFound(id=forum_id)
    rows = {Stage(row.stage): row for _, row in found if row is not None}
    return RevealView({stage: _view(stage, rows.get(stage)) for stage in REVEAL_STAGES})


def stage_reveal(*, session: Session, forum_id: int, stage: Stage) -> StageRevealView:
    """One stage's setting (the default while it has no row)."""
    return reveal_view(session=session, forum_id=forum_id).stages[_stage(stage)]


def reveal_events(*, session: Session, forum_id: int) -> list[RevealEvent]:
    """The record of the forum's reveals and hides, oldest first."""
    return list(
        session.exec(select(RevealEvent).where(RevealEvent.forum_id == forum_id).order_by(col(RevealEvent.id))).all()
    )


def _current(session: Session, forum_id: int, stage: Stage, version: int) -> StageReveal | None:
    """The row as it is now, after the stage check that locks the forum; refuses another version."""
    require(session=session, forum_id=forum_id, action=Action.REVEAL_POSTS)
    row = _row(session, forum_id, stage)
    if version != (row.version if row is not None else 0):
        raise RevealMoved(current=_view(stage, row))
    return row


def _save(
    session: Session, forum_id: int, stage: Stage, version: int, now: datetime, values: dict[str, Any]
) -> StageRevealView:
    """Write `values` if the row is still at `version` (compare-and-set in one UPDATE), or make it at version 0."""
    if version == 0:
        first = StageReveal(forum_id=forum_id, stage=stage, version=1, updated_at=now, **values)
        # The forum lock serialises first writes; the primary key settles one it did not.
        row, created = insert_once(session, first, lambda: _row(session, forum_id, stage))
        if not created:
            raise RevealMoved(current=_view(stage, row))
        return _view(stage, row)
    result = session.execute(
        update(StageReveal)
        .where(
            col(StageReveal.forum_id) == forum_id,
            col(StageReveal.stage) == stage,
            col(StageReveal.version) == version,
        )
        .values(**values, version=StageReveal.version + 1, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    found = _row(session, forum_id, stage)
    if result.rowcount == 0:  # type: ignore[attr-defined]
        raise RevealMoved(current=_view(stage, found))
    return _view(stage, found)


def _record(session: Session, forum_id: int, stage: Stage, kind: RevealEventKind, now: datetime) -> None:
    session.add(RevealEvent(forum_id=forum_id, stage=stage, kind=kind, by_role=FACILITATOR, at=now))
    # Its own topic: the projector (and phones that list posts) redraw; a hall of phones
    # that show no one else's posts does not.
    bump(session=session, forum_id=forum_id, topics=[Topic.REVEAL])


def reveal_stage(*, session: Session, forum_id: int, stage: Stage, version: int) -> StageRevealView:
    """Show the stage's posts on the projector (and phones, if set) from now on, and record it.

    A button drawn before another reveal or hide (a double tap, a second tab) is refused
    with RevealMoved; a tap of the current version on a revealed stage changes nothing.
    """
    stage, now = _stage(stage), utcnow()
    row = _current(session, forum_id, stage, version)
    if row is not None and row.revealed:
        return _view(stage, row)  # already revealed at this version: no write, no record, no redraw
    view = _save(session, forum_id, stage, version, now, {"revealed": True, "revealed_at": now})
    _record(session, forum_id, stage, RevealEventKind.REVEALED, now)
    return view


def hide_stage(*, session: Session, forum_id: int, stage: Stage, version: int) -> StageRevealView:
    """Put the stage back to counts only until revealed again, and record it."""
    stage, now = _stage(stage), utcnow()
    row = _current(session, forum_id, stage, version)
    if not _view(stage, row).projector_posts:
        return _view(stage, row)  # already counts only: no write, no record, no redraw
    # Hiding holds the posts even where the stage showed them live.
    view = _save(session, forum_id, stage, version, now, {"revealed": False, "hold_until_revealed": True})
    _record(session, forum_id, stage, RevealEventKind.HIDDEN, now)
    return view


def set_reveal_settings(
    *,
    session: Session,
    forum_id: int,
    stage: Stage,
    version: int,
    hold_until_revealed: bool,
    phones_show_posts: bool,
) -> StageRevealView:
    """Choose whether the projector holds the stage's posts until revealed, and whether phones list them."""
    stage, now = _stage(stage), utcnow()
    before = _view(stage, _current(session, forum_id, stage, version))
    values = {"hold_until_revealed": hold_until_revealed, "phones_show_posts": phones_show_posts}
    view = _save(session, forum_id, stage, version, now, values)
    topics = [Topic.REVEAL]
    if before.phones_show_posts != phones_show_posts:
        # Phones watch REVEAL only while they may show posts: turning that on or off is a
        # forum setting every phone must hear of (STAGE), as rare as a stage change.
        topics.append(Topic.STAGE)
    bump(session=session, forum_id=forum_id, topics=topics)
    return view
