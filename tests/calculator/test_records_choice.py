"""Which records (issue 24, items 1 and 4): the dates of care, the kinds of records ticked, and the records
the law protects more in an authorization. Each choice is named in the law's words in the letter and in
its Spanish copy; psychotherapy notes only in an authorization of their own; a range of dates that ends
before it starts is refused at its "to" field (builder, JSON boundary, CLI); answers with only the typed
box write the letter as before."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from calculator.law import LANGUAGES

from calculator.boundary import handle_json
from calculator.case import check_case, FORMAT, VERSION
from calculator.errors import CalculatorError
from calculator.law import letter_words
from calculator.letters import build_letter, letter_dates_text
from calculator.questions import questions, read_answers

ROOT = Path(__file__).resolve().parents[2]
BASE = {"patient_name": "Ana Ruiz", "patient_birth_date": "1980-05-01", "patient_address": "1 Main St\nSeattle, WA",
        "provider_name": "Rainier Clinic", "provider_address": "2 Pine St\nSeattle, WA", "sent_date": "2026-03-02",
        "copy_form": "paper"}
SEND = {**BASE, "recipient_name": "Dr. Lee", "recipient_affiliation": "Lee Clinic", "recipient_address": "3 Oak St",
        "copy_form": "paper", "expiration_kind": "one-year"}
# Each kind of record, and words of its line that must be in the English letter and the Spanish copy.
KINDS = {
    "visit-notes": ("Visit notes: the notes from my office visits", "Notas de las consultas:"),
    "test-results": ("Test results: lab results", "Resultados de pruebas:"),
    "imaging-reports": ("Imaging reports: the written reports on my X-rays", "Informes de imágenes:"),
    "images": ("The images themselves, not only the report", "Las imágenes mismas, no solo el informe"),
    "billing": ("Billing records: itemized bills, payments and insurance claims. Billing records are part of my "
                "designated record set (45 CFR 164.501)",
                "Los registros de cobros y pagos son parte de mi conjunto de registros designado (45 CFR 164.501)"),
    "portal-messages": ("Portal messages: the messages between me and my care team",
                        "Mensajes del portal: los mensajes entre mi equipo de atención y yo"),
    "designated-record-set": ("Everything in my designated record set: the medical records and billing records about "
                              "me maintained by or for you", "Todo mi conjunto de registros designado"),
    "ehi-export": ("An electronic copy of all my electronic health information (for example an EHI export)",
                   "Una copia electrónica de toda mi información médica electrónica (por ejemplo, una exportación de EHI)"),
}
SPECIAL = {
    "mental-health": ("- Mental health records.", "- Expediente de salud mental."),
    "hiv-std": ("- HIV and STD test and treatment records.", "- Expediente de pruebas y tratamiento del VIH"),
    "sud": ("- Substance use disorder treatment records (42 CFR Part 2).",
            "- Expediente de tratamiento por trastorno por consumo de sustancias (42 CFR Part 2)."),
}


@pytest.mark.parametrize("letter_type", ["access", "send-copy", "second-review"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_each_records_choice_is_named_in_the_letter_and_its_spanish_copy(letter_type, kind):
    answers = {**(SEND if letter_type == "send-copy" else BASE), "records_kinds": [kind]}
    if letter_type == "second-review":
        answers.update(refusal_date="2026-02-20", reviewer_name="Dr. Kim", reviewer_address="5 Elm St")
    built = build_letter(letter_type, answers, "es")
    english, spanish = KINDS[kind]
    assert f"- {english}" in built.english
    assert spanish in built.translation and english not in built.translation


def test_the_ehi_request_cites_the_electronic_form_and_format_rule():
    built = build_letter("access", {**BASE, "records_kinds": ["ehi-export"]}, "es")
    line = next(line for line in built.english.splitlines() if "EHI export" in line)
    assert "(45 CFR 164.524(c)(2)(ii))" in line and "readily producible" in line
    assert "(45 CFR 164.524(c)(2)(ii))" in next(line for line in built.translation.splitlines() if "EHI" in line)
    assert {"citation": "45 CFR 164.524(c)(2)(ii)", "confidence": "P"} in built.sources


def test_all_dates_of_care_cite_the_right_that_lasts_as_long_as_the_record_is_kept():
    built = build_letter("access", {**BASE, "records_kinds": ["visit-notes"]}, "es")
    assert ("Dates: all dates of care, for as long as my records are kept in the designated record set "
            "(45 CFR 164.524(a)(1)), not only recent years.") in built.english
    assert "Fechas: todas las fechas de atención, mientras mi expediente se guarde" in built.translation


def test_a_range_of_dates_is_written_in_each_language():
    built = build_letter("access", {**BASE, "records_kinds": ["test-results"], "records_dates": "range",
                                    "records_from": "2024-01-15", "records_to": "2024-12-31"}, "es")
    assert "Dates of care: from January 15, 2024 to December 31, 2024." in built.english
    assert "Fechas de atención: del 15 de enero de 2024 al 31 de diciembre de 2024." in built.translation


def test_images_or_bills_kept_by_another_office_ask_to_pass_the_request_on():
    for kind in ("images", "billing"):
        built = build_letter("access", {**BASE, "records_kinds": [kind]}, "es")
        assert "please pass this request on to it, or tell me its name and address" in built.english
        assert "(RCW 70.02.080(1)(c); 45 CFR 164.524(d)(3))" in built.english
        assert "por favor pásenle esta solicitud" in built.translation
    assert "pass this request on" not in build_letter("access", {**BASE, "records_kinds": ["visit-notes"]}).english


def test_images_on_a_disc_cost_only_the_supplies_in_ones_own_copy_not_in_an_authorization():
    own = build_letter("access", {**BASE, "records_kinds": ["images"]}).english
    assert "charge for it only the supplies that HIPAA's fee rule allows" in own
    sent = build_letter("send-copy", {**SEND, "records_kinds": ["images"]}).english
    assert "supplies" not in sent  # the HIPAA fee limit does not bind copies sent to others (Ciox)


def test_typed_words_beside_ticked_choices_are_other_records():
    built = build_letter("access", {**BASE, "records_kinds": ["visit-notes"], "records": "My allergy list"})
    assert "- Other records: My allergy list" in built.english


def test_an_answers_file_with_only_the_typed_records_writes_the_letter_as_before():
    for letter_type, answers in (("access", BASE), ("send-copy", SEND)):
        old = build_letter(letter_type, {**answers, "records": "All visit notes since 2024."})
        assert "All visit notes since 2024." in old.english
        assert "Dates" not in old.english and "- " not in old.english
        # The page always sends its dates list ("all" unless changed): the typed words still say the dates.
        assert build_letter(letter_type, {**answers, "records": "All visit notes since 2024.",
                                          "records_dates": "all"}).english == old.english


def test_the_typed_box_is_required_only_when_nothing_is_ticked():
    with pytest.raises(CalculatorError) as missing:
        build_letter("access", BASE)
    assert (missing.value.code, missing.value.field) == ("field-missing", "records")
    assert build_letter("access", {**BASE, "records_kinds": ["billing"]}).english
    assert build_letter("send-copy", {**SEND, "special_records": ["mental-health"]}).english


@pytest.mark.parametrize("given, code", [("visit-notes", "field-not-list"), (["visit-notes", "x-rays"], "choice-unknown"),
                                         ([7], "choice-unknown")])
def test_a_choice_the_question_does_not_offer_is_refused_at_its_field(given, code):
    with pytest.raises(CalculatorError) as refused:
        read_answers("access", {**BASE, "records": "x", "records_kinds": given})
    assert (refused.value.code, refused.value.field) == (code, "records_kinds")


def test_the_special_records_are_asked_on_the_authorization_only():
    assert [q.name for q in questions().for_letter("send-copy") if q.name == "special_records"]
    assert not [q.name for q in questions().for_letter("access") if q.name == "special_records"]
    # An access letter ignores them (they are not its question), like any answer it does not ask.
    assert "Mental health" not in build_letter("access", {**BASE, "records": "x", "special_records": ["mental-health"]}).english


@pytest.mark.parametrize("kind", list(SPECIAL))
def test_each_special_record_is_named_on_purpose_in_the_authorization(kind):
    built = build_letter("send-copy", {**SEND, "special_records": [kind]}, "es")
    english, spanish = SPECIAL[kind]
    assert english in built.english and spanish in built.translation
    assert "I name these kinds of records on purpose" in built.english and "(45 CFR 164.508(c)(1)(i))" in built.english
    assert "Nombro estos tipos de documentos a propósito" in built.translation


def test_std_records_say_a_general_authorization_is_not_enough():
    built = build_letter("send-copy", {**SEND, "special_records": ["hiv-std"]}, "es")
    assert "a general authorization is not enough (RCW 70.02.300)" in built.english
    assert "una autorización general no basta (RCW 70.02.300)" in built.translation


def test_part_2_records_say_the_program_may_ask_for_its_own_form_and_never_that_this_is_a_part_2_consent():
    built = build_letter("send-copy", {**SEND, "special_records": ["sud"]}, "es")
    assert "the program may ask me to sign its own consent form as well" in built.english
    assert "programa puede pedirme que firme también su propio formulario" in built.translation
    for text in (built.english, built.translation):
        assert "valid" not in text.lower() and "válid" not in text.lower()
    # Beside the letter, in the reader's language: the program's own form may be needed as well.
    assert any("no es ese formulario" in line for line in letter_dates_text(built))
    assert not any("not that form" in line for line in letter_dates_text(built))


@pytest.mark.parametrize("with_it", [{"special_records": ["psychotherapy-notes", "mental-health"]},
                                     {"special_records": ["psychotherapy-notes"], "records_kinds": ["visit-notes"]},
                                     {"special_records": ["psychotherapy-notes"], "records": "All my records"}])
def test_psychotherapy_notes_beside_other_records_are_refused_at_the_field_saying_make_two_letters(with_it):
    request = {"kind": "letter", "lang": "es", "type": "send-copy", "answers": {**SEND, **with_it}}
    error = json.loads(handle_json(json.dumps(request)))["error"]
    assert (error["code"], error["field"]) == ("psychotherapy-notes-alone", "special_records")
    assert "Haga dos cartas" in error["message"]


def test_psychotherapy_notes_alone_build_their_own_authorization_in_both_languages():
    built = build_letter("send-copy", {**SEND, "special_records": ["psychotherapy-notes"]}, "es")
    assert "- Psychotherapy notes." in built.english and "- Notas de psicoterapia." in built.translation
    assert ("This authorization is only for psychotherapy notes. Federal law lets an authorization for psychotherapy "
            "notes be combined only with another authorization for psychotherapy notes (45 CFR 164.508(b)(3)(ii)), "
            "and Washington law lets them be released only with my authorization (RCW 70.02.230(2)(v)(iii)).") in built.english
    assert "Esta autorización es solo para notas de psicoterapia." in built.translation
    assert "does not cover psychotherapy notes" not in built.english


def test_the_builder_offers_the_psychotherapy_notes_letter_with_answers_that_build():
    offer = questions().letters["send-copy"]["offer"]
    built = build_letter("send-copy", {**SEND, "records_kinds": ["visit-notes"], "records": "x", **offer["answers"]})
    assert "This authorization is only for psychotherapy notes." in built.english


def test_a_range_that_ends_before_it_starts_is_refused_at_the_to_field_in_the_readers_language():
    answers = {**BASE, "records_kinds": ["visit-notes"], "records_dates": "range", "records_from": "2025-05-01",
               "records_to": "2025-01-01"}
    for lang, words in (("en", "The last date of care is before the first one."),
                        ("es", "La última fecha de atención es antes de la primera.")):
        error = json.loads(handle_json(json.dumps({"kind": "letter", "lang": lang, "type": "access",
                                                   "answers": answers})))["error"]
        assert (error["code"], error["field"]) == ("records-range-backwards", "records_to")
        assert error["message"].startswith(words)
    # The same day twice is one day of care, not a backwards range.
    assert build_letter("access", {**answers, "records_to": "2025-05-01"}).english


def test_the_cli_refuses_a_backwards_range_with_exit_2_naming_the_field(tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({**BASE, "records_kinds": ["visit-notes"], "records_dates": "range",
                                   "records_from": "2025-05-01", "records_to": "2025-01-01"}), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "calculator", "letter", "--type", "access", "--answers", str(answers),
                           "--format", "json"], cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 2
    assert json.loads(done.stdout)["error"]["field"] == "records_to"
    assert "The last date of care is before the first one." in done.stderr


def test_a_case_file_keeps_ticked_records_as_a_list_and_refuses_anything_else():
    case = {"format": FORMAT, "version": VERSION, "answers": {"records_kinds": ["visit-notes", "images"]}, "log": []}
    assert check_case(case)["answers"]["records_kinds"] == ["visit-notes", "images"]
    with pytest.raises(CalculatorError) as refused:
        check_case({**case, "answers": {"records_kinds": "visit-notes"}})
    assert refused.value.code == "case-wrong-type"


def test_every_choice_has_its_letter_words_in_every_language():
    words = letter_words()["records"]
    for question, group in (("records_kinds", "kind"), ("special_records", "special")):
        for choice in questions().questions[question].choices:
            assert set(words[group][choice.value]) == set(LANGUAGES), choice.value


def test_no_page_or_letter_says_the_authorization_meets_the_law_without_for_ordinary_records():
    """Sheet section 11: "meets Washington law and HIPAA" only with "for ordinary records" (I: the limit)."""
    limits = {"meets Washington law and HIPAA": "meets Washington law and HIPAA for ordinary records",
              "cumple la ley de Washington y HIPAA": "cumple la ley de Washington y HIPAA para los expedientes comunes"}
    files = [*(ROOT / "docs").rglob("*.md"), *(ROOT / "calculator" / "data").glob("*.toml"),
             *(ROOT / "calculator" / "locale").rglob("*.po")]  # the translations of the data
    said = 0
    for path in files:
        text = " ".join(path.read_text(encoding="utf-8").split())
        for claim, limited in limits.items():
            said += text.count(claim)
            assert text.count(claim) == text.count(limited), path
    assert said >= 2  # the letters page says it in both languages: the check looks at real sentences
