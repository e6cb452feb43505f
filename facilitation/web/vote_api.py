"""POST /votes/{code}: a phone's tap on a dot, taken without running its page.

A Streamlit button press is a run of the whole phone page; a hall spending 5 dots each is
2,500 of them in a few minutes. The phone's vote box (pages/vote_box.py) sends each tap here
instead and redraws its own dots from the answer: the person's dots as the database holds
them after the tap, refused or not. The same services decide (facilitation/forum/dots.py):
a tap carries the dots the screen showed on that option, so a retry after a lost answer
changes nothing and a stale screen spends nothing.
"""

from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import (
    ActionNotAllowed,
    DotsMoved,
    ForumError,
    NotAuthorised,
    VoteNotOpen,
)
from facilitation.core.i18n import LANGUAGES, t
from facilitation.forum.dots import MyDots, Tapped, add_dot, person_dots, take_back_dot
from facilitation.forum.participants import identify
from facilitation.live.changes import Topic, counters
from facilitation.web.json_post import Outcome, handle, json_route
from models import Participant, saved_id

PATH = "/votes/{code}"
MAX_BODY_BYTES = 2_048
CHANGES = {"add": add_dot, "take": take_back_dot}


def dots_body(dots: MyDots, tally: int) -> dict[str, Any]:
    """The person's dots as the vote box reads them, with the forum's dot counter they were read at."""
    return {
        "tally": tally,
        "vote": dots.vote_id,
        "used": dots.used,
        "budget": dots.budget,
        "cap": dots.cap,
        "mine": {str(option): count for option, count in dots.dots.items()},
    }


def _refused(status: int, message: str, now: tuple[MyDots, int] | None = None, *, closed: bool = False) -> Outcome:
    body: dict[str, Any] = {"ok": False, "message": message, "closed": closed}
    if now is not None:
        body |= dots_body(*now)
    return Outcome(status, body)


def tally(session: Session, forum_id: int) -> int:
    """The forum's dot counter now: a page drawn from an older read does not overwrite a newer answer."""
    return counters(session=session, forum_ids=[forum_id]).get(forum_id, {}).get(Topic.VOTES.value, 0)


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**31 else None


def tap(*, engine: Engine, code: str, payload: object) -> Outcome:
    """One tap: {p, vote, option, seen, change: "add" | "take", lang}; one transaction."""
    if not isinstance(payload, dict):
        return _refused(400, t("error_generic", "th"))
    asked = payload.get("lang")
    lang = asked if isinstance(asked, str) and asked in LANGUAGES else "th"
    token, change = payload.get("p"), CHANGES.get(str(payload.get("change")))
    vote_id, option, seen = _int(payload.get("vote")), _int(payload.get("option")), _int(payload.get("seen"))
    if not isinstance(token, str) or change is None or vote_id is None or option is None or seen is None:
        return _refused(400, t("error_generic", lang))
    participant_id = 0
    try:
        with write_session(engine) as session:
            participant = identify(session=session, code=code, token=token).participant
            participant_id = saved_id(participant)
            done: Tapped = change(session=session, participant_id=participant_id, option_id=option, seen=seen)
            counted = tally(session, participant.forum_id)
    except NotAuthorised as error:
        return _refused(403, error.message(lang))
    except (VoteNotOpen, ActionNotAllowed) as error:
        # Closed, or the stage moved on, while this phone showed the buttons: its page follows.
        return _refused(409, error.message(lang), _now(engine, participant_id, vote_id), closed=True)
    except ForumError as error:
        # No dots left, the cap, or another tab moved them: the dots as they are now, so the box
        # shows what it can still do (DotsMoved carries them too, read inside the refused tap).
        return _refused(
            409 if isinstance(error, DotsMoved) else 422, error.message(lang), _now(engine, participant_id, vote_id)
        )
    return Outcome(200, {"ok": True, "changed": done.changed, **dots_body(done.dots, counted)})


def _now(engine: Engine, participant_id: int, vote_id: int) -> tuple[MyDots, int] | None:
    """The person's dots and the forum's dot counter, read after a refused tap."""
    if not participant_id:
        return None
    with read_session(engine) as session:
        participant = session.get(Participant, participant_id)
        dots = person_dots(session=session, participant_id=participant_id, vote_id=vote_id)
        return None if participant is None or dots is None else (dots, tally(session, participant.forum_id))


def _answer(engine: Engine, code: str, payload: object) -> Outcome:
    return tap(engine=engine, code=code, payload=payload)


async def _handle(engine: Engine, request: Request) -> Response:
    return await handle(engine, request, _answer, max_bytes=MAX_BODY_BYTES)


def routes(engine: Engine) -> list[BaseRoute]:
    """POST /votes/{code} with JSON {p, vote, option, seen, change, lang}."""
    return json_route(PATH, engine, _answer, max_bytes=MAX_BODY_BYTES)
