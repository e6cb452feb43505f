"""A phone's "my posts" form against changes made elsewhere: the form carries the version it was drawn from."""

from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from facilitation.forum.forums import CreatedForum
from models import Contribution, ContributionKind, saved_id
from tests.factories import join, make_forum, post
from tests.ui.helpers import html, no_exception, shown, submit, th

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
    phone = app(code=created.forum.code, p=member.token)
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
