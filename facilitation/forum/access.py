"""Who may open what: the projector's own read-only link, new keys, and the organiser's password.

The projector's token is derived from the facilitator key and a generation number,
so the console (which holds the key) can show the same link on every visit while
the database keeps only its hash. "New projector link" moves to the next
generation; a new facilitator key starts again at the first, so it also replaces
the projector link.
"""

import hashlib
import hmac
from base64 import urlsafe_b64encode
from dataclasses import dataclass

from sqlmodel import Session, select

from facilitation.core.errors import NotAuthorised, OrganiserPasswordWrong, TooManyProjectorLinks
from facilitation.core.settings import get_settings
from facilitation.core.tokens import hash_token, new_token, normalise_join_code, token_matches
from facilitation.forum.forums import authorise_facilitator
from facilitation.live.changes import Topic, bump
from models import Forum, saved_id, utcnow

# The console finds the current generation by trying each in turn (a microsecond
# each); the cap keeps that search short. Nobody renews a link 200 times in a forum.
MAX_PROJECTOR_GENERATIONS = 200


@dataclass(frozen=True)
class NewKeys:
    """Shown once to the console that asked for them; only their hashes are stored."""

    facilitator_key: str
    projector_token: str


def derive_projector_token(*, key: str, code: str, generation: int) -> str:
    """The projector token of `generation` for the forum whose facilitator key is `key`."""
    message = f"projector:{normalise_join_code(code)}:{generation}".encode()
    digest = hmac.new(key.encode("utf-8"), message, hashlib.sha256).digest()
    return urlsafe_b64encode(digest[:24]).decode("ascii")


def authorise_projector(*, session: Session, code: str, screen: str | None) -> Forum:
    """The forum if `screen` is its current projector token; raises NotAuthorised otherwise."""
    forum = session.exec(select(Forum).where(Forum.code == normalise_join_code(code))).first()
    if forum is None or not forum.projector_token_hash or not token_matches(screen, forum.projector_token_hash):
        raise NotAuthorised()
    return forum


def _generation(forum: Forum, key: str) -> int:
    """The generation of the forum's current projector token under `key`, or 0 when it has none."""
    if forum.projector_token_hash:
        for generation in range(1, MAX_PROJECTOR_GENERATIONS + 1):
            token = derive_projector_token(key=key, code=forum.code, generation=generation)
            if token_matches(token, forum.projector_token_hash):
                return generation
    return 0


def _locked(session: Session, code: str, key: str) -> Forum:
    # Checked on the locked row: of two consoles renewing at once, the second waits
    # and then finds its key replaced, instead of renewing from a key that is gone.
    statement = select(Forum).where(Forum.code == normalise_join_code(code)).with_for_update()
    forum = session.exec(statement.execution_options(populate_existing=True)).first()
    if forum is None or not token_matches(key, forum.facilitator_token_hash):
        raise NotAuthorised()
    return forum


def _store_projector(session: Session, forum: Forum, key: str, generation: int) -> str:
    token = derive_projector_token(key=key, code=forum.code, generation=generation)
    forum.projector_token_hash = hash_token(token)
    forum.updated_at = utcnow()
    session.add(forum)
    # A projector or console holding the old link redraws at once and is refused.
    bump(session=session, forum_id=saved_id(forum), topics=[Topic.STAGE])
    return token


def projector_token(*, session: Session, code: str, key: str) -> str | None:
    """The forum's current projector token, or None when it has none yet (a forum made before them)."""
    forum = authorise_facilitator(session=session, code=code, key=key)
    generation = _generation(forum, key)
    return derive_projector_token(key=key, code=forum.code, generation=generation) if generation else None


def open_projector_link(*, session: Session, code: str, key: str) -> str:
    """The current projector token, giving the forum its first one when it has none."""
    forum = _locked(session, code, key)
    generation = _generation(forum, key)
    if generation:
        return derive_projector_token(key=key, code=forum.code, generation=generation)
    return _store_projector(session, forum, key, 1)


def new_projector_link(*, session: Session, code: str, key: str) -> str:
    """Replace the projector token: a screen holding the old one is refused at its next refresh."""
    forum = _locked(session, code, key)
    generation = _generation(forum, key) + 1
    if generation > MAX_PROJECTOR_GENERATIONS:
        raise TooManyProjectorLinks(limit=MAX_PROJECTOR_GENERATIONS)
    return _store_projector(session, forum, key, generation)


def new_facilitator_key(*, session: Session, code: str, key: str) -> NewKeys:
    """Replace the facilitator key, and with it the projector link derived from it."""
    forum = _locked(session, code, key)
    fresh = new_token()
    forum.facilitator_token_hash = hash_token(fresh)
    return NewKeys(facilitator_key=fresh, projector_token=_store_projector(session, forum, fresh, 1))


def organiser_password_set() -> bool:
    """Whether creating a forum or loading the sample asks for ORGANISER_PASSWORD."""
    return get_settings().organiser_password is not None


def require_organiser(*, password: str | None) -> None:
    """Pass when no ORGANISER_PASSWORD is set or `password` is it; raise OrganiserPasswordWrong otherwise."""
    expected = get_settings().organiser_password
    if expected is None:
        return
    given = (password or "").encode("utf-8")
    if not hmac.compare_digest(given, expected.get_secret_value().encode("utf-8")):
        raise OrganiserPasswordWrong()
