"""After a server restart, the first request may be for a page rather than the start page.

Streamlit then runs the page file directly until the router has run once; the app
must still route it through the role check: the projector opens for its facilitator,
and a participant's link opens the phone page, not a facilitator's page.
"""

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from facilitation.core.db import make_engine
from facilitation.core.i18n import t
from facilitation.core.migrate import upgrade
from tests.e2e.conftest import PHONE, PROJECTOR, idle, running_app
from tests.factories import join, make_forum

pytestmark = pytest.mark.e2e


def test_first_request_after_start_goes_through_the_router(browser: Browser, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'forum.db'}"
    engine = make_engine(url)
    upgrade(engine)
    created = make_forum(engine)
    person = join(engine, created.forum.code)
    engine.dispose()
    code, key = created.forum.code, created.facilitator_token

    with running_app(url, tmp_path) as base:
        phone = browser.new_context(**PHONE).new_page()
        phone.goto(f"{base}/projector?code={code}&p={person.token}")
        idle(phone)
        expect(phone.get_by_text(t("phone_share_intro"))).to_be_visible()
        expect(phone.get_by_test_id("join-code")).to_have_count(0)

    with running_app(url, tmp_path) as base:
        projector = browser.new_context(**PROJECTOR).new_page()
        projector.goto(f"{base}/projector?code={code}&key={key}")
        idle(projector)
        expect(projector.get_by_test_id("join-code")).to_have_text(code)
        assert "/projector" in projector.url and f"key={key}" in projector.url
