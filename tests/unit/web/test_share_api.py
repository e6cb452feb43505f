"""POST /posts/{code}: a phone's post taken beside the app, with the service's guarantees."""

import asyncio
import json
from typing import Any

import pytest
from sqlalchemy import Engine, func
from sqlmodel import select
from starlette.requests import Request

from facilitation.core.db import read_session, write_session
from facilitation.core.i18n import t
from facilitation.forum.forums import CreatedForum, set_stage
from facilitation.forum.policy import stage_rules
from facilitation.forum.reveal import reveal_stage
from facilitation.live.changes import Topic, counters
from facilitation.web import share_api
from models import Contribution, Stage, saved_id
from tests.factories import Joined, join, make_forum


@pytest.fixture
def created(engine: Engine) -> CreatedForum:
    return make_forum(engine, revealed=True)  # the wall shows posts as they come


@pytest.fixture
def member(engine: Engine, created: CreatedForum) -> Joined:
    return join(engine, created.forum.code)


def stored(engine: Engine) -> list[Contribution]:
    with read_session(engine) as session:
        return list(session.exec(select(Contribution).order_by(Contribution.id)))


def send(engine: Engine, code: str, **payload: Any) -> share_api.Outcome:
    return share_api.post(engine=engine, code=code, payload=payload)


def test_a_post_is_stored_once_and_said_sent_in_the_phones_language(
    engine: Engine, created: CreatedForum, member: Joined
) -> None:
    code = created.forum.code
    outcome = send(engine, code, p=member.token, kind="fund", text="  กองทุนสัจจะวันละบาท ", lang="en")
    assert outcome.status == 200
    assert outcome.body["ok"] is True and outcome.body["created"] is True
    assert outcome.body["message"] == t("share_sent", "en")
    (row,) = stored(engine)
    assert (row.kind, row.text, row.participant_id) == ("fund", "กองทุนสัจจะวันละบาท", member.participant.id)
    assert outcome.body["id"] == row.id


def test_a_second_tap_is_told_already_sent_and_a_retry_is_told_sent(
    engine: Engine, created: CreatedForum, member: Joined
) -> None:
    code = created.forum.code
    first = send(engine, code, p=member.token, kind="root_cause", text="ไม่มีรถไปโรงพยาบาล")
    tapped = send(engine, code, p=member.token, kind="root_cause", text="ไม่มีรถไปโรงพยาบาล")
    # A retry after an answer that never arrived: for the person, the post is simply sent.
    retried = send(engine, code, p=member.token, kind="root_cause", text="ไม่มีรถไปโรงพยาบาล", retry=True)
    assert len(stored(engine)) == 1
    assert first.body["id"] == tapped.body["id"] == retried.body["id"]
    assert (tapped.body["created"], tapped.body["level"]) == (False, "info")
    assert tapped.body["message"] == t("share_already", "th")
    assert (retried.body["created"], retried.body["level"]) == (False, "success")
    assert retried.body["message"] == t("share_sent", "th")


def test_the_sent_message_says_what_the_screen_shows_in_plan(
    engine: Engine, created: CreatedForum, member: Joined
) -> None:
    with write_session(engine) as session:
        set_stage(session=session, forum=created.forum, stage=Stage.PLAN)
    outcome = send(engine, created.forum.code, p=member.token, kind="benefit", text="รถรับส่งผู้ป่วย")
    count = stage_rules(Stage.PLAN).projector_recent_posts
    assert outcome.body["message"] == t("share_sent_plan", "th", count=count)


def test_a_closed_forum_refuses_with_its_reason_and_stores_nothing(
    engine: Engine, created: CreatedForum, member: Joined
) -> None:
    with write_session(engine) as session:
        set_stage(session=session, forum=created.forum, stage=Stage.CLOSED)
    outcome = send(engine, created.forum.code, p=member.token, kind="fund", text="ส่งหลังปิดเวที")
    assert outcome.status == 409
    assert outcome.body == {"ok": False, "closed": True, "message": outcome.body["message"]}
    assert outcome.body["message"]
    assert stored(engine) == []


@pytest.mark.parametrize(
    ("text", "key", "values"),
    [
        ("   ", "error_text_empty_field", {"field": t("share_text", "th")}),
        ("ก" * 501, "error_text_too_long_field", {"field": t("share_text", "th"), "limit": 500, "length": 501}),
    ],
)
def test_bad_words_are_refused_with_the_pages_message(
    engine: Engine, created: CreatedForum, member: Joined, text: str, key: str, values: dict[str, object]
) -> None:
    outcome = send(engine, created.forum.code, p=member.token, kind="fund", text=text)
    assert (outcome.status, outcome.body["ok"]) == (422, False)
    assert outcome.body["message"] == t(key, "th", **values)
    assert stored(engine) == []


def test_a_token_of_another_forum_or_none_opens_nothing(engine: Engine, created: CreatedForum, member: Joined) -> None:
    other = make_forum(engine, title="เวทีอื่น")
    for code, token in ((other.forum.code, member.token), (created.forum.code, "x" * 32), (created.forum.code, "")):
        outcome = send(engine, code, p=token, kind="fund", text="ข้อความ")
        assert outcome.status == 403
        assert outcome.body["message"] == t("error_not_authorised", "th")
    assert stored(engine) == []


@pytest.mark.parametrize(
    "payload",
    [None, [], {"p": "x", "kind": "nonsense", "text": "a"}, {"p": 1, "kind": "fund", "text": "a"}, {"kind": "fund"}],
)
def test_a_malformed_request_is_refused(engine: Engine, created: CreatedForum, payload: object) -> None:
    outcome = share_api.post(engine=engine, code=created.forum.code, payload=payload)
    assert (outcome.status, outcome.body["ok"]) == (400, False)


def test_a_post_moves_the_posts_topic_so_screens_showing_posts_redraw(
    engine: Engine, created: CreatedForum, member: Joined
) -> None:
    forum_id = saved_id(created.forum)
    with read_session(engine) as session:
        before = counters(session=session, forum_ids=[forum_id]).get(forum_id, {})
    send(engine, created.forum.code, p=member.token, kind="root_cause", text="หนี้นอกระบบ")
    with read_session(engine) as session:
        after = counters(session=session, forum_ids=[forum_id])[forum_id]
    assert after[Topic.POSTS] == before.get(Topic.POSTS, 0) + 1


def request(body: bytes, headers: dict[str, str], code: str) -> Request:
    scope = {
        "type": "http",
        "method": "POST",
        "path": f"/posts/{code}",
        "path_params": {"code": code},
        "headers": [(name.lower().encode(), value.encode()) for name, value in headers.items()],
        "query_string": b"",
    }
    delivered = False

    async def receive() -> dict[str, object]:
        nonlocal delivered
        if delivered:
            return {"type": "http.disconnect"}
        delivered = True
        return {"type": "http.request", "body": body, "more_body": False}

    return Request(scope, receive)


def handle(engine: Engine, code: str, body: bytes, **headers: str) -> tuple[int, dict[str, Any]]:
    reply = asyncio.run(share_api._handle(engine, request(body, headers, code)))
    assert reply.headers["cache-control"] == "no-store"
    return reply.status_code, json.loads(bytes(reply.body))


def test_the_endpoint_takes_json_from_the_apps_own_pages(engine: Engine, created: CreatedForum, member: Joined) -> None:
    code = created.forum.code
    body = json.dumps({"p": member.token, "kind": "fund", "text": "กองทุนหมู่บ้าน"}).encode()
    same = {"host": "forum.test:8501", "origin": "http://forum.test:8501", "content-type": "application/json"}
    status, answer = handle(engine, code, body, **same)
    assert (status, answer["created"]) == (200, True)

    # Another site's page cannot post for a phone, nor can a plain form without asking first.
    assert handle(engine, code, body, **(same | {"origin": "http://evil.example"}))[0] == 403
    assert handle(engine, code, body, **(same | {"content-type": "text/plain"}))[0] == 415
    assert handle(engine, code, b"{" + b" " * share_api.MAX_BODY_BYTES, **same)[0] == 413
    assert handle(engine, code, b"not json", **same)[0] == 400
    with read_session(engine) as session:
        assert session.exec(select(func.count()).select_from(Contribution)).one() == 1


def test_while_the_wall_holds_posts_sent_says_they_show_at_the_reveal(engine: Engine) -> None:
    held = make_forum(engine)  # a new forum writes first
    person = join(engine, held.forum.code)
    outcome = send(engine, held.forum.code, p=person.token, kind="fund", text="กองทุนหมู่บ้าน", lang="en")
    assert (outcome.status, outcome.body["message"]) == (200, t("share_sent_held", "en"))
    with write_session(engine) as session:
        reveal_stage(session=session, forum_id=saved_id(held.forum), stage=Stage.SHARE, version=0)
    outcome = send(engine, held.forum.code, p=person.token, kind="fund", text="กองทุนสัจจะ", lang="en")
    assert outcome.body["message"] == t("share_sent", "en")
