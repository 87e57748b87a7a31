"""When to complain to the federal Office for Civil Rights, on the built pages a person reads, in both languages
(issue 23 item 2; shared/legal-facts.md section 8, the rows added in December 2026, and section 14's row
"Wording for pages, letters and calendar files").

OCR acts on HIPAA's dates, so for a late answer its complaint comes only after the federal date (our reading);
before then the steps are Washington's. The 180 days run from when you knew, or should have known. Federal law
leaves the Washington deadlines in place; it never "keeps" them, and OCR does not enforce them."""
from __future__ import annotations

import re

import pytest

from calculator.law import law

from .pages import built_path
from .test_review_fixes import every_built_page, html_visible_text, visible_text
from .test_statute_corrections import section_text

AFTER = {"en": "only after the federal (HIPAA) date", "es": "solo después de la fecha federal (HIPAA)"}
READING = {"en": "our reading", "es": "nuestra interpretación"}
DAYS = {"en": "days", "es": "días"}
SHOULD_HAVE_KNOWN = {"en": "knew, or should have known, about the problem", "es": "supo, o debió saber, del problema"}
GOOD_CAUSE = {"en": "OCR may accept a later complaint for good cause.",
              "es": "La OCR puede aceptar una queja más tarde por una buena razón."}
OUR_COUNT = {"en": "our count", "es": "nuestra cuenta"}
WASHINGTON_STEPS = {"en": ("follow-up letter", "free legal help"), "es": ("carta de seguimiento", "ayuda legal gratis")}

# Every section that tells a person when to complain to OCR, and the federal rules whose dates it gives.
OCR_SECTIONS = [("index", "fast-facts", ()),
                ("if-the-law-is-not-followed", "fast-facts", ()),
                ("if-the-law-is-not-followed", "which-deadline", ("hipaa-access", "hipaa-amendment")),
                ("if-the-law-is-not-followed", "complain-to-ocr", ()),
                ("letters", "complaint-ocr-letter", ("hipaa-access", "hipaa-amendment")),
                ("calculator", "deadline-table", ()),  # its table holds the days, from the same data
                ("get-your-records", "federal-deadlines", ("hipaa-access",)),
                ("correct-your-records", "federal-deadlines", ("hipaa-amendment",))]
# Sections that give the 180 days.
OCR_DAYS_SECTIONS = [("if-the-law-is-not-followed", "fast-facts"), ("if-the-law-is-not-followed", "complain-to-ocr"),
                     ("letters", "complaint-ocr-letter")]


def section_or_nothing(site, lang: str, name: str, anchor: str) -> str:
    """The section's visible text, or "" when the page has no such heading (a page from before it)."""
    html = built_path(site, lang, name).read_text(encoding="utf-8")
    return section_text(site, lang, name, anchor) if f'id="{anchor}"' in html else ""


def sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.?!])\s+", text)


def ocr_days() -> int:
    return law().complaints["hhs-ocr"]["days"]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name, anchor, rules", OCR_SECTIONS)
def test_each_section_on_the_ocr_complaint_puts_it_after_the_federal_date(built_site, lang, name, anchor, rules):
    text = section_or_nothing(built_site, lang, name, anchor)
    assert AFTER[lang] in text and READING[lang] in text, (name, anchor)
    # The federal dates it speaks of are the data's: the days, and the days with the one written extension.
    for rule_id in rules:
        rule = law().rules[rule_id]
        for days in (rule.days, rule.extended_days):
            assert f"{days} {DAYS[lang]}" in text, (name, anchor, rule_id, days)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_washington_steps_come_before_the_federal_date(built_site, lang):
    text = section_or_nothing(built_site, lang, "if-the-law-is-not-followed", "which-deadline")
    court = law().rights["court"]["citation"]
    assert [step for step in (*WASHINGTON_STEPS[lang], court) if step not in text] == []


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name, anchor", OCR_DAYS_SECTIONS)
def test_the_ocr_days_are_worded_as_the_sheet_gives_them(built_site, lang, name, anchor):
    text = section_text(built_site, lang, name, anchor)
    assert f"{ocr_days()} {DAYS[lang]}" in text
    assert [part for part in (SHOULD_HAVE_KNOWN[lang], OUR_COUNT[lang], GOOD_CAUSE[lang]) if part not in text] == []


def test_no_page_gives_the_ocr_days_or_learned_of_the_problem_without_should_have_known(built_site):
    wrong = []
    for path in every_built_page(built_site):
        lang = "es" if path.parent.name == "es" else "en"
        for sentence in sentences(visible_text(path)):
            gives_days = f"{ocr_days()} {DAYS[lang]}" in sentence
            if (gives_days or "learned of the problem" in sentence) and "should have known" not in sentence \
                    and "debió saber" not in sentence:
                wrong.append((path.name, sentence))
        # A page that gives the 180 days also says that, for a late answer, the complaint waits for the federal date.
        if f"{ocr_days()} {DAYS[lang]}" in visible_text(path) and AFTER[lang] not in visible_text(path):
            wrong.append((path.name, "gives the OCR days but not that the complaint comes after the federal date"))
    assert wrong == []


KEEPS = re.compile(r"\b(keeps?|kept|keeping|mantiene|mantienen|mantener)\b", re.I)
ENFORCES = re.compile(r"\b(enforces?|hace cumplir|hacen cumplir)\b", re.I)


def test_no_page_says_federal_law_keeps_the_state_deadline_or_ocr_enforces_it(built_site):
    wrong = []
    for path in every_built_page(built_site):
        for sentence in sentences(visible_text(path)):
            federal = re.search(r"\b(federal|HIPAA|160\.203)\b", sentence)
            state = re.search(r"\b(state|Washington|estatal|estatales|estado)\b", sentence)
            if federal and state and KEEPS.search(sentence):
                wrong.append((path.name, sentence))
            if re.search(r"\b(OCR|Office for Civil Rights|Oficina de Derechos Civiles)\b", sentence) \
                    and ENFORCES.search(sentence):
                wrong.append((path.name, sentence))
    assert wrong == []


@pytest.mark.parametrize("lang, leaves", [("en", "leaves the shorter Washington deadlines in place"),
                                          ("es", "deja vigentes los plazos más cortos de Washington")])
def test_the_calculator_page_says_federal_law_leaves_the_washington_deadlines_in_place(built_site, lang, leaves):
    text = section_text(built_site, lang, "calculator", "deadline-table")
    enforced = {"en": "enforced under Washington law", "es": "Se hacen cumplir según la ley de Washington"}[lang]
    assert leaves in text and enforced in text


def test_the_glossary_says_ocr_acts_on_hipaas_dates(built_site):
    for lang, words in (("en", "It acts on HIPAA's own dates, not on Washington's."),
                        ("es", "Actúa según las fechas de HIPAA, no según las de Washington.")):
        assert words in html_visible_text(built_path(built_site, lang, "glossary").read_text(encoding="utf-8"))
