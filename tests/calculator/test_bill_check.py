"""A bill for copies, checked line by line: hand-worked against WAC 246-08-400 and the HIPAA limits
(shared/legal-facts.md sections 2, 3, 8 and 11), through the JSON boundary and the command line, and
the fee-dispute letter that names each charge over the limit."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from calculator import handle_json
from calculator.letters import build_letter

from .test_letters import ANSWERS

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = {"received_date": "2026-10-01", "bill_pages": 60, "bill_per_page": "1.50", "bill_clerical": "$35",
           "bill_total": "125.00"}


def check(lang: str = "en", **changes) -> dict:
    return json.loads(handle_json(json.dumps({"kind": "fee-check", "lang": lang, **EXAMPLE, **changes})))


def test_the_60_page_bill_with_a_retrieval_fee_is_over_both_limits():
    """60 paper pages received 2026-10-01 at $1.50 plus a $35 retrieval fee, $125: the Washington maximum
    is 30 × $1.24 + 30 × $0.94 + $28 = $93.40; without the clerical fee (HIPAA, our reading) $65.40."""
    answer = check()
    totals = answer["totals"]
    assert totals == {"billed": "125.00", "lines": "125.00", "washington_max": "93.40", "over_washington": "31.60",
                      "hipaa_max": "65.40", "over_hipaa": "59.60"}
    lines = {line["id"]: line for line in answer["lines"]}
    assert (lines["first-tier"]["washington_max"], lines["later"]["washington_max"]) == ("37.20", "28.20")
    assert lines["first-tier"]["over_washington"] and lines["later"]["over_washington"]
    assert lines["clerical"]["washington_max"] == "28.00" and lines["clerical"]["over_washington"]
    assert lines["clerical"]["hipaa_max"] == "0.00"
    assert answer["headings"][0] == ("This bill is $31.60 over the Washington maximum. For the charges we can "
                                     "check, the most is $93.40.")
    assert "no charge is allowed for this, so $35.00 over" in lines["clerical"]["text"]


def test_the_bill_check_speaks_spanish():
    answer = check("es")
    assert answer["headings"][0].startswith("Esta factura cobra $31.60 más que el máximo en Washington.")
    assert "nuestra interpretación" in answer["headings"][1]


def test_a_bill_within_the_limits_says_so():
    answer = check(bill_per_page=None, bill_first_tier_per_page="1.24", bill_later_per_page="0.94",
                   bill_clerical="28", bill_total="93.40", bill_for="someone-else")
    assert answer["totals"]["over_washington"] == "0.00" and answer["totals"]["hipaa_max"] is None
    assert answer["headings"] == ["This bill is within the Washington maximum. For the charges we can check, "
                                  "the most is $93.40."]
    assert [note["id"] for note in answer["notes"]][0] == "third-party"  # sent to a lawyer: Washington rates


def test_an_electronic_copy_billed_per_page_is_over_the_hipaa_limit_at_any_rate():
    answer = check(copy_form="electronic", bill_pages=12, bill_per_page="0.50", bill_clerical=None, bill_total="6")
    line = answer["lines"][0]
    assert line["over_washington"] is False and line["hipaa_max"] == "0.00" and line["over_hipaa"] is True
    assert any(note["id"] == "hipaa-electronic" for note in answer["notes"])


def test_a_pfml_certification_billed_is_over_and_the_copies_are_checked_as_usual():
    answer = check(purpose="pfml", bill_pages=10, bill_per_page="1.24", bill_clerical=None, bill_total="37.40",
                   bill_other=[{"label": "PFML form", "amount": "25", "kind": "certification"}])
    lines = {line["id"]: line for line in answer["lines"]}
    assert lines["other-1"]["washington_max"] == "0.00" and lines["other-1"]["over_washington"]
    assert lines["first-tier"]["over_washington"] is False
    assert answer["totals"]["over_washington"] == "25.00"


def test_a_free_ssi_copy_makes_every_charge_over():
    answer = check(purpose="ssa-appeal")
    assert answer["totals"]["washington_max"] == "0.00" and answer["totals"]["over_washington"] == "125.00"


def test_an_unknown_charge_is_asked_about_not_judged():
    answer = check(bill_other=[{"label": "Rush fee", "amount": "10"}], bill_total="135")
    line = answer["lines"][-1]
    assert line["washington_max"] is None and "We cannot check this charge" in line["text"]
    assert any(note["id"] == "unchecked" for note in answer["notes"])


def test_a_bill_that_gives_only_its_total_is_checked_as_a_whole():
    answer = check(bill_per_page=None, bill_clerical=None)
    assert [line["id"] for line in answer["lines"]] == ["total"]
    assert answer["totals"]["washington_max"] == "93.40" and answer["totals"]["hipaa_max"] == "65.40"


def test_a_total_that_is_not_the_sum_of_its_lines_is_pointed_out():
    answer = check(bill_total="130")
    assert any(note["id"] == "total-differs" and "$125.00" in note["text"] for note in answer["notes"])


@pytest.mark.parametrize("changes, code, field", [
    ({"bill_per_page": "1,5O"}, "amount-malformed", "bill_per_page"),
    ({"bill_total": ""}, "field-missing", "bill_total"),
    ({"bill_total": "1000001"}, "amount-too-large", "bill_total"),
    ({"bill_pages": "sixty"}, "pages-not-whole-number", "bill_pages"),
    ({"received_date": "2014-12-31"}, "date-before-coverage", "received_date"),
    ({"bill_for": "lawyer"}, "choice-unknown", "bill_for"),
    ({"bill_other": "lots"}, "bill-other-malformed", "bill_other"),
])
def test_a_bad_bill_answer_names_its_field_in_both_languages(changes, code, field):
    for lang in ("en", "es"):
        error = check(lang, **changes)["error"]
        assert (error["code"], error["field"]) == (code, field) and error["message"]


def test_the_command_line_checks_a_bill(tmp_path):
    bill = tmp_path / "bill.json"
    bill.write_text(json.dumps(EXAMPLE), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "calculator", "fee-check", "--bill", str(bill)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0 and "$93.40" in result.stdout and "$65.40" in result.stdout
    as_json = subprocess.run([sys.executable, "-m", "calculator", "fee-check", "--bill", str(bill), "--json",
                              "--lang", "es"], cwd=ROOT, capture_output=True, text=True)
    assert json.loads(as_json.stdout)["totals"]["washington_max"] == "93.40"
    missing = subprocess.run([sys.executable, "-m", "calculator", "fee-check"], cwd=ROOT, capture_output=True,
                             text=True)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "Traceback" not in missing.stderr


def test_the_fee_dispute_letter_names_each_charge_over_the_limit_and_the_rule():
    built = build_letter("fee-dispute", ANSWERS["fee-dispute"])
    english = built.english
    assert "I received your bill dated October 20, 2026" in english and "It charges $125.00 for 60 pages." in english
    assert ("Under WAC 246-08-400 (the amounts adopted in WSR 20-10-025, which as I read it are still in force), "
            "for a request received that day") in english and "the most is $93.40" in english
    assert "- pages 1 to 30 (30 pages at $1.50): you charged $45.00; the most is $37.20, so $7.80 over." in english
    assert "- the clerical, search or retrieval fee: you charged $35.00; the most is $28.00, so $7.00 over." in english
    assert "As I read the law, the clerical fee is then not allowed. As I read the law, the most would then be " \
           "$65.40." in english
    assert "Please send me a corrected bill." in english


def test_a_bill_within_every_limit_asks_how_it_was_worked_out_not_for_a_corrected_bill():
    within = {**ANSWERS["fee-dispute"], "bill_pages": "10", "bill_per_page": "1.00", "bill_clerical": "",
              "bill_total": "10"}
    english = build_letter("fee-dispute", within).english
    assert "Please send me a corrected bill" not in english and "how each charge on the bill was worked out" in english
    assert "clerical fee is then not allowed" not in english  # no clerical fee on this bill


def test_an_electronic_copy_dispute_names_no_dollar_most_but_the_labor_cost_or_flat_fee():
    english = build_letter("fee-dispute", {**ANSWERS["fee-dispute"], "copy_form": "electronic"}).english
    assert "the most would then be" not in english
    assert "a flat fee of no more than $6.50 (HHS FAQ 2030)" in english


def test_a_fee_dispute_for_a_copy_sent_to_a_lawyer_reads_washington_rates_and_no_hipaa_limit():
    built = build_letter("fee-dispute", {**ANSWERS["fee-dispute"], "bill_for": "someone-else"}, "es")
    assert "As I read the law, the Washington limits above (WAC 246-08-400) apply to them too." in built.english
    assert "If you are covered by HIPAA" not in built.english
    assert "Según entiendo la ley, los límites de Washington de arriba" in built.translation
