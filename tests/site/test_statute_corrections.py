"""The four statements the statute's own text contradicted stay corrected, in both languages (issue 13;
shared/legal-facts.md sections 3-6 and 10): PFML copies cost the usual fee, the court rule cuts both
ways and has a two-year limit, the patient arranges the second reviewer's pay, and corrections go to
insurers and other payers. Each test reads the built page a person reads, so it fails on the old text."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from calculator.law import law

from .pages import built_path
from .test_review_fixes import html_visible_text, visible_text

ROOT = Path(__file__).resolve().parents[2]
_HEADING = re.compile(r"<h([1-6])[^>]*\bid=\"([^\"]+)\"")


def section_text(site: Path, lang: str, name: str, anchor: str) -> str:
    """The visible text of the section headed `#anchor` on page `name`, up to the next heading of the
    same or a higher level."""
    html = built_path(site, lang, name).read_text(encoding="utf-8")
    headings = list(_HEADING.finditer(html))
    start = next(match for match in headings if match.group(2) == anchor)
    level = int(start.group(1))
    end = next((match.start() for match in headings
                if match.start() > start.start() and int(match.group(1)) <= level), len(html))
    return html_visible_text(html[start.start():end])


# 1. Paid family and medical leave: the certification is free, the copies are not.

PFML = {
    "en": {"free": "filling out your paid family and medical leave (PFML) certification is free",
           "copies": "They cost the usual fee on this page (RCW 70.02.030(2)(a))",
           "visit": "An office visit", "reading": "In our reading",
           "old": ("Sources differ", "generally may not charge", "We could not check")},
    "es": {"free": "llenar su certificación del Permiso Familiar y Médico Pagado (PFML) es gratis",
           "copies": "Cuestan el cargo normal de esta página (RCW 70.02.030(2)(a))",
           "visit": "Una consulta", "reading": "Según nuestra interpretación",
           "old": ("Las fuentes no están de acuerdo", "en general el proveedor no le puede cobrar",
                   "No pudimos revisar")},
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_costs_page_says_only_the_pfml_certification_is_free(built_site, lang):
    text = section_text(built_site, lang, "costs", "free-for-pfml")
    words = PFML[lang]
    assert words["free"] in text and words["copies"] in text and words["visit"] in text
    assert "2024 c 150 § 1(3)" in text and words["reading"] in text and "2024 c 150 § 1(1)" in text
    assert not [old for old in words["old"] if old in visible_text(built_path(built_site, lang, "costs"))]


# 2. Going to court: fees go to whoever wins; actual damages only; two years from discovery.

COURT = {
    "en": ("If you win, the court must make the provider pay your reasonable lawyer's fees and costs.",
           "If you lose, you may have to pay the provider's lawyer's fees and costs (RCW 70.02.170(2)).",
           "within 2 years after you find out about the problem (RCW 70.02.170(3))",
           "actual damages", "Talk to a lawyer soon.", "for free the first time"),
    "es": ("Si usted gana, el tribunal debe ordenar que el proveedor pague los honorarios razonables de su "
           "abogado y sus costos.",
           "Si usted pierde, es posible que tenga que pagar los honorarios y costos del abogado del proveedor "
           "(RCW 70.02.170(2)).",
           "a más tardar 2 años después de enterarse del problema (RCW 70.02.170(3))",
           "daños y perjuicios reales", "Hable con un abogado pronto.", "gratis la primera vez"),
}
OLD_COURT = {"en": ("It does not have to do these things", "Generally, a court"),
             "es": ("No está obligado a hacer estas cosas", "En general, un tribunal")}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_court_section_names_both_sides_of_the_fee_rule_and_the_two_year_limit(built_site, lang):
    text = section_text(built_site, lang, "if-the-law-is-not-followed", "talk-to-a-lawyer")
    assert [part for part in COURT[lang] if part not in text] == []
    page = visible_text(built_path(built_site, lang, "if-the-law-is-not-followed"))
    assert not [old for old in OLD_COURT[lang] if old in page]


def test_the_two_year_limit_comes_from_the_data():
    court = law().rights["court"]
    assert court["limit_years"] == 2 and court["limit_citation"] == "RCW 70.02.170(3)"


# 3. Review by another provider: the patient arranges the reviewer's pay (that they usually pay is our
# reading; legal-facts.md section 4, corrected Dec 2026).

SILENT_ON_PAY = re.compile(r"law does not say who pays|ley no dice quién (le )?paga", re.IGNORECASE)
REVIEW_PAY = {"en": "you must arrange for them to be paid for the review. The law says so (RCW 70.02.090(3)). "
                    "Our reading is that you will usually pay.",
              "es": "usted debe encargarse de que se le pague por la revisión. Así lo dice la ley (RCW 70.02.090(3)). "
                    "Según nuestra interpretación, normalmente usted paga."}
ASK_COST = {"en": "Ask what the review will cost", "es": "Pregunte cuánto costará la revisión"}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_page_says_the_law_is_silent_on_who_pays_the_reviewer(built_site, lang):
    pages = sorted((built_site if lang == "en" else built_site / "es").glob("*.html"))
    assert not [page.name for page in pages if SILENT_ON_PAY.search(visible_text(page))]
    text = section_text(built_site, lang, "if-they-say-no", "review-by-another-provider")
    assert REVIEW_PAY[lang] in text
    assert ASK_COST[lang] in section_text(built_site, lang, "if-they-say-no", "choose-a-reviewer")


# 3b. The federal route too (legal-facts.md section 4, federal table): a review by a professional the
# provider designates, the narrower federal ground, both routes; how they combine is our reading.

FEDERAL_REVIEW = {
    "en": ("A licensed health care professional the provider names looks at the denial.",
           "must not have taken part in the first decision (45 CFR 164.524(a)(4))",
           "in writing (45 CFR 164.524(d)(4))", "Our reading: the provider sets up this review.",
           "You may use both routes"),
    "es": ("Un profesional de atención médica con licencia que nombra el proveedor revisa la negación.",
           "no debe haber participado en la primera decisión (45 CFR 164.524(a)(4))",
           "por escrito (45 CFR 164.524(d)(4))", "Según nuestra interpretación, el proveedor se encarga de esta revisión.",
           "Puede usar los dos caminos"),
}
FEDERAL_REASON = {
    "en": ("reasonably likely to put the life or physical safety of you or someone else in danger "
           "(45 CFR 164.524(a)(3)(i))", "Our reading: a HIPAA provider must meet the narrower federal rule",
           "harm to your health alone is not enough (45 CFR 160.203(b))"),
    "es": ("ponga en peligro la vida o la seguridad física de usted o de otra persona (45 CFR 164.524(a)(3)(i))",
           "Según nuestra interpretación, un proveedor cubierto por HIPAA debe cumplir la regla federal",
           "un daño a su salud por sí solo no basta (45 CFR 160.203(b))"),
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_if_they_say_no_page_gives_the_federal_review_and_the_narrower_ground(built_site, lang):
    review = section_text(built_site, lang, "if-they-say-no", "federal-review")
    assert [part for part in FEDERAL_REVIEW[lang] if part not in review] == []
    reason = section_text(built_site, lang, "if-they-say-no", "federal-reason")
    assert [part for part in FEDERAL_REASON[lang] if part not in reason] == []


# 4. Corrections go to insurers and other payers the provider shared the record with; others by name.

CORRECTION = {
    "en": ("Washington law: the provider must send the change, or your statement, to your health insurer and "
           "others who pay for your care, if it gave them the old information (RCW 70.02.110(3))",
           "Federal law (HIPAA): if the provider makes the change, it must try to tell two groups in a "
           "reasonable time (45 CFR 164.526(c)(3))",
           "people you name who got your information and need the change",
           "people it knows have the information and may rely on it", "Please also send it to:"),
    "es": ("Ley de Washington: el proveedor debe enviar el cambio, o su declaración, a su seguro médico y a otros "
           "que pagan por su atención, si les dio la información vieja (RCW 70.02.110(3))",
           "Ley federal (HIPAA): si el proveedor hace el cambio, debe tratar de avisar a dos grupos en un tiempo "
           "razonable (45 CFR 164.526(c)(3))",
           "las personas que usted nombre que recibieron su información y necesitan el cambio",
           "las personas que el proveedor sabe que tienen la información", "Please also send it to:"),
}
NAMES_NO_ONE_ELSE = {"en": "The law names no one else", "es": "La ley no nombra a nadie más"}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_correction_page_names_each_laws_own_recipients(built_site, lang):
    text = section_text(built_site, lang, "correct-your-records", "who-is-told")
    assert [part for part in CORRECTION[lang] if part not in text] == []
    assert "others it shared the old information with" not in text and "a quienes recibieron" not in text
    # HIPAA names more people than Washington does (legal-facts.md section 5, corrected Dec 2026).
    assert NAMES_NO_ONE_ELSE[lang] not in visible_text(built_path(built_site, lang, "correct-your-records"))


# 5. Sources, SB 5254 and help lines.

SOURCES = {
    "en": ("2018 c 87", "2024 c 150", "§ 1(3)", "§ 1(1)", "subsection (3)", "subsection (2)",
           "We found no record that it became law. This is our reading.", "CLEAR*Sr"),
    "es": ("2018 c 87", "2024 c 150", "§ 1(3)", "§ 1(1)", "inciso (3)", "inciso (2)",
           "No encontramos ningún registro de que se haya hecho ley. Esta es nuestra interpretación.",
           "CLEAR*Sr"),
}
DO_NOT_KNOW = re.compile(r"We do not know if it became law|No sabemos si se hizo ley")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_sources_page_cites_the_subsections_and_reads_sb_5254_as_not_passed(built_site, lang):
    text = visible_text(built_path(built_site, lang, "sources"))
    assert [part for part in SOURCES[lang] if part not in text] == []
    assert "§ 1(2)" not in text  # the 7 days are § 1(1) (legal-facts.md section 3, corrected Dec 2026)
    pages = sorted((built_site if lang == "en" else built_site / "es").glob("*.html"))
    assert not [page.name for page in pages if DO_NOT_KNOW.search(visible_text(page))]


SENIOR = {"en": "If you are 60 or older", "es": "Si tiene 60 años o más"}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name, anchor", [("index", "free-legal-help"),
                                          ("if-the-law-is-not-followed", "find-a-lawyer")])
def test_help_lists_clear_sr_for_people_60_and_over(built_site, lang, name, anchor):
    text = section_text(built_site, lang, name, anchor)
    phone = law().legal_help["clear_senior"]["phone"]
    assert phone == "1-888-387-7111" and "CLEAR*Sr" in text and phone in text and SENIOR[lang] in text


# The old rule's flags are gone from the data and the code, not just from the pages.

def test_no_unverified_scope_flag_is_left_in_the_calculator():
    sources = [path for path in (ROOT / "calculator").rglob("*") if path.suffix in (".py", ".toml", ".po")]
    flagged = [path.name for path in sources
               if re.search(r"scope_unverified|Sources differ|no están de acuerdo|heading-free-generally",
                            path.read_text(encoding="utf-8"))]
    assert flagged == []
