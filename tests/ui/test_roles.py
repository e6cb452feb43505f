"""Roles are enforced by the link on every run, not hidden: a page the link does not open cannot be reached."""

from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from facilitation.core.db import write_session
from facilitation.forum.access import open_projector_link
from facilitation.forum.forums import CreatedForum
from tests.factories import Joined, join, make_forum
from tests.ui.helpers import APP, STREAMLIT_PAGES_MANAGER_INIT, button_keys, has_button, html, no_exception, shown, th

FACILITATOR_PAGES = ("pages/console.py", "pages/projector.py", "pages/summary.py")
STAGE_BUTTONS = {"console_stage_share", "console_stage_plan", "console_stage_act", "console_stage_closed"}


@pytest.fixture
def forum_a(db: Engine) -> CreatedForum:
    return make_forum(db, title="เวที ก")


@pytest.fixture
def forum_b(db: Engine) -> CreatedForum:
    return make_forum(db, title="เวที ข")


@pytest.fixture
def member(db: Engine, forum_a: CreatedForum) -> Joined:
    return join(db, forum_a.forum.code)


def assert_no_facilitator_content(at: AppTest, created: CreatedForum) -> None:
    no_exception(at)
    assert not STAGE_BUTTONS & button_keys(at)
    assert not has_button(at, "plan_add")
    assert not [w for w in at.text_input if (w.key or "").startswith("plan_")]
    assert not at.get("download_button")
    assert not at.get("image")  # the QR code
    assert not at.metric
    assert created.facilitator_token not in html(at)
    assert all(created.facilitator_token not in block.value for block in at.code)
    assert 'data-testid="join-code"' not in html(at)


def assert_join_page(at: AppTest, title: str, *, refused: bool) -> None:
    assert has_button(at, "join_button")
    assert title in html(at)
    assert (th("join_link_refused") in shown(at, "warning")) is refused


@pytest.mark.parametrize("page", FACILITATOR_PAGES)
def test_a_participant_link_offers_no_facilitator_page(
    app: Callable[..., AppTest], forum_a: CreatedForum, member: Joined, page: str
) -> None:
    at = app(code=forum_a.forum.code, p=member.token)

    no_exception(at)
    assert has_button(at, "share_submit")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(page)


@pytest.mark.parametrize("page", FACILITATOR_PAGES)
def test_a_participant_link_asking_for_a_facilitator_page_gets_the_phone_page(
    app: Callable[..., AppTest], forum_a: CreatedForum, member: Joined, page: str
) -> None:
    # The tab was on a facilitator page (so the page exists in this session) when the
    # link in it became a participant's: the router must go by the link.
    at = app(code=forum_a.forum.code, key=forum_a.facilitator_token)
    at.switch_page(page).run()
    no_exception(at)

    at.query_params.clear()
    at.query_params.update(code=forum_a.forum.code, p=member.token)
    at.switch_page(page).run()

    assert_no_facilitator_content(at, forum_a)
    assert has_button(at, "share_submit")  # the participant's own phone page
    assert th("phone_share_intro") in shown(at, "info")


def test_a_wrong_key_lands_on_the_join_page_refused(app: Callable[..., AppTest], forum_a: CreatedForum) -> None:
    at = app(code=forum_a.forum.code, key="not-the-key-" + forum_a.facilitator_token[:8])

    assert_no_facilitator_content(at, forum_a)
    assert_join_page(at, "เวที ก", refused=True)
    for page in FACILITATOR_PAGES:
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)


def test_a_key_works_only_with_its_own_forum(
    app: Callable[..., AppTest], forum_a: CreatedForum, forum_b: CreatedForum
) -> None:
    at = app(code=forum_b.forum.code, key=forum_a.facilitator_token)

    assert_no_facilitator_content(at, forum_a)
    assert_no_facilitator_content(at, forum_b)
    assert_join_page(at, "เวที ข", refused=True)


def test_a_participant_token_is_not_a_facilitator_key(
    app: Callable[..., AppTest], forum_a: CreatedForum, member: Joined
) -> None:
    at = app(code=forum_a.forum.code, key=member.token)

    assert_no_facilitator_content(at, forum_a)
    assert_join_page(at, "เวที ก", refused=True)
    assert not has_button(at, "share_submit")


def test_a_facilitator_key_is_not_a_participant_token(app: Callable[..., AppTest], forum_a: CreatedForum) -> None:
    at = app(code=forum_a.forum.code, p=forum_a.facilitator_token)

    assert_no_facilitator_content(at, forum_a)
    assert_join_page(at, "เวที ก", refused=True)
    assert not has_button(at, "share_submit")


def test_a_participant_token_works_only_with_its_own_forum(
    app: Callable[..., AppTest], forum_a: CreatedForum, forum_b: CreatedForum, member: Joined
) -> None:
    at = app(code=forum_b.forum.code, p=member.token)

    no_exception(at)
    assert not has_button(at, "share_submit")
    assert_join_page(at, "เวที ข", refused=True)


def test_no_link_opens_only_the_home_page(app: Callable[..., AppTest], forum_a: CreatedForum) -> None:
    at = app()

    assert_no_facilitator_content(at, forum_a)
    assert at.title[0].value == th("app_title")
    assert has_button(at, "home_create_button")
    assert not has_button(at, "join_button")
    for page in (*FACILITATOR_PAGES, "pages/phone.py", "pages/join.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)


def test_a_key_without_a_code_opens_only_the_home_page(app: Callable[..., AppTest], forum_a: CreatedForum) -> None:
    at = app(key=forum_a.facilitator_token)

    assert_no_facilitator_content(at, forum_a)
    assert has_button(at, "home_create_button")


def test_the_facilitator_link_opens_all_three_facilitator_pages(
    app: Callable[..., AppTest], forum_a: CreatedForum
) -> None:
    at = app(code=forum_a.forum.code, key=forum_a.facilitator_token)
    assert STAGE_BUTTONS <= button_keys(at)

    at.switch_page("pages/projector.py").run()
    no_exception(at)
    assert 'data-testid="join-code"' in html(at)

    at.switch_page("pages/summary.py").run()
    no_exception(at)
    assert at.get("download_button")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/phone.py")


def test_the_first_request_after_a_restart_goes_through_the_router(
    forum_a: CreatedForum, member: Joined, monkeypatch: pytest.MonkeyPatch
) -> None:
    # AppTest's first run starts like a fresh server process: nothing has called
    # st.navigation yet. A participant's phone reloads at /console after a restart.
    monkeypatch.setattr(PagesManager, "__init__", STREAMLIT_PAGES_MANAGER_INIT)
    monkeypatch.setattr(PagesManager, "uses_pages_directory", None)
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.query_params.update(code=forum_a.forum.code, p=member.token)

    at.switch_page("pages/console.py").run()

    assert_no_facilitator_content(at, forum_a)
    assert has_button(at, "share_submit")


def _screen(db: Engine, created: CreatedForum) -> str:
    """The projector token, as the console gives it out."""
    with write_session(db) as session:
        return open_projector_link(session=session, code=created.forum.code, key=created.facilitator_token)


def assert_nothing_of_the_facilitator_anywhere(at: AppTest, created: CreatedForum) -> None:
    """Not in the page, not in a link on it, not in the address bar."""
    texts = [html(at), *(block.value for block in at.code), *(str(m.value) for m in at.markdown)]
    links = [element.proto.url for element in at.get("link_button")]
    assert all(created.facilitator_token not in text for text in [*texts, *links])
    assert "key" not in at.query_params


def test_the_projector_link_opens_only_the_projector_page(
    app: Callable[..., AppTest], db: Engine, forum_a: CreatedForum, member: Joined
) -> None:
    screen = _screen(db, forum_a)
    at = app(code=forum_a.forum.code, screen=screen)

    no_exception(at)
    assert f'data-testid="join-code">{forum_a.forum.code}<' in html(at)
    assert not at.button  # nothing to press on the wall
    assert not STAGE_BUTTONS & button_keys(at)
    assert_nothing_of_the_facilitator_anywhere(at, forum_a)
    for page in ("pages/console.py", "pages/tree.py", "pages/summary.py", "pages/phone.py", "pages/join.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)
    # The live view follows the forum like the facilitator's own projector page.
    join(db, forum_a.forum.code, name="คนที่สอง")
    at.run()
    no_exception(at)
    assert 'data-testid="joined">2<' in html(at)


@pytest.mark.parametrize("page", ["pages/console.py", "pages/summary.py", "pages/tree.py"])
def test_a_projector_link_asking_for_a_facilitator_page_gets_the_projector(
    app: Callable[..., AppTest], db: Engine, forum_a: CreatedForum, page: str
) -> None:
    # The tab had been on a facilitator page when its link became the projector's.
    at = app(code=forum_a.forum.code, key=forum_a.facilitator_token)
    at.switch_page(page).run()
    at.query_params.clear()
    at.query_params.update(code=forum_a.forum.code, screen=_screen(db, forum_a))
    at.switch_page(page).run()

    assert_no_facilitator_content_but_the_code(at, forum_a)
    assert f'data-testid="join-code">{forum_a.forum.code}<' in html(at)


def assert_no_facilitator_content_but_the_code(at: AppTest, created: CreatedForum) -> None:
    no_exception(at)
    assert not STAGE_BUTTONS & button_keys(at)
    assert not has_button(at, "plan_add")
    assert not at.get("download_button")
    assert not at.metric
    assert_nothing_of_the_facilitator_anywhere(at, created)


def test_a_projector_token_is_not_a_facilitator_key(
    app: Callable[..., AppTest], db: Engine, forum_a: CreatedForum
) -> None:
    at = app(code=forum_a.forum.code, key=_screen(db, forum_a))

    assert_no_facilitator_content(at, forum_a)
    assert_join_page(at, "เวที ก", refused=True)


def test_a_projector_token_is_not_a_participant_token(
    app: Callable[..., AppTest], db: Engine, forum_a: CreatedForum
) -> None:
    at = app(code=forum_a.forum.code, p=_screen(db, forum_a))

    assert_no_facilitator_content(at, forum_a)
    assert_join_page(at, "เวที ก", refused=True)
    assert not has_button(at, "share_submit")


@pytest.mark.parametrize("secret", ["facilitator", "participant", "other_forum", "none_yet"])
def test_only_the_projector_token_opens_the_projector(
    app: Callable[..., AppTest], db: Engine, forum_a: CreatedForum, forum_b: CreatedForum, member: Joined, secret: str
) -> None:
    # "none_yet": a forum made before projector links has none, so no token opens it.
    screens = {
        "facilitator": forum_a.facilitator_token,
        "participant": member.token,
        "other_forum": _screen(db, forum_b),
        "none_yet": "",
    }
    at = app(code=forum_a.forum.code, screen=screens[secret])

    assert_no_facilitator_content(at, forum_a)
    assert_join_page(at, "เวที ก", refused=secret != "none_yet")
