"""An organiser takes the forum's files away: built while the page stays usable, then downloaded."""

import re
import subprocess
import time

import pytest
from playwright.sync_api import Browser, Page, expect

from facilitation.core.i18n import t
from facilitation.sample import data as sample_data
from tests.e2e.conftest import LAPTOP, PROJECTOR, idle, shot

pytestmark = pytest.mark.e2e


def _sample_forum(page: Page, server: str) -> tuple[str, str]:
    page.goto(server + "/")
    idle(page)
    page.get_by_role("button", name=t("home_sample_button")).click()
    page.wait_for_url(re.compile(r"key="), timeout=20_000)
    idle(page)
    code = re.search(r"code=([A-Z0-9]+)", page.url).group(1)  # type: ignore[union-attr]
    key = re.search(r"key=([^&]+)", page.url).group(1)  # type: ignore[union-attr]
    return code, key


def _row(page: Page, key: str):  # type: ignore[no-untyped-def]
    """The bordered box that lists one format."""
    return page.locator(f".st-key-export-{key}")


def _pdf_text(data: bytes) -> str:
    found = subprocess.run(["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True).stdout
    return found.decode("utf-8").replace("\u200b\n", "").replace("\u200b", "")


def test_the_pdf_is_built_while_another_screen_stays_live_then_downloads(browser: Browser, server: str) -> None:
    laptop = browser.new_context(**LAPTOP, accept_downloads=True).new_page()
    code, key = _sample_forum(laptop, server)
    laptop.goto(f"{server}/summary?code={code}&key={key}")
    idle(laptop)
    expect(laptop.get_by_text(t("export_heading"))).to_be_visible()
    shot(laptop, "exports-list", full_page=False)

    pdf = _row(laptop, "pdf")
    pdf.get_by_role("button", name=t("export_build")).click()
    # The page runs to the end at once; the build goes on beside it.
    idle(laptop)
    projector = browser.new_context(**PROJECTOR).new_page()
    started = time.monotonic()
    projector.goto(f"{server}/projector?code={code}&key={key}")
    idle(projector)
    opened = time.monotonic() - started
    assert opened < 20, f"the projector took {opened:.1f} s to open during the build"

    download_button = pdf.get_by_role("button", name=t("export_download"))
    expect(download_button).to_be_visible(timeout=60_000)
    shot(laptop, "exports-pdf-ready", full_page=False)
    with laptop.expect_download() as arrived:
        download_button.click()
    saved = arrived.value
    assert saved.suggested_filename == f"forum-{code}-2027-02-18-pdf-th.pdf"
    data = open(saved.path(), "rb").read()
    assert data.startswith(b"%PDF")
    text = _pdf_text(data)
    assert sample_data.TITLE_TH in text and sample_data.ACTION_ITEMS[0].activity in text.replace("\n", "")

    # A second tab of the organiser finds the file ready, without building it again.
    again = browser.new_context(**LAPTOP).new_page()
    again.goto(f"{server}/summary?code={code}&key={key}")
    idle(again)
    expect(_row(again, "pdf").get_by_role("button", name=t("export_download"))).to_be_visible()


def test_the_poster_downloads_with_the_join_code(browser: Browser, server: str) -> None:
    laptop = browser.new_context(**LAPTOP, accept_downloads=True).new_page()
    code, key = _sample_forum(laptop, server)
    laptop.goto(f"{server}/summary?code={code}&key={key}")
    idle(laptop)
    poster = _row(laptop, "poster")
    poster.get_by_role("button", name=t("export_build")).click()
    download_button = poster.get_by_role("button", name=t("export_download"))
    expect(download_button).to_be_visible(timeout=30_000)
    with laptop.expect_download() as arrived:
        download_button.click()
    text = _pdf_text(open(arrived.value.path(), "rb").read())
    assert code in text and f"/join/{code}" in text.replace("\n", "")
