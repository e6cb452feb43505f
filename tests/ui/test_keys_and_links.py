"""Console links: the projector's own link, renewing it and the facilitator key, and shared phones."""

from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from facilitation.core.db import read_session, write_session
from facilitation.forum.access import open_projector_link, projector_token
from facilitation.forum.forums import CreatedForum, authorise_facilitator
from models import Forum
from tests.factories import join, make_forum
from tests.ui.helpers import LAN_ADDRESS, button_keys, everything, html, no_exception, shown, th

STAGE_BUTTONS = {"console_stage_share", "console_stage_plan", "console_stage_act", "console_stage_closed"}


@pytest.fixture
def created(db: Engine) -> CreatedForum:
    return make_forum(db, title="เวทีสวัสดิการตำบลศิลา")


def _console(app: Callable[..., AppTest], created: CreatedForum, key: str | None = None) -> AppTest:
    at = app(code=created.forum.code, key=key or created.facilitator_token)
    no_exception(at)
    assert STAGE_BUTTONS <= button_keys(at)
    return at


def _projector_link(at: AppTest) -> str:
    (button,) = [b for b in at.get("link_button") if b.proto.label == th("console_open_projector")]
    return str(button.proto.url)


def _open_link(app: Callable[..., AppTest], link: str) -> AppTest:
    params = {name: values[0] for name, values in parse_qs(urlsplit(link).query).items()}
    return app(**params)


def _renew(at: AppTest, button: str, *, confirm: bool = True) -> AppTest:
    if confirm:
        at.checkbox(key="console_renew_confirm").check().run()
    return at.button(key=button).click().run()


def _is_projector(at: AppTest, created: CreatedForum) -> bool:
    no_exception(at)
    return f'data-testid="join-code">{created.forum.code}<' in html(at) and not at.button


def _is_refused(at: AppTest) -> bool:
    no_exception(at)
    return th("join_link_refused") in shown(at, "warning") and not STAGE_BUTTONS & button_keys(at)


def test_the_console_opens_the_projector_by_its_own_link(app: Callable[..., AppTest], created: CreatedForum) -> None:
    console = _console(app, created)

    link = _projector_link(console)
    assert link.startswith(f"http://{LAN_ADDRESS}:8501/?")
    assert "key=" not in link and created.facilitator_token not in link
    assert set(parse_qs(urlsplit(link).query)) == {"code", "screen"}
    assert th("console_projector_help") in everything(console)
    projector = _open_link(app, link)
    assert _is_projector(projector, created)


def test_a_forum_made_before_projector_links_gets_one_at_the_console(
    app: Callable[..., AppTest], db: Engine, created: CreatedForum
) -> None:
    with read_session(db) as session:
        stored = session.get(Forum, created.forum.id)
        assert stored is not None and stored.projector_token_hash is None

    first = _projector_link(_console(app, created))
    again = _projector_link(_console(app, created))  # the console opened later, in another tab

    assert first == again  # the wall's link keeps working when the console is reopened
    with read_session(db) as session:
        screen = projector_token(session=session, code=created.forum.code, key=created.facilitator_token)
    assert f"screen={screen}" in first


def test_a_new_facilitator_key_refuses_a_stale_tab_at_its_next_run(
    app: Callable[..., AppTest], db: Engine, created: CreatedForum
) -> None:
    console = _console(app, created)
    stale = _console(app, created)  # the same link open in another tab (or another person's)
    old_projector = _open_link(app, _projector_link(console))

    _renew(console, "console_new_key")

    no_exception(console)
    new_key = console.query_params["key"]
    assert new_key != created.facilitator_token
    assert STAGE_BUTTONS <= button_keys(console)  # the tab that renewed goes on with the new key
    assert th("console_new_key_done") in shown(console, "success")
    assert new_key in everything(console)  # the new facilitator link to save
    with read_session(db) as session:
        assert authorise_facilitator(session=session, code=created.forum.code, key=new_key)

    stale.run()
    assert _is_refused(stale)
    old_projector.run()
    assert _is_refused(old_projector)
    assert _is_projector(_open_link(app, _projector_link(console)), created)


def test_a_new_projector_link_refuses_the_old_screen_and_keeps_the_key(
    app: Callable[..., AppTest], created: CreatedForum
) -> None:
    console = _console(app, created)
    other_console = _console(app, created)
    old_link = _projector_link(console)
    old_projector = _open_link(app, old_link)
    assert _is_projector(old_projector, created)

    _renew(console, "console_new_projector")

    no_exception(console)
    assert th("console_new_projector_done") in shown(console, "success")
    new_link = _projector_link(console)
    assert new_link != old_link
    old_projector.run()
    assert _is_refused(old_projector)
    assert _is_projector(_open_link(app, new_link), created)
    other_console.run()  # the facilitator key did not change
    assert STAGE_BUTTONS <= button_keys(other_console)
    assert _projector_link(other_console) == new_link


def test_renewing_needs_the_confirmation_each_time(app: Callable[..., AppTest], created: CreatedForum) -> None:
    console = _console(app, created)
    assert console.button(key="console_new_key").disabled
    assert console.button(key="console_new_projector").disabled

    _renew(console, "console_new_projector")

    # Ticked for one renewal only: the next needs the confirmation again.
    assert not console.checkbox(key="console_renew_confirm").value
    assert console.button(key="console_new_key").disabled
    assert console.button(key="console_new_projector").disabled


def test_a_stale_tab_cannot_renew(app: Callable[..., AppTest], created: CreatedForum) -> None:
    console = _console(app, created)
    stale = _console(app, created)
    stale.checkbox(key="console_renew_confirm").check().run()
    _renew(console, "console_new_key")
    new_key = console.query_params["key"]

    stale.button(key="console_new_key").click().run()

    assert _is_refused(stale)
    console.run()  # the key the first tab made still works, and it was not renewed again
    assert console.query_params["key"] == new_key
    assert STAGE_BUTTONS <= button_keys(console)


def test_the_console_counts_phones_shared_by_more_than_one_person(
    app: Callable[..., AppTest], db: Engine, created: CreatedForum
) -> None:
    join(db, created.forum.code)  # a person on their own phone (no device recorded)

    console = _console(app, created)

    assert th("console_shared_phones", phones=0) in everything(console)
    assert "joined on this phone" not in everything(console)


def test_the_projector_link_is_the_same_for_every_console_of_a_forum(
    app: Callable[..., AppTest], db: Engine, created: CreatedForum
) -> None:
    with write_session(db) as session:
        screen = open_projector_link(session=session, code=created.forum.code, key=created.facilitator_token)

    link = _projector_link(_console(app, created))
    assert f"screen={screen}" in link
    assert _is_projector(_open_link(app, link), created)
