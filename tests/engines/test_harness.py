"""The engine tests can fail: in each engine the harness sees a console error from the page and from a
worker, an uncaught error in a worker, and a request to another host (which only the trap can see when a
worker makes it)."""
from __future__ import annotations

import time

import pytest

from .conftest import PageVisit, console_errors, requests_elsewhere

pytestmark = pytest.mark.engines

MISBEHAVE = """(() => {
  console.error("harness check: page");
  const worker = new Worker(URL.createObjectURL(new Blob([
    'console.error("harness check: worker");' +
    'fetch("https://example.org/harness-check").catch(() => {});' +
    'setTimeout(() => { throw new Error("harness check: uncaught in worker"); }, 10);'])));
  window.__harnessWorker = worker;  // kept alive until it has run
})()"""


def test_the_harness_sees_errors_and_requests_to_other_hosts(driver, trap, site_url):
    mark = trap.mark()
    driver.open("about:blank")
    visit = PageVisit(driver=driver, trap=trap, scheme="about", lang="", url="about:blank",
                      site_base="about:blank", trap_mark=mark)
    driver.eval(MISBEHAVE)
    deadline = time.monotonic() + 10
    while not trap.seen_since(mark) and time.monotonic() < deadline:
        time.sleep(0.1)
    errors = console_errors(visit)
    assert any(error.endswith("harness check: page") for error in errors), errors
    assert any(error.endswith("harness check: worker") for error in errors), errors
    assert any("harness check: uncaught in worker" in error for error in errors), errors
    assert any("example.org" in request for request in requests_elsewhere(visit, site_url))


def test_every_engine_runs_with_motion_off(driver, site_url):
    # As in the Chromium tests: a page sees a reader who asked for less motion, so Material turns its
    # transitions off and no test reads a colour or a layout mid-animation.
    driver.open(site_url + "costs.html")
    assert driver.eval("matchMedia('(prefers-reduced-motion: reduce)').matches") is True
