"""Browser figures for `make bench` (printed, not asserted), in headless Chromium on 127.0.0.1.

Every page that runs Python gets the same figures (PAGES: the calculator page, and the letters page in
English and Spanish opened as from a guide link, ?letter=access). In one run, interleaved so every
variant sees the same machine load, COLD_LOADS cold loads each (a fresh browser context: no HTTP cache,
no compiled code), median with min–max:
  bare    a page that only calls loadPyodide() from the npm package's own files, as Pyodide documents it
  http    each page over http (Pyodide in a worker; the start it picks, the snapshot on a fast link)
  folder  each page from the unzipped offline copy (file://)
  normal  each page over http with Save-Data on, so it takes the normal start (NORMAL_LOADS loads)
Then, for each page: a returning visitor (a persistent profile, so the HTTP cache and Chromium's
compiled-code cache count), ready time and bytes on the wire on throttled links (1.6, 9 and 20 Mbps; the
bare page at 20 Mbps too), first byte to visible progress; for the calculator page submit → result on
screen and the warm start from a guide page; and bytes, raw and gzipped, for a guide page, each page,
each start's Pyodide files, the offline zip and the site. Then the calculator and letters pages' ready
times in Firefox ESR and WebKitGTK, from a folder and over http (tests/bench_engines.py).

Where a cold start's time goes: loader.js puts marks on the page's timeline (the worker's copied in; see
its header): the median moment of each, in milliseconds since navigation, and the step from the one
before, for each page over http, from a folder, with the normal start, and at 1.6 Mbps.

BENCH_COLD_LOADS and BENCH_THROTTLED (Mbps, comma-separated; empty for none) in the environment shorten
a run while working on the bench; `make bench` uses the defaults.

The server is `make serve`'s handler, which compresses text for a browser that accepts gzip (Chromium
does): the throttled figures are for the bytes that travel compressed, the "gzip" columns.
"""
from __future__ import annotations

import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.bench_engines import engine_figures, print_engine_figures  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, serve_folder  # noqa: E402

sys.path.insert(0, str(ROOT / "overrides"))
from offline_copy import FOLDER, write_offline_zip  # noqa: E402

COLD_LOADS = int(os.environ.get("BENCH_COLD_LOADS", "7"))
NORMAL_LOADS = min(3, COLD_LOADS)
# Mbps, down; one load each per page (a 1.6 Mbps load takes about half a minute)
THROTTLED = [float(mbps) for mbps in os.environ.get("BENCH_THROTTLED", "1.6,9,20").split(",") if mbps]
LATENCY_MS = 100
BARE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]
# The page's script is a file, not inline: make serve's policy refuses inline scripts it has no hash for.
BARE_PAGE = """<!doctype html><meta charset="utf-8"><title>bare</title>
<script type="module" src="bare.mjs"></script><body></body>"""
BARE_SCRIPT = """import { loadPyodide } from "./bare-pyodide/pyodide.mjs";
await loadPyodide();
performance.mark("calculator-ready");
document.body.dataset.state = "ready";
"""
BARE_READY = "body[data-state=ready]"


@dataclass(frozen=True)
class Page:
    """A page that runs Python: its address in the site (and the offline folder), its start's elements'
    id prefix (forms.py start_block) and the element holding data-state and data-start."""
    name: str
    path: str
    prefix: str
    app: str

    @property
    def ready(self) -> str:
        return f"#{self.app}[data-state=ready]"


CALCULATOR = Page("calculator", "calculator.html", "calc", "calc-app")
PAGES = [CALCULATOR,
         Page("letters", "letters.html?letter=access", "letter", "letter-app"),
         Page("letters (es)", "es/letters.html?letter=access", "letter", "letter-app")]
OURS_READY = CALCULATOR.ready
# Runs first in the page: when a start's progress text first shows (ms since the navigation started):
# the line and every element around it shown (the letters page shows its builder only once letters.js runs).
PROGRESS_WATCH = """new MutationObserver((_, observer) => {
  for (const prefix of ["calc", "letter"]) {
    const text = document.getElementById(`${prefix}-progress-text`);
    if (text && text.textContent && text.checkVisibility()) {
      performance.mark("progress-visible");
      observer.disconnect();
    }
  }
}).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });"""
# Runs first in the page: the browser says the person asked to save data, so the loader takes the
# normal start (the one a slow link gets) without throttling.
SAVE_DATA = """Object.defineProperty(Navigator.prototype, "connection",
                          { get: () => ({ saveData: true, addEventListener() {} }) });"""
# The moments of a start (loader.js marks them), in the order they come; each is printed when seen.
MOMENTS = [("launch", "loader began"), ("files-loaded", "file scripts loaded (folder)"),
           ("worker-begin", "worker began"), ("downloaded-pyodide.asm.wasm", "wasm downloaded"),
           ("wasm-compiled", "wasm compiled"), ("downloaded", "every file downloaded"),
           ("code-run", "Pyodide's JavaScript run"), ("instantiated", "wasm instantiated"),
           ("python-started", "Python started (snapshot restored, or started and imported)"),
           ("imported", "calculator imported"), ("warmed-up", "law data read (normal start)"),
           ("ready", "ready"), ("first-answer", "first answer")]


def _serve(folder: Path):
    """`make serve`'s handler on a free port, quiet (the tests' server: tests/conftest.py)."""
    server = serve_folder(folder)
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _throttle(page, mbps: float | None):
    if mbps is None:
        return
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": LATENCY_MS, "downloadThroughput": mbps * 1e6 / 8,
        "uploadThroughput": 750e3 / 8})


def _load(context, url: str, ready: str, mbps: float | None = None, timeout_ms: int = 60000,
          save_data: bool = False, app: str = CALCULATOR.app) -> dict:
    """Open url in a new page of context; milliseconds from navigation start to ready, the start's
    moments (marks), and what it fetched."""
    page = context.new_page()
    _throttle(page, mbps)
    requested, finished = [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on("requestfinished", lambda request: finished.append(request))
    page.add_init_script(PROGRESS_WATCH)
    if save_data:
        page.add_init_script(SAVE_DATA)
    page.goto(url, wait_until="commit")
    page.wait_for_selector(ready, state="attached", timeout=timeout_ms)
    figures = page.evaluate("""(app) => {
      const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
      const navigation = performance.getEntriesByType("navigation")[0];
      const marks = {};
      for (const entry of performance.getEntriesByType("mark")) {
        if (entry.name.startsWith("calculator-") && !(entry.name.slice(11) in marks)) marks[entry.name.slice(11)] = entry.startTime;
      }
      return { ready: mark("calculator-ready"), progress: mark("progress-visible"),
               firstByte: navigation ? navigation.responseStart : null, marks,
               decodeMs: performance.getEntriesByName("calculator-decode")[0]?.detail ?? null,
               unpackMs: performance.getEntriesByName("calculator-unpack")[0]?.detail ?? null,
               start: document.getElementById(app)?.dataset.start ?? null };
    }""", app)
    page.wait_for_load_state("networkidle")
    # The bytes that travelled for this start: each response's body as sent (compressed when it was).
    wire = sum(request.sizes()["responseBodySize"] for request in finished)
    return {**figures, "requested": requested, "page": page, "wire": wire}


def _guide_then_calculator(browser, base: str, mbps: float | None, warm: bool) -> dict:
    """A reader on a guide page (costs) who then opens the calculator, in one fresh profile. With `warm`,
    they stay on the guide page until its warm start has fetched the calculator's files (or 20 s pass);
    otherwise they go on as soon as it has loaded. Milliseconds to the warm start's end (None if it
    fetched nothing), the calculator's navigation → ready, and the bytes the calculator page fetched."""
    context = browser.new_context()
    guide = context.new_page()
    _throttle(guide, mbps)
    fetched = []
    guide.on("request", lambda request: fetched.append(request.url) if "/pyodide/" in request.url else None)
    guide.goto(base + "costs.html", wait_until="load")
    warmed_ms = None
    if warm:
        began = time.perf_counter()
        try:
            guide.wait_for_selector("html[data-calculator-warm=ready]", state="attached", timeout=20000)
            warmed_ms = (time.perf_counter() - began) * 1000
        except PlaywrightTimeout:
            pass
    guide.close()  # the reader goes on to the calculator: the guide page fetches nothing more
    loaded = _load(context, base + "calculator.html", OURS_READY, mbps, timeout_ms=300000)
    context.close()
    return {"warmed": warmed_ms, "ready": loaded["ready"], "wire": loaded["wire"], "start": loaded["start"],
            "guide_fetched": len(fetched)}


def _guide_waits(browser, base: str, mbps: float) -> dict:
    """A reader who stays 15 s on a guide page over a link of `mbps`: the calculator files its warm start
    asked for (the probe only, dropped, on a slow link) and whether it finished."""
    context = browser.new_context()
    guide = context.new_page()
    _throttle(guide, mbps)
    fetched = []
    guide.on("request", lambda request: fetched.append(request.url) if "/pyodide/" in request.url else None)
    guide.goto(base + "costs.html", wait_until="load", timeout=120000)
    guide.wait_for_timeout(15000)
    warmed = guide.evaluate("() => document.documentElement.dataset.calculatorWarm === 'ready'")
    context.close()
    return {"fetched": [url.rsplit("/", 1)[-1] for url in fetched], "warmed": warmed}


def _submit_to_result(page) -> float:
    page.fill("#fee-date", "2024-07-01")
    page.fill("#fee-pages", "45")
    page.click("form[data-kind=fee] button[type=submit]")
    page.locator("form[data-kind=fee] + .calc-result").wait_for()
    return page.evaluate("""performance.getEntriesByName('calculator-result').at(-1).startTime
                            - performance.getEntriesByName('calculator-submit').at(-1).startTime""")


def _bytes(site: Path, base: str, urls: list[str]) -> tuple[int, int]:
    """Raw and gzipped size of the site's files behind these URLs (each counted once)."""
    raw = zipped = 0
    for path in sorted({unquote(urlparse(url).path) for url in urls if url.startswith(base)}):
        file = site / path.lstrip("/")
        if file.is_dir():
            file = file / "index.html"
        if file.is_file():
            data = file.read_bytes()
            raw += len(data)
            zipped += len(gzip.compress(data, compresslevel=6))
    return raw, zipped


def _folder_bytes(folder: Path) -> tuple[int, int]:
    files = [path for path in folder.rglob("*") if path.is_file()]
    return (sum(path.stat().st_size for path in files),
            sum(len(gzip.compress(path.read_bytes(), compresslevel=6)) for path in files))


def _summary(values: list[float]) -> str:
    return f"{statistics.median(values):6.0f} ms (min {min(values):.0f}, max {max(values):.0f})"


def _breakdown(loads: list[dict]) -> list[str]:
    """Lines: each moment of a start seen in these loads, in the order of its median time since
    navigation, that time and the step from the moment before (the median of that step in each load,
    so a step can be negative when two moments overlap), and the base64 decoding time."""
    medians = {key: statistics.median(load["marks"][key] for load in loads if key in load["marks"])
               for key, _ in MOMENTS if any(key in load["marks"] for load in loads)}
    words = dict(MOMENTS)
    lines, before = [], None
    for key in sorted(medians, key=medians.get):
        steps = [load["marks"][key] - load["marks"][before] for load in loads
                 if key in load["marks"] and before in load["marks"]] if before else []
        step = f"(+{statistics.median(steps):5.0f})" if steps else " " * 8
        lines.append(f"{medians[key]:7.0f} ms {step}  {words[key]}")
        before = key
    decode = [load["decodeMs"] for load in loads if load.get("decodeMs")]
    if decode:
        lines.append(f"          base64 decoding in the worker, all files: {statistics.median(decode):.0f} ms "
                     "(overlapped with the download)")
    unpack = [load["unpackMs"] for load in loads if load.get("unpackMs")]
    if unpack:
        lines.append(f"          xz unpacking in the worker, all files: {statistics.median(unpack):.0f} ms "
                     "(overlapped with the download; gunzip runs in the browser's stream)")
    return lines


def _start_bytes(site: Path) -> dict[str, float]:
    """MB on the wire (gzip, as make serve sends them) of each start's Pyodide files (manifest.js)."""
    text = (site / "assets" / "pyodide" / "manifest.js").read_text(encoding="utf-8")
    manifest = json.loads(text[text.index("{"):text.rindex("}") + 1])
    return {start: sum(manifest["files"][name]["wire"] for name in names) / 1e6
            for start, names in manifest["starts"].items()}


def _folder_url(unzipped: Path, page: Page) -> str:
    path, _, query = page.path.partition("?")
    return (unzipped / FOLDER / path).as_uri() + (f"?{query}" if query else "")


def _cold_loads(browser, base: str, folder_pages: dict[str, str]) -> tuple[dict, list[float]]:
    """COLD_LOADS interleaved cold loads of the bare page and of each page over http and from a folder
    (NORMAL_LOADS of them also with Save-Data: the normal start). Returns {(page name or "bare", variant):
    [load figures]} and the calculator page's submit → result times."""
    runs: dict[tuple[str, str], list[dict]] = {}
    submits = []
    for round_number in range(COLD_LOADS):
        variants = [("bare", "http", base + "bare.html", BARE_READY, False, "")]
        for page in PAGES:
            variants += [(page.name, "http", base + page.path, page.ready, False, page.app),
                         (page.name, "folder", folder_pages[page.name], page.ready, False, page.app)]
            if round_number < NORMAL_LOADS:
                variants.append((page.name, "normal", base + page.path, page.ready, True, page.app))
        for name, variant, url, ready, save_data, app in variants:
            context = browser.new_context()
            loaded = _load(context, url, ready, save_data=save_data, app=app)
            if name == CALCULATOR.name and variant == "http":
                submits += [_submit_to_result(loaded["page"]) for _ in range(3)]
                loaded["marks"]["first-answer"] = loaded["page"].evaluate(
                    "performance.getEntriesByName('calculator-first-answer')[0]?.startTime ?? null")
                if loaded["marks"]["first-answer"] is None:
                    del loaded["marks"]["first-answer"]
            loaded.pop("page")
            runs.setdefault((name, variant), []).append(loaded)
            context.close()
    return runs, submits


def _returning(playwright, url: str, ready: str, app: str) -> list[float]:
    """A returning visitor: one persistent profile, a first visit, then three later visits' ready times."""
    readies = []
    with tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        _load(context, url, ready, app=app)["page"].close()
        for _ in range(3):
            visit = _load(context, url, ready, app=app)
            readies.append(visit["ready"])
            visit["page"].close()
        context.close()
    return readies


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)],
                       cwd=ROOT, check=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
        site_bytes = _folder_bytes(site)
        start_bytes = _start_bytes(site)
        offline_zip = write_offline_zip(site, Path(folder) / "offline.zip")
        with zipfile.ZipFile(offline_zip) as archive:
            archive.extractall(Path(folder) / "unzipped")
        folder_pages = {page.name: _folder_url(Path(folder) / "unzipped", page) for page in PAGES}
        # The bare page's files are added after the site was measured: they are not part of it.
        (site / "bare-pyodide").mkdir()
        for name in BARE_FILES:
            shutil.copyfile(ROOT / "node_modules" / "pyodide" / name, site / "bare-pyodide" / name)
        (site / "bare.html").write_text(BARE_PAGE, encoding="utf-8")
        (site / "bare.mjs").write_text(BARE_SCRIPT, encoding="utf-8")
        server, base = _serve(site)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            runs, submits = _cold_loads(browser, base, folder_pages)
            throttled = {}
            for page in PAGES:
                for mbps in THROTTLED:
                    context = browser.new_context()
                    loaded = _load(context, base + page.path, page.ready, mbps, timeout_ms=300000, app=page.app)
                    loaded.pop("page")
                    throttled[page.name, mbps] = loaded
                    context.close()
            bare_20 = None
            if 20 in THROTTLED:
                context = browser.new_context()
                bare_20 = _load(context, base + "bare.html", BARE_READY, 20, timeout_ms=300000)["ready"]
                context.close()
            # The warm start: guide page → calculator ready, cold and prefetched.
            warm_runs = {(mbps, warm): [_guide_then_calculator(browser, base, mbps, warm) for _ in range(repeat)]
                         for mbps, repeat in ((None, 3), (20, 1)) for warm in (False, True)}
            slow_guide = _guide_waits(browser, base, 1.6)
            context = browser.new_context()
            guide = _load(context, base + "costs.html", "footer")
            guide["page"].wait_for_load_state("networkidle")
            guide_requests = guide["requested"]
            context.close()
            browser.close()
            returning = {"bare": _returning(playwright, base + "bare.html", BARE_READY, "")}
            for page in PAGES:
                returning[page.name] = _returning(playwright, base + page.path, page.ready, page.app)
        engine_pages = [page for page in PAGES if page.name in ("calculator", "letters")]
        engines = engine_figures(engine_pages, {**{(page.name, "folder"): url for page in engine_pages
                                                   for url in [folder_pages[page.name]]},
                                                **{(page.name, "http"): base + page.path for page in engine_pages}})
        server.shutdown()
        page_bytes = {page.name: _bytes(site, base, runs[page.name, "http"][-1]["requested"]) for page in PAGES}
        guide_bytes = _bytes(site, base, guide_requests)
        guide_pyodide = [url for url in guide_requests if "pyodide" in url]
        zip_bytes = offline_zip.stat().st_size

    readies = {key: [load["ready"] for load in loads] for key, loads in runs.items()}
    bare = statistics.median(readies["bare", "http"])
    print(f"Browser (headless Chromium, 2 cores, http on 127.0.0.1; {COLD_LOADS} cold loads each, interleaved; "
          f"the normal start {NORMAL_LOADS})")
    print(f"  bare loadPyodide() page:               navigation → ready {_summary(readies['bare', 'http'])}")
    for page in PAGES:
        starts = sorted({load["start"] for load in runs[page.name, "http"]})
        print(f"  {page.name + ' page (http):':<38} navigation → ready {_summary(readies[page.name, 'http'])}"
              f"   started from: {', '.join(starts)}")
        print(f"  {page.name + ' page (folder):':<38} navigation → ready {_summary(readies[page.name, 'folder'])}")
        print(f"  {page.name + ' page (http, normal start):':<38} navigation → ready {_summary(readies[page.name, 'normal'])}")
        print(f"    ratio to bare over http: {statistics.median(readies[page.name, 'http']) / bare:.2f}; from a folder: "
              f"{statistics.median(readies[page.name, 'folder']) / bare:.2f}; normal start: "
              f"{statistics.median(readies[page.name, 'normal']) / bare:.2f} (target ≤ 0.40)")
        progress = [load["progress"] - load["firstByte"] for load in runs[page.name, "http"] if load["progress"] is not None]
        if progress:
            print(f"    first byte → visible progress (unthrottled): median {statistics.median(progress):.0f} ms, "
                  f"max {max(progress):.0f} ms (target < 1000 ms)")
    print(f"  returning visitor (persistent profile, median of 3): bare {statistics.median(returning['bare']):.0f} ms"
          + "".join(f", {page.name} {statistics.median(returning[page.name]):.0f} ms" for page in PAGES)
          + f" (ratio to bare: " + ", ".join(f"{statistics.median(returning[page.name]) / statistics.median(returning['bare']):.2f}"
                                             for page in PAGES) + "; target ≤ 0.40)")
    for (name, mbps), loaded in throttled.items():
        print(f"  {name:<13} throttled {mbps:>4} Mbps, {LATENCY_MS} ms latency: ready {loaded['ready']:7.0f} ms "
              f"(start: {loaded['start']}); first byte → progress shown {loaded['progress'] - loaded['firstByte']:.0f} ms; "
              f"{loaded['wire'] / 1e6:.2f} MB on the wire" + (" (target ≤ 23 s)" if mbps == 1.6 else ""))
    if bare_20:
        print(f"  at 20 Mbps: bare page {bare_20:.0f} ms, ratio to bare: "
              + ", ".join(f"{page.name} {throttled[page.name, 20]['ready'] / bare_20:.2f}" for page in PAGES)
              + " (target ≤ 0.80)")
    print(f"  calculator page, submit → result on screen: median {statistics.median(submits):.1f} ms, "
          f"max {max(submits):.1f} ms over {len(submits)} submits (target < 50 ms)")
    print("Where a cold start's time goes (median ms since navigation, (+step from the moment before))")
    for page in PAGES:
        for variant, words in (("http", "over http"), ("folder", "from a folder"), ("normal", "normal start over http")):
            print(f"  {page.name}, {words}:")
            for line in _breakdown(runs[page.name, variant]):
                print(f"    {line}")
        if (page.name, 1.6) in throttled:
            print(f"  {page.name}, at 1.6 Mbps (one load):")
            for line in _breakdown([throttled[page.name, 1.6]]):
                print(f"    {line}")
    print_engine_figures(engines)
    print("Warm start (guide page, then the calculator; one fresh profile each)")
    for (mbps, warm), found in warm_runs.items():
        link = "unthrottled" if mbps is None else f"{mbps} Mbps, {LATENCY_MS} ms"
        warm_readies = [run["ready"] for run in found]
        warmed = [run["warmed"] for run in found if run["warmed"] is not None]
        print(f"  {link:<20} {'prefetched' if warm else 'cold':<11} calculator navigation → ready "
              f"{_summary(warm_readies)}; calculator page fetched {statistics.median(run['wire'] for run in found) / 1e6:.2f} MB"
              + (f"; guide page prefetch took {statistics.median(warmed):.0f} ms ({len(warmed)}/{len(found)} finished)" if warm else ""))
    print(f"  1.6 Mbps, {LATENCY_MS} ms: the guide page asked for {', '.join(slow_guide['fetched']) or 'nothing'} "
          f"and {'finished' if slow_guide['warmed'] else 'stopped (slow link: no warm start)'}")
    print("Bytes (raw / gzip as a compressing server would send them)")
    print(f"  guide page (costs): {guide_bytes[0] / 1e6:5.2f} / {guide_bytes[1] / 1e6:5.2f} MB; "
          f"Pyodide files it requests (its warm start, at idle): {len(guide_pyodide)}")
    for page in PAGES:
        raw, zipped = page_bytes[page.name]
        print(f"  {page.name + ' page:':<20}{raw / 1e6:5.2f} / {zipped / 1e6:5.2f} MB, as its cold http load fetched it "
              f"(target ≤ 8 MB gzip)")
    print("  Pyodide files on the wire by start: "
          + ", ".join(f"{start} {megabytes:.2f} MB" for start, megabytes in sorted(start_bytes.items()))
          + " (normal start target: ≤ 4.6 MB for the whole page)")
    print(f"  offline zip:        {zip_bytes / 1e6:5.2f} MB (target ≤ 20 MB)")
    print(f"  site:               {site_bytes[0] / 1e6:5.2f} / {site_bytes[1] / 1e6:5.2f} MB (target ≤ 22 MB)")


if __name__ == "__main__":
    main()
