"""How a letter is signed and sent (issue 25): a typed "/s/ Name" signature or a line to sign by hand,
the English e-mail draft every letter answer carries, and the fax cover sheet with a checked fax number."""
from __future__ import annotations

import json

import pytest

from calculator import handle_json
from calculator.letters import LETTER_TYPES, build_letter
from calculator.questions import questions
from calculator.case import parse_case
from calculator.errors import CalculatorError
from tests.calculator.test_case import case, entry, timeline
from tests.calculator.test_letters import ANSWERS, letter, run_cli

FAX = "+1 (206) 555-0199"
PARENT = {"requester_role": "guardian", "requester_name": "Maria López", "requester_address": "12 Pine St, Tacoma"}


def _ask(letter_type: str, answers: dict, lang: str = "en") -> dict:
    return json.loads(handle_json(json.dumps({"kind": "letter", "type": letter_type, "lang": lang,
                                              "answers": answers})))


def _signature_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(("Signature:", "Firma:"))]


@pytest.mark.parametrize("letter_type", LETTER_TYPES)
def test_a_typed_signature_signs_the_letter_and_the_spanish_copy(letter_type):
    built = letter(letter_type, "es", signature="typed")
    assert _signature_lines(built.english) == ["Signature: /s/ Ana López"]
    assert _signature_lines(built.translation) == ["Firma: /s/ Ana López"]


def test_someone_writing_for_the_patient_types_their_own_name():
    built = letter("access", "es", signature="typed", **PARENT)
    assert _signature_lines(built.english) == ["Signature: /s/ Maria López"]
    assert "Maria López, for Ana López" in built.english


@pytest.mark.parametrize("letter_type", LETTER_TYPES)
def test_signing_by_hand_is_the_default_line(letter_type):
    built = letter(letter_type, "es")
    assert _signature_lines(built.english) == ["Signature: ______________________________"]
    assert _signature_lines(built.translation) == ["Firma: ______________________________"]
    assert "/s/" not in built.english


def test_the_send_copy_authorization_defaults_to_a_handwritten_signature_and_says_why():
    question = questions().questions["signature"]
    assert question.default == "handwritten" and question.choices[0].value == "handwritten"
    assert question.relabel["when"] == {"type": ["send-copy"]}
    for lang in ("en", "es"):  # the sheet's reading (RCW 1.80.040(2)), labelled as ours
        assert ("handwritten" if lang == "en" else "a mano") in question.relabel["label"][lang]
        assert ("our reading" if lang == "en" else "nuestra interpretación") in question.relabel["label"][lang]


def test_an_unknown_signature_choice_is_refused_at_the_field():
    answer = _ask("access", {**ANSWERS["access"], "signature": "scribble"}, "es")
    assert answer["error"]["field"] == "signature"


@pytest.mark.parametrize("letter_type", LETTER_TYPES)
def test_every_letter_answer_carries_an_english_email_draft(letter_type):
    answer = _ask(letter_type, ANSWERS[letter_type], "es")
    built = build_letter(letter_type, ANSWERS[letter_type], "es")
    assert answer["email"] == {"subject": f"{built.subject} (patient: Ana López)", "body": built.english, "to": ""}
    assert answer["email"]["body"] == answer["letter"] and "COPIA" not in answer["email"]["body"]


def test_the_cli_json_carries_the_email_draft_and_the_fax_cover():
    result = run_cli("--type", "correction", "--answers", "-", "--format", "json", "--lang", "es",
                     stdin=json.dumps({**ANSWERS["correction"], "provider_fax": FAX}))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["email"]["subject"] == "Request to correct my health care record (patient: Ana López)"
    assert out["email"]["body"] == out["letter"] and out["email"]["to"] == ""
    assert f"Fax number: {FAX}" in out["fax_cover"]


def test_a_fax_number_brings_a_cover_sheet_in_english():
    answer = _ask("access", {**ANSWERS["access"], "provider_fax": FAX, "patient_phone": "253-555-0100"}, "es")
    cover = answer["fax_cover"].splitlines()
    assert cover[0] == "FAX COVER SHEET"
    for line in ("Date: June 12, 2026", "To: Rainier Clinic", f"Fax number: {FAX}", "From: Ana López",
                 "My phone: 253-555-0100", "Number of pages, including this cover sheet: 2",
                 "Re: Request to see or get a copy of my health care records", "Please confirm receipt."):
        assert line in cover


def test_the_fax_cover_counts_a_longer_letter_s_pages():
    long_records = "\n".join(f"Visit notes {n}" for n in range(60))
    answer = _ask("access", {**ANSWERS["access"], "provider_fax": FAX, "records": long_records})
    assert "Number of pages, including this cover sheet: 4" in answer["fax_cover"]


def test_the_fax_cover_is_from_the_writer_when_someone_writes_for_the_patient():
    answer = _ask("access", {**ANSWERS["access"], **PARENT, "provider_fax": FAX})
    assert "From: Maria López" in answer["fax_cover"].splitlines()


def test_without_a_fax_number_there_is_no_cover_sheet():
    assert _ask("access", ANSWERS["access"])["fax_cover"] is None


@pytest.mark.parametrize("fax", ["206-555-0199 ext. 4", "fax: 2065550199", "()-+", "206\u2013555\u20130199"])
def test_a_fax_number_with_other_characters_is_refused_at_the_field(fax):
    for lang, words in (("en", "may hold only digits"), ("es", "solo puede tener números")):
        error = _ask("access", {**ANSWERS["access"], "provider_fax": fax}, lang)["error"]
        assert error["code"] == "field-bad-characters" and error["field"] == "provider_fax"
        assert words in error["message"] and "Error" not in error["message"]


def test_the_cli_refuses_a_bad_fax_number_with_exit_2_naming_the_field():
    result = run_cli("--type", "access", "--answers", "-", "--format", "json", "--lang", "es",
                     stdin=json.dumps({**ANSWERS["access"], "provider_fax": "call me"}))
    assert result.returncode == 2
    assert json.loads(result.stdout)["error"]["field"] == "provider_fax"
    plain = run_cli("--type", "access", "--answers", "-", stdin=json.dumps({**ANSWERS["access"], "provider_fax": "x"}))
    assert plain.returncode == 2 and "the provider's fax number" in plain.stderr and "Traceback" not in plain.stderr


def test_the_complaint_drafts_do_not_ask_for_the_provider_s_fax_or_email():
    for name in ("provider_fax", "provider_email"):
        asked = questions().questions[name].letters
        assert not {"complaint-ocr", "complaint-doh", "info-blocking"} & set(asked)
        assert {"access", "send-copy", "correction"} <= set(asked)


def test_the_email_draft_is_addressed_to_the_provider_s_email_when_given():
    answer = _ask("send-copy", {**ANSWERS["send-copy"], "provider_email": " records@rainier.example "})
    assert answer["email"]["to"] == "records@rainier.example"


def test_the_case_log_keeps_a_fax_sending_with_its_number():
    sent = entry("sent", "2026-10-01", letter="access", sent_by="fax", fax="(509) 555-0142")
    result = timeline(case(sent, entry("received", "2026-10-01")))
    assert "error" not in result
    log = questions().for_form("log")
    assert [q.saved_as for q in log if q.name in ("log_sent_by", "log_fax")] == ["sent_by", "fax"]
    assert "fax" in {choice.value for choice in questions().questions["log_sent_by"].choices}
    assert questions().questions["log_fax"].shown_if == {"log_event": ["sent"], "log_sent_by": ["fax"]}


def test_a_case_log_sending_by_an_unknown_way_is_refused():
    with pytest.raises(CalculatorError) as refused:
        parse_case(json.dumps(case(entry("sent", "2026-10-01", sent_by="pigeon"))))
    assert refused.value.code == "case-bad-choice" and refused.value.params["name"] == "sent_by"


# The Spanish copy's first line says what to do with the English: sign and send it, send it (already
# signed with a typed /s/ name), or file it (a draft goes to a government office, not to the provider).
@pytest.mark.parametrize("letter_type, signature, told", [
    ("access", "handwritten", "Firme y envíe la carta en inglés: es la que lee el proveedor."),
    ("access", "typed", "Envíe la carta en inglés: es la que lee el proveedor."),
    ("complaint-ocr", "handwritten", "Presente el borrador en inglés: es el que lee la oficina del gobierno."),
    ("info-blocking", "typed", "Presente el borrador en inglés: es el que lee la oficina del gobierno."),
])
def test_the_spanish_copy_says_what_to_do_with_the_english(letter_type, signature, told):
    copy = letter(letter_type, "es", signature=signature).translation
    first = copy.splitlines()[0]
    assert first.endswith(told), first
    assert ("Firme" in first) == (signature == "handwritten" and letter_type == "access")
