"""The area dashboard's figures on a handmade set of forums in two provinces (figures worked out by hand)."""

from datetime import date

from facilitation.core.db import read_session
from facilitation.dashboard.areas import area_options
from facilitation.dashboard.read import AreaDashboard, Tally, area_dashboard
from models import FundSource, ProgressStatus, Sector
from tests.unit.dashboard.area_set import TODAY, AreaSet


def board(found: AreaSet, province: str = "40", **scope: object) -> AreaDashboard:
    with read_session(found.engine) as session:
        return area_dashboard(session=session, province_code=province, lang="th", today=TODAY, **scope)  # type: ignore[arg-type]


def test_a_province_counts_its_forums_people_and_plans(area_set: AreaSet) -> None:
    shown = board(area_set)

    assert shown.area_name == "จังหวัดขอนแก่น"
    assert [line.title for line in shown.forums] == ["เวทีตำบลในเมือง", "เวทีตำบลศิลา", "เวทีตำบลหนองบัว"]
    assert [(line.participants, line.contributions, line.action_items, line.budget_baht) for line in shown.forums] == [
        (2, 1, 1, 20_000),
        (3, 4, 3, 180_000),  # the deleted item is not counted
        (1, 0, 0, 0),
    ]
    assert shown.participants_by_sector == {
        Sector.STATE: 2, Sector.LOCAL_GOVERNMENT: 1, Sector.COMMUNITY: 1,
        Sector.PUBLIC_BENEFIT: 0, Sector.ACADEMIC: 1, Sector.OTHER: 1,
    }  # fmt: skip
    assert shown.participants == 6
    assert shown.items_by_status == {
        ProgressStatus.NOT_STARTED: 1, ProgressStatus.IN_PROGRESS: 1, ProgressStatus.DONE: 1,
        ProgressStatus.BLOCKED: 1, ProgressStatus.DROPPED: 0,
    }  # fmt: skip
    assert shown.budget_by_fund == {
        FundSource.OWN_FUND: Tally(1, 30_000), FundSource.TAO: Tally(1, 50_000), FundSource.SWPF: Tally(1, 100_000),
        FundSource.CODI: Tally(1, 20_000), FundSource.OTHER: Tally(0, 0),
    }  # fmt: skip
    assert shown.budget_baht == 200_000 and shown.action_items == 4


def test_an_item_is_counted_under_the_category_most_of_its_benefits_hang_on(area_set: AreaSet) -> None:
    shown = board(area_set)

    spent = {key: tally for key, tally in shown.budget_by_category.items() if tally.items}
    # I2 answers a sickness benefit and a housing one (directly and through a theme: counted once),
    # a tie that goes to the branch the tree draws first; I3 answers no benefit.
    assert spent == {
        "sickness": Tally(1, 50_000), "education": Tally(1, 100_000), "old_age": Tally(1, 20_000),
        "uncategorised": Tally(1, 30_000),
    }  # fmt: skip
    assert list(shown.budget_by_category)[-1] == "uncategorised"
    cells = {(fund, key): baht for fund, row in shown.fund_by_category.items() for key, baht in row.items() if baht}
    assert cells == {
        (FundSource.SWPF, "education"): 100_000, (FundSource.TAO, "sickness"): 50_000,
        (FundSource.OWN_FUND, "uncategorised"): 30_000, (FundSource.CODI, "old_age"): 20_000,
    }  # fmt: skip


def test_overdue_and_stalled_items_are_flagged_with_their_forum(area_set: AreaSet) -> None:
    shown = board(area_set)

    flagged = [(item.activity, item.forum.title, item.end_date, item.overdue, item.stalled) for item in shown.flagged]
    # I1 ended on 30 Sep and never reported; I5 has no end date and last reported on 1 Jul (over 6 weeks);
    # I2 reported 11 days ago, I3 is done.
    assert flagged == [
        ("ทุนการศึกษา", "เวทีตำบลศิลา", date(2027, 9, 30), True, True),
        ("เบี้ยยังชีพเสริม", "เวทีตำบลในเมือง", None, False, True),
    ]
    assert shown.flagged[0].lead_organisation == "กองสวัสดิการสังคม เทศบาลเมืองศิลา"
    assert (shown.flagged[1].status, shown.flagged[1].percent) == (ProgressStatus.BLOCKED, 10)
    assert shown.flagged[1].last_reported == date(2027, 7, 1)


def test_a_district_and_a_tambon_count_their_own_forums_only(area_set: AreaSet) -> None:
    district = board(area_set, district_code="4001")
    tambon = board(area_set, district_code="4001", tambon_code="400114")

    assert district.area_name == "อำเภอเมืองขอนแก่น จังหวัดขอนแก่น"
    assert [line.title for line in district.forums] == ["เวทีตำบลในเมือง", "เวทีตำบลศิลา"]
    assert (district.participants, district.action_items, district.budget_baht) == (5, 4, 200_000)
    assert tambon.area_name == "ตำบลศิลา อำเภอเมืองขอนแก่น จังหวัดขอนแก่น"
    assert [line.title for line in tambon.forums] == ["เวทีตำบลศิลา"]
    assert (tambon.participants, tambon.action_items, tambon.budget_baht) == (3, 3, 180_000)
    assert [item.activity for item in tambon.flagged] == ["ทุนการศึกษา"]


def test_the_date_range_keeps_the_forums_held_in_it_both_days_included(area_set: AreaSet) -> None:
    shown = board(area_set, date_from=date(2027, 2, 18), date_to=date(2027, 6, 9))
    later = board(area_set, date_from=date(2027, 6, 10))
    earlier = board(area_set, date_to=date(2026, 11, 1))

    assert [line.title for line in shown.forums] == ["เวทีตำบลศิลา"]
    assert (shown.participants, shown.action_items) == (3, 3)
    assert [line.title for line in later.forums] == ["เวทีตำบลในเมือง"]
    assert later.budget_by_fund[FundSource.CODI] == Tally(1, 20_000) and later.budget_baht == 20_000
    assert [line.title for line in earlier.forums] == ["เวทีตำบลหนองบัว"]
    assert (earlier.action_items, earlier.budget_baht, earlier.flagged) == (0, 0, [])


def test_the_other_province_is_apart(area_set: AreaSet) -> None:
    shown = board(area_set, province="41")
    english = board(area_set, province="41", district_code="4101")

    assert [line.title for line in shown.forums] == ["เวทีตำบลหมากแข้ง"]
    assert shown.participants_by_sector[Sector.COMMUNITY] == 1 and shown.participants == 1
    assert shown.budget_by_fund[FundSource.TAO] == Tally(1, 77_000)
    assert shown.budget_by_category["uncategorised"] == Tally(1, 77_000)
    assert [(item.activity, item.overdue) for item in shown.flagged] == [("ถนนสวัสดิการ", True)]
    assert english.area_name == "อำเภอเมืองอุดรธานี จังหวัดอุดรธานี"


def test_an_area_with_no_forum_is_empty(area_set: AreaSet) -> None:
    shown = board(area_set, province="50")

    assert shown.forums == [] and shown.participants == 0 and shown.action_items == 0 and shown.flagged == []
    assert all(tally == Tally(0, 0) for tally in shown.budget_by_category.values())


def test_the_options_are_the_areas_that_have_forums(area_set: AreaSet) -> None:
    with read_session(area_set.engine) as session:
        options = area_options(session=session)

    assert [(p.code, p.name_th) for p in options.provinces] == [("40", "ขอนแก่น"), ("41", "อุดรธานี")]
    assert [(d.code, d.name_en) for d in options.districts["40"]] == [
        ("4001", "Mueang Khon Kaen"),
        ("4002", "Ban Fang"),
    ]
    assert [(s.code, s.name_th) for s in options.tambons["4001"]] == [("400101", "ในเมือง"), ("400114", "ศิลา")]
    assert options.forums["40"] == 3 and options.forums["4001"] == 2 and options.forums["400114"] == 1
