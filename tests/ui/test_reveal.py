"""Write first, then reveal on the console, the projector and a phone: the button, a stale tab, what each shows.

The projector's page source is checked while posts are held: no text reaches it at all.
"""

from collections.abc import Callable
from typing import Any

import pytest
from google.protobuf import text_format
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from facilitation.core.db import read_session, write_session
from facilitation.forum.forums import CreatedForum, set_stage
from facilitation.forum.reveal import reveal_events, reveal_stage, set_reveal_settings, stage_reveal
from models import ContributionKind, RevealEventKind, Stage, saved_id
from tests.factories import join, make_forum, post
from tests.ui.helpers import everything, html, no_exception, th
from tests.ui.test_live_watch import watcher

SECRET = "ความลับที่ยังไม่เปิดเผย"
OTHER = "กองทุนสัจจะวันละบาท"


@pytest.fixture
def created(db: Engine) -> CreatedForum:
    return make_forum(db, title="เวทีเขียนก่อนเปิดเผย")


@pytest.fixture
def console(app: Callable[..., AppTest], created: CreatedForum) -> Callable[[], AppTest]:
    return lambda: app(code=created.forum.code, key=created.facilitator_token)


@pytest.fixture
def projector(app: Callable[..., AppTest], created: CreatedForum) -> Callable[[], AppTest]:
    def open_projector() -> AppTest:
        at = app(code=created.forum.code, key=created.facilitator_token)
        return at.switch_page("pages/projector.py").run()

    return open_projector


def page_source(at: AppTest) -> str:
    """Every element the page sent the browser, as its protobuf text: whatever a CSS rule could hide is here."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(text_format.MessageToString(proto, as_utf8=True))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)  # noqa: SLF001 - AppTest's whole element tree
    return "\n".join(parts)


def press(at: AppTest, key_start: str) -> AppTest:
    (button,) = [button for button in at.button if button.key and button.key.startswith(key_start)]
    return button.click().run()


def has(at: AppTest, key_start: str) -> bool:
    return any(button.key and button.key.startswith(key_start) for button in at.button)


def _stage(engine: Engine, created: CreatedForum, stage: Stage) -> None:
    with write_session(engine) as session:
        set_stage(session=session, forum=created.forum, stage=stage)


def _posts(engine: Engine, created: CreatedForum) -> None:
    member = join(engine, created.forum.code)
    post(engine, member.participant, SECRET, ContributionKind.ROOT_CAUSE)
    post(engine, member.participant, OTHER, ContributionKind.FUND)


def test_a_held_projector_shows_each_kinds_count_and_the_line_but_no_text_not_even_in_its_source(
    projector: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    _posts(db, created)
    at = projector()
    no_exception(at)
    source = html(at)
    assert th("reveal_hidden_note") in source
    assert 'data-kind="root_cause"' in source and 'data-testid="count">1<' in source
    for kind in ContributionKind:
        assert th(f"kind_{kind.value}") in source
    # Not hidden by CSS: never sent. Nowhere in the page's elements, nor in its session state.
    assert SECRET not in everything(at) and OTHER not in everything(at)
    source = page_source(at)
    assert th("reveal_hidden_note") in source and SECRET not in source and OTHER not in source


def test_reveal_all_on_the_console_shows_the_posts_on_the_projector_and_is_recorded(
    console: Callable[[], AppTest], projector: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    _posts(db, created)
    at = console()
    no_exception(at)
    assert th("console_reveal_state_hidden") in everything(at)
    at = press(at, "console_reveal_all_share_0")
    no_exception(at)
    assert th("console_reveal_done") in [success.value for success in at.success]
    with read_session(db) as session:
        view = stage_reveal(session=session, forum_id=saved_id(created.forum), stage=Stage.SHARE)
        record = reveal_events(session=session, forum_id=saved_id(created.forum))
    assert view.revealed and [(e.stage, e.kind) for e in record] == [(Stage.SHARE, RevealEventKind.REVEALED)]
    # The console says when, and offers Hide again for this version.
    assert "น." in everything(at) and has(at, "console_reveal_hide_share_1")

    wall = projector()
    assert SECRET in html(wall) and OTHER in html(wall) and SECRET in page_source(wall)
    assert th("reveal_hidden_note") not in html(wall)

    at = press(at, "console_reveal_hide_share_1")
    no_exception(at)
    assert SECRET not in html(projector())
    with read_session(db) as session:
        kinds = [e.kind for e in reveal_events(session=session, forum_id=saved_id(created.forum))]
    assert kinds == [RevealEventKind.REVEALED, RevealEventKind.HIDDEN]


def test_a_stale_console_tab_cannot_undo_a_reveal_and_shows_the_state_now(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    first, second = console(), console()
    first = press(first, "console_reveal_all_share_0")
    # The second tab still shows Reveal all and the settings drawn at version 0: its Save
    # (still "counts until revealed", unrevealed) must not put the stage back.
    second.checkbox(key="console_reveal_phones_share_0").check()
    second = press(second, "console_reveal_save_share_0")
    no_exception(second)
    assert th("console_reveal_stale") in [info.value for info in second.info]
    # What this person ticked stays ticked over the setting as it is now, with the saved values beside.
    assert second.checkbox(key="console_reveal_phones_share_1").value is True
    saved_now = th("console_reveal_saved_now", hold=th("console_reveal_yes"), phones=th("console_reveal_no"))
    assert saved_now in [caption.value for caption in second.caption]
    with read_session(db) as session:
        view = stage_reveal(session=session, forum_id=saved_id(created.forum), stage=Stage.SHARE)
        record = reveal_events(session=session, forum_id=saved_id(created.forum))
    assert (view.revealed, view.version, len(record), view.phones_show_posts) == (True, 1, 1, False)
    # Redrawn from the stage as it is: Hide again, and the moment it was revealed.
    assert has(second, "console_reveal_hide_share_1") and not has(second, "console_reveal_all_")


def test_plan_holds_its_newest_posts_column_too(
    projector: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    _posts(db, created)
    _stage(db, created, Stage.PLAN)
    source = html(projector())
    assert th("reveal_hidden_note") in source and th("wall_recent_posts") in source and SECRET not in source
    with write_session(db) as session:
        reveal_stage(session=session, forum_id=saved_id(created.forum), stage=Stage.PLAN, version=0)
    assert SECRET in html(projector())


def test_the_console_offers_no_reveal_where_the_projector_shows_no_posts(
    console: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    for stage in (Stage.ACT, Stage.CLOSED):
        _stage(db, created, stage)
        at = console()
        no_exception(at)
        assert not has(at, "console_reveal_")


def test_a_phone_lists_others_posts_only_when_set_and_revealed_and_follows_reveals_only_then(
    app: Callable[..., AppTest], db: Engine, created: CreatedForum
) -> None:
    _posts(db, created)
    me = join(db, created.forum.code, name="สมหญิง")
    post(db, me.participant, "ของฉันเอง", ContributionKind.BENEFIT)
    forum_id = saved_id(created.forum)
    phone = app(code=created.forum.code, p=me.token)
    no_exception(phone)
    assert SECRET not in everything(phone)
    assert "reveal" not in watcher(phone)["topics"]  # a phone that shows no posts never reruns for a reveal

    with write_session(db) as session:
        set_reveal_settings(
            session=session, forum_id=forum_id, stage=Stage.SHARE, version=0,
            hold_until_revealed=True, phones_show_posts=True,
        )  # fmt: skip
    phone = app(code=created.forum.code, p=me.token)
    assert SECRET not in everything(phone)  # set, but not revealed yet
    # It has posted: it also follows the facilitator's decisions on its own posts, at most every 10 s.
    assert watcher(phone)["topics"] == {"stage": 0, "timer": 0, "reveal": 0, "moderation": 10}

    with write_session(db) as session:
        reveal_stage(session=session, forum_id=forum_id, stage=Stage.SHARE, version=1)
    phone = app(code=created.forum.code, p=me.token)
    no_exception(phone)
    shown = everything(phone)
    assert th("phone_others_heading") in shown and SECRET in shown and OTHER in shown
    assert watcher(phone)["topics"] == {"stage": 0, "timer": 0, "reveal": 0, "posts": 10, "moderation": 10}
