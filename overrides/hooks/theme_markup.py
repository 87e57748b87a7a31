"""Build hook: two fixes to markup Material's base.html writes outside any block a template can extend.

- Its two hidden toggles (the menu and the search) carry `autocomplete="off"`, which HTML allows only on
  text-like inputs, not on a checkbox: the Nu HTML Checker's one error on every page. The attribute
  goes; page-tools.js starts both toggles closed instead (it kept Firefox from restoring them ticked).
- Its language alternates (`<link rel="alternate" hreflang>`) are relative, and search engines read only
  full addresses there. With `site_url` set in mkdocs.yml each becomes the full address of the same
  page in the other language; without it there is no address to give, so they are left out (the
  visible language link in the header still joins the two pages). Error pages get none: a missing
  address has no other-language twin.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.plugins import event_priority

TOGGLE = re.compile(r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)") autocomplete="off">')
ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">\n?')
ERROR_PAGES = {"404.html"}


def valid_toggles(html: str) -> str:
    """`html` with `autocomplete` dropped from Material's two toggle checkboxes."""
    return TOGGLE.sub(r"\1>", html)


def language_alternates(html: str, page_path: str, site_url: str) -> str:
    """`html` with its hreflang alternates made full addresses from `site_url` (the site's root
    address) and `page_path` (the page's path under it, e.g. "es/costs.html"), or removed where there is
    no `site_url` or the page is an error page."""
    if not site_url or Path(page_path).name in ERROR_PAGES:
        return ALTERNATE.sub("", html)
    page_address = urljoin(site_url.rstrip("/") + "/", page_path)

    def absolute(match: re.Match) -> str:
        href = match.group(1)
        return match.group(0).replace(f'href="{href}"', f'href="{urljoin(page_address, href)}"')
    return ALTERNATE.sub(absolute, html)


@event_priority(-90)  # after the other hooks have written their pages, before the CSP hook hashes scripts
def on_post_build(config):
    site = Path(config["site_dir"])
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        fixed = language_alternates(valid_toggles(html), path.relative_to(site).as_posix(), config.get("site_url") or "")
        if fixed != html:
            path.write_text(fixed, encoding="utf-8")
