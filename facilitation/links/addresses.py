"""Which address goes into the join link and its QR code.

Order: the configured public URL; else the address the facilitator opened the app
at, unless it only reaches this machine; else this machine's LAN address and port.
Never a loopback address, which would send every phone to itself.
"""

import socket
import sys
from urllib.parse import quote, urlencode, urlsplit

from facilitation.core.settings import get_settings, is_loopback_host


def lan_address() -> str | None:
    """This machine's address on the local network, or None when it has none."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        # Connecting a UDP socket sends nothing; it only asks the kernel which
        # interface would route there, which is the one phones share with us.
        probe.connect(("10.254.254.254", 1))
        address: str | None = str(probe.getsockname()[0])
    except OSError:
        address = None
    finally:
        probe.close()
    if address and not is_loopback_host(address):
        return address
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            candidate = str(info[4][0])
            if not is_loopback_host(candidate):
                return candidate
    except OSError:
        pass
    return None


def base_url(
    *, public_url: str | None, browser_url: str | None, port: int, lan: str | None, path_prefix: str = ""
) -> str | None:
    """The origin phones should use, or None when no reachable address is known.

    `path_prefix` is the server's own `baseUrlPath` (behind a reverse proxy); the
    browser's path is ignored because it names the facilitator's page.
    """
    if public_url:
        return public_url.rstrip("/")
    prefix = "/" + path_prefix.strip("/") if path_prefix.strip("/") else ""
    if browser_url:
        parts = urlsplit(browser_url)
        if parts.scheme in ("http", "https") and not is_loopback_host(parts.hostname):
            return f"{parts.scheme}://{parts.netloc}{prefix}"
    if lan:
        return f"http://{lan}:{port}{prefix}"
    return None


def join_url(base: str, code: str, *, light: bool = True) -> str:
    """The link a phone opens to join forum `code`.

    `light`: the server serves the light join page (facilitation/web) beside the app, a form
    usable as soon as it arrives; `streamlit run app.py` does not, and gets the Streamlit
    join page, `/?code=…`, which old links also open.
    """
    if light:
        return f"{base}/join/{quote(code, safe='')}"
    return f"{base}/?{urlencode({'code': code})}"


def facilitator_url(base: str, code: str, key: str, page: str = "") -> str:
    """The secret link that opens the facilitator's pages."""
    return f"{base}/{page}?{urlencode({'code': code, 'key': key})}"


def projector_url(base: str, code: str, screen: str) -> str:
    """The projector's own link: its one read-only page, and no facilitator key to photograph."""
    # At the root: a single page is the app's default, served at `/`; another path
    # would be redirected there without its query string.
    return f"{base}/?{urlencode({'code': code, 'screen': screen})}"


def progress_url(base: str, token: str) -> str:
    """An owner's private progress link: their one item's page, opened by the token alone."""
    # At the root, as the projector's: the page is the default of the visitor the token makes.
    return f"{base}/?{urlencode({'progress': token})}"


def resolve_base_url(*, browser_url: str | None, port: int, path_prefix: str = "") -> str | None:
    """`base_url` with this process's settings and network."""
    settings = get_settings()
    return base_url(
        public_url=settings.public_url, browser_url=browser_url, port=port, lan=lan_address(), path_prefix=path_prefix
    )


def main(argv: list[str]) -> int:
    """Print the address phones should use (called by `make run`)."""
    port = int(argv[1]) if len(argv) > 1 else 8501
    found = resolve_base_url(browser_url=None, port=port)
    if found:
        print(f"\n  Phones join at / โทรศัพท์เข้าร่วมที่:  {found}\n")
    else:
        print("\n  No network address found: connect to Wi-Fi or a phone hotspot, or set PUBLIC_URL.\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
