"""The letters inside the pinned npm Pyodide under Node: byte-for-byte the same letters, Spanish copies,
HTML and calendar files as in CPython, errors included."""
import json

import pytest

from calculator import handle_json
from tests.calculator.test_letters import ANSWERS

from .harness import run_in_pyodide

CASES = [
    # A holiday-skipping due date, with its calendar.
    {"type": "access", "answers": {**ANSWERS["access"], "received_date": "2026-06-16"}},
    # A free copy (SSI or SSDI appeal), in Spanish.
    {"type": "access", "answers": {**ANSWERS["access"], "purpose": "ssa-appeal"}, "lang": "es"},
    # A pre-2022 Juneteenth follow-up.
    {"type": "follow-up", "answers": {**ANSWERS["follow-up"], "received_date": "2021-06-14",
                                      "sent_date": "2021-07-20"}},
    {"type": "follow-up", "answers": {**ANSWERS["follow-up"], "delay_notice": True, "sent_date": "2026-07-20"},
     "lang": "es"},
    {"type": "correction", "answers": {**ANSWERS["correction"], "received_date": "2026-11-17"}, "lang": "es"},
    {"type": "disagreement", "answers": ANSWERS["disagreement"]},
    {"type": "second-review", "answers": ANSWERS["second-review"], "lang": "es"},
    # A bill over the limit, and one sent to a lawyer, in Spanish.
    {"type": "fee-dispute", "answers": ANSWERS["fee-dispute"]},
    {"type": "fee-dispute", "answers": {**ANSWERS["fee-dispute"], "bill_for": "someone-else", "copy_form": "electronic"},
     "lang": "es"},
    # Sending a copy, each pushback reply, complaint drafts, and a family member after a death.
    {"type": "send-copy", "answers": {**ANSWERS["send-copy"], "copy_form": "electronic", "ssa_appeal": True},
     "lang": "es"},
    # Several choices (a list in the JSON), a range of dates, and the psychotherapy-notes refusal.
    {"type": "send-copy", "answers": {**ANSWERS["send-copy"], "records_kinds": ["images", "ehi-export"],
                                      "special_records": ["sud"], "records_dates": "range",
                                      "records_from": "2024-01-15", "records_to": "2025-06-30"}, "lang": "es"},
    {"type": "send-copy", "answers": {**ANSWERS["send-copy"], "special_records": ["psychotherapy-notes", "sud"]},
     "lang": "es"},
    *({"type": "reply", "answers": {**ANSWERS["reply"], "situation": situation}, "lang": "es"}
      for situation in ("own-form", "unpaid-bill", "in-person", "court-order", "partial", "hipaa-excuse",
                        "paper-only", "no-request-on-file", "not-found", "summary-only", "some-dates")),
    {"type": "complaint-ocr", "answers": ANSWERS["complaint-ocr"], "lang": "es"},
    {"type": "info-blocking", "answers": {**ANSWERS["info-blocking"], "actor_kind": "developer",
                                          "actor_name": "EHR Maker Inc.", "problem_date": "2026-06-01"}, "lang": "es"},
    {"type": "complaint-doh", "answers": ANSWERS["complaint-doh"]},
    {"type": "access", "answers": {**ANSWERS["access"], "requester_role": "next-of-kin", "requester_name": "María",
                                   "requester_address": "5 Elm St", "requester_relationship": "daughter"},
     "lang": "es"},
    # Errors.
    {"type": "correction", "answers": {**ANSWERS["correction"], "reason": ""}, "lang": "es"},
    {"type": "follow-up", "answers": {**ANSWERS["follow-up"], "sent_date": "2026-07-09"}},
]
REQUESTS = [{"kind": "letter", "format": output, "lang": "en", **case}
            for case in CASES for output in ("json", "text", "html", "ics")]


@pytest.fixture(scope="module")
def pyodide_run():
    return run_in_pyodide(REQUESTS)


def test_letters_are_identical_in_pyodide_and_cpython(pyodide_run):
    expected = [json.loads(handle_json(json.dumps(request))) for request in REQUESTS]
    assert pyodide_run["python"].startswith("3.14")
    assert pyodide_run["responses"] == expected
    calendars = [answer for answer in expected if answer.get("format") == "ics"]
    with_dates = [answer for answer in expected if answer.get("dates")]  # the json answers that have dates
    assert len(calendars) == len(with_dates) >= 13
    assert all(answer["content"].startswith("BEGIN:VCALENDAR") for answer in calendars)
