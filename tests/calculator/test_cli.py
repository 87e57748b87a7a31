"""The CLI is a public contract for legal aid staff: options, exit codes, JSON keys and messages."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    return subprocess.run([sys.executable, "-m", "calculator", *args], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8")


def test_fee_for_45_pages_on_2024_07_01_answers_79_30_with_breakdown_and_sources():
    result = run("fee", "--pages", "45", "--date", "2024-07-01")
    assert result.returncode == 0 and result.stderr == ""
    out = result.stdout
    assert "costs at most $51.30 from a provider covered by HIPAA (our reading), or $79.30 from a provider not covered by HIPAA" in out
    for line in ("30 × $1.24 = $37.20", "15 × $0.94 = $14.10", "$28.00", "WSR 20-10-025",
                 "Legal facts last reviewed: November 1, 2026."):
        assert line in out


def test_fee_in_spanish_answers_the_same_amount_in_spanish():
    out = run("fee", "--pages", "45", "--date", "2024-07-01", "--lang", "es").stdout
    assert "cuesta como máximo $51.30 si el proveedor está cubierto por HIPAA (nuestra interpretación), o $79.30 si no está cubierto por HIPAA" in out and "Fuentes:" in out
    assert "How we got" not in out


def test_fee_json_has_total_as_a_two_decimal_string():
    result = run("fee", "--pages", "45", "--date", "2024-07-01", "--json")
    answer = json.loads(result.stdout)
    assert answer["total"] == "79.30" and answer["inputs"]["pages"] == 45


def test_a_free_copy_json_total_is_0_00():
    answer = json.loads(run("fee", "--pages", "12", "--date", "2024-06-06", "--purpose", "pfml", "--json").stdout)
    assert answer["total"] == "0.00" and answer["free"] is True


def test_deadline_for_access_received_2025_06_16_names_the_skipped_holidays():
    result = run("deadline", "--rule", "access", "--date", "2025-06-16")
    assert result.returncode == 0
    assert "Wednesday, July 9, 2025" in result.stdout and "Thursday, July 17, 2025" in result.stdout
    assert "Juneteenth" in result.stdout and "Independence Day" in result.stdout


def test_deadline_json_gives_due_and_extended_due_as_iso_dates():
    answer = json.loads(run("deadline", "--rule", "access", "--date", "2025-06-16", "--json").stdout)
    assert (answer["due"], answer["extended_due"]) == ("2025-07-09", "2025-07-17")


BAD_INPUTS = [
    (["fee", "--pages", "0", "--date", "2024-07-01"], "pages-out-of-range", "1 to 100,000", "1 a 100,000"),
    (["fee", "--pages", "100001", "--date", "2024-07-01"], "pages-out-of-range", "1 to 100,000", "1 a 100,000"),
    (["fee", "--pages", "ten", "--date", "2024-07-01"], "pages-not-whole-number", "whole number",
     "número entero"),
    (["fee", "--pages", "3", "--date", "07/01/2024"], "date-malformed", "year-month-day", "año-mes-día"),
    (["fee", "--pages", "3", "--date", "2023-02-29"], "date-impossible", "does not exist", "no existe"),
    (["fee", "--pages", "3", "--date", "2014-12-31"], "date-before-coverage", "January 1, 2015",
     "1 de enero de 2015"),
    (["fee", "--pages", "3", "--date", "2024-07-01", "--purpose", "court"], "purpose-unknown",
     "own-copy, ssa-appeal, pfml", "own-copy, ssa-appeal, pfml"),
    (["deadline", "--rule", "appeal", "--date", "2024-07-01"], "rule-unknown", "hipaa-amendment",
     "hipaa-amendment"),
    (["deadline", "--rule", "pfml-certification", "--date", "2024-06-05"], "rule-not-in-force",
     "June 6, 2024", "6 de junio de 2024"),
]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("args, code, en_hint, es_hint", BAD_INPUTS, ids=[case[1] + ":" + case[0][-1]
                                                                         for case in BAD_INPUTS])
def test_bad_input_exits_2_with_one_line_in_the_chosen_language(args, code, en_hint, es_hint, lang):
    result = run(*args, "--lang", lang)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert (en_hint if lang == "en" else es_hint) in lines[0]
    with_json = run(*args, "--lang", lang, "--json")
    assert with_json.returncode == 2
    error = json.loads(with_json.stdout)["error"]
    assert error["code"] == code and error["message"] == lines[0]


def test_an_unknown_option_or_command_exits_2_without_a_traceback():
    for args in (["fee", "--pages", "3", "--date", "2024-07-01", "--colour"], ["refund"], []):
        result = run(*args)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
