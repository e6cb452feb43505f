"""The forum's welfare tree as a picture for printed documents (PDF, Word)."""

import logging

from sqlmodel import Session

from facilitation.tree.export import figure_image, image_browser
from facilitation.tree.view import forum_tree

log = logging.getLogger(__name__)


def tree_png(*, session: Session, forum_id: int, lang: str) -> bytes | None:
    """The welfare tree as PNG, drawn by kaleido; None when no browser can draw it here.

    A document without the picture is still worth filing: a failed drawing is logged, not raised,
    and the document says the picture is missing.
    """
    if image_browser() is None:
        return None
    figure = forum_tree(session=session, forum_id=forum_id, lang=lang).tree
    try:
        return figure_image(figure, "png")
    except Exception:  # kaleido and the browser it drives fail in many ways of their own
        log.exception("The welfare tree of forum %s could not be drawn as PNG", forum_id)
        return None
