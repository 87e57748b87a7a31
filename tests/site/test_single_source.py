"""No number the law data holds is typed into the Markdown: it comes from calculator/data at build time."""
import re

import pytest
from mkdocs.utils.meta import get_data

from .pages import DOCS, ENGLISH_SOURCES, TRANSLATED

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
    r"treinta|sesenta|noventa)\s+(?:working\s+|calendar\s+)?(?:days|d[ií]as)\b"
    r"|\b\d+\s+(?:ngày|năm)\b"                                      # "15 ngày làm việc", "2 năm"
    r"|\b\d{1,2}\s+tháng\s+\d{1,2}\b"                                # "6 tháng 6"
    r"|(?<![\d–-])\b\d{1,3}(?:-го)?\s+(?:рабоч\w*\s+|календарн\w*\s+)?(?:дн\w*|день|год\w*|лет)\b"  # "15 рабочих дней", "2 года"
    r"|\b\d{1,2}\s+(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)\b",
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
    translated = ("Trong vòng 15 ngày làm việc.\nTừ 6 tháng 6, 2024.\nTrong 2 năm.\n"
                  "В течение 15 рабочих дней.\nНе позже 21-го рабочего дня.\nС 6 июня 2024 г.\nЗа 2 года.")
    assert len(typed_numbers(translated)) == 7
    assert typed_numbers("Within {{ deadline.access.days }} working days (RCW 70.02.080). Call 1-888-201-1014.") == []


TRANSLATED_SOURCES = sorted(path for lang in TRANSLATED for path in DOCS.glob(f"*.{lang}.md"))


@pytest.mark.parametrize("source", ENGLISH_SOURCES + TRANSLATED_SOURCES, ids=lambda path: path.name)
def test_the_page_types_no_number_that_the_law_data_holds(source):
    """The page's text, without its front matter (a translation records the day it was made there)."""
    assert typed_numbers(get_data(source.read_text(encoding="utf-8"))[0]) == []
