"""Plain language, measured: English Flesch-Kincaid grade ≤ 8, Spanish Fernández-Huerta ≥ 60.

The figures for every page are printed at the end of the run (tests/site/conftest.py).
"""
import pytest
import textstat

from .html_text import read_article
from .pages import ALL_PAGES, built_path

# language: (formula, is the score plain enough?)
BARS = {"en": (textstat.flesch_kincaid_grade, lambda grade: grade <= 8),
        "es": (textstat.fernandez_huerta, lambda ease: ease >= 60)}
# The calculator page is mostly a form and tables; its figures are printed but not held to the bar.
NOT_PROSE = {"calculator"}
FIGURES: dict[tuple[str, str], float] = {}


def body_text(paragraphs: list[str]) -> str:
    """Paragraphs and list items as sentences (a list item without a full stop is still one sentence)."""
    return "\n".join(text if text.endswith((".", "?", "!", ":", ";")) else text + "." for text in paragraphs)


@pytest.mark.parametrize("lang, name", ALL_PAGES)
def test_page_reads_plainly(built_site, lang, name):
    formula, plain_enough = BARS[lang]
    textstat.set_lang(lang)
    text = body_text(read_article(built_path(built_site, lang, name)).paragraphs)
    score = FIGURES[(lang, name)] = formula(text)
    if name not in NOT_PROSE:
        assert textstat.lexicon_count(text) > 100 and plain_enough(score)
