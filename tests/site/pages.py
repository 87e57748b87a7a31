"""The guide's pages, read from docs/: every English page and its Spanish twin."""
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"
ENGLISH_SOURCES = sorted(path for path in DOCS.glob("*.md") if not path.name.endswith(".es.md"))
SPANISH_SOURCES = sorted(DOCS.glob("*.es.md"))
PAGE_NAMES = [path.stem for path in ENGLISH_SOURCES]
# (language, page name) for every built page.
ALL_PAGES = [(lang, name) for name in PAGE_NAMES for lang in ("en", "es")]


def built_path(site: Path, lang: str, name: str) -> Path:
    """Where the page `name` in `lang` is written in the built site."""
    return site / (f"{name}.html" if lang == "en" else f"{lang}/{name}.html")


def page_url(base: str, lang: str, name: str) -> str:
    return base + (f"{name}.html" if lang == "en" else f"{lang}/{name}.html")


def search_result_count(page, word: str) -> int:
    """Type `word` into Material's search and return how many results show. The index loads in a
    worker, and a query typed before it is ready shows nothing, so it types again for up to ~15 s,
    until results show or Material says, in the page's language, that nothing matched."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    results = page.locator(".md-search-result__item")
    meta = page.locator(".md-search-result__meta")
    nothing = page.evaluate("() => JSON.parse(document.getElementById('__config').textContent)"
                            ".translations['search.result.none']")
    for _ in range(15):
        page.locator("input.md-search__input").fill("")
        page.locator("input.md-search__input").type(word)
        for _ in range(10):
            page.wait_for_timeout(100)
            if results.count() or meta.text_content() == nothing:
                # Answered, but perhaps for an earlier keystroke or search: count once the line settles.
                answer = meta.text_content()
                page.wait_for_timeout(300)
                if meta.text_content() == answer:
                    return results.count()
    return results.count()


def search_result_links(page, word: str) -> list[str]:
    """Search for `word` (as `search_result_count`) and return the address of every result shown: each
    page and each of its sections, resolved the way a click would follow them."""
    search_result_count(page, word)
    return page.eval_on_selector_all(".md-search-result a[href]", "links => links.map(link => link.href)")
