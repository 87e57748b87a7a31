"""No number the law data holds is typed into the Markdown: it comes from calculator/data at build time."""
import re

import pytest

from .pages import ENGLISH_SOURCES, SPANISH_SOURCES

MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
          "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre")
TYPED_LEGAL_NUMBER = re.compile(
    r"\$\s?\d"                                                      # money
    r"|\b\d+\s+(?:working\s+|calendar\s+|business\s+)?days?\b"      # "15 working days"
    r"|\b\d+\s+d[ií]as\b"                                            # "15 días hábiles"
    r"|\b\d+\s+(?:years?|años)\b"                                    # "2 years"
    r"|\b\d{4}-\d{2}-\d{2}\b"                                        # ISO date
    rf"|\b(?:{MONTHS})\s+\d{{1,2}}\b"                                # "June 6"
    rf"|\b\d{{1,2}}\s+de\s+(?:{MONTHS})\b"                           # "6 de junio"
    r"|\b(?:fifteen|twenty-one|ten|seven|thirty|sixty|ninety|quince|veintiún|veintiuno|diez|siete|"
    r"treinta|sesenta|noventa)\s+(?:working\s+|calendar\s+)?(?:days|d[ií]as)\b",
    re.IGNORECASE)
PLACEHOLDER = re.compile(r"\{\{.*?\}\}")


def typed_numbers(markdown: str) -> list[str]:
    found = []
    for number, line in enumerate(markdown.splitlines(), 1):
        for match in TYPED_LEGAL_NUMBER.finditer(PLACEHOLDER.sub("", line)):
            found.append(f"line {number}: {match.group(0)!r} in {line.strip()[:80]}")
    return found


def test_the_scanner_catches_amounts_day_counts_and_dates():
    text = ("It costs $28.\nAnswer in 15 working days.\nEn 10 días.\nSince June 6, 2024.\n"
            "Desde el 6 de junio de 2024.\nWithin fifteen working days.\nPast 2 years.\n2025-06-16")
    assert len(typed_numbers(text)) == 8
    assert typed_numbers("Within {{ deadline.access.days }} working days (RCW 70.02.080). Call 1-888-201-1014.") == []


@pytest.mark.parametrize("source", ENGLISH_SOURCES + SPANISH_SOURCES, ids=lambda path: path.name)
def test_the_page_types_no_number_that_the_law_data_holds(source):
    assert typed_numbers(source.read_text(encoding="utf-8")) == []
