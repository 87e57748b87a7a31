"""Firefox ESR and WebKitGTK for the engine tests: one browser at a time, each driven by its own process
(tests/engines/drivers.py), and a trap that sees every request either browser makes to another host.

`site_url` (the build served by the project's `serve.Handler`) and `site_file_url` (the unzipped offline
copy) come from tests/conftest.py. Screenshots, and one line of figures per calculator page opened
(visits.jsonl: time to ready, longest main-thread stall), go to $ENGINE_SCREENSHOTS, or else to this
run's pytest temporary folder (…/engine-screenshots0/).
"""
from __future__ import annotations

import os
import re
import socketserver
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .drivers import Driver, missing_engine
from tests.site.pages import language_folder

ENGINES = ["firefox", "webkit"]
HERE = Path(__file__).resolve().parent


def pytest_configure(config):
    config.addinivalue_line("markers", "engines: Firefox ESR and WebKitGTK tests (tests/engines)")


def pytest_collection_modifyitems(items):
    """In each file, every test of one engine before the other's (pytest alone would alternate them):
    one browser at a time, each started once per file."""
    ours = [index for index, item in enumerate(items)
            if item.path.is_relative_to(HERE) and "driver" in getattr(item, "fixturenames", ())]
    in_order = sorted((items[index] for index in ours),
                      key=lambda item: (str(item.path), ENGINES.index(item.callspec.params["driver"])))
    for index, item in zip(ours, in_order):
        items[index] = item


class Trap:
    """A proxy on 127.0.0.1 that both browsers are set to use for every host but 127.0.0.1: it records
    each request's first line ("CONNECT unpkg.com:443 …", "GET http://…") and refuses it. It sees what
    the drivers' request events may miss (workers, frames, file:// pages in Firefox)."""

    def __init__(self):
        seen, lock = self.seen, self.lock = [], threading.Lock()

        class Refuse(socketserver.StreamRequestHandler):
            timeout = 10

            def handle(self):
                first_line = self.rfile.readline(65536).decode("latin-1").strip()
                with lock:
                    seen.append(first_line)
                while self.rfile.readline(65536).strip():
                    pass
                self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Refuse)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.address = "127.0.0.1:%d" % self.server.server_address[1]

    def mark(self) -> int:
        with self.lock:
            return len(self.seen)

    def seen_since(self, mark: int) -> list[str]:
        with self.lock:
            return self.seen[mark:]


@pytest.fixture(scope="session")
def trap():
    running = Trap()
    yield running
    running.server.shutdown()


@pytest.fixture(scope="module", params=ENGINES)
def driver(request, trap, tmp_path_factory):
    """A running browser of one engine (module scope, and the order above: one launch per engine per
    test file, and only one browser at a time)."""
    engine = request.param
    why = missing_engine(engine)
    if why:
        pytest.fail(why)  # `make test` installs both engines: a missing one must not pass unnoticed
    running = Driver(engine, tmp_path_factory.mktemp(f"{engine}-driver") / "stderr.log", trap=trap.address)
    yield running
    running.close()


@pytest.fixture(scope="session")
def screenshot_folder(tmp_path_factory) -> Path:
    folder = os.environ.get("ENGINE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return Path(folder)
    return tmp_path_factory.mktemp("engine-screenshots")


@dataclass
class PageVisit:
    """One page opened in one engine, and what it logged and requested (read once it has settled)."""
    driver: Driver
    trap: Trap
    scheme: str  # "http" (the test server) or "file" (the unzipped offline copy)
    lang: str
    url: str
    site_base: str  # the site's base URL, http://127.0.0.1:…/ or file:///…/
    trap_mark: int
    _settled: dict | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return f"{self.driver.engine}-{self.scheme}-{self.lang}"

    def settled_log(self) -> dict:
        """The page's log once nothing new was requested or logged for a moment (Material goes on fetching
        its search index and sitemap after the load event; their errors must be in the log we check).
        Read once: call it after the test has done everything it does on the page."""
        if self._settled is None:
            deadline = time.monotonic() + 15
            log = self.driver.log()
            while time.monotonic() < deadline:
                time.sleep(0.7)
                newer = self.driver.log()
                if (len(newer["requests"]), len(newer["console"])) == (len(log["requests"]), len(log["console"])):
                    break
                log = newer
            self._settled = {**newer, "trap": self.trap.seen_since(self.trap_mark)}
        return self._settled


def open_page(driver: Driver, trap: Trap, scheme: str, lang: str, page: str, site_url: str,
              site_file_url: str, query: str = "") -> PageVisit:
    """Open docs/<page>(.es).md as built, over http or from the offline copy, in the given language, with
    `query` ("?letter=access") after its address."""
    base = site_url if scheme == "http" else site_file_url
    url = base + language_folder(lang) + f"{page}.html{query}"
    mark = trap.mark()
    driver.open(url)
    return PageVisit(driver=driver, trap=trap, scheme=scheme, lang=lang, url=url, site_base=base, trap_mark=mark)


def console_errors(visit: PageVisit) -> list[str]:
    """The page's console errors (its workers' included), each as "[source url:line] text", less the one
    known failure: Material requesting its `sitemap.xml` where it cannot have it (CORS on file://, a
    404 under a language's folder). Filtered by that URL and nothing else."""
    entries = visit.settled_log()["console"]
    sitemap = re.compile(re.escape(visit.site_base) + r"(?:[a-z]{2,3}/){0,2}sitemap\.xml\b")

    def names_sitemap(entry):
        return bool(sitemap.search(entry["text"]) or sitemap.match(entry["url"]))

    errors = []
    for index, entry in enumerate(entries):
        if entry["level"] != "error" or names_sitemap(entry):
            continue
        # WebKit logs a refused file:// XMLHttpRequest twice: first this line, without the URL, then
        # the line that names it, both from the same place in the script.
        following = entries[index + 1] if index + 1 < len(entries) else None
        if (entry["text"] == "Cross origin requests are only supported for HTTP." and following
                and names_sitemap(following)
                and (entry["url"], entry["line"], entry["column"])
                == (following["url"], following["line"], following["column"])):
            continue
        where = f" {entry['url']}:{entry['line']}" if entry["url"] else ""
        errors.append(f"[{entry['source']}{where}] {entry['text']}")
    return errors


def requests_elsewhere(visit: PageVisit, site_url: str) -> list[str]:
    """Every request of the page that left this computer: those the browser reported with any address
    but the test server, a file or a data:/blob: URL (made in the page's memory), and those the trap saw."""
    log = visit.settled_log()
    reported = [url for url in log["requests"]
                if not url.startswith((site_url, "file:///", "data:", "blob:", "about:"))]
    return reported + [f"(trap) {line}" for line in log["trap"]]
