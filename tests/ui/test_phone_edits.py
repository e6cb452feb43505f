"""A phone's "my posts" form against changes made elsewhere: the form carries the version it was drawn from."""

from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from facilitation.core.db import write_session
from facilitation.core.i18n import t
from facilitation.forum.contributions import edit_contribution
from facilitation.forum.forums import CreatedForum, set_stage
from models import Contribution, ContributionKind, ContributionUpdate, Stage, saved_id
from tests.factories import join, make_forum, post
from tests.ui.helpers import has_button, html, no_exception, open_my_post, shown, submit, th

TYPO = "กองทุนหมูบ้านช่วยค่ารักษา"
FIXED = "กองทุนหมู่บ้านช่วยค่ารักษา"


def _widget(at: AppTest, kind: str, prefix: str) -> Any:
    """The one `kind` widget whose key is `prefix` (the form as it was) or starts with `prefix_`."""
    found = [w for w in getattr(at, kind) if w.key == prefix or (w.key or "").startswith(f"{prefix}_")]
    assert len(found) == 1, [w.key for w in getattr(at, kind)]
    return found[0]


def _stored(db: Engine, contribution_id: int) -> Contribution:
    with Session(db) as session:
        found = session.get(Contribution, contribution_id)
        assert found is not None
        return found


def test_a_typo_fixed_on_a_stale_form_does_not_undo_the_facilitator_s_move(
    app: Callable[..., AppTest], db: Engine
) -> None:
    """The phone's form says "benefit"; the facilitator makes the post a fund; the typo fix is refused, not applied."""
    created: CreatedForum = make_forum(db)
    member = join(db, created.forum.code, name="บุญมี")
    cid = saved_id(post(db, member.participant, TYPO, ContributionKind.BENEFIT))
    phone = open_my_post(app(code=created.forum.code, p=member.token), cid)
    assert _widget(phone, "radio", f"mine_kind_{cid}").value == ContributionKind.BENEFIT

    facilitator = app(code=created.forum.code, key=created.facilitator_token)
    facilitator.switch_page("pages/tree.py").run()
    facilitator.selectbox(key="tree_item").set_value(cid).run()
    _widget(facilitator, "selectbox", f"tree_kind_{cid}").set_value(ContributionKind.FUND)
    facilitator = submit(facilitator, "tree_apply")
    no_exception(facilitator)
    assert _stored(db, cid).kind == ContributionKind.FUND

    _widget(phone, "text_area", f"mine_text_{cid}").input(FIXED)
    phone = submit(phone, "mine_save")

    no_exception(phone)
    stored = _stored(db, cid)
    assert (stored.kind, stored.text) == (ContributionKind.FUND, TYPO)
    assert th("error_stale_edit") in shown(phone, "error")
    # What is stored now is shown, as plain text, and the fix is still in the box over it.
    assert th("mine_now", kind=th("kind_fund"), text=TYPO) in html(phone)
    assert _widget(phone, "text_area", f"mine_text_{cid}").value == FIXED
    assert _widget(phone, "radio", f"mine_kind_{cid}").value == ContributionKind.FUND

    # Saved again from the post as it is now: only the text changes, the fund stays.
    phone = submit(phone, "mine_save")
    no_exception(phone)
    stored = _stored(db, cid)
    assert (stored.kind, stored.text) == (ContributionKind.FUND, FIXED)
    assert th("mine_saved") in shown(phone, "success")


def test_the_edit_form_is_drawn_only_while_its_expander_is_open(app: Callable[..., AppTest], db: Engine) -> None:
    """Closed, an expander costs the phone's every run nothing but its header; opened, the form is there."""
    created: CreatedForum = make_forum(db)
    member = join(db, created.forum.code)
    cid = saved_id(post(db, member.participant, TYPO, ContributionKind.BENEFIT))
    phone = app(code=created.forum.code, p=member.token)

    no_exception(phone)
    assert [box.label for box in phone.expander] == [th("mine_edit")]
    assert not [w.key for w in phone.text_area if (w.key or "").startswith("mine_")]
    assert not [w.key for w in phone.radio if (w.key or "").startswith("mine_")]
    assert f"mine_withdraw_{cid}" not in {b.key for b in phone.button}
    assert not has_button(phone, "mine_save")

    phone = open_my_post(phone, cid)

    no_exception(phone)
    assert _widget(phone, "text_area", f"mine_text_{cid}").value == TYPO
    assert _widget(phone, "radio", f"mine_kind_{cid}").value == ContributionKind.BENEFIT
    assert phone.button(key=f"mine_withdraw_{cid}")
    assert has_button(phone, "mine_save")


def test_closing_the_expander_puts_the_edit_away(app: Callable[..., AppTest], db: Engine) -> None:
    """Opened again, the form starts from the post as it is now, not from what it showed or what was typed."""
    created: CreatedForum = make_forum(db)
    member = join(db, created.forum.code)
    cid = saved_id(post(db, member.participant, TYPO, ContributionKind.BENEFIT))
    phone = open_my_post(app(code=created.forum.code, p=member.token), cid)
    _widget(phone, "text_area", f"mine_text_{cid}").input("ยังพิมพ์ไม่เสร็จ").run()

    phone.session_state[f"mine_open_{cid}"] = False
    phone.run()
    assert not has_button(phone, "mine_save")
    with write_session(db) as session:  # the same person, from another tab, while this one is closed
        edit_contribution(
            session=session, participant=member.participant, contribution_id=cid, version=1,
            data=ContributionUpdate(text=FIXED),
        )  # fmt: skip
    phone = open_my_post(phone, cid)

    no_exception(phone)
    assert _widget(phone, "text_area", f"mine_text_{cid}").value == FIXED
    assert phone.text_area(key=f"mine_text_{cid}_2")  # drawn from the version it is at now
    _widget(phone, "radio", f"mine_kind_{cid}").set_value(ContributionKind.FUND)
    phone = submit(phone, "mine_save")
    assert th("mine_saved") in shown(phone, "success")
    assert (_stored(db, cid).kind, _stored(db, cid).text) == (ContributionKind.FUND, FIXED)


def test_an_edit_refused_by_the_close_comes_back_open_with_its_words_when_the_forum_reopens(
    app: Callable[..., AppTest], db: Engine
) -> None:
    """The closed forum draws no form; reopened, the refused edit is open again, over the post as it is."""
    created: CreatedForum = make_forum(db)
    member = join(db, created.forum.code)
    cid = saved_id(post(db, member.participant, TYPO, ContributionKind.BENEFIT))
    phone = open_my_post(app(code=created.forum.code, p=member.token), cid)
    _widget(phone, "text_area", f"mine_text_{cid}").input(FIXED)
    with write_session(db) as session:
        set_stage(session=session, forum=created.forum, stage=Stage.CLOSED)

    phone = submit(phone, "mine_save")

    no_exception(phone)
    assert th("error_forum_closed") in shown(phone, "error")
    assert not has_button(phone, "mine_save")
    with write_session(db) as session:
        set_stage(session=session, forum=created.forum, stage=Stage.SHARE)
    phone.run()  # what the watcher asks for when the stage moves

    no_exception(phone)
    assert _widget(phone, "text_area", f"mine_text_{cid}").value == FIXED
    assert th("mine_now", kind=th("kind_benefit"), text=TYPO) in html(phone)
    phone = submit(phone, "mine_save")
    assert _stored(db, cid).text == FIXED
    assert th("mine_saved") in shown(phone, "success")


def test_an_open_edit_stays_open_through_a_language_switch(app: Callable[..., AppTest], db: Engine) -> None:
    """The expander's label, part of its identity, changes with the language; the form stays open.

    What was typed in it stays in the browser until sent, which AppTest does not keep: the words
    themselves are checked in Chromium (tests/e2e/test_language_and_input.py).
    """
    created: CreatedForum = make_forum(db)
    member = join(db, created.forum.code)
    cid = saved_id(post(db, member.participant, TYPO, ContributionKind.BENEFIT))
    phone = open_my_post(app(code=created.forum.code, p=member.token), cid)

    phone.button_group(key="phone_lang").set_value("en").run()

    no_exception(phone)
    assert [box.label for box in phone.expander] == [t("mine_edit", "en")]
    assert _widget(phone, "text_area", f"mine_text_{cid}").value == TYPO
    assert any(button.label == t("mine_save", "en") for button in phone.button)
