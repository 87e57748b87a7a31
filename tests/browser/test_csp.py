"""The Content-Security-Policy on every page, over http and from a folder: it is there, as strict as
planned, and nothing on any page (Material's scripts, its search worker, the calculator) trips it."""
import pytest

from tests.site.pages import ALL_PAGES, built_path, page_url, search_result_count

WATCH_CSP = """document.addEventListener("securitypolicyviolation", (event) =>
    (window.__cspViolations = window.__cspViolations || []).push(`${event.violatedDirective} ${event.blockedURI}`));"""


def watch(page):
    """Console errors (without Material's sitemap.xml request, refused on file:// and 404 under /es/)."""
    errors = []
    page.add_init_script(WATCH_CSP)
    page.on("console", lambda message: message.type == "error"
            and "sitemap" not in message.text + message.location.get("url", "")
            and errors.append(f"{message.text} @ {message.location.get('url')}"))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.mark.parametrize("lang, name", ALL_PAGES)
def test_every_page_carries_the_policy(built_site, lang, name):
    html = built_path(built_site, lang, name).read_text(encoding="utf-8")
    marker = '<meta http-equiv="Content-Security-Policy" content="'
    start = html.index(marker) + len(marker)
    policy = html[start:html.index('"', start)]
    for directive in ("default-src 'self'", "connect-src 'self';", "object-src 'none'", "base-uri 'self'",
                      "form-action 'none'", "img-src 'self' data:;"):
        assert directive in policy
    assert "http" not in policy and "*" not in policy and "unsafe-eval'" not in policy.replace("wasm-unsafe-eval'", "")


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_no_page_trips_the_policy_or_logs_an_error(page, site_url, site_file_url, scheme):
    errors = watch(page)
    base = site_url if scheme == "http" else site_file_url
    violations = {}
    for lang, name in ALL_PAGES:
        if name == "calculator":
            continue  # loaded, with Pyodide, by test_calculator_page_trips_nothing below
        page.goto(page_url(base, lang, name), wait_until="load")
        page.wait_for_timeout(300)  # let Material's search worker start
        found = page.evaluate("window.__cspViolations || []")
        if found:
            violations[f"{lang}/{name}"] = found
    assert violations == {} and errors == []


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_calculator_page_trips_nothing(page, site_url, site_file_url, scheme):
    errors = watch(page)
    page.goto(page_url(site_url if scheme == "http" else site_file_url, "es", "calculator"))
    page.wait_for_selector("#calc-app[data-state=ready]", state="attached", timeout=40000)
    page.fill("#deadline-date", "2025-11-17")
    page.select_option("#deadline-rule", "correction")
    page.click("form[data-kind=deadline] button[type=submit]")
    page.locator("form[data-kind=deadline] + .calc-result", has_text="1 de diciembre de 2025").wait_for()
    assert page.evaluate("window.__cspViolations || []") == [] and errors == []


@pytest.mark.parametrize("lang, word", [("en", "clerical"), ("es", "administrativo")])
def test_search_works_over_http_under_the_policy(page, site_url, lang, word):
    errors = watch(page)
    page.goto(page_url(site_url, lang, "costs"))
    assert search_result_count(page, word) >= 1
    assert page.evaluate("window.__cspViolations || []") == [] and errors == []
