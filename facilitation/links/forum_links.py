"""The links a facilitator hands out: the join link, its QR code, and their own."""

from dataclasses import dataclass

from facilitation.links.addresses import facilitator_url, join_url, projector_url, resolve_base_url
from facilitation.links.qr import qr_png


@dataclass(frozen=True)
class ForumLinks:
    join: str
    facilitator: str | None  # only for the facilitator's own pages
    projector: str | None  # None until the forum has a projector token
    qr_png: bytes


def forum_links(
    *,
    code: str,
    browser_url: str | None,
    port: int,
    key: str | None = None,
    screen: str | None = None,
    path_prefix: str = "",
    light_join: bool = True,
) -> ForumLinks | None:
    """The forum's links on the address phones can reach, or None when there is none.

    Without `key` there is no facilitator link, so a page that never needs it (the
    projector) never holds it. `light_join`: the server serves `/join/{code}` (see `join_url`).
    """
    base = resolve_base_url(browser_url=browser_url, port=port, path_prefix=path_prefix)
    if base is None:
        return None
    join = join_url(base, code, light=light_join)
    return ForumLinks(
        join=join,
        facilitator=facilitator_url(base, code, key) if key else None,
        projector=projector_url(base, code, screen) if screen else None,
        qr_png=qr_png(join),
    )
