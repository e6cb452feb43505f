"""A small handmade set of forums in two provinces, whose dashboard figures are worked out by hand in the tests."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine

from facilitation.core.db import write_session
from facilitation.core.tokens import new_token
from facilitation.forum.forums import CreatedForum, create_forum
from facilitation.forum.themes import create_theme
from models import (
    ActionItem,
    CarriedItem,
    ContributionKind,
    ForumCreate,
    FundSource,
    ProgressReport,
    ProgressStatus,
    ProgressSubject,
    Sector,
    Stage,
    saved_id,
    utcnow,
)
from tests.factories import join, post
from tests.unit.helpers import commit, make_item, move

TODAY = date(2027, 12, 1)
BENEFIT = ContributionKind.BENEFIT


def forum(engine: Engine, title: str, tambon_code: str, forum_date: date) -> CreatedForum:
    """A forum in the tambon of `tambon_code` (its district and province from the code)."""
    with write_session(engine) as session:
        return create_forum(
            session=session,
            data=ForumCreate(
                title=title,
                province_code=tambon_code[:2],
                district_code=tambon_code[:4],
                tambon_code=tambon_code,
                forum_date=forum_date,
            ),
        )


def report(
    engine: Engine, forum_id: int, kind: ProgressSubject, subject_id: int, status: ProgressStatus, percent: int,
    on: date,
) -> None:  # fmt: skip
    """A progress report as the owner's link writes one (that service is not what these tests are about)."""
    with write_session(engine) as session:
        session.add(
            ProgressReport(
                forum_id=forum_id, subject_kind=kind, subject_id=subject_id, status=status, percent=percent,
                reported_on=on, creation_key=new_token(),
            )
        )  # fmt: skip


def carry(engine: Engine, item: ActionItem, into: CreatedForum, earlier_item_id: int) -> None:
    with write_session(engine) as session:
        session.add(
            CarriedItem(action_item_id=saved_id(item), forum_id=saved_id(into.forum), earlier_item_id=earlier_item_id)
        )


@dataclass
class AreaSet:
    engine: Engine
    items: dict[str, int] = field(default_factory=dict)
    forums: dict[str, int] = field(default_factory=dict)


def build(engine: Engine) -> AreaSet:
    """Khon Kaen: F1 (Sila), F2 (Nai Mueang, same district), F3 (Ban Fang district); Udon Thani: F4.

    F1: people community, state, state; items I1 (SWPF 100,000, education, ends 30 Sep 2027, never
    reported), I2 (TAO 50,000, a housing benefit directly and through a theme, a sickness one: a tie,
    so sickness; a commitment reported in progress on 20 Nov 2027), I3 (own fund 30,000, no benefit,
    reported done), and a deleted item.
    F2: people local government, other; I5 (CODI 20,000, old age, no end date, blocked on 1 Jul 2027).
    F3: one academic, no plan. F4 (Udon Thani): one community person; I6 (TAO 77,000, ended 1 Jan 2027).
    """
    found = AreaSet(engine)
    f1 = forum(engine, "เวทีตำบลศิลา", "400114", date(2027, 2, 18))
    f2 = forum(engine, "เวทีตำบลในเมือง", "400101", date(2027, 6, 10))
    f3 = forum(engine, "เวทีตำบลหนองบัว", "400201", date(2026, 11, 1))
    f4 = forum(engine, "เวทีตำบลหมากแข้ง", "410101", date(2027, 3, 1))
    for name, created in {"F1": f1, "F2": f2, "F3": f3, "F4": f4}.items():
        found.forums[name] = saved_id(created.forum)
    a = join(engine, f1.forum.code, name="ก", sector=Sector.COMMUNITY).participant
    b = join(engine, f1.forum.code, name="ข", sector=Sector.STATE).participant
    c = join(engine, f1.forum.code, name="ค", sector=Sector.STATE).participant
    d = join(engine, f2.forum.code, name="ง", sector=Sector.LOCAL_GOVERNMENT).participant
    join(engine, f2.forum.code, name="จ", sector=Sector.OTHER)
    join(engine, f3.forum.code, name="ฉ", sector=Sector.ACADEMIC)
    join(engine, f4.forum.code, name="ช", sector=Sector.COMMUNITY)
    school = post(engine, a, "ทุนการศึกษาเด็กยากจน", BENEFIT)
    house = post(engine, a, "ซ่อมบ้านผู้สูงอายุที่อยู่ลำพัง", BENEFIT)
    hospital = post(engine, b, "ค่านอนโรงพยาบาลคืนละ 200 บาท", BENEFIT)
    cause = post(engine, c, "ผู้สูงอายุอยู่บ้านลำพัง ลูกหลานไปทำงานต่างจังหวัด")
    pension = post(engine, d, "เบี้ยยังชีพผู้สูงอายุเพิ่มเติม", BENEFIT)
    with write_session(engine) as session:
        homes = create_theme(
            session=session, forum_id=saved_id(f1.forum), name="บ้านที่ปลอดภัย", contribution_ids=[saved_id(house)]
        )
    f1_id, f2_id = saved_id(f1.forum), saved_id(f2.forum)
    found.items["I1"] = saved_id(
        make_item(engine, f1_id, "ทุนการศึกษา", budget_baht=100_000, fund_source=FundSource.SWPF,
                  start_date=date(2027, 3, 1), end_date=date(2027, 9, 30),
                  contribution_ids=[saved_id(school), saved_id(cause)])
    )  # fmt: skip
    found.items["I2"] = saved_id(
        make_item(engine, f1_id, "ซ่อมบ้านและเยี่ยมไข้", budget_baht=50_000, fund_source=FundSource.TAO,
                  start_date=date(2027, 3, 1), end_date=date(2028, 3, 31),
                  contribution_ids=[saved_id(house), saved_id(hospital)], theme_ids=[saved_id(homes)])
    )  # fmt: skip
    found.items["I3"] = saved_id(
        make_item(engine, f1_id, "กองทุนช่วยค่ารักษา", budget_baht=30_000, fund_source=FundSource.OWN_FUND,
                  start_date=date(2027, 3, 1), end_date=date(2027, 6, 30))
    )  # fmt: skip
    deleted = make_item(engine, f1_id, "กิจกรรมที่ลบแล้ว", budget_baht=999_999, start_date=None, end_date=date(2027, 1, 1))
    with write_session(engine) as session:
        gone = session.get(ActionItem, saved_id(deleted))
        assert gone is not None
        gone.deleted_at = utcnow()
    found.items["I5"] = saved_id(
        make_item(engine, f2_id, "เบี้ยยังชีพเสริม", budget_baht=20_000, fund_source=FundSource.CODI,
                  start_date=None, end_date=None, contribution_ids=[saved_id(pension)])
    )  # fmt: skip
    found.items["I6"] = saved_id(
        make_item(engine, saved_id(f4.forum), "ถนนสวัสดิการ", budget_baht=77_000, fund_source=FundSource.TAO,
                  start_date=date(2026, 6, 1), end_date=date(2027, 1, 1))
    )  # fmt: skip
    move(engine, f1.forum, Stage.ACT)
    promise = commit(engine, a, found.items["I2"], "จะซ่อมบ้านสามหลัง", "กลุ่มออมทรัพย์")
    in_progress, done, blocked = ProgressStatus.IN_PROGRESS, ProgressStatus.DONE, ProgressStatus.BLOCKED
    report(engine, f1_id, ProgressSubject.COMMITMENT, saved_id(promise), in_progress, 40, date(2027, 11, 20))
    report(engine, f1_id, ProgressSubject.ACTION_ITEM, found.items["I3"], done, 100, date(2027, 6, 25))
    report(engine, f2_id, ProgressSubject.ACTION_ITEM, found.items["I5"], blocked, 10, date(2027, 7, 1))
    return found
