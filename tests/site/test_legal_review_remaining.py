"""The remaining findings of the legal review (issue 23, item 7), on the built pages a person reads, in both
languages (shared/legal-facts.md sections 1, 3, 7, 11, 12, 13 and 15)."""
from __future__ import annotations

import pytest

from .pages import built_path
from .test_review_fixes import visible_text
from .test_statute_corrections import section_text

# 1. The PFML 7 days come from the session law; the weekend roll from RCW 1.12.040, as our reading.

PFML_ROLL = {"en": ("(2024 c 150 § 1(1))", "(RCW 1.12.040), not from the PFML law",
                    "In our reading, it applies to this deadline too."),
             "es": ("(2024 c 150 § 1(1))", "(RCW 1.12.040), no de la ley del PFML",
                    "Según nuestra interpretación, también se aplica a este plazo.")}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_pfml_deadline_section_names_rcw_1_12_040_for_the_weekend_roll(built_site, lang):
    text = section_text(built_site, lang, "costs", "pfml-certification")
    assert [part for part in PFML_ROLL[lang] if part not in text] == []
    assert "§ 1(2)" not in text


# 2. The send-copy letter is for ordinary records; psychotherapy notes need their own authorization; and
# Washington's access reading for psychotherapy notes, worded as the sheet gives it.

SEND_COPY = {"en": ("meets Washington law and HIPAA for ordinary records",
                    "It does not cover psychotherapy notes. They need a separate authorization of their own "
                    "(45 CFR 164.508(b)(3)(ii))."),
             "es": ("cumple la ley de Washington y HIPAA para los expedientes comunes",
                    "No incluye las notas de psicoterapia. Esas notas necesitan una autorización aparte, solo para "
                    "ellas (45 CFR 164.508(b)(3)(ii)).")}
WASHINGTON_READING = {
    "en": "Washington law does not list them as an exception to your right to see your records; a provider may "
          "still say no for a reason in RCW 70.02.090. This is our reading: ask, and get legal help if refused.",
    "es": "La ley de Washington no las pone como una excepción a su derecho a ver su expediente; un proveedor "
          "todavía puede decir que no por una razón de RCW 70.02.090. Esta es nuestra interpretación: pídalas, y "
          "busque ayuda legal si se las niegan."}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_send_copy_section_limits_the_letter_to_ordinary_records(built_site, lang):
    text = section_text(built_site, lang, "letters", "send-copy-letter")
    assert [part for part in SEND_COPY[lang] if part not in text] == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_psychotherapy_notes_section_gives_washingtons_access_reading(built_site, lang):
    text = section_text(built_site, lang, "get-your-records", "psychotherapy-notes")
    assert WASHINGTON_READING[lang] in text and "45 CFR 164.524" in text


# 5. The delay notice's own date is the new due date; the 21st working day only the latest it may name.

NOTICE = {"en": ("the earliest date you will get your records. That date is the new due date. It can be no later "
                 "than 21 working days after it got your request."),
          "es": ("la fecha más temprana en que recibirá su expediente. Esa fecha es la nueva fecha límite.")}
OLD_NOTICE = {"en": ("it can take up to 21 working days", "it has up to 21 working days"),
              "es": ("puede tardar hasta 21 días hábiles", "tiene hasta 21 días hábiles")}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", ["index", "get-your-records"])
def test_the_fast_facts_say_the_notices_date_is_the_new_due_date(built_site, lang, name):
    text = section_text(built_site, lang, name, "fast-facts")
    assert NOTICE[lang] in text
    assert not [old for old in OLD_NOTICE[lang] if old in visible_text(built_path(built_site, lang, name))]


# 6. The designated record set keeps its English name on Spanish pages, with a plain gloss.

@pytest.mark.parametrize("lang, gloss", [("en", "other records used to make decisions about you"),
                                         ("es", "conjunto de registros designado")])
def test_the_designated_record_set_is_explained_not_called_the_whole_record(built_site, lang, gloss):
    sources = visible_text(built_path(built_site, lang, "sources"))
    glossary = visible_text(built_path(built_site, lang, "glossary"))
    assert gloss in sources and gloss in glossary
    assert "all of your record" not in sources and "todo su expediente" not in sources + glossary


# 7. The personal representative of a person who died, where the pages introduce the role.

REPRESENTATIVE = {"en": "the personal representative (executor or administrator) of the patient's estate",
                  "es": "el representante personal (albacea o administrador) de la herencia del difunto"}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", ["sources", "letters"])
def test_the_personal_representative_of_a_person_who_died_is_named_with_the_estate(built_site, lang, name):
    assert REPRESENTATIVE[lang] in visible_text(built_path(built_site, lang, name))
