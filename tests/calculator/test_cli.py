"""The CLI is a public contract for legal aid staff: options, exit codes, JSON keys and messages."""
import json
import os
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
                 "Legal facts last reviewed: December 6, 2026."):
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
    answer = json.loads(run("fee", "--pages", "12", "--date", "2024-06-06", "--purpose", "ssa-appeal", "--json").stdout)
    assert answer["total"] == "0.00" and answer["free"] is True


def test_a_pfml_copy_is_priced_like_your_own_copy_with_the_certification_notes():
    """2024 c 150 § 1(3) makes completing the certification free, not the copies (legal-facts.md, section 3)."""
    pfml = json.loads(run("fee", "--pages", "12", "--date", "2024-06-06", "--purpose", "pfml", "--json").stdout)
    own = json.loads(run("fee", "--pages", "12", "--date", "2024-06-06", "--json").stdout)
    for key in ("total", "hipaa_own_copy_max", "hipaa_flat_fee_max", "free", "lines"):
        assert pfml[key] == own[key], key
    assert pfml["total"] == "42.88" and pfml["free"] is False
    ids = [note["id"] for note in pfml["notes"]]
    assert ids[:5] == ["pfml-certification-free", "pfml-documentation", "pfml-copies", "pfml-office-visit",
                       "pfml-seven-days"]
    assert pfml["notes"][1]["reading"] is True and pfml["notes"][0]["reading"] is False
    text = run("fee", "--pages", "12", "--date", "2024-06-06", "--purpose", "pfml").stdout
    assert "2024 c 150 § 1(3)" in text and "within 7 days" in text and "office visit" in text
    assert "Sources differ" not in text and "$0.00" not in text


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
    (["fee", "--pages", "3", "--date", "2023-02-29"], "date-no-day", "February 2023 has no day 29", "En febrero de 2023 no hay día 29"),
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


# --- Hard to break: whatever the arguments, the locale or the output, no traceback, and the contract holds.

def run_raw(*args, env_changes=None, **popen_args):
    """Run the CLI with byte arguments and a controlled environment (PYTHONIOENCODING unset)."""
    env = {name: value for name, value in os.environ.items()
           if name not in ("PYTHONIOENCODING", "PYTHONUTF8", "PYTHONCOERCECLOCALE", "LC_ALL", "LANG")}
    env.update(env_changes or {})
    return subprocess.run([sys.executable, "-m", "calculator", *args], cwd=ROOT, env=env, capture_output=True,
                          **popen_args)


LOCALES = {
    "utf-8": {"LANG": "C.UTF-8"},
    "C": {"LC_ALL": "C"},
    # Python left in the C locale's ASCII: no locale coercion, no UTF-8 mode.
    "C-ascii": {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},
}
FEE = [b"fee", b"--pages", b"3", b"--date", b"2024-07-01"]
NOT_UTF8 = b"\xff\xfe"
# (where the stray bytes go, expected error code)
BAD_BYTES = [
    ([b"fee", b"--pages", b"3" + NOT_UTF8, b"--date", b"2024-07-01"], "pages-not-whole-number"),
    ([b"fee", b"--pages", b"3", b"--date", b"2024-07-01" + NOT_UTF8], "date-malformed"),
    ([*FEE, b"--purpose", NOT_UTF8], "purpose-unknown"),
    ([*FEE, b"--form", b"p\xc3" + NOT_UTF8], "form-unknown"),
    ([b"deadline", b"--rule", NOT_UTF8, b"--date", b"2024-07-01"], "rule-unknown"),
    ([*FEE, b"--lang", NOT_UTF8], "lang-unknown"),
    ([*FEE, b"--pag" + NOT_UTF8, b"3"], "usage"),
    ([NOT_UTF8, *FEE[1:]], "kind-unknown"),
]


@pytest.mark.parametrize("locale_name", LOCALES)
@pytest.mark.parametrize("args, code", BAD_BYTES, ids=[case[1] for case in BAD_BYTES])
def test_bytes_that_are_not_utf8_exit_2_with_utf8_json_under_any_locale(args, code, locale_name):
    result = run_raw(*args, b"--json", env_changes=LOCALES[locale_name])
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    error = json.loads(result.stdout.decode("utf-8"))["error"]  # strict: the JSON is valid UTF-8
    assert error["code"] == code


@pytest.mark.parametrize("locale_name", LOCALES)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_answers_and_errors_print_without_a_traceback_under_any_locale(locale_name, lang):
    answered = run_raw(*FEE, b"--lang", lang.encode(), env_changes=LOCALES[locale_name])
    assert answered.returncode == 0 and answered.stderr == b"" and b"$3" in answered.stdout
    refused = run_raw(b"fee", b"--pages", b"\xc3\xb1", b"--date", b"2024-07-01", b"--lang", lang.encode(),
                      env_changes=LOCALES[locale_name])
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1
    assert b"Traceback" not in refused.stderr
    as_json = run_raw(*FEE, b"--lang", lang.encode(), b"--json", env_changes=LOCALES[locale_name])
    assert json.loads(as_json.stdout.decode("utf-8"))["inputs"]["lang"] == lang


@pytest.mark.parametrize("abbreviated", [["--lan", "es"], ["--js"], ["--pag", "4"], ["--dat", "2024-07-02"]])
def test_an_abbreviated_option_is_an_error_not_a_guess(abbreviated):
    result = run("fee", "--pages", "3", "--date", "2024-07-01", *abbreviated)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("Check the options.") and "Traceback" not in result.stderr


def test_the_last_lang_wins_for_answers_and_errors_alike():
    assert "How we got this amount" in run(*FEE_TEXT, "--lang", "es", "--lang", "en").stdout
    assert "Cómo calculamos" in run(*FEE_TEXT, "--lang", "en", "--lang=es").stdout
    refused = run("fee", "--pages", "x", "--date", "2024-07-01", "--lang", "en", "--lang", "es", "--json")
    assert json.loads(refused.stdout)["error"]["message"].startswith("El número de páginas")
    assert refused.stderr.startswith("El número de páginas")
    usage = run(*FEE_TEXT, "--colour", "--lang", "en", "--lang", "es")
    assert usage.returncode == 2 and usage.stderr.startswith("Revise las opciones.")
    unknown = run(*FEE_TEXT, "--lang", "es", "--lang", "fr")
    assert unknown.returncode == 2 and unknown.stderr.startswith("Unknown language “fr”")


FEE_TEXT = ["fee", "--pages", "3", "--date", "2024-07-01"]


@pytest.mark.parametrize("args", [["-h", "--lang", "es"], ["fee", "--lang", "es", "--help"],
                                  ["deadline", "-h", "--lang=es"]])
def test_help_speaks_spanish_with_lang_es(args):
    result = run(*args)
    assert result.returncode == 0 and result.stderr == ""
    for words in ("Uso:", "AAAA-MM-DD", "Estado de salida", "su propia copia", "hipaa-amendment"):
        assert words in result.stdout
    for english in ("Use:", "Options", "usage:", "show this help", "your own copy"):
        assert english not in result.stdout


def test_help_in_english_names_every_option_and_rule():
    result = run("-h")
    assert result.returncode == 0
    for words in ("--pages", "--date", "--purpose", "--form", "--rule", "--lang", "--json", "Exit status",
                  "pfml-certification", "ssa-appeal", "electronic"):
        assert words in result.stdout


def test_a_value_repeated_in_a_message_is_one_short_line_without_control_characters():
    typed = "1\n2\r3\t4\x1b[31mred\x07\u202eevil\u2028" + "9" * 500
    for args in (["fee", "--pages", typed, "--date", "2024-07-01"],
                 ["fee", "--pages", "3", "--date", typed],
                 ["fee", "--pages", "3", "--date", "2024-07-01", "--purpose", typed],
                 ["deadline", "--rule", typed, "--date", "2024-07-01"],
                 ["fee", "--pages", "3", "--date", "2024-07-01", "--lang", typed],
                 [typed]):
        result = run(*args, "--json")
        assert result.returncode == 2
        message = json.loads(result.stdout)["error"]["message"]
        assert message == result.stderr.rstrip("\n") and "\n" not in message
        assert not any(char in message for char in "\r\t\x1b\x07\u202e\u2028")
        echoed = message.split("“")[1].split("”")[0]
        assert echoed.startswith("1 2 3 4") and len(echoed) <= 40 and echoed.endswith("…")


@pytest.mark.parametrize("typed", ["２０２４-０７-０１", "٢٠٢٤-٠٧-٠١", "2024-07-0\u0661"])
def test_a_date_written_with_digits_other_than_0_to_9_is_a_format_error(typed):
    result = run("fee", "--pages", "3", "--date", typed, "--json")
    assert result.returncode == 2 and json.loads(result.stdout)["error"]["code"] == "date-malformed"


@pytest.mark.parametrize("blank", ["", "   ", "\t"])
@pytest.mark.parametrize("field", ["pages", "date"])
def test_a_blank_field_is_missing(blank, field):
    values = {"pages": "3", "date": "2024-07-01", field: blank}
    result = run("fee", "--pages", values["pages"], "--date", values["date"], "--lang", "es", "--json")
    error = json.loads(result.stdout)["error"]
    assert result.returncode == 2 and (error["code"], error["field"]) == ("field-missing", field)
    assert error["message"] == f"Por favor, complete “{'páginas' if field == 'pages' else 'fecha'}”."


def test_a_closed_pipe_ends_quietly_with_a_nonzero_status():
    # The reader goes away before the CLI writes (as `| head -c1` does on a long answer).
    process = subprocess.Popen([sys.executable, "-m", "calculator", "deadline", "--rule", "access",
                                "--date", "2025-06-16"], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait() == 1 and stderr == b""


@pytest.mark.parametrize("as_json", [[], ["--json"]])
def test_a_full_disk_ends_quietly_with_a_nonzero_status(as_json):
    with open("/dev/full", "w") as full_disk:
        result = subprocess.run([sys.executable, "-m", "calculator", *FEE_TEXT, "--lang", "es", *as_json],
                                cwd=ROOT, stdout=full_disk, stderr=subprocess.PIPE, text=True)
    assert result.returncode == 1
    assert result.stderr == "No se pudo escribir la respuesta. Revise que el disco no esté lleno.\n"
