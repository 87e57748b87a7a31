"""The special-cases page for people who ask for someone else's records (issue 23 item 1, the page part;
shared/legal-facts.md sections 13 and 15), in both languages: a parent and what a teen controls, with the
ages from calculator/data/writers.toml; a person who died and the next-of-kin order; a guardian or health
care agent; the proof to send; a link from each into the letter builder with the writer's role chosen."""
from __future__ import annotations

import html
import json
import re
import tomllib
from urllib.parse import parse_qs, urlsplit

import pytest

from calculator.law import DATA_DIR
from calculator.writers import writers

from .pages import DOCS, built_path
from .test_legal_review_remaining import WASHINGTON_READING
from .test_statute_corrections import _HEADING, section_text

PAGE = "special-cases"
AGES = {care["id"]: care["age"] for care in writers()["minor_care"]}
ADULT = writers()["parent"]["adult_age"]


def section_html(site, lang: str, anchor: str) -> str:
    """The HTML of the section headed `#anchor` on the page, up to the next heading of its level or higher."""
    page = built_path(site, lang, PAGE).read_text(encoding="utf-8")
    headings = list(_HEADING.finditer(page))
    start = next(match for match in headings if match.group(2) == anchor)
    end = next((match.start() for match in headings
                if match.start() > start.start() and int(match.group(1)) <= int(start.group(1))), len(page))
    return page[start.start():end]


# 1. What a teen controls, in the sheet's page wording, with the ages from the data.

def teen_groups(lang: str) -> list[str]:
    if lang == "en":
        return [f"At {AGES['mental-health']} or older: mental health treatment, and outpatient substance use "
                "treatment.",
                f"At {AGES['std']} or older: tests and treatment for sexually transmitted diseases (STDs), and HIV "
                "prevention.",
                "At any age: birth control, abortion and prenatal care.",
                "A teen who is homeless and on their own can get primary care",
                "For mental health care your teen agreed to, the provider may share some records with you but does "
                "not have to, and must tell your teen first",
                "For STD and substance use treatment records, only with your teen's consent.",
                "Emancipated or married teens decide for themselves."]
    return [f"A partir de los {AGES['mental-health']} años: tratamiento de salud mental, y tratamiento "
            "ambulatorio por consumo de sustancias.",
            f"A partir de los {AGES['std']} años: pruebas y tratamiento de enfermedades de transmisión sexual "
            "(ETS), y prevención del VIH.",
            "A cualquier edad: anticonceptivos, aborto y atención prenatal.",
            "Un adolescente sin hogar que vive por su cuenta puede recibir atención primaria",
            "Para la atención de salud mental que su adolescente aceptó, el proveedor puede compartir parte del "
            "expediente con usted, pero no está obligado, y primero debe avisarle a su adolescente",
            "Para el expediente de ETS y de tratamiento por consumo de sustancias, solo con el consentimiento de su "
            "adolescente.",
            "Los adolescentes emancipados o casados deciden por sí mismos."]


def test_the_page_names_mental_health_and_substance_use_together_because_their_ages_agree():
    # The page says "At 13 or older: mental health ..., and outpatient substance use ..." with one age.
    assert AGES["mental-health"] == AGES["substance-use"] and AGES["reproductive"] == 0


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_minors_section_names_what_a_teen_controls_with_the_ages_of_the_data(built_site, lang):
    text = section_text(built_site, lang, PAGE, "minors")
    assert [group for group in teen_groups(lang) if group not in text] == []
    under = {"en": f"A parent or guardian may act for a child under {ADULT}, to the extent of that authority",
             "es": f"El padre, la madre o el tutor legal puede actuar por un menor de {ADULT} años, dentro de esa "
                   "autoridad"}[lang]
    assert under in text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_ages_come_from_the_data_not_typed_into_the_page(lang):
    source = (DOCS / (f"{PAGE}.md" if lang == "en" else f"{PAGE}.{lang}.md")).read_text(encoding="utf-8")
    for name in ("writers.parent.adult_age", "writers.minor_care.mental-health.age", "writers.minor_care.std.age"):
        assert "{{ " + name + " }}" in source
    assert not re.search(r"\b(?:13|14|18)\b", source)


# 2. The parent's question: a 16-year-old's counseling notes; and a child who is 18 or older.

COUNSELING = {
    "en": (f"A teen {AGES['mental-health']} or older can agree to their own counseling. If your teen agreed to "
           "the counseling, your teen controls those records, not you (RCW 70.02.130(1)).",
           "The law lets the provider share your teen's mental health records with you, but it does not have to "
           "(RCW 70.02.240(3)). It must tell your teen first",
           "the provider is encouraged to share with you the diagnosis, the treatment plan and progress, the "
           "medicines, and plans for a crisis and for safety (RCW 70.02.265(2)). This does not include "
           "psychotherapy notes.",
           "Psychotherapy notes are separate again."),
    "es": (f"Un adolescente de {AGES['mental-health']} años o más puede aceptar su propia terapia. Si su "
           "adolescente aceptó la terapia, su adolescente controla ese expediente, no usted (RCW 70.02.130(1)).",
           "La ley permite que el proveedor comparta con usted el expediente de salud mental de su adolescente, pero "
           "no está obligado (RCW 70.02.240(3)). Primero debe avisarle a su adolescente",
           "la ley anima al proveedor a compartir con usted el diagnóstico, el plan de tratamiento y el progreso, las "
           "medicinas, y los planes para una crisis y para la seguridad (RCW 70.02.265(2)). Esto no incluye las "
           "notas de psicoterapia.",
           "Las notas de psicoterapia son otra cosa."),
}
ADULT_CHILD = {
    "en": (f"Our letter writer will not write a parent's letter for a patient who is {ADULT} or older on the "
           "letter's date. This is our reading of the law.",
           "Your son or daughter asks for their own records.", "Send my records to someone else",
           "you ask as their guardian", "you ask as their health care agent"),
    "es": (f"Nuestro asistente de cartas no escribe la carta de un padre o una madre si el paciente tiene {ADULT} "
           "años o más en la fecha de la carta. Esta es nuestra interpretación de la ley.",
           "Su hijo o hija pide su propio expediente.", "Enviar mi expediente a otra persona",
           "usted lo pide como su tutor legal", "usted lo pide como su agente de atención médica"),
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_parent_learns_who_controls_a_teens_counseling_records_and_what_they_can_still_do(built_site, lang):
    text = section_text(built_site, lang, PAGE, "teen-counseling")
    assert [part for part in COUNSELING[lang] if part not in text] == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_parent_of_an_adult_learns_the_letter_is_refused_and_what_works_instead(built_site, lang):
    text = section_text(built_site, lang, PAGE, "adult-child")
    assert [part for part in ADULT_CHILD[lang] if part not in text] == []


# 3. A person who died: the personal representative, then the next-of-kin order in full, with its rules.

NEXT_OF_KIN = {
    "en": ("the husband, wife or state registered domestic partner;", f"children who are {ADULT} or older;",
           "parents;", "adult brothers and sisters;", "adult grandchildren, only if they knew the patient well;",
           "adult nieces and nephews, only if they knew the patient well;",
           "adult aunts and uncles, only if they knew the patient well;",
           "a close adult friend who signs a declaration under penalty of perjury"),
    "es": ("el esposo, la esposa o la pareja de hecho registrada en el estado;", f"los hijos de {ADULT} años o más;",
           "los padres;", "los hermanos y hermanas adultos;", "los nietos adultos, solo si conocían bien al paciente;",
           "los sobrinos y sobrinas adultos, solo si conocían bien al paciente;",
           "los tíos y tías adultos, solo si conocían bien al paciente;",
           "un amigo o amiga cercana, adulto, que firma una declaración bajo pena de perjurio"),
}
NEXT_OF_KIN_RULES = {
    "en": ("(RCW 70.02.140; RCW 7.70.065(1)(a)(iii)–(x))", "Cousins and in-laws are not on the list.",
           "(RCW 7.70.065(1)(b))", "Each person must be an adult.",
           "You may ask only if no one in a group above yours is available.",
           "Everyone available in your group must agree."),
    "es": ("(RCW 70.02.140; RCW 7.70.065(1)(a)(iii)–(x))", "Los primos y los parientes políticos",
           "no están en la lista.", "(RCW 7.70.065(1)(b))", "Cada persona debe ser adulta.",
           "Usted puede pedirlo solo si no hay nadie disponible en un grupo de más arriba.",
           "Todas las personas disponibles de su grupo deben estar de acuerdo."),
}
REPRESENTATIVE = {"en": "The personal representative (executor or administrator) of the patient's estate can ask",
                  "es": "El representante personal (albacea o administrador) de la herencia del difunto lo puede pedir"}


def test_the_page_lists_as_many_classes_as_the_data_in_the_statutes_order():
    assert [row["class"] for row in writers()["next_of_kin"]] == ["iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
    assert all(len(classes) == len(writers()["next_of_kin"]) for classes in NEXT_OF_KIN.values())


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_next_of_kin_order_is_given_in_full_with_the_adult_and_unanimity_rules(built_site, lang):
    text = section_text(built_site, lang, PAGE, "next-of-kin")
    places = [text.find(item) for item in NEXT_OF_KIN[lang]]
    assert -1 not in places and places == sorted(places), dict(zip(NEXT_OF_KIN[lang], places))
    assert [rule for rule in NEXT_OF_KIN_RULES[lang] if rule not in text] == []
    assert REPRESENTATIVE[lang] in section_text(built_site, lang, PAGE, "personal-representative")


# 4. The proof to send: our list, for a death and for a guardian or agent.

PROOF = {
    "en": {"proof-after-death": ("This is our list", "a copy of the death certificate;",
                                 "the court papers that name you (letters testamentary or letters of administration);",
                                 "proof of how you are related to the patient;", "your signed sworn declaration."),
           "representative-of-an-adult": ("Our list", "the guardianship order or letters of guardianship",
                                          "the health care power of attorney that names you",
                                          "Then also send proof that it is in effect."),
           "capable-adult": ("This is our reading of the law",)},
    "es": {"proof-after-death": ("Esta es nuestra lista", "una copia del acta de defunción;",
                                 "los documentos del tribunal que lo nombran representante personal "
                                 "(en inglés: letters testamentary / letters of administration);",
                                 "una prueba de su parentesco con el paciente;", "su declaración jurada firmada."),
           "representative-of-an-adult": ("Nuestra lista", "la orden de tutela o los documentos de tutela (letters of "
                                          "guardianship)", "el poder legal para atención médica que lo nombra",
                                          "Entonces envíe también una prueba de que ya está en vigor."),
           "capable-adult": ("Esta es nuestra interpretación de la ley",)},
}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("anchor", ["proof-after-death", "representative-of-an-adult", "capable-adult"])
def test_the_proof_lists_are_given_as_our_list(built_site, lang, anchor):
    # The Spanish page marks the papers' English names lang="en"; the text finder puts spaces around them.
    text = re.sub(r"\(\s+|\s+\)", lambda match: match.group().strip(), section_text(built_site, lang, PAGE, anchor))
    assert [part for part in PROOF[lang][anchor] if part not in text] == []


# 5. Each section opens the letter builder with its writer's role chosen.

ROLES = {"minors": ["parent"], "deceased-person": ["personal-representative", "next-of-kin"],
         "guardian-or-agent": ["guardian", "health-care-agent"]}


def builder_roles(site, lang: str, anchor: str) -> list[str]:
    """The roles chosen by the links from the section to the letters page's request letter."""
    roles = []
    for href in re.findall(r'href="([^"]+)"', section_html(site, lang, anchor)):
        address = urlsplit(html.unescape(href))
        query = parse_qs(address.query)
        opens_request = address.fragment == "access-letter" and query.get("letter") == ["access"]
        if address.path == "letters.html" and opens_request:
            roles += query.get("requester_role", [])
    return roles


def test_every_role_linked_is_a_choice_of_the_form():
    questions = tomllib.loads((DATA_DIR / "questions.toml").read_text(encoding="utf-8"))["question"]
    choices = {choice["value"] for choice in questions["requester_role"]["choices"]}
    assert {role for roles in ROLES.values() for role in roles} <= choices


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("anchor", list(ROLES))
def test_each_section_links_to_the_builder_with_its_role_chosen(built_site, lang, anchor):
    assert builder_roles(built_site, lang, anchor) == ROLES[anchor]


# 6. Washington's reading for psychotherapy notes, as on the get-your-records page.

@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_psychotherapy_notes_section_gives_washingtons_reading_as_get_your_records_does(built_site, lang):
    text = section_text(built_site, lang, PAGE, "psychotherapy-notes")
    assert WASHINGTON_READING[lang] in text
    assert WASHINGTON_READING[lang] in section_text(built_site, lang, "get-your-records", "psychotherapy-notes")
    assert 'href="get-your-records.html#psychotherapy-notes"' in section_html(built_site, lang, "psychotherapy-notes")


# 7. Search finds the page from a parent's own words.

SEARCH_WORDS = {"en": ["daughter", "son", "teen", "counseling", "counselor", "died", "passed away"],
                "es": ["hija", "hijo", "adolescente", "terapia", "consejería", "terapeuta", "murió", "falleció"]}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_search_finds_the_page_by_a_parents_words(built_site, lang):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    prefix = f"{PAGE}.html" if lang == "en" else f"{lang}/{PAGE}.html"
    indexed = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith(prefix))
    words = " ".join(re.sub(r"<[^>]+>", " ", html.unescape(indexed)).lower().split())
    assert [word for word in SEARCH_WORDS[lang] if not re.search(rf"(?<!\w){word}(?!\w)", words)] == []
