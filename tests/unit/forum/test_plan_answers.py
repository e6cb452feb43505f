"""The posts an action item answers keep the words they were tied with, marked when edited or withdrawn since."""

from sqlalchemy import Engine

from facilitation.core.db import read_session, write_session
from facilitation.exports.markdown import to_markdown
from facilitation.exports.summary import build_summary
from facilitation.forum.contributions import edit_contribution, withdraw_contribution
from facilitation.forum.plans import Answer, plan, update_action_item
from facilitation.present.cards import plan_card
from facilitation.tree.admin import merge, set_category
from models import Contribution, ContributionKind, ContributionUpdate, Stage, saved_id
from tests.factories import join, make_forum, post
from tests.unit.helpers import admin, item_data, make_item, move

ASKED = "รถรับส่งผู้ป่วยไปตามนัด"
REWORDED = "อยากได้ห้องสมุดชุมชน"
KEPT = "ค่ารักษาพยาบาลแพง"


def _answers(engine: Engine, forum_id: int) -> list[Answer]:
    with read_session(engine) as session:
        return plan(session=session, forum_id=forum_id)[0].answers


def _version(engine: Engine, contribution_id: int) -> int:
    with read_session(engine) as session:
        row = session.get(Contribution, contribution_id)
        assert row is not None
        return row.version


def test_edited_and_withdrawn_posts_keep_their_linked_words_with_a_mark(engine: Engine) -> None:
    created = make_forum(engine)
    forum_id = saved_id(created.forum)
    author = join(engine, created.forum.code).participant
    edited = post(engine, author, ASKED, ContributionKind.BENEFIT)
    withdrawn = post(engine, author, KEPT)
    unchanged = post(engine, author, "กองทุนตำบล", ContributionKind.FUND)
    make_item(engine, forum_id, contribution_ids=[edited.id, withdrawn.id, unchanged.id])

    with write_session(engine) as session:
        edit_contribution(
            session=session,
            participant=author,
            contribution_id=saved_id(edited),
            version=_version(engine, saved_id(edited)),
            data=ContributionUpdate(kind=ContributionKind.OTHER, text=REWORDED),
        )
    with write_session(engine) as session:
        withdraw_contribution(session=session, participant=author, contribution_id=saved_id(withdrawn))

    answers = _answers(engine, forum_id)
    assert [(a.id, a.kind, a.text, a.edited, a.withdrawn) for a in answers] == [
        (edited.id, ContributionKind.BENEFIT, ASKED, True, False),
        (withdrawn.id, ContributionKind.ROOT_CAUSE, KEPT, False, True),
        (unchanged.id, ContributionKind.FUND, "กองทุนตำบล", False, False),
    ]
    with read_session(engine) as session:
        rows = plan(session=session, forum_id=forum_id)
        markdown = to_markdown(build_summary(session=session, forum_id=forum_id), "en")
    card = plan_card(rows[0], "en")
    assert f"{ASKED} <span" in card and "(changed since it was linked)" in card
    assert f"{KEPT} <span" in card and "(withdrawn by its author)" in card
    assert REWORDED not in card
    assert f"- {ASKED} _(changed since it was linked)_" in markdown
    assert f"- {KEPT} _(withdrawn by its author)_" in markdown
    assert "- กองทุนตำบล\n" in markdown


def test_saving_the_item_again_keeps_the_words_its_links_were_made_with(engine: Engine) -> None:
    created = make_forum(engine)
    forum_id = saved_id(created.forum)
    author = join(engine, created.forum.code).participant
    asked = post(engine, author, ASKED, ContributionKind.BENEFIT)
    later = post(engine, author, KEPT)
    item = make_item(engine, forum_id, contribution_ids=[asked.id])
    with write_session(engine) as session:
        edit_contribution(
            session=session,
            participant=author,
            contribution_id=saved_id(asked),
            version=_version(engine, saved_id(asked)),
            data=ContributionUpdate(text=REWORDED),
        )
    with write_session(engine) as session:
        update_action_item(
            session=session,
            forum_id=forum_id,
            item_id=saved_id(item),
            seen=1,
            data=item_data(contribution_ids=[asked.id, later.id]),
        )
    assert [(a.text, a.edited) for a in _answers(engine, forum_id)] == [(ASKED, True), (KEPT, False)]


def test_tidying_the_tree_does_not_mark_an_answer_edited(engine: Engine) -> None:
    """A category, a hidden item or a merge raises the post's version, not its words: no mark."""
    created = make_forum(engine)
    forum_id = saved_id(created.forum)
    author = join(engine, created.forum.code).participant
    asked = post(engine, author, ASKED, ContributionKind.BENEFIT)
    same = post(engine, join(engine, created.forum.code).participant, "รถพาผู้ป่วยไปหาหมอตามนัด", ContributionKind.BENEFIT)
    make_item(engine, forum_id, contribution_ids=[asked.id])
    move(engine, created.forum, Stage.PLAN)
    admin(engine, set_category, forum_id, contribution_id=saved_id(asked), category="sickness")
    admin(engine, merge, forum_id, keep_id=saved_id(asked), duplicate_ids=[saved_id(same)])

    assert _version(engine, saved_id(asked)) > 1
    assert [(a.id, a.edited, a.withdrawn) for a in _answers(engine, forum_id)] == [(asked.id, False, False)]
