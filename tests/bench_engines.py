"""Firefox ESR and WebKitGTK figures for `make bench` (printed, not asserted): each page that runs Python
(tests/bench_browser.py PAGES), navigation → ready from the unzipped offline copy (file://) and over
http, ENGINE_LOADS loads each in one browser of each engine (the tests' drivers, tests/engines/drivers.py;
a fresh profile per engine, so the first load is cold and later ones may reuse compiled code)."""
from __future__ import annotations

import os
import statistics
import tempfile
from pathlib import Path

from tests.engines.drivers import Driver, DriverError, missing_engine

ENGINE_LOADS = int(os.environ.get("BENCH_ENGINE_LOADS", "3"))
ENGINES = ("firefox", "webkit")
READY_MS = "performance.getEntriesByName('calculator-ready')[0]?.startTime ?? null"


def engine_figures(pages, urls: dict[tuple[str, str], str]) -> dict[tuple[str, str, str], list[float]]:
    """{(engine, page name, "folder" or "http"): [navigation → ready, ms]} for the pages at urls[(page
    name, variant)]; an engine this machine lacks is left out (`make engines` installs both)."""
    figures: dict[tuple[str, str, str], list[float]] = {}
    for engine in ENGINES:
        if missing_engine(engine):
            continue
        with tempfile.TemporaryDirectory() as scratch:
            driver = Driver(engine, Path(scratch) / "stderr.log")
            try:
                for _ in range(ENGINE_LOADS):
                    for page in pages:
                        for variant in ("folder", "http"):
                            driver.open(urls[page.name, variant], timeout_ms=120000)
                            try:
                                driver.wait(f"document.querySelector('{page.ready}')", 120000)
                            except DriverError:
                                continue  # not ready in two minutes: no figure (the tests say why)
                            figures.setdefault((engine, page.name, variant), []).append(driver.eval(READY_MS))
            finally:
                driver.close()
    return figures


def print_engine_figures(figures: dict[tuple[str, str, str], list[float]]) -> None:
    print(f"Firefox ESR and WebKitGTK ({ENGINE_LOADS} loads each in one browser; median, min–max)")
    for (engine, page, variant), readies in figures.items():
        readies = [ready for ready in readies if ready is not None]
        if readies:
            print(f"  {engine:<8} {page + ' page (' + variant + '):':<30} navigation → ready "
                  f"{statistics.median(readies):6.0f} ms (min {min(readies):.0f}, max {max(readies):.0f})")
