"""Plain language, measured: English Flesch-Kincaid grade ≤ 8, Spanish Fernández-Huerta ≥ 60.

The figures for every page are printed at the end of the run (tests/site/conftest.py).
"""
import pytest
import textstat

from .html_text import read_article
from .pages import PAGE_NAMES, built_path

MAX_ENGLISH_GRADE = 8
MIN_SPANISH_EASE = 60
# The calculator page is mostly a form and tables; its figures are printed but not held to the bar.
NOT_PROSE = {"calculator"}
FIGURES: dict[tuple[str, str], float] = {}


def body_text(paragraphs: list[str]) -> str:
    """Paragraphs and list items as sentences (a list item without a full stop is still one sentence)."""
    return "\n".join(text if text.endswith((".", "?", "!", ":", ";")) else text + "." for text in paragraphs)


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_english_page_reads_at_grade_8_or_below(built_site, name):
    textstat.set_lang("en")
    text = body_text(read_article(built_path(built_site, "en", name)).paragraphs)
    grade = FIGURES[("en", name)] = textstat.flesch_kincaid_grade(text)
    if name not in NOT_PROSE:
        assert textstat.lexicon_count(text) > 100 and grade <= MAX_ENGLISH_GRADE


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_spanish_page_scores_60_or_more_for_ease(built_site, name):
    textstat.set_lang("es")
    text = body_text(read_article(built_path(built_site, "es", name)).paragraphs)
    ease = FIGURES[("es", name)] = textstat.fernandez_huerta(text)
    if name not in NOT_PROSE:
        assert textstat.lexicon_count(text) > 100 and ease >= MIN_SPANISH_EASE
