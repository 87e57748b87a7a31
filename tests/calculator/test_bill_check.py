"""A bill for copies, checked line by line: hand-worked against WAC 246-08-400 and the HIPAA limits
(shared/legal-facts.md sections 2, 3, 8 and 11), through the JSON boundary and the command line, and
the fee-dispute letter that names each charge over the limit."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from calculator import handle_json
from calculator.fees import schedule_on
from calculator.letters import build_letter, letter_dates_text
from calculator.words import money

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


# The bill from issue 23's user test: 120 paper pages at $1.25, a $35 retrieval fee and $12 postage for a
# copy the person asked to have mailed, $197 in all, for a request received 2026-10-01.
BILL_197 = {"received_date": "2026-10-01", "bill_pages": 120, "bill_per_page": "1.25", "bill_clerical": "35",
            "bill_total": "197", "bill_other": [{"label": "Postage", "amount": "12", "kind": "postage"}]}
# The same bill as the letters page sends it: its one "other charge" box and what the charge is for.
BILL_197_PAGE = {**{key: str(value) for key, value in BILL_197.items() if key != "bill_other"},
                 "bill_other_label": "Postage", "bill_other_amount": "12", "bill_other_kind": "postage"}


def totals_197() -> tuple[str, str]:
    """The amounts over each limit, worked from the fee data: the page charges over the per-page amounts,
    plus the retrieval fee over the clerical fee (Washington) or all of it (HIPAA, our reading)."""
    schedule = schedule_on(date(2026, 10, 1))
    rate = Decimal("1.25")
    pages_over = (rate - schedule.first_tier_per_page) * 30 + (rate - schedule.later_per_page) * 90
    return money(pages_over + Decimal(35) - schedule.clerical_fee), money(pages_over + Decimal(35))


def test_the_197_dollar_bill_leads_with_both_totals_in_both_languages():
    over_washington, over_hipaa = totals_197()
    assert (over_washington, over_hipaa) == ("$35.20", "$63.20")  # the figures, worked by hand
    for lang, washington_words, hipaa_words in (("en", "over the Washington maximum", "the bill is"),
                                                ("es", "más que el máximo en Washington", "la factura cobra")):
        answer = check(lang, **BILL_197)
        assert (answer["totals"]["over_washington"], answer["totals"]["over_hipaa"]) == ("35.20", "63.20")
        first, second = answer["headings"][:2]
        assert over_washington in first and washington_words in first
        assert over_hipaa in second and hipaa_words in second and "HIPAA" in second


def test_the_letters_page_shows_the_bills_totals_first_above_the_fee_dispute_letter():
    over_washington, over_hipaa = totals_197()
    for lang in ("en", "es"):
        request = {"kind": "letter", "type": "fee-dispute", "lang": lang,
                   "answers": {**ANSWERS["fee-dispute"], **BILL_197_PAGE}}
        dates_text = json.loads(handle_json(json.dumps(request)))["dates_text"]
        # The same sentences as the fee check's headings: one function words both.
        assert dates_text[:2] == check(lang, **BILL_197)["headings"]
        assert over_washington in dates_text[0] and over_hipaa in dates_text[1]


def test_a_bill_over_only_the_hipaa_limit_still_leads_with_both_totals_above_the_letter():
    """Washington rates and clerical fee exactly, 10 pages: within Washington; the $28 fee is over HIPAA."""
    within = {**ANSWERS["fee-dispute"], "bill_pages": "10", "bill_per_page": "1.24", "bill_clerical": "28",
              "bill_total": "40.40"}
    lines = letter_dates_text(build_letter("fee-dispute", within))
    assert lines[0].startswith("This bill is within the Washington maximum.")
    assert "the bill is $28.00 over" in lines[1]


@pytest.mark.parametrize("kind, citation, label", [
    ("postage", "45 CFR 164.524(c)(4)(iii)", "Postage"),
    ("media", "45 CFR 164.524(c)(4)(ii)", "Disc or USB drive"),
])
def test_postage_and_a_disc_you_asked_for_are_allowed_at_cost_by_the_rule_that_names_them(kind, citation, label):
    answer = check(bill_other=[{"label": "", "amount": "12", "kind": kind}], bill_total="137")
    line = answer["lines"][-1]
    assert (line["kind"], line["at_cost"], line["over_washington"], line["over_hipaa"]) == (kind, True, False, False)
    assert line["text"].startswith(f"{label}: $12.00.")
    assert f"allowed at what it actually cost ({citation})" in line["text"]
    assert "which rule allows it" not in line["text"] and "$" not in line["text"].split("$12.00.")[1]  # no price
    notes = [note["id"] for note in answer["notes"]]
    assert "at-cost" in notes and "unchecked" not in notes
    assert any(source["citation"] == citation and source["confidence"] == "P" for source in answer["sources"])
    assert answer["totals"]["over_hipaa"] == check()["totals"]["over_hipaa"]  # not counted as over
    spanish = check("es", bill_other=[{"label": "", "amount": "12", "kind": kind}], bill_total="137")["lines"][-1]
    assert f"por lo que realmente costó ({citation})" in spanish["text"] and "qué norma" not in spanish["text"]


def test_postage_on_a_copy_sent_to_someone_else_asks_what_it_cost_not_which_rule():
    answer = check(bill_for="someone-else", bill_other=[{"label": "Mailing", "amount": "12", "kind": "postage"}],
                   bill_total="137")
    line = answer["lines"][-1]
    assert line["at_cost"] is False and "what it actually cost" in line["text"]
    assert "which rule allows it" not in line["text"]


def test_the_fee_dispute_letter_never_asks_which_rule_allows_postage():
    for kind, citation in (("postage", "45 CFR 164.524(c)(4)(iii)"), ("media", "45 CFR 164.524(c)(4)(ii)")):
        answers = {**ANSWERS["fee-dispute"], **BILL_197_PAGE, "bill_other_kind": kind}
        built = build_letter("fee-dispute", answers, "es")
        assert "which rule allows it" not in built.english and "qué norma lo permite" not in built.translation
        assert f"at what it actually cost ({citation}). I will pay it if that is what it cost." in built.english
        assert f"por lo que realmente costó ({citation})." in built.translation
        assert {"citation": citation, "confidence": "P"} in built.sources
        elsewhere = build_letter("fee-dispute", {**answers, "bill_for": "someone-else"}).english
        assert "which rule allows it" not in elsewhere and "what this charge actually cost" in elsewhere
    unknown = build_letter("fee-dispute", {**ANSWERS["fee-dispute"], **BILL_197_PAGE, "bill_other_kind": "other"})
    assert "which rule allows it: “Postage”, $12.00." in unknown.english  # a charge we cannot name is still asked


def test_the_command_line_fee_check_leads_with_the_totals(tmp_path):
    over_washington, over_hipaa = totals_197()
    bill = tmp_path / "bill.json"
    bill.write_text(json.dumps(BILL_197), encoding="utf-8")
    for lang in ("en", "es"):
        result = subprocess.run([sys.executable, "-m", "calculator", "fee-check", "--bill", str(bill), "--lang", lang],
                                cwd=ROOT, capture_output=True, text=True)
        first, second = result.stdout.splitlines()[:2]
        assert result.returncode == 0 and over_washington in first and over_hipaa in second
        assert "164.524(c)(4)(iii)" in result.stdout


def test_a_bill_with_no_hipaa_amount_says_so_not_that_the_most_is_zero():
    """Only a total, for an electronic copy: HIPAA's limit is labor cost or a flat fee, not pages."""
    answer = check(copy_form="electronic", bill_per_page=None, bill_clerical=None)
    assert "$0.00" not in answer["headings"][1] and "cannot work out the most" in answer["headings"][1]
    assert answer["totals"]["hipaa_max"] is None and answer["totals"]["over_hipaa"] is None
