"""tree_png: the welfare tree as PNG for printed documents, or None (and a log line) when it cannot be drawn."""

import io
import logging

import plotly.graph_objects as go
import pytest
from PIL import Image
from sqlalchemy import Engine

from facilitation.core.db import read_session, write_session
from facilitation.exports import tree_image
from facilitation.sample.load import load_sample_forum
from facilitation.tree.export import image_browser
from models import saved_id


@pytest.fixture
def forum_id(engine: Engine) -> int:
    with write_session(engine) as session:
        return saved_id(load_sample_forum(session=session).forum)


def _png(engine: Engine, forum_id: int) -> bytes | None:
    with read_session(engine) as session:
        return tree_image.tree_png(session=session, forum_id=forum_id, lang="th")


def test_no_browser_no_picture(engine: Engine, forum_id: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without Chrome or Chromium the picture is None and kaleido is never called."""

    def must_not_run(figure: go.Figure, image_format: str) -> bytes:
        raise AssertionError("kaleido was called without a browser")

    monkeypatch.setattr(tree_image, "image_browser", lambda: None)
    monkeypatch.setattr(tree_image, "figure_image", must_not_run)
    assert _png(engine, forum_id) is None


def test_a_failed_drawing_is_logged_not_raised(
    engine: Engine, forum_id: int, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """kaleido failing gives None and one logged error naming the forum: the document is still made."""

    def broken(figure: go.Figure, image_format: str) -> bytes:
        raise RuntimeError("browser crashed")

    monkeypatch.setattr(tree_image, "image_browser", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(tree_image, "figure_image", broken)
    with caplog.at_level(logging.ERROR, logger=tree_image.__name__):
        assert _png(engine, forum_id) is None
    assert [record.levelno for record in caplog.records] == [logging.ERROR]
    assert f"forum {forum_id}" in caplog.text and "browser crashed" in caplog.text


@pytest.mark.slow
def test_the_tree_is_drawn_by_kaleido(engine: Engine, forum_id: int) -> None:
    """With a browser here, the tree comes back as a PNG at twice its 1400 × 1000 size."""
    if image_browser() is None:
        pytest.skip("no Chrome or Chromium on this machine")
    png = _png(engine, forum_id)
    assert png is not None
    with Image.open(io.BytesIO(png)) as image:
        assert (image.format, image.size) == ("PNG", (2800, 2000))
