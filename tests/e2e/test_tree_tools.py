"""In Chromium, two people at once: the facilitator tidies the tree while a phone has its edit form open.

The tree page's text must reach the browser as people typed it (a quote, not &quot;; a
Markdown link or image as characters, not a live link), and the phone's save, drawn before
the facilitator's change, must be refused with the current values and the typed words kept.
"""

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import Engine
from sqlmodel import Session

from facilitation.core.db import write_session
from facilitation.core.i18n import t
from facilitation.tree.admin import merge
from models import Contribution, ContributionKind, saved_id
from tests.e2e.conftest import LAPTOP, PHONE, idle, shot
from tests.factories import join, make_forum, post

pytestmark = pytest.mark.e2e

TYPO = "กองทุนหมูบ้านช่วยค่ารักษา"
FIXED = "กองทุนหมู่บ้านช่วยค่ารักษา"
QUOTED = 'รถ "ฉุกเฉิน" ของ อบต.'
MARKUP = "[คลิกรับเงิน](http://evil.example/) ![](http://evil.example/x.png) :red[ด่วน]"
SAME = "ไม่มีรถไปหาหมอ"


def choose(page: Page, label: str, option: str) -> None:
    """Pick `option` in the select box labelled `label`."""
    page.locator('[data-testid="stSelectbox"]').filter(has_text=label).locator("input").click()
    page.keyboard.type(option)
    page.get_by_role("option").filter(has_text=re.compile(f"^{re.escape(option)}$")).first.click()
    idle(page)


def test_the_facilitator_tidies_the_tree_while_a_phone_edits(browser: Browser, site: tuple[str, Engine]) -> None:
    base, engine = site
    created = make_forum(engine)
    code, key, forum_id = created.forum.code, created.facilitator_token, saved_id(created.forum)
    member = join(engine, code, name="บุญมี")
    other = join(engine, code, name="สมหญิง").participant
    typo = saved_id(post(engine, member.participant, TYPO, ContributionKind.BENEFIT))
    post(engine, other, QUOTED, ContributionKind.BENEFIT)
    node = saved_id(post(engine, other, MARKUP, ContributionKind.ROOT_CAUSE))
    duplicate = saved_id(post(engine, other, SAME, ContributionKind.ROOT_CAUSE))
    with write_session(engine) as session:
        merge(session=session, forum_id=forum_id, keep_id=node, duplicate_ids=[duplicate])

    phone_context, laptop_context = browser.new_context(**PHONE), browser.new_context(**LAPTOP)
    try:
        phone, laptop = phone_context.new_page(), laptop_context.new_page()
        phone.goto(f"{base}/?code={code}&p={member.token}")
        idle(phone)
        mine = phone.locator('[data-testid="stExpander"]').filter(has=phone.get_by_text(t("mine_edit"))).first
        mine.get_by_text(t("mine_edit")).click()
        edit_form = phone.locator('[data-testid="stForm"]').filter(
            has=phone.get_by_role("button", name=t("mine_save"), exact=True)
        )
        expect(edit_form.get_by_role("textbox")).to_have_value(TYPO)
        edit_form.get_by_role("textbox").fill(FIXED)

        laptop.goto(f"{base}/tree?code={code}&key={key}")
        idle(laptop)
        # The node's label on the tree: a quote as typed, never the entity.
        labels = laptop.locator(".js-plotly-plot .textpoint text")
        expect(labels.filter(has_text='"ฉุกเฉิน"')).to_have_count(1)
        assert "&quot;" not in " ".join(labels.all_text_contents())

        choose(laptop, t("tree_item"), f"{t('kind_benefit')}: {TYPO}")
        choose(laptop, t("share_kind"), t("kind_fund"))
        laptop.get_by_role("button", name=t("tree_apply"), exact=True).click()
        idle(laptop)
        expect(laptop.get_by_text(t("tree_saved"))).to_be_visible()

        choose(laptop, t("tree_item"), f"{t('kind_root_cause')}: {SAME}")
        expect(laptop.get_by_text(MARKUP, exact=False)).to_be_visible()
        assert laptop.locator('a[href*="evil.example"]').count() == 0
        assert laptop.locator('img[src*="evil.example"]').count() == 0
        shot(laptop, "tree-tools-merged-into")

        phone.get_by_role("button", name=t("mine_save"), exact=True).click()
        idle(phone)
        expect(phone.get_by_text(t("error_stale_edit"))).to_be_visible()
        expect(phone.get_by_text(t("mine_now", kind=t("kind_fund"), text=TYPO))).to_be_visible()
        expect(edit_form.get_by_role("textbox")).to_have_value(FIXED)
        shot(phone, "tree-tools-phone-refused")
        with Session(engine) as session:
            stored = session.get(Contribution, typo)
            assert stored is not None
            assert (stored.kind, stored.text) == (ContributionKind.FUND, TYPO)
    finally:
        phone_context.close()
        laptop_context.close()
