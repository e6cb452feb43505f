"""The links a facilitator hands out: the join link, its QR code, and their own."""

from dataclasses import dataclass

from facilitation.links.addresses import facilitator_url, join_url, resolve_base_url
from facilitation.links.qr import qr_png


@dataclass(frozen=True)
class ForumLinks:
    join: str
    facilitator: str
    projector: str
    qr_png: bytes


def forum_links(*, code: str, key: str, browser_url: str | None, port: int, path_prefix: str = "") -> ForumLinks | None:
    """The forum's links on the address phones can reach, or None when there is none."""
    base = resolve_base_url(browser_url=browser_url, port=port, path_prefix=path_prefix)
    if base is None:
        return None
    join = join_url(base, code)
    return ForumLinks(
        join=join,
        facilitator=facilitator_url(base, code, key),
        projector=facilitator_url(base, code, key, "projector"),
        qr_png=qr_png(join),
    )
