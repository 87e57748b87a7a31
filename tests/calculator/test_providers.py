"""Several providers in one case (issue 25, item 5; case file version 2): each provider's own timeline,
most urgent first; "make this letter for another provider"; a version-1 file read as one provider and
written back as version 2; a log entry naming a provider the case does not hold refused with its entry
number; the CLI's --provider. Dates are worked as in tests/calculator/test_case.py (legal-facts.md
section 7): received Monday 2026-10-05, due Monday 2026-10-26, overdue on 2026-11-20."""
import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from calculator.answers import answer
from calculator.boundary import handle_json
from calculator.case import (FORMAT, VERSION, answers_for_provider, case_providers, check_case, current_version,
                             max_providers, parse_case)
from calculator.errors import CalculatorError
from calculator.words import error_message
from tests.calculator.test_case import PERSON
from tests.calculator.test_letters import ANSWERS

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-20"
CLINIC = {"id": "clinic", "name": "Valley Clinic", "address": "2 Oak Ave\nSpokane, WA"}
LAB = {"id": "lab", "name": "Valley Lab", "address": "9 Elm St\nSpokane, WA", "fax": "(509) 555-0100"}


def two_providers(**changes) -> dict:
    """The clinic got the request for records on 2026-10-05 and has not answered (overdue on TODAY); the
    lab got its own on 2026-11-02 and said no on 2026-11-10 (a refusal: the OCR complaint is next)."""
    return {"format": FORMAT, "version": 2, "providers": [CLINIC, LAB], "answers": dict(PERSON),
            "log": [{"event": "received", "date": "2026-10-05", "request": "access"},
                    {"event": "received", "date": "2026-11-02", "request": "access", "provider": "lab"},
                    {"event": "refusal", "date": "2026-11-10", "provider": "lab", "grounds": "other"}],
            "letters": [], **changes}


def version_1() -> dict:
    return {"format": FORMAT, "version": 1, "answers": dict(PERSON),
            "log": [{"event": "received", "date": "2026-10-05", "request": "access"}], "letters": []}


def refused(case) -> CalculatorError:
    with pytest.raises(CalculatorError) as raised:
        parse_case(json.dumps(case))
    return raised.value


# ---- Two providers, two timelines ----

def test_the_version_is_2():
    assert VERSION == 2


def test_each_provider_has_its_own_timeline_most_urgent_first():
    timeline = answer({"kind": "case", "case": two_providers(), "today": TODAY, "lang": "en"})
    parts = timeline["providers"]
    assert [part["id"] for part in parts] == ["clinic", "lab"]  # overdue comes before a refusal
    assert [part["heading"] for part in parts] == ["Valley Clinic", "Valley Lab"]
    clinic, lab = parts
    assert [request["status"] for request in clinic["requests"]] == ["overdue"]
    assert [request["status"] for request in lab["requests"]] == ["refusal"]
    assert clinic["next"]["letter"] == "follow-up" and lab["next"]["letter"] == "complaint-ocr"
    assert clinic["requests"][0]["milestones"][0]["date"] == "2026-10-05"
    assert lab["requests"][0]["milestones"][0]["date"] == "2026-11-02"
    # Each next letter goes to its own provider: its name and address fill the letter.
    assert clinic["next"]["answers"]["provider_name"] == "Valley Clinic"
    assert lab["next"]["answers"]["provider_name"] == "Valley Lab"
    assert lab["next"]["answers"]["provider_address"] == "9 Elm St\nSpokane, WA"
    assert lab["log_answers"]["complaint-ocr"]["problem_date"] == "2026-11-10"
    assert "problem_date" not in clinic["log_answers"]["complaint-ocr"]
    assert [request["provider"] for request in timeline["requests"]] == ["clinic", "lab"]
    assert timeline["case_providers"] == [CLINIC, LAB] and timeline["several_providers"] is True


def test_the_lab_comes_first_once_its_refusal_is_more_urgent_than_the_clinics_wait():
    case = two_providers(log=[{"event": "received", "date": "2026-11-16", "request": "access"},
                              {"event": "received", "date": "2026-11-02", "request": "access", "provider": "lab"},
                              {"event": "refusal", "date": "2026-11-10", "provider": "lab", "grounds": "other"}])
    parts = answer({"kind": "case", "case": case, "today": TODAY, "lang": "es"})["providers"]
    assert [part["id"] for part in parts] == ["lab", "clinic"]
    assert parts[1]["requests"][0]["status"] == "waiting"


def test_the_json_boundary_gives_two_timelines_and_one_providers_part_on_request():
    request = {"lang": "es", "kind": "case", "case": json.dumps(two_providers()), "today": TODAY}
    whole = json.loads(handle_json(json.dumps(request)))
    assert [len(part["requests"]) for part in whole["providers"]] == [1, 1]
    assert whole["providers"][1]["requests"][0]["headline"].startswith("El proveedor dijo que no")
    one = json.loads(handle_json(json.dumps({**request, "provider": "lab"})))
    assert [part["id"] for part in one["providers"]] == ["lab"] and one["next"]["letter"] == "complaint-ocr"
    unknown = json.loads(handle_json(json.dumps({**request, "provider": "imaging"})))
    assert unknown["error"]["code"] == "case-provider-unknown"
    assert "clinic, lab" in unknown["error"]["message"] and "imaging" in unknown["error"]["message"]


def test_the_calendar_says_which_provider_each_date_is_about():
    content = answer({"kind": "case", "case": two_providers(), "today": TODAY, "lang": "en", "format": "ics"})["content"]
    unfolded = content.replace("\r\n ", "")
    assert "(Valley Clinic)" in unfolded and "(Valley Lab)" in unfolded


# ---- Make this letter for another provider ----

def test_make_this_letter_for_another_provider_copies_the_answers_with_the_other_name_and_address():
    copied = answers_for_provider({**PERSON, "provider_phone": "509-555-0199"}, LAB)
    assert copied["provider_name"] == "Valley Lab" and copied["provider_address"] == "9 Elm St\nSpokane, WA"
    assert copied["patient_name"] == PERSON["patient_name"] and copied["records"] == PERSON["records"]
    assert copied["provider_phone"] == "509-555-0199"  # not a part of the provider the case keeps
    back = answers_for_provider(copied, CLINIC)
    assert back["provider_name"] == "Valley Clinic" and back["provider_address"] == PERSON["provider_address"]


# ---- A version-1 file ----

def test_a_version_1_file_opens_as_one_provider_named_by_its_answers():
    case = version_1()
    assert check_case(case) is case
    assert case_providers(case) == [{"id": "provider-1", "name": "Valley Clinic", "address": "2 Oak Ave\nSpokane, WA"}]
    timeline = answer({"kind": "case", "case": case, "today": TODAY, "lang": "en"})
    assert timeline["several_providers"] is False and [part["id"] for part in timeline["providers"]] == ["provider-1"]
    assert "provider_name" not in timeline["next"]["answers"]  # one provider: the form already has it
    assert timeline["case_providers"] == case_providers(case)


def test_a_version_1_file_is_saved_as_version_2_and_opens_again_the_same():
    saved = current_version(version_1())
    assert saved["version"] == 2 and saved["providers"][0]["name"] == "Valley Clinic"
    assert {name: saved[name] for name in ("answers", "log", "letters")} == {
        name: version_1()[name] for name in ("answers", "log", "letters")}
    again = parse_case(json.dumps(saved))
    assert current_version(again) == saved
    before = answer({"kind": "case", "case": version_1(), "today": TODAY, "lang": "en"})
    after = answer({"kind": "case", "case": saved, "today": TODAY, "lang": "en"})
    assert before["requests"] == after["requests"]


# ---- Refused ----

@pytest.mark.parametrize("lang, where", [("en", "In log entry 3"), ("es", "En la entrada 3 del registro")])
def test_a_log_entry_naming_an_unknown_provider_is_refused_with_its_entry_number(lang, where):
    case = two_providers()
    case["log"][2]["provider"] = "imaging"
    error = refused(case)
    assert error.code == "case-provider-not-in-case"
    message = error_message(error, lang)
    assert message.startswith(where) and "imaging" in message and "clinic, lab" in message


def test_a_letter_naming_an_unknown_provider_is_refused():
    case = two_providers(letters=[{"type": "access", "made": "2026-10-01", "letter": "…", "provider": "imaging"}])
    assert error_message(refused(case), "en").startswith("In letter 1")


def test_a_version_1_log_entry_naming_a_provider_is_refused():
    case = version_1()
    case["log"][0]["provider"] = "lab"
    assert "provider-1" in error_message(refused(case), "en")


@pytest.mark.parametrize("providers, code", [
    ([CLINIC, {**LAB, "id": "clinic"}], "case-provider-twice"),
    ([CLINIC, {**LAB, "id": "the lab"}], "case-wrong-type"),
    ([CLINIC, {"name": "Valley Lab"}], "case-wrong-type"),
    ([CLINIC, {**LAB, "name": "Valley\u202eLab"}], "case-hidden-character"),
    ([CLINIC, {**LAB, "name": "Valley Lab\nP.S."}], "case-hidden-character"),
    ([CLINIC, {**LAB, "phone": "1"}], "case-unknown-name"),
    ([CLINIC, {**LAB, "name": "x" * 2001}], "case-text-too-long"),
    ({"clinic": CLINIC}, "case-wrong-type"),
])
def test_a_provider_that_is_not_one_is_refused_naming_it(providers, code):
    error = refused(two_providers(providers=providers, log=[]))
    assert error.code == code
    assert "provider 2" in error_message(error, "en") or code == "case-wrong-type" and isinstance(providers, dict)


def test_a_case_holds_at_most_max_providers():
    many = [{"id": f"p{n}", "name": f"Office {n}"} for n in range(max_providers() + 1)]
    error = refused(two_providers(providers=many, log=[]))
    assert error.code == "case-too-many" and str(max_providers()) in error_message(error, "en")
    assert check_case(two_providers(providers=many[:-1], log=[]))


def test_an_address_keeps_its_line_breaks_but_no_hidden_character():
    assert check_case(two_providers())
    assert refused(two_providers(providers=[CLINIC, {**LAB, "address": "9 Elm\u2066 St"}])).code == "case-hidden-character"


def test_a_newer_version_is_still_refused():
    assert refused({**two_providers(), "version": 3}).code == "case-newer-version"


# ---- The CLI ----

def run(*args):
    return subprocess.run([sys.executable, "-m", "calculator", *args], cwd=ROOT, capture_output=True)


@pytest.fixture
def case_file(tmp_path):
    folder = tmp_path / "my cases"
    folder.mkdir()
    path = folder / "case.json"
    complaint = {name: value for name, value in ANSWERS["complaint-ocr"].items()
                 if not name.endswith("_date") and not name.startswith("provider_")}
    path.write_text(json.dumps(two_providers(answers={**PERSON, **complaint})))
    return path


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_cli_shows_each_providers_part_and_its_commands_run_as_printed(case_file, lang):
    timeline = run("case", "--file", str(case_file), "--today", TODAY, "--lang", lang)
    assert timeline.returncode == 0, timeline.stderr
    text = timeline.stdout.decode()
    assert text.index("Valley Clinic\n") < text.index("Valley Lab\n")
    commands = [line.split("-> ", 1)[1] for line in text.splitlines() if "-> " in line]
    assert [shlex.split(command)[5] for command in commands] == ["follow-up", "complaint-ocr"]
    for command, provider in zip(commands, ("clinic", "lab")):
        argv = shlex.split(command)
        assert argv[argv.index("--provider") + 1] == provider
        written = subprocess.run([sys.executable, *argv[1:]], cwd=ROOT, capture_output=True)
        assert written.returncode == 0, (command, written.stderr.decode())
        letter = written.stdout.decode()
        name = "Valley Clinic" if provider == "clinic" else "Valley Lab"
        other = "Valley Lab" if provider == "clinic" else "Valley Clinic"
        assert name in letter and other not in letter


def test_the_cli_shows_one_providers_part_with_provider(case_file):
    timeline = run("case", "--file", str(case_file), "--today", TODAY, "--provider", "lab", "--format", "json")
    assert timeline.returncode == 0, timeline.stderr
    assert [part["id"] for part in json.loads(timeline.stdout)["providers"]] == ["lab"]


def test_the_cli_letter_for_the_lab_has_the_labs_dates_name_and_address(case_file):
    written = run("letter", "--type", "complaint-ocr", "--case", str(case_file), "--today", TODAY,
                  "--provider", "lab", "--format", "json")
    assert written.returncode == 0, written.stderr
    letter = json.loads(written.stdout)["letter"]
    assert "Valley Lab" in letter and "9 Elm St" in letter and "Valley Clinic" not in letter


@pytest.mark.parametrize("lang, words", [("en", "several providers: clinic, lab"),
                                         ("es", "varios proveedores: clinic, lab")])
def test_the_cli_letter_needs_provider_when_the_case_has_several(case_file, lang, words):
    written = run("letter", "--type", "follow-up", "--case", str(case_file), "--today", TODAY, "--lang", lang)
    assert written.returncode == 2 and words in written.stderr.decode() and b"Traceback" not in written.stderr


@pytest.mark.parametrize("kind", ["case", "letter"])
def test_the_cli_refuses_an_unknown_provider_naming_the_ids(case_file, kind):
    args = (["case", "--file", str(case_file)] if kind == "case"
            else ["letter", "--type", "follow-up", "--case", str(case_file)])
    result = run(*args, "--today", TODAY, "--provider", "imaging")
    assert result.returncode == 2
    assert result.stderr.decode().strip() == 'This case has no provider “imaging”. Its providers are: clinic, lab.'


def test_the_cli_refuses_a_log_entry_naming_an_unknown_provider_with_its_entry_number(tmp_path):
    case = two_providers()
    case["log"][1]["provider"] = "imaging"
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case))
    result = run("case", "--file", str(path), "--today", TODAY, "--lang", "es")
    assert result.returncode == 2 and result.stderr.decode().startswith("En la entrada 2 del registro")


def test_a_version_1_case_needs_no_provider_and_its_commands_carry_none(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(version_1()))
    timeline = run("case", "--file", str(path), "--today", TODAY)
    assert timeline.returncode == 0 and b"--provider" not in timeline.stdout
    assert run("letter", "--type", "follow-up", "--case", str(path), "--today", TODAY).returncode == 0
    assert run("letter", "--type", "follow-up", "--case", str(path), "--today", TODAY,
               "--provider", "provider-1").returncode == 0


# A fax number in a case file holds what the fax field takes (digits, spaces, ( ) - +), or the file is
# refused on open naming where, as a letter refuses provider_fax: the provider's, the log's, the answers'.
@pytest.mark.parametrize("where, case", [
    ("In provider 2", two_providers(providers=[CLINIC, {**LAB, "fax": "call the front desk"}])),
    ("In log entry 4", two_providers(log=[*two_providers()["log"], {"event": "sent", "date": "2026-11-12",
                                                                     "sent_by": "fax", "fax": "fax-me@lab"}])),
    ("In the letter answers", two_providers(answers={**PERSON, "provider_fax": "five five five"})),
])
def test_a_fax_number_with_other_characters_is_refused_on_open_naming_where(where, case):
    error = refused(case)
    assert error.code == "case-wrong-type"
    message = error_message(error, "en")
    assert message.startswith(where) and "( ) - +" in message, message
    assert "( ) - +" in error_message(error, "es")
