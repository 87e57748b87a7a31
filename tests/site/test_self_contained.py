"""Nothing on any page is loaded from another host: no CDN, fonts, analytics or trackers."""
import re
from urllib.parse import urlparse

import pytest

from .pages import ALL_PAGES, built_path, page_url

SUBRESOURCE = re.compile(
    r'<(?:script|img|source|video|audio|iframe|embed|track)\b[^>]*\b(?:src|srcset)="([^"]+)"'
    r'|<object\b[^>]*\bdata="([^"]+)"'
    r'|<link\b(?=[^>]*\brel="(?:stylesheet|preload|modulepreload|icon|shortcut icon|manifest|prefetch|preconnect|dns-prefetch)")[^>]*\bhref="([^"]+)"'
    r'|url\(\s*["\']?((?:https?:)?//[^"\')]+)')


def external_subresources(html: str) -> list[str]:
    found = []
    for groups in SUBRESOURCE.findall(html):
        url = next(value for value in groups if value)
        if re.match(r"^(?:https?:)?//", url.strip()):
            found.append(url)
    return found


def test_the_checker_finds_a_cdn_script_and_a_font():
    html = ('<script src="https://cdn.example/x.js"></script><link rel="stylesheet" '
            'href="//fonts.example/css"><style>a{background:url(https://x.example/a.png)}</style>')
    assert len(external_subresources(html)) == 3


@pytest.mark.parametrize("lang, name", ALL_PAGES)
def test_no_page_names_a_subresource_on_another_host(built_site, lang, name):
    assert external_subresources(built_path(built_site, lang, name).read_text(encoding="utf-8")) == []


def test_no_built_stylesheet_loads_anything_from_another_host(built_site):
    for css in built_site.rglob("*.css"):
        assert re.findall(r"url\(\s*[\"']?(?:https?:)?//", css.read_text(encoding="utf-8")) == [], css


# Pages opened at once, in tabs of one window: each is left until its network is idle (half a second
# with nothing asked), and those half-seconds pass together.
TABS = 6


def test_no_request_leaves_the_site_when_every_page_is_opened(context, site_url):
    origin = urlparse(site_url).netloc
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    tabs = [context.new_page() for _ in range(TABS)]
    for first in range(0, len(ALL_PAGES), TABS):
        opened = list(zip(tabs, ALL_PAGES[first:first + TABS]))
        for tab, (lang, name) in opened:
            tab.goto(page_url(site_url, lang, name), wait_until="commit")
        for tab, _ in opened:
            tab.wait_for_load_state("networkidle")
    elsewhere = [url for url in requested
                 if not url.startswith(("data:", "blob:")) and urlparse(url).netloc != origin]
    assert len(requested) > len(ALL_PAGES) and elsewhere == []
