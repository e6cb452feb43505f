"""POST /posts/{code}: a phone's post, taken without running its page.

A page run draws the whole phone page after the write; in a hall, 25 posts a second
queue behind each other's runs. The phone's share box (pages/share_box.py) sends the
post here instead and says "sent" itself when the answer comes; the page follows with
its own list afterwards. The same service, its double-tap guard and its messages apply:
a retry after a lost answer finds the post the first try stored.
"""

from sqlalchemy import Engine
from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute

from facilitation.core.db import write_session
from facilitation.core.errors import ActionNotAllowed, ForumError, ForumNotFound, NotAuthorised
from facilitation.core.i18n import LANGUAGES, t
from facilitation.forum.contributions import add_contribution
from facilitation.forum.participants import identify
from facilitation.forum.policy import stage_rules
from facilitation.forum.reveal import REVEAL_STAGES, reveal_view
from facilitation.web.json_post import Outcome, handle, json_route
from models import ContributionCreate, ContributionKind, ContributionStatus, Forum, Stage, saved_id

PATH = "/posts/{code}"
# A post is at most 500 characters; anything far larger is not a phone's post.
MAX_BODY_BYTES = 16_384


def sent_message(stage: Stage, lang: str, *, held: bool = False) -> str:
    """What "sent" means in this stage: say what the room's screen really shows.

    `held`: the stage's posts wait for the facilitator's reveal (the wall shows only counts).
    """
    rules = stage_rules(stage)
    if held and (rules.projector_feed or rules.projector_recent_posts):
        return t("share_sent_held", lang)
    if rules.projector_feed:
        return t("share_sent", lang)
    if rules.projector_recent_posts:
        return t("share_sent_plan", lang, count=rules.projector_recent_posts)
    return t("share_sent_unseen", lang)


def sent_note(*, session: Session, forum_id: int, lang: str) -> str:
    """What "sent" means for a post just taken by forum `forum_id`, at its stage and reveal now."""
    forum = session.get(Forum, forum_id)
    if forum is None:
        raise ForumNotFound(id=forum_id)
    stage = Stage(forum.stage)
    held = stage in REVEAL_STAGES and not reveal_view(session=session, forum_id=forum_id).projector_posts(stage)
    return sent_message(stage, lang, held=held)


def _refused(status: int, message: str, *, closed: bool = False) -> Outcome:
    return Outcome(status, {"ok": False, "message": message, "closed": closed})


def post(*, engine: Engine, code: str, payload: object) -> Outcome:
    """Store the post in `payload` for the participant whose token it carries; one transaction."""
    if not isinstance(payload, dict):
        return _refused(400, t("error_generic", "th"))
    asked = payload.get("lang")
    lang = asked if isinstance(asked, str) and asked in LANGUAGES else "th"
    token, kind, text = payload.get("p"), payload.get("kind"), payload.get("text")
    if not isinstance(token, str) or not isinstance(text, str) or kind not in set(ContributionKind):
        return _refused(400, t("error_generic", lang))
    try:
        with write_session(engine) as session:
            member = identify(session=session, code=code, token=token)
            data = ContributionCreate(kind=ContributionKind(str(kind)), text=text)
            posted = add_contribution(session=session, participant=member.participant, data=data)
            sent = sent_note(session=session, forum_id=member.participant.forum_id, lang=lang)
    except NotAuthorised as error:
        return _refused(403, error.message(lang))
    except ActionNotAllowed as error:
        # The stage moved on while this phone showed the form: its page will follow.
        return _refused(409, error.message(lang), closed=True)
    except ForumError as error:
        return _refused(422, error.message(lang))
    # A retry whose first try was stored but whose answer was lost finds that post: for
    # the person it is simply sent. A second tap on purpose gets "already sent".
    again = payload.get("retry") is True
    status = ContributionStatus(posted.contribution.status)
    message, level = posted_message(status, sent, lang, first=posted.created or again)
    return Outcome(
        200,
        {
            "ok": True,
            "created": posted.created,
            "id": saved_id(posted.contribution),
            "status": status.value,
            "message": message,
            "level": level,
        },
    )


def posted_message(status: ContributionStatus, sent: str, lang: str, *, first: bool) -> tuple[str, str]:
    """What the person is told of a post stored as `status` (and its level); `first`: stored by this send.

    `sent`: what "sent" means at the forum's stage now (`sent_note`). Never silent: a post
    that waits says so, and the same words sent again after a hide say they stay hidden.
    """
    if status == ContributionStatus.PENDING:
        return t("share_waiting" if first else "share_already_waiting", lang), "info"
    if status == ContributionStatus.HIDDEN:
        return t("share_hidden_again", lang), "warning"
    return (sent, "success") if first else (t("share_already", lang), "info")


def _answer(engine: Engine, code: str, payload: object) -> Outcome:
    return post(engine=engine, code=code, payload=payload)


async def _handle(engine: Engine, request: Request) -> Response:
    return await handle(engine, request, _answer, max_bytes=MAX_BODY_BYTES)


def routes(engine: Engine) -> list[BaseRoute]:
    """POST /posts/{code} with JSON {p, kind, text, lang, retry}."""
    return json_route(PATH, engine, _answer, max_bytes=MAX_BODY_BYTES)
