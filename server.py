"""The app as `make run` serves it: Streamlit's app.py and, beside it, the live endpoints, the
light join page and the phones' posts; gzip.

Run it with `uvicorn server:app`. `streamlit run app.py` still works, without them: screens
then fall back to a slow timer (pages/live.py), join links open the Streamlit join page
(`/?code=…`), and phones post through the page's own form.
"""

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware

from facilitation.core.db import make_engine
from facilitation.core.migrate import upgrade
from facilitation.core.settings import get_settings
from facilitation.core.words import words_of
from facilitation.live.events import database_hub, routes
from facilitation.web import share_api, vote_api
from facilitation.web.bundle import streamlit_assets
from facilitation.web.join_page import join_routes
from facilitation.web.served import announce_served

# Absolute, so the script and its .streamlit/config.toml are found from any working directory.
SCRIPT = Path(__file__).resolve().parent / "app.py"

# uvicorn logs every request at INFO: hundreds of phones would flood the terminal and cost CPU.
# Disabled rather than levelled: Streamlit resets its loggers' levels when it reads its config.
logging.getLogger("uvicorn.access").disabled = True

engine = make_engine(get_settings().database_url)
hub = database_hub(engine)
# The light join page, with the files of Streamlit's bundle it fetches ahead (read once here).
light_join = join_routes(
    engine,
    prefetch=streamlit_assets(Path(st.__file__).resolve().parent / "static"),
    path_prefix=lambda: str(st.get_option("server.baseUrlPath") or ""),
)
# Join links and QR codes now point at /join/{code}; phones post to /posts/{code} and vote at /votes/{code}.
announce_served()


@asynccontextmanager
async def _lifespan(_app: st.App) -> AsyncIterator[None]:
    # Upgraded before the first request: after a restart, phones reconnect their event
    # streams before any page script has run (and opened the database) again.
    await asyncio.to_thread(upgrade, engine)
    # pythainlp loads its dictionary on the first cut (about half a second): not on the first post.
    await asyncio.to_thread(words_of, "เวทีสวัสดิการ")
    async with hub.running():
        yield None


app = st.App(
    str(SCRIPT),
    routes=[*routes(hub), *light_join, *share_api.routes(engine), *vote_api.routes(engine)],
    # Streamlit serves its hashed bundles uncompressed; a phone on a slow network pays for that.
    middleware=[Middleware(GZipMiddleware, minimum_size=1000)],
    lifespan=_lifespan,
)
