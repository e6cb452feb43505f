"""The tree page's one-item form applies every change in one transaction, and only what changed."""

from sqlalchemy import Engine

from facilitation.core.db import read_session, write_session
from facilitation.forum.forums import pulse
from facilitation.tree.admin import edit_item
from facilitation.tree.data import tree_data
from models import Contribution, ContributionKind, saved_id
from tests.factories import join, make_forum, post


def test_kind_visibility_and_merge_change_together(engine: Engine) -> None:
    """Recategorise, hide and merge a duplicate in one call; the tree reflects all three."""
    forum = make_forum(engine)
    forum_id = saved_id(forum.forum)
    alice = join(engine, forum.forum.code).participant
    bob = join(engine, forum.forum.code, name="บุญมี").participant
    item = post(engine, alice, "กองทุนสวัสดิการชุมชน", ContributionKind.BENEFIT)
    twin = post(engine, bob, "กองทุนสวัสดิการชุมชนตำบล", ContributionKind.FUND)
    with write_session(engine) as session:
        edit_item(
            session=session,
            forum_id=forum_id,
            contribution_id=saved_id(item),
            version=1,
            kind=ContributionKind.FUND,
            category=None,
            shown=True,
            duplicate_ids=[saved_id(twin)],
        )
    with read_session(engine) as session:
        stored = session.get(Contribution, item.id)
        merged = session.get(Contribution, twin.id)
        data = tree_data(session=session, forum_id=forum_id, lang="th")
    assert stored is not None and stored.kind == ContributionKind.FUND
    assert merged is not None and merged.merged_into_id == item.id
    assert [(i.id, i.part, i.weight) for i in data.items] == [(item.id, "trunk", 2)]


def test_unchanged_form_writes_nothing(engine: Engine) -> None:
    """Submitting the form as it was leaves the forum's revision where it was."""
    forum = make_forum(engine)
    forum_id = saved_id(forum.forum)
    person = join(engine, forum.forum.code).participant
    item = post(engine, person, "ทุนการศึกษา 500 บาท", ContributionKind.BENEFIT)
    with read_session(engine) as session:
        before = pulse(session=session, forum_id=forum_id).revision
    with write_session(engine) as session:
        edit_item(
            session=session,
            forum_id=forum_id,
            contribution_id=saved_id(item),
            version=1,
            kind=ContributionKind.BENEFIT,
            category=None,
            shown=True,
            duplicate_ids=[],
        )
    with read_session(engine) as session:
        assert pulse(session=session, forum_id=forum_id).revision == before
