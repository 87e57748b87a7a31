"""Two builds of the site side by side: `python tests/bench_compare.py SITE_A SITE_B` (two folders made
with `mkdocs build`, say before and after a change to how the calculator starts). Printed, not asserted.

The same cold loads as `make bench` (tests/bench_browser.py: a fresh browser context each, headless
Chromium), interleaved A, B, A, B… so both builds see the same machine load: the calculator page over
http (the start the link test picks), with the normal start (Save-Data), and from a folder (the offline
zip, unzipped); then the normal start over a throttled link. Median, min and max of navigation → ready,
the median moment of each step of the start (as `make bench` breaks it down), and bytes on the wire.

BENCH_COLD_LOADS (default 7) and BENCH_THROTTLED (Mbps, comma-separated, default 1.6; empty for none)
set how many loads; BENCH_THROTTLED_LOADS (default 1) how many at each throttled link.
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import zipfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.bench_browser import CALCULATOR, CHROMIUM, CHROMIUM_ARGS, _breakdown, _folder_url, _load, _serve  # noqa: E402

sys.path.insert(0, str(ROOT / "overrides"))
from offline_copy import write_offline_zip  # noqa: E402

COLD_LOADS = int(os.environ.get("BENCH_COLD_LOADS", "7"))
THROTTLED = [float(mbps) for mbps in os.environ.get("BENCH_THROTTLED", "1.6").split(",") if mbps]
THROTTLED_LOADS = int(os.environ.get("BENCH_THROTTLED_LOADS", "1"))


def _summary(values: list[float]) -> str:
    return f"{statistics.median(values):7.0f} ms (min {min(values):.0f}, max {max(values):.0f}, n={len(values)})"


def main(sites: list[Path]) -> None:
    labels = [chr(ord("A") + index) for index in range(len(sites))]
    runs: dict[tuple[str, str], list[dict]] = {}
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        servers, variants = [], {}
        for label, site in zip(labels, sites):
            unzipped = Path(scratch) / label
            with zipfile.ZipFile(write_offline_zip(site, Path(scratch) / f"{label}.zip")) as archive:
                archive.extractall(unzipped)
            server, base = _serve(site)
            servers.append(server)
            variants[label] = [("http", base + CALCULATOR.path, None, False),
                               ("normal", base + CALCULATOR.path, None, True),
                               ("folder", _folder_url(unzipped, CALCULATOR), None, False)]
            variants[label] += [(f"normal at {mbps} Mbps", base + CALCULATOR.path, mbps, True) for mbps in THROTTLED]
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for round_number in range(max(COLD_LOADS, THROTTLED_LOADS)):
            for label in labels:
                for name, url, mbps, save_data in variants[label]:
                    if round_number >= (COLD_LOADS if mbps is None else THROTTLED_LOADS):
                        continue
                    context = browser.new_context()
                    loaded = _load(context, url, CALCULATOR.ready, mbps, timeout_ms=300000, save_data=save_data)
                    loaded.pop("page")
                    runs.setdefault((label, name), []).append(loaded)
                    context.close()
        browser.close()
        for server in servers:
            server.shutdown()
    for label, site in zip(labels, sites):
        print(f"{label}: {site}")
    for name, *_ in variants[labels[0]]:
        print(f"calculator page, {name}:")
        for label in labels:
            loads = runs[label, name]
            starts = ", ".join(sorted({load["start"] for load in loads}))
            print(f"  {label} navigation → ready {_summary([load['ready'] for load in loads])}; started from {starts}; "
                  f"{statistics.median(load['wire'] for load in loads) / 1e6:.2f} MB on the wire")
        for label in labels:
            print(f"  {label}, where the time goes (median ms since navigation, (+step)):")
            for line in _breakdown(runs[label, name]):
                print(f"      {line}")


if __name__ == "__main__":
    main([Path(argument) for argument in sys.argv[1:]])
