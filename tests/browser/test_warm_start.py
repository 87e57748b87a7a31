"""The calculator starts warm (assets/javascripts/warm-start.js): a guide page fetches the snapshot
start's files at idle on a fast link, so the calculator page then starts without the network; never
when the browser asks to save data or the link is slow."""
from __future__ import annotations

import pytest

from .pyodide_files import SAVE_DATA, manifest
from .test_calculator_page import EXPECTED, READY, calculator_url, result_text, submit_fee
from .test_calculator_start import requested_files, start_of

WARM = "html[data-calculator-warm=ready]"


def pyodide_requests(page) -> list:
    """Every request the page (and its workers) sends for a file under assets/pyodide/, as it goes."""
    requests = []
    page.on("request", lambda request: requests.append(request) if "/assets/pyodide/" in request.url else None)
    return requests


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_guide_page_fetches_the_snapshot_start_at_idle_and_the_calculator_starts_from_the_cache(page, built_site, site_url, lang):
    described = manifest(built_site)
    asked = pyodide_requests(page)
    page.goto(f"{site_url}{'es/' if lang == 'es' else ''}costs.html")
    page.wait_for_selector(WARM, state="attached", timeout=30000)
    fetched = sorted(request.url.rsplit("/", 1)[-1] for request in asked)
    assert fetched == sorted(["manifest.js", *(described["files"][name]["url"] for name in described["starts"]["snapshot"])])

    asked.clear()
    page.goto(calculator_url(site_url, lang))
    page.wait_for_selector(READY, state="attached", timeout=40000)
    assert start_of(page) == "snapshot"
    # Every big file came from the cache: what travelled for them is a few bytes at most.
    big = [request for request in asked if "manifest" not in request.url]
    assert big and sum(request.sizes()["responseBodySize"] for request in big) < 1000
    submit_fee(page, "2024-07-01", "45")
    assert EXPECTED[lang]["fee"] in result_text(page, "fee")


def test_the_manifest_names_the_files_each_start_downloads(page, built_site, site_url):
    # warm-start.js fetches `starts.snapshot`; it must be what the calculator page's snapshot start fetches.
    described = manifest(built_site)
    page.goto(calculator_url(site_url, "en"))
    page.wait_for_selector(READY, state="attached", timeout=40000)
    assert start_of(page) == "snapshot"
    fetched = {name for name in requested_files(page) if name in {entry["url"] for entry in described["files"].values()}}
    assert fetched == {described["files"][name]["url"] for name in described["starts"]["snapshot"]}


# Resolves once warm-start.js would have begun: READING_MS (3 s) after the load event, at the browser's
# next idle moment. Its timer and idle callback were queued before these (at load), so they have run
# first; a warm start would by then have added its manifest's script to the page.
PAST_THE_WARM_START = """() => new Promise((resolve) => {
  const sinceLoad = performance.now() - performance.getEntriesByType("navigation")[0].loadEventEnd;
  setTimeout(() => requestIdleCallback(resolve, { timeout: 5000 }), Math.max(0, 3000 - sinceLoad) + 1);
})"""
MANIFEST_SCRIPT = "script[src$='/pyodide/manifest.js']"
# Run first in a page: the address of every fetch() the page calls, in the page's own record.
RECORD_FETCHES = """(() => {
  const pageFetch = window.fetch;
  window.__fetched = [];
  window.fetch = (input, init) => {
    window.__fetched.push(String(input instanceof Request ? input.url : input));
    return pageFetch.call(window, input, init);
  };
})();"""


def test_no_warm_start_when_the_browser_asks_to_save_data(page, site_url):
    page.add_init_script(SAVE_DATA)
    asked = pyodide_requests(page)
    page.goto(f"{site_url}es/get-your-records.html", wait_until="networkidle")
    # Nothing happens, so wait for the moment it would have, in the page's own time (not the test's).
    page.evaluate(PAST_THE_WARM_START)
    assert page.locator(MANIFEST_SCRIPT).count() == 0
    assert asked == [] and page.get_attribute("html", "data-calculator-warm") is None


def test_no_warm_start_on_a_slow_link_beyond_one_dropped_probe(page, built_site, site_url):
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", {"offline": False, "latency": 150,
                                                      "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8})
    files = manifest(built_site)["files"]
    asked = pyodide_requests(page)
    page.add_init_script(RECORD_FETCHES)
    # The manifest, then one probe (the largest file under 500 kB on the wire), given up: nothing else.
    probe = max((entry for entry in files.values() if entry["wire"] <= 500000), key=lambda entry: entry["wire"])
    with page.expect_request(lambda request: request.url.endswith(probe["url"]), timeout=60000):
        page.goto(f"{site_url}costs.html", timeout=60000)
    # A link this slow cannot bring the probe in time: warm-start.js aborts it and fetches nothing after.
    # Wait for that state (the probe's request failed), then for the page's next task: a fetch that
    # followed the probe would have been called by then, and the page's own record would hold it.
    def is_probe(request) -> bool:
        return request.url.endswith(probe["url"])

    if next(request for request in asked if is_probe(request)).failure is None:
        page.wait_for_event("requestfailed", is_probe, timeout=60000)
    page.evaluate("() => new Promise((resolve) => setTimeout(resolve))")
    fetched = [url.rsplit("/", 1)[-1] for url in page.evaluate("window.__fetched") if "/assets/pyodide/" in url]
    assert fetched == [probe["url"]]
    names = [request.url.rsplit("/", 1)[-1] for request in asked]
    assert names == ["manifest.js", probe["url"]]
    assert page.get_attribute("html", "data-calculator-warm") is None


def test_the_calculator_and_letters_pages_have_no_warm_start_of_their_own(built_site):
    for name in ("calculator.html", "letters.html", "es/calculator.html", "es/letters.html"):
        assert "warm-start.js" not in (built_site / name).read_text(encoding="utf-8"), name
    for name in ("index.html", "costs.html", "es/sources.html", "404.html"):
        assert "warm-start.js" in (built_site / name).read_text(encoding="utf-8"), name
