"""phone_view: everything a participant's phone draws, in one read."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, event

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import NotAuthorised
from facilitation.core.tokens import new_token
from facilitation.forum import phone_view
from facilitation.forum.contributions import withdraw_contribution
from facilitation.forum.phone_view import PhoneScreen, phone_screen
from facilitation.live.changes import Topic, counters
from models import ContributionKind, Stage, saved_id
from tests.factories import Joined, join, make_forum, post
from tests.unit.helpers import commit, make_item, move


def _screen(engine: Engine, member: Joined, code: str, *, token: str | None = None) -> PhoneScreen:
    with read_session(engine) as session:
        return phone_screen(
            session=session,
            forum_id=member.participant.forum_id,
            code=code,
            token=member.token if token is None else token,
        )


@contextmanager
def _selects(engine: Engine) -> Iterator[list[str]]:
    """The SELECT statements run on `engine` inside the block."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_the_screen_holds_the_counters_the_forum_the_participant_and_their_own_posts(engine: Engine) -> None:
    """Share stage: no plan; own visible posts newest first, not others' and not withdrawn ones."""
    forum = make_forum(engine).forum
    member = join(engine, forum.code, name="บุญมี")
    other = join(engine, forum.code, name="สมศรี")
    first = post(engine, member.participant, "ไม่มีรถไปหาหมอ", ContributionKind.ROOT_CAUSE)
    gone = post(engine, member.participant, "ข้อความที่จะถอน")
    newest = post(engine, member.participant, "กองทุนหมู่บ้าน", ContributionKind.FUND)
    post(engine, other.participant, "ของคนอื่น")
    with write_session(engine) as session:
        withdraw_contribution(session=session, participant=member.participant, contribution_id=saved_id(gone))

    screen = _screen(engine, member, forum.code)

    with read_session(engine) as session:
        assert screen.seen == counters(session=session, forum_ids=[saved_id(forum)])[saved_id(forum)]
    assert set(screen.seen) == {str(topic) for topic in Topic}
    assert screen.seen[Topic.POSTS] > 0
    assert screen.forum.id == forum.id
    assert screen.participant.id == member.participant.id
    assert screen.plan is None  # the Share stage does not show the plan on phones
    assert [row.id for row in screen.mine] == [newest.id, first.id]


@pytest.mark.parametrize("stage", [Stage.PLAN, Stage.ACT, Stage.CLOSED])
def test_the_plan_is_read_in_the_stages_that_show_it(engine: Engine, stage: Stage) -> None:
    forum = make_forum(engine).forum
    member = join(engine, forum.code)
    item = make_item(engine, saved_id(forum), "รถรับส่งผู้ป่วยติดเตียง")
    make_item(engine, saved_id(forum), "ศูนย์ดูแลผู้สูงอายุกลางวัน")
    move(engine, forum, Stage.ACT)
    commit(engine, member.participant, saved_id(item), "สมทบค่าน้ำมัน", "กองทุนสวัสดิการชุมชน")
    move(engine, forum, stage)

    screen = _screen(engine, member, forum.code)

    assert screen.plan is not None
    assert [(row.number, row.item.activity) for row in screen.plan] == [
        (1, "รถรับส่งผู้ป่วยติดเตียง"),
        (2, "ศูนย์ดูแลผู้สูงอายุกลางวัน"),
    ]
    assert [c.text for c in screen.plan[0].commitments] == ["สมทบค่าน้ำมัน"]
    assert screen.forum.stage == stage


def test_a_change_made_after_a_read_shows_in_the_next_one(engine: Engine) -> None:
    forum = make_forum(engine).forum
    member = join(engine, forum.code)
    before = _screen(engine, member, forum.code)

    move(engine, forum, Stage.PLAN)
    after = _screen(engine, member, forum.code)

    assert after.seen[Topic.STAGE] > before.seen[Topic.STAGE]
    assert (before.forum.stage, after.forum.stage) == (Stage.SHARE, Stage.PLAN)
    assert (before.plan, after.plan) == (None, [])


@pytest.mark.parametrize("token", [new_token(), "", "not-a-token"])
def test_a_wrong_token_is_not_authorised(engine: Engine, token: str) -> None:
    forum = make_forum(engine).forum
    member = join(engine, forum.code)

    with pytest.raises(NotAuthorised):
        _screen(engine, member, forum.code, token=token)


def test_another_forum_s_code_is_not_authorised(engine: Engine) -> None:
    """A link whose code is not the forum the visitor was resolved to is refused, even with a valid token there."""
    forum, other = make_forum(engine).forum, make_forum(engine).forum
    member = join(engine, forum.code)
    elsewhere = join(engine, other.code)

    with pytest.raises(NotAuthorised):
        _screen(engine, member, other.code, token=elsewhere.token)


def test_the_counters_are_read_before_anything_the_phone_draws(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page tells its watcher these counters are what it drew: read later, a change between could be missed."""
    forum = make_forum(engine).forum
    member = join(engine, forum.code)
    calls: list[str] = []
    for name in ("counters", "identify", "plan", "my_contributions"):
        original = getattr(phone_view, name)

        def recorded(*args: Any, _name: str = name, _original: Any = original, **kwargs: Any) -> Any:
            calls.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(phone_view, name, recorded)
    move(engine, forum, Stage.PLAN)

    _screen(engine, member, forum.code)

    assert calls[0] == "counters"
    assert set(calls) == {"counters", "identify", "plan", "my_contributions"}


def test_the_screen_is_one_transaction_of_few_queries(engine: Engine) -> None:
    """Counters 1, forum and participant 1, plan 7 (items, answers, themes, commitments, and each item's progress:
    its own reports, its commitments' figures, the items it was carried from), own posts 1, timer 1,
    reveal 1, pre-approval 1, vote 1: whatever the posts and items (the reasons of hidden posts are read only
    when the phone has one, its own dots only when a vote is on)."""
    forum = make_forum(engine).forum
    member = join(engine, forum.code)
    for n in range(5):
        post(engine, member.participant, f"ข้อความที่ {n}")
        make_item(engine, saved_id(forum), f"กิจกรรมที่ {n}")
    move(engine, forum, Stage.PLAN)
    begins: list[object] = []

    def began(connection: object) -> None:
        begins.append(connection)

    event.listen(engine, "begin", began)
    try:
        with _selects(engine) as selects:
            _screen(engine, member, forum.code)
    finally:
        event.remove(engine, "begin", began)

    assert len(begins) == 1
    assert len(selects) == 14
