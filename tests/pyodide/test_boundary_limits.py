"""The JSON boundary refuses oversized or deeply nested requests before parsing them, in CPython and
inside Pyodide, where 7,000 nested brackets used to overflow the wasm stack and kill the interpreter."""
import json
from types import SimpleNamespace

import pytest

from calculator import handle_json
from calculator.inputs import MAX_NESTING_DEPTH, MAX_REQUEST_CHARS, nesting_depth

from .harness import run_in_pyodide

# In the order the page writes it: kind and lang first.
GOOD_REQUEST = {"kind": "fee", "lang": "es", "date": "2024-07-01", "pages": "45"}
# name -> request text that must be answered with request-malformed, in Spanish where it says "es".
REFUSED = {
    "7000 nested lists": "[" * 7000 + "]" * 7000,
    "7000 nested objects": '{"a":' * 7000 + "1" + "}" * 7000,
    "deep inside a real request": '{"kind": "fee", "lang": "es", "pages": ' + "[" * 7000 + "]" * 7000 + "}",
    "just over the depth limit": "[" * (MAX_NESTING_DEPTH + 1) + "]" * (MAX_NESTING_DEPTH + 1),
    "oversized": json.dumps({**GOOD_REQUEST, "pages": "4" * MAX_REQUEST_CHARS}),
    "unclosed brackets": "[" * 100_000,
}
SPANISH_MALFORMED = "La calculadora no pudo leer esta solicitud."


def test_the_scan_counts_brackets_but_not_inside_strings():
    assert nesting_depth('{"a": [1, {"b": []}]}') == 4
    assert nesting_depth('{"a": "[[[[[[[[[[[[[[[[\\"[[[[["}') == 1
    assert nesting_depth('"no brackets"') == 0


@pytest.mark.parametrize("name", REFUSED)
def test_cpython_refuses_before_parsing(name, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("json.loads was called")
    monkeypatch.setattr("calculator.boundary.json", SimpleNamespace(loads=never, dumps=json.dumps))
    answer = json.loads(handle_json(REFUSED[name]))
    assert answer["error"]["code"] == "request-malformed"


def test_a_refused_request_is_answered_in_the_pages_language():
    answer = json.loads(handle_json(REFUSED["oversized"]))
    assert answer["error"]["message"] == SPANISH_MALFORMED


def test_a_real_request_at_the_limits_is_still_answered():
    answer = json.loads(handle_json(json.dumps(GOOD_REQUEST)))
    assert answer["total"] == "79.30"
    nested_but_allowed = "[" * MAX_NESTING_DEPTH + "]" * MAX_NESTING_DEPTH
    assert json.loads(handle_json(nested_but_allowed))["error"]["code"] == "request-malformed"  # not a dict


def test_pyodide_refuses_them_too_and_keeps_answering():
    run = run_in_pyodide([GOOD_REQUEST], raw_texts=list(REFUSED.values()))
    assert [answer["error"]["code"] for answer in run["raw_responses"]] == ["request-malformed"] * len(REFUSED)
    assert run["raw_responses"][list(REFUSED).index("oversized")]["error"]["message"] == SPANISH_MALFORMED
    assert run["answer_after_raw"]["total"] == "79.30"
