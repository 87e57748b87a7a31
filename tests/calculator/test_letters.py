"""Letters: the right computed dates, amounts and citations; an English letter with a Spanish copy;
a clear message naming each missing or malformed answer; a calendar a standard parser reads."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import icalendar
import pytest

from calculator import handle_json
from calculator.errors import CalculatorError
from calculator.ics import calendar_file, fold
from calculator.letters import LETTER_TYPES, build_letter, letter_json, letter_text
from calculator.questions import questions, required_questions

ROOT = Path(__file__).resolve().parents[2]
PERSON = {"patient_name": "Ana López", "patient_birth_date": "1980-03-04",
          "patient_address": "12 Pine St\nTacoma, WA 98402", "provider_name": "Rainier Clinic",
          "provider_address": "400 Main St\nTacoma, WA 98402"}
ANSWERS = {
    "access": {**PERSON, "records": "All visit notes and lab results since January 2024.",
               "copy_form": "paper", "sent_date": "2026-06-12"},
    "correction": {**PERSON, "correction_entry": "Visit of March 3, 2026: allergy list",
                   "reason": "It says I am allergic to penicillin. I am not.",
                   "correction_should_say": "No known drug allergies.", "sent_date": "2026-11-16"},
    "disagreement": {**PERSON, "refusal_date": "2026-12-01", "correction_entry": "Visit of March 3, 2026: allergy list",
                     "reason": "I have never reacted to penicillin.", "correction_should_say": "No known drug allergies.",
                     "sent_date": "2026-12-05"},
    "follow-up": {**PERSON, "received_date": "2026-06-16", "sent_date": "2026-07-13"},
    "second-review": {**PERSON, "refusal_date": "2026-08-03", "reviewer_name": "Dr. Sam Lee",
                      "reviewer_address": "9 Oak Ave, Olympia, WA 98501", "sent_date": "2026-08-10"},
    "send-copy": {**PERSON, "records": "All records since 2024.", "recipient_name": "Jordan Smith",
                  "recipient_affiliation": "Smith Disability Law", "recipient_address": "1 Court St, Tacoma, WA 98402",
                  "expiration_kind": "other", "expiration": "when my SSI appeal is decided", "copy_form": "paper", "sent_date": "2026-11-02"},
    "reply": {**PERSON, "situation": "own-form", "received_date": "2026-10-01", "reply_date": "2026-10-15",
              "sent_date": "2026-11-02"},
    "complaint-ocr": {**PERSON, "received_date": "2026-06-16", "sent_date": "2026-11-02",
                      "complaint_what": "No answer to my request, even after a follow-up letter."},
    "complaint-doh": {**PERSON, "received_date": "2026-06-16", "sent_date": "2026-11-02", "care_dates": "2020 to 2026",
                      "complaint_what": "No answer to my request, even after a follow-up letter."},
    "info-blocking": {**PERSON, "records": "My lab results since January 2026, as an electronic copy.",
                      "sent_date": "2026-11-02",
                      "complaint_what": "The clinic said it sends lab results only after the doctor reviews them."},
    "fee-dispute": {**PERSON, "received_date": "2026-10-01", "bill_date": "2026-10-20", "copy_form": "paper",
                    "bill_pages": "60", "bill_per_page": "1.50", "bill_clerical": "35", "bill_total": "125",
                    "sent_date": "2026-11-02"},
}


def letter(letter_type: str, lang: str = "en", **changes):
    return build_letter(letter_type, {**ANSWERS[letter_type], **changes}, lang)


def error_of(letter_type: str, lang: str = "en", drop: str | None = None, **changes) -> CalculatorError:
    answers = {**ANSWERS[letter_type], **changes}
    answers.pop(drop, None)
    with pytest.raises(CalculatorError) as raised:
        build_letter(letter_type, answers, lang)
    return raised.value


# Dates, amounts and citations, worked by hand from shared/legal-facts.md.

def test_an_access_letter_received_june_16_2026_is_due_july_9_skipping_juneteenth_and_july_3():
    # Day 0 Tue 2026-06-16. Skipped: Fri June 19 (Juneteenth), Fri July 3 (Independence Day observed,
    # July 4 is a Saturday). 15th working day: Thu July 9; 21st: Fri July 17.
    built = letter("access", received_date="2026-06-16")
    assert (built.due, built.extended_due, built.follow_up) == (date(2026, 7, 9), date(2026, 7, 17), date(2026, 7, 10))
    assert "no later than 15 working days after you receive it" in built.english
    assert "You received this request on June 16, 2026, so your answer is due by Thursday, July 9, 2026." in built.english
    assert "RCW 70.02.080" in built.english and "It is not an authorization" in built.english
    assert "please tell me the amount before you make the copy" in built.english


def test_a_follow_up_for_a_request_received_june_14_2021_counts_june_18_2021_as_a_working_day():
    # Juneteenth became a state holiday only in 2022 (2021 c 295 took effect July 25, 2021), so Friday
    # June 18, 2021 counts. Monday July 5, 2021 is Independence Day observed (July 4 was a Sunday).
    # 15th working day after Mon 2021-06-14: Tue 2021-07-06.
    built = letter("follow-up", received_date="2021-06-14", sent_date="2021-07-20")
    assert built.due == date(2021, 7, 6) and built.extended_due is None
    assert "You received my written request for my health care records on June 14, 2021." in built.english
    assert "Under RCW 70.02.080(1), you had to answer no later than 15 working days after you received it: " \
           "by Tuesday, July 6, 2021." in built.english
    assert "RCW 70.02.170" in built.english and "Office for Civil Rights" in built.english


def test_a_follow_up_after_a_written_delay_notice_names_the_later_date():
    built = letter("follow-up", delay_notice=True, sent_date="2026-07-20")
    assert built.extended_due == date(2026, 7, 17)
    assert "no later than 21 working days after you received my request (RCW 70.02.080(1)(d)): Friday, July 17, 2026." \
        in built.english


def test_a_follow_up_before_the_deadline_has_passed_is_refused_with_the_due_date():
    error = error_of("follow-up", sent_date="2026-07-09")
    assert (error.code, error.field, error.params["due"]) == ("follow-up-too-early", "sent_date", date(2026, 7, 9))
    answer = json.loads(handle_json(json.dumps({"kind": "letter", "type": "follow-up", "lang": "es",
                                                "answers": {**ANSWERS["follow-up"], "sent_date": "2026-07-09"}})))
    assert "9 de julio de 2026" in answer["error"]["message"]


def test_a_correction_follow_up_counts_calendar_days_rolled_past_the_thanksgiving_weekend():
    # Day 0 Tue 2026-11-17; day 10 is Fri Nov 27 (Native American Heritage Day), then the weekend: Mon Nov 30.
    built = letter("follow-up", request_type="correction", received_date="2026-11-17", sent_date="2026-12-02")
    assert built.due == date(2026, 11, 30)
    assert "Under RCW 70.02.100(2), you had to answer no later than 10 days after you received it: by Monday, " \
           "November 30, 2026." in built.english


def test_an_ssi_or_ssdi_appeal_letter_asks_for_the_free_copy_with_its_citation_and_no_fee():
    built = letter("access", purpose="ssa-appeal")
    assert "Under RCW 70.02.030(2)(b), please give me this copy free of charge." in built.english
    assert "tell me the amount" not in built.english


def test_a_pfml_letter_asks_for_the_certification_without_a_fee_and_for_the_copy_fee_in_advance():
    """2024 c 150 § 1(3) bans a fee for completing the certification, not for copies (legal-facts.md, section 3)."""
    built = letter("access", purpose="pfml", sent_date="2026-06-12")
    assert "Under 2024 c 150 § 1(3), you may not charge a fee for completing it." in built.english
    assert "due within 7 days after you have both this request and my signed authorization" in built.english
    assert "please tell me the amount before you make the copy" in built.english
    assert "may not charge me for them" not in built.english and "free" not in built.english
    spanish = letter("access", lang="es", purpose="pfml", sent_date="2026-06-12").translation
    assert "no pueden cobrar un cargo por completarla" in spanish and "díganme cuánto es" in spanish
    before = letter("access", purpose="pfml", sent_date="2024-06-05")  # the rule began June 6, 2024
    assert "2024 c 150" not in before.english and "tell me the amount" in before.english


def test_a_correction_letter_names_the_ten_day_rule_and_asks_that_the_change_be_sent_on():
    built = letter("correction", received_date="2026-11-17", notify_others="Dr. Kim, 5 Elm St, Tacoma")
    assert "no later than 10 days after you receive this request" in built.english
    assert "by Monday, November 30, 2026" in built.english
    assert ("send it to every insurer or other third-party payer you shared the old information with, "
            "as RCW 70.02.110(3) requires") in built.english
    assert "anyone you shared" not in built.english
    assert "Please also send it to: Dr. Kim, 5 Elm St, Tacoma" in built.english


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_correction_letters_others_paragraph_cites_hipaas_duty_to_tell_them(lang):
    """45 CFR 164.526(c)(3): a provider that makes the change must make reasonable efforts to inform the
    people the patient names (legal-facts.md section 5). It is about an accepted amendment, so the
    statement of disagreement does not cite it."""
    built = letter("correction", lang, notify_others="Dr. Kim, 5 Elm St, Tacoma")
    for text in (built.english, built.translation or built.english):
        others = next(paragraph for paragraph in text.split("\n\n") if "Dr. Kim" in paragraph)
        assert "(45 CFR 164.526(c)(3))" in others
    assert "make reasonable efforts to tell the people I name here" in built.english
    assert {"citation": "45 CFR 164.526(c)(3)", "confidence": "P"} in built.sources
    assert "164.526(c)(3)" not in letter("correction").english  # no one named: no paragraph
    disagreement = letter("disagreement", notify_others="Dr. Kim, 5 Elm St, Tacoma").english
    assert "Please also send it to: Dr. Kim" in disagreement and "164.526" not in disagreement


def test_a_second_review_letter_names_the_chosen_provider_and_the_law():
    built = letter("second-review")
    assert "Under RCW 70.02.090(3), I choose this health care provider" in built.english
    # The statute puts the arranging on the patient; it does not say who pays (section 4, corrected).
    assert "I will arrange for this provider to be paid (RCW 70.02.090(3))." in built.english
    assert "pay this provider for the review myself" not in built.english
    assert "Dr. Sam Lee, 9 Oak Ave, Olympia, WA 98501" in built.english and "August 3, 2026" in built.english


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_second_review_letter_asks_for_both_reviews_and_the_federal_ground_in_writing(lang):
    """Legal-facts.md section 4, federal table: HIPAA's review by a professional the provider designates
    who did not take part (164.524(a)(4), (d)(4)), and its narrower ground (164.524(a)(3)(i)); how the
    two laws combine is our reading, so the letter says so."""
    built = letter("second-review", lang)
    english = built.english
    assert "a licensed health care professional you designate, who did not take part in the denial" in english
    assert "(45 CFR 164.524(a)(4))" in english and "(45 CFR 164.524(d)(4))" in english
    assert "As I read the law, you arrange this review, and I may ask for both reviews." in english
    assert "reasonably likely to endanger the life or physical safety" in english
    assert "Please tell me in writing how access was found reasonably likely to do that." in english
    assert ("As I read the law, harm to my health alone is not a ground HIPAA allows, and a provider covered "
            "by HIPAA must meet this narrower federal rule (45 CFR 160.203(b)).") in english
    assert {"citation": "45 CFR 160.203(b)", "confidence": "I"} in built.sources
    if lang == "es":
        spanish = built.translation
        assert "Yo me encargaré de que a este proveedor se le pague (RCW 70.02.090(3))." in spanish
        assert "que no participó en esa decisión (45 CFR 164.524(a)(4))" in spanish
        assert "Según entiendo la ley, ustedes se encargan de esta revisión, y yo puedo pedir las dos revisiones." in spanish
        assert "(45 CFR 164.524(a)(3)(i))" in spanish and "(45 CFR 160.203(b))" in spanish
        assert "encargaré de pagarle" not in spanish


def test_a_statement_of_disagreement_is_concise_and_cites_rcw_70_02_110():
    built = letter("disagreement")
    assert built.english.count("\n") < 40 and "RCW 70.02.110" in built.english and "December 1, 2026" in built.english


# Language: the letter is English; Spanish readers also get a faithful Spanish copy.

@pytest.mark.parametrize("letter_type", list(ANSWERS))
def test_spanish_gives_the_same_english_letter_plus_a_spanish_copy_with_the_typed_text(letter_type):
    english, spanish = letter(letter_type, "en"), letter(letter_type, "es")
    assert english.translation is None and spanish.english == english.english
    copy = spanish.translation
    assert copy.startswith("COPIA EN ESPAÑOL PARA USTED") and "Atentamente," in copy and "Sincerely," not in copy
    for typed in ("Ana López", "12 Pine St", "Rainier Clinic"):
        assert typed in copy
    assert copy.count("\n\n") == english.english.count("\n\n") + 1  # the same paragraphs, plus the note


def test_the_spanish_copy_has_the_same_dates_in_spanish():
    copy = letter("access", "es", received_date="2026-06-16").translation
    assert "16 de junio de 2026" in copy and "jueves 9 de julio de 2026" in copy and "15 días hábiles" in copy


# Missing and malformed answers: one clear message naming the field, in the reader's language.

@pytest.mark.parametrize("letter_type, field", [(t, f) for t in LETTER_TYPES for f in required_questions(t)
                                                if f != "type"])
def test_every_required_answer_missing_is_named_in_both_languages(letter_type, field):
    # Also left out: the answers a blank choice would fall back on (its default_if_given).
    left_out = {field, *(questions().questions[field].default_if_given or {})}
    for lang, words in (("en", "Please fill in"), ("es", "Por favor, complete")):
        answer = json.loads(handle_json(json.dumps({"kind": "letter", "type": letter_type, "lang": lang,
                                                    "answers": {k: v for k, v in ANSWERS[letter_type].items()
                                                                if k not in left_out}})))
        assert answer["error"]["code"] == "field-missing" and answer["error"]["field"] == field
        label = questions().questions[field].called[lang]
        assert answer["error"]["message"] == f"{words} “{label}”."  # the field's words, not its key


@pytest.mark.parametrize("letter_type, changes, code, field", [
    ("access", {"patient_birth_date": "03/04/1980"}, "field-date-malformed", "patient_birth_date"),
    ("access", {"sent_date": "2026-02-30"}, "field-date-no-day", "sent_date"),
    ("access", {"sent_date": "2026-13-01"}, "field-date-no-month", "sent_date"),
    ("access", {"patient_birth_date": "2030-01-01"}, "birth-date-after-letter", "patient_birth_date"),
    ("access", {"copy_form": "fax"}, "choice-unknown", "copy_form"),
    ("access", {"purpose": "lawsuit"}, "choice-unknown", "purpose"),
    ("access", {"delivery": "email", "copy_form": "electronic"}, "field-missing", "patient_email"),
    ("access", {"delivery": "mail", "copy_form": "electronic"}, "choice-unknown", "delivery"),
    ("access", {"delivery": "email", "copy_form": "paper"}, "choice-unknown", "delivery"),
    ("access", {"received_date": "2026-06-01"}, "received-before-sent", "received_date"),
    ("access", {"received_date": "2014-12-31", "sent_date": "2014-12-30"}, "date-before-coverage", "received_date"),
    ("access", {"records": "x" * 2001}, "text-too-long", "records"),
    ("access", {"patient_name": 42}, "field-not-text", "patient_name"),
    ("follow-up", {"delay_notice": "yes"}, "field-not-yes-no", "delay_notice"),
    ("follow-up", {"request_type": "amend"}, "choice-unknown", "request_type"),
    ("disagreement", {"refusal_date": "2026-12-24"}, "refusal-after-letter", "refusal_date"),
])
def test_malformed_answers_get_a_code_and_the_field(letter_type, changes, code, field):
    error = error_of(letter_type, **changes)
    assert (error.code, error.field) == (code, field)


def test_control_characters_are_removed_and_line_breaks_kept():
    built = letter("access", records="Lab results\r\nand \x1b[31mX-rays\u202e")
    assert "Lab results\nand [31mX-rays" in built.english and "\x1b" not in built.english


def test_the_longest_allowed_answers_pass_the_json_boundary_even_fully_escaped():
    texts = [q for q in questions().for_letter("correction") if q.kind in ("text", "long-text")
             and not q.shown_if and not q.characters]  # a fax number holds digits only
    limit = max(q.limit for q in texts)
    answers = {**ANSWERS["correction"], **{q.name: "ñ" * q.limit for q in texts}}
    request = json.dumps({"kind": "letter", "type": "correction", "lang": "es", "answers": answers})  # \u00f1
    answer = json.loads(handle_json(request))
    assert "error" not in answer and answer["letter"].count("ñ" * limit) >= 3


@pytest.mark.parametrize("letter_type", LETTER_TYPES)
def test_every_letters_longest_answers_fit_the_json_boundary(letter_type):
    from calculator.inputs import MAX_REQUEST_CHARS
    texts = [q for q in questions().for_letter(letter_type) if q.kind in ("text", "long-text")]
    assert sum(q.limit for q in texts) * len("\\u00f1") + 10_000 < MAX_REQUEST_CHARS


def test_unknown_letter_and_non_object_answers_are_refused():
    for request, code in (({"kind": "letter", "type": "complaint", "answers": {}}, "letter-type-unknown"),
                          ({"kind": "letter", "type": "access", "answers": []}, "answers-not-object"),
                          ({"kind": "letter", "answers": {}}, "field-missing")):
        assert json.loads(handle_json(json.dumps(request)))["error"]["code"] == code


# The calendar file (RFC 5545).

def ics_of(letter_type: str, lang: str = "en", **changes) -> str:
    return calendar_file(letter(letter_type, lang, **changes))


def test_the_calendar_parses_and_has_all_day_events_on_the_due_extended_and_follow_up_dates():
    text = ics_of("access", received_date="2026-06-16")
    calendar = icalendar.Calendar.from_ical(text)
    events = sorted(calendar.walk("VEVENT"), key=lambda event: event.decoded("DTSTART"))
    starts = [event.decoded("DTSTART") for event in events]
    assert starts == [date(2026, 7, 9), date(2026, 7, 10), date(2026, 7, 17)]
    for event in events:
        assert event["DTSTART"].params.get("VALUE") == "DATE"
        assert event.decoded("DTEND") - event.decoded("DTSTART") == date(2026, 1, 2) - date(2026, 1, 1)
        assert event["UID"] and event["DTSTAMP"] and event.walk("VALARM")
    assert len({str(event["UID"]) for event in events}) == 3
    assert "Rainier Clinic" in str(events[0]["SUMMARY"])


def test_the_calendar_uses_crlf_and_folds_long_lines_at_75_octets():
    text = ics_of("access", "es", received_date="2026-06-16")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert any(line.startswith(" ") for line in lines)  # Spanish descriptions are long enough to fold
    assert "Vence la respuesta de Rainier Clinic" in icalendar.Calendar.from_ical(text).walk("VEVENT")[0]["SUMMARY"]


def test_folding_never_splits_a_character_and_unfolds_to_the_original():
    line = "DESCRIPTION:" + "ñandú é " * 30
    folded = fold(line)
    assert folded.replace("\r\n ", "") == line
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))


def test_a_follow_up_letter_calendar_reminds_to_get_help_after_the_letter():
    calendar = icalendar.Calendar.from_ical(ics_of("follow-up", delay_notice=True, sent_date="2026-07-20"))
    starts = sorted(event.decoded("DTSTART") for event in calendar.walk("VEVENT"))
    assert starts[:2] == [date(2026, 7, 9), date(2026, 7, 17)] and starts[2] > date(2026, 7, 20)


def test_letters_without_a_received_date_have_no_calendar():
    assert calendar_file(letter("access")) is None and calendar_file(letter("second-review")) is None


# The command line contract.

def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "calculator", "letter", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, encoding="utf-8")


def test_cli_prints_the_json_contract_from_stdin():
    result = run_cli("--type", "access", "--answers", "-", "--format", "json", "--lang", "es",
                     stdin=json.dumps({**ANSWERS["access"], "received_date": "2026-06-16"}))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert set(out) == {"type", "letter", "translation", "dates", "sources", "email", "fax_cover"}
    assert out["dates"]["due"] == "2026-07-09" and out["dates"]["extended_due"] == "2026-07-17"
    assert out["translation"].startswith("COPIA") and {"citation": "RCW 70.02.080", "confidence": "P"} in out["sources"]


def test_cli_text_html_and_ics_formats(tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({**ANSWERS["access"], "received_date": "2026-06-16"}), encoding="utf-8")
    text = run_cli("--type", "access", "--answers", str(answers)).stdout
    assert text.startswith("June 12, 2026") and "Sincerely," in text
    html = run_cli("--type", "access", "--answers", str(answers), "--format", "html", "--lang", "es").stdout
    assert html.startswith("<!DOCTYPE html>") and 'lang="es"' in html and "Ana López" in html
    ics = run_cli("--type", "access", "--answers", str(answers), "--format", "ics").stdout
    assert icalendar.Calendar.from_ical(ics).walk("VEVENT")


def test_cli_missing_answer_exits_2_with_one_line_naming_the_field_and_json_error():
    answers = {k: v for k, v in ANSWERS["correction"].items() if k != "reason"}
    result = run_cli("--type", "correction", "--answers", "-", "--lang", "es", "--format", "json",
                     stdin=json.dumps(answers))
    assert result.returncode == 2 and result.stderr.strip().count("\n") == 0
    assert "qué está mal, y por qué" in result.stderr
    assert json.loads(result.stdout)["error"]["field"] == "reason"


def test_cli_unreadable_answers_and_missing_calendar_exit_2():
    assert run_cli("--type", "access", "--answers", "-", stdin="{not json").returncode == 2
    result = run_cli("--type", "second-review", "--answers", "-", "--format", "ics",
                     stdin=json.dumps(ANSWERS["second-review"]))
    assert result.returncode == 2 and "received_date" in result.stderr


def test_text_output_puts_the_spanish_copy_after_the_english_letter():
    both = letter_text(letter("access", "es"))
    assert both.index("Dear Medical Records Office:") < both.index("Estimada oficina de expedientes médicos:")
    assert letter_json(letter("access"))["dates"] is None
