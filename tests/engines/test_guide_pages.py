"""A few guide pages in Firefox ESR and WebKitGTK, in both languages, over http and from the offline copy:
each loads in its language with no console error and no request to another host.

Each pair of (way in, language, page) is opened once, not every triple: a fault that needs two of them
together (a Spanish page from a folder, the letters page over http) still shows, in half the openings.
The calculator page is opened in both ways and every language by test_calculator.py."""
from __future__ import annotations

import pytest

from .conftest import console_errors, open_page, requests_elsewhere

pytestmark = pytest.mark.engines

PAGES = ["index", "costs", "letters"]
# Every (way in, language), (way in, page) and (language, page) pair once.
OPENINGS = [("http", "en", "index"), ("file", "es", "index"), ("http", "es", "costs"), ("file", "en", "costs"),
            ("http", "en", "letters"), ("file", "es", "letters")]


def test_the_openings_meet_every_pair():
    pairs = {(first, second) for opening in OPENINGS for first, second in
             ((opening[0], opening[1]), (opening[0], opening[2]), (opening[1], opening[2]))}
    assert pairs == ({(scheme, lang) for scheme in ("http", "file") for lang in ("en", "es")}
                     | {(scheme, page) for scheme in ("http", "file") for page in PAGES}
                     | {(lang, page) for lang in ("en", "es") for page in PAGES})


@pytest.fixture(scope="module", params=OPENINGS, ids=lambda param: "-".join(param))
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
