"""Loads the golden cases shared by the CPython and Pyodide test runs."""
from __future__ import annotations

import json
from pathlib import Path

CASES = json.loads((Path(__file__).parent / "golden_cases.json").read_text(encoding="utf-8"))["cases"]


def at_path(answer, path: str):
    """The value at a dotted path such as "lines.0.amount" in a JSON answer."""
    for part in path.split("."):
        answer = answer[int(part)] if isinstance(answer, list) else answer[part]
    return answer


def mismatches(case: dict, answer: dict) -> list[str]:
    """Every expectation of `case` that `answer` does not meet, as readable lines."""
    problems = []
    for path, expected in case["expect"].items():
        try:
            actual = at_path(answer, path)
        except (KeyError, IndexError, TypeError):
            actual = "<missing>"
        if actual != expected:
            problems.append(f"{path}: expected {expected!r}, got {actual!r}")
    return problems
