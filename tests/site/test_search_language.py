"""Search answers in the page's language, over http and from a folder: an English page lists English
pages, a Spanish page Spanish ones, and so on for every language, each read with lunr's support for its
language."""
import json

import pytest

from calculator.languages import languages

from .pages import LANGUAGE_CODES, PAGE_NAMES, language_folder, page_url, search_result_links

# On pages in every language, so a search that ignored the page's language would list them all.
IN_EVERY_LANGUAGE = "HIPAA"
# A word only the language's own pages have ("denial", "complaint", "refusal").
OWN_WORDS = {"es": "negación", "vi": "khiếu nại", "ru": "отказ"}


@pytest.mark.parametrize("scheme", ["http", "file"])
@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_search_lists_only_pages_in_the_pages_language(page, site_url, site_file_url, lang, scheme):
    base = site_url if scheme == "http" else site_file_url
    page.goto(page_url(base, lang, "costs"))
    links = search_result_links(page, IN_EVERY_LANGUAGE)
    assert links and all(link.startswith(base) for link in links), links
    others = [code for code in LANGUAGE_CODES if language_folder(code)]
    in_folders = {code: [link for link in links if link.startswith(base + language_folder(code))] for code in others}
    assert all(found == (links if code == lang else []) for code, found in in_folders.items()), links


def test_one_index_reads_every_language(built_site):
    # One index for all languages, read with lunr's support for each (Material's `lang`: stop words and
    # trimmers). Material's pipeline has no stemmer: it matches the start of words ("solicitud" finds
    # "solicitudes"), and adding the stemmer made it find nothing at all.
    config = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert config["lang"] == [languages()[code].search for code in LANGUAGE_CODES]


@pytest.mark.parametrize("lang", list(OWN_WORDS))
def test_a_word_of_the_language_finds_its_pages(home_page_of, site_url, lang):
    links = search_result_links(home_page_of(lang), OWN_WORDS[lang])
    assert links and all(link.startswith(site_url + language_folder(lang)) for link in links), links


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
    # Vietnamese and Russian: a word each of the readers' questions.
    ("vi", "nha sĩ", "where-you-got-care", "dental-office"),
    ("ru", "стоматолог", "where-you-got-care", "dental-office"),
]


@pytest.fixture(scope="module")
def home_page_of(browser, site_url):
    """The home page in a language, opened once for this file's searches in that language (a search
    changes nothing on the page but the box and its results)."""
    context = browser.new_context()
    opened = {}

    def home_page(lang: str):
        if lang not in opened:
            opened[lang] = context.new_page()
            opened[lang].goto(page_url(site_url, lang, "index"))
        opened[lang].bring_to_front()  # a tab behind another gets its timers and frames slowed
        return opened[lang]

    yield home_page
    context.close()


@pytest.mark.parametrize("lang, words, name, section", PLAIN_WORDS, ids=lambda value: str(value))
def test_the_words_people_type_find_the_section_that_answers(home_page_of, site_url, lang, words, name, section):
    links = search_result_links(home_page_of(lang), words)
    wanted = page_url(site_url, lang, name) + "#" + section
    assert wanted in links, links


# Issue 26, item 5: the section that answers comes among the first results, not below a dozen others.
RANKED_WORDS = [
    ("es", "cobro de más", "costs", "overcharge"),
    ("en", "overcharge", "costs", "overcharge"),
]


@pytest.mark.parametrize("lang, words, name, section", RANKED_WORDS, ids=lambda value: str(value))
def test_the_words_people_type_rank_the_answer_first(home_page_of, site_url, lang, words, name, section):
    links = search_result_links(home_page_of(lang), words)
    wanted = page_url(site_url, lang, name) + "#" + section
    assert wanted in links[:3], links


def test_each_language_has_its_own_index_with_its_own_pages(built_site):
    """search_index.<code>.json holds every page of that language and no other; together they are
    Material's whole index (which the offline copy still reads, as search_index.js)."""
    folder = built_site / "search"
    whole = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
    parts = {code: json.loads((folder / f"search_index.{code}.json").read_text(encoding="utf-8"))
             for code in LANGUAGE_CODES}
    for code, part in parts.items():
        pages = {doc["location"].split("#")[0] for doc in part["docs"]}
        assert pages == {f"{language_folder(code)}{name}.html" for name in PAGE_NAMES}, code
        assert part["config"] == whole["config"]
    assert sorted(json.dumps(doc, sort_keys=True) for part in parts.values() for doc in part["docs"]) == sorted(
        json.dumps(doc, sort_keys=True) for doc in whole["docs"])


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_a_page_downloads_only_its_own_languages_index(browser, site_url, lang):
    context = browser.new_context()
    page = context.new_page()
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(page_url(site_url, lang, "costs"))
    links = search_result_links(page, IN_EVERY_LANGUAGE)  # the search answers, from that file alone
    context.close()
    indexes = [url.rsplit("/", 1)[1] for url in asked if "/search/search_index" in url]
    assert indexes == [f"search_index.{lang}.json"] and links
