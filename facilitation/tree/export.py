"""Exporting a figure: PNG and SVG through kaleido (the system Chromium), and self-contained HTML."""

import os
import shutil
from html import escape
from typing import Literal

import plotly.graph_objects as go

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")


def image_browser() -> str | None:
    """The Chrome or Chromium kaleido will drive for PNG/SVG, or None when there is none."""
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        return configured if os.path.exists(configured) else None
    return next((path for name in CHROMIUM_CANDIDATES if (path := shutil.which(name))), None)


def _point_kaleido_at_chromium() -> None:
    # kaleido drives an installed Chromium; no browser download works offline.
    found = image_browser()
    if found:
        os.environ["BROWSER_PATH"] = found


def figure_image(figure: go.Figure, image_format: Literal["png", "svg"], *, scale: float = 2.0) -> bytes:
    """The figure as PNG (at `scale`× for print and slides) or SVG."""
    _point_kaleido_at_chromium()
    image: bytes = figure.to_image(format=image_format, scale=scale if image_format == "png" else 1.0)
    return image


def figure_html(figure: go.Figure, *, title: str) -> bytes:
    """One HTML file that opens anywhere, offline: plotly.js is embedded, nothing is fetched."""
    html: str = figure.to_html(full_html=True, include_plotlyjs=True, config={"displaylogo": False})
    return html.replace("<head>", f"<head><meta charset='utf-8'><title>{escape(title)}</title>", 1).encode("utf-8")
