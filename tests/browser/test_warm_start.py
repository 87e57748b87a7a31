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


def test_no_warm_start_when_the_browser_asks_to_save_data(page, site_url):
    page.add_init_script(SAVE_DATA)
    asked = pyodide_requests(page)
    page.goto(f"{site_url}es/get-your-records.html", wait_until="networkidle")
    page.wait_for_timeout(4500)  # past the 3 s of reading and the idle moment a warm start waits for
    assert asked == [] and page.get_attribute("html", "data-calculator-warm") is None


def test_no_warm_start_on_a_slow_link_beyond_one_dropped_probe(page, built_site, site_url):
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", {"offline": False, "latency": 150,
                                                      "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8})
    files = manifest(built_site)["files"]
    asked = pyodide_requests(page)
    # The manifest, then one probe (the largest file under 500 kB on the wire), given up: nothing else.
    probe = max((entry for entry in files.values() if entry["wire"] <= 500000), key=lambda entry: entry["wire"])
    with page.expect_request(lambda request: request.url.endswith(probe["url"]), timeout=60000):
        page.goto(f"{site_url}costs.html", timeout=60000)
    page.wait_for_timeout(5000)  # a link this slow takes over 1 s for the probe: it is dropped by then
    names = [request.url.rsplit("/", 1)[-1] for request in asked]
    assert names == ["manifest.js", probe["url"]]
    assert page.get_attribute("html", "data-calculator-warm") is None


def test_the_calculator_and_letters_pages_have_no_warm_start_of_their_own(built_site):
    for name in ("calculator.html", "letters.html", "es/calculator.html", "es/letters.html"):
        assert "warm-start.js" not in (built_site / name).read_text(encoding="utf-8"), name
    for name in ("index.html", "costs.html", "es/sources.html", "404.html"):
        assert "warm-start.js" in (built_site / name).read_text(encoding="utf-8"), name
