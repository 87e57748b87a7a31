"""The web's own auditors on the built site, in `make test` (tests/audit.py runs them for `make audit`):
the Nu HTML Checker finds no error on any page, and Lighthouse gives full marks in accessibility, best
practices and SEO to every page type on a phone, each in one language, the languages taking turns
(`make audit` runs both languages, mobile and desktop, and prints performance too). And the theme's markup fixes (overrides/hooks/theme_markup.py)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
import audit  # noqa: E402
from theme_markup import language_alternates, valid_toggles  # noqa: E402

pytestmark = pytest.mark.browser  # Lighthouse starts a Chromium (tests/conftest.py: one browser at a time)

JUDGED = ["accessibility", "best-practices", "seo"]


def test_the_nu_html_checker_finds_no_error_on_any_page(built_site):
    messages = audit.nu_messages(built_site)
    assert messages, "the checker said nothing at all: did it run?"
    errors = [f"{message.get('url', '').rsplit('/', 1)[-1]}: {message['message']}"
              for message in messages if message["type"] != "info"]
    assert errors == []


def test_the_checker_can_fail(tmp_path):
    (tmp_path / "bad.html").write_text('<!doctype html><html lang="en"><title>x</title>'
                                       '<input type="checkbox" autocomplete="off"></html>', encoding="utf-8")
    assert [message for message in audit.nu_messages(tmp_path) if message["type"] == "error"]


# Each page type once, the languages taking turns (both languages of every type: `make audit`), to keep
# make test's time: each Lighthouse run takes about 6 s here.
JUDGED_PAGES = [(kind, ("en", "es")[index % 2]) for index, kind in enumerate(audit.PAGE_TYPES)]


@pytest.fixture(scope="module")
def lighthouse_runs(built_site):
    server, base = audit.serve(built_site)
    try:
        urls = {key: url for key, url in audit.page_urls(base).items() if key in JUDGED_PAGES}
        runs = audit.lighthouse(list(urls.values()), JUDGED, form_factors=("mobile",))
    finally:
        server.shutdown()
    by_url = {run["url"]: run for run in runs}
    return {key: by_url[url] for key, url in urls.items()}


@pytest.mark.parametrize("kind, lang", JUDGED_PAGES)
def test_lighthouse_gives_full_marks_in_accessibility_best_practices_and_seo(lighthouse_runs, kind, lang):
    run = lighthouse_runs[(kind, lang)]
    assert run["runtime_error"] is None
    assert run["scores"] == {category: 100 for category in JUDGED}, run["failed"]


def test_the_toggles_lose_only_their_autocomplete():
    page = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
            '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'
            '<input type="text" autocomplete="off">')
    assert valid_toggles(page) == ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
                                   '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">'
                                   '<input type="text" autocomplete="off">')


HEAD = ('<head>\n  <link rel="alternate" href="../costs.html" hreflang="en">\n'
        '  <link rel="alternate" href="costs.html" hreflang="es">\n</head>')


def test_language_alternates_are_full_addresses_when_the_host_sets_site_url():
    fixed = language_alternates(HEAD, "es/costs.html", "https://library.example.org/guide")
    assert '<link rel="alternate" href="https://library.example.org/guide/costs.html" hreflang="en">' in fixed
    assert '<link rel="alternate" href="https://library.example.org/guide/es/costs.html" hreflang="es">' in fixed


def test_without_site_url_or_on_an_error_page_there_are_no_alternates():
    assert "alternate" not in language_alternates(HEAD, "es/costs.html", "")
    assert "alternate" not in language_alternates(HEAD, "es/404.html", "https://library.example.org/")


def test_the_built_pages_have_no_relative_alternates(built_site):
    # mkdocs.yml ships without site_url: no page may give a relative hreflang address.
    for path in built_site.rglob("*.html"):
        assert 'rel="alternate" href' not in path.read_text(encoding="utf-8"), path.name
