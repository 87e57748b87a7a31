"""Turning what a person typed into checked values, or a CalculatorError that says what is allowed."""
from __future__ import annotations

import re
from datetime import date

from .errors import CalculatorError
from .law import LANGUAGES, law, messages

MAX_PAGES = 100_000
PURPOSES = ("own-copy", "ssa-appeal", "pfml")
FORMS = ("paper", "electronic")
# ASCII digits only: \d would also take Arabic-Indic or full-width digits, which int() then accepts.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_WHOLE_NUMBER = re.compile(r"[0-9]+")
ECHO_LIMIT = 40


def echo(value) -> str:
    """What a person typed, safe to repeat in a message: one line, no control or format characters
    (a terminal escape or a bidi override could disguise the message), at most ECHO_LIMIT characters."""
    typed, kept = str(value), []
    for char in typed[:ECHO_LIMIT * 4]:  # enough for the message, however long the input
        if char.isspace():
            kept.append(" ")
        elif "\ud800" <= char <= "\udfff":  # a byte that was not UTF-8, kept by surrogateescape
            kept.append("\ufffd")
        elif char.isprintable():
            kept.append(char)
    text = " ".join("".join(kept).split())
    if len(text) > ECHO_LIMIT or len(typed) > ECHO_LIMIT * 4:
        text = text[:ECHO_LIMIT - 1].rstrip() + "…"
    return text


def parse_pages(value) -> int:
    """A page count: a whole number from 1 to 100,000, given as an int or a string of digits."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise CalculatorError("field-missing", "pages")
    if isinstance(value, bool):
        raise CalculatorError("pages-not-whole-number", "pages", value=str(value))
    if isinstance(value, int):
        pages = value
    else:
        text = str(value).strip()
        if not _WHOLE_NUMBER.fullmatch(text) or len(text) > 12:
            raise CalculatorError("pages-not-whole-number", "pages", value=echo(text))
        pages = int(text)
    if not 1 <= pages <= MAX_PAGES:
        raise CalculatorError("pages-out-of-range", "pages", value=f"{pages:,}"[:40])
    return pages


def parse_received_date(value) -> date:
    """The day the provider received the request, as YYYY-MM-DD, inside the calculator's coverage."""
    text = str(value).strip() if value is not None else ""
    if not text:
        raise CalculatorError("field-missing", "date")
    received = read_iso_date(text, "date", "")
    if received < law().covered_from:
        raise CalculatorError("date-before-coverage", "date",
                              covered_from=law().covered_from)
    if received > law().covered_until:
        raise CalculatorError("date-after-coverage", "date",
                              covered_until=law().covered_until)
    return received


def read_iso_date(text: str, field: str, prefix: str = "field-") -> date:
    """`text` as a date (YYYY-MM-DD), or the error `{prefix}date-…` at `field` that says what is wrong:
    not written as year-month-day, no such month, or no such day in that month ("February 2026 has no
    day 30")."""
    if not _ISO_DATE.fullmatch(text):
        raise CalculatorError(f"{prefix}date-malformed", field, value=echo(text))
    year, month, day = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        raise CalculatorError(f"{prefix}date-no-month", field, month=month, value=echo(text))
    try:
        return date(year, month, day)
    except ValueError:  # year 0, or a day the month does not have
        if year < 1:
            raise CalculatorError(f"{prefix}date-impossible", field, value=echo(text)) from None
        month_name = {lang: messages()["date"]["months"][lang][month - 1] for lang in LANGUAGES}
        raise CalculatorError(f"{prefix}date-no-day", field, month=month_name, year=year, day=day,
                              value=echo(text)) from None


def parse_choice(value, allowed: tuple[str, ...], field: str, code: str) -> str:
    """`value` if it is one of `allowed`, else the error `code` listing what is allowed."""
    if value not in allowed:
        raise CalculatorError(code, field, value=echo(value), allowed=", ".join(allowed))
    return value
