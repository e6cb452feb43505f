"""The words the room's word cloud leaves out, chosen by the facilitator ("ตำบล" in a tambon forum)."""

import re
from dataclasses import dataclass

from sqlalchemy import update
from sqlmodel import Session, col

from facilitation.core.db import insert_once
from facilitation.core.errors import StaleEdit, TooManyLeftOutWords
from facilitation.core.text import clean_text
from facilitation.forum.policy import Action, require
from facilitation.live.changes import Topic, bump
from models import LeftOutWords, utcnow

WORD_MAX = 40
WORDS_MAX = 100
# Commas (Thai or Latin), semicolons and new lines part the words; a space does not, as a
# left-out phrase may hold one ("หมู่ 3").
SEPARATORS = re.compile(r"[,\n;،、，]+")


@dataclass(frozen=True)
class LeftOut:
    """The words left out and the version a form showing them carries (0: never saved)."""

    words: tuple[str, ...]
    version: int


def parse_left_out(typed: str) -> list[str]:
    """The words in what the facilitator typed: cleaned, lower-cased, each once, in the order typed."""
    found: dict[str, None] = {}
    for part in SEPARATORS.split(typed or ""):
        word = clean_text(part, max_length=WORD_MAX, required=False, field="words_left_out").lower()
        if word:
            found.setdefault(word, None)
    return list(found)


def left_out(*, session: Session, forum_id: int) -> LeftOut:
    """The words the forum's word cloud leaves out now."""
    row = session.get(LeftOutWords, forum_id, populate_existing=True)
    return LeftOut((), 0) if row is None else LeftOut(tuple(row.words), row.version)


def set_left_out_words(*, session: Session, forum_id: int, typed: str, version: int) -> LeftOut:
    """Leave these words out of the forum's word cloud, if they are still at the version the form showed.

    Raises StaleEdit (carrying the words as they are) when another screen saved first.
    """
    words = parse_left_out(typed)
    if len(words) > WORDS_MAX:
        raise TooManyLeftOutWords(limit=WORDS_MAX, count=len(words))
    require(session=session, forum_id=forum_id, action=Action.LEAVE_OUT_WORDS)
    now = utcnow()
    if version == 0:
        first = LeftOutWords(forum_id=forum_id, words=words, version=1, updated_at=now)
        # The forum lock serialises first saves; the primary key settles one it did not.
        _, created = insert_once(session, first, lambda: session.get(LeftOutWords, forum_id))
        if not created:
            raise StaleEdit(current=left_out(session=session, forum_id=forum_id))
    else:
        result = session.execute(
            update(LeftOutWords)
            .where(col(LeftOutWords.forum_id) == forum_id, col(LeftOutWords.version) == version)
            .values(words=words, version=LeftOutWords.version + 1, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount == 0:  # type: ignore[attr-defined]
            raise StaleEdit(current=left_out(session=session, forum_id=forum_id))
    bump(session=session, forum_id=forum_id, topics=[Topic.WORDS])
    return left_out(session=session, forum_id=forum_id)
