"""A few guide pages in Firefox ESR and WebKitGTK, in both languages, over http and from the offline copy:
each loads in its language with no console error and no request to another host."""
from __future__ import annotations

import pytest

from .conftest import console_errors, open_page, requests_elsewhere

pytestmark = pytest.mark.engines

PAGES = ["index", "costs", "letters"]


@pytest.fixture(scope="module", params=[(scheme, lang, page) for scheme in ("http", "file")
                                        for lang in ("en", "es") for page in PAGES],
                ids=lambda param: "-".join(param))
def guide_page(request, driver, trap, site_url, site_file_url):
    """One guide page, opened and left until it stops requesting and logging."""
    scheme, lang, page = request.param
    visit = open_page(driver, trap, scheme, lang, page, site_url, site_file_url)
    visit.settled_log()
    return visit


def test_guide_page_loads_in_its_language(guide_page):
    assert guide_page.driver.eval("document.documentElement.lang") == guide_page.lang
    assert guide_page.driver.eval("document.querySelector('article h1')?.textContent.trim() || ''")


def test_guide_page_logs_no_console_error(guide_page):
    assert console_errors(guide_page) == []


def test_guide_page_asks_no_other_host(guide_page, site_url):
    if guide_page.scheme == "http":  # the request log works (Firefox reports no file:// request)
        assert guide_page.url in guide_page.settled_log()["requests"]
    assert requests_elsewhere(guide_page, site_url) == []
