"""The Content-Security-Policy on every page, over http and from a folder: it is there, as strict as
planned, and nothing on any page (Material's scripts, its search worker, the calculator) trips it.
The hosted build names each inline script by its hash, so an injected one cannot run; the offline
copy (`make offline`, opened from file://) adds only blob: for workers and the hash of the search frame's
one inline script: no 'unsafe-inline' there either."""
import re
import sys
from pathlib import Path

import pytest

from tests.site.pages import ALL_PAGES, WALKED_PAGES, built_path, page_url, search_result_count

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "overrides" / "hooks"))
from content_security_policy import PLACEHOLDER, PluginError, on_post_build  # noqa: E402
from iframe_worker import FRAME_SCRIPT, frame_script_source  # noqa: E402

MARKER = '<meta http-equiv="Content-Security-Policy" content="'


def meta_policy(html: str) -> str:
    start = html.index(MARKER) + len(MARKER)
    return html[start:html.index('"', start)]


def directive(policy: str, name: str) -> str:
    return next(part.strip() for part in policy.split(";") if part.strip().startswith(name + " "))

WATCH_CSP = """document.addEventListener("securitypolicyviolation", (event) =>
    (window.__cspViolations = window.__cspViolations || []).push(`${event.violatedDirective} ${event.blockedURI}`));"""


def violations_seen(page, *kinds: str) -> list[str]:
    """The policy's reports, once one of each of `kinds` ("script-src-elem inline", …) has come: the
    browser reports a refused script a moment after refusing it, so the test waits for the report."""
    page.wait_for_function("""(kinds) => kinds.every((kind) =>
        (window.__cspViolations || []).some((violation) => violation.startsWith(kind)))""", arg=list(kinds))
    return page.evaluate("window.__cspViolations")


def watch(page):
    """Console errors (without Material's sitemap.xml request, refused on file:// and 404 under /es/)."""
    errors = []
    page.add_init_script(WATCH_CSP)
    page.on("console", lambda message: message.type == "error"
            and "sitemap" not in message.text + message.location.get("url", "")
            and errors.append(f"{message.text} @ {message.location.get('url')}"))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def built_pages(site):
    """Every page of a build: the guide's pages in both languages and the two 404 pages."""
    return [built_path(site, lang, name) for lang, name in ALL_PAGES] + [site / "404.html", site / "es" / "404.html"]


@pytest.mark.parametrize("lang, name", [*ALL_PAGES, ("en", "404"), ("es", "404")])
def test_every_page_carries_the_strict_policy_with_a_hash_for_each_inline_script(built_site, lang, name):
    html = built_path(built_site, lang, name).read_text(encoding="utf-8")
    assert html.count(MARKER) == 1
    policy = meta_policy(html)
    for expected in ("default-src 'self'", "connect-src 'self';", "object-src 'none'", "base-uri 'self'",
                     "form-action 'none'", "img-src 'self' data:;", "worker-src 'self';"):
        assert expected in policy
    assert "http" not in policy and "*" not in policy and "unsafe-eval'" not in policy.replace("wasm-unsafe-eval'", "")
    scripts = directive(policy, "script-src")
    assert "'unsafe-inline'" not in scripts and "blob:" not in policy and "data:" not in scripts
    # One hash per distinct inline script that runs (not Material's JSON config), and no other.
    inline = {body for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
              if "src=" not in attributes and "application/json" not in attributes}
    assert inline and len(re.findall(r"'sha256-[A-Za-z0-9+/=]+'", scripts)) == len(inline)


def test_only_the_offline_copy_relaxes_the_policy_for_file_urls(built_site, offline_copy):
    for page in built_pages(built_site):
        offline = meta_policy((offline_copy / page.relative_to(built_site)).read_text(encoding="utf-8"))
        hosted = meta_policy(page.read_text(encoding="utf-8"))
        # The blob: worker carries its code inside it: it imports no blob: script. Inline scripts are
        # named by their hashes from a folder too: the page's own and the search frame's, no other.
        scripts = directive(offline, "script-src")
        assert "'unsafe-inline'" not in scripts and "blob:" not in scripts
        assert "blob:" in directive(offline, "worker-src")
        assert set(scripts.split()) == set(directive(hosted, "script-src").split()) | {frame_script_source()}
        assert "'unsafe-inline'" not in directive(hosted, "script-src") and "blob:" not in hosted
        # Everything else is the same policy.
        assert directive(offline, "default-src") == directive(hosted, "default-src")
        assert directive(offline, "connect-src") == directive(hosted, "connect-src")
        assert directive(offline, "form-action") == directive(hosted, "form-action")


INJECTED = ('<script>window.__injected = "inline script ran"</script>'
            '<img src="data:," onload="window.__injected = \'event handler ran\'">')


@pytest.mark.parametrize("header", ["meta only", "make serve header"])
def test_an_injected_inline_script_is_blocked_on_the_hosted_build(page, site_url, header):
    """As if a script got into a page (a bad edit, a compromised server): the browser refuses to run it,
    while Material's own inline scripts, named by their hashes, still run."""
    def inject(route):
        response = route.fetch()
        headers = {name: value for name, value in response.headers.items() if name.lower() != "content-length"}
        if header == "meta only":  # a static host that sends no header: the meta policy alone
            headers.pop("content-security-policy", None)
        else:
            assert "frame-ancestors 'none'" in headers["content-security-policy"]
        route.fulfill(response=response, headers=headers, body=response.text().replace("</body>", INJECTED + "</body>"))

    page.add_init_script(WATCH_CSP)
    page.route("**/costs.html", inject)
    page.goto(page_url(site_url, "en", "costs"), wait_until="load")
    violations_seen(page, "script-src-elem inline", "script-src-attr inline")  # both refused, and said so
    assert page.evaluate("window.__injected") is None
    assert page.evaluate("typeof __md_get") == "function"  # Material's hashed inline script ran


def test_an_injected_inline_script_is_blocked_in_the_offline_copy_too(page, offline_copy, tmp_path):
    """From a folder as well: a script written into a page (a patron's or a bad edit) does not run,
    while Material's inline scripts and its search frame, named by their hashes, do."""
    costs = offline_copy / "costs.html"
    injected = tmp_path / "costs.html"
    injected.write_text(costs.read_text(encoding="utf-8").replace("</body>", INJECTED + "</body>"), encoding="utf-8")
    saved = costs.read_bytes()
    try:
        costs.write_bytes(injected.read_bytes())
        page.add_init_script(WATCH_CSP)
        page.goto(costs.as_uri(), wait_until="load")
        violations_seen(page, "script-src-elem inline")
        assert page.evaluate("window.__injected") is None
        assert page.evaluate("typeof __md_get") == "function"
        assert search_result_count(page, "clerical") >= 1  # the search frame's script ran
    finally:
        costs.write_bytes(saved)


def test_the_search_frame_runs_the_one_script_the_offline_policy_names(built_site):
    shim = (built_site / "assets" / "vendor" / "iframe-worker" / "shim.js").read_text(encoding="utf-8")
    assert shim.count("<script>") == 1 and f"<script>{FRAME_SCRIPT}<\\/script>" in shim
    assert "${" not in FRAME_SCRIPT and "dataset.url=e" in shim


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_no_page_trips_the_policy_or_logs_an_error(page, site_url, site_file_url, scheme):
    errors = watch(page)
    base = site_url if scheme == "http" else site_file_url
    violations = {}
    for lang, name in WALKED_PAGES:  # the policy is the same in every language: one page of each kind in vi, ru
        if name == "calculator":
            continue  # loaded, with Pyodide, by test_calculator_page_trips_nothing below
        page.goto(page_url(base, lang, name), wait_until="load")
        # Material's search worker (an iframe from a folder) started and answered (its first answer
        # writes the line above the results), or something was refused on the way.
        page.wait_for_function("""() => document.querySelector('.md-search-result__meta').textContent.trim() !== ''
                                  || (window.__cspViolations || []).length > 0""")
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


def test_the_build_stops_on_a_page_that_carries_no_policy(tmp_path):
    (tmp_path / "page.html").write_text(f"<head>{PLACEHOLDER}</head><script>1</script>", encoding="utf-8")
    (tmp_path / "stray.html").write_text("<p>no policy here</p>", encoding="utf-8")
    with pytest.raises(PluginError, match="stray.html"):
        on_post_build({"site_dir": str(tmp_path)})
