"""Moderation: posts held by the filter or pre-approval, hidden and restored, never sent again around a hide."""

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import ContributionNotFound, PostModerated, StaleEdit, TextEmpty
from facilitation.exports.markdown import to_markdown
from facilitation.exports.summary import build_summary
from facilitation.forum.contributions import (
    Posted,
    add_contribution,
    edit_contribution,
    my_contributions,
    withdraw_contribution,
)
from facilitation.forum.feed import latest_feed
from facilitation.forum.moderation import (
    approve_post,
    hide_post,
    moderation_view,
    queue_size,
    reject_post,
    restore_post,
)
from facilitation.forum.moderation_log import hide_reasons, moderation_log
from facilitation.forum.moderation_rules import moderation_rules, set_moderation_words, set_pre_approval
from facilitation.forum.phone_view import phone_screen
from facilitation.forum.post_texts import visible_words
from facilitation.tree.data import tree_data
from facilitation.web.share_api import post as share_post
from models import (
    Contribution,
    ContributionCreate,
    ContributionKind,
    ContributionStatus,
    ContributionUpdate,
    Forum,
    ModerationAction,
    Participant,
    saved_id,
)
from tests.factories import Joined, join, make_forum, post
from tests.unit.helpers import count

ROOT, OTHER = ContributionKind.ROOT_CAUSE, ContributionKind.OTHER
RUDE = "ผู้ใหญ่บ้านไอ้เหี้ยไม่เคยมาดูแล"


@pytest.fixture
def forum(engine: Engine) -> Forum:
    return make_forum(engine, revealed=True).forum


@pytest.fixture
def member(engine: Engine, forum: Forum) -> Joined:
    return join(engine, forum.code, name="บุญมี")


def _add(engine: Engine, person: Participant, text: str, kind: ContributionKind = ROOT) -> Posted:
    with write_session(engine) as session:
        return add_contribution(session=session, participant=person, data=ContributionCreate(kind=kind, text=text))


def _row(engine: Engine, contribution_id: int | None) -> Contribution:
    with read_session(engine) as session:
        row = session.get(Contribution, contribution_id)
    assert row is not None
    return row


def _wall(engine: Engine, forum: Forum) -> list[str]:
    with read_session(engine) as session:
        feed = latest_feed(session=session, forum_id=saved_id(forum), per_kind=50)
    return [item.text for column in feed.kinds for item in column.newest]


def _hide(engine: Engine, row: Contribution, reason: str = "ไม่สุภาพ") -> Contribution:
    with write_session(engine) as session:
        return hide_post(
            session=session, forum_id=row.forum_id, contribution_id=saved_id(row), version=row.version, reason=reason
        )


def test_a_rude_post_waits_in_the_queue_and_shows_nowhere_until_approved(
    engine: Engine, forum: Forum, member: Joined
) -> None:
    held = _add(engine, member.participant, RUDE)
    assert held.created and held.contribution.status == ContributionStatus.PENDING
    assert RUDE not in _wall(engine, forum)
    with read_session(engine) as session:
        assert queue_size(session=session, forum_id=saved_id(forum)) == 1
        view = moderation_view(session=session, forum_id=saved_id(forum))
        assert [(p.text, p.held_by, p.held_words) for p in view.pending] == [(RUDE, "filter", "ไอ้เหี้ย")]
        assert [p.text for p in my_contributions(session=session, participant=member.participant)] == [RUDE]
        assert not any(
            "เหี้ย" in word for words in visible_words(session=session, forum_id=saved_id(forum)) for word in words
        )

    with write_session(engine) as session:
        approve_post(session=session, forum_id=saved_id(forum), contribution_id=saved_id(held.contribution), version=1)
    assert _row(engine, held.contribution.id).status == ContributionStatus.VISIBLE
    assert RUDE in _wall(engine, forum)
    with read_session(engine) as session:
        log = moderation_log(session=session, forum_id=saved_id(forum))
    assert [(line.action, line.by_role, line.participant_id) for line in log] == [
        (ModerationAction.APPROVED, "facilitator", member.participant.id),
        (ModerationAction.HELD, "filter", member.participant.id),
    ]


def test_pre_approval_holds_every_new_post_and_a_rejection_hides_it_with_the_reason(
    engine: Engine, forum: Forum, member: Joined
) -> None:
    with write_session(engine) as session:
        set_pre_approval(session=session, forum_id=saved_id(forum), on=True, version=0)
    waiting = _add(engine, member.participant, "ไม่มีรถไปโรงพยาบาล").contribution
    assert waiting.status == ContributionStatus.PENDING
    with pytest.raises(TextEmpty), write_session(engine) as session:  # a reason is required
        reject_post(session=session, forum_id=saved_id(forum), contribution_id=saved_id(waiting), version=1, reason=" ")
    with write_session(engine) as session:
        reject_post(
            session=session, forum_id=saved_id(forum), contribution_id=saved_id(waiting), version=1, reason="ซ้ำ"
        )
    with read_session(engine) as session:
        screen = phone_screen(session=session, forum_id=saved_id(forum), code=forum.code, token=member.token)
    assert [(p.text, p.status) for p in screen.mine] == [("ไม่มีรถไปโรงพยาบาล", ContributionStatus.HIDDEN)]
    assert screen.hidden_reasons == {saved_id(waiting): "ซ้ำ"}


def test_a_hidden_post_leaves_every_screen_of_the_room_and_comes_back_when_restored(
    engine: Engine, forum: Forum, member: Joined
) -> None:
    shown = post(engine, member.participant, "ผู้สูงอายุอยู่ลำพังไม่มีคนดูแล")
    kept = post(engine, member.participant, "เด็กเล็กไม่มีที่เรียน")
    hidden = _hide(engine, shown)
    assert hidden.status == ContributionStatus.HIDDEN
    with read_session(engine) as session:
        summary = build_summary(session=session, forum_id=saved_id(forum))
        tree = tree_data(session=session, forum_id=saved_id(forum), lang="th")
        words = visible_words(session=session, forum_id=saved_id(forum))
    assert _wall(engine, forum) == [kept.text]
    assert [item.text for items in summary.contributions.values() for item in items] == [kept.text]
    assert {item.id for item in tree.items} == {kept.id}
    assert all("ลำพัง" not in post_words for post_words in words)
    assert (summary.moderation.hidden, summary.moderation.log_total) == (1, 1)
    markdown = to_markdown(summary, "en")
    assert "Posts hidden by the facilitator (left out of this summary): 1" in markdown
    assert "ไม่สุภาพ" in markdown and shown.text not in markdown

    with write_session(engine) as session:
        restore_post(
            session=session, forum_id=saved_id(forum), contribution_id=saved_id(hidden), version=hidden.version
        )
    assert sorted(_wall(engine, forum)) == sorted([shown.text, kept.text])


def test_a_stale_button_is_refused_and_says_what_the_post_is_now(engine: Engine, forum: Forum, member: Joined) -> None:
    """Two console tabs drew the same post: the second hide is refused, the first one stands."""
    shown = post(engine, member.participant, "ไม่มีรถไปโรงพยาบาล")
    _hide(engine, shown, "ข้อความซ้ำ")
    with pytest.raises(PostModerated) as refused, write_session(engine) as session:
        hide_post(session=session, forum_id=saved_id(forum), contribution_id=saved_id(shown), version=1, reason="อื่น")
    assert isinstance(refused.value, StaleEdit)
    assert "hidden by the facilitator" in refused.value.message("en")
    with read_session(engine) as session:
        assert hide_reasons(session=session, contribution_ids=[saved_id(shown)]) == {saved_id(shown): "ข้อความซ้ำ"}


def test_an_edit_since_the_queue_was_drawn_refuses_its_approval(engine: Engine, forum: Forum, member: Joined) -> None:
    """The facilitator approves the words they read, not newer ones the author typed meanwhile."""
    held = _add(engine, member.participant, RUDE).contribution
    with write_session(engine) as session:
        edit_contribution(
            session=session, participant=member.participant, contribution_id=saved_id(held), version=1,
            data=ContributionUpdate(text="ไอ้เหี้ย ไอ้เหี้ย"),
        )  # fmt: skip
    with pytest.raises(PostModerated), write_session(engine) as session:
        approve_post(session=session, forum_id=saved_id(forum), contribution_id=saved_id(held), version=1)
    assert _row(engine, held.id).status == ContributionStatus.PENDING


def test_an_edit_that_adds_a_rude_word_sends_a_shown_post_back_to_the_queue(
    engine: Engine, forum: Forum, member: Joined
) -> None:
    shown = post(engine, member.participant, "ผู้ใหญ่บ้านไม่เคยมาดูแล")
    with write_session(engine) as session:
        saved = edit_contribution(
            session=session, participant=member.participant, contribution_id=saved_id(shown), version=1,
            data=ContributionUpdate(text=RUDE),
        )  # fmt: skip
    assert saved.status == ContributionStatus.PENDING
    assert RUDE not in _wall(engine, forum)


@pytest.mark.parametrize("decision", ["hidden", "pending"])
def test_the_same_words_sent_again_make_no_second_row(
    engine: Engine, forum: Forum, member: Joined, decision: str
) -> None:
    """A hidden or waiting post's words sent again (same kind, or hidden under another) return the first row."""
    first = _add(engine, member.participant, RUDE).contribution  # pending
    if decision == "hidden":
        with write_session(engine) as session:
            reject_post(
                session=session, forum_id=saved_id(forum), contribution_id=saved_id(first), version=1, reason="หยาบ"
            )
    again = _add(engine, member.participant, RUDE)
    assert (again.created, again.contribution.id) == (False, first.id)
    other_kind = _add(engine, member.participant, RUDE, OTHER)
    if decision == "hidden":
        assert (other_kind.created, other_kind.contribution.id) == (False, first.id)
    assert count(engine, Contribution) == (1 if decision == "hidden" else 2)


def test_the_index_refuses_a_second_kept_row_even_past_the_service(
    engine: Engine, forum: Forum, member: Joined
) -> None:
    """The database itself holds the guard: a hidden row and a new visible one with its words cannot coexist."""
    shown = post(engine, member.participant, "ข้อความเดิม")
    _hide(engine, shown)
    with pytest.raises(Exception, match="UNIQUE|unique"), write_session(engine) as session:
        session.add(
            Contribution(forum_id=saved_id(forum), participant_id=member.participant.id, kind=ROOT, text="ข้อความเดิม")
        )
        session.flush()


def test_withdrawing_a_hidden_post_frees_its_words(engine: Engine, forum: Forum, member: Joined) -> None:
    shown = post(engine, member.participant, "ข้อความเดิม")
    _hide(engine, shown)
    with write_session(engine) as session:
        withdraw_contribution(session=session, participant=member.participant, contribution_id=saved_id(shown))
    again = _add(engine, member.participant, "ข้อความเดิม")
    assert again.created and again.contribution.status == ContributionStatus.VISIBLE
    hidden = _hide(engine, again.contribution)
    with pytest.raises(ContributionNotFound), write_session(engine) as session:  # a hidden post is not edited
        edit_contribution(
            session=session, participant=member.participant, contribution_id=saved_id(hidden), version=hidden.version,
            data=ContributionUpdate(text="แก้"),
        )  # fmt: skip


def test_the_forums_own_words_hold_posts_and_a_stale_list_is_refused(
    engine: Engine, forum: Forum, member: Joined
) -> None:
    with write_session(engine) as session:
        set_moderation_words(session=session, forum_id=saved_id(forum), typed="ขี้โกง, crook", version=0)
    assert _add(engine, member.participant, "นายกขี้โกงงบ").contribution.status == ContributionStatus.PENDING
    assert _add(engine, member.participant, "He is a Crook").contribution.status == ContributionStatus.PENDING
    assert _add(engine, member.participant, "ทุกคนช่วยกัน").contribution.status == ContributionStatus.VISIBLE
    with pytest.raises(StaleEdit), write_session(engine) as session:
        set_moderation_words(session=session, forum_id=saved_id(forum), typed="อื่น", version=0)
    with read_session(engine) as session:
        assert moderation_rules(session=session, forum_id=saved_id(forum)).words == ("ขี้โกง", "crook")


def test_the_share_endpoint_says_a_post_waits_and_a_hidden_one_stays_hidden(
    engine: Engine, forum: Forum, member: Joined
) -> None:
    body = {"p": member.token, "kind": "root_cause", "text": RUDE, "lang": "en"}
    first = share_post(engine=engine, code=forum.code, payload=body)
    assert first.body["status"] == "pending" and "waiting for the facilitator" in first.body["message"]
    retry = share_post(engine=engine, code=forum.code, payload={**body, "retry": True})
    assert retry.body["id"] == first.body["id"] and "waiting for the facilitator" in retry.body["message"]
    tapped = share_post(engine=engine, code=forum.code, payload=body)
    assert "already sent" in tapped.body["message"] and "waiting" in tapped.body["message"]
    with write_session(engine) as session:
        reject_post(
            session=session, forum_id=saved_id(forum), contribution_id=first.body["id"], version=1, reason="หยาบ"
        )
    again = share_post(engine=engine, code=forum.code, payload=body)
    assert again.body["status"] == "hidden" and "hid this message" in again.body["message"]
    with read_session(engine) as session:
        assert len(session.exec(select(Contribution)).all()) == 1
