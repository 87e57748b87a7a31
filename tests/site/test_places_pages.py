"""Issue 24's guide pages say each sheet row at its confidence, in both languages (shared/legal-facts.md
sections 13-20): an S row says "generally", an I row "our reading" or "we think"; information blocking is
only ever something that "may be"; every number comes from calculator/data/places.toml. Each test reads the
built page a person reads, so it fails on a site without these sections."""
from __future__ import annotations

import re

import pytest

from calculator.facts import page_facts

from .pages import built_path
from .test_review_fixes import visible_text
from .test_statute_corrections import section_text

# (page, section, {lang: the words that must be in it}): each hedge where its row is S or I.
HEDGES = [
    # Section 16, S (HHS text in a copy): no forced portal, no forced visit.
    ("electronic-copies", "must-i-use-the-portal", {"en": ["Generally, no.", "says nothing about portals"],
                                                    "es": ["En general, no.", "no dice nada sobre portales"]}),
    # Section 16, I: a portal is partial; section 15, I: a summary is no answer unless agreed.
    ("electronic-copies", "is-the-portal-enough", {"en": ["We think a portal", "in our reading"],
                                                   "es": ["Creemos que un portal", "según nuestra interpretación"]}),
    # Section 16, S: the HHS app FAQs; apps generally not covered by HIPAA.
    ("electronic-copies", "send-to-an-app", {"en": ["Generally, apps you choose are not covered by HIPAA", "We do not recommend any app"],
                                             "es": ["En general, HIPAA no cubre las aplicaciones", "No recomendamos ninguna aplicación"]}),
    # Section 16, S / I: the EHI export.
    ("electronic-copies", "electronic-copy", {"en": ["Generally, the record systems", "In our reading"],
                                              "es": ["En general, los sistemas", "Según nuestra interpretación"]}),
    # Section 16, I: the two doors, both allowed, neither gets the records, no deadline found.
    ("electronic-copies", "report-information-blocking", {
        "en": ["You may use both", "Neither one gets your records", "We found no deadline", "info-blocking"],
        "es": ["Puede usar los dos", "Ninguno le consigue su expediente", "No encontramos un plazo", "bloqueo de información"]}),
    # Section 17, I: dentists owe the same duties and fee limits; a child's dental records.
    ("where-you-got-care", "dental-office", {"en": ["So in our reading, a dentist's office", "This is our reading of the Department of Health"],
                                             "es": ["según nuestra interpretación, el consultorio de un dentista", "Esta es nuestra interpretación de la guía"]}),
    # Section 15, I: Washington's reading on psychotherapy notes, as the sheet words it.
    ("where-you-got-care", "what-is-a-psychotherapy-note", {
        "en": ["Washington law does not list them as an exception", "This is our reading: ask"],
        "es": ["La ley de Washington no las pone como una excepción", "Esta es nuestra interpretación: pídalas"]}),
    # Section 20, S / I.
    ("where-you-got-care", "part-2-programs", {"en": ["Generally, it covers programs", "In our reading, a program covered by HIPAA"],
                                               "es": ["En general, cubre programas", "Según nuestra interpretación, un programa"]}),
    # Section 18: the hospital date is S, so "since mid-"; the physicians' guideline is a guideline.
    ("where-you-got-care", "how-long-records-are-kept", {"en": ["since mid-", "it is a guideline, not a law"],
                                                         "es": ["desde mediados de", "es una guía, no una ley"]}),
    # Section 19, I: the jail route, the chapter 70.02 reading, DOC's HIPAA status open.
    ("where-you-got-care", "jail-or-prison", {"en": ["in our reading, write to the jail", "We do not know if DOC is covered by HIPAA"],
                                              "es": ["según nuestra interpretación, escriba a la unidad médica", "No sabemos si HIPAA cubre al DOC"]}),
    # Section 19, I: Washington's fees and days are not the VA's.
    ("where-you-got-care", "veterans", {"en": ["In our reading, Washington's fees and days do not apply"],
                                        "es": ["Según nuestra interpretación, los cargos y los días de Washington no se aplican"]}),
]


@pytest.mark.parametrize("name, anchor, words", HEDGES, ids=lambda value: value if isinstance(value, str) else "")
@pytest.mark.parametrize("lang", ["en", "es"])
def test_each_s_and_i_row_is_said_with_its_hedge(built_site, lang, name, anchor, words):
    text = section_text(built_site, lang, name, anchor)
    assert [phrase for phrase in words[lang] if phrase not in text and phrase not in _links(built_site, lang, name)] == []


def _links(site, lang: str, name: str) -> str:
    return " ".join(re.findall(r'href="([^"]+)"', built_path(site, lang, name).read_text(encoding="utf-8")))


# Section 16: "may be information blocking", never "is" (a negation, "is not", is fine).
# The heading "What is information blocking?" asks; it does not say.
SAYS_IT_IS = {"en": re.compile(r"(?<!what )\b(?:is|it's|was)\s+information blocking", re.I),
              "es": re.compile(r"\b(?<!no )es\s+bloqueo de información", re.I)}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_page_says_that_something_is_information_blocking(built_site, lang):
    text = visible_text(built_path(built_site, lang, "electronic-copies"))
    assert re.search({"en": r"may be\s+information blocking", "es": r"puede ser\s+bloqueo de información"}[lang], text)
    assert SAYS_IT_IS[lang].findall(text) == []


def test_the_check_for_is_information_blocking_can_fail():
    assert SAYS_IT_IS["en"].search("This delay is information blocking.")
    assert not SAYS_IT_IS["en"].search("A practice that fits an exception is not information blocking.")
    assert not SAYS_IT_IS["en"].search("What is information blocking?")
    assert SAYS_IT_IS["es"].search("Esta demora es bloqueo de información.")
    assert not SAYS_IT_IS["es"].search("Lo que entra en una excepción no es bloqueo de información.")


# Every number of places.toml that a section prints, read from the data (never typed into the page).
NUMBERS = [
    ("how-long-records-are-kept", ["places.hospital_records.years", "places.hospital_records.changed_year",
                                   "places.physician_guideline.years_after_last_visit",
                                   "places.physician_guideline.years_from_child_birth",
                                   "places.physician_guideline.notice_days", "places.dental_records.years"]),
    ("dental-office", ["places.dental_records.years"]),
    ("jail-or-prison", ["places.corrections.response_business_days"]),
    ("part-2-programs", ["places.part2_rule.compliance_date"]),
]


@pytest.mark.parametrize("anchor, names", NUMBERS, ids=[anchor for anchor, _ in NUMBERS])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_places_numbers_come_from_the_data(built_site, lang, anchor, names):
    text, facts = section_text(built_site, lang, "where-you-got-care", anchor), page_facts(lang)
    assert [name for name in names if facts[name] not in text] == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_information_blocking_rule_date_and_the_review_date_are_shown(built_site, lang):
    facts = page_facts(lang)
    assert facts["places.information_blocking.applies_from"] in section_text(built_site, lang, "electronic-copies", "information-blocking")
    assert facts["reviewed"] in section_text(built_site, lang, "electronic-copies", "facts-checked")
