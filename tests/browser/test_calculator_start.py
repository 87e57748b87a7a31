"""How the calculator page starts, in Chromium: from the memory snapshot; normally when the snapshot cannot
be loaded or the reader asks to save data; with progress on a slow link until it is ready; and, when the
download stalls, with a message, a "try again" button that works, and a link to the tables."""
import json
import re
from urllib.parse import urlparse

import pytest

from ..site.pages import search_result_count
from ..waits import WATCH_SUBMITS, submissions
from .pyodide_files import SAVE_DATA, manifest
from .test_calculator_page import EXPECTED, READY, calculator_url, result_text, submit_fee

PROGRESS = {"en": re.compile(r"^Downloaded [\d.]+ MB of [\d.]+ MB \(\d+%\)\.$"),
            "es": re.compile(r"^Descargado: [\d.]+ MB de [\d.]+ MB \(\d+ %\)\.$")}
SO_FAR = {"en": re.compile(r"^Downloaded [\d.]+ MB so far\.$"), "es": re.compile(r"^Descargado hasta ahora: [\d.]+ MB\.$")}
STALLED = {"en": "The download stopped", "es": "La descarga se detuvo"}


def progress_texts(line_id: str = "calc-progress-text") -> str:
    """A script to run first in a page: keeps every text the progress line `line_id` shows (the letters
    page's is "letter-progress-text"), in self.progressTexts."""
    return """self.progressTexts = [];
new MutationObserver(() => {
  const text = document.getElementById(%s)?.textContent;
  if (text && text !== self.progressTexts.at(-1)) self.progressTexts.push(text);
}).observe(document, { subtree: true, childList: true, characterData: true });""" % json.dumps(line_id)


def start_of(page) -> str:
    return page.get_attribute("#calc-app", "data-start")


def file_name(request) -> str:
    return request.url.rsplit("/", 1)[-1]


def wait_for_requests(page, event: str, done, timeout: float = 30000) -> None:
    """Wait, event by event, until `done()` holds (it reads what listeners registered earlier recorded).
    The sync API hands events over only inside its own calls, so none can slip by between the check and
    the wait for the next."""
    while not done():
        page.wait_for_event(event, timeout=timeout)


def start_moments(page) -> list[str]:
    """The moments of the start loader.js marked on the page's timeline (the worker's included), in
    the order they came: what `make bench` breaks a start's time down by."""
    return page.evaluate("""performance.getEntriesByType("mark").filter((mark) => mark.name.startsWith("calculator-"))
                              .sort((one, other) => one.startTime - other.startTime).map((mark) => mark.name.slice(11))""")


def in_order(seen: list[str], expected: list[str]) -> bool:
    """Whether `expected` all appear in `seen`, in that order (others may come between)."""
    positions = [seen.index(name) if name in seen else -1 for name in expected]
    return -1 not in positions and positions == sorted(positions)


def requested_files(page) -> list[str]:
    """The names of the files the page and its workers fetched (by their resource timing entries)."""
    script = "performance.getEntriesByType('resource').map((entry) => entry.name)"
    urls = page.evaluate(script) + [url for worker in page.workers for url in worker.evaluate(script)]
    return [url.rsplit("/", 1)[-1] for url in urls]


# The loader picks its start by a link test on the first bytes (the manifest's "probe": so many bytes
# within so many ms). On a loaded machine even a loopback link can miss 400 ms, so a test that needs one
# start pins the test's outcome by serving the build's manifest with another probe: a window no link can
# miss (a fast link: the snapshot start), or more bytes than any start downloads (the normal start).
FAST_LINK = {"bytes": 500000, "ms": 600000}
SLOW_LINK = {"bytes": 10**12, "ms": 400}


def pin_link_test(page, site, probe: dict) -> None:
    """Make `page` get the build's manifest with `probe` as its link test."""
    described = {**manifest(site), "probe": probe}
    page.route("**/assets/pyodide/manifest.js", lambda route: route.fulfill(
        body=f"self.calculatorManifest = {json.dumps(described)};\n", content_type="text/javascript"))


@pytest.mark.parametrize("probe, expected", [(FAST_LINK, "snapshot"), (SLOW_LINK, "normal")])
def test_the_link_test_on_the_first_bytes_picks_the_start(page, built_site, site_url, probe, expected):
    pin_link_test(page, built_site, probe)
    page.goto(calculator_url(site_url, "en"))
    page.wait_for_selector(READY, state="attached", timeout=40000)
    assert start_of(page) == expected
    files = manifest(built_site)["files"]
    fetched = requested_files(page)
    assert (files["snapshot"]["url"] in fetched) == (expected == "snapshot")
    assert (files["stdlib.zip"]["url"] in fetched) == (expected == "normal")


def test_the_build_link_test_asks_for_about_10_mbps(built_site):
    probe = manifest(built_site)["probe"]
    assert probe["bytes"] * 8 / (probe["ms"] / 1000) == pytest.approx(10e6)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_page_starts_from_the_snapshot(page, built_site, site_url, lang):
    pin_link_test(page, built_site, FAST_LINK)
    page.goto(calculator_url(site_url, lang))
    page.wait_for_selector(READY, state="attached", timeout=40000)
    assert start_of(page) == "snapshot"
    submit_fee(page, "2024-07-01", "45")
    assert EXPECTED[lang]["fee"] in result_text(page, "fee")
    moments = start_moments(page)
    assert in_order(moments, ["launch", "worker-begin", "downloaded-pyodide.asm.wasm", "instantiated",
                              "python-started", "imported", "ready", "first-answer"]), moments
    assert in_order(moments, ["wasm-compiled", "instantiated"]) and "warmed-up" not in moments, moments


def test_a_snapshot_that_cannot_be_loaded_falls_back_to_a_normal_start(page, built_site, site_url):
    files = manifest(built_site)["files"]
    page.route(f"**/assets/pyodide/{files['snapshot']['url']}", lambda route: route.abort())
    failed = []
    page.on("requestfailed", lambda request: failed.append(file_name(request)))
    # Pyodide's code arrives only after the snapshot has failed: the start must still fall back.
    held, code_url = [], f"**/assets/pyodide/{files['pyodide.asm.js']['url']}"
    page.route(code_url, lambda route: held.append(route))
    page.goto(calculator_url(site_url, "es"))
    page.wait_for_function("() => document.getElementById('calc-progress-bar').value > 0", timeout=30000)
    wait_for_requests(page, "requestfailed", lambda: files["snapshot"]["url"] in failed)
    page.unroute(code_url)
    for route in held:
        route.continue_()
    page.wait_for_selector(READY, state="attached", timeout=40000)
    assert start_of(page) == "normal"
    submit_fee(page, "2024-07-01", "45")
    assert EXPECTED["es"]["fee"] in result_text(page, "fee")


def test_a_reader_who_asks_to_save_data_gets_the_smaller_normal_start(page, built_site, site_url):
    page.add_init_script(SAVE_DATA)
    page.goto(calculator_url(site_url, "en"))
    page.wait_for_selector(READY, state="attached", timeout=40000)
    assert start_of(page) == "normal"
    files = manifest(built_site)["files"]
    fetched = requested_files(page)
    assert files["stdlib.zip"]["url"] in fetched and files["snapshot"]["url"] not in fetched
    submit_fee(page, "2024-07-01", "45")
    assert EXPECTED["en"]["fee"] in result_text(page, "fee")
    moments = start_moments(page)
    assert in_order(moments, ["launch", "worker-begin", "downloaded-stdlib.zip", "python-started",
                              "imported", "warmed-up", "ready", "first-answer"]), moments
    assert in_order(moments, ["wasm-compiled", "instantiated", "python-started"]), moments


def test_the_xz_files_are_unpacked_in_a_worker_of_their_own_which_ends_at_ready(page, site_url):
    # The Python worker's thread stays free for Pyodide's JavaScript while a second worker unpacks the
    # wasm, the standard library and the calculator; once Python has started it is not needed.
    page.add_init_script(SAVE_DATA)
    with page.expect_worker(lambda worker: worker.url.endswith("/assets/calculator/worker.js?unpack")) as made:
        page.goto(calculator_url(site_url, "en"))
    unpacker = made.value
    page.wait_for_selector(READY, state="attached", timeout=40000)
    if unpacker in page.workers:
        unpacker.wait_for_event("close", timeout=10000)
    assert page.evaluate("performance.getEntriesByName('calculator-unpack')[0].detail") > 0
    submit_fee(page, "2024-07-01", "45")
    assert EXPECTED["en"]["fee"] in result_text(page, "fee")


def damaged(script: str, prefix: int) -> str:
    """A data file's script with one base64 character in the middle of its packed bytes changed."""
    middle = prefix + (len(script) - prefix) // 2
    return script[:middle] + ("A" if script[middle] != "A" else "B") + script[middle + 1:]


@pytest.mark.parametrize("name, how", [("stdlib.zip", "damaged"), ("calculator.zip", "cut short")])
def test_a_damaged_or_cut_short_xz_file_fails_the_start_with_words_and_try_again_works(page, built_site, site_url, name, how):
    # The normal start's files are packed with xz and unpacked by the worker's own decoder: a file that
    # is damaged on the way (or ends early) fails the start at once, with the page's words, never a hang
    # or a Python that starts from wrong bytes.
    page.add_init_script(SAVE_DATA)
    entry = manifest(built_site)["files"][name]
    assert entry["packing"] == "xz"
    script = (built_site / "assets" / "pyodide" / entry["url"]).read_text(encoding="ascii")
    broken = damaged(script, entry["prefix"]) if how == "damaged" else script[:len(script) // 2] + '";\n'
    file_url = f"**/assets/pyodide/{entry['url']}"
    page.route(file_url, lambda route: route.fulfill(body=broken, content_type="text/javascript"))
    page.goto(calculator_url(site_url, "en"))
    page.wait_for_selector("#calc-app[data-state=failed]", state="attached", timeout=40000)
    assert "could not start on this computer" in page.inner_text("#calc-status")
    page.unroute(file_url)
    page.click("#calc-retry")
    page.wait_for_selector(READY, state="attached", timeout=40000)
    submit_fee(page, "2024-07-01", "45")
    assert EXPECTED["en"]["fee"] in result_text(page, "fee")


# A slow link, once: 4 Mbps, well under the ~10 Mbps at which the loader picks the snapshot start, so
# the page takes the normal start and shows its progress for several seconds (`make bench` times the
# 1.6 Mbps phone link). The Spanish progress line is read on the letters page's slow link
# (test_letters_flow.py).
@pytest.mark.parametrize("lang, mbps", [("en", 4)])
def test_on_a_slow_link_the_page_shows_progress_and_gets_ready(page, built_site, site_url, lang, mbps):
    page.add_init_script(progress_texts())
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", {"offline": False, "latency": 150,
                                                      "downloadThroughput": mbps * 1e6 / 8,
                                                      "uploadThroughput": 750e3 / 8})
    page.goto(calculator_url(site_url, lang), wait_until="commit")
    page.wait_for_selector("#calc-progress:not([hidden])", timeout=10000)
    page.wait_for_function("() => document.getElementById('calc-progress-bar').value >= 10", timeout=60000)
    seen_text = page.inner_text("#calc-progress-text")
    seen_percent = page.evaluate("document.getElementById('calc-progress-bar').value")
    assert PROGRESS[lang].match(seen_text), seen_text
    assert page.get_attribute("#calc-status", "role") == "status"  # read out politely
    assert page.inner_text("#calc-status").startswith(
        {"en": "Getting the calculator ready.", "es": "Preparando la calculadora."}[lang])
    # At 25 % the status line (what a screen reader hears) says where it is, with the bar's own total.
    page.wait_for_function("() => document.getElementById('calc-progress-bar').value >= 30", timeout=120000)
    total = re.compile(r"([\d.]+) MB \(")
    assert total.search(page.inner_text("#calc-status")).group(1) == \
        total.search(page.inner_text("#calc-progress-text")).group(1)
    # It keeps going past the old fixed 30 s limit, for as long as bytes arrive.
    page.wait_for_selector(READY, state="attached", timeout=240000)
    assert 10 <= seen_percent < 100
    assert start_of(page) == "normal"  # the first bytes showed a slow link: the smaller download
    assert page.is_hidden("#calc-progress")
    submit_fee(page, "2024-07-01", "45")
    assert EXPECTED[lang]["fee"] in result_text(page, "fee")
    # Every line the bar showed: the bytes so far while the first bytes measured the link, then one
    # total only, the size of the start it chose (never the bigger start's, never two totals).
    seen = page.evaluate("self.progressTexts")
    totals = {match.group(1) for text in seen if (match := total.search(text))}
    normal = sum(manifest(built_site)["files"][name]["chars"] for name in manifest(built_site)["starts"]["normal"])
    assert totals == {f"{normal / 1e6:.1f}"}, seen
    assert all(PROGRESS[lang].match(text) or SO_FAR[lang].match(text) for text in seen), seen


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_stalled_download_says_so_and_try_again_works(page, built_site, site_url, lang):
    files = manifest(built_site)["files"]
    wasm_url = files["pyodide.asm.wasm"]["url"]
    held = []  # the link drops: the request is never answered
    page.route(f"**/assets/pyodide/{wasm_url}", lambda route: held.append(route))
    finished = set()
    page.on("requestfinished", lambda request: finished.add(file_name(request)))
    page.clock.install()  # the page's stall limit is reached by moving its clock, not by waiting
    page.goto(calculator_url(site_url, lang))
    page.wait_for_function("() => document.getElementById('calc-progress-bar').value > 0", timeout=30000)
    # Every other file of the start the worker chose (by the link's speed) is here; only the held one is
    # missing (over http the calculator's zip is asked for only after every other file has arrived).
    common = {files[name]["url"] for name in ("pyodide.js", "pyodide.asm.js")}
    starts = [{files[name]["url"] for name in names} for names in (("snapshot", "leftovers.zip"), ("stdlib.zip",))]
    wait_for_requests(page, "requestfinished",
                      lambda: common <= finished and any(start <= finished for start in starts))
    assert page.get_attribute("#calc-app", "data-state") == "loading"
    page.clock.fast_forward(31_000)
    page.wait_for_selector("#calc-app[data-state=failed]", state="attached", timeout=10000)
    assert STALLED[lang] in page.inner_text("#calc-status")
    assert page.is_visible("#calc-failed-actions a[href='#tables']")
    page.unroute(f"**/assets/pyodide/{wasm_url}")
    page.click("#calc-retry")
    assert page.evaluate("document.activeElement.id") == "calc-status"  # the news, where the button was
    page.wait_for_selector(READY, state="attached", timeout=40000)
    assert page.is_hidden("#calc-failed-actions")
    submit_fee(page, "2024-07-01", "45")
    assert EXPECTED[lang]["fee"] in result_text(page, "fee")


def test_a_form_sent_while_the_page_still_loads_is_answered_and_never_submitted(page, site_url):
    # On a slow link the forms show before Material's scripts arrive (they share the link with the
    # calculator's download); hold those back, fill in the fee form and send it meanwhile.
    held = []
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: held.append(route))
    page.add_init_script(WATCH_SUBMITS)
    page.goto(calculator_url(site_url, "en"), wait_until="commit")
    page.wait_for_selector("#fee-pages", state="visible", timeout=20000)
    page.wait_for_selector("#calc-progress:not([hidden]), #calc-app[data-state=ready]", state="attached")
    assert page.evaluate("document.readyState") == "loading"
    page.fill("#fee-date", "2024-07-01")
    page.fill("#fee-pages", "45")
    page.click("form[data-kind=fee] button[type=submit]")
    # The form did not submit itself: the page stopped the submission while the click was handled (so
    # no wait for a navigation), and nothing typed is in the address (whose port may well contain "45").
    assert submissions(page) == [True]
    address = urlparse(page.url)
    assert not address.query and "45" not in address.path + address.fragment
    for route in held:
        route.continue_()
    assert EXPECTED["en"]["fee"] in result_text(page, "fee")
    assert page.input_value("#fee-date") == "2024-07-01"  # today's date did not replace the typed one


# Runs first in the page: notes each time a worker is handed Material's search index (its message of
# type 0, SearchMessageType.SETUP) and the calculator's state at that moment (<html data-calculator>).
SEARCH_SETUPS = """self.searchSetups = [];
self.Worker = class extends self.Worker {
  postMessage(message, ...rest) {
    if (message && message.type === 0) self.searchSetups.push(document.documentElement.dataset.calculator);
    return super.postMessage(message, ...rest);
  }
};"""


def hold_the_wasm_until_the_index_is_here(page, built_site, url: str) -> list:
    """Open `url` with the wasm held back (the start stays "loading"), and return once the search index
    has arrived; the held request is in the returned list."""
    wasm_url = manifest(built_site)["files"]["pyodide.asm.wasm"]["url"]
    held = []
    page.route(f"**/assets/pyodide/{wasm_url}", lambda route: held.append(route))
    finished = set()
    page.on("requestfinished", lambda request: finished.add(file_name(request)))
    page.add_init_script(SEARCH_SETUPS)
    page.goto(url)
    wait_for_requests(page, "requestfinished", lambda: any(name.startswith("search_index") for name in finished))
    page.evaluate("() => new Promise((resolve) => setTimeout(resolve))")  # Material's answer to it has run
    assert page.get_attribute("html", "data-calculator") == "loading"
    return held


def test_the_search_index_waits_until_python_has_started(page, built_site, site_url):
    # Building the index takes Material's search worker a core for ~0.3 s, and a 2-core computer's other
    # core is Python's start's: `make bench` measured the page ready ~80 ms sooner without it.
    held = hold_the_wasm_until_the_index_is_here(page, built_site, calculator_url(site_url, "en"))
    assert page.evaluate("self.searchSetups") == []
    page.unroute("**/assets/pyodide/*")
    for route in held:
        route.continue_()
    page.wait_for_selector(READY, state="attached", timeout=40000)
    page.wait_for_function("() => self.searchSetups.length > 0", timeout=10000)
    assert page.evaluate("self.searchSetups") == ["ready"]
    assert search_result_count(page, "clerical") >= 1


def test_search_works_at_once_when_opened_while_python_starts(page, built_site, site_url):
    hold_the_wasm_until_the_index_is_here(page, built_site, calculator_url(site_url, "es"))
    assert search_result_count(page, "administrativo") >= 1
    assert page.evaluate("self.searchSetups") == ["loading"]
