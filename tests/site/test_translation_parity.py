"""Every translation says what the English says: the same placeholders, numbers, amounts and citations,
and the glossary's one word for each term (tests/site/terms.toml).

It reads every English string in calculator/data/*.toml beside its translations (from the gettext catalogs,
as the calculator loads them), and every English page
(docs/x.md) beside its translations (docs/x.<lang>.md), section by section (the sections share their
heading anchors). It runs for every language the calculator declares (calculator/law.py LANGUAGES), which
must be the languages the site builds (mkdocs.yml).
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

from calculator.languages import languages
from calculator.law import DATA_DIR, LANGUAGES, load_data

from .pages import DOCS, ENGLISH_SOURCES

ROOT = DOCS.parent
TRANSLATIONS = [lang for lang in LANGUAGES if lang != "en"]
TERMS = tomllib.loads((Path(__file__).parent / "terms.toml").read_text(encoding="utf-8"))

PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{[A-Za-z_][\w.]*\}")
CITATION = re.compile(r"(?:RCW|WAC)\s+\d+[A-Z]?(?:[.-]\d+[A-Za-z]?)*(?:\([0-9a-z]+\))*"
                      r"|\d+\s+(?:CFR|U\.S\.C\.)\s+(?:Part\s+)?\d+(?:\.\d+)*(?:\([0-9a-zA-Z]+\))*"
                      r"|§+\s*\d+(?:[.-]\d+)*(?:\([0-9a-z]+\))*")
MONEY = re.compile(r"\$\d[\d,]*(?:\.\d+)?")
NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
HEADING = re.compile(r"^#{1,6} (.*?)\{ *#([\w-]+) *\}[ \t]*$", re.M)
# Placeholders a translated page has by design: the letters page shows a sample letter's copy in the
# reader's language under the English sample.
TRANSLATION_ONLY = re.compile(r"\{\{ letter\.[\w-]+\.sample_copy \}\}")


def facts(text: str) -> set[str]:
    """The placeholders, citations, amounts and numbers in `text`, each taken out before the next is looked
    for (so a citation's numbers are not counted again as numbers)."""
    found: set[str] = set()
    for pattern in (PLACEHOLDER, CITATION, MONEY):
        found |= {" ".join(match.split()) for match in pattern.findall(text)}
        text = pattern.sub(" ", text)
    return found | set(NUMBER.findall(text))


def strings_in(value) -> list[str]:
    """Every string inside one language's words of a unit (a string, a list, a table of plural forms or
    of keys)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in strings_in(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings_in(item)]
    return []


def string_pairs(node, where: str) -> Iterator[tuple[str, dict[str, str]]]:
    """Each place in a data file that is words in every language: (where, {lang: all its text})."""
    if isinstance(node, dict):
        if all(lang in node for lang in LANGUAGES):
            yield where, {lang: "\n".join(strings_in(node[lang])) for lang in LANGUAGES}
        for key, value in node.items():
            if key not in LANGUAGES:
                yield from string_pairs(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from string_pairs(value, f"{where}[{index}]")


def data_pairs() -> list[tuple[str, dict[str, str]]]:
    pairs = []
    for path in sorted(DATA_DIR.glob("*.toml")):
        pairs += string_pairs(load_data(path.name), path.name)  # the English with its catalogs' translations
    return pairs


def sections(text: str, headings: bool = False) -> dict[str, str]:
    """A page's text by heading anchor ("" for what comes before the first heading), with the heading's
    words first when `headings`; front matter left out (a translation records its English page's hash
    there, overrides/page_translations.py)."""
    parts = HEADING.split(get_data(text)[0])
    return {"": parts[0], **{parts[index + 1]: (parts[index] + "\n" if headings else "") + parts[index + 2]
                             for index in range(1, len(parts), 3)}}


def page_pairs(headings: bool = False) -> list[tuple[str, dict[str, str]]]:
    """Each section of each page in every language: (page#anchor, {lang: its text})."""
    pairs = []
    for english in ENGLISH_SOURCES:
        by_lang = {lang: sections(english.with_name(f"{english.stem}.{lang}.md").read_text(encoding="utf-8"), headings)
                   for lang in TRANSLATIONS}
        by_lang["en"] = sections(english.read_text(encoding="utf-8"), headings)
        for anchor in by_lang["en"]:
            pairs.append((f"{english.name}#{anchor}", {lang: by_lang[lang].get(anchor, "") for lang in LANGUAGES}))
    return pairs


def _words(phrase: str) -> re.Pattern:
    flags = 0 if phrase.isupper() else re.IGNORECASE  # an acronym only in capitals ("VA", not "va")
    return re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", flags)


def _without(text: str, phrases: list[str]) -> str:
    for phrase in sorted(phrases, key=len, reverse=True):
        text = _words(phrase).sub(" ", text)
    return text


def term_problems(english: str, translation: str, lang: str) -> list[str]:
    """Where `translation` does not use the glossary's words for `lang`: a term the English says and the
    translation does not, or a word never to use."""
    problems = []
    for name, term in TERMS.get(lang, {}).items():
        said = _without(english, term.get("en_not", []))
        if any(_words(word).search(said) for word in term["en"]) and not any(
                _words(word).search(translation) for word in term["use"]):
            problems.append(f"{name}: the English says {term['en']}, the translation none of {term['use']}")
        rest = _without(translation, term["use"] + term.get("except", []))
        problems += [f"{name}: never “{word}”" for word in term.get("never", []) if _words(word).search(rest)]
    return problems


def fact_problems(texts: dict[str, str], lang: str) -> list[str]:
    english, translation = facts(texts["en"]), facts(TRANSLATION_ONLY.sub(" ", texts[lang]))
    return ([f"only in English: {sorted(english - translation)}"] if english - translation else []) + (
        [f"only in {lang}: {sorted(translation - english)}"] if translation - english else [])


def test_the_languages_are_the_ones_the_site_builds():
    """mkdocs.yml's i18n list names the languages table's codes, in its order, with the same names."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert TRANSLATIONS and re.findall(r"^\s+- locale: (\w+)", config, re.M) == list(LANGUAGES)
    named = re.findall(r"^\s+- locale: (\w+)\n(?:\s+\w+: .*\n)*?\s+name: (.+)$", config, re.M)
    assert dict(named) == {code: language.name for code, language in languages().items()}


def test_every_page_has_the_same_sections_in_every_language():
    for english in ENGLISH_SOURCES:
        anchors = list(sections(english.read_text(encoding="utf-8")))
        for lang in TRANSLATIONS:
            twin = english.with_name(f"{english.stem}.{lang}.md")
            assert list(sections(twin.read_text(encoding="utf-8"))) == anchors, twin.name


def test_the_fact_finder_finds_placeholders_citations_amounts_and_numbers():
    assert facts("Under RCW 70.02.080(1), pay {fee} or $1.24 a page for 30 pages, 45 CFR 164.524(c)(4).") == {
        "{fee}", "RCW 70.02.080(1)", "$1.24", "30", "45 CFR 164.524(c)(4)"}
    assert facts("See {{ help.clear.phone }} and WAC 246-08-400.") == {"{{ help.clear.phone }}", "WAC 246-08-400"}


def test_the_term_check_finds_a_wrong_word_and_a_missing_term():
    assert term_problems("When the authorization ends", "cuándo termina el permiso", "es")
    assert not term_problems("When the authorization ends", "cuándo termina la autorización", "es")
    assert not term_problems("Paid leave", "el Permiso Familiar y Médico Pagado", "es")
    assert term_problems("a parent or guardian", "el padre, la madre o el tutor", "es")
    assert not term_problems("log entry 3", "anotación 3 del registro", "es")
    # Vietnamese: "máy tính" is a computer, never the calculator.
    assert term_problems("Use the calculator", "Dùng máy tính", "vi")
    assert not term_problems("The calculator runs on your computer", "Công cụ tính chạy trên máy tính của quý vị", "vi")


# Names, not facts: Vietnamese calls its months by number ("tháng 12" is December).
NAMES_ONLY = {"messages.toml.date.months"}


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_every_data_string_keeps_the_facts_of_the_english(lang):
    problems = [f"{where}: {problem}" for where, texts in data_pairs() if where not in NAMES_ONLY
                for problem in fact_problems(texts, lang)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_every_page_section_keeps_the_facts_of_the_english(lang):
    problems = [f"{where}: {problem}" for where, texts in page_pairs() for problem in fact_problems(texts, lang)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_every_data_string_uses_the_glossary_terms(lang):
    problems = [f"{where}: {problem}" for where, texts in data_pairs()
                for problem in term_problems(texts["en"], texts[lang], lang)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_every_page_section_uses_the_glossary_terms(lang):
    # Headings too: a heading says a term as much as its section does ("Fast facts").
    problems = [f"{where}: {problem}" for where, texts in page_pairs(headings=True)
                for problem in term_problems(texts["en"], texts[lang], lang)]
    assert not problems, "\n".join(problems)


# Differences of meaning no term row catches (issue 30): (file, the words it says, the words it said).
SAID_RIGHT = [
    ("docs/if-they-say-no.es.md", "Debería decir:", "Debe decir:"),  # advice, as "It should say"
    ("docs/correct-your-records.es.md", "la fecha límite de su solicitud", "la fecha de su solicitud"),
    ("calculator/locale/es/LC_MESSAGES/questions.po", "Las personas que vieron u oyeron", "Alguien que vio u oyó"),  # "Anyone"
    ("docs/special-cases.md", "state registered domestic partner", "wife or domestic partner"),
]


@pytest.mark.parametrize("path, says, said", SAID_RIGHT)
def test_a_sentence_says_what_its_english_says(path, says, said):
    text = (ROOT / path).read_text(encoding="utf-8")
    assert says in text and said not in text
