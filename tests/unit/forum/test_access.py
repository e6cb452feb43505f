"""access: the projector's own link, renewing keys, and the organiser's password."""

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import NotAuthorised, OrganiserPasswordWrong, TooManyProjectorLinks
from facilitation.core.settings import get_settings
from facilitation.core.tokens import hash_token
from facilitation.forum import access
from facilitation.forum.access import (
    authorise_projector,
    derive_projector_token,
    new_facilitator_key,
    new_projector_link,
    open_projector_link,
    projector_token,
    require_organiser,
)
from facilitation.forum.forums import CreatedForum, authorise_facilitator
from models import Forum
from tests.factories import join, make_forum


@pytest.fixture
def created(engine: Engine) -> CreatedForum:
    return make_forum(engine)


def _open(engine: Engine, created: CreatedForum, key: str | None = None) -> str:
    with write_session(engine) as session:
        return open_projector_link(session=session, code=created.forum.code, key=key or created.facilitator_token)


def _projector_opens(engine: Engine, code: str, screen: str) -> bool:
    try:
        with read_session(engine) as session:
            authorise_projector(session=session, code=code, screen=screen)
    except NotAuthorised:
        return False
    return True


def _facilitator_opens(engine: Engine, code: str, key: str) -> bool:
    try:
        with read_session(engine) as session:
            authorise_facilitator(session=session, code=code, key=key)
    except NotAuthorised:
        return False
    return True


def test_a_forum_made_before_projector_links_gets_one_when_the_console_opens(
    engine: Engine, created: CreatedForum
) -> None:
    """No projector token at first; opening the console stores the hash of one, never the token."""
    code = created.forum.code
    with read_session(engine) as session:
        assert projector_token(session=session, code=code, key=created.facilitator_token) is None
    screen = _open(engine, created)
    with read_session(engine) as session:
        stored = session.get(Forum, created.forum.id)
        assert stored is not None and stored.projector_token_hash == hash_token(screen)
        assert screen not in stored.model_dump_json()
        # The console shows the same link on every later visit, and opening again changes nothing.
        assert projector_token(session=session, code=code, key=created.facilitator_token) == screen
    assert _open(engine, created) == screen
    assert _projector_opens(engine, code, screen)


def test_the_projector_token_opens_only_the_projector(engine: Engine, created: CreatedForum) -> None:
    """Not the facilitator's pages, not another forum; and no other secret opens the projector."""
    screen = _open(engine, created)
    other = make_forum(engine, title="เวทีอื่น")
    _open(engine, other)
    member = join(engine, created.forum.code)
    code = created.forum.code

    assert not _facilitator_opens(engine, code, screen)
    assert not _projector_opens(engine, other.forum.code, screen)
    for wrong in (created.facilitator_token, member.token, "", screen[:-1]):
        assert not _projector_opens(engine, code, wrong)


def test_no_projector_opens_a_forum_without_a_projector_token(engine: Engine, created: CreatedForum) -> None:
    """A NULL hash matches nothing, not even an empty token."""
    for screen in ("", "None", created.facilitator_token):
        assert not _projector_opens(engine, created.forum.code, screen)


def test_a_new_projector_link_refuses_the_old_one(engine: Engine, created: CreatedForum) -> None:
    """After renewing, the old screen is refused and the console shows the new link."""
    old = _open(engine, created)
    with write_session(engine) as session:
        new = new_projector_link(session=session, code=created.forum.code, key=created.facilitator_token)
    assert new != old
    assert not _projector_opens(engine, created.forum.code, old)
    assert _projector_opens(engine, created.forum.code, new)
    with read_session(engine) as session:
        assert projector_token(session=session, code=created.forum.code, key=created.facilitator_token) == new
    # The facilitator key is unchanged.
    assert _facilitator_opens(engine, created.forum.code, created.facilitator_token)


def test_a_new_facilitator_key_refuses_the_old_key_and_the_old_projector(engine: Engine, created: CreatedForum) -> None:
    """The old key opens nothing; the projector link, derived from the key, is new too."""
    code = created.forum.code
    old_screen = _open(engine, created)
    with write_session(engine) as session:
        made = new_facilitator_key(session=session, code=code, key=created.facilitator_token)
    assert not _facilitator_opens(engine, code, created.facilitator_token)
    assert _facilitator_opens(engine, code, made.facilitator_key)
    assert not _projector_opens(engine, code, old_screen)
    assert _projector_opens(engine, code, made.projector_token)
    with read_session(engine) as session:
        assert projector_token(session=session, code=code, key=made.facilitator_key) == made.projector_token


def test_only_the_current_key_renews(engine: Engine, created: CreatedForum) -> None:
    """A stale console (the old key) can renew nothing, and a participant token is no key."""
    code = created.forum.code
    with write_session(engine) as session:
        made = new_facilitator_key(session=session, code=code, key=created.facilitator_token)
    member = join(engine, code)
    for wrong in (created.facilitator_token, member.token):
        for renew in (new_projector_link, open_projector_link, new_facilitator_key):
            with pytest.raises(NotAuthorised), write_session(engine) as session:
                renew(session=session, code=code, key=wrong)
    assert _facilitator_opens(engine, code, made.facilitator_key)


def test_renewing_the_projector_link_stops_at_the_cap(
    engine: Engine, created: CreatedForum, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the cap a renewal is refused (the console's search stays short); a new key starts again."""
    monkeypatch.setattr(access, "MAX_PROJECTOR_GENERATIONS", 3)
    code, key = created.forum.code, created.facilitator_token
    seen = {_open(engine, created)}
    for _ in range(2):
        with write_session(engine) as session:
            seen.add(new_projector_link(session=session, code=code, key=key))
    assert len(seen) == 3
    with pytest.raises(TooManyProjectorLinks), write_session(engine) as session:
        new_projector_link(session=session, code=code, key=key)
    with write_session(engine) as session:
        made = new_facilitator_key(session=session, code=code, key=key)
    assert made.projector_token not in seen
    assert made.projector_token == derive_projector_token(key=made.facilitator_key, code=code, generation=1)


@pytest.fixture
def organiser_password(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    monkeypatch.chdir("/")  # no .env file
    monkeypatch.delenv("ORGANISER_PASSWORD", raising=False)
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def test_without_an_organiser_password_anyone_creates(organiser_password: pytest.MonkeyPatch) -> None:
    """Off by default: nothing to type on a laptop."""
    assert not access.organiser_password_set()
    for given in (None, "", "anything"):
        require_organiser(password=given)


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_organiser_password_is_no_password(organiser_password: pytest.MonkeyPatch, blank: str) -> None:
    """`ORGANISER_PASSWORD=` in a .env file switches the check off rather than asking for nothing."""
    organiser_password.setenv("ORGANISER_PASSWORD", blank)
    assert not access.organiser_password_set()


def test_an_organiser_password_is_required_when_set(organiser_password: pytest.MonkeyPatch) -> None:
    """Only the exact password passes."""
    organiser_password.setenv("ORGANISER_PASSWORD", "ศิลา-2570")
    assert access.organiser_password_set()
    require_organiser(password="ศิลา-2570")
    for wrong in (None, "", "ศิลา-2571", "ศิลา-2570 ", "ศิลา"):
        with pytest.raises(OrganiserPasswordWrong):
            require_organiser(password=wrong)
    assert "ศิลา-2570" not in repr(get_settings())
