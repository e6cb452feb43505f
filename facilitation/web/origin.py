"""Which requests may act for a phone: only those its own pages send."""

from urllib.parse import urlsplit

from starlette.requests import Request


def same_origin(request: Request) -> bool:
    """False when the browser says the request comes from another site than the one it is sent to.

    Browsers name the page's origin on every POST; a request without one (a script, a
    test client) is judged by what it carries, like any other.
    """
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc.lower() == request.headers.get("host", "").lower()
