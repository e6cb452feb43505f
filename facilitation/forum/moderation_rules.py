"""A forum's moderation rules: whether every post waits for the facilitator, and its own words to hold.

Each has its own row and version (like the left-out words): a save carries the version its
control was drawn from, and one from a tab drawn before another saved is refused with
StaleEdit carrying the rules as they are now. Every change goes to the audit log.
"""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col

from facilitation.core.db import insert_once
from facilitation.core.errors import StaleEdit, TooManyModerationWords
from facilitation.core.profanity import held_words, normalise
from facilitation.core.text import clean_text
from facilitation.forum.left_out_words import SEPARATORS
from facilitation.forum.moderation_log import BY_FILTER, BY_PRE_APPROVAL, FACILITATOR, record
from facilitation.forum.policy import Action, require
from facilitation.live.changes import Topic, bump
from models import ModerationAction, ModerationSetting, ModerationWords, utcnow

SETTING_ON, SETTING_OFF = "on", "off"  # the audit log's detail of a pre-approval change
WORD_MAX = 40
WORDS_MAX = 200


@dataclass(frozen=True)
class ModerationRules:
    """The rules as the console draws them; a version of 0: never saved (the default)."""

    pre_approval: bool
    setting_version: int
    words: tuple[str, ...]
    words_version: int


@dataclass(frozen=True)
class Hold:
    """Why a post waits for the facilitator: `by` the word filter (with the words it matched) or pre-approval."""

    by: str
    words: tuple[str, ...] = ()


def moderation_rules(*, session: Session, forum_id: int) -> ModerationRules:
    """The forum's moderation rules now."""
    setting = session.get(ModerationSetting, forum_id, populate_existing=True)
    words = session.get(ModerationWords, forum_id, populate_existing=True)
    return ModerationRules(
        pre_approval=setting is not None and setting.pre_approval,
        setting_version=0 if setting is None else setting.version,
        words=() if words is None else tuple(words.words),
        words_version=0 if words is None else words.version,
    )


def pre_approval(*, session: Session, forum_id: int) -> bool:
    """Whether every new post of the forum waits for the facilitator (one read, for a phone's page)."""
    setting = session.get(ModerationSetting, forum_id)
    return setting is not None and setting.pre_approval


def hold_for(*, session: Session, forum_id: int, text: str) -> Hold | None:
    """Whether a post of `text` waits for the facilitator instead of showing, and why."""
    rules = moderation_rules(session=session, forum_id=forum_id)
    matched = held_words(text, rules.words)
    if matched:
        return Hold(BY_FILTER, matched)
    return Hold(BY_PRE_APPROVAL) if rules.pre_approval else None


def parse_words(typed: str) -> list[str]:
    """The words in what the facilitator typed: cleaned, lower-cased, each once, in the order typed."""
    found: dict[str, None] = {}
    for part in SEPARATORS.split(typed or ""):
        word = clean_text(part, max_length=WORD_MAX, required=False, field="moderation_words").lower()
        if normalise(word):
            found.setdefault(word, None)
    return list(found)


def _save(session: Session, table: Any, forum_id: int, version: int, values: dict[str, Any]) -> None:
    """Write `values` to the forum's row of `table` if it is still at `version` (0: make the first row)."""
    now = utcnow()
    if version == 0:
        first = table(forum_id=forum_id, version=1, updated_at=now, **values)
        # The forum lock serialises first saves; the primary key settles one it did not.
        _, created = insert_once(session, first, lambda: session.get(table, forum_id))
        if not created:
            raise StaleEdit(current=moderation_rules(session=session, forum_id=forum_id))
        return
    result = session.execute(
        update(table)
        .where(col(table.forum_id) == forum_id, col(table.version) == version)
        .values(**values, version=table.version + 1, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 0:  # type: ignore[attr-defined]
        raise StaleEdit(current=moderation_rules(session=session, forum_id=forum_id))


def set_pre_approval(
    *, session: Session, forum_id: int, on: bool, version: int, by_role: str = FACILITATOR
) -> ModerationRules:
    """Make every new post wait for the facilitator (or not), if the setting is still at the version shown."""
    require(session=session, forum_id=forum_id, action=Action.SET_MODERATION)
    _save(session, ModerationSetting, forum_id, version, {"pre_approval": on})
    record(
        session=session,
        forum_id=forum_id,
        action=ModerationAction.SETTING_CHANGED,
        by_role=by_role,
        detail=SETTING_ON if on else SETTING_OFF,
    )
    bump(session=session, forum_id=forum_id, topics=[Topic.QUEUE])
    return moderation_rules(session=session, forum_id=forum_id)


def set_moderation_words(
    *, session: Session, forum_id: int, typed: str, version: int, by_role: str = FACILITATOR
) -> ModerationRules:
    """Hold posts with these words (beside the bundled lists), if the list is still at the version shown."""
    words = parse_words(typed)
    if len(words) > WORDS_MAX:
        raise TooManyModerationWords(limit=WORDS_MAX, count=len(words))
    require(session=session, forum_id=forum_id, action=Action.SET_MODERATION)
    _save(session, ModerationWords, forum_id, version, {"words": words})
    record(
        session=session,
        forum_id=forum_id,
        action=ModerationAction.WORDS_CHANGED,
        by_role=by_role,
        detail=", ".join(words),
    )
    bump(session=session, forum_id=forum_id, topics=[Topic.QUEUE])
    return moderation_rules(session=session, forum_id=forum_id)
