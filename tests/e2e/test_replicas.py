"""One forum across two app processes behind nginx, on one PostgreSQL database.

nginx runs deploy/nginx.conf itself, with only its ports, replica addresses and
certificate paths replaced, over TLS with a throwaway certificate. ip_hash keeps each
client address on one replica; the harness around the site file trusts an
X-Forwarded-For header from this machine (nginx's realip module), so each browser states
its address and the shipped upstream block sends the phone to replica A and the
projector and console to replica B. The access log then shows which replica served what.
"""

import gzip
import http.client
import os
import re
import shutil
import ssl
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from facilitation.core.db import make_engine, write_session
from facilitation.core.i18n import t
from facilitation.core.migrate import upgrade
from facilitation.forum.access import open_projector_link
from tests.e2e.conftest import HOST, LAPTOP, PHONE, PROJECTOR, ROOT, following, free_port, idle, shot, start_app
from tests.factories import make_forum
from tests.postgres import temporary_postgres, unavailable

pytestmark = pytest.mark.e2e

SITE = ROOT / "deploy" / "nginx.conf"
FOLLOW_MS = 10_000  # generous: behaviour, not speed (bench/README.md has measured figures)
LOG_FORMAT = '$remote_addr $upstream_addr "$request_uri" $status'


@dataclass(frozen=True)
class Front:
    """nginx in front of the replicas: where to reach it, and what it logged."""

    https_port: int
    http_port: int
    replicas: tuple[int, int]
    folder: Path

    @property
    def base(self) -> str:
        return f"https://{HOST}:{self.https_port}"

    def log(self) -> list[tuple[str, str, str]]:
        """(client address, replica address, request URI) per logged request."""
        lines = (self.folder / "access.log").read_text().splitlines()
        return [(found[1], found[2], found[3]) for line in lines if (found := re.match(r'(\S+) (\S+) "(.*)"', line))]


def nginx_missing(reason: str) -> NoReturn:
    """Skip without nginx; under CI fail, since a skip there hides breakage."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason} (CI: `make test` installs Debian's nginx package)", pytrace=False)
    pytest.skip(reason)


def site_config(*, https_port: int, http_port: int, replicas: tuple[int, int], certificate: Path, key: Path) -> str:
    """deploy/nginx.conf with this run's ports and certificate: every other line as shipped."""
    text = SITE.read_text()
    for shipped, here in {
        "server 127.0.0.1:8501;": f"server 127.0.0.1:{replicas[0]};",
        "server 127.0.0.1:8502;": f"server 127.0.0.1:{replicas[1]};",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "/etc/letsencrypt/live/forum.example.org/fullchain.pem": str(certificate),
        "/etc/letsencrypt/live/forum.example.org/privkey.pem": str(key),
    }.items():
        assert text.count(shipped) == 1, f"deploy/nginx.conf no longer has exactly one `{shipped}`"
        text = text.replace(shipped, here)
    return text


def main_config(folder: Path) -> str:
    """What Debian's /etc/nginx/nginx.conf gives a site, with every path in `folder`."""
    temp = folder / "temp"
    mime = "include /etc/nginx/mime.types;" if Path("/etc/nginx/mime.types").exists() else ""
    # Workers started by root run as nobody, who cannot write the temporary files of a large
    # response into a private test folder.
    user = "user root;" if os.geteuid() == 0 else ""
    return f"""
{user}
daemon off;
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} notice;
events {{ worker_connections 512; }}
http {{
    {mime}
    default_type application/octet-stream;
    client_body_temp_path {temp / "body"};
    proxy_temp_path {temp / "proxy"};
    fastcgi_temp_path {temp / "fastcgi"};
    uwsgi_temp_path {temp / "uwsgi"};
    scgi_temp_path {temp / "scgi"};
    # Each browser states its address, so that ip_hash can be steered from one machine.
    set_real_ip_from 127.0.0.1;
    real_ip_header X-Forwarded-For;
    log_format replicas '{LOG_FORMAT}';
    access_log {folder / "access.log"} replicas;
    include {folder / "site.conf"};
}}
"""


def programs() -> tuple[str, str]:
    """The paths of nginx and openssl; without them the test is skipped, or under CI fails."""
    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
    openssl = shutil.which("openssl")
    if not nginx or not openssl:
        nginx_missing("nginx or openssl is not installed")
    return nginx, openssl


@contextmanager
def running_nginx(folder: Path, replicas: tuple[int, int]) -> Iterator[Front]:
    """nginx in the foreground with everything under `folder`; stopped when the block ends."""
    nginx, openssl = programs()
    (folder / "temp").mkdir(parents=True)
    certificate, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={HOST}",
         "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True,
    )  # fmt: skip
    front = Front(free_port(), free_port(), replicas, folder)
    (folder / "site.conf").write_text(
        site_config(
            https_port=front.https_port, http_port=front.http_port, replicas=replicas, certificate=certificate, key=key
        )
    )
    (folder / "nginx.conf").write_text(main_config(folder))
    command = [nginx, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", str(folder / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while request(front, "/_stcore/health", forwarded_for="10.0.0.1")[0] != 200:
            assert process.poll() is None and time.monotonic() < deadline, (folder / "error.log").read_text()
            time.sleep(0.2)
        yield front
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def connection(front: Front, *, timeout: float = 10) -> http.client.HTTPSConnection:
    """A connection to nginx's TLS port that accepts the throwaway certificate."""
    unchecked = ssl.create_default_context()
    unchecked.check_hostname = False
    unchecked.verify_mode = ssl.CERT_NONE
    return http.client.HTTPSConnection("127.0.0.1", front.https_port, timeout=timeout, context=unchecked)


def request(front: Front, path: str, *, forwarded_for: str, gzip_ok: bool = False) -> tuple[int, dict[str, str], bytes]:
    """GET `path` through nginx as a browser at `forwarded_for` would; (status, headers, raw body)."""
    client = connection(front)
    try:
        headers = {"Host": f"{HOST}:{front.https_port}", "X-Forwarded-For": forwarded_for}
        if gzip_ok:
            headers["Accept-Encoding"] = "gzip"
        client.request("GET", path, headers=headers)
        reply = client.getresponse()
        return reply.status, {k.lower(): v for k, v in reply.getheaders()}, reply.read()
    except OSError:
        return 0, {}, b""
    finally:
        client.close()


def port_of(replica: str) -> int:
    """The port of an upstream address as nginx logs it (`-` when no replica was asked)."""
    return int(replica.rsplit(":", 1)[1]) if ":" in replica else 0


def addresses_for_each_replica(front: Front) -> tuple[str, str]:
    """Two client addresses that ip_hash sends to the first and to the second replica."""
    found: dict[int, str] = {}
    for block in range(1, 200):
        address = f"10.{block}.0.7"  # ip_hash hashes the first three octets
        request(front, "/_stcore/health", forwarded_for=address)
        for replica in {replica for client, replica, _ in front.log() if client == address}:
            found.setdefault(port_of(replica), address)
        if len(found) == 2:
            return found[front.replicas[0]], found[front.replicas[1]]
    raise AssertionError("ip_hash sent every address to one replica")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Front, str, str, str]]:
    """PostgreSQL, two replicas on it, nginx in front; yields (front, join code, facilitator key, screen token)."""
    programs()  # before starting anything else
    folder = tmp_path_factory.mktemp("replicas")
    with temporary_postgres() as url:
        if url is None:
            unavailable("no PostgreSQL server binaries here and TEST_POSTGRES_URL unset")
        engine = make_engine(url)
        upgrade(engine)
        created = make_forum(engine, revealed=True)  # the wall shows posts as they come
        code = created.forum.code
        with write_session(engine) as session:
            screen = open_projector_link(session=session, code=code, key=created.facilitator_token)
        engine.dispose()
        ports = (free_port(), free_port())
        for name in ("a", "b"):
            (folder / name).mkdir()
        with ThreadPoolExecutor(2) as pool:
            started = list(pool.map(lambda at: start_app(url, folder / at[0], at[1]), zip("ab", ports, strict=True)))
        try:
            with running_nginx(folder / "nginx", ports) as front:
                yield front, code, created.facilitator_token, screen
        finally:
            for process in started:
                process.terminate()
            for process in started:
                process.wait(timeout=20)


def opened(browser: Browser, address: str, device: dict[str, Any]) -> BrowserContext:
    """A browser context whose requests state `address` as the client's (ip_hash picks a replica by it)."""
    return browser.new_context(**device, ignore_https_errors=True, extra_http_headers={"X-Forwarded-For": address})


def join_on_phone(phone: Page, base: str, code: str) -> None:
    # The link the QR code carries: the light join page, through nginx's `location /`; its form
    # posts with an Origin that must match the Host nginx passes on.
    phone.goto(f"{base}/join/{code}")
    phone.get_by_label(t("join_name"), exact=True).fill("สมศรี ใจดี")
    phone.get_by_label(t("sector_community"), exact=True).check()
    phone.get_by_text(t("join_consent")).click()
    phone.get_by_role("button", name=t("join_button"), exact=True).click()
    phone.wait_for_url(re.compile(r"[?&]p="), timeout=FOLLOW_MS)
    idle(phone)
    expect(phone.get_by_text(t("phone_share_intro"))).to_be_visible()
    following(phone)


def test_a_forum_is_one_forum_on_both_replicas(browser: Browser, cluster: tuple[Front, str, str, str]) -> None:
    front, code, key, screen = cluster
    on_a, on_b = addresses_for_each_replica(front)
    phone = opened(browser, on_a, PHONE).new_page()
    wall = opened(browser, on_b, PROJECTOR).new_page()
    console = opened(browser, on_b, LAPTOP).new_page()

    join_on_phone(phone, front.base, code)
    wall.goto(f"{front.base}/?code={code}&screen={screen}")
    idle(wall)
    following(wall)
    console.goto(f"{front.base}/?code={code}&key={key}")
    idle(console)

    text = "รถรับส่งผู้ป่วยไปโรงพยาบาลไม่พอ"
    phone.locator('[data-testid="stRadio"] label, .share-kind').filter(has_text=t("kind_root_cause")).first.click()
    phone.get_by_label(t("share_text"), exact=True).first.fill(text)
    clicked = time.monotonic()
    phone.get_by_role("button", name=t("share_submit"), exact=True).click()
    expect(wall.get_by_text(text)).to_be_visible(timeout=FOLLOW_MS)
    print(f"\npost on replica A shown by the projector on replica B after {time.monotonic() - clicked:.2f} s")
    shot(wall, "replicas-projector", full_page=False)

    idle(phone)
    clicked = time.monotonic()
    console.get_by_role("button", name=t("stage_plan")).click()
    expect(phone.get_by_text(t("phone_plan_intro"))).to_be_visible(timeout=FOLLOW_MS)
    print(f"stage change on replica B shown by the phone on replica A after {time.monotonic() - clicked:.2f} s")

    for page in (phone, wall, console):
        page.context.close()
    # Each browser stayed on its replica: pages, scripts, its websockets and event streams
    # (nginx logs a websocket or a stream when it closes).
    expected = {on_a: front.replicas[0], on_b: front.replicas[1]}
    deadline = time.monotonic() + 10
    while True:
        served = [(client, port_of(replica), uri) for client, replica, uri in front.log() if client in expected]
        paths = {client: {uri.split("?")[0] for c, _, uri in served if c == client} for client in expected}
        closed = all(
            "/_stcore/stream" in found and any(path.startswith("/live/") for path in found) for found in paths.values()
        )
        if closed or time.monotonic() > deadline:
            break
        time.sleep(0.3)
    assert closed, paths
    assert [line for line in served if line[1] != expected[line[0]]] == []


def test_pages_and_scripts_come_compressed(cluster: tuple[Front, str, str, str]) -> None:
    front = cluster[0]
    status, headers, body = request(front, "/", forwarded_for="10.0.0.1", gzip_ok=True)
    assert status == 200 and headers.get("content-encoding") == "gzip"
    bundle = re.search(rb'src="\.?/?(static/js/index\.[^"]+\.js)"', gzip.decompress(body))
    assert bundle, "no script bundle in the page"
    status, headers, body = request(front, "/" + bundle[1].decode(), forwarded_for="10.0.0.1", gzip_ok=True)
    assert status == 200 and headers.get("content-encoding") == "gzip", headers
    assert "accept-encoding" in headers.get("vary", "").lower()
    assert len(gzip.decompress(body)) > 2 * len(body)


def test_an_event_passes_through_while_the_stream_stays_open(cluster: tuple[Front, str, str, str]) -> None:
    front, code = cluster[0], cluster[1]
    # The replica sends the counters at once; a proxy that buffers sits on them until its buffer fills.
    client = connection(front, timeout=5)
    try:
        client.request(
            "GET", f"/live/{code}/events?role=phone",
            headers={"Host": f"{HOST}:{front.https_port}", "X-Forwarded-For": "10.0.0.1", "Accept-Encoding": "gzip"},
        )  # fmt: skip
        received = b""
        try:
            stream = client.getresponse()
            assert stream.status == 200 and stream.getheader("Content-Encoding") is None
            while b"data: {" not in received:  # the counters (an event naming the replica may come first)
                chunk = stream.read1(4096)
                assert chunk, f"the stream closed before an event came; got {received!r}"
                received += chunk
        except TimeoutError:
            pytest.fail(f"no event came through nginx in 5 s while the stream was open; got {received!r}")
        assert not stream.isclosed()
    finally:
        client.close()


def test_plain_http_is_sent_to_https(cluster: tuple[Front, str, str, str]) -> None:
    front, code = cluster[0], cluster[1]
    client = http.client.HTTPConnection("127.0.0.1", front.http_port, timeout=10)
    try:
        client.request("GET", f"/?code={code}", headers={"Host": HOST})
        reply = client.getresponse()
        assert reply.status == 301 and reply.getheader("Location") == f"https://{HOST}/?code={code}"
    finally:
        client.close()
