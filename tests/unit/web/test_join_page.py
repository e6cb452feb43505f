"""The light join page (`/join/{code}`) as a phone uses it: plain HTTP, a real SQLite file, no Streamlit."""

import re
from collections.abc import Iterator
from html import escape

import pytest
from sqlalchemy import Engine, update
from sqlmodel import select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from facilitation.core.db import read_session, write_session
from facilitation.core.i18n import format_date, t
from facilitation.core.tokens import DEVICE_COOKIE, is_token
from facilitation.forum.forums import CreatedForum
from facilitation.web.bundle import Asset
from facilitation.web.join_page import join_routes
from models import Forum, Language, Participant, Sector, Stage, saved_id
from tests.factories import make_forum
from tests.unit.helpers import count, make_item, move

HOSTILE = '<img src=x onerror="alert(1)">&amp;'
PREFETCHED = Asset(path="static/js/index.Abc123.js", kind="script")


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    app = Starlette(routes=join_routes(engine, prefetch=[PREFETCHED]))
    with TestClient(app, follow_redirects=False) as made:
        yield made


@pytest.fixture
def forum(engine: Engine) -> CreatedForum:
    return make_forum(engine)


def token_in(page: str) -> str:
    found = re.search(r'name="token" value="([^"]+)"', page)
    assert found, "the form carries no join token"
    return found.group(1)


def form(page: str, **values: str) -> dict[str, str]:
    """What a phone sends: the drawn token, a sector and consent, unless `values` say otherwise."""
    return {"token": token_in(page), "sector": Sector.COMMUNITY.value, "consent": "yes"} | values


def people(engine: Engine) -> int:
    return count(engine, Participant)


def test_the_page_shows_the_forum_in_thai_and_in_english(client: TestClient, forum: CreatedForum) -> None:
    thai = client.get(f"/join/{forum.forum.code}")
    assert thai.status_code == 200
    assert thai.headers["cache-control"] == "no-store"
    for text in (forum.forum.title, forum.forum.area_name_th, format_date(forum.forum.forum_date, "th")):
        assert escape(text) in thai.text
    assert "2570" in thai.text  # 18 February 2027 in the Buddhist era
    for key in ("join_heading", "join_name", "join_organisation", "join_sector", "join_consent", "join_button"):
        assert escape(t(key, "th")) in thai.text
    assert all(escape(t(f"sector_{sector.value}", "th")) in thai.text for sector in Sector)
    assert "<script" not in thai.text  # usable with no script at all

    english = client.get(f"/join/{forum.forum.code.lower()}?lang=en")
    assert english.status_code == 200
    assert forum.forum.area_name_en in english.text
    assert format_date(forum.forum.forum_date, "en") in english.text
    assert escape(t("join_heading", "en")) in english.text and t("join_heading", "th") not in english.text
    assert 'name="lang" value="en"' in english.text  # the choice goes on to the phone page


def test_an_english_forum_opens_in_english(client: TestClient, engine: Engine) -> None:
    created = make_forum(engine, title="Sila welfare forum", language=Language.EN)
    assert escape(t("join_button", "en")) in client.get(f"/join/{created.forum.code}").text
    assert escape(t("join_button", "th")) in client.get(f"/join/{created.forum.code}?lang=th").text


def test_the_page_fetches_streamlit_s_bundle_ahead_after_the_form(client: TestClient, forum: CreatedForum) -> None:
    page = client.get(f"/join/{forum.forum.code}").text
    link = '<link rel="prefetch" href="../static/js/index.Abc123.js" as="script" crossorigin>'
    assert link in page
    assert page.index("</form>") < page.index(link)


def test_joining_answers_with_the_phone_page(client: TestClient, engine: Engine, forum: CreatedForum) -> None:
    page = client.get(f"/join/{forum.forum.code}").text
    sent = form(page, name=" สมศรี  ใจดี ", organisation="อพม.ตำบลศิลา")
    reply = client.post(f"/join/{forum.forum.code}", data=sent)

    assert reply.status_code == 303
    assert reply.headers["location"] == f"../?code={forum.forum.code}&p={sent['token']}"
    assert people(engine) == 1
    with read_session(engine) as session:
        [joined] = session.exec(select(Participant)).all()
    assert (joined.display_name, joined.organisation, joined.sector) == ("สมศรี ใจดี", "อพม.ตำบลศิลา", Sector.COMMUNITY)


def test_the_language_picked_here_goes_on_to_the_phone_page(client: TestClient, forum: CreatedForum) -> None:
    page = client.get(f"/join/{forum.forum.code}?lang=en").text
    reply = client.post(f"/join/{forum.forum.code}?lang=en", data=form(page, lang="en"))
    assert reply.status_code == 303
    assert reply.headers["location"].endswith("&lang=en")


def test_a_double_tap_joins_one_person(client: TestClient, engine: Engine, forum: CreatedForum) -> None:
    sent = form(client.get(f"/join/{forum.forum.code}").text, name="สมชาย")
    first = client.post(f"/join/{forum.forum.code}", data=sent)
    second = client.post(f"/join/{forum.forum.code}", data=sent)
    assert first.status_code == second.status_code == 303
    assert first.headers["location"] == second.headers["location"]
    assert people(engine) == 1


def test_a_spent_token_with_other_details_is_the_next_person(
    client: TestClient, engine: Engine, forum: CreatedForum
) -> None:
    """A shared phone's Back sends an old form again: a neighbour with other details is not the first person."""
    page = client.get(f"/join/{forum.forum.code}").text
    first = client.post(f"/join/{forum.forum.code}", data=form(page, name="สมศรี"))
    again = client.post(f"/join/{forum.forum.code}", data=form(page, name="สมชาย", sector=Sector.STATE.value))

    assert again.status_code == 303
    token = re.search(r"[?&]p=([^&]+)", again.headers["location"])
    assert token and is_token(token.group(1))
    assert again.headers["location"] != first.headers["location"]
    assert people(engine) == 2


def test_a_refused_join_keeps_every_value_and_says_why_in_thai(
    client: TestClient, engine: Engine, forum: CreatedForum
) -> None:
    page = client.get(f"/join/{forum.forum.code}").text
    sent = form(page, name="สมศรี <b>ใจดี</b>", organisation="อพม.", consent="")
    reply = client.post(f"/join/{forum.forum.code}", data=sent)

    assert reply.status_code == 400
    assert escape(t("error_consent_required", "th")) in reply.text
    assert f'value="{escape("สมศรี <b>ใจดี</b>")}"' in reply.text
    assert 'value="อพม."' in reply.text
    assert f'value="{Sector.COMMUNITY.value}" checked' in reply.text
    assert token_in(reply.text) == sent["token"]  # still unused: a tap after the fix joins once
    assert people(engine) == 0

    no_sector = client.post(f"/join/{forum.forum.code}", data=form(page, sector=""))
    assert no_sector.status_code == 400
    assert escape(t("error_sector_required", "th")) in no_sector.text
    assert 'name="consent" value="yes" checked' in no_sector.text

    assert client.post(f"/join/{forum.forum.code}", data=form(page, name="ก" * 5000)).status_code == 413
    too_long = client.post(f"/join/{forum.forum.code}", data=form(page, organisation="ก" * 201))
    assert too_long.status_code == 400
    assert "ก" * 201 in too_long.text
    assert t("join_organisation", "th") in too_long.text
    assert people(engine) == 0


def test_a_closed_forum_refuses_a_join_sent_from_an_older_page(
    client: TestClient, engine: Engine, forum: CreatedForum
) -> None:
    page = client.get(f"/join/{forum.forum.code}").text
    move(engine, forum.forum, Stage.CLOSED)
    reply = client.post(f"/join/{forum.forum.code}", data=form(page, name="สมศรี"))
    assert reply.status_code == 400
    assert 'value="สมศรี"' in reply.text
    assert people(engine) == 0


def test_an_unknown_code_is_a_404_that_leads_to_the_start_page(client: TestClient) -> None:
    reply = client.get("/join/ZZZZZZ")
    assert reply.status_code == 404
    assert escape(t("error_forum_not_found", "th")) in reply.text
    assert 'href="../"' in reply.text
    english = client.get("/join/ZZZZZZ?lang=en")
    assert escape(t("error_forum_not_found", "en")) in english.text
    assert client.post("/join/ZZZZZZ", data={"sector": "state", "consent": "yes"}).status_code == 404


def test_a_closed_forum_shows_its_plan_instead_of_the_form(
    client: TestClient, engine: Engine, forum: CreatedForum
) -> None:
    moved = move(engine, forum.forum, Stage.PLAN)
    make_item(engine, saved_id(forum.forum), "รถรับส่ง <ผู้ป่วย> ติดเตียง")
    move(engine, moved, Stage.CLOSED)

    reply = client.get(f"/join/{forum.forum.code}")
    assert reply.status_code == 200
    assert escape(t("join_closed", "th")) in reply.text
    assert 'class="plan-board"' in reply.text
    assert escape("รถรับส่ง <ผู้ป่วย> ติดเตียง") in reply.text and "<ผู้ป่วย>" not in reply.text
    assert "<form" not in reply.text


def test_the_phone_is_remembered_and_counts_who_joined_on_it(
    client: TestClient, engine: Engine, forum: CreatedForum
) -> None:
    first = client.get(f"/join/{forum.forum.code}")
    device = first.cookies[DEVICE_COOKIE]
    assert is_token(device)
    cookie = first.headers["set-cookie"].lower()
    assert "path=/" in cookie and "max-age=31536000" in cookie and "samesite=lax" in cookie
    already = t("join_already_on_phone", "th", count=1)
    assert escape(already) not in first.text

    client.post(f"/join/{forum.forum.code}", data=form(first.text, name="สมศรี"))
    second = client.get(f"/join/{forum.forum.code}")
    assert second.cookies.get(DEVICE_COOKIE, device) == device  # the same phone keeps its token
    assert escape(already) in second.text
    assert token_in(second.text) != token_in(first.text)  # the next person gets a token of their own

    elsewhere = TestClient(client.app)  # another phone: no cookie
    assert escape(already) not in elsewhere.get(f"/join/{forum.forum.code}").text


def test_a_post_from_another_site_is_refused(client: TestClient, engine: Engine, forum: CreatedForum) -> None:
    sent = form(client.get(f"/join/{forum.forum.code}").text)
    refused = client.post(f"/join/{forum.forum.code}", data=sent, headers={"Origin": "https://evil.example"})
    assert refused.status_code == 403
    assert escape(t("joinpage_cross_site", "th")) in refused.text
    other_port = client.post(f"/join/{forum.forum.code}", data=sent, headers={"Origin": "http://testserver:8080"})
    assert other_port.status_code == 403
    assert people(engine) == 0

    same = client.post(f"/join/{forum.forum.code}", data=sent, headers={"Origin": "http://testserver"})
    assert same.status_code == 303
    assert people(engine) == 1


def test_what_a_facilitator_typed_never_becomes_markup(client: TestClient, engine: Engine) -> None:
    created = make_forum(engine, title=f"เวที {HOSTILE}")
    with write_session(engine) as session:
        session.execute(
            update(Forum).where(Forum.id == created.forum.id).values(area_name_th=HOSTILE, area_name_en=HOSTILE)
        )
    for path in (f"/join/{created.forum.code}", f"/join/{created.forum.code}?lang=en"):
        page = client.get(path).text
        assert "<img" not in page and 'onerror="' not in page
        assert escape(HOSTILE) in page
    refused = client.post(f"/join/{created.forum.code}", data={"name": HOSTILE, "sector": "x"})
    assert refused.status_code == 400
    assert "<img" not in refused.text and escape(HOSTILE) in refused.text


def test_the_page_answers_under_the_server_s_base_path(engine: Engine, forum: CreatedForum) -> None:
    app = Starlette(routes=join_routes(engine, path_prefix=lambda: "/forum/"))
    with TestClient(app, follow_redirects=False) as prefixed:
        page = prefixed.get(f"/forum/join/{forum.forum.code}")
        assert page.status_code == 200
        reply = prefixed.post(f"/forum/join/{forum.forum.code}", data=form(page.text))
        # Relative: /forum/join/CODE + ../?code= is /forum/?code=, the phone page under the same base path.
        assert reply.status_code == 303 and reply.headers["location"].startswith("../?code=")
        assert prefixed.get(f"/join/{forum.forum.code}").status_code == 404
        assert prefixed.get(f"/other/join/{forum.forum.code}").status_code == 404
