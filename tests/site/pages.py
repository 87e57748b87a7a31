"""The guide's pages, read from docs/: every English page and its translations (docs/<page>.<code>.md)."""
import shutil
import subprocess
from pathlib import Path

from calculator.languages import languages, source_language

DOCS = Path(__file__).resolve().parents[2] / "docs"
LANGUAGE_CODES = list(languages())
TRANSLATED = [code for code in LANGUAGE_CODES if code != source_language()]
ENGLISH_SOURCES = sorted(path for path in DOCS.glob("*.md")
                         if not any(path.name.endswith(f".{code}.md") for code in TRANSLATED))
PAGE_NAMES = [path.stem for path in ENGLISH_SOURCES]
# (language, page name) for every built page, in every language.
ALL_PAGES = [(lang, name) for name in PAGE_NAMES for lang in LANGUAGE_CODES]
# The pages a browser walks for checks that do not turn on the words (axe, the security policy): every
# page in English and Spanish (the full flows), and in each other language one page of each kind (the
# home page, a guide page with tables, the calculator, the letters page). Checks that do turn on the
# words (200 % text, links, spelling) take ALL_PAGES.
FULL_LANGUAGES = ("en", "es")
ONE_OF_EACH_KIND = ("index", "costs", "calculator", "letters")
WALKED_PAGES = [(lang, name) for lang, name in ALL_PAGES if lang in FULL_LANGUAGES or name in ONE_OF_EACH_KIND]


def language_folder(lang: str) -> str:
    """The site folder of `lang`'s pages, relative to the site's root: "" for the source language, "es/"."""
    return "" if lang == source_language() else f"{lang}/"


def copy_project(target: Path) -> Path:
    """A copy of the project's tracked files in `target`, with node_modules (Pyodide and the other
    vendored packages, as installed; the snapshot cache inside is keyed by content) linked, not copied."""
    root = DOCS.parent
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=root, capture_output=True, text=True, check=True)
    for name in filter(None, listed.stdout.split("\0")):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target / name)
    (target / "node_modules").symlink_to(root / "node_modules")
    return target


def built_path(site: Path, lang: str, name: str) -> Path:
    """Where the page `name` in `lang` is written in the built site."""
    return site / f"{language_folder(lang)}{name}.html"


def page_url(base: str, lang: str, name: str) -> str:
    return base + f"{language_folder(lang)}{name}.html"


# Counts, from now on, each time Material writes its line above the search results (how many matched, or
# that nothing did): it writes it once for each answer of its search worker.
COUNT_ANSWERS = """() => {
    window.__searchAnswers = 0;
    new MutationObserver(() => { window.__searchAnswers += 1; }).observe(
        document.querySelector(".md-search-result__meta"), {childList: true, characterData: true, subtree: true});
}"""


# The line above the search results, and what Material writes there once its worker is ready.
META = "document.querySelector('.md-search-result__meta').textContent.trim()"
PLACEHOLDER = "JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']"


def search_result_count(page, word: str) -> int:
    """Search for `word` with Material's search and return how many results show (the first ten are
    drawn with the answer; more only as the list scrolls). Waits for states, not for time: the search
    worker ready (Material has answered the empty query: its line above the results is written), then
    one query with the whole of `word`, then Material's answer to it. Material reads the box on each
    key released, so the word is put in the box whole and one key release sent: one query, never an
    answer to the first letters mistaken for the answer to the word. For a fresh query: searching
    again for the words already in the box sends nothing, so a box that holds words is emptied first."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    if box.input_value():  # a page searched before: empty the box, and Material says its placeholder again
        box.fill("")
        box.dispatch_event("keyup")
    # Ready: the line says Material's "Type to start searching" in the page's language (its __config),
    # not the "Initializing search" the page is built with: a line merely written is not yet an answer.
    page.wait_for_function(f"() => {META} === {PLACEHOLDER}", timeout=30000)
    page.evaluate(COUNT_ANSWERS)
    box.fill(word)
    box.dispatch_event("keyup")
    page.wait_for_function(f"() => window.__searchAnswers > 0 && {META} !== {PLACEHOLDER}", timeout=30000)
    return page.locator(".md-search-result__item").count()


def search_result_links(page, word: str) -> list[str]:
    """Search for `word` (as `search_result_count`) and return the address of every result shown: each
    page and each of its sections, resolved the way a click would follow them."""
    search_result_count(page, word)
    return page.eval_on_selector_all(".md-search-result a[href]", "links => links.map(link => link.href)")
