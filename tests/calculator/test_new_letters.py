"""The letters beyond a first request (shared/legal-facts.md sections 11-14): sending records to someone
else, answering a provider's pushback, writing for someone else, and complaint drafts. Each sentence
rests on a sheet row at its confidence: S rows say "HHS says", I rows "As I read the law"."""
from __future__ import annotations

import json
from datetime import date, timedelta

import icalendar
import pytest

from calculator import handle_json
from calculator.ics import calendar_file
from calculator.errors import CalculatorError
from calculator.law import law, letter_words
from calculator.letters import build_letter, letter_dates_text
from calculator.writers import writers

from calculator.errors import CalculatorError
from calculator.questions import questions

from .test_letters import ANSWERS, PERSON


def letter(letter_type: str, lang: str = "en", **changes):
    return build_letter(letter_type, {**ANSWERS[letter_type], **changes}, lang)


# Sending records to someone else: a Washington and a HIPAA authorization in one.

def test_send_copy_has_the_six_elements_of_a_washington_authorization():
    """RCW 70.02.030(3): (a) in writing, dated and signed; (b) what information; (c) who receives it, with
    their affiliation; (d) who sends it; (e) the patient; (f) an expiration date or event."""
    english = letter("send-copy").english
    assert "Signature: ______" in english and "Date signed: ______" in english  # (a)
    assert "The records to send: All records since 2024." in english  # (b)
    assert "Send them to: Jordan Smith" in english  # (c), with the institutional affiliation
    assert "Their office, firm or agency: Smith Disability Law" in english
    assert "Where to send them: 1 Court St, Tacoma, WA 98402" in english
    assert "Who will send the records: Rainier Clinic, 400 Main St, Tacoma, WA 98402" in english  # (d)
    assert "Patient: Ana López. Date of birth: March 4, 1980." in english  # (e)
    assert "This authorization ends: when my SSI appeal is decided." in english  # (f)
    assert "RCW 70.02.030(3)" in english


def test_send_copy_has_the_hipaa_statements_and_the_fee_reading():
    english = letter("send-copy").english
    assert "45 CFR 164.508(c)" in english and "Purpose: at my request." in english
    assert "revoke" in english and "(RCW 70.02.040; 45 CFR 164.508(b)(5))" in english
    assert "may not make my treatment, payment, enrollment or eligibility for benefits depend" in english
    assert "may share them again, and then federal privacy rules may no longer protect them" in english
    assert "As I read the law, you may charge a reasonable fee for these copies, up to the Washington limits " \
           "(WAC 246-08-400)." in english
    assert "164.524(c)(3)(ii)" not in english  # paper: no electronic directive
    assert "164.524(c)(3)(ii)" in letter("send-copy", copy_form="electronic").english


def test_send_copy_for_an_ssi_appeal_tells_the_person_the_free_copy_is_theirs_to_pass_on():
    for lang, words in (("en", "Ask for your own free copy"), ("es", "Pida su propia copia gratis")):
        lines = letter_dates_text(letter("send-copy", lang, ssa_appeal=True))
        assert any(words in line for line in lines)
    assert not any("SSI" in line for line in letter_dates_text(letter("send-copy")))


# Answers to pushback: one per situation, each citing its rows, in both languages.

REPLY = letter_words()["reply"]
SITUATIONS = list(REPLY["situations"])
CONFIDENCE_WORDS = {"S": ("HHS says", "El HHS dice"), "I": ("As I read", "Según entiendo")}
# The Spanish copy names HHS's guidance in Spanish (issue 30, item 23); a law's name is the same.
SPANISH_NAMES = {"HHS access guidance": "guía del HHS sobre el acceso (HHS OCR)"}


def test_every_situation_on_the_sheet_has_a_reply():
    assert set(SITUATIONS) == {"own-form", "unpaid-bill", "in-person", "court-order", "partial", "hipaa-excuse",
                               "paper-only", "no-request-on-file", "not-found", "summary-only", "some-dates"}
    assert set(SITUATIONS) == {choice.value for choice in questions().questions["situation"].choices}


@pytest.mark.parametrize("situation", SITUATIONS)
def test_each_reply_restates_the_request_and_cites_its_rules_in_both_languages(situation):
    built = letter("reply", "es", situation=situation)
    for text in (built.english, built.translation):
        assert "2026" in text and ("Thursday, October 22, 2026" in text or "jueves 22 de octubre de 2026" in text)
    rights = law().rights
    for paragraph in REPLY["situations"][situation]:
        if "self" not in REPLY.get("for_roles", {}).get(paragraph, ["self"]):
            continue  # written only for someone else (its own test)
        for row in REPLY.get("cites", {}).get(paragraph, []):
            citation, confidence = rights[row]["citation"], rights[row]["confidence"]
            spanish = "; ".join(SPANISH_NAMES.get(part, part) for part in citation.split("; "))
            assert citation in built.english and spanish in built.translation, (paragraph, citation)
            if confidence in CONFIDENCE_WORDS:
                english_words, spanish_words = CONFIDENCE_WORDS[confidence]
                assert english_words in REPLY[paragraph]["en"] and spanish_words in REPLY[paragraph]["es"], paragraph


@pytest.mark.parametrize("situation", ["unpaid-bill", "in-person", "own-form"])
def test_the_spanish_copy_names_hhs_guidance_in_spanish_and_the_english_letter_is_unchanged(situation):
    built = letter("reply", "es", situation=situation)
    assert "HHS access guidance" in built.english and "HHS access guidance" not in built.translation
    assert "guía del HHS sobre el acceso (HHS OCR)" in built.translation
    assert any("HHS access guidance" in source["citation"] for source in built.sources)  # the JSON keeps the data's name


def test_a_reply_that_the_records_cannot_be_found_asks_rather_than_asserts():
    english = letter("reply", situation="not-found").english
    assert "Please search again, and tell me in writing which records do not exist" in english
    assert "RCW 70.02.080(1)(b)" in english


def test_a_reply_without_the_day_the_request_arrived_encloses_it():
    english = build_letter("reply", {**ANSWERS["reply"], "received_date": None}).english
    assert english.count("A copy of my request is enclosed.") == 1 and "was due by" not in english


@pytest.mark.parametrize("role", ["self", "parent", "personal-representative"])
@pytest.mark.parametrize("received", ["2026-10-01", None])
def test_a_reply_that_they_have_no_request_on_file_always_encloses_it_once(received, role):
    """Dated or not, for the patient or someone else: the answer to "we have no request on file" is the
    request itself (legal-facts.md section 12)."""
    people = {} if role == "self" else for_someone_else(role)
    built = letter("reply", "es", situation="no-request-on-file", received_date=received, **people)
    assert built.english.count("A copy of my request is enclosed.") == 1
    assert built.translation.count("Adjunto una copia de mi solicitud.") == 1


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_reply_to_a_demand_for_a_court_order_says_what_the_law_asks_instead(lang):
    """Legal-facts.md sections 12-13: a written request (RCW 70.02.080(1); 45 CFR 164.524(b)(1)); that no
    court order is needed is our reading, said as such; the patient's own letter says nothing of a death."""
    built = letter("reply", lang, situation="court-order")
    english = built.english
    assert "You told me you need a court order or a subpoena before you give me the records." in english
    assert "Washington law asks for a written request (RCW 70.02.080(1))." in english
    assert "may ask that the request be in writing (45 CFR 164.524(b)(1))" in english
    assert ("As I read the law, neither Washington law nor HIPAA requires a court order or a subpoena") in english
    assert "RCW 70.02.140" not in english and "164.502(g)(4)" not in english
    assert {"citation": "45 CFR 164.524(b)(1)", "confidence": "P"} in built.sources
    if lang == "es":
        spanish = built.translation
        assert "necesitan una orden judicial o una citación judicial (subpoena)" in spanish
        assert "Según entiendo la ley, ni la ley de Washington ni HIPAA exigen una orden judicial" in spanish
        assert "(RCW 70.02.080(1))" in spanish and "(45 CFR 164.524(b)(1))" in spanish


@pytest.mark.parametrize("role", ["personal-representative", "next-of-kin"])
def test_a_reply_for_a_patient_who_died_names_the_representatives_authority_and_encloses_proof(role):
    built = letter("reply", "es", situation="court-order", requester_role=role, **SOMEONE_ELSE)
    english, spanish = built.english, built.translation
    assert "use all of the patient's rights to their health care records" in english
    assert "(RCW 70.02.140)" in english and "(45 CFR 164.502(g)(4))" in english
    assert "My proof of that authority is enclosed." in english
    assert "Adjunto la prueba de esa autoridad." in spanish and "(45 CFR 164.502(g)(4))" in spanish
    parent = letter("reply", situation="court-order", **for_someone_else("parent")).english
    assert "164.502(g)(4)" not in parent


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_partial_reply_names_the_rights_exceptions_and_review_rights_if_any(lang):
    """Section 12, corrected rows: psychotherapy notes and legal-proceeding material are left out by
    164.524(a)(1); any other part only on a ground the rule allows, with a written denial giving "my
    review rights, if any". Spanish keeps the English term with its gloss, never "todo mi expediente"."""
    built = letter("reply", lang, situation="partial")
    english = built.english
    assert "psychotherapy notes and information compiled for a legal proceeding (45 CFR 164.524(a)(1))" in english
    assert "only if you deny it on a ground the rule allows (45 CFR 164.524(a)(2)–(3))" in english
    assert "my review rights, if any," in english and "my right to a review" not in english
    if lang == "es":
        spanish = built.translation
        assert "conjunto de registros designado (el “designated record set”)" in spanish
        assert "todo mi expediente" not in spanish
        assert "las notas de psicoterapia" in spanish and "mis derechos de revisión, si los hay," in spanish


def test_the_reply_situation_has_no_silent_default():
    """The person picks what the provider said: the list opens on a prompt, not on "use our own form"
    (the page renders the prompt as an empty first option), and a letter without it names the field."""
    for name in ("situation", "log_situation"):
        question = questions().questions[name]
        assert question.default is None and question.prompt and all(question.prompt[lang] for lang in ("en", "es"))
    with pytest.raises(CalculatorError) as raised:
        build_letter("reply", {**ANSWERS["reply"], "situation": None})
    assert (raised.value.code, raised.value.field) == ("field-missing", "situation")
    answer = json.loads(handle_json(json.dumps({"kind": "letter", "type": "reply", "lang": "es",
                                                "answers": {**ANSWERS["reply"], "situation": ""}})))
    assert answer["error"]["field"] == "situation" and "lo que dijo el proveedor" in answer["error"]["message"]


# Writing for someone else, in any letter.

ROLES = {
    "parent": ("as the child's parent", "RCW 70.02.130(1); 45 CFR 164.502(g)", "birth certificate"),
    "guardian": ("as the patient's guardian", "RCW 70.02.130(1); 45 CFR 164.502(g)", "letters of guardianship"),
    "health-care-agent": ("agent under a health care power of attorney", "RCW 70.02.130(1)", "power of attorney"),
    "personal-representative": ("I am the personal representative (executor or administrator) of the patient's "
                                "estate", "RCW 70.02.140; 45 CFR 164.502(g)(4)", "letters of administration"),
    "next-of-kin": ("I am the patient's adult son or daughter.", "RCW 70.02.140; RCW 7.70.065(1); 45 CFR 164.502(g)(4)",
                    "proof of how I am related"),
}
SOMEONE_ELSE = {"requester_name": "María Ruiz", "requester_address": "5 Elm St\nTacoma, WA 98402",
                "requester_relationship": "adult-child", "patient_address": None}
# A parent writes for a minor: the patient is 16 on every letter date the tests use.
CHILD = {"patient_birth_date": "2010-05-01"}


def for_someone_else(role: str) -> dict:
    return {**SOMEONE_ELSE, "requester_role": role, **(CHILD if role == "parent" else {})}


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("letter_type", ["access", "send-copy", "complaint-ocr"])
def test_a_letter_for_someone_else_names_the_authority_and_the_proof(letter_type, role):
    built = letter(letter_type, "es", **for_someone_else(role))
    said, citation, proof = ROLES[role]
    english = built.english
    assert said in english and citation in english and proof in english
    assert "“my records” and “my request” mean the patient's records" in english
    assert english.split("\n")[2] == "María Ruiz"  # the writer's name and address head the letter
    assert "María Ruiz, for Ana López" in english and "María Ruiz, por Ana López" in built.translation
    assert "Adjunto una copia" in built.translation


def test_a_parent_is_told_that_a_teens_own_care_is_the_teens_to_ask_for():
    built = letter("access", "es", **for_someone_else("parent"))
    assert "I do not ask for records of care my child lawfully consented to alone (RCW 70.02.130(1))." in built.english
    assert "No pido el expediente de la atención médica que mi hijo o hija aceptó recibir por su cuenta" \
        in built.translation
    for lang, words in (("en", ("at 13", "mental health", "at 14", "any age", "married")),
                        ("es", ("a los 13", "salud mental", "a los 14", "a cualquier edad", "casado"))):
        lines = letter_dates_text(letter("access", lang, **for_someone_else("parent")))
        note = next(line for line in lines if "RCW 70.02.130(1)" in line)
        assert all(word in note for word in words), (lang, note)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_parent_letter_for_an_adult_is_refused_and_names_what_works(lang):
    """RCW 7.70.065(2), RCW 70.02.130(1), 45 CFR 164.502(g)(3): a parent acts for a minor only. Ana López
    was born in 1980; a letter dated the day before a patient's 18th birthday is still a parent's."""
    answers = {**ANSWERS["access"], **for_someone_else("parent"), "patient_birth_date": "1980-03-04"}
    error = json.loads(handle_json(json.dumps({"kind": "letter", "type": "access", "answers": answers,
                                               "lang": lang})))["error"]
    assert (error["code"], error["field"]) == ("parent-of-adult", "requester_role")
    words = {"en": ("18", "46", "Send my records to someone else", "guardian", "health care agent"),
             "es": ("18", "46", "Enviar mi expediente a otra persona", "tutor legal", "agente de atención médica")}
    assert all(word in error["message"] for word in words[lang]), error["message"]
    eve = {**answers, "patient_birth_date": "2008-06-13"}  # 18 on 2026-06-13, the day after the letter
    assert build_letter("access", eve).requester_role == "parent"
    with pytest.raises(CalculatorError):
        build_letter("access", {**eve, "sent_date": "2026-06-13"})


NEXT_OF_KIN = {"spouse": "spouse or state registered domestic partner", "adult-child": "adult son or daughter",
               "parent": "parent", "adult-sibling": "adult brother or sister", "adult-grandchild": "adult grandchild",
               "adult-niece-nephew": "adult niece or nephew", "adult-aunt-uncle": "adult aunt or uncle",
               "close-friend": "close friend"}


@pytest.mark.parametrize("relationship", list(NEXT_OF_KIN))
def test_next_of_kin_is_one_of_the_statutes_classes_in_english_with_its_conditions(relationship):
    """RCW 7.70.065(1)(a)(iii)-(x), in the statute's order; (vii)-(ix) only if familiar with the patient;
    (x) with a sworn declaration; adult, and all available members of the class agree ((1)(b))."""
    built = letter("access", "es", **{**for_someone_else("next-of-kin"), "requester_relationship": relationship})
    english = built.english
    assert f"I am the patient's {NEXT_OF_KIN[relationship]}." in english
    assert "I am an adult. As far as I know, no one in a higher class is available, and every available person " \
           "in my class agrees." in english
    assert "RCW 70.02.140; RCW 7.70.065(1); 45 CFR 164.502(g)(4)" in english
    assert ("I was familiar with the patient." in english) == relationship.startswith(("adult-grandchild",
                                                                                        "adult-niece", "adult-aunt"))
    assert ("declaration, under penalty of perjury" in english) == (relationship == "close-friend")
    spanish = letter_words()["representative"][f"kin-{relationship}"]["es"]
    assert f"Soy {spanish} del paciente." in built.translation and "I am the patient's" not in built.translation
    assert [row["value"] for row in writers()["next_of_kin"]] == list(NEXT_OF_KIN)  # the statute's order


@pytest.mark.parametrize("typed", ["hijo", "cousin", "daughter"])
def test_a_typed_relationship_is_refused_naming_the_field(typed):
    answers = {**ANSWERS["access"], **for_someone_else("next-of-kin"), "requester_relationship": typed}
    error = json.loads(handle_json(json.dumps({"kind": "letter", "type": "access", "answers": answers})))["error"]
    assert (error["code"], error["field"]) == ("choice-unknown", "requester_relationship")


def test_someone_else_must_give_their_own_name_and_the_relationship_when_family():
    for missing, field in (("requester_name", "requester_name"), ("requester_relationship", "requester_relationship")):
        answers = {**ANSWERS["access"], **for_someone_else("next-of-kin"), missing: ""}
        error = json.loads(handle_json(json.dumps({"kind": "letter", "type": "access", "answers": answers})))["error"]
        assert (error["code"], error["field"]) == ("field-missing", field)
    # A patient writing for themselves is asked for their address, a representative is not.
    error = json.loads(handle_json(json.dumps({"kind": "letter", "type": "access",
                                               "answers": {**ANSWERS["access"], "patient_address": ""}})))["error"]
    assert error["field"] == "patient_address"


# Complaint drafts.

def test_the_ocr_draft_gives_the_last_day_to_file_180_days_after_the_problem():
    built = letter("complaint-ocr", problem_date="2026-07-10")
    assert built.file_by == date(2026, 7, 10) + timedelta(days=180) == date(2027, 1, 6)
    assert built.due is None  # a complaint's date is the filing deadline, not a provider's
    calendar = icalendar.Calendar.from_ical(calendar_file(built))
    assert [event.decoded("DTSTART") for event in calendar.walk("VEVENT")] == [date(2027, 1, 6)]


def test_without_the_day_of_the_problem_the_ocr_count_starts_the_day_after_hipaas_date():
    """OCR acts on HIPAA's date (legal-facts.md section 8): received 2026-06-16, Washington's date is
    Thursday 2026-07-09, HIPAA's 30 days end Thursday 2026-07-16; 180 days from July 17 is 2027-01-13."""
    built = letter("complaint-ocr")
    assert built.file_by == date(2026, 7, 17) + timedelta(days=180) == date(2027, 1, 13)
    english = built.english
    assert "It received my written request for my records on June 16, 2026. Under 45 CFR 164.524(b)(2), it had to " \
           "act within 30 days, by Thursday, July 16, 2026 (or by Saturday, August 15, 2026 only if it told me in " \
           "writing, within those 30 days, why and by when). It has not." in english
    assert "Washington law, which HIPAA leaves in place (45 CFR 160.203(b)), required an answer sooner, by " \
           "Thursday, July 9, 2026 (RCW 70.02.080(1))." in english
    assert "keeps" not in english
    assert "When I believe the violation of HIPAA happened: July 17, 2026" in english
    assert english.index("The provider:") < english.index("It received") < english.index("What happened:")
    spanish = letter("complaint-ocr", "es").translation
    assert "a más tardar el jueves 16 de julio de 2026" in spanish and "que HIPAA deja vigente" in spanish
    assert "mantiene" not in spanish
    lines = letter_dates_text(letter("complaint-ocr", "es"))
    assert lines[0].startswith("Según la ley federal (HIPAA), el proveedor tenía hasta el jueves 16 de julio de 2026")
    assert "presente esta queja a más tardar el miércoles 13 de enero de 2027" in lines[0]
    assert "nuestra cuenta" in lines[0] and "debió saber" in lines[0]
    assert "ocrportal.hhs.gov" in lines[1] and "OCRComplaint@hhs.gov" in lines[1]


def test_a_written_notice_moves_hipaas_date_to_day_60_in_the_draft():
    built = letter("complaint-ocr", delay_notice=True)
    assert "It told me in writing that it needed more time. Under 45 CFR 164.524(b)(2), it then had to act by " \
           "Saturday, August 15, 2026, 60 days after my request arrived. It has not." in built.english
    assert built.file_by == date(2026, 8, 16) + timedelta(days=180)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_ocr_draft_about_a_late_answer_is_refused_before_hipaas_date(lang):
    """Day 20 after receipt: Washington's date has passed, HIPAA's has not; OCR would not act yet."""
    answers = {**ANSWERS["complaint-ocr"], "sent_date": "2026-07-10"}
    error = json.loads(handle_json(json.dumps({"kind": "letter", "type": "complaint-ocr", "answers": answers,
                                               "lang": lang})))["error"]
    assert (error["code"], error["field"]) == ("complaint-ocr-too-early", "sent_date")
    assert ("July 16, 2026" if lang == "en" else "16 de julio de 2026") in error["message"]
    assert build_letter("complaint-ocr", {**answers, "sent_date": "2026-07-17"}).file_by  # the day after: open
    # A complaint about a refusal names the day the person learned of it, and is not about the date.
    assert build_letter("complaint-ocr", {**answers, "problem_date": "2026-07-01"}).file_by == date(2026, 12, 28)


def test_the_ocr_draft_follows_the_form_for_someone_else_a_phone_and_a_late_filing():
    built = letter("complaint-ocr", **for_someone_else("personal-representative"), provider_phone="253-555-0100",
                   sent_date="2027-02-01", late_reason="I was in the hospital.")
    english = built.english
    assert "Its phone: 253-555-0100. The patient was its patient." in english
    assert "I am filing this more than 180 days after I knew of the problem. I ask the Office for Civil Rights to " \
           "accept it for good cause (45 CFR 160.306(b)(3))." in english
    assert "Why I am filing now: I was in the hospital." in english
    lines = letter_dates_text(built)
    assert any("The patient has died: send your proof of authority" in line for line in lines)
    assert not any("consent" in line for line in lines)
    assert "I was its patient." in letter("complaint-ocr").english


def test_an_ocr_last_day_that_has_passed_says_so_and_a_future_problem_day_is_refused():
    late = letter("complaint-ocr", problem_date="2026-01-05")
    lines = letter_dates_text(late)
    assert lines[0].startswith("File this complaint by Saturday, July 4, 2026") and "That day has passed" in lines[1]
    error = json.loads(handle_json(json.dumps({"kind": "letter", "type": "complaint-ocr", "answers": {
        **ANSWERS["complaint-ocr"], "problem_date": "2026-12-01"}})))["error"]
    assert (error["code"], error["field"]) == ("problem-after-letter", "problem_date")


def test_an_ocr_draft_for_someone_else_says_ocr_generally_needs_their_consent():
    lines = letter_dates_text(letter("complaint-ocr", **for_someone_else("parent")))
    assert any("generally needs that person's signed consent" in line for line in lines)


def test_an_ocr_draft_with_no_dates_says_within_180_days():
    built = build_letter("complaint-ocr", {**ANSWERS["complaint-ocr"], "received_date": None})
    assert built.file_by is None and calendar_file(built) is None
    assert letter_dates_text(built)[0].startswith("File this complaint within 180 days")


def test_the_department_of_health_draft_promises_nothing():
    built = letter("complaint-doh", "es")
    assert "Washington State Department of Health" in built.english and "P.O. Box 47857" in built.english
    assert "When I was its patient: 2020 to 2026." in built.english
    lines = letter_dates_text(built)
    assert lines[0].startswith("También puede avisar al Departamento de Salud")
    for text in (built.english, built.translation, *lines):
        assert "will investigate" not in text and "investigará" not in text


@pytest.mark.parametrize("letter_type", ["access", "follow-up"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_dates_beside_a_letter_make_sense_on_paper(letter_type, lang):
    """They are printed with the letter (#letter-dates-print): they name the guide's letters page, never
    "this page" (issue 31, item 6)."""
    lines = letter_dates_text(letter(letter_type, lang, received_date="2026-06-16"))
    assert not any(words in line.lower() for line in lines for words in ("this page", "esta página")), lines
    if letter_type == "access":  # its dates end with when to follow up
        page_title = {"en": "the guide's page “Letters you can send”", "es": "la página “Cartas que puede enviar” de la guía"}
        assert any(page_title[lang] in line for line in lines), lines
