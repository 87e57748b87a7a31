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
