"""Start page: importing a forum from its archive opens the new forum's console, or says why not."""

import json
from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from facilitation.core.db import read_session, write_session
from facilitation.core.settings import get_settings
from facilitation.exports.archive import export_archive
from facilitation.forum.forums import authorise_facilitator
from facilitation.sample.load import load_sample_forum
from models import Contribution, Forum, Participant, Stage, saved_id
from tests.ui.helpers import button_keys, has_button, no_exception, shown, submit, th

PASSWORD = "ศิลา-2570"
STAGE_BUTTONS = {"console_stage_share", "console_stage_plan", "console_stage_act", "console_stage_closed"}


def _archive(engine: Engine) -> tuple[bytes, Forum]:
    with write_session(engine) as session:
        forum = load_sample_forum(session=session).forum
    with read_session(engine) as session:
        return export_archive(session=session, forum_id=saved_id(forum)), forum


def _forums(engine: Engine) -> list[Forum]:
    with Session(engine) as session:
        return list(session.exec(select(Forum).order_by(Forum.id)))  # type: ignore[arg-type]


def _upload(at: AppTest, data: bytes, name: str = "forum.archive.json") -> AppTest:
    at.file_uploader(key="home_import_file").upload(name, data, "application/json")
    return at


def test_the_start_page_offers_the_import(app: Callable[..., AppTest], db: Engine) -> None:
    at = app()

    no_exception(at)
    assert th("archive_import_heading") in [element.value for element in at.subheader]
    assert at.file_uploader(key="home_import_file").allowed_type == [".json"]
    assert has_button(at, "archive_import_button")
    assert not [widget for widget in at.text_input if widget.key == "home_import_password"]


def test_an_imported_forum_opens_its_new_console_and_says_old_phones_cannot_rejoin(
    app: Callable[..., AppTest], db: Engine
) -> None:
    data, source = _archive(db)
    at = _upload(app(), data)

    submit(at, "archive_import_button")  # the run after the tap opens the new forum's console
    no_exception(at)
    assert STAGE_BUTTONS <= button_keys(at)
    said = " ".join(shown(at, "info"))
    assert th("archive_imported", participants=17, posts=32, items=5) in said
    assert "โทรศัพท์เครื่องเดิมไม่ได้" in said

    forums = _forums(db)
    assert len(forums) == 2
    imported = forums[1]
    assert imported.title == source.title and imported.code != source.code
    assert imported.stage == Stage.ACT
    assert at.query_params["code"] == imported.code
    with read_session(db) as session:
        assert authorise_facilitator(session=session, code=imported.code, key=at.query_params["key"]).id == imported.id
        people = session.exec(select(Participant).where(Participant.forum_id == imported.id)).all()
        posts = session.exec(select(Contribution).where(Contribution.forum_id == imported.id)).all()
    assert len(people) == 17 and len(posts) == 32

    at.run()
    no_exception(at)
    assert STAGE_BUTTONS <= button_keys(at)
    assert len(_forums(db)) == 2  # the rerun did not import a second time


@pytest.mark.parametrize(
    ("spoil", "message_key"),
    [
        (lambda data: data[:100], "archive_error_unreadable"),
        (lambda data: json.dumps({"format": "other", "version": 1}).encode(), "archive_error_foreign"),
    ],
    ids=["cut short", "foreign"],
)
def test_a_bad_file_is_refused_on_the_start_page(
    app: Callable[..., AppTest], db: Engine, spoil: Callable[[bytes], bytes], message_key: str
) -> None:
    data, _ = _archive(db)
    at = _upload(app(), spoil(data))

    submit(at, "archive_import_button")

    no_exception(at)
    assert th(message_key) in shown(at, "error")
    assert len(_forums(db)) == 1
    assert "key" not in at.query_params


def test_pressing_import_with_no_file_says_so(app: Callable[..., AppTest], db: Engine) -> None:
    at = app()
    submit(at, "archive_import_button")
    no_exception(at)
    assert th("archive_import_no_file") in shown(at, "error")
    assert _forums(db) == []


@pytest.fixture
def guarded(db: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.setenv("ORGANISER_PASSWORD", PASSWORD)
    get_settings.cache_clear()
    return db


def test_the_organiser_password_guards_the_import(app: Callable[..., AppTest], guarded: Engine) -> None:
    data, _ = _archive(guarded)
    at = _upload(app(), data)
    at.text_input(key="home_import_password").input("ผิด")

    submit(at, "archive_import_button")
    no_exception(at)
    assert th("error_organiser_password") in shown(at, "error")
    assert len(_forums(guarded)) == 1

    at.text_input(key="home_import_password").input(PASSWORD)
    submit(at, "archive_import_button")
    no_exception(at)
    assert len(_forums(guarded)) == 2
