"""The words the room's word cloud leaves out, chosen by the facilitator ("ตำบล" in a tambon forum)."""

import re

from sqlmodel import Session

from facilitation.core.errors import ForumNotFound, TooManyLeftOutWords
from facilitation.core.text import clean_text
from facilitation.core.versioning import update_if_current
from facilitation.forum.policy import Action, require
from facilitation.live.changes import Topic, bump
from models import Forum

WORD_MAX = 40
WORDS_MAX = 100
# Commas (Thai or Latin), semicolons and new lines part the words; a space does not, as a
# left-out phrase may hold one ("หมู่ 3").
SEPARATORS = re.compile(r"[,\n;،、，]+")


def parse_left_out(typed: str) -> list[str]:
    """The words in what the facilitator typed: cleaned, lower-cased, each once, in the order typed."""
    found: dict[str, None] = {}
    for part in SEPARATORS.split(typed or ""):
        word = clean_text(part, max_length=WORD_MAX, required=False, field="words_left_out").lower()
        if word:
            found.setdefault(word, None)
    return list(found)


def set_left_out_words(*, session: Session, forum_id: int, typed: str, version: int) -> Forum:
    """Leave these words out of the forum's word cloud, if the forum is still at the version the form showed.

    Raises StaleEdit (carrying the forum as it is) when another screen saved first.
    """
    words = parse_left_out(typed)
    if len(words) > WORDS_MAX:
        raise TooManyLeftOutWords(limit=WORDS_MAX, count=len(words))
    require(session=session, forum_id=forum_id, action=Action.LEAVE_OUT_WORDS)
    saved = update_if_current(
        session=session,
        table=Forum,
        row_id=forum_id,
        seen=version,
        values={"left_out_words": words},
        missing=ForumNotFound(id=forum_id),
    )
    bump(session=session, forum_id=forum_id, topics=[Topic.WORDS])
    return saved
