"""Plain language, measured by each language's formula and bound in calculator/data/languages.toml
(English: Flesch-Kincaid grade ≤ 8; Spanish: Fernández-Huerta ≥ 60).

The figures for every page are printed at the end of the run (tests/site/conftest.py): each test keeps
its figure in its report (`readability`), which reaches the run's summary from whichever process ran it.
"""
import pytest
import textstat

from calculator.languages import languages

from .html_text import read_article
from .pages import ALL_PAGES, built_path


def plain_enough(score: float, bound: dict) -> bool:
    """Whether `score` meets a languages.toml readability bound ({"at_most": n} or {"at_least": n})."""
    return score <= bound["at_most"] if "at_most" in bound else score >= bound["at_least"]


# The calculator page is mostly a form and tables; its figures are printed but not held to the bar.
NOT_PROSE = {"calculator"}


def body_text(paragraphs: list[str]) -> str:
    """Paragraphs and list items as sentences (a list item without a full stop is still one sentence)."""
    return "\n".join(text if text.endswith((".", "?", "!", ":", ";")) else text + "." for text in paragraphs)


@pytest.mark.parametrize("lang, name", ALL_PAGES)
def test_page_reads_plainly(built_site, record_property, lang, name):
    bound = languages()[lang].readability
    if not bound:
        pytest.skip(f"textstat has no plain-language formula for {lang}")
    textstat.set_lang(lang)
    text = body_text(read_article(built_path(built_site, lang, name)).paragraphs)
    score = getattr(textstat, bound["formula"])(text)
    record_property("readability", (lang, name, score))
    if name not in NOT_PROSE:
        assert textstat.lexicon_count(text) > 100 and plain_enough(score, bound)
