"""Search answers in the page's language, over http and from a folder: an English page lists English
pages and a Spanish page Spanish ones, still read with lunr's Spanish language support."""
import json

import pytest

from .pages import page_url, search_result_links

# On pages in both languages, so a search that ignored the page's language would list both.
IN_BOTH_LANGUAGES = "HIPAA"


@pytest.mark.parametrize("scheme", ["http", "file"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_search_lists_only_pages_in_the_pages_language(page, site_url, site_file_url, lang, scheme):
    base = site_url if scheme == "http" else site_file_url
    page.goto(page_url(base, lang, "costs"))
    links = search_result_links(page, IN_BOTH_LANGUAGES)
    assert links and all(link.startswith(base) for link in links), links
    in_spanish = [link for link in links if link.startswith(base + "es/")]
    assert in_spanish == (links if lang == "es" else []), links


def test_spanish_pages_are_still_searched_as_spanish(built_site, page, site_url):
    # One index for both languages, read with lunr's English and Spanish language support (Spanish stop
    # words). Material's pipeline has no stemmer: it matches the start of words ("solicitud" finds
    # "solicitudes"), and adding the stemmer made it find nothing at all.
    config = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert config["lang"] == ["en", "es"]
    page.goto(page_url(site_url, "es", "index"))
    links = search_result_links(page, "negación")
    assert links and all(link.startswith(site_url + "es/") for link in links), links


# Issue 24, item 6: the words people type find the new sections, in each language. (page, section) is
# where the answer is; the search must list that section (the pages did not exist before issue 24).
PLAIN_WORDS = [
    ("en", "dentist", "where-you-got-care", "dental-office"),
    ("en", "X-ray", "where-you-got-care", "dental-office"),
    ("en", "bill", "where-you-got-care", "dental-office"),
    ("en", "portal", "electronic-copies", "must-i-use-the-portal"),
    ("en", "app", "electronic-copies", "send-to-an-app"),
    ("en", "information blocking", "electronic-copies", "report-information-blocking"),
    ("en", "caregiver", "electronic-copies", "proxy-access"),
    ("en", "psychotherapy note", "where-you-got-care", "what-is-a-psychotherapy-note"),
    ("en", "substance use", "where-you-got-care", "part-2-programs"),
    ("en", "VA", "where-you-got-care", "veterans"),
    ("en", "veteran", "where-you-got-care", "veterans"),
    ("en", "jail", "where-you-got-care", "jail-or-prison"),
    ("en", "prison", "where-you-got-care", "jail-or-prison"),
    ("en", "closed", "where-you-got-care", "closed-practice"),
    ("en", "retired", "where-you-got-care", "closed-practice"),
    ("en", "hospital records kept", "where-you-got-care", "how-long-records-are-kept"),
    ("en", "X-ray", "get-your-records", "which-records"),
    ("en", "billing records", "get-your-records", "which-records"),
    ("en", "dates of care", "get-your-records", "which-records"),
    ("es", "dentista", "where-you-got-care", "dental-office"),
    ("es", "radiografía", "where-you-got-care", "dental-office"),
    ("es", "factura", "where-you-got-care", "dental-office"),
    ("es", "portal", "electronic-copies", "must-i-use-the-portal"),
    ("es", "aplicación", "electronic-copies", "send-to-an-app"),
    ("es", "bloqueo de información", "electronic-copies", "report-information-blocking"),
    ("es", "cuidador", "electronic-copies", "proxy-access"),
    ("es", "nota de psicoterapia", "where-you-got-care", "what-is-a-psychotherapy-note"),
    ("es", "uso de sustancias", "where-you-got-care", "part-2-programs"),
    ("es", "veterano", "where-you-got-care", "veterans"),
    ("es", "cárcel", "where-you-got-care", "jail-or-prison"),
    ("es", "prisión", "where-you-got-care", "jail-or-prison"),
    ("es", "cerró", "where-you-got-care", "closed-practice"),
    ("es", "jubiló", "where-you-got-care", "closed-practice"),
    ("es", "radiografía", "get-your-records", "which-records"),
    ("es", "factura", "get-your-records", "which-records"),
    ("es", "fechas de atención", "get-your-records", "which-records"),
    # Issue 26, item 5: words people type that found nothing or the wrong place. Material's Spanish
    # search matches the start of words and does not stem, so "fallecido" never found "fallecida" and
    # "consejero" never found "consejería": the pages now use the words themselves.
    ("es", "fallecido", "special-cases", "deceased-person"),
    ("en", "court order", "if-the-law-is-not-followed", "talk-to-a-lawyer"),
    ("es", "orden judicial", "if-the-law-is-not-followed", "talk-to-a-lawyer"),
    ("en", "counselor", "where-you-got-care", "behavioral-health"),
    ("es", "consejero", "where-you-got-care", "behavioral-health"),
    ("es", "consejera", "where-you-got-care", "behavioral-health"),
]


@pytest.mark.parametrize("lang, words, name, section", PLAIN_WORDS, ids=lambda value: str(value))
def test_the_words_people_type_find_the_section_that_answers(page, site_url, lang, words, name, section):
    page.goto(page_url(site_url, lang, "index"))
    links = search_result_links(page, words)
    wanted = page_url(site_url, lang, name) + "#" + section
    assert wanted in links, links


# Issue 26, item 5: the section that answers comes among the first results, not below a dozen others.
RANKED_WORDS = [
    ("es", "cobro de más", "costs", "overcharge"),
    ("en", "overcharge", "costs", "overcharge"),
]


@pytest.mark.parametrize("lang, words, name, section", RANKED_WORDS, ids=lambda value: str(value))
def test_the_words_people_type_rank_the_answer_first(page, site_url, lang, words, name, section):
    page.goto(page_url(site_url, lang, "index"))
    links = search_result_links(page, words)
    wanted = page_url(site_url, lang, name) + "#" + section
    assert wanted in links[:3], links
