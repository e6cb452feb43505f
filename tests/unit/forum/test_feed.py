"""latest_feed: what the projector reads each update, the same few queries at any forum size."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, event, insert

from facilitation.core.db import read_session, write_session
from facilitation.forum.contributions import feed, withdraw_contribution
from facilitation.forum.feed import latest_feed
from models import Contribution, ContributionKind, ContributionStatus, saved_id, utcnow
from tests.factories import join, make_forum, post


@contextmanager
def counted(engine: Engine) -> Iterator[list[str]]:
    """Every SQL statement the engine runs inside the block."""
    statements: list[str] = []

    def record(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _forum_with(engine: Engine, per_kind: int) -> int:
    """A forum with `per_kind` posts of each kind, stored in bulk (the size is the point here)."""
    created = make_forum(engine)
    forum_id = saved_id(created.forum)
    member = join(engine, created.forum.code).participant
    now = utcnow()
    rows = [
        {
            "forum_id": forum_id,
            "participant_id": saved_id(member),
            "kind": kind,
            "text": f"{kind.value} {index}",
            "status": ContributionStatus.VISIBLE,
            "created_at": now,
            "updated_at": now,
        }
        for index in range(per_kind)
        for kind in ContributionKind
    ]
    with write_session(engine) as session:
        session.execute(insert(Contribution), rows)
    return forum_id


def test_each_kind_has_its_count_and_newest_posts_newest_first(engine: Engine) -> None:
    created = make_forum(engine)
    member = join(engine, created.forum.code, name="สมศรี", organisation="อสม.").participant
    texts = [f"รากเหง้า {i}" for i in range(8)]
    for text in texts:
        post(engine, member, text, ContributionKind.ROOT_CAUSE)
    post(engine, member, "กองทุนหมู่บ้าน", ContributionKind.FUND)

    with read_session(engine) as session:
        shown = latest_feed(session=session, forum_id=saved_id(created.forum), per_kind=5)

    roots, funds, benefits, others = shown.kinds
    assert [column.kind for column in shown.kinds] == list(ContributionKind)
    assert (roots.count, roots.more) == (8, 3)
    assert [item.text for item in roots.newest] == texts[::-1][:5]
    assert roots.newest[0].author == "สมศรี" and roots.newest[0].organisation == "อสม."
    assert (funds.count, funds.more, [item.text for item in funds.newest]) == (1, 0, ["กองทุนหมู่บ้าน"])
    assert (benefits.count, benefits.newest, others.count) == (0, (), 0)
    assert shown.total == 9
    assert [item.text for item in shown.newest(3)] == ["กองทุนหมู่บ้าน", texts[-1], texts[-2]]


def test_it_shows_what_the_full_feed_shows(engine: Engine) -> None:
    created = make_forum(engine)
    forum_id = saved_id(created.forum)
    member = join(engine, created.forum.code).participant
    kept = post(engine, member, "ยังอยู่", ContributionKind.BENEFIT)
    gone = post(engine, member, "ถอนแล้ว", ContributionKind.BENEFIT)
    with write_session(engine) as session:
        withdraw_contribution(session=session, participant=member, contribution_id=saved_id(gone))

    with read_session(engine) as session:
        shown = latest_feed(session=session, forum_id=forum_id, per_kind=10)
        everything = feed(session=session, forum_id=forum_id)

    for column in shown.kinds:
        assert list(column.newest) == everything[column.kind]
        assert column.count == len(everything[column.kind])
    assert [item.id for item in shown.kinds[2].newest] == [saved_id(kept)]


def test_other_forums_posts_are_not_counted(engine: Engine) -> None:
    forum_id = _forum_with(engine, 3)
    other = _forum_with(engine, 7)
    with read_session(engine) as session:
        assert [c.count for c in latest_feed(session=session, forum_id=forum_id, per_kind=5).kinds] == [3] * 4
        assert [c.count for c in latest_feed(session=session, forum_id=other, per_kind=5).kinds] == [7] * 4


def test_the_same_few_queries_read_a_forum_of_50_or_5000_posts(engine: Engine) -> None:
    small, large = _forum_with(engine, 13), _forum_with(engine, 1250)  # 52 and 5,000 posts
    seen = {}
    for name, forum_id in (("small", small), ("large", large)):
        with read_session(engine) as session, counted(engine) as statements:
            shown = latest_feed(session=session, forum_id=forum_id, per_kind=5)
        assert all(len(column.newest) == 5 for column in shown.kinds)
        selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
        seen[name] = (len(selects), shown.total)
        # Only the shown rows are fetched: every row query is limited.
        assert all("LIMIT" in s.upper() or "count(" in s.lower() for s in selects), selects
    assert seen == {"small": (5, 52), "large": (5, 5000)}
