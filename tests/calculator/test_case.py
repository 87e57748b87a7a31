"""The case file (format "wa-medical-records-case", version 1) and the timeline worked out from its log.

Every date below is worked by hand from the rules in shared/legal-facts.md (section 7: day 0 is the day
of receipt; working days skip weekends and Washington legal holidays; 10-day counts roll forward;
federal counts do not), not read from the code.
"""
import copy
import json
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest

from calculator.answers import answer
from calculator.boundary import handle_json
from calculator.case import FORMAT, MAX_CASE_CHARS, VERSION, answers_from_log, parse_case
from calculator.errors import CalculatorError
from calculator.letters import build_letter
from calculator.questions import questions
from calculator.words import error_message

ROOT = Path(__file__).resolve().parents[2]

PERSON = {"patient_name": "Ana Ruiz", "patient_birth_date": "1980-03-04", "patient_address": "1 Main St\nSpokane, WA",
          "provider_name": "Valley Clinic", "provider_address": "2 Oak Ave\nSpokane, WA",
          "records": "All my records from 2025", "copy_form": "electronic", "delivery": "email",
          "patient_email": "ana@example.org", "sent_date": "2026-10-01"}


def case(*log, answers=None, letters=()):
    return {"format": FORMAT, "version": VERSION, "answers": dict(PERSON if answers is None else answers),
            "log": list(log), "letters": list(letters)}


def entry(event, day, request="access", **more):
    return {"event": event, "date": day, "request": request, **more}


# The example: a request received Monday 2026-10-05.
RECEIVED = entry("received", "2026-10-05")
SENT = entry("sent", "2026-10-01", letter="access", how="certified mail to the records office")


def timeline(the_case, today="2026-12-02", lang="en"):
    return answer({"kind": "case", "case": the_case, "today": today, "lang": lang})


def milestones(result, index=0):
    return {m["id"]: m for m in result["requests"][index]["milestones"]}


# ---- Hand-worked timelines ----

def test_a_request_received_monday_october_5_is_due_monday_october_26():
    result = timeline(case(SENT, RECEIVED), today="2026-10-20")
    dates = milestones(result)
    assert dates["received"]["date"] == "2026-10-05"
    assert dates["due"]["date"] == "2026-10-26"  # 15 working days: Oct 6-9, 12-16, 19-23, 26
    assert dates["extended-due"]["date"] == "2026-11-03"  # 21: Oct 27-30, Nov 2, 3
    assert dates["follow-up"]["date"] == "2026-10-27"  # the next working day
    request = result["requests"][0]
    assert request["status"] == "waiting"
    assert request["headline"] == "The provider must answer by Monday, October 26, 2026. Due in 4 working days."
    assert dates["due"]["status_text"] == "Due in 4 working days."  # Oct 21, 22, 23, 26
    assert request["next"]["letter"] is None
    steps = [step["text"] for step in dates["due"]["steps"]]
    assert steps[0].startswith("The provider got your request on Monday, October 5, 2026")
    assert steps[-1] == "Day 15 is Monday, October 26, 2026."


def test_with_no_answer_on_december_2_the_request_is_overdue_and_the_follow_up_is_offered():
    request = timeline(case(SENT, RECEIVED))["requests"][0]
    assert request["status"] == "overdue"
    assert "overdue since Tuesday, October 27, 2026" in request["headline"]
    assert request["next"]["letter"] == "follow-up"
    assert request["next"]["answers"] == {"received_date": "2026-10-05", "request_type": "access",
                                          "delay_notice": False, "sent_date": "2026-12-02"}
    dates = milestones(timeline(case(SENT, RECEIVED)))
    assert dates["due"]["status_text"] == "Overdue since Tuesday, October 27, 2026."
    # HIPAA's date is 30 calendar days after Oct 5: Wednesday, November 4. OCR's 180 days count from the
    # day after it (Nov 5): Nov 5 + 180 = May 4, 2027, no roll (federal; legal-facts.md section 8).
    assert dates["federal-due"]["date"] == "2026-11-04"
    assert dates["ocr-last-day"]["date"] == "2027-05-04"
    assert dates["ocr-last-day"]["status_text"] == "In 153 days."


def test_a_delay_notice_of_november_3_came_late_and_does_not_move_the_date():
    """The written notice is one of the answers due by the 15th working day (RCW 70.02.080(1)(d)); our
    reading: one that comes after it gives the provider no more time."""
    result = timeline(case(SENT, RECEIVED, entry("delay-notice", "2026-11-03")))
    request, dates = result["requests"][0], milestones(result)
    assert dates["extended-due"]["date"] == "2026-11-03"
    assert dates["extended-due"]["text"].startswith("Latest date, only if the provider writes")
    assert "came after the answer was due (Monday, October 26, 2026)" in dates["delay-notice"]["text"]
    assert "Our reading: a notice this late does not give the provider more time." in dates["delay-notice"]["text"]
    assert "overdue since Tuesday, October 27, 2026" in request["headline"]
    assert request["next"]["answers"]["delay_notice"] is False
    # Late for Washington, but within HIPAA's first 30 days: HIPAA's one extension (our reading), so the
    # federal date is day 60, Friday, December 4, and OCR's count starts the day after.
    assert dates["federal-due"]["date"] == "2026-12-04" and "wrote within 30 days" in dates["federal-due"]["text"]
    assert dates["ocr-last-day"]["date"] == "2027-06-03"  # Dec 5 + 180 days


def test_a_notice_in_time_moves_the_date_and_the_180_days_count_from_the_day_after_it():
    result = timeline(case(RECEIVED, entry("delay-notice", "2026-10-20")))
    dates = milestones(result)
    assert "came after" not in dates["delay-notice"]["text"]
    assert dates["extended-due"]["text"].startswith("Latest date, because the provider wrote")
    assert "overdue since Wednesday, November 4, 2026" in result["requests"][0]["headline"]
    assert result["requests"][0]["next"]["answers"]["delay_notice"] is True
    assert dates["ocr-last-day"]["date"] == "2027-06-03"  # the day after HIPAA's day 60 (Dec 4) + 180 days


def test_a_follow_up_sent_waits_ten_working_days_then_offers_the_complaint():
    log = (SENT, RECEIVED, entry("sent", "2026-11-02", letter="follow-up"))
    waiting = timeline(case(*log), today="2026-11-10")["requests"][0]
    assert waiting["status"] == "followed-up"
    # 10 working days after Mon Nov 2: Nov 3-6, 9, 10, 12 (Nov 11 Veterans Day skipped), 13, 16, 17.
    assert milestones(timeline(case(*log), today="2026-11-10"))["after-follow-up"]["date"] == "2026-11-17"
    assert "until Tuesday, November 17, 2026" in waiting["next"]["text"]
    late = timeline(case(*log), today="2026-12-02")["requests"][0]
    assert late["status"] == "no-answer-to-follow-up" and late["next"]["letter"] == "complaint-ocr"


def test_after_a_refusal_for_harm_the_next_step_is_the_second_review():
    refusal = entry("refusal", "2026-10-20", grounds="harm")
    request = timeline(case(RECEIVED, refusal))["requests"][0]
    assert request["status"] == "refusal"
    assert request["next"]["letter"] == "second-review"
    assert request["next"]["answers"] == {"refusal_date": "2026-10-20", "sent_date": "2026-12-02"}
    assert "RCW 70.02.090(3)" in request["next"]["text"] and "no last day" in request["next"]["text"]
    assert milestones(timeline(case(RECEIVED, refusal)))["ocr-last-day"]["date"] == "2027-04-18"  # Oct 20 + 180


@pytest.mark.parametrize("lang, both, federal, arranged", [
    ("en", "you may use both", "reviews it (45 CFR 164.524(a)(4))", "you arrange for that provider to be paid"),
    ("es", "puede usar las dos", "la revisa (45 CFR 164.524(a)(4))", "usted se encarga de que a ese proveedor se le pague")])
def test_after_a_refusal_for_harm_both_review_routes_are_offered(lang, both, federal, arranged):
    """Legal-facts.md section 4: Washington's review by a provider the person chooses (they arrange its
    pay), and HIPAA's by a professional the provider designates; the person may use both."""
    text = timeline(case(RECEIVED, entry("refusal", "2026-10-20", grounds="harm")), lang=lang)["requests"][0]["next"]["text"]
    assert both in text and federal in text and arranged in text and "RCW 70.02.090(3)" in text
    assert "arrange and pay" not in text and "encarga de pagar" not in text


def test_a_refusal_for_another_reason_offers_the_ocr_complaint_with_the_day_of_the_refusal():
    request = timeline(case(RECEIVED, entry("refusal", "2026-10-20")))["requests"][0]
    assert request["next"]["letter"] == "complaint-ocr"
    assert request["next"]["answers"]["problem_date"] == "2026-10-20"


def test_after_a_refused_correction_the_next_step_is_the_statement_of_disagreement():
    log = (entry("received", "2026-10-05", "correction"), entry("refusal", "2026-10-14", "correction"))
    result = timeline(case(*log))
    request, dates = result["requests"][0], milestones(result)
    assert dates["due"]["date"] == "2026-10-15"  # 10 calendar days, a Thursday: no roll
    assert dates["extended-due"]["date"] == "2026-10-26"  # 21 days = Oct 26, a Monday
    assert request["status"] == "refusal" and request["next"]["letter"] == "disagreement"
    assert request["next"]["answers"]["refusal_date"] == "2026-10-14"
    assert "RCW 70.02.110(2)" in request["next"]["text"]


def test_a_correction_due_on_a_holiday_rolls_to_the_next_working_day():
    # Received Sun 2026-11-01: day 10 is Wed Nov 11, Veterans Day, so it moves to Thu Nov 12 (RCW 1.12.040).
    dates = milestones(timeline(case(entry("received", "2026-11-01", "correction")), today="2026-11-01"))
    assert dates["due"]["date"] == "2026-11-12"
    assert dates["due"]["status_text"] == "Due in 11 days."


def test_a_partial_answer_offers_the_reply_for_the_rest():
    request = timeline(case(RECEIVED, entry("partial", "2026-10-22")))["requests"][0]
    assert request["next"]["letter"] == "reply"
    assert request["next"]["answers"]["situation"] == "partial"
    assert request["next"]["answers"]["reply_date"] == "2026-10-22"


def test_a_provider_reply_offers_the_reply_letter_for_what_it_said():
    request = timeline(case(RECEIVED, entry("reply", "2026-10-09", situation="unpaid-bill")))["requests"][0]
    assert request["next"]["letter"] == "reply" and request["next"]["answers"]["situation"] == "unpaid-bill"


def test_an_answered_request_is_done_and_has_no_complaint_date():
    result = timeline(case(RECEIVED, entry("answer", "2026-10-20")))
    assert result["requests"][0]["status"] == "answer" and result["requests"][0]["next"]["letter"] is None
    assert "ocr-last-day" not in milestones(result)


def test_a_request_sent_but_not_yet_known_to_have_arrived_asks_for_that_day():
    request = timeline(case(SENT))["requests"][0]
    assert request["status"] == "not-received"
    assert "Add the day it arrived" in request["headline"]


def test_the_most_urgent_request_comes_first():
    log = (entry("received", "2026-11-30", "correction"), SENT, RECEIVED)
    result = timeline(case(*log))
    assert [r["request"] for r in result["requests"]] == ["access", "correction"]
    assert result["next"]["letter"] == "follow-up"


def test_an_empty_log_says_where_to_start():
    result = timeline(case())
    assert result["requests"] == [] and result["next"] is None
    assert result["empty_text"].startswith("Your log is empty")


def test_the_timeline_is_in_spanish_with_the_same_dates():
    english, spanish = timeline(case(SENT, RECEIVED)), timeline(case(SENT, RECEIVED), lang="es")
    assert [m["date"] for m in english["requests"][0]["milestones"]] == \
        [m["date"] for m in spanish["requests"][0]["milestones"]]
    assert spanish["requests"][0]["headline"].startswith("La respuesta está atrasada desde el martes 27 de octubre")
    assert "overdue" not in json.dumps(spanish["requests"][0]["milestones"], ensure_ascii=False).lower()


def test_the_same_case_through_the_json_boundary_as_file_text():
    text = json.dumps(case(SENT, RECEIVED))
    through = json.loads(handle_json(json.dumps({"kind": "case", "case": text, "today": "2026-12-02", "lang": "en"})))
    assert through == json.loads(json.dumps(timeline(case(SENT, RECEIVED))))


def test_answers_from_the_log_feed_the_next_letter():
    the_case = case(SENT, RECEIVED, answers={**PERSON, "sent_date": "2026-12-02"})
    answers = {**the_case["answers"], **answers_from_log(the_case, "follow-up")}
    built = answer({"kind": "letter", "type": "follow-up", "answers": answers, "lang": "en"})
    assert "on October 5, 2026" in built["letter"] and "by Monday, October 26, 2026" in built["letter"]


# ---- Today, in every deadline answer ----

def test_a_deadline_answer_given_today_says_the_date_has_passed_and_offers_the_next_steps():
    result = answer({"kind": "deadline", "rule": "access", "date": "2026-10-05", "today": "2026-12-02", "lang": "en"})
    today = result["today"]
    assert today["passed"] is True
    assert today["text"].startswith("This date has passed. If by Monday, October 26, 2026 the provider has neither "
                                    "answered nor written that it needs more time, it is late.")
    assert "Our reading: the last day to complain" in today["text"]
    assert "The federal (HIPAA) date, Wednesday, November 4, 2026, has passed too" in today["text"]
    assert [step["letter"] for step in today["next"]] == ["follow-up", "complaint-ocr"]
    assert today["ocr_last_day"] == "2027-05-04" and "Tuesday, May 4, 2027" in today["text"]


def test_a_deadline_answer_before_the_date_counts_the_working_days_left():
    result = answer({"kind": "deadline", "rule": "access", "date": "2026-10-05", "today": "2026-10-20", "lang": "es"})
    assert result["today"] == {"passed": False, "text": "Vence en 4 días hábiles.", "next": [], "ocr_last_day": None}
    assert answer({"kind": "deadline", "rule": "access", "date": "2026-10-05", "today": "2026-10-26",
                   "lang": "en"})["today"]["text"] == "Due today."


def test_the_pfml_deadline_says_it_has_passed_but_offers_no_letter_and_no_ocr_date():
    """The 7-day PFML rule is state law (2024 c 150); nothing ties it to a HIPAA complaint."""
    result = answer({"kind": "deadline", "rule": "pfml-certification", "date": "2026-10-05", "today": "2026-12-02",
                     "lang": "en"})
    assert result["today"]["passed"] is True and result["today"]["next"] == []
    assert result["today"]["ocr_last_day"] is None and "Office for Civil Rights" not in result["today"]["text"]
    assert result["today"]["text"] == "This date has passed. If the provider has not answered by Monday, October 12, 2026, it is late."


def test_a_deadline_answer_without_today_is_unchanged():
    assert "today" not in answer({"kind": "deadline", "rule": "access", "date": "2026-10-05", "lang": "en"})


# ---- The calendar ladder ----

def ladder(the_case, today="2026-12-02", lang="en"):
    content = answer({"kind": "case", "case": the_case, "today": today, "lang": lang, "format": "ics"})["content"]
    return icalendar.Calendar.from_ical(content)


def test_the_calendar_holds_every_date_of_the_ladder_each_with_a_reminder():
    events = ladder(case(SENT, RECEIVED), today="2026-10-06").walk("VEVENT")
    dates = {str(event["SUMMARY"]): event["DTSTART"].dt.isoformat() for event in events}
    assert dates == {"Answer due: Your request to see or get your records": "2026-10-26",
                     "Follow up if no answer: Your request to see or get your records": "2026-10-27",
                     "Federal (HIPAA) date for the answer: Your request to see or get your records": "2026-11-04",
                     "Last day to complain to the Office for Civil Rights: Your request to see or get your records":
                         "2027-05-04"}
    for event in events:
        assert event["DTEND"].dt.toordinal() - event["DTSTART"].dt.toordinal() == 1  # all-day
        assert len(event.walk("VALARM")) == 1
        assert "Letters you can send" in str(event["DESCRIPTION"])


def test_a_calendar_made_after_a_date_marks_it_as_passed_without_a_reminder():
    events = ladder(case(SENT, RECEIVED, entry("delay-notice", "2026-10-20"))).walk("VEVENT")
    passed = [event for event in events if str(event["SUMMARY"]).startswith("(Passed) ")]
    assert {event["DTSTART"].dt.isoformat() for event in passed} == {"2026-10-26", "2026-11-03", "2026-11-04"}
    for event in passed:
        assert event.walk("VALARM") == [] and "had already passed on Wednesday, December 2, 2026" in str(event["DESCRIPTION"])
    future = [event for event in events if event not in passed]
    assert [event["DTSTART"].dt.isoformat() for event in future] == ["2026-12-04", "2027-06-03"]


def test_the_spanish_calendar_is_in_spanish():
    events = ladder(case(SENT, RECEIVED), lang="es").walk("VEVENT")
    assert all(str(event["SUMMARY"]).startswith(("(Ya pasó) ", "Último día")) for event in events)


def test_a_case_with_no_dates_has_no_calendar():
    with pytest.raises(CalculatorError) as raised:
        answer({"kind": "case", "case": case(SENT), "today": "2026-12-02", "lang": "en", "format": "ics"})
    assert raised.value.code == "case-no-dates"


def test_a_follow_up_letters_calendar_marks_its_past_due_dates():
    answers = {**PERSON, "received_date": "2026-10-05", "request_type": "access", "sent_date": "2026-12-02"}
    content = answer({"kind": "letter", "type": "follow-up", "answers": answers, "lang": "en", "format": "ics"})["content"]
    events = icalendar.Calendar.from_ical(content).walk("VEVENT")
    marked = {event["DTSTART"].dt.isoformat(): str(event["SUMMARY"]).startswith("(Passed) ") for event in events}
    assert marked["2026-10-26"] is True and list(marked.values()).count(False) == 1
    last = [event for event in events if not str(event["SUMMARY"]).startswith("(Passed)")][0]
    assert "What if the provider doesn't follow the law?" in str(last["DESCRIPTION"])


# ---- Reading a case file ----

def test_open_then_save_gives_back_the_same_content():
    original = case(SENT, RECEIVED, entry("refusal", "2026-10-20", grounds="harm", note="Said it could upset me."),
                    letters=[{"type": "access", "made": "2026-10-01", "letter": "Dear Records Office…", "translation": None}])
    text = json.dumps(original, ensure_ascii=False, indent=2)
    assert parse_case(text) == original
    assert json.loads(json.dumps(parse_case(text))) == original


def test_a_hand_written_case_with_only_the_required_parts_is_read():
    assert parse_case('{"format": "wa-medical-records-case", "version": 1}')["version"] == 1
    result = timeline({"format": FORMAT, "version": 1, "log": [{"event": "received", "date": "2026-10-05"}]})
    assert result["requests"][0]["request"] == "access"  # the log form's default


def bad(text_or_case):
    text = text_or_case if isinstance(text_or_case, str) else json.dumps(text_or_case)
    with pytest.raises(CalculatorError) as raised:
        parse_case(text)
    return raised.value


MALFORMED = {
    "broken JSON": ('{"format": "wa-medical-records-case", "version": 1, "log": [', "case-not-json"),
    "not JSON at all": ("%PDF-1.7 binary", "case-not-json"),
    "another file": (json.dumps({"name": "my photos"}), "case-not-ours"),
    "a list": ("[1, 2, 3]", "case-not-ours"),
    "a newer version": (json.dumps({**case(), "version": 3}), "case-newer-version"),
    "version as text": (json.dumps({**case(), "version": "1"}), "case-wrong-type"),
    "log not a list": (json.dumps({**case(), "log": {"event": "sent"}}), "case-wrong-type"),
    "entry not an object": (json.dumps(case("sent")), "case-wrong-type"),
    "unknown event": (json.dumps(case(entry("lost", "2026-10-05"))), "case-bad-choice"),
    "impossible date": (json.dumps(case(entry("received", "2026-02-30"))), "case-bad-date"),
    "date as a number": (json.dumps(case(entry("received", 20261005))), "case-bad-date"),
    "missing date": (json.dumps(case({"event": "received"})), "case-missing"),
    "unknown entry name": (json.dumps(case({**RECEIVED, "colour": "red"})), "case-unknown-name"),
    "note too long": (json.dumps(case({**RECEIVED, "note": "x" * 1001})), "case-text-too-long"),
    "answer of the wrong type": (json.dumps(case(answers={"patient_name": 42})), "case-wrong-type"),
    "yes-no as text": (json.dumps(case(answers={"delay_notice": "yes"})), "case-wrong-type"),
    "unknown answer": (json.dumps(case(answers={"password": "x"})), "case-unknown-name"),
    "answer too long": (json.dumps(case(answers={"patient_name": "x" * 2001})), "case-text-too-long"),
    "letter of an unknown type": (json.dumps(case(letters=[{"type": "love", "letter": "x"}])), "case-bad-choice"),
    "letter without its text": (json.dumps(case(letters=[{"type": "access"}])), "case-wrong-type"),
    "too many entries": (json.dumps(case(*[RECEIVED] * 201)), "case-too-many"),
    "too big": ('{"format": "wa-medical-records-case", "version": 1, "answers": {"records": "'
                + "x" * MAX_CASE_CHARS + '"}}', "case-too-big"),
    "too deep": ('{"format": "wa-medical-records-case", "version": 1, "answers": {"a": [[[[[[1]]]]]]}}', "case-not-ours"),
    "unknown top-level name": (json.dumps({**case(), "extra": 1}), "case-unknown-name"),
}


@pytest.mark.parametrize("name", MALFORMED)
def test_each_malformed_file_gets_its_own_message_in_both_languages(name):
    text, code = MALFORMED[name]
    error = bad(text)
    assert error.code == code and error.field == "case"
    english, spanish = error_message(error, "en"), error_message(error, "es")
    assert english and spanish and english != spanish
    assert "{" not in english + spanish  # every placeholder filled


def test_a_malformed_entry_names_where_it_is():
    error = bad(case(SENT, entry("received", "2026-13-01")))
    assert error_message(error, "en").startswith("In log entry 2: “date” must be a date")
    assert error_message(error, "es").startswith("En la entrada 2 del registro:")


def test_a_malformed_case_through_the_boundary_is_an_error_in_the_pages_language():
    reply = json.loads(handle_json(json.dumps({"kind": "case", "case": "{", "today": "2026-12-02", "lang": "es"})))
    assert reply["error"]["code"] == "case-not-json" and reply["error"]["message"].startswith("No podemos leer")


def test_the_page_case_limit_fits_through_the_boundary():
    from calculator.inputs import MAX_REQUEST_CHARS
    worst = json.dumps({"kind": "case", "case": '"' * MAX_CASE_CHARS, "today": "2026-12-02", "lang": "en"})
    assert len(worst) < MAX_REQUEST_CHARS


def test_today_is_required_and_checked():
    for today, code in ((None, "field-missing"), ("12/02/2026", "field-date-malformed"), ("2026-02-30", "field-date-no-day")):
        with pytest.raises(CalculatorError) as raised:
            answer({"kind": "case", "case": case(), "today": today, "lang": "en"})
        assert raised.value.code == code and raised.value.field == "today"


# ---- The command line ----

def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "calculator", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", input=stdin)


@pytest.fixture
def case_file(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case(SENT, RECEIVED, answers={**PERSON, "sent_date": "2026-12-02"})), encoding="utf-8")
    return path


def test_cli_case_prints_the_timeline_and_the_next_step(case_file):
    result = run("case", "--file", str(case_file), "--today", "2026-12-02")
    assert result.returncode == 0 and result.stderr == ""
    out = result.stdout
    assert out.startswith("Today is Wednesday, December 2, 2026.")
    assert "overdue since Tuesday, October 27, 2026" in out and "Next: send the follow-up letter." in out
    assert f"python -m calculator letter --type follow-up --case {case_file} --today 2026-12-02" in out
    assert "The answer is due: Monday, October 26, 2026." in out


def test_cli_case_json_is_the_pages_answer(case_file):
    result = run("case", "--file", str(case_file), "--today", "2026-12-02", "--format", "json", "--lang", "es")
    printed = json.loads(result.stdout)
    expected = timeline(json.loads(case_file.read_text()), lang="es")
    assert printed == json.loads(json.dumps(expected))


def test_cli_case_ics_reads_back(case_file):
    result = run("case", "--file", str(case_file), "--today", "2026-10-06", "--format", "ics")
    assert len(icalendar.Calendar.from_ical(result.stdout).walk("VEVENT")) == 4


def test_cli_case_refuses_a_broken_file_with_one_line_and_status_2():
    result = run("case", "--file", "-", "--today", "2026-12-02", "--lang", "es", stdin='{"format": ')
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip().startswith("No podemos leer este archivo") and "Traceback" not in result.stderr


def test_cli_letter_from_a_case_file_uses_its_answers_and_its_log(case_file):
    result = run("letter", "--type", "follow-up", "--case", str(case_file))
    assert result.returncode == 0, result.stderr
    assert "You received my written request for my health care records on October 5, 2026." in result.stdout
    dated = run("letter", "--type", "follow-up", "--case", str(case_file), "--today", "2026-12-03")
    assert dated.stdout.startswith("December 3, 2026")


def test_cli_letter_takes_answers_or_a_case_not_both(case_file):
    result = run("letter", "--type", "access", "--case", str(case_file), "--answers", str(case_file))
    assert result.returncode == 2 and "Check the options" in result.stderr


def test_cli_help_names_the_case_command():
    out = run("-h").stdout
    assert "python -m calculator case --file FILE --today YYYY-MM-DD" in out and "--case FILE" in out
    assert "python -m calculator case --file ARCHIVO --today AAAA-MM-DD" in run("-h", "--lang", "es").stdout


def test_the_case_deep_copy_is_not_changed_by_reading():
    original = case(SENT, RECEIVED)
    kept = copy.deepcopy(original)
    timeline(original)
    assert original == kept


# ---- Every state knows its next step (issue 23: the case stopped after a reply letter) ----

def _log_events():
    """Each event the log form offers, with each letter for "sent" and each reason for "refusal"
    (data/questions.toml [form.log]), as (event, extra answers)."""
    form = {q.name: q for q in questions().for_form("log")}
    events = []
    for choice in form["log_event"].choices:
        if choice.value == "sent":
            events += [("sent", {"letter": letter}) for letter in questions().letters]
        elif choice.value == "refusal":
            events += [("refusal", {"grounds": grounds.value}) for grounds in form["log_grounds"].choices]
        elif choice.value == "reply":
            events.append(("reply", {"situation": form["log_situation"].choices[0].value}))
        else:
            events.append((choice.value, {}))
    return events


LOG_EVENTS = _log_events()
# Refusals that come from the letter's time or the writer, not from a missing answer the person can give.
NOT_YET_OR_NOT_YOURS = ("follow-up-too-early", "complaint-ocr-too-early", "parent-of-adult")


def _next(log, today):
    request = timeline(case(*log), today=today)["requests"][0]
    return request["status"], request["next"]


@pytest.mark.parametrize("request_type", ["access", "correction"])
def test_no_state_reached_in_two_steps_repeats_its_own_next_step(request_type):
    """Every sequence of two log events after the request arrived: if the next step names a letter, the
    person sends it (logged that day); the next step then, and 60 days later once our suggested waits are
    over, is never the same letter again. The offered letter builds from the log's answers without a
    "too early" or "not yours to send" refusal."""
    received = entry("received", "2026-10-05", request_type)
    today, later = "2026-12-20", "2027-02-18"
    walked = 0
    for first in LOG_EVENTS:
        for second in LOG_EVENTS:
            log = [received, entry(first[0], "2026-10-07", request_type, **first[1]),
                   entry(second[0], "2026-10-09", request_type, **second[1])]
            status_before, step = _next(log, today)
            if not step["letter"]:
                continue
            try:
                build_letter(step["letter"], {**PERSON, **step["answers"]})
            except CalculatorError as error:
                assert error.code not in NOT_YET_OR_NOT_YOURS, (first, second, step["letter"], error.code)
            done = log + [entry("sent", today, request_type, letter=step["letter"])]
            for when in (today, later):
                status_after, after = _next(done, when)
                assert (after["step"], after["letter"]) != (step["step"], step["letter"]), \
                    (first, second, status_before, step["step"], when, status_after)
            walked += 1
    assert walked > 20  # the walk reached many states that offer a letter


def test_after_a_partial_answer_and_a_reply_letter_the_case_waits_then_offers_the_follow_up():
    log = (SENT, RECEIVED, entry("partial", "2026-10-15"), entry("sent", "2026-10-16", letter="reply"))
    waiting = timeline(case(*log), today="2026-10-20")["requests"][0]
    assert waiting["status"] == "replied" and waiting["next"]["letter"] is None
    # 10 working days after Fri Oct 16 is Oct 30; not before the provider's last day (Mon Oct 26).
    assert "until Friday, October 30, 2026" in waiting["next"]["text"] and "our suggestion" in waiting["next"]["text"]
    late = timeline(case(*log), today="2026-11-02")["requests"][0]
    assert late["status"] == "no-answer-to-reply" and late["next"]["letter"] == "follow-up"
    after = timeline(case(*log, entry("sent", "2026-11-02", letter="follow-up")), today="2026-11-03")["requests"][0]
    assert after["status"] == "followed-up"


def test_a_correction_with_no_answer_on_day_46_offers_no_ocr_step_and_shows_hipaas_date():
    """Correction received Mon 2026-10-05: Washington's 10 days end Thu Oct 15; HIPAA's 60 days end Fri
    Dec 4 (legal-facts.md section 7). Day 46 is Fri Nov 20: a follow-up was sent and its wait is over,
    but OCR acts only after HIPAA's date."""
    log = (entry("received", "2026-10-05", "correction"), entry("sent", "2026-10-19", "correction", letter="follow-up"))
    for lang, words in (("en", ("Friday, December 4, 2026", "Office for Civil Rights acts only after that date")),
                        ("es", ("viernes 4 de diciembre de 2026", "actúa solo después de esa fecha"))):
        result = timeline(case(*log), today="2026-11-20", lang=lang)
        request = result["requests"][0]
        assert request["status"] == "waiting-federal" and request["next"]["letter"] is None
        assert all(word in request["next"]["text"] for word in words), request["next"]["text"]
        assert "may complain" not in request["next"]["text"] and "puede presentar una queja" not in request["next"]["text"]
        assert milestones(result)["federal-due"]["date"] == "2026-12-04"
    after = timeline(case(*log), today="2026-12-05")["requests"][0]
    assert after["status"] == "no-answer-to-follow-up" and "Office for Civil Rights" in after["next"]["text"]


def test_an_access_case_with_a_timely_notice_offers_no_ocr_draft_before_day_60():
    """Received Oct 5, a written notice Oct 20: Washington's latest date Nov 3 has passed on day 46 (Nov 20)
    and a follow-up is unanswered, but HIPAA's extended date is Dec 4."""
    log = (RECEIVED, entry("delay-notice", "2026-10-20"), entry("sent", "2026-11-04", letter="follow-up"))
    request = timeline(case(*log), today="2026-11-20")["requests"][0]
    assert request["status"] == "waiting-federal" and request["next"]["letter"] is None
    opened = timeline(case(*log), today="2026-12-05")["requests"][0]
    assert opened["next"]["letter"] == "complaint-ocr" and opened["next"]["answers"]["delay_notice"] is True


def test_the_ocr_last_day_is_the_same_in_the_case_and_in_the_draft_made_from_it():
    """One function counts it (deadlines.ocr_last_day): the timeline's date and the draft built from the
    log's answers (what the page's button and the CLI's --case give the builder) agree."""
    for log in ((RECEIVED,), (RECEIVED, entry("delay-notice", "2026-10-20")),
                (RECEIVED, entry("refusal", "2026-10-20", grounds="other"))):
        the_case = case(*log)
        last_day = milestones(timeline(the_case, today="2026-12-20"))["ocr-last-day"]["date"]
        draft = build_letter("complaint-ocr", {**PERSON, "complaint_what": "No answer.", "sent_date": "2026-12-20",
                                               **answers_from_log(the_case, "complaint-ocr")})
        assert draft.file_by.isoformat() == last_day, log


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_step_with_a_letter_has_a_short_button_in_each_language(lang):
    """The case's button says the step in a few words ("Write the letter: ask for the rest"), not the
    letter type's whole label (issue 31, item 8): every state the two-event walk reaches that offers a
    letter has its words, short, and different from the letter's label."""
    received = entry("received", "2026-10-05")
    seen = {}
    for first in LOG_EVENTS:
        for second in LOG_EVENTS:
            log = [received, entry(first[0], "2026-10-07", **first[1]), entry(second[0], "2026-10-09", **second[1])]
            request = timeline(case(*log), today="2026-12-20", lang=lang)["requests"][0]
            if request["next"]["letter"]:
                seen[request["next"]["step"]] = (request["next"]["letter"], request["next"]["button"])
    assert {"overdue", "partial", "reply", "refusal-harm", "refusal-other"} <= set(seen)
    for step, (letter, button) in seen.items():
        assert button and len(button.split()) <= 9, (step, button)
        assert button != questions().letters[letter]["label"][lang], step
    partial = timeline(case(RECEIVED, entry("partial", "2026-10-15")), today="2026-10-20", lang=lang)
    assert partial["requests"][0]["next"]["button"] == {"en": "Write the letter: ask for the rest",
                                                        "es": "Escribir la carta: pedir el resto"}[lang]
