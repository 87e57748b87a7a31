"""Turning what a person typed into checked values, or a CalculatorError that says what is allowed."""
from __future__ import annotations

import re
from datetime import date

from .errors import CalculatorError
from .law import law

MAX_PAGES = 100_000
PURPOSES = ("own-copy", "ssa-appeal", "pfml")
FORMS = ("paper", "electronic")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WHOLE_NUMBER = re.compile(r"[0-9]+")


def parse_pages(value) -> int:
    """A page count: a whole number from 1 to 100,000, given as an int or a string of digits."""
    if isinstance(value, bool) or value is None:
        raise CalculatorError("pages-not-whole-number", "pages", value=str(value))
    if isinstance(value, int):
        pages = value
    else:
        text = str(value).strip()
        if not _WHOLE_NUMBER.fullmatch(text) or len(text) > 12:
            raise CalculatorError("pages-not-whole-number", "pages", value=text[:40])
        pages = int(text)
    if not 1 <= pages <= MAX_PAGES:
        raise CalculatorError("pages-out-of-range", "pages", value=f"{pages:,}"[:40])
    return pages


def parse_received_date(value) -> date:
    """The day the provider received the request, as YYYY-MM-DD, inside the calculator's coverage."""
    text = str(value).strip() if value is not None else ""
    if not _ISO_DATE.fullmatch(text):
        raise CalculatorError("date-malformed", "date", value=text[:40])
    try:
        received = date.fromisoformat(text)
    except ValueError:
        raise CalculatorError("date-impossible", "date", value=text) from None
    if received < law().covered_from:
        raise CalculatorError("date-before-coverage", "date",
                              covered_from=law().covered_from)
    if received > law().covered_until:
        raise CalculatorError("date-after-coverage", "date",
                              covered_until=law().covered_until)
    return received


def parse_choice(value, allowed: tuple[str, ...], field: str, code: str) -> str:
    """`value` if it is one of `allowed`, else the error `code` listing what is allowed."""
    if value not in allowed:
        raise CalculatorError(code, field, value=str(value)[:40], allowed=", ".join(allowed))
    return value
