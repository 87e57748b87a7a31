"""The remaining findings of the legal review (issue 23, item 7; shared/legal-facts.md sections 1, 3, 7, 11,
12, 13 and 15), in the calculator's answers and letters, both languages: the PFML 7 days are § 1(1) and the
weekend roll is RCW 1.12.040 as our reading; the send-copy authorization leaves out psychotherapy notes and
names both revocation exceptions; the one-year rule where the expiration is asked; the e-mail risk line;
the delay notice's own date is the due date; and the designated record set's words."""
from __future__ import annotations

import json

import pytest

from calculator import handle_json
from calculator.case import FORMAT, VERSION
from calculator.law import law, load_data
from calculator.letters import letter_dates_text
from calculator.questions import questions

from .test_letters import ANSWERS, letter

READING = {"en": "(our reading)", "es": "(nuestra interpretación)"}


def ask(**request) -> dict:
    return json.loads(handle_json(json.dumps(request)))


# 1. PFML: the 7 days are 2024 c 150 § 1(1); the weekend roll is RCW 1.12.040, our reading that it applies.

@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_pfml_deadline_cites_section_1_1_and_labels_the_weekend_roll_our_reading(lang):
    answer = ask(kind="deadline", rule="pfml-certification", date="2025-06-13", lang=lang)
    sources = {source["citation"]: source for source in answer["sources"]}
    assert answer["rule"]["citation"] == "2024 c 150 § 1(1)" and "2024 c 150 § 1(2)" not in sources
    roll = sources["RCW 1.12.040"]
    assert roll["confidence"] == "I" and READING[lang] in roll["text"]
    notes = {note["id"]: note for note in answer["notes"]}
    assert notes["weekend-roll-reading"]["reading"] and "RCW 1.12.040" in notes["weekend-roll-reading"]["text"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_pfml_fee_note_and_letter_cite_section_1_1_never_1_2(lang):
    notes = {note["id"]: note["text"] for note in ask(kind="fee", pages=10, date="2025-06-13", purpose="pfml",
                                                       lang=lang)["notes"]}
    assert "(2024 c 150 § 1(1))" in notes["pfml-seven-days"]
    built = letter("access", lang, purpose="pfml")
    for text in (built.english, built.translation or ""):
        assert "§ 1(2)" not in text
    assert "Under 2024 c 150 § 1(1), it is due within 7 days" in built.english


def test_no_data_file_cites_section_1_2_for_the_seven_days():
    assert [rule.id for rule in law().rules.values() if "§ 1(2)" in rule.citation] == []


# 2 and 3. The send-copy authorization: not psychotherapy notes; both revocation exceptions; one year.

SEND_COPY = {
    "en": ("This authorization does not cover psychotherapy notes. They need a separate authorization of their "
           "own (45 CFR 164.508(b)(3)(ii)).",
           "That does not undo what you already did because of this authorization, or stop what you must send to "
           "be paid for care already given (RCW 70.02.040; 45 CFR 164.508(b)(5))."),
    "es": ("Esta autorización no incluye las notas de psicoterapia. Esas notas necesitan una autorización aparte, "
           "solo para ellas (45 CFR 164.508(b)(3)(ii)).",
           "Eso no deshace lo que ustedes ya hicieron por esta autorización, ni impide lo que deban enviar para "
           "que les paguen la atención ya dada (RCW 70.02.040; 45 CFR 164.508(b)(5))."),
}


def test_the_send_copy_letter_leaves_out_psychotherapy_notes_and_names_both_revocation_exceptions():
    built = letter("send-copy", "es")
    assert [part for part in SEND_COPY["en"] if part not in built.english] == []
    assert [part for part in SEND_COPY["es"] if part not in built.translation] == []
    cited = [source["citation"] for source in built.sources]
    assert "45 CFR 164.508(b)(3)(ii)" in cited and "45 CFR 164.508(b)(5)" in cited


ONE_YEAR = {"en": ("employer", "financial institution", "one year after you sign it unless you renew it",
                   "(RCW 70.02.030(6))"),
            "es": ("empleador", "institución financiera", "un año después de que la firme, a menos que usted la renueve",
                   "(RCW 70.02.030(6))")}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_expiration_question_names_the_one_year_rule(lang):
    hint = questions().questions["expiration"].hint[lang]
    assert [part for part in ONE_YEAR[lang] if part not in hint] == []


# 4. An access letter that asks for e-mail accepts the risk of unencrypted e-mail (HHS FAQ 2061).

EMAIL = {"en": "HHS says that if I accept the risk after your warning, you may send it unencrypted; I accept it "
               "(HHS FAQ 2061).",
         "es": "El HHS dice que, si acepto el riesgo después de su advertencia, pueden enviarla sin cifrar; lo "
               "acepto (HHS FAQ 2061)."}


def test_an_email_delivery_accepts_the_risk_and_cites_hhs_faq_2061_only_then():
    built = letter("access", "es", copy_form="electronic", delivery="email", patient_email="ana@example.org")
    assert EMAIL["en"] in built.english and EMAIL["es"] in built.translation
    assert {"citation": "HHS FAQ 2061", "confidence": "L"} in built.sources
    by_mail = letter("access", delivery="mail")
    assert "unencrypted" not in by_mail.english
    assert "HHS FAQ 2061" not in [source["citation"] for source in by_mail.sources]


# 5. A delay notice's own date is the due date; the 21st working day is only the latest it may name.

NOTICE_DATE = {"en": ("the date it gives, no later than", "the answer is due on the date it gave"),
               "es": ("la fecha que le dé, a más tardar el", "la respuesta vence en la fecha que le dio")}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_deadline_answer_says_the_notices_date_is_when_it_is_due(lang):
    answer = ask(kind="deadline", rule="access", date="2026-06-16", lang=lang)
    assert NOTICE_DATE[lang][0] in answer["headings"][1]
    status = ask(kind="deadline", rule="access", date="2026-06-16", today="2026-07-13", lang=lang)
    texts = json.dumps(status, ensure_ascii=False)
    assert NOTICE_DATE[lang][1] in texts


SUMMARY = {"en": "by the date the notice gives, no later than", "es": "para la fecha que da el aviso, a más tardar el"}


CASE_NOTICE = {"en": ("Its notice must give the earliest date; that date is when the answer is due.",
                       "If its notice gave an earlier date, the answer is due that day."),
               "es": ("Su aviso debe dar la fecha más temprana; esa fecha es cuando vence la respuesta.",
                      "Si su aviso dio una fecha más temprana, la respuesta vence ese día.")}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_case_timeline_says_the_notices_date_is_when_it_is_due(lang):
    def extended_text(*log):
        the_case = {"format": FORMAT, "version": VERSION, "answers": {**ANSWERS["access"]}, "log": list(log),
                    "letters": []}
        result = ask(kind="case", case=the_case, today="2026-12-02", lang=lang)
        return next(m["text"] for m in result["requests"][0]["milestones"] if m["id"] == "extended-due")
    received = {"event": "received", "date": "2026-10-05", "request": "access"}
    notice = {"event": "delay-notice", "date": "2026-10-20", "request": "access"}
    assert CASE_NOTICE[lang][0] in extended_text(received)
    assert CASE_NOTICE[lang][1] in extended_text(received, notice)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_dates_beside_a_letter_say_the_notices_date_is_when_it_is_due(lang):
    built = letter("access", lang, received_date="2026-06-16")
    assert [line for line in letter_dates_text(built) if SUMMARY[lang] in line]


# 6. The designated record set: the sheet's scope, and the English term kept on Spanish pages.

def test_the_designated_record_set_is_glossed_not_translated_as_the_whole_record():
    term = load_data("glossary.toml")["term"]["designated-record-set"]
    # The Spanish name is the glossary's (shared/glossary-es.md); the English term is kept in its explanation.
    assert term["es"]["term"] == "conjunto de registros designado" and "designated record set" in term["es"]["explain"]
    assert "todo su expediente" not in json.dumps(term, ensure_ascii=False)
    english = term["en"]["explain"]
    assert "decisions about you" in english and "psychotherapy notes" in english and "holds back" in english
    assert "notas de psicoterapia" in term["es"]["explain"] and "razón que permite la ley" in term["es"]["explain"]
