"""The area dashboard page: behind the organiser password when it is set, drill-down, a download per table."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from facilitation.core.settings import get_settings
from models import saved_id
from tests.factories import join, make_forum
from tests.ui.helpers import no_exception, shown, th
from tests.unit.dashboard.area_set import build, forum
from tests.unit.helpers import make_item

PASSWORD = "ศิลา-2570"
TABLES = (
    "overdue_and_stalled", "participants_by_sector", "items_by_status", "budget_by_fund", "budget_by_category",
    "fund_by_category", "forums",
)  # fmt: skip


@pytest.fixture
def stored(db: Engine) -> Engine:
    """The handmade set, and a forum held lately in Sila whose item ended a month ago (overdue whatever the day)."""
    build(db)
    today = date.today()
    recent = forum(db, "เวทีติดตามตำบลศิลา", "400114", today - timedelta(days=100))
    make_item(db, saved_id(recent.forum), "รถรับส่งผู้ป่วย", start_date=None, end_date=today - timedelta(days=30))
    return db


def dashboard(app: Callable[..., AppTest]) -> AppTest:
    return app().switch_page("pages/dashboard.py").run()


def showing(at: AppTest) -> list[str]:
    """The line naming the area and its forums: the page's first subheading."""
    return [str(element.value) for element in at.subheader][:1]


def download_keys(at: AppTest) -> set[str]:
    return {str(element.key) for element in at.get("download_button")}


def test_without_a_password_the_page_is_open_and_says_so(app: Callable[..., AppTest], stored: Engine) -> None:
    at = dashboard(app)

    no_exception(at)
    assert th("dashboard_open_note") in shown(at, "info")
    assert not [box for box in at.text_input if box.key == "dashboard_password"]
    assert showing(at) == [th("dashboard_showing", area="จังหวัดขอนแก่น", forums=4)]


def test_every_table_has_a_csv_and_an_excel_download(app: Callable[..., AppTest], stored: Engine) -> None:
    at = dashboard(app)

    assert download_keys(at) == {f"dashboard_{kind}_{table}" for kind in ("csv", "xlsx") for table in TABLES}
    assert len(at.dataframe) == len(TABLES)
    assert len(at.get("plotly_chart")) == 5  # sectors, statuses, funds, categories, fund × category
    flagged = at.dataframe[0].value
    assert list(flagged[th("dashboard_col_activity")]) == ["รถรับส่งผู้ป่วย"]
    both = f"{th('dashboard_flag_overdue')}, {th('dashboard_flag_stalled')}"
    assert list(flagged[th("dashboard_col_flags")]) == [both]


def test_drilling_down_province_district_tambon(app: Callable[..., AppTest], stored: Engine) -> None:
    at = dashboard(app)
    assert at.selectbox(key="dashboard_tambon").disabled

    at.selectbox(key="dashboard_district").set_value("4001").run()
    assert showing(at) == [th("dashboard_showing", area="อำเภอเมืองขอนแก่น จังหวัดขอนแก่น", forums=3)]
    at.selectbox(key="dashboard_tambon").set_value("400114").run()
    assert showing(at) == [th("dashboard_showing", area="ตำบลศิลา อำเภอเมืองขอนแก่น จังหวัดขอนแก่น", forums=2)]
    assert at.selectbox(key="dashboard_tambon").options == [
        th("dashboard_every_tambon"),
        th("dashboard_area_label", name="ในเมือง", code="400101", forums=1),
        th("dashboard_area_label", name="ศิลา", code="400114", forums=2),
    ]

    at.selectbox(key="dashboard_province").set_value("41").run()

    no_exception(at)
    assert showing(at) == [th("dashboard_showing", area="จังหวัดอุดรธานี", forums=1)]
    assert at.selectbox(key="dashboard_district").value == ""


def test_the_date_range_keeps_the_forums_held_in_it(app: Callable[..., AppTest], stored: Engine) -> None:
    at = dashboard(app)

    at.date_input(key="dashboard_date_from").set_value(date(2027, 2, 18)).run()
    at.date_input(key="dashboard_date_to").set_value(date(2027, 6, 9)).run()

    no_exception(at)
    assert showing(at) == [th("dashboard_showing", area="จังหวัดขอนแก่น", forums=1)]
    forums = at.dataframe[-1].value
    assert list(forums[th("dashboard_col_forum")]) == ["เวทีตำบลศิลา"]

    at.date_input(key="dashboard_date_to").set_value(date(2020, 1, 1)).run()
    assert th("dashboard_nothing_here") in shown(at, "info")
    assert download_keys(at) == set()


@pytest.mark.parametrize("password", [None, "ศิลา-2571"])
def test_with_a_password_set_the_page_shows_nothing_without_it(
    app: Callable[..., AppTest], stored: Engine, monkeypatch: pytest.MonkeyPatch, password: str | None
) -> None:
    monkeypatch.setenv("ORGANISER_PASSWORD", PASSWORD)
    get_settings.cache_clear()
    at = dashboard(app)
    if password is not None:
        at.text_input(key="dashboard_password").input(password).run()

    no_exception(at)
    assert not at.selectbox and not at.dataframe and download_keys(at) == set()
    if password is None:
        assert th("dashboard_password_needed") in shown(at, "info")
    else:
        assert th("error_organiser_password") in shown(at, "error")


def test_the_password_opens_the_dashboard(
    app: Callable[..., AppTest], stored: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ORGANISER_PASSWORD", PASSWORD)
    get_settings.cache_clear()
    at = dashboard(app)

    at.text_input(key="dashboard_password").input(PASSWORD).run()

    no_exception(at)
    assert th("dashboard_open_note") not in shown(at, "info")
    assert showing(at) == [th("dashboard_showing", area="จังหวัดขอนแก่น", forums=4)]
    assert len(download_keys(at)) == 2 * len(TABLES)


def test_an_empty_installation_says_there_is_nothing_yet(app: Callable[..., AppTest], db: Engine) -> None:
    at = dashboard(app)

    no_exception(at)
    assert th("dashboard_no_forums") in shown(at, "info")


def test_a_forums_links_do_not_offer_the_dashboard(app: Callable[..., AppTest], db: Engine) -> None:
    """The dashboard sits beside the start page; a phone's, console's or join link's pages are their own."""
    created = make_forum(db)
    member = join(db, created.forum.code)
    for params in (
        {"code": created.forum.code, "p": member.token},
        {"code": created.forum.code, "key": created.facilitator_token},
        {"code": created.forum.code},
    ):
        at = app(**params)
        no_exception(at)
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page("pages/dashboard.py")
