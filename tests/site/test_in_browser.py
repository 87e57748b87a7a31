"""The guide in Chromium: accessibility (axe-core), offline search from a folder, and print."""
import json

import pytest

from ..axe import axe_violations
from .pages import WALKED_PAGES, page_url, search_result_count


def test_axe_finds_what_is_broken(page):
    # The check the tests rely on can fail: an image with no text, a button with no name, grey on white.
    page.set_content('<html lang="en"><title>x</title><main><img src="data:,"><button></button>'
                     '<p style="color:#bbb;background:#fff">Faint</p></main></html>')
    assert {violation["id"] for violation in axe_violations(page)} == {"image-alt", "button-name", "color-contrast"}
    assert [violation["id"] for violation in axe_violations(page, rules=["color-contrast"])] == ["color-contrast"]


@pytest.mark.parametrize("lang, name", WALKED_PAGES)
def test_axe_finds_no_wcag_a_or_aa_violation(page, site_url, lang, name):
    page.goto(page_url(site_url, lang, name))
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1)


@pytest.mark.parametrize("lang, word", [("en", "clerical"), ("es", "administrativo")])
def test_search_works_from_a_folder_on_file_urls(page, site_file_url, lang, word):
    errors = []
    # Material asks for sitemap.xml, which a browser refuses on file:// (toolchain notes): that is noise.
    page.on("console", lambda message: message.type == "error"
            and "sitemap" not in message.text + message.location.get("url", "")
            and errors.append(f"{message.text} {message.location}"))
    page.goto(page_url(site_file_url, lang, "index"))
    assert search_result_count(page, word) >= 1
    assert errors == []


def test_a_page_prints_without_navigation_search_or_footer(page, site_url):
    page.goto(page_url(site_url, "en", "costs"))
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("article").is_visible()
    link_after = page.evaluate("""() => getComputedStyle(
        document.querySelector('article a[href^="http"]'), '::after').content""")
    assert "https://" in link_after
