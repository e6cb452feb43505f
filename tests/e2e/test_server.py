"""The server as `make run` starts it: Streamlit's bundles gzipped, the live endpoints beside the app."""

import re
import urllib.error
import urllib.request
from email.message import Message
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.e2e


def _local(base: str) -> str:
    # forum.test resolves only inside the test browser; the same server answers on 127.0.0.1.
    return f"http://127.0.0.1:{urlsplit(base).port}"


def _get(url: str, **headers: str) -> tuple[int, Message, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status, reply.headers, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_streamlit_s_main_bundle_is_served_gzipped(server: str) -> None:
    base = _local(server)
    _status, _headers, page = _get(f"{base}/")
    bundle = re.search(rb'src="\.?/?(static/js/index\.[^"]+\.js)"', page)
    assert bundle, "no main bundle named in the page"
    url = f"{base}/{bundle.group(1).decode()}"

    _status, plain_headers, plain = _get(url)
    status, headers, packed = _get(url, **{"Accept-Encoding": "gzip"})

    assert status == 200
    assert plain_headers.get("Content-Encoding") is None
    assert headers.get("Content-Encoding") == "gzip"
    assert len(packed) < len(plain) * 0.4, (len(plain), len(packed))


def test_the_live_endpoints_answer_beside_the_app(server: str) -> None:
    base = _local(server)
    assert _get(f"{base}/live/NOSUCH/counters")[0] == 404
    assert _get(f"{base}/live/NOSUCH/events?role=phone")[0] == 404
    assert _get(f"{base}/_stcore/health")[0] == 200
