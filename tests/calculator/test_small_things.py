"""Issue 31's small things: a date that does not exist says which month has no such day; counted
sentences say "1 letter", not "1 letters"; the send-copy authorization's end date in English; the
partial reply names what is missing and asks for it by a date."""
from __future__ import annotations

import pytest

from calculator.case import parse_today
from calculator.errors import CalculatorError
from calculator.inputs import parse_received_date
from calculator.questions import parse_date
from calculator.words import error_message

# Each date reader, as the person meets it: a letter's date, the calculator's "received" date, today's date.
DATE_READERS = [lambda text: parse_date("sent_date", text), parse_received_date, parse_today]


@pytest.mark.parametrize("read", DATE_READERS)
@pytest.mark.parametrize("lang, text, says", [
    ("en", "2026-02-30", "February 2026 has no day 30"),
    ("es", "2026-02-30", "En febrero de 2026 no hay día 30"),
    ("en", "2025-04-31", "April 2025 has no day 31"),
    ("es", "2025-04-31", "n abril de 2025 no hay día 31"),
    ("en", "2026-13-01", "no month 13"),
    ("es", "2026-13-01", "No existe el mes 13"),
])
def test_a_date_that_does_not_exist_names_the_month_and_day(read, lang, text, says):
    with pytest.raises(CalculatorError) as raised:
        read(text)
    message = error_message(raised.value, lang)
    assert says.lower() in message.lower()
    assert "year-month-day" not in message and "año-mes-día" not in message
