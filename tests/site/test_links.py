"""Every link inside the site reaches a page that exists, and every #anchor is on that page."""
import re
from pathlib import Path

import pytest

from .html_text import all_ids
from .pages import ALL_PAGES, built_path

HREF = re.compile(r'<a\b[^>]*\bhref="([^"]+)"')


def internal_links(html: str) -> list[str]:
    return [href for href in HREF.findall(html)
            if not re.match(r"^[a-z]+:|^//", href) and not href.startswith("#__")]


@pytest.mark.parametrize("lang, name", ALL_PAGES)
def test_internal_links_and_anchors_resolve(built_site, lang, name):
    page = built_path(built_site, lang, name)
    broken = []
    for href in internal_links(page.read_text(encoding="utf-8")):
        path, _, fragment = href.partition("#")
        path = path.partition("?")[0]  # a letter type in the address (?letter=access) is for the page's script
        target = (page.parent / path).resolve() if path else page
        if target.is_dir():
            target = target / "index.html"
        if not target.exists():
            broken.append(href)
        elif fragment and target.suffix == ".html" and fragment not in all_ids(Path(target)):
            broken.append(href)
    assert broken == []
