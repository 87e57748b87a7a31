"""The same golden cases, run inside the pinned npm Pyodide under Node, must give the same answers."""
import json

import pytest

from calculator import handle_json
from tests.calculator.golden import CASES, mismatches

from .harness import run_in_pyodide

# Inputs beyond the golden cases that exercise the error paths and both languages.
EXTRA_REQUESTS = [
    {"kind": "deadline", "rule": rule, "date": day, "lang": lang}
    for rule in ("access", "correction", "pfml-certification", "hipaa-access", "hipaa-amendment")
    for day in ("2021-12-21", "2025-11-20", "2026-12-24")
    for lang in ("en", "es")
] + [[], "text", {"kind": "fee", "pages": True, "date": "2024-07-01"}] + [
    # Bills: the 60-page example, an electronic copy, a PFML certification line, and an error.
    {"kind": "fee-check", "received_date": "2026-10-01", "bill_pages": 60, "bill_per_page": "1.50",
     "bill_clerical": "35", "bill_total": "125", "lang": lang} for lang in ("en", "es")
] + [
    {"kind": "fee-check", "received_date": "2025-03-03", "bill_pages": 12, "bill_per_page": "0.50",
     "copy_form": "electronic", "bill_total": "6", "lang": "es"},
    {"kind": "fee-check", "received_date": "2024-06-06", "bill_pages": 10, "bill_per_page": "1.24",
     "purpose": "pfml", "bill_total": "37.40", "bill_other": [{"label": "PFML", "amount": "25", "kind": "certification"}]},
    {"kind": "fee-check", "received_date": "2026-10-01", "bill_pages": 60, "bill_total": "12,5O"},
] + [
    # Deadlines measured against today, and a case's timeline, calendar and refusals (the case file).
    {"kind": "deadline", "rule": rule, "date": "2026-10-05", "today": today, "lang": lang}
    for rule in ("access", "correction", "pfml-certification") for today in ("2026-10-20", "2026-12-02")
    for lang in ("en", "es")
] + [
    {"kind": "case", "case": json.dumps(case_file), "today": today, "lang": lang, "format": output}
    for case_file in (
        {"format": "wa-medical-records-case", "version": 1, "log": [
            {"event": "sent", "date": "2026-10-01", "request": "access", "letter": "access"},
            {"event": "received", "date": "2026-10-05", "request": "access"},
            {"event": "delay-notice", "date": "2026-11-03", "request": "access"}]},
        {"format": "wa-medical-records-case", "version": 1, "log": [
            {"event": "received", "date": "2026-11-01", "request": "correction"},
            {"event": "refusal", "date": "2026-11-09", "request": "correction"},
            {"event": "received", "date": "2026-10-05"}, {"event": "refusal", "date": "2026-10-20", "grounds": "harm"}]},
    )
    for today in ("2026-10-20", "2026-12-02") for lang in ("en", "es") for output in ("json", "ics")
] + [
    {"kind": "case", "case": text, "today": "2026-12-02", "lang": "es"}
    for text in ('{"format": ', '{"format": "x"}', '{"format": "wa-medical-records-case", "version": 9}',
                 '{"format": "wa-medical-records-case", "version": 1, "log": [{"event": "received", "date": "2026-02-30"}]}')
]


@pytest.fixture(scope="module")
def pyodide_run():
    return run_in_pyodide([case["request"] for case in CASES] + EXTRA_REQUESTS)


def test_the_answers_come_from_pyodides_python_not_the_machines(pyodide_run):
    # npm pyodide 314 ships CPython 3.14; the machine runs 3.11, so this proves which one answered.
    assert pyodide_run["python"].startswith("3.14")


@pytest.mark.parametrize("index", range(len(CASES)), ids=[case["name"] for case in CASES])
def test_golden_case_under_pyodide(pyodide_run, index):
    case = CASES[index]
    answer = pyodide_run["responses"][index]
    assert mismatches(case, answer) == []
    assert answer == json.loads(handle_json(json.dumps(case["request"])))


def test_every_other_answer_is_identical_in_pyodide_and_cpython(pyodide_run):
    answers = pyodide_run["responses"][len(CASES):]
    expected = [json.loads(handle_json(json.dumps(request))) for request in EXTRA_REQUESTS]
    assert answers == expected
