"""A forum made for the ผ.02 and Word tests: themes (one renamed), a vote, items in two budget years, nasty text.

Plan (numbers as in the forum's plan; budget years run 1 October – 30 September, named by the year they end in):
  1 รถรับส่งผู้ป่วยติดเตียง     theme ELDERS (renamed since)  60,000   Mar – Sep 2570: budget year 2570
  2 ศูนย์ดูแลผู้สูงอายุกลางวัน   themes ELDERS, INCOME         150,000  1 Oct 2570 – 31 Mar 2571: budget year 2571 only
  3 ฝึกอาชีพผู้สูงอายุ            theme INCOME                  45,000   Jan – Jun 2571: budget year 2571
  4 "=1+1"                    no theme, no dates            10,000   → the forum's budget year (18 Feb 2570): 2570
  5 ปรับปรุงบ้านคนพิการ          no theme, start date only     20,000   Feb 2571: budget year 2571
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine
from sqlmodel import select

from facilitation.core.db import read_session, write_session
from facilitation.core.tokens import new_token
from facilitation.exports.report import ForumReport, build_report
from facilitation.forum.dots import add_dot
from facilitation.forum.moderation import hide_post
from facilitation.forum.themes import create_theme, rename_theme
from facilitation.forum.votes import VoteSettings, close_vote, open_vote
from facilitation.sample.load import load_sample_forum
from models import ContributionKind, OptionSubject, ResultsShown, Sector, Stage, VoteOption, saved_id
from tests.factories import join, make_forum, post
from tests.unit.helpers import commit, make_item, move

NAMES = ("ประภาพร ศรีสุข", "สมหมาย ทองดี")
ELDERS, ELDERS_NOW, INCOME = "ผู้สูงอายุ", "ผู้สูงอายุและผู้ป่วยติดเตียง", "รายได้และอาชีพ"
# What a spreadsheet would run as a formula, typed into posts and into an action item.
FORMULAS = ("=1+1", "+66 81 234 5678", "-", "@SUM(A1)")
# Thai with marks above and below the line, and a word with a thanthakhat.
MARKED = "ผู้สูงอายุที่อยู่ลำพังต้องการญาติดูแล ฤทธิ์ยาแก้ปวด"
ACTIVITIES = ("รถรับส่งผู้ป่วยติดเตียง", "ศูนย์ดูแลผู้สูงอายุกลางวัน", "ฝึกอาชีพผู้สูงอายุ", "=1+1", "ปรับปรุงบ้านคนพิการ")
VOTE_QUESTION = "เรื่องไหนควรทำก่อน"
HIDDEN_POST = "โพสต์หยาบคายที่ถูกซ่อนไว้"
# The note under the ผ.02 table of a forum held in budget year 2570 whose plan has an item without dates (item 4).
UNDATED_2570 = "หมายเหตุ: กิจกรรมที่ไม่ระบุวันที่ ลงงบประมาณไว้ในปีงบประมาณที่จัดเวที คือปีงบประมาณ 2570 (1 ต.ค. 2569 – 30 ก.ย. 2570)"


@dataclass(frozen=True)
class PlanForum:
    forum_id: int
    vote_option: str  # the label of the option that got the dot


def plan_forum(engine: Engine) -> PlanForum:
    """The forum described above, left in Act with two commitments and one hidden post."""
    forum = make_forum(engine, title="เวทีทดสอบแผน ผ.02").forum
    forum_id = saved_id(forum)
    state = join(engine, forum.code, name=NAMES[0], organisation="พมจ.ขอนแก่น", sector=Sector.STATE).participant
    elder = join(engine, forum.code, name=NAMES[1], organisation="ชมรมผู้สูงอายุ", sector=Sector.COMMUNITY).participant
    alone = post(engine, elder, MARKED, ContributionKind.ROOT_CAUSE)
    income = post(engine, state, "รายได้ไม่พอใช้", ContributionKind.ROOT_CAUSE)
    for text in FORMULAS:
        post(engine, state, text, ContributionKind.OTHER)
    rude = post(engine, state, HIDDEN_POST, ContributionKind.OTHER)
    with write_session(engine) as session:
        hide_post(
            session=session, forum_id=forum_id, contribution_id=saved_id(rude), version=rude.version, reason="ไม่สุภาพ"
        )
    with write_session(engine) as session:
        elders = create_theme(session=session, forum_id=forum_id, name=ELDERS, contribution_ids=[saved_id(alone)])
        work = create_theme(session=session, forum_id=forum_id, name=INCOME, contribution_ids=[saved_id(income)])
        themes = saved_id(elders), saved_id(work)
    make_item(engine, forum_id, ACTIVITIES[0], theme_ids=[themes[0]], start_date=date(2027, 3, 1))
    make_item(
        engine, forum_id, ACTIVITIES[1], theme_ids=list(themes), budget_baht=150_000,
        start_date=date(2027, 10, 1), end_date=date(2028, 3, 31), area="หมู่ 3",
    )  # fmt: skip
    make_item(
        engine, forum_id, ACTIVITIES[2], theme_ids=[themes[1]], budget_baht=45_000,
        start_date=date(2028, 1, 15), end_date=date(2028, 6, 30),
    )  # fmt: skip
    make_item(
        engine, forum_id, ACTIVITIES[3], budget_baht=10_000, start_date=None, end_date=None,
        objective=FORMULAS[1], indicator=FORMULAS[2], expected_result=FORMULAS[3], lead_organisation="-กองสวัสดิการ",
    )  # fmt: skip
    make_item(engine, forum_id, ACTIVITIES[4], budget_baht=20_000, start_date=date(2028, 2, 1), end_date=None)
    with write_session(engine) as session:
        # Renamed after the items were tied to it: the ผ.02 shows the name it has now.
        rename_theme(session=session, forum_id=forum_id, theme_id=themes[0], name=ELDERS_NOW, version=1)
    forum = move(engine, forum, Stage.PLAN)  # the room votes in Plan
    with write_session(engine) as session:
        vote = open_vote(
            session=session, forum_id=forum_id, creation_key=new_token(),
            settings=VoteSettings(VOTE_QUESTION, 2, 2, ResultsShown.HIDDEN, [(OptionSubject.THEME, t) for t in themes]),
        )  # fmt: skip
        option = session.exec(select(VoteOption).where(VoteOption.vote_id == saved_id(vote))).first()
        assert option is not None
        label = option.label
        add_dot(session=session, participant_id=saved_id(elder), option_id=saved_id(option), seen=0)
    with write_session(engine) as session:
        close_vote(session=session, forum_id=forum_id, vote_id=saved_id(vote), version=vote.version)
    move(engine, forum, Stage.ACT)  # commitments open in Act
    first, second = (saved_id(row.item) for row in report_of(engine, forum_id).summary.plan[:2])
    commit(engine, state, first, "จัดรถตู้ 1 คันพร้อมคนขับ", organisation="เทศบาลตำบลศิลา")
    commit(engine, elder, second, "อาสาเยี่ยมบ้านทุกสัปดาห์")
    return PlanForum(forum_id, label)


def sample_forum(engine: Engine) -> int:
    """The shipped Sila sample forum."""
    with write_session(engine) as session:
        return saved_id(load_sample_forum(session=session).forum)


def report_of(engine: Engine, forum_id: int, lang: str = "th", *, anonymise: bool = False) -> ForumReport:
    with read_session(engine) as session:
        return build_report(session=session, forum_id=forum_id, lang=lang, anonymise=anonymise)
