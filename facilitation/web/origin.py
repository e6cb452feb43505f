"""Which requests may act for a phone: only those its own pages send."""

from urllib.parse import urlsplit

from starlette.requests import Request


def cross_site(request: Request) -> bool:
    """A post whose Origin names another host than the one it was sent to (a form on another site)."""
    origin = request.headers.get("origin")
    if origin is None:
        return False  # older browsers and non-browser clients send none; a browser posting cross-site does
    sent_from, sent_to = urlsplit(origin), urlsplit(f"//{request.headers.get('host', '')}")
    default = 443 if sent_from.scheme == "https" else 80
    try:
        return (sent_from.hostname, sent_from.port or default) != (sent_to.hostname, sent_to.port or default)
    except ValueError:  # a port that is not a number
        return True
