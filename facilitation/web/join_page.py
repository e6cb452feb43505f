"""GET and POST `/join/{code}`: the join page a phone can use at once, served beside the Streamlit app.

A Streamlit page is usable only once its bundle (59 scripts) has arrived and its websocket
is up: 13 s on a weak phone network. This page is one small HTML document with a plain form,
usable as soon as it arrives; joining is a form post, answered `303 See Other` to the phone
page (`/?code=…&p=…`), whose bundle the browser fetched while the person typed.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from urllib.parse import urlencode

from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import ForumError, ForumNotFound
from facilitation.core.i18n import LANGUAGES, format_date, t
from facilitation.core.tokens import DEVICE_COOKIE, is_token, new_token
from facilitation.forum.forums import get_forum
from facilitation.forum.participants import join_from_form, joined_on_device
from facilitation.forum.plans import plan
from facilitation.forum.policy import Action, allows
from facilitation.present.cards import plan_board
from facilitation.web.bundle import Asset
from facilitation.web.join_html import FormValues, Heading, closed_page, form_page, message_page
from facilitation.web.origin import cross_site
from models import Forum, ParticipantCreate, Sector, saved_id

# Each draw holds a fresh join token: no cache may keep one, and Back must not show a page
# whose token already joined someone (a bfcache restore would).
NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "same-origin", "X-Content-Type-Options": "nosniff"}
DEVICE_MAX_AGE = 365 * 24 * 3600
SECTORS = frozenset(sector.value for sector in Sector)
# The form's longest honest body: 300 characters of Thai, percent-encoded (9 bytes each), and the rest.
MAX_FORM_BYTES = 16_384


@dataclass(frozen=True)
class JoinSite:
    engine: Engine
    prefetch: tuple[Asset, ...]
    path_prefix: Callable[[], str]  # the server's base path, asked at each request


def join_routes(
    engine: Engine, *, prefetch: Sequence[Asset] = (), path_prefix: Callable[[], str] = str
) -> list[BaseRoute]:
    """GET and POST `{path_prefix()}/join/{code}`; `prefetch` names the files the phone page will need.

    The base path is asked for at each request, not when the routes are made: Streamlit reads
    its configuration (`server.baseUrlPath`) only once its app is built, after these routes.
    """
    site = JoinSite(engine=engine, prefetch=tuple(prefetch), path_prefix=path_prefix)
    handler = partial(_join_page, site)
    return [
        Route("/join/{code}", handler, methods=["GET", "POST"]),
        Route("/{base:path}/join/{code}", handler, methods=["GET", "POST"]),
    ]


def _under_base_path(site: JoinSite, request: Request) -> bool:
    return str(request.path_params.get("base", "")).strip("/") == site.path_prefix().strip("/")


def _chosen_language(value: object) -> str | None:
    return value if isinstance(value, str) and value in LANGUAGES else None


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


async def _join_page(site: JoinSite, request: Request) -> Response:
    if not _under_base_path(site, request):
        return PlainTextResponse("Not Found", status_code=404)
    code = request.path_params["code"]
    cookie = request.cookies.get(DEVICE_COOKIE)
    device = cookie if is_token(cookie) else new_token()
    if request.method == "POST":
        if cross_site(request):
            lang = _chosen_language(request.query_params.get("lang")) or "th"
            page = message_page(lang=lang, message=t("joinpage_cross_site", lang))
            return HTMLResponse(page, status_code=403, headers=NO_STORE)
        if int(request.headers.get("content-length") or 0) > MAX_FORM_BYTES:
            return PlainTextResponse("The form is too large.", status_code=413, headers=NO_STORE)
        form = await request.form(max_files=0, max_fields=10)
        response = await run_in_threadpool(_post, site, code=code, form=form, device=device)
    else:
        chosen = _chosen_language(request.query_params.get("lang"))
        response = await run_in_threadpool(
            _draw, site, code=code, chosen=chosen, device=device, values=FormValues(token=new_token())
        )
    # Set by the server, so the phone is known from its first request. The Streamlit join page
    # reads the same cookie (and writes it, from the page, only when it holds no valid token).
    response.set_cookie(DEVICE_COOKIE, device, max_age=DEVICE_MAX_AGE, path="/", samesite="lax", httponly=True)
    return response


def _heading(forum: Forum, lang: str) -> Heading:
    area = forum.area_name_th if lang == "th" else forum.area_name_en
    return Heading(title=forum.title, place_and_date=f"{area} · {format_date(forum.forum_date, lang)}", lang=lang)


def _draw(
    site: JoinSite,
    *,
    code: str,
    chosen: str | None,
    device: str,
    values: FormValues,
    error: ForumError | None = None,
) -> HTMLResponse:
    """The page for `code` as it is now: the form (with `error` and what was sent), the plan, or not found."""
    with read_session(site.engine) as session:
        try:
            forum = get_forum(session=session, code=code)
        except ForumNotFound as missing:
            lang = chosen or "th"
            return HTMLResponse(message_page(lang=lang, message=missing.message(lang)), 404, headers=NO_STORE)
        lang = chosen or forum.language
        heading = _heading(forum, lang)
        if error is None and not allows(forum.stage, Action.JOIN):
            rows = plan(session=session, forum_id=saved_id(forum))
            return HTMLResponse(closed_page(heading=heading, plan_html=plan_board(rows, lang)), headers=NO_STORE)
        already = joined_on_device(session=session, forum_id=saved_id(forum), device=device)
    page = form_page(
        heading=heading,
        values=values,
        already=already,
        error=error.message(lang) if error else None,
        chosen_lang=chosen,
        prefetch=site.prefetch,
    )
    return HTMLResponse(page, status_code=400 if error else 200, headers=NO_STORE)


def _post(site: JoinSite, *, code: str, form: FormData, device: str) -> Response:
    """Join in one write transaction; then the phone page, or the form again with the error and every value."""
    token = _text(form, "token")
    values = FormValues(
        token=token if is_token(token) else new_token(),
        name=_text(form, "name"),
        organisation=_text(form, "organisation"),
        sector=_text(form, "sector") if _text(form, "sector") in SECTORS else "",
        consent=bool(_text(form, "consent")),
    )
    chosen = _chosen_language(_text(form, "lang"))
    data = ParticipantCreate(
        display_name=values.name,
        organisation=values.organisation,
        sector=Sector(values.sector) if values.sector else None,
    )
    try:
        with write_session(site.engine) as session:
            membership, joined_token = join_from_form(
                session=session, code=code, token=values.token, data=data, consent=values.consent, device=device
            )
    except ForumError as error:
        return _draw(site, code=code, chosen=chosen, device=device, values=values, error=error)
    params = {"code": membership.forum.code, "p": joined_token} | ({"lang": chosen} if chosen else {})
    # Relative to /join/{code}: the app's root, under whatever base path the server has.
    return Response(status_code=303, headers={"Location": f"../?{urlencode(params)}", **NO_STORE})
