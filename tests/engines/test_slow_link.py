"""On a slow link, Firefox ESR and WebKitGTK show the calculator's progress in the page's language and get
ready: the time limits apply to a stall, never to a download that is still delivering.

Neither engine's driver can throttle its network, so the server does: the site served by `make serve`'s
handler through one shared LINK_MBPS link (every connection takes its turn), as a phone's data link is.
"""
from __future__ import annotations

import functools
import http.server
import threading
import time

import pytest
from serve import Handler  # make serve's handler (tests/conftest.py puts overrides/ on the path)

from ..browser.test_calculator_start import PROGRESS
from .conftest import console_errors, open_page
from .drivers import DriverError

pytestmark = pytest.mark.engines

LINK_MBPS = 4  # the calculator's smaller start is ~8 MB: about 20 s here
CHUNK = 16384
STATE = "document.getElementById('calc-app')?.dataset.state"


class SharedLink:
    """Bytes go out one chunk at a time, at `mbps` for all connections together."""

    def __init__(self, mbps: float):
        self.bytes_per_second = mbps * 1e6 / 8
        self.lock = threading.Lock()
        self.free_at = time.monotonic()

    def send(self, write, data: bytes):
        with self.lock:
            start = max(time.monotonic(), self.free_at)
            self.free_at = start + len(data) / self.bytes_per_second
        time.sleep(max(0.0, self.free_at - time.monotonic()))
        write(data)


@pytest.fixture
def slow_site_url(built_site):
    """The site through a slow link, on a new port for each test: a new origin, so nothing is in the
    browser's cache from the test before."""
    link = SharedLink(LINK_MBPS)

    class SlowHandler(Handler):
        def log_message(self, *args):
            pass

        def copyfile(self, source, outputfile):
            for chunk in iter(lambda: source.read(CHUNK), b""):
                link.send(outputfile.write, chunk)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SlowHandler, directory=str(built_site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


# One throttled run per engine (each takes 12-16 s): the two engines take a language each.
LANGUAGE = {"firefox": "es", "webkit": "en"}


def test_on_a_slow_link_progress_shows_and_the_calculator_gets_ready(driver, trap, slow_site_url,
                                                                     screenshot_folder):
    lang = LANGUAGE[driver.engine]
    visit = open_page(driver, trap, "http", lang, "calculator", slow_site_url, slow_site_url)
    try:
        driver.wait("document.getElementById('calc-progress-bar')?.value >= 10", 60000)
    except DriverError as waited:
        pytest.fail(f"no progress shown: {waited}; state {driver.eval(STATE)!r}")
    text = driver.eval("document.getElementById('calc-progress-text').textContent")
    assert PROGRESS[lang].match(text), text
    assert driver.eval("!document.getElementById('calc-progress').hidden")
    driver.screenshot(screenshot_folder / f"{driver.engine}-slow-{lang}-progress.png")
    driver.wait(f"['ready', 'failed'].includes({STATE})", 120000)
    if driver.eval(STATE) != "ready":  # what the page and its workers logged says why
        pytest.fail(f"{driver.eval('document.getElementById(`calc-status`).textContent')!r}; "
                    f"console: {console_errors(visit)}")
    assert driver.eval("document.getElementById('calc-app').dataset.start") == "normal"  # the smaller download
