"""Every page exists in every language, with the same structure, and switches to its twins."""
import re

import pytest

from .html_text import read_article
from .pages import DOCS, ENGLISH_SOURCES, LANGUAGE_CODES, PAGE_NAMES, TRANSLATED, built_path


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_english_page_has_a_twin_in_each_language_and_back(lang):
    english = {path.stem for path in ENGLISH_SOURCES}
    translated = {path.name[:-len(f".{lang}.md")] for path in DOCS.glob(f"*.{lang}.md")}
    assert english == translated and len(english) >= 9


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_language_is_built_with_the_right_lang_attribute(built_site, name):
    for lang in LANGUAGE_CODES:
        html = built_path(built_site, lang, name).read_text(encoding="utf-8")
        assert re.search(rf'<html[^>]*\blang="{lang}"', html)


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_twins_have_the_same_heading_anchors_and_number_of_links(built_site, name, lang):
    english = read_article(built_path(built_site, "en", name))
    translated = read_article(built_path(built_site, lang, name))
    assert english.heading_ids and english.heading_ids == translated.heading_ids
    assert len(english.links) == len(translated.links)


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_the_language_switcher_goes_to_the_same_page_in_every_other_language(built_site, name):
    for lang in LANGUAGE_CODES:
        page = built_path(built_site, lang, name)
        html = page.read_text(encoding="utf-8")
        for other in LANGUAGE_CODES:
            links = re.findall(r'<a href="([^"]+)" hreflang="' + other + '" lang="' + other + '"', html)
            if other == lang:
                assert not links, f"{page} offers its own language"
                continue
            assert links, f"no switcher link to {other} on {page}"
            target = (page.parent / links[0].split("#")[0]).resolve()
            assert target == built_path(built_site, other, name).resolve() and target.exists()
