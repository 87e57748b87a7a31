"""Nothing typed into search reaches an address, the history, storage or the console: not while
searching, not after following a result, and not when Enter is pressed. Both languages, over http and
from a folder (file://, where Material runs its search worker in an iframe)."""
import pytest

from ..waits import WATCH_SUBMITS, submissions
from .pages import page_url, search_result_count

WORDS = {"en": "clerical", "es": "administrativo"}  # each in no page's address or anchor
NO_RESULT = "zqxvwk"


def carriers(texts, words) -> list[str]:
    return [text for text in texts if any(word in text.lower() for word in words)]


@pytest.mark.parametrize("scheme", ["http", "file"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_search_words_never_reach_an_address_storage_or_log(browser, site_url, site_file_url, lang, scheme):
    context = browser.new_context()
    context.add_init_script(WATCH_SUBMITS)
    page = context.new_page()
    seen = []  # every request (pages, frames and workers), every address a frame went to, every log line
    context.on("request", lambda request: seen.append(request.url))
    page.on("framenavigated", lambda frame: seen.append(frame.url))
    page.on("console", lambda message: seen.append(message.text))
    page.goto(page_url(site_url if scheme == "http" else site_file_url, lang, "index"))
    start = page.url

    assert search_result_count(page, WORDS[lang]) >= 1
    with page.expect_navigation():
        page.locator(".md-search-result__link").first.click()
    assert page.url != start and "?" not in page.url

    # Enter with no result, and Ctrl+Enter, which Material leaves to the browser: the form never submits.
    search_result_count(page, NO_RESULT)
    # A key press that submits the form does so while it is handled: once press() returns, every
    # submission is recorded, with whether the page stopped it (no wait for a navigation that may not come).
    for keys in ("Enter", "Control+Enter"):
        page.locator("input.md-search__input").press(keys)
        assert all(submissions(page)), keys
    assert "?" not in page.url

    words = (WORDS[lang], NO_RESULT)
    assert carriers(seen + [page.url], words) == []
    stored = page.evaluate("""() => [document.cookie, JSON.stringify(history.state),
        ...[localStorage, sessionStorage].flatMap(store => Object.entries(store).flat())]""")
    assert carriers(stored, words) == []
    context.close()
