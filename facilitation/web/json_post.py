"""A JSON POST endpoint beside the app, as the phone's share box and vote box use them.

The checks every such endpoint makes before its service runs: the request comes from the
app's own pages (Origin), is JSON (a plain form from another site cannot send JSON without
asking first), and is small. The service then runs in a worker thread, so a slow write
never holds the server's event loop.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from facilitation.core.i18n import t
from facilitation.web.origin import cross_site

NO_STORE = {"Cache-Control": "no-store"}


@dataclass(frozen=True)
class Outcome:
    """What the phone is told: an HTTP status and the JSON body its box reads."""

    status: int
    body: dict[str, Any]


# The service behind an endpoint: (engine, forum code, the parsed JSON or None) → what to answer.
Service = Callable[[Engine, str, Any], Outcome]


def _refused(message_key: str, status: int) -> Response:
    return JSONResponse({"ok": False, "message": t(message_key, "th")}, status, headers=NO_STORE)


async def handle(engine: Engine, request: Request, service: Service, *, max_bytes: int) -> Response:
    """Check the request, then answer what `service` says of its JSON (None when it is not JSON)."""
    if cross_site(request):
        return _refused("error_not_authorised", 403)
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        return _refused("error_generic", 415)
    body = await request.body()
    if len(body) > max_bytes:
        return _refused("error_generic", 413)
    try:
        payload = json.loads(body)
    except ValueError:
        payload = None
    code = request.path_params["code"]
    outcome = await run_in_threadpool(lambda: service(engine, code, payload))
    return JSONResponse(outcome.body, outcome.status, headers=NO_STORE)


def json_route(path: str, engine: Engine, service: Service, *, max_bytes: int) -> list[BaseRoute]:
    """POST `path` (with a {code} in it) answered by `service`."""

    async def endpoint(request: Request) -> Response:
        return await handle(engine, request, service, max_bytes=max_bytes)

    return [Route(path, endpoint, methods=["POST"])]
