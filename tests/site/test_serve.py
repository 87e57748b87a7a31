"""`make serve` (overrides/serve.py) as a real server on 127.0.0.1: no folder listings, the site's own
404 pages, no Python version, the security headers, and odd requests answered with 400/404, never a
traceback."""
import concurrent.futures
import contextlib
import http.client
import os
import re
import socket
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.site.pages import ALL_PAGES, built_path

SERVE = Path(__file__).resolve().parents[2] / "overrides" / "serve.py"
sys.path.insert(0, str(SERVE.parent))
import serve  # noqa: E402


@contextlib.contextmanager
def serving(site: Path, log: Path):
    """overrides/serve.py on a free port; yields the port. Its stderr goes to `log`."""
    with open(log, "wb") as log_file:
        server = subprocess.Popen([sys.executable, str(SERVE), str(site), "0"], stdout=subprocess.PIPE,
                                  stderr=log_file)
        try:
            first_line = server.stdout.readline().decode()
            assert "http://127.0.0.1:" in first_line, first_line
            yield int(first_line.split("http://127.0.0.1:")[1].split()[0])
        finally:
            server.terminate()
            server.wait(timeout=10)


@pytest.fixture(scope="module")
def small_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("small-site")
    (site / "es").mkdir()
    (site / "assets" / "vendor").mkdir(parents=True)
    (site / "index.html").write_text("<p>home</p>")
    (site / "404.html").write_text("<p>Page not found</p>")
    (site / "es" / "404.html").write_text("<p>Página no encontrada</p>")
    (site / "vi").mkdir()  # a language the server was never told about: its folder is enough
    (site / "vi" / "404.html").write_text("<p>Không tìm thấy trang</p>")
    (site / "assets" / "vendor" / "shim.js").write_text("1;")
    return site


@pytest.fixture(scope="module")
def small_server(small_site, tmp_path_factory):
    log = tmp_path_factory.mktemp("serve-log") / "stderr.txt"
    with serving(small_site, log) as port:
        yield port, log
    assert "Traceback" not in log.read_text(errors="replace")


def get(port: int, path: str, method: str = "GET"):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def raw(port: int, request: bytes) -> tuple[int, bytes]:
    """Send `request` as it is (no client clean-up) and return the status code and the whole answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    if not answer.startswith(b"HTTP/"):  # http.server answers a line it cannot read as HTTP/0.9: a bare body
        return int(re.search(rb"Error code: (\d+)", answer).group(1)), b"\r\n\r\n" + answer
    return int(answer.split(b" ", 2)[1]), answer


@pytest.mark.parametrize("folder", ["/", "/assets/", "/assets/vendor/", "/es/"])
def test_a_folder_is_never_listed(small_server, small_site, folder):
    port, _ = small_server
    response, body = get(port, folder)
    if folder == "/":
        assert response.status == 200 and body == b"<p>home</p>"
        return
    assert response.status == 404 and b"shim.js" not in body and b"Directory listing" not in body


@pytest.mark.parametrize("path, page", [("/nothing-here.html", "404.html"), ("/assets/gone.js", "404.html"),
                                        ("/es/nada.html", "es/404.html"), ("/es/assets/", "es/404.html"),
                                        ("/espanol.html", "404.html"), ("/vi/trang.html", "vi/404.html"),
                                        ("/ru/page.html", "404.html"), ("/../nothing.html", "404.html")])
def test_a_missing_file_gets_the_sites_own_404_page_in_the_paths_language(small_server, small_site, path, page):
    port, _ = small_server
    response, body = get(port, path)
    assert response.status == 404 and body == (small_site / page).read_bytes()
    assert response.getheader("Content-Type").startswith("text/html")
    head, head_body = get(port, path, "HEAD")
    assert head.status == 404 and head_body == b""


def test_the_english_404_page_stands_in_when_a_language_has_none(tmp_path):
    (tmp_path / "index.html").write_text("home")
    (tmp_path / "404.html").write_text("Page not found")
    with serving(tmp_path, tmp_path / "log.txt") as port:
        response, body = get(port, "/es/nada.html")
    assert response.status == 404 and body == b"Page not found"


@pytest.mark.parametrize("method, path", [("GET", "/"), ("GET", "/missing"), ("POST", "/"), ("HEAD", "/"),
                                          ("GET", "/%00")])
def test_no_header_names_python_or_its_version(small_server, method, path):
    port, _ = small_server
    response, _ = get(port, path, method)
    headers = " ".join(f"{name}: {value}" for name, value in response.getheaders())
    assert "Python" not in headers and "python" not in headers
    assert response.getheader("Server") == "medical-records-guide"


@pytest.mark.parametrize("path", ["/", "/assets/vendor/shim.js", "/missing", "/%00"])
def test_every_response_carries_the_security_headers(small_server, path):
    port, _ = small_server
    response, _ = get(port, path)
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "no-referrer"
    policy = response.getheader("Content-Security-Policy")
    assert policy.endswith("; frame-ancestors 'none'") and "default-src 'self'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0] and "blob:" not in policy


ODD_REQUESTS = [
    (b"GET /\x00 HTTP/1.0\r\n\r\n", 400),
    (b"GET /%00 HTTP/1.0\r\n\r\n", 400),
    (b"GET /index.html%00.js HTTP/1.0\r\n\r\n", 400),
    (b"GET /es/%0d%0aSet-Cookie:%20x=1 HTTP/1.0\r\n\r\n", 400),
    (b"GET /\x1b[31m HTTP/1.0\r\n\r\n", 400),
    (b"GET /%ed%a0%80 HTTP/1.0\r\n\r\n", 400),  # a lone surrogate once decoded
    (b"GET /%ff%fe HTTP/1.0\r\n\r\n", 400),  # not UTF-8
    (b"GET /..%2f..%2f..%2fetc%2fpasswd HTTP/1.0\r\n\r\n", 404),
    (b"GET ../../../etc/passwd HTTP/1.0\r\n\r\n", 404),
    (b"GET http://[::1 HTTP/1.0\r\n\r\n", 400),
    (b"GET /" + b"a" * 5000 + b" HTTP/1.0\r\n\r\n", 404),
    (b"GET /%" + b" HTTP/1.0\r\n\r\n", 404),
    (b"GET / HTTP/1.0 and more\r\n\r\n", 400),
    (b"GET /" + b"b" * 70000 + b" HTTP/1.0\r\n\r\n", 414),
]


@pytest.mark.parametrize("request_bytes, status", ODD_REQUESTS, ids=[repr(case[0][:30]) for case in ODD_REQUESTS])
def test_an_odd_request_gets_400_or_404_not_a_traceback(small_server, request_bytes, status):
    port, log = small_server
    answer_status, answer = raw(port, request_bytes)
    assert answer_status == status
    assert b"Traceback" not in answer and b"etc/passwd" not in answer.split(b"\r\n\r\n", 1)[1]
    # The server is still there, and wrote no traceback.
    assert get(port, "/")[0].status == 200
    assert "Traceback" not in log.read_text(errors="replace")


def test_each_pages_header_policy_is_its_meta_policy_plus_frame_ancestors(built_site, tmp_path):
    pages = [built_path(built_site, lang, name) for lang, name in ALL_PAGES]
    pages += [path for path in (built_site / "404.html", built_site / "es" / "404.html") if path.exists()]
    with serving(built_site, tmp_path / "log.txt") as port:
        for page in pages:
            html = page.read_text(encoding="utf-8")
            meta = html.split('<meta http-equiv="Content-Security-Policy" content="')[1].split('"')[0]
            response, _ = get(port, "/" + page.relative_to(built_site).as_posix())
            assert response.getheader("Content-Security-Policy") == f"{meta}; frame-ancestors 'none'", page
        worker_policy = get(port, "/assets/calculator/worker.js")[0].getheader("Content-Security-Policy")
    assert "'wasm-unsafe-eval'" in worker_policy and "frame-ancestors 'none'" in worker_policy


# ---- Like a good host: compressed text, and how long each file may be kept ----

def get_with(port: int, path: str, headers: dict):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_text_is_sent_gzipped_to_a_browser_that_accepts_it_and_plain_to_one_that_does_not(built_site, tmp_path):
    import gzip
    page = built_path(built_site, "en", "costs")
    with serving(built_site, tmp_path / "log.txt") as port:
        zipped, body = get_with(port, "/costs.html", {"Accept-Encoding": "gzip, deflate, br"})
        assert zipped.getheader("Content-Encoding") == "gzip" and zipped.getheader("Vary") == "Accept-Encoding"
        assert gzip.decompress(body) == page.read_bytes() and len(body) < page.stat().st_size / 3
        assert int(zipped.getheader("Content-Length")) == len(body)
        plain, body = get_with(port, "/costs.html", {})
        assert plain.getheader("Content-Encoding") is None and body == page.read_bytes()
        # A page asked for again is not sent again when it has not changed.
        again, body = get_with(port, "/costs.html", {"Accept-Encoding": "gzip",
                                                     "If-Modified-Since": zipped.getheader("Last-Modified")})
        assert again.status == 304 and body == b""
        # The security headers come with the compressed answer too.
        assert zipped.getheader("X-Content-Type-Options") == "nosniff"
        assert "frame-ancestors 'none'" in zipped.getheader("Content-Security-Policy")


def test_each_file_says_how_long_it_may_be_kept(built_site, tmp_path):
    hashed = sorted(p.relative_to(built_site).as_posix() for p in (built_site / "assets").rglob("*.js")
                    if re.search(r"\.[0-9a-f]{8,}\.", p.name))
    assert any(name.startswith("assets/pyodide/snapshot.") for name in hashed)
    with serving(built_site, tmp_path / "log.txt") as port:
        for path, rule in [("/" + hashed[0], "public, max-age=31536000, immutable"), ("/index.html", "no-cache"),
                           ("/es/", "no-cache"), ("/assets/calculator/loader.js", "public, max-age=3600"),
                           ("/missing.js", "no-cache")]:
            response, _ = get_with(port, path, {"Accept-Encoding": "gzip"})
            assert response.getheader("Cache-Control") == rule, path


def test_the_sitemap_material_asks_for_from_every_page_is_there(built_site):
    # Material fetches sitemap.xml next to each language's address (its link rel=alternate).
    for lang in ("en", "es"):
        html = built_path(built_site, lang, "costs").read_text(encoding="utf-8")
        for href in re.findall(r'<link rel="alternate" href="([^"]+)" hreflang=', html):
            folder = (built_path(built_site, lang, "costs").parent / href).resolve().parent
            assert (folder / "sitemap.xml").is_file(), href


# ---- Under load, and the small header slips (issue 26, item 3) ----

@pytest.fixture(scope="module")
def load_site(tmp_path_factory) -> Path:
    """A home page and a file too big to send in one write (random bytes: gzip cannot shrink it)."""
    site = tmp_path_factory.mktemp("load-site")
    (site / "index.html").write_text("<p>home</p>" * 2000)
    (site / "404.html").write_text("<p>Page not found</p>")
    (site / "big.bin").write_bytes(os.urandom(4_000_000))
    return site


def _slow_client(port: int, start) -> int:
    """Connect when every client is ready, send the request in three pieces, read the answer slowly.
    The status, or 0 when no answer came within 3 seconds of any step (a patient browser would wait
    longer; a listen queue of 5 makes most of the 50 wait 1 to 7 seconds for the server to see them)."""
    start.wait()
    try:
        connection = socket.create_connection(("127.0.0.1", port), timeout=3)
    except TimeoutError:
        return 0
    with connection:
        for piece in (b"GET /index.html HTTP/1.1\r\n", b"Host: 127.0.0.1\r\n", b"Connection: close\r\n\r\n"):
            connection.sendall(piece)
            time.sleep(0.3)
        answer = b""
        try:
            while chunk := connection.recv(1024):
                answer += chunk
                time.sleep(0.001)
        except TimeoutError:
            return 0
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0


def test_fifty_slow_clients_at_once_all_get_their_page(load_site, tmp_path):
    clients = 50
    start = threading.Barrier(clients)
    with serving(load_site, tmp_path / "log.txt") as port:
        with concurrent.futures.ThreadPoolExecutor(clients) as pool:
            statuses = list(pool.map(lambda _: _slow_client(port, start), range(clients)))
    assert statuses == [200] * clients
    assert "Traceback" not in (tmp_path / "log.txt").read_text(errors="replace")


def test_a_client_that_leaves_mid_download_prints_no_traceback(load_site, tmp_path):
    with serving(load_site, tmp_path / "log.txt") as port:
        for _ in range(3):
            connection = socket.create_connection(("127.0.0.1", port), timeout=10)
            connection.sendall(b"GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            connection.recv(1024)
            # Closed with a reset, as a browser tab that is shut: the server's next write fails.
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            connection.close()
        # Kept as a bounded wait: the server's failed writes happen in its own threads, with no state
        # a client can see; this checks that nothing (no traceback) comes of them within a second.
        time.sleep(1)
        assert get(port, "/")[0].status == 200
    assert "Traceback" not in (tmp_path / "log.txt").read_text(errors="replace")


def test_the_server_listens_with_a_long_queue_and_lets_a_silent_client_go():
    assert serve.Server.request_queue_size >= 128
    assert serve.Handler.timeout and serve.Handler.timeout <= 60


@pytest.mark.parametrize("path, rule", [("/index.html/.", "no-cache"), ("/index.html/", "no-cache"),
                                        ("/./index.html", "no-cache"), ("/assets/../index.html", "no-cache"),
                                        ("/", "no-cache")])
def test_a_page_asked_for_by_an_odd_path_is_never_kept(load_site, tmp_path, path, rule):
    with serving(load_site, tmp_path / "log.txt") as port:
        response, _ = get_with(port, path, {})
    assert response.getheader("Cache-Control") == rule, path


@pytest.mark.parametrize("accept, zipped", [("gzip;q=0", False), ("gzip; q=0.0", False), ("*;q=0", False),
                                            ("deflate, gzip;q=0", False), ("br, *", True), ("gzip;q=0.5", True),
                                            ("GZIP", True), ("*, gzip;q=0", False), ("identity", False)])
def test_gzip_is_sent_only_when_the_browser_gives_it_a_weight_above_zero(load_site, tmp_path, accept, zipped):
    with serving(load_site, tmp_path / "log.txt") as port:
        response, body = get_with(port, "/index.html", {"Accept-Encoding": accept})
    assert (response.getheader("Content-Encoding") == "gzip") is zipped, accept
    assert body == ((load_site / "index.html").read_bytes() if not zipped else body)


@pytest.mark.parametrize("accept", ["gzip", ""])
def test_if_none_match_star_gets_304_for_a_file_that_exists_and_decides_alone(load_site, tmp_path, accept):
    with serving(load_site, tmp_path / "log.txt") as port:
        response, body = get_with(port, "/index.html", {"If-None-Match": "*", "Accept-Encoding": accept})
        assert response.status == 304 and body == b""
        missing, _ = get_with(port, "/nothing.html", {"If-None-Match": "*", "Accept-Encoding": accept})
        assert missing.status == 404
        # A tag this server never sent matches nothing, and then If-Modified-Since is not read.
        tagged, body = get_with(port, "/index.html", {"If-None-Match": '"abc"', "Accept-Encoding": accept,
                                                      "If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT"})
        assert tagged.status == 200 and body
