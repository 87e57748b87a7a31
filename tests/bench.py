"""`make bench`: speed and size figures (printed, not asserted).

Calculator: one calculation through the JSON boundary in CPython and inside Pyodide under Node, after
import (targets: under 1 ms and under 5 ms per call), and the package's import time under Pyodide.
Then the browser figures from tests/bench_browser.py, if present: every page that runs Python (the
calculator page, the letters page in English and Spanish), with where a cold start's time goes.
"""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

REQUESTS = [
    {"kind": "fee", "pages": 45, "date": "2024-07-01"},
    {"kind": "fee", "pages": 12, "date": "2024-06-06", "purpose": "pfml", "lang": "es"},
    {"kind": "deadline", "rule": "access", "date": "2025-06-16"},
    {"kind": "deadline", "rule": "correction", "date": "2025-11-17", "lang": "es"},
]
REPEAT = 500


def cpython_figures() -> dict:
    import_time = subprocess.run(
        [sys.executable, "-c", "import time; t = time.perf_counter(); import calculator.boundary as b; "
                               "b.handle_json('{\"kind\": \"fee\", \"pages\": 1, \"date\": \"2024-07-01\"}'); "
                               "print((time.perf_counter() - t) * 1000)"],
        cwd=ROOT, capture_output=True, text=True, check=True).stdout
    from calculator import handle_json
    texts = [json.dumps(request) for request in REQUESTS]
    for text in texts:
        handle_json(text)  # warm the data caches, as a page does once
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(REPEAT):
            for text in texts:
                handle_json(text)
        samples.append((time.perf_counter() - start) * 1000 / (REPEAT * len(texts)))
    return {"per_call_ms": statistics.median(samples), "import_and_first_call_ms": float(import_time)}


def pyodide_figures() -> dict:
    from tests.pyodide.harness import run_in_pyodide
    runs = [run_in_pyodide(REQUESTS, repeat=REPEAT)["timings"] for _ in range(3)]
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def main() -> None:
    cpython = cpython_figures()
    pyodide = pyodide_figures()
    print("Calculator (median; one call = one JSON request answered through calculator.boundary.handle_json)")
    print(f"  CPython {sys.version.split()[0]}: {cpython['per_call_ms'] * 1000:8.1f} µs per call "
          f"(target < 1 ms); import + first call {cpython['import_and_first_call_ms']:.1f} ms")
    print(f"  Pyodide in Node:  {pyodide['per_call_ms'] * 1000:8.1f} µs per call (target < 5 ms); "
          f"import of the package {pyodide['import_ms']:.0f} ms; loadPyodide {pyodide['load_ms']:.0f} ms")
    browser = ROOT / "tests" / "bench_browser.py"
    if browser.exists():
        import tests.bench_browser as bench_browser
        print()
        bench_browser.main()


if __name__ == "__main__":
    main()
