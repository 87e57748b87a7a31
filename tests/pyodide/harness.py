"""Runs requests through the calculator inside Pyodide under Node (the pinned npm package, offline)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))

from calculator_zip import zip_calculator  # noqa: E402  the sources the site ships compiled (the build proves them alike)
RUNNER = Path(__file__).with_name("run_requests.mjs")


def run_in_pyodide(requests: list[dict], repeat: int = 0, raw_texts: list[str] = ()) -> dict:
    """{"python": version, "responses": [...], "timings": {...}} from one Pyodide process. `raw_texts`
    are sent as they are; their answers come back in "raw_responses", then "answer_after_raw" is
    the first request asked again."""
    node = shutil.which("node")
    with tempfile.TemporaryDirectory() as folder:
        zip_path = zip_calculator(Path(folder) / "calculator.zip")
        requests_path = Path(folder) / "requests.json"
        requests_path.write_text(json.dumps(requests), encoding="utf-8")
        raw_texts_path = Path(folder) / "raw_texts.json"
        raw_texts_path.write_text(json.dumps(list(raw_texts)), encoding="utf-8")
        result = subprocess.run([node, str(RUNNER), str(zip_path), str(requests_path), str(repeat),
                                 str(raw_texts_path)],
                                cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"Pyodide run failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)
