"""The bare page served as server.py serves the app: st.App under uvicorn, with the same gzip middleware."""

import logging
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware

# As server.py: no log line per request.
logging.getLogger("uvicorn.access").disabled = True

app = st.App(
    str(Path(__file__).resolve().parent / "bare_app.py"),
    middleware=[Middleware(GZipMiddleware, minimum_size=1000)],
)
