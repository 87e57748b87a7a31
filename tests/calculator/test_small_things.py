"""Issue 31's small things: a date that does not exist says which month has no such day; counted
sentences say "1 letter", not "1 letters"; the send-copy authorization's end date in English; the
partial reply names what is missing and asks for it by a date."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date

import pytest

from calculator.boundary import handle_json
from calculator.case import FORMAT, VERSION, check_case, parse_today
from calculator.law import LANGUAGES, messages
from calculator.letters import build_letter
from calculator.languages import languages
from calculator.words import counted, fill, plural_category, short_date
from calculator.errors import CalculatorError
from calculator.inputs import parse_received_date
from calculator.questions import parse_date, questions
from calculator.words import error_message

from .test_letters import ANSWERS

# Each date reader, as the person meets it: a letter's date, the calculator's "received" date, today's date.
DATE_READERS = [lambda text: parse_date("sent_date", text), parse_received_date, parse_today]


@pytest.mark.parametrize("read", DATE_READERS)
@pytest.mark.parametrize("lang, text, says", [
    ("en", "2026-02-30", "February 2026 has no day 30"),
    ("es", "2026-02-30", "En febrero de 2026 no hay día 30"),
    ("en", "2025-04-31", "April 2025 has no day 31"),
    ("es", "2025-04-31", "n abril de 2025 no hay día 31"),
    ("en", "2026-13-01", "no month 13"),
    ("es", "2026-13-01", "No existe el mes 13"),
])
def test_a_date_that_does_not_exist_names_the_month_and_day(read, lang, text, says):
    with pytest.raises(CalculatorError) as raised:
        read(text)
    message = error_message(raised.value, lang)
    assert says.lower() in message.lower()
    assert "year-month-day" not in message and "año-mes-día" not in message


# --- Singular and plural (item 4) -----------------------------------------------------------------------

def _counted_keys(tree=None, path=""):
    """Every counted message in messages.toml: its words are forms keyed by plural category."""
    for name, value in (tree or messages()).items():
        if isinstance(value, dict) and set(value) == set(LANGUAGES) and isinstance(value["en"], dict):
            yield f"{path}{name}"
        elif isinstance(value, dict) and name != "plural":
            yield from _counted_keys(value, f"{path}{name}.")


COUNTED = list(_counted_keys())


def test_the_counted_messages_are_the_ones_people_meet():
    assert {"case.due-in-working", "case.due-in-calendar-rolled", "case.in-days", "count.pages",
            "case-page.msg-log-entries", "case-page.msg-letters-made", "calculator-page.msg-summary"} <= set(COUNTED)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", COUNTED)
def test_every_counted_message_has_its_forms_and_reads_right_for_0_1_and_2(key, lang):
    section, name = key.split(".", 1)
    forms = messages()[section][name][lang]
    categories = [rule["category"] for rule in languages()[lang].plural]
    assert list(forms) == categories  # every form of the language, in the catalog's order
    assert all("{n}" in form for form in forms.values())
    for n in (0, 1, 2, 5, 11, 21, 22):
        text = counted(key, lang, n)
        assert str(n) in text
        assert text == forms[plural_category(n, lang)].format(n=n)


SINGULAR = {"en": {"count.pages": "1 page", "case-page.msg-log-entries": "1 entry",
                   "case-page.msg-letters-made": "1 letter", "case.due-in-working": "Due in 1 working day.",
                   "calculator-page.msg-summary": "Please fix this 1 thing:"},
            "es": {"count.pages": "1 página", "case-page.msg-log-entries": "1 entrada",
                   "case-page.msg-letters-made": "1 carta", "case.due-in-working": "Vence en 1 día hábil.",
                   "calculator-page.msg-summary": "Por favor, corrija esta 1 cosa:"},
            "vi": {"count.pages": "1 trang", "case-page.msg-log-entries": "1 mục",
                   "case-page.msg-letters-made": "1 thư", "case.due-in-working": "Còn 1 ngày làm việc nữa là đến hạn.",
                   "calculator-page.msg-summary": "Xin sửa 1 điều sau:"},
            "ru": {"count.pages": "1 страница", "case-page.msg-log-entries": "1 запись",
                   "case-page.msg-letters-made": "1 письмо", "case.due-in-working": "Срок — через 1 рабочий день.",
                   "calculator-page.msg-summary": "Пожалуйста, исправьте 1 пункт:"}}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_is_singular_and_zero_and_two_are_plural(lang):
    for key, singular in SINGULAR[lang].items():
        assert counted(key, lang, 1) == singular
        if plural_category(2, lang) != plural_category(1, lang):  # Vietnamese says "1 trang", "2 trang"
            assert counted(key, lang, 2) != singular.replace("1", "2")
    opened = messages()["case-page"]["msg-opened"][lang].format(
        log=counted("case-page.msg-log-entries", lang, 1), letters=counted("case-page.msg-letters-made", lang, 0))
    assert opened == {"en": "Your case is open. Your log has 1 entry, and you made 0 letters.",
                      "es": "Su caso está abierto. Su registro tiene 1 entrada, y usted hizo 0 cartas.",
                      "vi": "Hồ sơ vụ việc của quý vị đã được mở. Nhật ký của quý vị có 1 mục, và quý vị đã làm 0 thư.",
                      "ru": "Ваше дело открыто. В вашем журнале 1 запись, и вы составили 0 писем."}[lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_bill_for_one_page_says_one_page_in_the_letter_and_its_copy(lang):
    built = build_letter("fee-dispute", {**ANSWERS["fee-dispute"], "bill_pages": "1", "bill_per_page": "1.50",
                                         "bill_total": "36.50"}, lang)
    assert "for 1 page." in built.english and "1 pages" not in built.english
    if lang == "es":
        assert "por 1 página." in built.translation and "1 páginas" not in built.translation


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_python_rules_agree_with_the_browsers_plural_rules(lang):
    """The page scripts pick a form with Intl.PluralRules; Python with the rules in languages.toml."""
    node = shutil.which("node")
    if not node:
        pytest.skip("node is not installed")
    script = f"console.log(JSON.stringify([...Array(250).keys()].map((n) => new Intl.PluralRules('{lang}').select(n))))"
    browser = json.loads(subprocess.run([node, "-e", script], capture_output=True, text=True, check=True).stdout)
    assert [plural_category(n, lang) for n in range(250)] == browser


# The first of each month of a year, and days whose number reads differently (1, 2, 21, 31).
DATES = [date(2026, month, 1) for month in range(1, 13)] + [date(2026, 12, 2), date(2027, 1, 21), date(2026, 3, 31)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_python_writes_a_date_as_the_browser_does(lang):
    """The letters page writes a date the reader picked with Intl (letters.js dateInWords: the language's
    locale, a long month); Python's words for the same date must read the same, so one letter never
    shows one date two ways."""
    node = shutil.which("node")
    if not node:
        pytest.skip("node is not installed")
    locale = languages()[lang].locale
    days = json.dumps([day.isoformat() for day in DATES])
    script = (f"console.log(JSON.stringify({days}.map((iso) => new Date(iso + 'T00:00:00Z')"
              f".toLocaleDateString('{locale}', {{ year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }}))))")
    browser = json.loads(subprocess.run([node, "-e", script], capture_output=True, text=True, check=True).stdout)
    assert [short_date(day, lang) for day in DATES] == browser


# --- The authorization's end date in English (item 2) -----------------------------------------------------

SEND_COPY = {name: value for name, value in ANSWERS["send-copy"].items() if not name.startswith("expiration")}


@pytest.mark.parametrize("changes, english, spanish", [
    ({"expiration_kind": "records-sent"}, "when you have sent the records", "cuando ustedes hayan enviado el expediente"),
    ({"expiration_kind": "one-year"}, "one year after I sign it", "un año después de que yo la firme"),
    ({"expiration_kind": "date", "expiration_date": "2027-03-01"}, "on March 1, 2027", "el 1 de marzo de 2027"),
    ({"expiration_kind": "other", "expiration": "when my SSI appeal is decided"}, "when my SSI appeal is decided",
     "when my SSI appeal is decided"),
])
def test_the_end_of_the_authorization_is_english_in_the_letter_and_spanish_in_the_copy(changes, english, spanish):
    built = build_letter("send-copy", {**SEND_COPY, **changes}, "es")
    assert f"This authorization ends: {english}." in built.english
    assert f"Esta autorización termina: {spanish}." in built.translation


def test_a_chosen_end_ignores_words_typed_for_other():
    built = build_letter("send-copy", {**SEND_COPY, "expiration_kind": "one-year", "expiration": "Cuando reciban"}, "es")
    assert "Cuando reciban" not in built.english


def test_answers_from_before_the_choice_still_build_and_open():
    """An answers file or a case file with only the typed `expiration` reads it as "other"."""
    old = {**SEND_COPY, "expiration": "when my SSI appeal is decided"}
    assert "This authorization ends: when my SSI appeal is decided." in build_letter("send-copy", old).english
    assert check_case({"format": FORMAT, "version": VERSION, "answers": old, "log": [], "letters": []})


@pytest.mark.parametrize("changes, code, field", [
    ({"expiration_kind": "date", "expiration_date": "2026-11-01"}, "expiration-before-letter", "expiration_date"),
    ({"expiration_kind": "date"}, "field-missing", "expiration_date"),
    ({"expiration_kind": "other"}, "field-missing", "expiration"),
    ({}, "field-missing", "expiration_kind"),
])
def test_a_missing_or_past_end_is_refused_at_its_field(changes, code, field):
    with pytest.raises(CalculatorError) as raised:
        build_letter("send-copy", {**SEND_COPY, **changes})
    assert (raised.value.code, raised.value.field) == (code, field)
    for lang in LANGUAGES:
        assert error_message(raised.value, lang)


def test_the_typed_end_is_marked_as_going_into_the_english_letter():
    assert questions().questions["expiration"].in_letter
    assert questions().questions["expiration"].shown_if == {"expiration_kind": ["other"]}
    assert questions().questions["expiration_date"].shown_if == {"expiration_kind": ["date"]}


# --- "Ask for the rest" names what is missing, by a date (item 3) -------------------------------------------

def _partial(lang="en", **changes):
    return build_letter("reply", {**ANSWERS["reply"], "situation": "partial", **changes}, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_partial_reply_names_what_did_not_come(lang):
    built = _partial(lang, missing_records="the visit notes from March 2025")
    assert "These records did not come: the visit notes from March 2025." in built.english
    if lang == "es":
        assert "Estos documentos no me llegaron: the visit notes from March 2025." in built.translation
    assert "did not come" not in _partial().english  # nothing listed, no empty line
    question = questions().questions["missing_records"]
    # Also asked when only some dates came (issue 24, item 3): "what did not come" fits both.
    assert question.in_letter and question.shown_if == {"situation": ["partial", "some-dates"]}
    assert "did not come" not in build_letter("reply", {**ANSWERS["reply"], "situation": "own-form",
                                                        "missing_records": "x"}).english


@pytest.mark.parametrize("received, sent, by", [
    (None, "2026-11-02", "Tuesday, November 17, 2026"),  # 10 working days (Veterans Day, Nov 11, skipped)
    ("2026-10-01", "2026-11-02", "Tuesday, November 17, 2026"),  # Washington's date passed: 10 working days
    ("2026-10-30", "2026-11-02", "Monday, November 23, 2026"),  # Washington's date is later: that date
])
def test_the_rest_is_asked_for_by_the_later_of_washingtons_date_and_ten_working_days(received, sent, by):
    answers = {**ANSWERS["reply"], "situation": "partial", "received_date": received, "sent_date": sent}
    english = build_letter("reply", {name: value for name, value in answers.items() if value}).english
    assert f"or a written denial for any part you hold back, by {by}. I ask for this date because it gives " \
           "you a reasonable time to answer." in english


def test_the_spanish_copy_asks_by_the_same_date_as_a_suggestion():
    spanish = _partial("es").translation
    assert "a más tardar el martes 17 de noviembre de 2026. Pido esta fecha porque les da un tiempo razonable" in spanish


# --- One period after a value that ends in one (a Russian date, "Jr.") ----------------------------------------

def test_fill_keeps_one_period_where_a_value_ends_in_one():
    assert fill("Due {date}. Send it.", date="9 июля 2026 г.") == "Due 9 июля 2026 г. Send it."
    assert fill("Closed on {holiday}.", holiday="Martin Luther King Jr.") == "Closed on Martin Luther King Jr."
    assert fill("{n} pages.", n=3) == "3 pages."


def _every_answer_text(lang: str) -> list[str]:
    """Every letter of tests/calculator/test_letters.py, every deadline rule and a case, in `lang`, as text."""
    requests = [{"kind": "letter", "type": kind, "answers": answers} for kind, answers in ANSWERS.items()]
    requests += [{"kind": "deadline", "rule": rule, "date": "2025-06-16"}
                 for rule in ("access", "correction", "pfml-certification", "hipaa-access", "hipaa-amendment")]
    requests += [{"kind": "case", "today": "2026-10-20", "case": {
        "format": FORMAT, "version": VERSION, "answers": ANSWERS["access"],
        "log": [{"event": "sent", "date": "2026-10-01", "request": "access", "letter": "access"},
                {"event": "received", "date": "2026-10-05", "request": "access"}], "letters": []}}]
    return [json.dumps(json.loads(handle_json(json.dumps({**request, "lang": lang}))), ensure_ascii=False)
            for request in requests]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_sentence_ends_in_two_periods(lang):
    doubled = [match.group(0) for text in _every_answer_text(lang)
               for match in re.finditer(r".{30}[^.]\.\.(?!\.).{10}", text)]
    assert doubled == []


RUSSIAN_WEEKDAYS = "понедельник|вторник|среда|четверг|пятница|суббота|воскресенье"


def test_a_russian_date_after_a_preposition_starts_with_its_day_number():
    """«не позднее 9 июля 2026 г. (четверг)», never «не позднее четверг, 9 июля»: a weekday in the
    nominative cannot follow a preposition, so a Russian long date puts its weekday last, in brackets."""
    after = re.compile(rf"\b(?:не позднее|не позже|до|к|с|по|после|от)\s+(?:{RUSSIAN_WEEKDAYS})\b")
    assert [match.group(0) for text in _every_answer_text("ru") for match in after.finditer(text)] == []
