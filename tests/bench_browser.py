"""Browser figures for `make bench` (printed, not asserted), in headless Chromium on 127.0.0.1.

In one run, interleaved so every variant sees the same machine load, COLD_LOADS cold loads each (a fresh
browser context: no HTTP cache, no compiled code), median with min–max:
  bare    a page that only calls loadPyodide() from the npm package's own files, as Pyodide documents it
  ours    the calculator page over http (Pyodide in a worker, from the memory snapshot)
  folder  the calculator page from the unzipped offline copy (file://)
Then: a returning visitor (a persistent profile, so the HTTP cache and Chromium's compiled-code cache
count), ready time on throttled links (1.6, 9 and 20 Mbps; the bare page at 20 Mbps too), first byte to
visible progress, submit → result on screen, and bytes, raw and gzipped, for a guide page, the calculator
page, the offline zip and the site.

The server is `make serve`'s handler, which compresses text for a browser that accepts gzip (Chromium
does): the throttled figures are for the bytes that travel compressed, the "gzip" columns.
"""
from __future__ import annotations

import gzip
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlparse

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, serve_folder  # noqa: E402

sys.path.insert(0, str(ROOT / "overrides"))
from offline_copy import FOLDER, write_offline_zip  # noqa: E402

COLD_LOADS = 7
THROTTLED = [1.6, 9, 20]  # Mbps, down; one load each (a 1.6 Mbps load takes about a minute)
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
OURS_READY = "#calc-app[data-state=ready]"
BARE_READY = "body[data-state=ready]"
# Runs first in the page: when the progress text first shows (ms since the navigation started).
PROGRESS_WATCH = """new MutationObserver((_, observer) => {
  const text = document.getElementById("calc-progress-text");
  if (text && text.textContent && !document.getElementById("calc-progress").hidden) {
    performance.mark("progress-visible");
    observer.disconnect();
  }
}).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });"""


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


def _load(context, url: str, ready: str, mbps: float | None = None, timeout_ms: int = 60000) -> dict:
    """Open url in a new page of context; milliseconds from navigation start to ready, and what it fetched."""
    page = context.new_page()
    _throttle(page, mbps)
    requested, finished = [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on("requestfinished", lambda request: finished.append(request))
    page.add_init_script(PROGRESS_WATCH)
    page.goto(url, wait_until="commit")
    page.wait_for_selector(ready, state="attached", timeout=timeout_ms)
    figures = page.evaluate("""() => {
      const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
      const navigation = performance.getEntriesByType("navigation")[0];
      return { ready: mark("calculator-ready"), progress: mark("progress-visible"),
               firstByte: navigation ? navigation.responseStart : null,
               start: document.getElementById("calc-app")?.dataset.start ?? null };
    }""")
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


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)],
                       cwd=ROOT, check=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
        site_bytes = _folder_bytes(site)
        offline_zip = write_offline_zip(site, Path(folder) / "offline.zip")
        with zipfile.ZipFile(offline_zip) as archive:
            archive.extractall(Path(folder) / "unzipped")
        folder_page = (Path(folder) / "unzipped" / FOLDER / "calculator.html").as_uri()
        # The bare page's files are added after the site was measured: they are not part of it.
        (site / "bare-pyodide").mkdir()
        for name in BARE_FILES:
            shutil.copyfile(ROOT / "node_modules" / "pyodide" / name, site / "bare-pyodide" / name)
        (site / "bare.html").write_text(BARE_PAGE, encoding="utf-8")
        (site / "bare.mjs").write_text(BARE_SCRIPT, encoding="utf-8")
        server, base = _serve(site)
        runs = {"bare": [], "ours": [], "folder": []}
        submits, progress, starts = [], [], []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(COLD_LOADS):
                for name, url, ready in (("bare", base + "bare.html", BARE_READY),
                                         ("ours", base + "calculator.html", OURS_READY),
                                         ("folder", folder_page, OURS_READY)):
                    context = browser.new_context()
                    loaded = _load(context, url, ready)
                    runs[name].append(loaded["ready"])
                    if name == "ours":
                        calculator_requests = loaded["requested"]
                        starts.append(loaded["start"])
                        progress.append(loaded["progress"] - loaded["firstByte"])
                        submits += [_submit_to_result(loaded["page"]) for _ in range(3)]
                    context.close()
            throttled = {}
            for mbps in THROTTLED:
                context = browser.new_context()
                loaded = _load(context, base + "calculator.html", OURS_READY, mbps, timeout_ms=300000)
                throttled[mbps] = (loaded["ready"], loaded["start"], loaded["progress"] - loaded["firstByte"], loaded["wire"])
                context.close()
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
            # A returning visitor: one persistent profile, a first visit, then later visits.
            returning = {"bare": [], "ours": []}
            for name, url, ready in (("bare", base + "bare.html", BARE_READY),
                                     ("ours", base + "calculator.html", OURS_READY)):
                with tempfile.TemporaryDirectory() as profile:
                    context = playwright.chromium.launch_persistent_context(
                        profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                    _load(context, url, ready)["page"].close()
                    for _ in range(3):
                        visit = _load(context, url, ready)
                        returning[name].append(visit["ready"])
                        visit["page"].close()
                    context.close()
        server.shutdown()
        calculator_bytes = _bytes(site, base, calculator_requests)
        guide_bytes = _bytes(site, base, guide_requests)
        guide_pyodide = [url for url in guide_requests if "pyodide" in url]
        zip_bytes = offline_zip.stat().st_size

    bare, ours = statistics.median(runs["bare"]), statistics.median(runs["ours"])
    print(f"Browser (headless Chromium, 2 cores, http on 127.0.0.1; {COLD_LOADS} cold loads each, interleaved)")
    print(f"  bare loadPyodide() page:        navigation → ready {_summary(runs['bare'])}")
    print(f"  our calculator page (http):     navigation → ready {_summary(runs['ours'])}"
          f"   started from: {', '.join(sorted(set(starts)))}")
    print(f"  our calculator page (folder):   navigation → ready {_summary(runs['folder'])}")
    print(f"  ratio ours/bare over http: {ours / bare:.2f}; from a folder: "
          f"{statistics.median(runs['folder']) / bare:.2f} (target ≤ 0.40)")
    print(f"  returning visitor (persistent profile, median of 3): bare {statistics.median(returning['bare']):.0f} ms, "
          f"ours {statistics.median(returning['ours']):.0f} ms")
    for mbps, (ready_ms, start, progress_ms, wire) in throttled.items():
        print(f"  throttled {mbps:>4} Mbps, {LATENCY_MS} ms latency: ready {ready_ms:7.0f} ms (start: {start}); "
              f"first byte → progress shown {progress_ms:.0f} ms; {wire / 1e6:.2f} MB on the wire")
    print(f"  at 20 Mbps: bare page {bare_20:.0f} ms, ratio ours/bare {throttled[20][0] / bare_20:.2f} (target ≤ 0.80)")
    print(f"  first byte → visible progress (unthrottled): median {statistics.median(progress):.0f} ms, "
          f"max {max(progress):.0f} ms (target < 1000 ms)")
    print(f"  submit → result on screen: median {statistics.median(submits):.1f} ms, "
          f"max {max(submits):.1f} ms over {len(submits)} submits (target < 50 ms)")
    print("Warm start (guide page, then the calculator; one fresh profile each)")
    for (mbps, warm), found in warm_runs.items():
        link = "unthrottled" if mbps is None else f"{mbps} Mbps, {LATENCY_MS} ms"
        readies = [run["ready"] for run in found]
        warmed = [run["warmed"] for run in found if run["warmed"] is not None]
        print(f"  {link:<20} {'prefetched' if warm else 'cold':<11} calculator navigation → ready "
              f"{_summary(readies)}; calculator page fetched {statistics.median(run['wire'] for run in found) / 1e6:.2f} MB"
              + (f"; guide page prefetch took {statistics.median(warmed):.0f} ms ({len(warmed)}/{len(found)} finished)" if warm else ""))
    print(f"  1.6 Mbps, {LATENCY_MS} ms: the guide page asked for {', '.join(slow_guide['fetched']) or 'nothing'} "
          f"and {'finished' if slow_guide['warmed'] else 'stopped (slow link: no warm start)'}")
    print("Bytes (raw / gzip as a compressing server would send them)")
    print(f"  guide page (costs): {guide_bytes[0] / 1e6:5.2f} / {guide_bytes[1] / 1e6:5.2f} MB; "
          f"Pyodide files it requests (its warm start, at idle): {len(guide_pyodide)}")
    print(f"  calculator page:    {calculator_bytes[0] / 1e6:5.2f} / {calculator_bytes[1] / 1e6:5.2f} MB (target ≤ 8 MB gzip)")
    print(f"  offline zip:        {zip_bytes / 1e6:5.2f} MB (target ≤ 20 MB)")
    print(f"  site:               {site_bytes[0] / 1e6:5.2f} / {site_bytes[1] / 1e6:5.2f} MB (target ≤ 22 MB)")


if __name__ == "__main__":
    main()
