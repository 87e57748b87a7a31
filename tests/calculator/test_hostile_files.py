"""Hostile files at the command line and at the page's JSON boundary (issue 26, item 2): every one is
refused with one plain line in the chosen language (exit 2, no exception name, no traceback) or read
as a browser would read it; nothing in a case file that the form would change or the letter would drop.
The same files on the page: tests/browser/test_hostile_files.py."""
import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from calculator.boundary import handle_json
from calculator.inputs import MAX_REQUEST_CHARS
from calculator.case import FORMAT, VERSION
from calculator.facts import site_words
from tests.calculator.test_case import PERSON
from tests.calculator.test_letters import ANSWERS

ROOT = Path(__file__).resolve().parents[2]
EXCEPTION_WORDS = ("Error", "Exception", "Traceback", "Decode", "codec")
RECEIVED = {"event": "received", "date": "2026-10-05", "request": "access"}


def case_text(answers=None, log=(RECEIVED,), letters=()) -> str:
    return json.dumps({"format": FORMAT, "version": VERSION, "answers": {**PERSON, **(answers or {})},
                       "log": list(log), "letters": list(letters)}, ensure_ascii=False)


def run(*args, stdin: bytes | None = None):
    return subprocess.run([sys.executable, "-m", "calculator", *args], cwd=ROOT, capture_output=True,
                          input=stdin)


def run_case(tmp_path, content: bytes, lang="en", today="2026-12-02"):
    case_file = tmp_path / "case.json"
    case_file.write_bytes(content)
    return run("case", "--file", str(case_file), "--today", today, "--lang", lang)


def refused(result, *words: str) -> str:
    """The one line a refused file gets: exit 2, no exception name, and each of `words` in it."""
    message = result.stderr.decode("utf-8")
    assert result.returncode == 2, (result.stdout, message)
    assert len(message.strip().splitlines()) == 1 and not any(word in message for word in EXCEPTION_WORDS), message
    for word in words:
        assert word in message, message
    return message


GOOD = case_text()
# (name, the file's bytes, words the refusal names in English, in Spanish)
HOSTILE_CASES = [
    ("NaN", GOOD.replace(f'"version": {VERSION}', '"version": NaN').encode(), "not complete JSON", "no es JSON"),
    ("Infinity", GOOD.replace(f'"version": {VERSION}', f'"version": {VERSION}, "x": -Infinity').encode(), "not complete JSON", "no es JSON"),
    ("1e400 in an answer", case_text(log=[{**RECEIVED, "date": "2026-10-05"}]).replace(
        '"log"', '"x": 1e400, "log"').encode(), "not complete JSON", "no es JSON"),
    ("1e400 as a number answer", GOOD.replace('"answers": {', '"answers": {"pages": 1e400, ').encode(),
     "not complete JSON", "no es JSON"),
    ("UTF-16", GOOD.encode("utf-16"), "UTF-8", "UTF-8"),
    ("UTF-16 big-endian", b"\xfe\xff" + GOOD.encode("utf-16-be"), "UTF-8", "UTF-8"),
    ("Latin-1", case_text({"patient_name": "Ana Muñoz"}).encode("latin-1"), "UTF-8", "UTF-8"),
    ("log date 9999", case_text(log=[{**RECEIVED, "date": "9999-01-05"}]).encode(), "log entry 1", "entrada 1"),
    ("log date 9000", case_text(log=[{**RECEIVED, "date": "9000-01-05"}]).encode(), "9000-01-05", "9000-01-05"),
    ("log date 2100", case_text(log=[RECEIVED, {**RECEIVED, "date": "2100-01-01"}]).encode(),
     "log entry 2", "entrada 2"),
    ("log date 2014", case_text(log=[{**RECEIVED, "date": "2014-12-31"}]).encode(), "2015", "2015"),
    ("letter made in 9999", case_text(letters=[{"type": "access", "made": "9999-12-31", "letter": "x"}]).encode(),
     "letter 1", "carta 1"),
]
# One-line answers: every line break and hidden character is refused on open, naming the answer.
HIDDEN = {"line breaks": "Ana Ruiz\n\nP.S. I waive all my rights", "CR": "Ana\rRuiz", "U+FEFF": "Ana\ufeffRuiz",
          "U+2060": "Ana\u2060Ruiz", "U+00AD": "Ana\u00adRuiz", "U+061C": "Ana\u061cRuiz",
          "U+2028": "Ana\u2028Ruiz", "U+2029": "Ana\u2029Ruiz", "U+202E": "Ana \u202eziuR\u202c",
          "U+2066": "\u2066Ana\u2069", "U+200F": "Ana\u200fRuiz", "tab": "Ana\tRuiz", "escape": "Ana\x1b[31mRuiz",
          "NUL": "Ana\x00Ruiz", "U+0085": "Ana\x85Ruiz"}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name, content, en_words, es_words", HOSTILE_CASES, ids=[case[0] for case in HOSTILE_CASES])
def test_a_hostile_case_file_is_refused_in_plain_words(tmp_path, name, content, en_words, es_words, lang):
    refused(run_case(tmp_path, content, lang), en_words if lang == "en" else es_words)


@pytest.mark.parametrize("name, typed", HIDDEN.items(), ids=list(HIDDEN))
def test_a_one_line_answer_with_a_line_break_or_hidden_character_is_refused_on_open(tmp_path, name, typed):
    refused(run_case(tmp_path, case_text({"patient_name": typed}).encode()), "patient_name", "hidden character")
    log = [{**RECEIVED, "event": "sent", "letter": "access", "how": typed}, RECEIVED]
    refused(run_case(tmp_path, case_text(log=log).encode(), "es"), "entrada 1", "how")


def test_a_long_answer_keeps_its_line_breaks_but_not_the_other_hidden_characters(tmp_path):
    lines = run_case(tmp_path, case_text({"records": "Line one\nLine two\r\nLine three"}).encode())
    assert lines.returncode == 0, lines.stderr
    refused(run_case(tmp_path, case_text({"records": "Line one\n\u202eowt eniL"}).encode()), "records")
    refused(run_case(tmp_path, case_text(log=[{**RECEIVED, "note": "a\u2028b"}]).encode()), "note", "log entry 1")


def test_a_utf8_byte_order_mark_is_read_as_a_browser_reads_it(tmp_path):
    with_mark = run_case(tmp_path, b"\xef\xbb\xbf" + GOOD.encode())
    assert with_mark.returncode == 0 and with_mark.stdout == run_case(tmp_path, GOOD.encode()).stdout
    answers = tmp_path / "answers.json"
    answers.write_bytes(b"\xef\xbb\xbf" + json.dumps(PERSON).encode())
    assert run("letter", "--type", "access", "--answers", str(answers)).returncode == 0
    bill = tmp_path / "bill.json"
    bill.write_bytes(b"\xef\xbb\xbf" + json.dumps({"received_date": "2026-10-01", "bill_pages": 60, "bill_total": "90.00"}).encode())
    assert run("fee-check", "--bill", str(bill)).returncode == 0
    assert run("case", "--file", "-", "--today", "2026-12-02", stdin=b"\xef\xbb\xbf" + GOOD.encode()).returncode == 0


@pytest.mark.parametrize("content", [json.dumps(PERSON).encode("utf-16"), b'{"patient_name": "Mu\xf1oz"}',
                                     json.dumps({**PERSON, "pages": 1}).replace("1}", "NaN}").encode(),
                                     json.dumps(PERSON).replace("}", ', "x": 1e999}').encode(), b"{not json"],
                         ids=["UTF-16", "Latin-1", "NaN", "1e999", "not JSON"])
@pytest.mark.parametrize("command", [("letter", "--type", "access", "--answers"), ("fee-check", "--bill")],
                         ids=["answers", "bill"])
def test_an_answers_or_bill_file_that_is_not_utf8_json_is_refused_in_plain_words(tmp_path, content, command):
    chosen = tmp_path / "file.json"
    chosen.write_bytes(content)
    refused(run(*command, str(chosen)))
    refused(run(*command, str(chosen), "--lang", "es"))


@pytest.mark.parametrize("today", ["2100-01-01", "2014-12-31", "9999-12-31"])
def test_today_outside_the_calculators_years_is_refused(tmp_path, today):
    refused(run_case(tmp_path, GOOD.encode(), today=today), "today", "2099")
    refused(run_case(tmp_path, GOOD.encode(), "es", today=today), "hoy", "2099")
    refused(run("letter", "--type", "follow-up", "--case", str(tmp_path / "case.json"), "--today", today), "2099")
    if today > "2099":  # a letter may be dated before 2015, but none counts on past 2099
        answers = tmp_path / "answers.json"
        answers.write_text(json.dumps({**PERSON, "sent_date": today}))
        refused(run("letter", "--type", "access", "--answers", str(answers)), "2099")


def test_a_one_line_letter_answer_is_refused_with_a_line_break_and_stripped_of_hidden_characters(tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({**PERSON, "patient_name": "Ana Ruiz\n\nP.S. I waive all my rights"}))
    refused(run("letter", "--type", "access", "--answers", str(answers)), "one line")
    hidden = "".join(HIDDEN[name] for name in ("U+FEFF", "U+2060", "U+00AD", "U+061C", "U+202E", "U+2066", "escape"))
    answers.write_text(json.dumps({**PERSON, "patient_name": hidden,
                                   "records": "All my records\nfrom 2025\u2028and\u202e 2026\u2069"}))
    letter = run("letter", "--type", "access", "--answers", str(answers))
    assert letter.returncode == 0, letter.stderr
    text = letter.stdout.decode("utf-8")
    assert "AnaRuiz" in text and "Ana ziuRAna" in text and "from 2025\nand 2026" in text
    assert not [char for char in text if char not in "\n" and (ord(char) < 32 or char in
                "\ufeff\u2060\u00ad\u061c\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\x7f\x85")]


# ---- The page's boundary: the same refusals, in the page's language ----

def ask(request: dict | str) -> dict:
    return json.loads(handle_json(request if isinstance(request, str) else json.dumps(request)))


@pytest.mark.parametrize("lang, words", [("en", "not complete JSON"), ("es", "no es JSON")])
def test_the_page_gets_a_refusal_for_a_case_with_nan_not_an_answer_it_cannot_read(lang, words):
    for hostile in ('"version": NaN', f'"version": {VERSION}, "x": Infinity', f'"version": {VERSION}, "x": 1e400'):
        error = ask({"lang": lang, "kind": "case", "case": GOOD.replace(f'"version": {VERSION}', hostile),
                     "today": "2026-12-02"})["error"]
        assert error["code"] == "case-not-json" and words in error["message"]
    # A request itself holding NaN is not JSON a browser could have sent.
    assert ask('{"lang": "es", "kind": "case", "case": {"version": NaN}}')["error"]["code"] == "request-malformed"


@pytest.mark.parametrize("size", [MAX_REQUEST_CHARS // 2 + 10, MAX_REQUEST_CHARS + 10, 1_600_000])
def test_a_case_too_big_is_too_big_in_the_pages_language_whatever_its_size(size):
    text = GOOD[:-1] + ', "pad": "' + "x" * size + '"}'
    request = json.dumps({"lang": "es", "kind": "case", "case": text, "today": "2026-12-02"})
    error = ask(request)["error"]
    assert error["code"] == "case-too-big" and "demasiado grande" in error["message"], (size, error)


# ---- The CLI's suggested next command runs as printed ----

def entry(event, day, request="access", **more):
    return {"event": event, "date": day, "request": request, **more}


SENT = entry("sent", "2026-10-01", letter="access")
SUGGESTING = {  # a log, and the letter its timeline suggests next
    "follow-up": [SENT, RECEIVED],
    "reply": [SENT, RECEIVED, entry("partial", "2026-10-20")],
    # A reply that gave only a summary: the reply letter, and the information-blocking report beside it.
    "reply (and info-blocking)": [SENT, RECEIVED, entry("reply", "2026-10-20", situation="summary-only")],
    "complaint-ocr": [SENT, RECEIVED, entry("refusal", "2026-10-20", grounds="other")],
    "second-review": [SENT, RECEIVED, entry("refusal", "2026-10-20", grounds="harm")],
    "disagreement": [entry("received", "2026-10-05", "correction"), entry("refusal", "2026-10-20", "correction")],
    "complaint-doh": [SENT, RECEIVED, entry("refusal", "2026-10-20", grounds="other"),
                      entry("sent", "2026-10-22", letter="complaint-ocr")],
}
CORRECTION = {"correction_entry": "Visit of March 3, 2026: allergy list", "reason": "I have no allergy to penicillin.",
              "correction_should_say": "No known drug allergies."}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("letter", SUGGESTING)
def test_each_suggested_command_runs_as_printed_and_writes_its_letter(tmp_path, letter, lang):
    folder = tmp_path / "my cases"  # a space: the path is quoted for a shell
    folder.mkdir()
    case_file = folder / "case.json"
    first = letter.split(" ")[0]
    answers = {name: value for key in (first, "info-blocking") for name, value in ANSWERS[key].items()
               if not name.endswith("_date")}
    case_file.write_text(case_text({**CORRECTION, **answers}, log=SUGGESTING[letter]))
    timeline = run("case", "--file", str(case_file), "--today", "2026-12-02", "--lang", lang)
    assert timeline.returncode == 0, timeline.stderr
    commands = [line.split("-> ", 1)[1] for line in timeline.stdout.decode().splitlines() if "-> " in line]
    assert [shlex.split(command)[5] for command in commands] == letter.replace("(and ", "").rstrip(")").split()
    for command in commands:
        argv = shlex.split(command)
        assert argv[:3] == ["python", "-m", "calculator"] and "--today" in argv
        written = subprocess.run([sys.executable, *argv[1:]], cwd=ROOT, capture_output=True)
        assert written.returncode == 0, (command, written.stderr.decode())
        assert b"still has time" not in written.stdout and b"todav\xc3\xada tiene tiempo" not in written.stdout


# ---- The footer's settings, as the build writes them (page-tools.js reads site-settings.js alike) ----

@pytest.mark.parametrize("contact, link, shown", [
    ("reference@example.org", "mailto:reference@example.org", "reference@example.org"),
    ("mailto:reference@example.org", "mailto:reference@example.org", "reference@example.org"),
    ("509-444-5300", "tel:5094445300", "509-444-5300"),
    ("+1 (509) 444-5300", "tel:+15094445300", "+1 (509) 444-5300"),
    ("tel:+15094445300", "tel:+15094445300", "+15094445300"),
    ("https://library.example.org/ayuda", "https://library.example.org/ayuda", "https://library.example.org/ayuda"),
    ("javascript:alert(1)", "", ""), ("12345", "", ""), ("a@b", "", ""),
    ("mailto:" + "a" * 300 + "@example.org", "", ""),
    ("ref\u202e@example.org", "mailto:ref@example.org", "ref@example.org"),
])
def test_the_footer_takes_a_plain_email_or_phone_and_shows_the_address_it_links_to(contact, link, shown):
    words = site_words("en", {"name": "the Library", "contact": contact})
    assert (words["contact"], words["contact-shown"]) == (link, shown)


def test_the_footers_name_drops_hidden_characters_and_stays_short():
    words = site_words("es", {"name": "la \u202eBiblioteca\u202c\nde\u2028Spokane\ufeff" + "x" * 1_000_000})
    assert words["published-by"].startswith("Publicado por la Biblioteca de Spokane") and len(words["published-by"]) < 250
