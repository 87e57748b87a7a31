"""Every page exists in both languages, with the same structure, and switches to its twin."""
import re

import pytest

from .html_text import read_article
from .pages import ENGLISH_SOURCES, PAGE_NAMES, SPANISH_SOURCES, built_path


def test_every_english_page_has_a_spanish_twin_and_back():
    english = {path.stem for path in ENGLISH_SOURCES}
    spanish = {path.name[:-len(".es.md")] for path in SPANISH_SOURCES}
    assert english == spanish and len(english) >= 9


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_both_languages_are_built_with_the_right_lang_attribute(built_site, name):
    for lang in ("en", "es"):
        html = built_path(built_site, lang, name).read_text(encoding="utf-8")
        assert re.search(rf'<html[^>]*\blang="{lang}"', html)


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_twins_have_the_same_heading_anchors_and_number_of_links(built_site, name):
    english = read_article(built_path(built_site, "en", name))
    spanish = read_article(built_path(built_site, "es", name))
    assert english.heading_ids and english.heading_ids == spanish.heading_ids
    assert len(english.links) == len(spanish.links)


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_the_language_switcher_goes_to_the_same_page_in_the_other_language(built_site, name):
    for lang, other, expected in (("en", "es", f"es/{name}.html"), ("es", "en", f"{name}.html")):
        page = built_path(built_site, lang, name)
        html = page.read_text(encoding="utf-8")
        links = re.findall(r'<a href="([^"]+)" hreflang="' + other + '"', html)
        assert links, f"no switcher link to {other} on {page}"
        target = (page.parent / links[0].split("#")[0]).resolve()
        assert target == (built_site / expected).resolve() and target.exists()
