"""An organiser opens the area dashboard in a browser over the sample forums and takes a table away."""

import csv
import io

import pytest
from playwright.sync_api import Browser, expect

from facilitation.core.i18n import t
from facilitation.sample import data as sample_data
from tests.e2e.conftest import LAPTOP, idle, shot

pytestmark = pytest.mark.e2e


def test_the_dashboard_shows_the_sample_area_and_downloads_a_table(browser: Browser, server: str) -> None:
    page = browser.new_context(**LAPTOP, accept_downloads=True).new_page()
    page.goto(server + "/")
    idle(page)
    page.get_by_role("button", name=t("home_sample_button")).click()
    page.wait_for_url(lambda url: "key=" in url, timeout=20_000)
    idle(page)

    page.goto(server + "/dashboard")
    idle(page)
    expect(page.get_by_text(t("dashboard_title"))).to_be_visible()
    # The sample and its follow-up are two forums of one tambon in Khon Kaen.
    expect(page.get_by_test_id("stMetric").first).to_contain_text("2")
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=20_000)
    shot(page, "dashboard", full_page=False)

    button = page.locator(".st-key-dashboard_csv_forums button")
    with page.expect_download() as arrived:
        button.click()
    rows = list(csv.reader(io.StringIO(open(arrived.value.path(), encoding="utf-8-sig").read())))
    titles = {cell for row in rows[1:] for cell in row}
    assert sample_data.TITLE_TH in titles and len(rows) == 3
