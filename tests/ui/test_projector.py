"""Projector page: the join QR code and the forum as it happens, for the room's screen."""

from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from facilitation.core.db import write_session
from facilitation.forum.commitments import add_commitment
from facilitation.forum.forums import CreatedForum, set_stage
from facilitation.forum.plans import create_action_item
from facilitation.forum.reveal import reveal_stage
from models import ActionItemCreate, CommitmentCreate, ContributionKind, Sector, Stage, saved_id
from tests.factories import join, make_forum, post
from tests.ui.helpers import LAN_ADDRESS, html, no_exception, th


@pytest.fixture
def created(db: Engine) -> CreatedForum:
    return make_forum(db, title="เวทีสวัสดิการตำบลศิลา", revealed=True)  # posts show as they come


@pytest.fixture
def projector(app: Callable[..., AppTest], created: CreatedForum) -> Callable[[], AppTest]:
    def open_projector() -> AppTest:
        at = app(code=created.forum.code, key=created.facilitator_token)
        return at.switch_page("pages/projector.py").run()

    return open_projector


def _stage(engine: Engine, created: CreatedForum, stage: Stage) -> None:
    with write_session(engine) as session:
        set_stage(session=session, forum=created.forum, stage=stage)


def test_projector_shows_qr_code_join_code_stage_and_count(
    projector: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    for name in ("ก", "ข", "ค"):
        join(db, created.forum.code, name=name)

    at = projector()

    no_exception(at)
    assert len(at.get("image")) == 1
    shown = html(at)
    code = created.forum.code
    assert f'data-testid="join-code">{code}<' in shown
    assert f"http://{LAN_ADDRESS}:8501/?code={code}" in shown
    assert "localhost" not in shown
    assert created.facilitator_token not in shown  # the projector is on the wall: never the key
    assert f'data-testid="stage">{th("stage_share")}<' in shown
    assert 'data-testid="joined">3<' in shown
    assert th("projector_joined") in shown
    assert "เวทีสวัสดิการตำบลศิลา" in shown
    assert not at.button  # nothing to press on the wall


def test_share_stage_shows_contributions_escaped(
    projector: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    member = join(db, created.forum.code, name="<i>ผู้เข้าร่วม</i>")
    post(db, member.participant, "<b>หนา</b>", ContributionKind.ROOT_CAUSE)
    post(db, member.participant, "กองทุนหมู่บ้าน 1.3 ล้าน", ContributionKind.FUND)

    at = projector()

    no_exception(at)
    shown = html(at)
    assert "&lt;b&gt;หนา&lt;/b&gt;" in shown
    assert "<b>หนา" not in shown
    assert "&lt;i&gt;ผู้เข้าร่วม&lt;/i&gt;" in shown
    assert "<i>" not in shown
    assert "กองทุนหมู่บ้าน 1.3 ล้าน" in shown
    for kind in ContributionKind:
        assert th(f"kind_{kind.value}") in shown


def test_plan_stage_shows_the_plan(projector: Callable[[], AppTest], db: Engine, created: CreatedForum) -> None:
    member = join(db, created.forum.code)
    raised = post(db, member.participant, "ผู้สูงอายุอยู่ลำพัง")
    with write_session(db) as session:
        create_action_item(
            session=session,
            forum_id=saved_id(created.forum),
            data=ActionItemCreate(activity="อาสาเยี่ยมบ้าน <ทุกสัปดาห์>", contribution_ids=[saved_id(raised)]),
        )
    _stage(db, created, Stage.PLAN)

    at = projector()

    no_exception(at)
    shown = html(at)
    assert f'data-testid="stage">{th("stage_plan")}<' in shown
    assert "อาสาเยี่ยมบ้าน &lt;ทุกสัปดาห์&gt;" in shown
    assert "ผู้สูงอายุอยู่ลำพัง" in shown


def test_act_stage_shows_the_commitments(projector: Callable[[], AppTest], db: Engine, created: CreatedForum) -> None:
    member = join(db, created.forum.code, organisation="ร้านศิลาวัสดุก่อสร้าง")
    with write_session(db) as session:
        item = create_action_item(
            session=session, forum_id=saved_id(created.forum), data=ActionItemCreate(activity="ซ่อมบ้านคนพิการ")
        )
    _stage(db, created, Stage.ACT)  # commitments open in Act
    with write_session(db) as session:
        add_commitment(
            session=session,
            participant=member.participant,
            data=CommitmentCreate(action_item_id=saved_id(item), text="สมทบค่าวัสดุ 20,000 บาท"),
        )

    at = projector()

    no_exception(at)
    shown = html(at)
    assert f'data-testid="stage">{th("stage_act")}<' in shown
    assert "ซ่อมบ้านคนพิการ" in shown
    assert th("plan_commitments") in shown
    assert "ร้านศิลาวัสดุก่อสร้าง" in shown
    assert "สมทบค่าวัสดุ 20,000 บาท" in shown


def test_closed_stage_is_shown_as_closed(projector: Callable[[], AppTest], db: Engine, created: CreatedForum) -> None:
    _stage(db, created, Stage.CLOSED)

    at = projector()

    no_exception(at)
    assert f'class="stage-banner closed" data-testid="stage">{th("stage_closed")}<' in html(at)


def test_a_busy_column_shows_its_newest_posts_its_count_and_how_many_more(
    projector: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    member = join(db, created.forum.code)
    for index in range(9):
        post(db, member.participant, f"รากเหง้าที่ {index}", ContributionKind.ROOT_CAUSE)
    post(db, member.participant, "กองทุนเดียว", ContributionKind.FUND)

    at = projector()

    no_exception(at)
    shown = html(at)
    assert shown.count('data-kind="root_cause"><div class="card-text') == 5
    for index in range(4, 9):
        assert f"รากเหง้าที่ {index}<" in shown
    assert "รากเหง้าที่ 3<" not in shown  # the oldest are counted, not shown
    assert th("feed_more").replace("{count}", "4") in shown
    assert 'data-testid="count">9<' in shown and 'data-testid="count">1<' in shown
    assert shown.count('data-testid="more"') == 1  # the fund column shows all it has


def test_plan_stage_shows_the_newest_posts_beside_the_plan(
    projector: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    member = join(db, created.forum.code)
    for index in range(7):
        post(db, member.participant, f"ข้อความที่ {index}", ContributionKind.BENEFIT)
    with write_session(db) as session:
        for index in range(6):
            create_action_item(
                session=session, forum_id=saved_id(created.forum), data=ActionItemCreate(activity=f"กิจกรรม {index}")
            )
    _stage(db, created, Stage.PLAN)

    at = projector()

    no_exception(at)
    shown = html(at)
    assert th("wall_recent_posts") in shown
    assert "ข้อความที่ 6<" in shown and "ข้อความที่ 1<" not in shown  # the newest five
    assert shown.count('class="plan-card"') == 4  # the newest activities beside the posts
    assert "กิจกรรม 5<" in shown and "กิจกรรม 1<" not in shown
    assert th("wall_earlier_activities").replace("{count}", "2") in shown


def test_act_stage_shows_the_newest_commitments_and_counts_them_all(
    projector: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    with write_session(db) as session:
        item = create_action_item(
            session=session, forum_id=saved_id(created.forum), data=ActionItemCreate(activity="ซ่อมบ้าน")
        )
    _stage(db, created, Stage.ACT)
    for index in range(5):
        member = join(db, created.forum.code, organisation=f"หน่วยงาน {index}")
        with write_session(db) as session:
            add_commitment(
                session=session,
                participant=member.participant,
                data=CommitmentCreate(action_item_id=saved_id(item), text=f"สมทบ {index}"),
            )

    at = projector()

    no_exception(at)
    shown = html(at)
    assert 'data-testid="count">5<' in shown
    assert "สมทบ 4<" in shown and "สมทบ 2<" in shown and "สมทบ 1<" not in shown
    assert th("feed_more").replace("{count}", "2") in shown


def test_the_words_view_shows_the_rooms_words_and_says_so_when_there_are_none(
    projector: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    at = projector()
    at.button_group(key="projector_view").set_value("words").run()
    no_exception(at)
    assert th("words_empty") in html(at)

    person = join(db, created.forum.code)
    post(db, person.participant, "ผู้สูงอายุอยู่บ้านคนเดียว ไม่มีคนดูแล")
    post(db, person.participant, "ผู้สูงอายุติดเตียงไม่มีรถไปโรงพยาบาล")
    post(db, person.participant, "<script>alert(1)</script> ค่าเดินทางไปโรงพยาบาล")
    at.run()
    shown = html(at)
    assert '<span class="word"' in shown and ">ผู้สูงอายุ</span>" in shown and ">โรงพยาบาล</span>" in shown
    assert "<script>" not in shown


def test_the_words_wait_for_the_reveal_like_the_posts(app: Callable[..., AppTest], db: Engine) -> None:
    held = make_forum(db)  # a new forum writes first: its posts wait for the reveal
    person = join(db, held.forum.code)
    post(db, person.participant, "ผู้สูงอายุอยู่บ้านคนเดียว ไม่มีคนดูแล")
    at = app(code=held.forum.code, key=held.facilitator_token).switch_page("pages/projector.py").run()
    at.button_group(key="projector_view").set_value("words").run()
    no_exception(at)
    shown = html(at)
    assert th("reveal_hidden_note") in shown
    assert "ผู้สูงอายุ" not in shown and '<span class="word"' not in shown

    with write_session(db) as session:
        reveal_stage(session=session, forum_id=saved_id(held.forum), stage=Stage.SHARE, version=0)
    at.run()
    assert ">ผู้สูงอายุ</span>" in html(at)


def test_the_sides_view_puts_state_and_community_next_to_each_other(
    projector: Callable[[], AppTest], db: Engine, created: CreatedForum
) -> None:
    officer = join(db, created.forum.code, name="พัฒนาการอำเภอ", sector=Sector.STATE)
    elder = join(db, created.forum.code, name="ยายมา", sector=Sector.COMMUNITY)
    post(db, officer.participant, "ผู้สูงอายุติดเตียงไม่มีคนดูแล")
    post(db, elder.participant, "<b>กองทุน</b>สวัสดิการชุมชน", ContributionKind.FUND)

    at = projector()
    at.button_group(key="projector_view").set_value("sides").run()

    no_exception(at)
    shown = html(at)
    assert shown.index('data-sector="state"') < shown.index('data-sector="local_government"')
    assert shown.index('data-sector="local_government"') < shown.index('data-sector="community"')
    community = shown.split('data-sector="community"')[1].split("</section>")[0]
    assert th("sector_community") in community and th("sides_posts", count=1) in community
    assert "<b>" not in community and "กองทุน" in community  # a word of what was typed, as plain text
    assert "ผู้สูงอายุ" in shown.split('data-sector="state"')[1].split("</section>")[0]


def test_the_sides_view_holds_the_words_until_the_reveal(app: Callable[..., AppTest], db: Engine) -> None:
    held = make_forum(db)
    officer = join(db, held.forum.code, sector=Sector.STATE)
    post(db, officer.participant, "ผู้สูงอายุติดเตียงไม่มีคนดูแล")
    at = app(code=held.forum.code, key=held.facilitator_token).switch_page("pages/projector.py").run()
    at.button_group(key="projector_view").set_value("sides").run()
    no_exception(at)
    shown = html(at)
    assert th("reveal_hidden_note") in shown and th("sides_posts", count=1) in shown
    assert "ผู้สูงอายุ" not in shown
