"""The information-blocking report draft and the two reply situations of issue 24, item 3
(shared/legal-facts.md sections 15 and 16).

The draft says "may be information blocking", never that a practice is; it names the two federal doors
(OCR for the HIPAA right of access, the ASTP/ONC portal for 45 CFR part 171), that a person may use both,
that neither gets the records, and that no deadline was found. Any writer who may send the OCR draft may
send it on any day: no date opens or closes it."""
from __future__ import annotations

import json

import pytest

from calculator import handle_json
from calculator.answers import answer
from calculator.law import law, letter_words
from calculator.letters import build_letter, letter_dates_text, letter_json, sample_letter
from calculator.questions import questions

from .test_letters import ANSWERS
from .test_new_letters import for_someone_else

MAY_BE = {"en": "may be information blocking", "es": "puede ser bloqueo de información"}
# What the draft must never say: that a practice *is* information blocking (section 16, last row).
NEVER = {"en": ("is information blocking", "was information blocking"),
         "es": ("es bloqueo de información", "fue bloqueo de información")}
ROLES = ["self", "parent", "guardian", "health-care-agent", "personal-representative", "next-of-kin"]


def report(lang: str = "en", **changes):
    return build_letter("info-blocking", {**ANSWERS["info-blocking"], **changes}, lang)


def every_text(built) -> list[tuple[str, str]]:
    """(language, text) for the English letter, the Spanish copy if any, and the lines beside the letter
    (in the letter's language)."""
    texts = [("en", built.english), (built.lang, "\n".join(letter_dates_text(built)))]
    return texts + ([("es", built.translation)] if built.translation else [])


@pytest.mark.parametrize("kind, name", [("provider", None), ("developer", "EHR Maker Inc."),
                                        ("network", "Puget Sound Health Exchange")])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_draft_says_may_be_information_blocking_and_never_is(lang, kind, name):
    built = report(lang, actor_kind=kind, **({"actor_name": name} if name else {}))
    assert MAY_BE["en"] in built.english and (lang == "en" or MAY_BE["es"] in built.translation)
    for text_lang, text in every_text(built):
        for words in NEVER[text_lang]:
            assert words not in text.lower(), (text_lang, words)
    for text_lang, text in (("en", sample_letter("info-blocking", "en")), ("en", sample_letter("info-blocking", "es")),
                            ("es", sample_letter("info-blocking", "es", reader_copy=True))):
        assert MAY_BE[text_lang] in text and not any(words in text.lower() for words in NEVER[text_lang])


def test_the_draft_names_who_did_it_and_whom_the_rule_applies_to():
    english = report().english
    assert "Who did it: Rainier Clinic, 400 Main St, Tacoma, WA 98402. It is a health care provider." in english
    assert "The rule applies to health care providers, health IT developers of certified health IT, health " \
           "information exchanges and health information networks (45 CFR 171.101)." in english
    developer = report(actor_kind="developer", actor_name="EHR Maker Inc.").english
    assert "Who did it: EHR Maker Inc., a health IT developer" in developer
    assert "My health care provider: Rainier Clinic, 400 Main St, Tacoma, WA 98402." in developer
    # A developer or network must be named: the field is asked and refused empty, in the reader's language.
    for lang, words in (("en", "Please fill in"), ("es", "Por favor, complete")):
        answer = json.loads(handle_json(json.dumps({"kind": "letter", "type": "info-blocking", "lang": lang,
                                                    "answers": {**ANSWERS["info-blocking"], "actor_kind": "network"}})))
        assert answer["error"]["field"] == "actor_name" and words in answer["error"]["message"]


def test_the_draft_gives_the_information_what_happened_and_when_in_the_sheets_order():
    english = report(problem_date="2026-06-01").english
    order = ["may be information blocking", "Who did it:", "The rule applies to",
             "The information I asked for: My lab results since January 2026", "kept electronically",
             "(45 CFR 171.102)", "When I learned of it: June 1, 2026.",
             "What happened: The clinic said it sends lab results only after the doctor reviews them.",
             "HHS Office for Civil Rights", "I ask you to review this report."]
    places = [english.index(words) for words in order]
    assert places == sorted(places)
    assert "When I learned of it" not in report().english  # skipped: no empty line


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_draft_and_the_lines_beside_it_name_the_two_doors(lang):
    built = report(lang)
    assert "45 CFR 164.524" in built.english and "HHS Office for Civil Rights, and I may use both" in built.english
    assert "As I understand it" in built.english  # the sheet's row is our reading (I)
    lines = " ".join(letter_dates_text(built))
    words = {
        "en": ["Report Information Blocking Portal at HealthIT.gov", "ASTP/ONC", "HHS Office of Inspector General (OIG)",
               "OIG will not tell you what it did about your report", "The law protects information that could identify you",
               "OCR is about your HIPAA right to your records (45 CFR 164.524)",
               "about the information blocking rule (45 CFR part 171)", "You may use both",
               "Neither one gets your records for you", "(our reading)",
               "We found no deadline for an information blocking report."],
        "es": ["Report Information Blocking Portal", "HealthIT.gov", "ASTP/ONC", "Oficina del Inspector General (OIG) del HHS",
               "La OIG no le dirá qué hizo con su reporte", "La ley protege la información que podría identificarlo",
               "La OCR se ocupa de su derecho según HIPAA a su expediente (45 CFR 164.524)",
               "la norma sobre el bloqueo de información (45 CFR part 171)", "Puede usar los dos",
               "Ninguno de los dos le consigue su expediente", "(nuestra interpretación)",
               "No encontramos un plazo para un reporte de bloqueo de información."],
    }[lang]
    for part in words:
        assert part in lines, part
    if lang == "es":
        assert "Según entiendo" in built.translation and "puedo usar las dos" in built.translation


def test_the_draft_cites_no_washington_deadline_and_gives_no_date_to_file_by():
    built = report(problem_date="2019-01-02")  # years ago: still no last day
    assert "RCW 70.02.080" not in built.english and "working days" not in built.english
    assert built.file_by is None and built.due is None
    assert letter_json(built)["dates"] is None
    assert not any(day in " ".join(letter_dates_text(built)) for day in ("2019", "2026"))
    assert {source["citation"] for source in built.sources} == {
        "45 CFR 171.103", "45 CFR 171.101", "45 CFR 171.102", "45 CFR 164.524"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("sent, problem", [("2026-06-17", "2026-06-16"), ("2031-01-02", "2020-03-04"),
                                           ("2026-06-17", None)])
def test_every_writer_who_may_send_the_ocr_draft_may_send_the_report_on_any_day(role, sent, problem):
    """No date restriction (legal-facts.md section 16: no deadline found, no fixed number of days): the
    day after a request, or years after the problem, for every role the OCR draft allows."""
    someone_else = for_someone_else(role) if role != "self" else {}
    if role == "parent":
        someone_else["patient_birth_date"] = "2015-03-04"  # a minor, as for any parent's letter
    dated = {"sent_date": sent, **({"problem_date": problem} if problem else {})}
    build_letter("complaint-ocr", {**ANSWERS["complaint-ocr"], **someone_else, "received_date": None, **dated})
    built = build_letter("info-blocking", {**ANSWERS["info-blocking"], **someone_else, **dated})
    assert MAY_BE["en"] in built.english


def test_the_report_is_offered_beside_the_ocr_draft_with_its_sample_section():
    letters = list(questions().letters)
    assert letters.index("info-blocking") == letters.index("complaint-ocr") + 1
    assert questions().letters["info-blocking"]["sample"] == "info-blocking-letter"
    assert "days" not in law().complaints["astp-onc"]  # no deadline was found


# The two new reply situations: each paragraph cites the rule in the sheet's words.

REPLY = letter_words()["reply"]


def reply(situation: str, lang: str = "en", **changes):
    return build_letter("reply", {**ANSWERS["reply"], "situation": situation, **changes}, lang)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_reply_to_only_a_summary_cites_the_agreement_rule_the_whole_set_washington_and_hhs(lang):
    built = reply("summary-only", lang)
    english = built.english
    assert "You gave me only a summary, such as a visit summary or what my patient portal shows" in english
    assert "may give me a summary instead of the records only if I agree in advance to the summary and to any " \
           "fee for it (45 CFR 164.524(c)(2)(iii)). I did not agree to a summary." in english
    assert "My right covers everything in my designated record set for as long as you keep it " \
           "(45 CFR 164.524(a)(1)). As I read the law, a portal may show only part of it." in english
    assert "Washington law lets me see or copy all or part of my recorded health care information " \
           "(RCW 70.02.080(1)). I asked for all of it." in english
    assert "HHS says a patient portal may not be the only way I can get my records (HHS access guidance)." in english
    assert "Please send me the records themselves, not a summary, or a written denial for any part you hold " \
           "back, by Tuesday, November 17, 2026." in english
    if lang == "es":
        spanish = built.translation
        assert "solo si yo acepto por adelantado el resumen y cualquier cargo por él (45 CFR 164.524(c)(2)(iii))" in spanish
        assert "mientras ustedes lo guarden (45 CFR 164.524(a)(1)). Según entiendo la ley" in spanish
        assert "toda o una parte de mi información de atención médica registrada (RCW 70.02.080(1))" in spanish
        assert "El HHS dice que un portal para pacientes no puede ser la única forma" in spanish


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_reply_to_only_some_dates_says_the_right_lasts_as_long_as_the_records_are_kept(lang):
    built = reply("some-dates", lang, missing_records="my visit notes from 2019 to 2023")
    english = built.english
    assert "You sent me records for only some dates of care, such as the last two years" in english
    assert "Under HIPAA, my right covers the information in my designated record set for as long as you keep " \
           "it (45 CFR 164.524(a)(1))." in english
    assert "As I read the law, a period your release form uses when no dates are given, such as “the most " \
           "recent two years”, is your practice. It does not limit my right." in english
    assert "(RCW 70.02.080(1)). I asked for all of it." in english
    assert "These records did not come: my visit notes from 2019 to 2023." in english
    assert "Please send me the rest of my records" in english
    if lang == "es":
        spanish = built.translation
        assert "mientras ustedes la guarden (45 CFR 164.524(a)(1))" in spanish
        assert "Según entiendo la ley, el período que usa su formulario" in spanish
        assert "(RCW 70.02.080(1)). Yo pedí toda." in spanish
        assert "Estos documentos no me llegaron: my visit notes from 2019 to 2023." in spanish


def test_the_new_situations_cite_their_rows_and_the_reading_is_labelled():
    assert REPLY["cites"]["summary-law"] == ["summary-agreed"]
    assert law().rights["summary-agreed"]["citation"] == "45 CFR 164.524(c)(2)(iii)"
    assert law().rights["record-set-kept"]["citation"] == "45 CFR 164.524(a)(1)"
    assert law().rights["all-or-part"]["citation"] == "RCW 70.02.080(1)"
    assert law().rights[REPLY["cites"]["summary-portal-hhs"][0]]["confidence"] == "S"
    assert "As I read the law" in REPLY["dates-form"]["en"] and "Según entiendo la ley" in REPLY["dates-form"]["es"]


# The case offers the report beside its next step only where the provider's answer is about electronic
# records (letters.toml [beside_next]): only a summary, or no electronic copy.

CASE_PERSON = {"patient_name": "Ana Ruiz", "patient_birth_date": "1980-03-04", "patient_address": "1 Main St",
               "provider_name": "Valley Clinic", "provider_address": "2 Oak Ave", "sent_date": "2026-10-01"}


def case_next(situation: str | None, request: str = "access", lang: str = "en", event: str = "reply") -> dict:
    log = [{"event": "received", "date": "2026-10-05", "request": request},
           {"event": event, "date": "2026-10-20", "request": request, **({"situation": situation} if situation else {})}]
    the_case = {"format": "wa-medical-records-case", "version": 1, "answers": CASE_PERSON, "log": log, "letters": []}
    return answer({"kind": "case", "case": the_case, "today": "2026-12-02", "lang": lang})["requests"][0]["next"]


@pytest.mark.parametrize("situation", ["summary-only", "paper-only"])
@pytest.mark.parametrize("lang, button", [("en", "Also: report possible information blocking"),
                                          ("es", "También: reportar un posible bloqueo de información")])
def test_the_case_offers_the_report_beside_the_reply_when_the_answer_is_about_electronic_records(situation, lang, button):
    step = case_next(situation, lang=lang)
    assert step["letter"] == "reply" and step["answers"]["situation"] == situation
    assert step["also"] == [{"letter": "info-blocking", "button": button,
                             "answers": {"problem_date": "2026-10-20", "sent_date": "2026-12-02"}}]
    built = build_letter("info-blocking", {**CASE_PERSON, **step["also"][0]["answers"], "records": "All my records",
                                           "complaint_what": "They gave me only the portal summary."})
    assert "When I learned of it: October 20, 2026." in built.english


@pytest.mark.parametrize("situation, event, which", [
    ("own-form", "reply", "access"), ("some-dates", "reply", "access"), (None, "partial", "access"),
    (None, "refusal", "access"), ("summary-only", "reply", "correction")])
def test_the_case_does_not_offer_the_report_where_the_facts_do_not_say_the_records_are_electronic(situation, event,
                                                                                                  which):
    assert case_next(situation, request=which, event=event)["also"] == []
