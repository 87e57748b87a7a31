"""`make audit`: the web's own auditors on the built site, with the scores printed.

- The Nu HTML Checker (vnu.jar from the pinned npm package `vnu-jar`, run by this machine's Java) on
  every built page: its errors, and how many warnings.
- Lighthouse (pinned npm `lighthouse`, driven by tests/lighthouse.mjs in Debian's Chromium) on each page
  type in both languages, mobile and desktop, all four categories, through `make serve`'s handler
  (compression and cache headers as a good host sends them).

The 404 page is audited at its own address (/404.html, answered 200): at a missing address Lighthouse's
SEO check "Page has successful HTTP status code" fails by design, and the browser logs the 404.

tests/site/test_audit.py runs the same checker and an accessibility, best-practices and SEO pass in
`make test`. Usage: `python tests/audit.py [site]` (default: site/, built by `make build`).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# The tests' Chromium, its flags and their server (make serve's handler: types, gzip, cache, policy).
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, serve_folder  # noqa: E402

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE_RUNNER = ROOT / "tests" / "lighthouse.mjs"
CHROMIUM_FLAGS = ["--headless=new", *CHROMIUM_ARGS]
# One page of each kind the site has; each is audited in English and at es/ in Spanish.
PAGE_TYPES = {
    "home": "index.html",
    "guide": "get-your-records.html",
    "calculator": "calculator.html",
    "letters": "letters.html",
    "sources": "sources.html",
    "404": "404.html",
}
LANGUAGE_PREFIXES = {"en": "", "es": "es/"}
ALL_CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def nu_messages(site: Path) -> list[dict]:
    """Every message the Nu HTML Checker gives on the HTML files under `site` (each has "type": "error",
    "info" or "non-document-error", "url", "message" and "extract")."""
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--format", "json", "--skip-non-html", str(site)],
                            capture_output=True, text=True)
    return json.loads(result.stderr)["messages"]  # vnu writes its report on standard error


def serve(site: Path):
    """`site` served on a free port; the server and its base URL (ending in /)."""
    server = serve_folder(site)
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def lighthouse(urls: list[str], categories: list[str], form_factors=("mobile", "desktop")) -> list[dict]:
    """Lighthouse on each URL in each form factor, in one Chromium: for each run its "url",
    "form_factor", "scores" ({category: 0-100}) and "failed" (the scored audits below full marks)."""
    job = {"chrome": CHROMIUM, "flags": CHROMIUM_FLAGS, "categories": categories,
           "runs": [{"url": url, "form_factor": form} for url in urls for form in form_factors]}
    result = subprocess.run(["node", str(LIGHTHOUSE_RUNNER)], input=json.dumps(job), capture_output=True,
                            text=True, cwd=ROOT, env={**os.environ, "CHROME_PATH": CHROMIUM})
    if result.returncode != 0:
        raise RuntimeError(f"Lighthouse failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def page_urls(base: str) -> dict[tuple[str, str], str]:
    """{(page type, language): URL} for every page type in both languages."""
    return {(kind, lang): base + prefix + path
            for kind, path in PAGE_TYPES.items() for lang, prefix in LANGUAGE_PREFIXES.items()}


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "site")
    if not (site / "index.html").is_file():
        sys.exit(f"{site} has no built site: run `make build` first")

    messages = nu_messages(site)
    errors = [message for message in messages if message["type"] != "info"]
    pages = len(list(site.rglob("*.html")))
    version = json.loads((ROOT / "node_modules" / "vnu-jar" / "package.json").read_text())["version"]
    print(f"Nu HTML Checker (vnu-jar {version}) on {pages} pages: "
          f"{len(errors)} errors, {len(messages) - len(errors)} warnings")
    for message in errors:
        print(f"  {message.get('url', '').split('/')[-1]}: {message['message']}")

    server, base = serve(site)
    try:
        urls = page_urls(base)
        runs = lighthouse(list(urls.values()), ALL_CATEGORIES)
    finally:
        server.shutdown()
    by_url = {(run["url"], run["form_factor"]): run for run in runs}
    print("\nLighthouse 12 (performance / accessibility / best practices / SEO)")
    print(f"  {'page':<12}{'lang':<6}{'mobile':<20}{'desktop':<20}")
    for (kind, lang), url in urls.items():
        cells = ["/".join(str(by_url[(url, form)]["scores"].get(c, "–")) for c in ALL_CATEGORIES)
                 for form in ("mobile", "desktop")]
        print(f"  {kind:<12}{lang:<6}{cells[0]:<20}{cells[1]:<20}")
    print("\nWhat cost points:")
    for run in runs:
        for audit in run["failed"]:
            print(f"  {run['url'].removeprefix(base) or 'index.html'} ({run['form_factor']}): "
                  f"{audit['id']} {audit['score']} {audit['value']}")


if __name__ == "__main__":
    main()
