"""A handmade forum with something in every table: people (one without a phone), posts a spreadsheet
would run as formulas, a post hidden and one held by the word filter, a theme, two votes, a plan
with dates and themes, commitments."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine
from sqlmodel import select

from facilitation.core.db import read_session, write_session
from facilitation.core.tokens import new_token
from facilitation.forum.dots import add_dot
from facilitation.forum.moderation import hide_post
from facilitation.forum.themes import create_theme
from facilitation.forum.votes import VoteSettings, close_vote, open_vote
from models import (
    ContributionKind,
    Forum,
    FundSource,
    OptionSubject,
    Participant,
    ResultsShown,
    Sector,
    Stage,
    Vote,
    VoteOption,
    saved_id,
)
from tests.factories import join, make_forum, post, register
from tests.unit.helpers import commit, make_item, move

FORMULAS = ("=1+1", "+66 81 234 5678", "-5 บาท", "@SUM(A1)")
HIDDEN_WORDS = "บ้านเลขที่ 99 ของนายดำ ติดหนี้"
HIDE_REASON = "ข้อมูลส่วนตัว"
RUDE = "ผู้ใหญ่บ้านไอ้เหี้ยไม่เคยมาดูแล"  # the bundled word filter holds it
PEOPLE = (
    ("วิไลวรรณ ศรีสุวรรณ", "พมจ.ขอนแก่น"),
    ("หนูเพียร ชัยมงคล", "ชมรมผู้สูงอายุตำบลศิลา"),
    ("ยายสม ใจงาม", "ชมรมผู้สูงอายุบ้านศิลา"),  # registered by the facilitator, no phone
)
LEAD = "กองสวัสดิการสังคม เทศบาลเมืองศิลา"
COMMITTED_BY = "โรงพยาบาลส่งเสริมสุขภาพตำบลศิลา"
THEME = "การเดินทางไปโรงพยาบาล"
VOLUNTEERS = "อสม.ตำบลศิลา"  # the organisation the elder commits for, not her own


@dataclass(frozen=True)
class TableForum:
    forum: Forum
    people: list[Participant]
    hidden_post: int
    held_post: int

    @property
    def id(self) -> int:
        return saved_id(self.forum)


def _vote(engine: Engine, forum_id: int, question: str, subjects: list[tuple[OptionSubject, int]]) -> Vote:
    with write_session(engine) as session:
        settings = VoteSettings(question, 3, 2, ResultsShown.LIVE, subjects)
        return open_vote(session=session, forum_id=forum_id, settings=settings, creation_key=new_token())


def _dots(engine: Engine, vote: Vote, people: list[Participant], picks: list[int]) -> None:
    """Each person puts one dot on the option at index `picks[n]` (options in listed order)."""
    with read_session(engine) as session:
        options = session.exec(select(VoteOption).where(VoteOption.vote_id == vote.id).order_by(VoteOption.position))
        ids = [saved_id(option) for option in options]
    for person, pick in zip(people, picks, strict=True):
        with write_session(engine) as session:
            add_dot(session=session, participant_id=saved_id(person), option_id=ids[pick], seen=0)


def make_table_forum(engine: Engine) -> TableForum:
    created = make_forum(engine, title="เวทีสวัสดิการตำบลศิลา", revealed=True)
    forum = created.forum
    forum_id = saved_id(forum)
    state = join(engine, forum.code, name=PEOPLE[0][0], organisation=PEOPLE[0][1], sector=Sector.STATE).participant
    elder = join(engine, forum.code, name=PEOPLE[1][0], organisation=PEOPLE[1][1], sector=Sector.COMMUNITY).participant
    no_phone = register(engine, created, name=PEOPLE[2][0], organisation=PEOPLE[2][1], sector=Sector.COMMUNITY)
    bus = post(engine, elder, "ไม่มีรถไปโรงพยาบาล", ContributionKind.ROOT_CAUSE)
    appointment = post(engine, state, "ผู้ป่วยติดเตียงขาดนัดหมอ", ContributionKind.ROOT_CAUSE)
    post(engine, state, "กองทุนสัจจะวันละบาท", ContributionKind.FUND)
    for text in FORMULAS:
        post(engine, elder, text, ContributionKind.OTHER)
    hidden = post(engine, elder, HIDDEN_WORDS, ContributionKind.OTHER)
    held = post(engine, state, RUDE, ContributionKind.OTHER)
    with write_session(engine) as session:
        theme = create_theme(
            session=session, forum_id=forum_id, name=THEME, contribution_ids=[saved_id(bus), saved_id(appointment)]
        )
    move(engine, forum, Stage.PLAN)
    # A vote over posts, the hidden one among them (hidden after the vote opened, as happens).
    first = _vote(engine, forum_id, "เรื่องไหนควรทำก่อน", [(OptionSubject.POST, saved_id(p)) for p in (bus, hidden)])
    _dots(engine, first, [state, elder], [1, 1])
    with write_session(engine) as session:
        close_vote(session=session, forum_id=forum_id, vote_id=saved_id(first), version=first.version)
        hide_post(session=session, forum_id=forum_id, contribution_id=saved_id(hidden), version=hidden.version,
                  reason=HIDE_REASON)  # fmt: skip
    second = _vote(engine, forum_id, "", [(OptionSubject.THEME, saved_id(theme)), (OptionSubject.POST, saved_id(bus))])
    _dots(engine, second, [state, elder, no_phone], [0, 0, 1])
    item = make_item(
        engine,
        forum_id,
        "รถรับส่งผู้ป่วยติดเตียง",
        lead_organisation=LEAD,
        budget_baht=1_234_567,
        fund_source=FundSource.TAO,
        start_date=date(2027, 3, 1),
        end_date=date(2027, 9, 30),
        theme_ids=[saved_id(theme)],
        contribution_ids=[saved_id(bus)],
    )
    make_item(engine, forum_id, '=HYPERLINK("http://x")', start_date=None, end_date=None)
    move(engine, forum, Stage.ACT)
    commit(engine, state, saved_id(item), "จัดรถตู้ 1 คัน", organisation=COMMITTED_BY)
    commit(engine, elder, saved_id(item), "=2*3 อาสาขับรถ", organisation=VOLUNTEERS)
    return TableForum(forum, [state, elder, no_phone], saved_id(hidden), saved_id(held))
