"""Edits carry the version they were drawn from; merges keep every person's point through edits and withdrawals."""

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import StaleEdit
from facilitation.forum.contributions import edit_contribution, withdraw_contribution
from facilitation.tree.admin import merge, recategorise, tie
from models import Contribution, ContributionKind, ContributionUpdate, Forum, Participant, TreeTie, saved_id
from tests.factories import join, make_forum, post
from tests.unit.helpers import admin, tree

ROOT, FUND, BENEFIT = ContributionKind.ROOT_CAUSE, ContributionKind.FUND, ContributionKind.BENEFIT


@pytest.fixture
def forum(engine: Engine) -> Forum:
    return make_forum(engine).forum


def _person(engine: Engine, forum: Forum, name: str) -> Participant:
    return join(engine, forum.code, name=name).participant


def _row(engine: Engine, contribution_id: int | None) -> Contribution:
    with read_session(engine) as session:
        row = session.get(Contribution, contribution_id)
        assert row is not None
        return row


def _edit(
    engine: Engine, who: Participant, contribution_id: int | None, version: int, **changes: object
) -> Contribution:
    with write_session(engine) as session:
        return edit_contribution(
            session=session,
            participant=who,
            contribution_id=contribution_id or 0,
            version=version,
            data=ContributionUpdate(**changes),
        )


def _withdraw(engine: Engine, who: Participant, contribution_id: int | None) -> None:
    with write_session(engine) as session:
        withdraw_contribution(session=session, participant=who, contribution_id=contribution_id or 0)


def _weights(engine: Engine, forum: Forum) -> dict[int, tuple[int, tuple[int, ...]]]:
    return {item.id: (item.weight, item.merged_ids) for item in tree(engine, saved_id(forum)).items}


def test_an_edit_drawn_before_the_facilitator_moved_the_post_is_refused(engine: Engine, forum: Forum) -> None:
    """The phone's form showed "benefit"; the facilitator made it a fund; fixing a typo must not undo that."""
    author = _person(engine, forum, "ก")
    posted = post(engine, author, "กองทุนหมูบ้าน", BENEFIT)
    drawn = _row(engine, posted.id).version
    admin(engine, recategorise, saved_id(forum), contribution_id=posted.id, kind=FUND)

    with pytest.raises(StaleEdit), write_session(engine) as session:
        try:
            edit_contribution(
                session=session,
                participant=author,
                contribution_id=saved_id(posted),
                version=drawn,
                data=ContributionUpdate(text="กองทุนหมู่บ้าน"),
            )
        except StaleEdit as refused:
            # The refusal carries the post as it is now, for the page to show.
            assert isinstance(refused.current, Contribution)
            assert (refused.current.kind, refused.current.text) == (FUND, "กองทุนหมูบ้าน")
            raise
    stored = _row(engine, posted.id)
    assert (stored.kind, stored.text) == (FUND, "กองทุนหมูบ้าน")
    # Drawn again from the current version, the same fix goes through and keeps the fund.
    fixed = _edit(engine, author, posted.id, stored.version, text="กองทุนหมู่บ้าน")
    assert (fixed.kind, fixed.text, fixed.version) == (FUND, "กองทุนหมู่บ้าน", stored.version + 1)


def test_two_saves_from_one_version_cannot_both_win(engine: Engine, forum: Forum) -> None:
    author = _person(engine, forum, "ก")
    posted = post(engine, author, "ร่างแรก")
    drawn = _row(engine, posted.id).version
    _edit(engine, author, posted.id, drawn, text="จากแท็บหนึ่ง")
    with pytest.raises(StaleEdit):
        _edit(engine, author, posted.id, drawn, text="จากแท็บสอง")
    assert _row(engine, posted.id).text == "จากแท็บหนึ่ง"


def test_withdrawing_the_kept_post_keeps_the_others_counted(engine: Engine, forum: Forum) -> None:
    """Three posts merged into one; the kept post's author withdraws it: the oldest other becomes the node."""
    a, b, c = (_person(engine, forum, name) for name in ("ก", "ข", "ค"))
    keep, second, third = post(engine, a, "ไม่มีรถ"), post(engine, b, "ไม่มีรถไปหาหมอ"), post(engine, c, "รถไม่มี")
    fund, benefit = post(engine, a, "กองทุนตำบล", FUND), post(engine, a, "รถรับส่ง", BENEFIT)
    admin(engine, merge, saved_id(forum), keep_id=keep.id, duplicate_ids=[second.id, third.id])
    admin(engine, tie, saved_id(forum), root_id=keep.id, fund_id=fund.id, benefit_id=benefit.id)
    assert _weights(engine, forum)[saved_id(keep)] == (3, (saved_id(second), saved_id(third)))

    _withdraw(engine, a, keep.id)

    assert _weights(engine, forum)[saved_id(second)] == (2, (saved_id(third),))
    assert saved_id(keep) not in _weights(engine, forum)
    assert (_row(engine, second.id).merged_into_id, _row(engine, third.id).merged_into_id) == (None, second.id)
    # The path the facilitator tied to the node follows it to its heir.
    paths = [(p.root_id, p.fund_id, p.benefit_id) for p in tree(engine, saved_id(forum)).paths]
    assert paths == [(second.id, fund.id, benefit.id)]
    with read_session(engine) as session:
        assert len(list(session.exec(select(TreeTie)))) == 1


def test_the_heir_keeps_the_node_s_branch_and_visibility(engine: Engine, forum: Forum) -> None:
    a, b = _person(engine, forum, "ก"), _person(engine, forum, "ข")
    keep, other = post(engine, a, "ทุนการศึกษา", BENEFIT), post(engine, b, "ทุนเรียนให้เด็ก", BENEFIT)
    admin(engine, merge, saved_id(forum), keep_id=keep.id, duplicate_ids=[other.id])
    with write_session(engine) as session:
        row = session.get(Contribution, keep.id)
        assert row is not None
        row.category = "education"
    _withdraw(engine, a, keep.id)
    heir = _row(engine, other.id)
    assert (heir.merged_into_id, heir.category, heir.in_tree) == (None, "education", True)


def test_a_duplicate_edited_into_another_kind_leaves_the_merge_and_shows_on_its_own(
    engine: Engine, forum: Forum
) -> None:
    a, b = _person(engine, forum, "ก"), _person(engine, forum, "ข")
    keep, duplicate = post(engine, a, "ไม่มีรถ"), post(engine, b, "รถรับส่งผู้ป่วย")
    admin(engine, merge, saved_id(forum), keep_id=keep.id, duplicate_ids=[duplicate.id])

    _edit(engine, b, duplicate.id, _row(engine, duplicate.id).version, kind=BENEFIT)

    assert _row(engine, duplicate.id).merged_into_id is None
    weights = _weights(engine, forum)
    assert weights[saved_id(keep)] == (1, ())
    assert weights[saved_id(duplicate)] == (1, ())
    assert next(i for i in tree(engine, saved_id(forum)).items if i.id == duplicate.id).part == "fruit"


def test_a_node_edited_into_another_kind_hands_its_duplicates_on(engine: Engine, forum: Forum) -> None:
    a, b, c = (_person(engine, forum, name) for name in ("ก", "ข", "ค"))
    keep, second, third = post(engine, a, "ไม่มีรถ"), post(engine, b, "ไม่มีรถไปหาหมอ"), post(engine, c, "รถไม่มี")
    admin(engine, merge, saved_id(forum), keep_id=keep.id, duplicate_ids=[second.id, third.id])

    _edit(engine, a, keep.id, _row(engine, keep.id).version, kind=FUND)

    weights = _weights(engine, forum)
    assert weights[saved_id(keep)] == (1, ())
    assert weights[saved_id(second)] == (2, (saved_id(third),))


def test_duplicates_of_a_node_gone_before_this_release_stand_on_their_own(engine: Engine, forum: Forum) -> None:
    """A row still merged into a withdrawn post (stored that way earlier) is counted, not dropped."""
    a, b = _person(engine, forum, "ก"), _person(engine, forum, "ข")
    keep, duplicate = post(engine, a, "ไม่มีรถ"), post(engine, b, "ไม่มีรถไปหาหมอ")
    with write_session(engine) as session:
        session.get(Contribution, duplicate.id).merged_into_id = keep.id  # type: ignore[union-attr]
        session.get(Contribution, keep.id).status = "withdrawn"  # type: ignore[union-attr]
    assert _weights(engine, forum) == {saved_id(duplicate): (1, ())}
