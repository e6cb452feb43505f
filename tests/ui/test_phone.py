"""Phone page: a participant's link (?code=…&p=…) through Share, Plan, Act and Closed."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from facilitation.core.db import read_session, write_session
from facilitation.forum.contributions import feed
from facilitation.forum.forums import set_stage
from facilitation.forum.plans import create_action_item, plan
from models import (
    ActionItemCreate,
    Contribution,
    ContributionKind,
    ContributionStatus,
    Forum,
    FundSource,
    Stage,
    saved_id,
)
from pages import ui
from tests.factories import Joined, join, make_forum, post
from tests.ui.helpers import has_button, html, no_exception, open_my_post, shown, submit, th

CLOSED_INTRO = "phone_closed_intro"


@pytest.fixture
def forum(db: Engine) -> Forum:
    return make_forum(db, revealed=True).forum  # the wall shows posts as they come


@pytest.fixture
def member(db: Engine, forum: Forum) -> Joined:
    return join(db, forum.code, name="บุญมี ศรีสว่าง", organisation="กองทุนสวัสดิการชุมชนตำบลศิลา")


@pytest.fixture
def phone(app: Callable[..., AppTest], forum: Forum, member: Joined) -> Callable[[], AppTest]:
    return lambda: app(code=forum.code, p=member.token)


def _stage(engine: Engine, forum: Forum, stage: Stage) -> None:
    with write_session(engine) as session:
        set_stage(session=session, forum=forum, stage=stage)


def _item(engine: Engine, forum: Forum, activity: str, answers: list[int] | None = None) -> int:
    with write_session(engine) as session:
        item = create_action_item(
            session=session,
            forum_id=saved_id(forum),
            data=ActionItemCreate(
                activity=activity, budget_baht=60000, fund_source=FundSource.TAO, contribution_ids=answers or []
            ),
        )
        return saved_id(item)


def _stored(engine: Engine, forum: Forum) -> list[Contribution]:
    with Session(engine) as session:
        return list(session.exec(select(Contribution).where(Contribution.forum_id == forum.id)))


def _visible_texts(engine: Engine, forum: Forum) -> list[str]:
    with read_session(engine) as session:
        return [item.text for items in feed(session=session, forum_id=saved_id(forum)).values() for item in items]


def _share(at: AppTest, text: str, kind: ContributionKind | None = None) -> AppTest:
    if kind is not None:
        at.radio(key="share_kind").set_value(kind)
    at.text_area(key="share_text").input(text)
    return submit(at, "share_submit")


def test_share_stage_shows_the_share_form(phone: Callable[[], AppTest]) -> None:
    at = phone()

    no_exception(at)
    assert has_button(at, "share_submit")
    assert at.text_area(key="share_text").value == ""
    assert th("phone_share_intro") in shown(at, "info")
    assert th("stage_share") in at.markdown[0].value
    assert "บุญมี ศรีสว่าง" in html(at)
    assert th("mine_empty") in shown(at, "caption")


def test_posting_each_kind_stores_it_with_that_kind(
    phone: Callable[[], AppTest], db: Engine, forum: Forum, member: Joined
) -> None:
    posts = {
        ContributionKind.ROOT_CAUSE: "ลูกหลานไปทำงานต่างจังหวัด ผู้สูงอายุอยู่ลำพัง",
        ContributionKind.FUND: "กองทุนสวัสดิการชุมชนมีสมาชิก 1,284 คน",
        ContributionKind.BENEFIT: "อยากได้รถรับส่งผู้ป่วยไปโรงพยาบาล",
        ContributionKind.OTHER: "ขอให้จัดเวทีแบบนี้ทุกปี",
    }
    at = phone()

    for kind, text in posts.items():
        _share(at, text, kind)
        assert th("share_sent") in shown(at, "success")
        assert at.text_area(key="share_text").value == ""  # cleared for the next message

    stored = _stored(db, forum)
    assert {(row.kind, row.text) for row in stored} == set(posts.items())
    assert {row.participant_id for row in stored} == {member.participant.id}


def test_posting_the_same_text_twice_stores_it_once(phone: Callable[[], AppTest], db: Engine, forum: Forum) -> None:
    at = phone()

    _share(at, "หนี้นอกระบบ ดอกร้อยละ 20 ต่อเดือน", ContributionKind.ROOT_CAUSE)
    _share(at, "หนี้นอกระบบ  ดอกร้อยละ 20 ต่อเดือน ", ContributionKind.ROOT_CAUSE)

    assert th("share_already") in shown(at, "info")
    assert [row.text for row in _stored(db, forum)] == ["หนี้นอกระบบ ดอกร้อยละ 20 ต่อเดือน"]


@pytest.mark.parametrize("typed", ["", "   ", "\n\t \n"])
def test_empty_post_is_refused(phone: Callable[[], AppTest], db: Engine, forum: Forum, typed: str) -> None:
    at = phone()

    _share(at, typed)

    no_exception(at)
    assert th("error_text_empty_field", field=th("share_text")) in shown(at, "error")
    assert _stored(db, forum) == []


def test_a_paste_past_500_characters_stays_in_the_box_and_is_refused_with_the_limit(
    phone: Callable[[], AppTest], db: Engine, forum: Forum
) -> None:
    at = phone()
    # No max_chars: a browser box with one drops a paste that does not fit and stays empty.
    assert not at.text_area(key="share_text").max_chars
    pasted = "ก" * 501

    _share(at, pasted)

    no_exception(at)
    assert th("error_text_too_long_field", field=th("share_text"), limit=500, length=501) in shown(at, "error")
    assert at.text_area(key="share_text").value == pasted
    assert _stored(db, forum) == []


def test_a_shortened_paste_is_then_sent(phone: Callable[[], AppTest], db: Engine, forum: Forum) -> None:
    at = phone()
    _share(at, "ข" * 501)

    at.text_area(key="share_text").input("ข" * 500)
    submit(at, "share_submit")

    assert th("share_sent") in shown(at, "success")
    assert [len(row.text) for row in _stored(db, forum)] == [500]


def test_a_500_character_text_that_cleaning_shortens_is_accepted(
    phone: Callable[[], AppTest], db: Engine, forum: Forum
) -> None:
    at = phone()
    typed = ("ผู้สูงอายุ\n\n" * 50)[:500]
    assert len(typed) == 500

    _share(at, typed, ContributionKind.BENEFIT)

    assert th("share_sent") in shown(at, "success")
    stored = _stored(db, forum)
    assert len(stored) == 1
    assert stored[0].text == " ".join(typed.split())
    assert len(stored[0].text) < 500
    assert "\n" not in stored[0].text


def test_my_contributions_are_listed_with_their_kind(phone: Callable[[], AppTest], db: Engine, member: Joined) -> None:
    post(db, member.participant, "ผู้ป่วยติดเตียงเพิ่มทุกปี", ContributionKind.ROOT_CAUSE)
    post(db, member.participant, "กองทุนหมู่บ้านมีเงินหมุนเวียน", ContributionKind.FUND)

    at = phone()

    no_exception(at)
    assert th("mine_heading", count=2) in shown(at, "subheader")
    assert "ผู้ป่วยติดเตียงเพิ่มทุกปี" in html(at)
    assert th("kind_fund") in html(at)
    assert has_button(at, "share_submit")


def test_after_posting_the_message_is_in_my_list(phone: Callable[[], AppTest]) -> None:
    at = phone()

    _share(at, "อยากให้มีศูนย์ดูแลผู้สูงอายุกลางวัน", ContributionKind.BENEFIT)

    no_exception(at)
    assert th("mine_heading", count=1) in shown(at, "subheader")
    assert "อยากให้มีศูนย์ดูแลผู้สูงอายุกลางวัน" in html(at)


def test_editing_my_contribution_changes_it(
    phone: Callable[[], AppTest], db: Engine, forum: Forum, member: Joined
) -> None:
    mine = post(db, member.participant, "รถรับส่งผู้ป่วยมีคันเดียว", ContributionKind.ROOT_CAUSE)
    cid = saved_id(mine)
    at = open_my_post(phone(), cid)

    # The form's widgets are keyed by the post and its version (a new post is at version 1).
    at.text_area(key=f"mine_text_{cid}_1").input("รถรับส่งผู้ป่วยมีคันเดียว ต้องจองล่วงหน้า 3 วัน")
    at.radio(key=f"mine_kind_{cid}_1").set_value(ContributionKind.BENEFIT)
    submit(at, "mine_save")

    no_exception(at)
    assert th("mine_saved") in shown(at, "success")
    with Session(db) as session:
        edited = session.get(Contribution, cid)
        assert edited is not None
        assert edited.text == "รถรับส่งผู้ป่วยมีคันเดียว ต้องจองล่วงหน้า 3 วัน"
        assert edited.kind == ContributionKind.BENEFIT
    assert len(_stored(db, forum)) == 1
    assert "ต้องจองล่วงหน้า 3 วัน" in html(at)


def test_withdrawing_my_contribution_takes_it_off_the_feed(
    phone: Callable[[], AppTest], db: Engine, forum: Forum, member: Joined
) -> None:
    kept = post(db, member.participant, "ข้อความที่ยังอยู่", ContributionKind.FUND)
    gone = post(db, member.participant, "ข้อความที่จะถอน", ContributionKind.OTHER)
    at = open_my_post(open_my_post(phone(), saved_id(kept)), saved_id(gone))

    at.button(key=f"mine_withdraw_{gone.id}").click().run()

    no_exception(at)
    assert th("mine_withdrawn") in shown(at, "info")
    assert _visible_texts(db, forum) == ["ข้อความที่ยังอยู่"]
    with Session(db) as session:
        withdrawn = session.get(Contribution, gone.id)
        assert withdrawn is not None and withdrawn.status == ContributionStatus.WITHDRAWN
    assert "ข้อความที่จะถอน" not in html(at)
    assert f"mine_withdraw_{gone.id}" not in {b.key for b in at.button}
    assert at.button(key=f"mine_withdraw_{kept.id}")


def test_another_participants_contribution_cannot_be_edited_from_my_phone(
    phone: Callable[[], AppTest], db: Engine, forum: Forum
) -> None:
    other = join(db, forum.code, name="คนอื่น")
    theirs = post(db, other.participant, "ข้อความของคนอื่น")
    at = phone()

    assert f"mine_withdraw_{theirs.id}" not in {b.key for b in at.button}
    assert "ข้อความของคนอื่น" not in html(at)


def test_plan_stage_shows_the_plan_cards(phone: Callable[[], AppTest], db: Engine, forum: Forum) -> None:
    raised = post(db, join(db, forum.code, name="จิราพร").participant, "ไม่มีรถพาไปหาหมอ")
    _item(db, forum, "จัดรถรับส่งผู้ป่วยติดเตียงไปตามนัด", [saved_id(raised)])
    _stage(db, forum, Stage.PLAN)

    at = phone()

    no_exception(at)
    assert th("phone_plan_intro") in shown(at, "info")
    assert "จัดรถรับส่งผู้ป่วยติดเตียงไปตามนัด" in html(at)
    assert "60,000 บาท" in html(at)
    assert "ไม่มีรถพาไปหาหมอ" in html(at)  # what the item answers
    assert th("plan_heading") in shown(at, "subheader")
    assert not has_button(at, "act_submit")
    assert has_button(at, "share_submit")  # more can still be shared during Plan


def test_act_stage_stores_a_commitment(phone: Callable[[], AppTest], db: Engine, forum: Forum, member: Joined) -> None:
    item_id = _item(db, forum, "ปรับสภาพบ้านคนพิการ 10 หลัง")
    _stage(db, forum, Stage.ACT)
    at = phone()
    assert th("phone_act_intro") in shown(at, "info")
    assert at.text_input(key=f"act_org_{item_id}").value == "กองทุนสวัสดิการชุมชนตำบลศิลา"

    at.text_area(key=f"act_text_{item_id}").input("กองทุนสมทบค่าวัสดุหลังละ 5,000 บาท")
    submit(at, "act_submit")

    no_exception(at)
    assert th("act_thanks") in shown(at, "success")
    with read_session(db) as session:
        rows = plan(session=session, forum_id=saved_id(forum))
    assert len(rows) == 1
    assert [(c.organisation, c.text, c.author) for c in rows[0].commitments] == [
        ("กองทุนสวัสดิการชุมชนตำบลศิลา", "กองทุนสมทบค่าวัสดุหลังละ 5,000 บาท", "บุญมี ศรีสว่าง")
    ]
    assert "กองทุนสมทบค่าวัสดุหลังละ 5,000 บาท" in html(at)


def test_closed_stage_shows_the_outcome_and_no_form(phone: Callable[[], AppTest], db: Engine, forum: Forum) -> None:
    _item(db, forum, "กิจกรรมที่ตกลงกันแล้ว")
    _stage(db, forum, Stage.CLOSED)

    at = phone()

    no_exception(at)
    assert th(CLOSED_INTRO) in shown(at, "info") + shown(at, "warning")
    assert not has_button(at, "share_submit")
    assert not at.get("text_area")
    assert not at.get("radio")
    assert "กิจกรรมที่ตกลงกันแล้ว" in html(at)


def test_closed_stage_lists_my_contributions_read_only(
    phone: Callable[[], AppTest], db: Engine, forum: Forum, member: Joined
) -> None:
    mine = post(db, member.participant, "ข้อความก่อนปิดเวที")
    _stage(db, forum, Stage.CLOSED)

    at = phone()

    no_exception(at)
    assert "ข้อความก่อนปิดเวที" in html(at)
    assert f"mine_withdraw_{mine.id}" not in {b.key for b in at.button}
    assert not has_button(at, "mine_save")


def test_text_sent_after_the_forum_closed_is_not_stored_and_not_lost(
    phone: Callable[[], AppTest], db: Engine, forum: Forum
) -> None:
    at = phone()
    _stage(db, forum, Stage.CLOSED)  # the facilitator closes while the phone still shows the form

    _share(at, "ข้อความที่พิมพ์ไม่ทัน")

    no_exception(at)
    assert th("error_forum_closed") in shown(at, "error")
    assert _stored(db, forum) == []
    assert "ข้อความที่พิมพ์ไม่ทัน" in html(at)


def test_the_phone_follows_the_stage_the_facilitator_sets(
    phone: Callable[[], AppTest], db: Engine, forum: Forum
) -> None:
    at = phone()
    no_exception(at)

    _stage(db, forum, Stage.PLAN)
    at.run()  # what the live watcher asks for when the stage moved (tests/ui/test_live_watch.py)

    no_exception(at)
    assert th("stage_plan") in at.markdown[0].value
    assert th("phone_plan_intro") in shown(at, "info")


def test_the_sent_message_stays_through_a_redraw_the_forum_caused(
    phone: Callable[[], AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A live page redraws when the room changes: "sent" must outlive that, and then go."""
    at = _share(phone(), "ไม่มีรถไปหาหมอ")
    assert th("share_sent") in shown(at, "success")

    at.run()  # the redraw the watcher asks for when someone else posts
    assert th("share_sent") in shown(at, "success")

    monkeypatch.setattr(ui, "FLASH_SECONDS", -1.0)
    _share(at, "ค่ารถแพง")
    at.run()
    assert th("share_sent") not in shown(at, "success")


def test_a_redraw_reads_the_database_in_two_transactions(
    phone: Callable[[], AppTest], db: Engine, forum: Forum, member: Joined, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stage change reruns every phone in the hall at once: app.py checks the link, the page reads all it shows."""
    for text in ("ไม่มีรถไปหาหมอ", "ค่ารถแพง", "ผู้สูงอายุอยู่ลำพัง"):
        post(db, member.participant, text)
    _item(db, forum, "จัดรถรับส่งผู้ป่วยติดเตียงไปตามนัด")
    _stage(db, forum, Stage.PLAN)
    at = phone()
    at.session_state["phone_live_streaming"] = True  # a phone whose live stream works draws no fallback timer
    at.run()
    opened: list[object] = []
    real = ui.read_session

    @contextmanager
    def counted(engine: Engine) -> Iterator[Session]:
        opened.append(engine)
        with real(engine) as session:
            yield session

    monkeypatch.setattr(ui, "read_session", counted)
    at.run()

    no_exception(at)
    assert "จัดรถรับส่งผู้ป่วยติดเตียงไปตามนัด" in html(at)
    assert th("mine_heading", count=3) in shown(at, "subheader")
    assert len(opened) == 2
