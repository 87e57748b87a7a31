"""`make serve`: the built site over http on 127.0.0.1, with the types and headers the guide needs.

Python's http.server guesses types from the operating system, which may not know .mjs or may send
.js as text/plain (a Windows registry setting). Pyodide then hangs or fails: set them here.
On top of http.server it sends each page's Content-Security-Policy as a header (adding
frame-ancestors 'none', which a meta policy cannot carry), nosniff and no-referrer; never lists a
folder; answers a missing file with the site's own 404 page (Spanish under /es/); names no Python
version; and answers a path it cannot read (a NUL byte, a control character) with 400, not a traceback.
Like a good host it also compresses text (gzip, for a browser that accepts it) and says how long each
file may be kept (CACHE_RULES): a year for a file whose name carries its content's hash, which a new
build renames; no reuse without asking again for a page. deploy/ holds the same rules for other
servers, and a test keeps them in step with this file.

Under load it stays answering: one thread per request, a listen queue of LISTEN_BACKLOG (http.server's
5 turned away a browser's burst of requests), and REQUEST_TIMEOUT_SECONDS for each read and write, so
a client that stops sending halfway holds a thread for at most that long. A client that goes away
mid-download (a closed tab) is normal: nothing is printed for it.
"""
from __future__ import annotations

import email.utils
import functools
import gzip
import http.server
import io
import os
import posixpath
import re
import sys
import threading
import urllib.parse
from http import HTTPStatus
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "hooks"))
from content_security_policy import page_policy, policy_text  # noqa: E402  the build's own policy

TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
         ".json": "application/json", ".zip": "application/zip", ".css": "text/css",
         ".html": "text/html", ".svg": "image/svg+xml"}
# Sent with every response; the policy itself is added per file (see _policy_for).
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
# A language's folder: a language code (never ".." or any other path a request could make up).
LANGUAGE_FOLDER = re.compile(r"[a-z]{2,3}")
# Sent compressed to a browser that accepts gzip: every text type the site serves.
COMPRESSED_TYPES = ("text/html", "text/css", "text/javascript", "application/json", "image/svg+xml",
                    "application/xml", "text/xml", "text/plain")
# How long a browser may keep a file (Cache-Control), by the file's name. A name with a content hash
# (bundle.a5f9d56c.min.js, snapshot.9b1adec90bbf.js) never changes content: a year. A page must be
# asked for again each time (a new review of the law changes it). Anything else: an hour.
HASHED_NAME = re.compile(r"\.[0-9a-f]{8,}\.")
# Enough for every file a page asks for at once, from many browsers; http.server's default is 5.
LISTEN_BACKLOG = 256
# Each read from or write to a client: a client silent this long is let go.
REQUEST_TIMEOUT_SECONDS = 30
# A client that leaves mid-answer: not a fault of the server, so no traceback.
CLIENT_GONE = (ConnectionError, TimeoutError)
CACHE_RULES = {"hashed": "public, max-age=31536000, immutable", "html": "no-cache", "other": "public, max-age=3600"}


def cache_rule(path: str) -> str:
    """The Cache-Control value for the file at URL path `path`. The path is read as the server reads
    it (`/index.html/.` is the page /index.html; a path ending in "/" is a folder's index page)."""
    folder = path.endswith("/") or path.rsplit("/", 1)[-1] in (".", "..")
    name = "" if folder else posixpath.normpath("/" + path).rsplit("/", 1)[-1]
    if HASHED_NAME.search(name):
        return CACHE_RULES["hashed"]
    if name == "" or name.endswith(".html"):
        return CACHE_RULES["html"]
    return CACHE_RULES["other"]


_compressed: dict[tuple[str, int, int], bytes] = {}
_compressed_lock = threading.Lock()


def compressed(path: str) -> bytes:
    """The file at `path`, gzipped (level 9), kept in memory until the file changes."""
    stat = os.stat(path)
    key = (path, stat.st_mtime_ns, stat.st_size)
    with _compressed_lock:
        if key not in _compressed:
            with open(path, "rb") as source:
                _compressed[key] = gzip.compress(source.read(), compresslevel=9, mtime=0)
        return _compressed[key]


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding header allows gzip: named with a weight above 0 ("gzip;q=0" means
    never), or "*" above 0 when gzip is not named."""
    weights = {}
    for item in accept_encoding.split(","):
        coding, _, params = item.partition(";")
        weight = 1.0
        for param in params.split(";"):
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if coding.strip():
            weights[coding.strip().lower()] = weight
    return weights.get("gzip", weights.get("x-gzip", weights.get("*", 0.0))) > 0


class Server(http.server.ThreadingHTTPServer):
    """http.server's threading server with a long listen queue and quiet about clients that left."""
    request_queue_size = LISTEN_BACKLOG
    daemon_threads = True

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], CLIENT_GONE):
            return
        super().handle_error(request, client_address)


class Handler(http.server.SimpleHTTPRequestHandler):
    timeout = REQUEST_TIMEOUT_SECONDS
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}
    server_version = "medical-records-guide"
    sys_version = ""  # http.server would add "Python/3.11.x" to the Server header

    def version_string(self) -> str:
        return self.server_version

    def send_head(self):
        try:
            path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path, errors="strict")
            if any(ord(char) < 32 or ord(char) == 127 for char in path):
                self.send_error(HTTPStatus.BAD_REQUEST, "Bad path")
                return None
            target = self.translate_path(self.path)
            self._policy = self._policy_for(target)
            self._cache = cache_rule(path)
            return self._not_modified_for_any(target) or self._send_compressed(target) or super().send_head()
        except ValueError:  # not UTF-8, a lone surrogate, an unreadable URL: no file has such a name
            self.send_error(HTTPStatus.BAD_REQUEST, "Bad path")
            return None

    def _not_modified_for_any(self, target: str):
        """`If-None-Match: *` asks for the file only if the browser has no copy of it at all: for a file
        that exists, 304 (RFC 9110 section 13.1.2). No other tag can match: this server sends none."""
        if self.headers.get("If-None-Match", "").strip() != "*":
            return None
        page = os.path.join(target, "index.html") if os.path.isdir(target) else target
        if not os.path.isfile(page) or (os.path.isdir(target) and not urllib.parse.urlsplit(self.path).path.endswith("/")):
            return None
        self.send_response(HTTPStatus.NOT_MODIFIED)
        self.end_headers()
        return io.BytesIO(b"")

    def _send_compressed(self, target: str):
        """For a text file and a browser that accepts gzip: the headers, and the compressed body to send."""
        if os.path.isdir(target):
            if not urllib.parse.urlsplit(self.path).path.endswith("/"):
                return None  # http.server redirects to the address with a slash
            target = os.path.join(target, "index.html")
        if not os.path.isfile(target) or not accepts_gzip(self.headers.get("Accept-Encoding", "")):
            return None
        content_type = self.guess_type(target)
        if not content_type.startswith(COMPRESSED_TYPES):
            return None
        modified = int(os.stat(target).st_mtime)
        since = self.headers.get("If-Modified-Since")
        if since and "If-None-Match" not in self.headers:  # a tag, when given, decides alone (RFC 9110)  # a page asked for again ("no-cache"): unchanged, so nothing to send
            try:
                if email.utils.parsedate_to_datetime(since).timestamp() >= modified:
                    self.send_response(HTTPStatus.NOT_MODIFIED)
                    self.end_headers()
                    return io.BytesIO(b"")
            except (TypeError, ValueError, IndexError, OverflowError):
                pass
        body = compressed(target)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type if "charset" in content_type or not content_type.startswith("text/")
                         else f"{content_type}; charset=utf-8")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(modified))
        self.end_headers()
        return io.BytesIO(body)

    def list_directory(self, path):
        self.send_error(HTTPStatus.NOT_FOUND, "File not found")
        return None

    def send_error(self, code, message=None, explain=None):
        """A missing file gets the site's own 404 page in the path's language; other errors, http.server's."""
        self._cache = CACHE_RULES["html"]  # an error is never kept
        page = self._not_found_page() if code == HTTPStatus.NOT_FOUND else None
        if page is None:
            self._policy = policy_text()
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self._policy = page_policy(body.decode("utf-8")) or policy_text()
        self.send_response(code, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if accepts_gzip(self.headers.get("Accept-Encoding", "") if self.headers else ""):
            body = compressed(str(page))
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self):
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        policy = getattr(self, "_policy", None) or policy_text()
        self.send_header("Content-Security-Policy", f"{policy}; frame-ancestors 'none'")
        # Whether a file may be kept, and that the answer depends on the browser's Accept-Encoding.
        self.send_header("Cache-Control", getattr(self, "_cache", None) or CACHE_RULES["html"])
        self.send_header("Vary", "Accept-Encoding")
        super().end_headers()

    def _policy_for(self, target: str) -> str:
        """An HTML page's own policy (its meta tag, with its script hashes); for anything else, the
        site's policy without hashes, which a worker script started from this file runs under."""
        # os.path, not pathlib: isdir/isfile say False for a name too long, where Path.is_dir raises.
        page = os.path.join(target, "index.html") if os.path.isdir(target) else target
        if page.endswith(".html") and os.path.isfile(page):
            return page_policy(Path(page).read_text(encoding="utf-8")) or policy_text()
        return policy_text()

    def _not_found_page(self) -> Path | None:
        path = urllib.parse.urlsplit(getattr(self, "path", "") or "").path
        # A language's pages live in a folder named by its code (/es/…) with its own 404.html; the
        # source language's is at the root. A folder without one (a missing page's own folder) gets the root's.
        folder = path.strip("/").split("/", 1)[0]
        own = f"{folder}/404.html" if LANGUAGE_FOLDER.fullmatch(folder) else "404.html"
        for candidate in (own, "404.html"):
            page = Path(self.directory) / candidate
            if page.is_file():
                return page
        return None


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 8000
    if not (site / "index.html").exists():
        raise SystemExit(f"{site} is not built: run `make build` first")
    server = Server(("127.0.0.1", port), functools.partial(Handler, directory=str(site)))
    print(f"Serving the guide at http://127.0.0.1:{server.server_address[1]} (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
