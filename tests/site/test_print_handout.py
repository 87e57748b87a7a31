"""Print: a guide page, and the calculator page with a result, print as a handout in both languages:
the site's name, the page's title, the date the legal facts were last reviewed, the address of every
outside link, body text of at least 11 pt, no heading left alone at the foot of a page, no navigation."""
import re

import pytest

from .pages import page_url

SITE_NAME = {"en": "Your Medical Records in Washington", "es": "Su expediente médico en Washington"}
REVIEWED = {"en": "Legal facts last reviewed:", "es": "Datos legales revisados por última vez:"}
NAVIGATION = (".md-sidebar--primary", ".md-sidebar--secondary", ".md-tabs", ".md-search", ".md-top",
              ".md-footer__inner", ".md-header__button", ".guide-languages", "label[for=__drawer]")
ELEVEN_PT_IN_PX = 11 * 96 / 72

PRINTED = """() => {
    const visible = (el) => el.checkVisibility({visibilityProperty: true});
    const text = Array.from(document.querySelectorAll("article p, article li, article td, article th, .legal-footer p"))
        .filter(visible);
    return {
        smallest: Math.min(...text.map((el) => parseFloat(getComputedStyle(el).fontSize))),
        headings: Array.from(document.querySelectorAll("article :is(h1, h2, h3, h4)"))
            .filter(visible).map((el) => getComputedStyle(el).breakAfter),
        outside: Array.from(document.querySelectorAll('article a[href^="http"], .legal-footer a[href^="http"]'))
            .filter(visible).map((a) => [a.href, getComputedStyle(a, "::after").content]),
    };
}"""


def assert_prints_as_a_handout(page, lang, has_outside_links=True):
    page.emulate_media(media="print")
    site_name = page.locator(".md-header__topic").first
    assert site_name.is_visible() and site_name.inner_text().strip() == SITE_NAME[lang]
    assert page.locator("article h1").is_visible()
    reviewed = page.locator(".legal-footer")
    assert reviewed.is_visible() and re.search(re.escape(REVIEWED[lang]) + r".*\d{4}", reviewed.inner_text())
    for selector in NAVIGATION:
        assert not page.locator(selector).first.is_visible(), selector
    printed = page.evaluate(PRINTED)
    assert printed["smallest"] >= ELEVEN_PT_IN_PX, printed["smallest"]
    assert printed["headings"] and set(printed["headings"]) == {"avoid"}
    assert bool(printed["outside"]) == has_outside_links
    assert all(href in content for href, content in printed["outside"]), printed["outside"]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", ["costs", "if-the-law-is-not-followed"])
def test_a_guide_page_prints_as_a_handout(page, site_url, lang, name):
    page.goto(page_url(site_url, lang, name))
    page.evaluate("window.scrollTo(0, 2000)")  # Material swaps the header's site name for the title on scroll
    page.wait_for_selector(".md-header__title--active", state="attached")  # swapped: print must undo it
    assert_prints_as_a_handout(page, lang)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_calculator_result_prints_as_a_handout(page, site_url, lang):
    page.goto(page_url(site_url, lang, "calculator"))
    page.wait_for_selector("#calc-app[data-state=ready]", state="attached", timeout=40000)
    page.fill("#fee-date", "2024-07-01")
    page.fill("#fee-pages", "45")
    page.click("form[data-kind=fee] button[type=submit]")
    result = page.locator("form[data-kind=fee] + .calc-result")
    result.wait_for(state="visible")
    assert_prints_as_a_handout(page, lang, has_outside_links=False)  # its sources are citations, not links
    assert result.is_visible() and "$79.30" in result.inner_text()
    assert not page.locator("form[data-kind=fee]").is_visible() and not page.locator(".calc-actions").is_visible()
    assert page.locator("#fee-calculator").is_visible()  # the heading of the form with a result
    assert not page.locator("#deadline-calculator").is_visible()  # no result here: no heading alone
