"""Browser figures for `make bench` (printed, not asserted), in headless Chromium over http on 127.0.0.1.

Side by side, median of N cold loads (a fresh browser context each, so no cache):
  (a) a bare page that only calls loadPyodide() from the same vendored files, on the main thread;
  (b) our calculator page (Pyodide in a module worker, started from <head> as soon as the script runs);
  (c) a try kept for comparison: the same page with the script at the end of <body> (the first design);
  (d) our page again in the same browser context (a returning visitor: HTTP cache and wasm code cache);
  (e) our page opened from a folder (file://: base64 files decoded into a blob: worker).
Reports navigation → ready, submit → result on screen, and bytes transferred for a guide page and for
the calculator page (uncompressed: this server does not gzip).
"""
from __future__ import annotations

import functools
import http.server
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

COLD_LOADS = 5
BARE_PAGE = """<!doctype html><meta charset="utf-8"><title>bare</title>
<script type="module">
import { loadPyodide } from "./assets/pyodide/pyodide.mjs";
await loadPyodide();
performance.mark("calculator-ready");
document.body.dataset.state = "ready";
</script><body></body>"""


sys.path.insert(0, str(ROOT / "overrides"))
from serve import Handler as _ServeHandler  # noqa: E402


class _Handler(_ServeHandler):
    def log_message(self, *args):
        pass


def _serve(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _load(browser, url: str, ready_selector: str, context=None) -> tuple[float, int, object]:
    context = context or browser.new_context()
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    page.goto(url)
    page.wait_for_selector(ready_selector, state="attached", timeout=60000)
    ready_ms = page.evaluate("performance.getEntriesByName('calculator-ready')[0].startTime")
    page.wait_for_load_state("networkidle")
    transferred = sum(request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]
                      for request in responses)
    return ready_ms, transferred, (context, page)


def _submit_to_result(page) -> float:
    page.fill("#fee-date", "2024-07-01")
    page.fill("#fee-pages", "45")
    page.click("form[data-kind=fee] button[type=submit]")
    page.locator("form[data-kind=fee] + .calc-result").wait_for()
    return page.evaluate("""performance.getEntriesByName('calculator-result').at(-1).startTime
                            - performance.getEntriesByName('calculator-submit').at(-1).startTime""")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)],
                       cwd=ROOT, check=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
        (site / "bare.html").write_text(BARE_PAGE, encoding="utf-8")
        ours_html = (site / "calculator.html").read_text(encoding="utf-8")
        script = '<script src="assets/calculator/calculator.js"></script>'
        assert script in ours_html
        (site / "calculator-late.html").write_text(
            ours_html.replace(script, "").replace("</body>", script + "</body>"), encoding="utf-8")
        server, base = _serve(site)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            bare, ours, late, warm, submits = [], [], [], [], []
            for _ in range(COLD_LOADS):  # interleaved, so all see the same machine load
                ms, _, (context, _) = _load(browser, base + "bare.html", "body[data-state=ready]")
                bare.append(ms)
                context.close()
                ms, calculator_bytes, (context, page) = _load(browser, base + "calculator.html",
                                                              "#calc-app[data-state=ready]")
                ours.append(ms)
                submits += [_submit_to_result(page) for _ in range(3)]
                page.close()
                ms, _, (context, page) = _load(browser, base + "calculator.html", "#calc-app[data-state=ready]",
                                               context)
                warm.append(ms)
                context.close()
                ms, _, (context, _) = _load(browser, base + "calculator-late.html", "#calc-app[data-state=ready]")
                late.append(ms)
                context.close()
            from_folder = []
            for _ in range(COLD_LOADS):
                ms, _, (context, _) = _load(browser, (site / "calculator.html").as_uri(),
                                            "#calc-app[data-state=ready]")
                from_folder.append(ms)
                context.close()
            context = browser.new_context()
            page = context.new_page()
            guide = []
            page.on("requestfinished", lambda request: guide.append(request))
            page.goto(base + "costs.html", wait_until="networkidle")
            guide_bytes = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in guide)
            guide_pyodide = [r.url for r in guide if "pyodide" in r.url]
            browser.close()
        server.shutdown()
    print(f"Browser (headless Chromium, http on 127.0.0.1, median of {COLD_LOADS} cold loads)")
    print(f"  (a) bare page, loadPyodide() only:  navigation → ready {statistics.median(bare):7.0f} ms"
          f"   (all: {', '.join(f'{x:.0f}' for x in bare)})")
    print(f"  (b) our calculator page:             navigation → ready {statistics.median(ours):7.0f} ms"
          f"   (all: {', '.join(f'{x:.0f}' for x in ours)})")
    print(f"      ratio (b)/(a): {statistics.median(ours) / statistics.median(bare):.2f} (target ≤ 1.0, stretch 0.5)")
    print(f"  (c) try: script at end of <body>:    navigation → ready {statistics.median(late):7.0f} ms"
          f"   (all: {', '.join(f'{x:.0f}' for x in late)})")
    print(f"  (d) (b) again, same context (warm):  navigation → ready {statistics.median(warm):7.0f} ms"
          f"   (all: {', '.join(f'{x:.0f}' for x in warm)})")
    print(f"  (e) (b) from a folder (file://):     navigation → ready {statistics.median(from_folder):7.0f} ms"
          f"   (all: {', '.join(f'{x:.0f}' for x in from_folder)})")
    print(f"  submit → result on screen: median {statistics.median(submits):.1f} ms, "
          f"max {max(submits):.1f} ms over {len(submits)} submits (target < 50 ms)")
    print(f"  bytes transferred: guide page (costs) {guide_bytes / 1e3:,.0f} kB, Pyodide files on it: "
          f"{len(guide_pyodide)}; calculator page {calculator_bytes / 1e6:,.1f} MB (uncompressed)")


if __name__ == "__main__":
    main()
