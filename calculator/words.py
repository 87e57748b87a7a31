"""Words for the calculator's answers, in English or Spanish, from data/messages.toml.

Money stays in US format in both languages ($1.24), as providers print it (glossary-es.md).
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from .errors import CalculatorError
from .inputs import echo
from .languages import plural_category
from .law import LANGUAGES, messages
from .questions import questions


def fill(template: str, **params) -> str:
    """`template` with its {placeholders} filled from `params`. Where a value ends in a period (a name,
    "Martin Luther King Jr."; a Russian date, "7 декабря 2026 г.") and the template puts its own period
    right after it, the sentence keeps one period."""
    text = template.format(**params)
    for value in params.values():
        if isinstance(value, str) and value.endswith("."):
            text = text.replace(value + ".", value)
    return text


def say(key: str, lang: str, **params) -> str:
    """The sentence `section.name` in `lang`, with its {placeholders} filled from `params`."""
    section, name = key.split(".", 1)
    return fill(messages()[section][name][lang], **params)


def counted(key: str, lang: str, n: int, **params) -> str:
    """The counted message `section.name` in `lang` in the form for `n` ("1 page", "2 pages"), with {n}
    and its other {placeholders} filled."""
    section, name = key.split(".", 1)
    forms = messages()[section][name][lang]
    # The last form is the rest ("other"; Russian's "many"), also for a form a catalog does not have yet.
    form = forms.get(plural_category(n, lang)) or list(forms.values())[-1]
    return fill(form, n=n, **params)


def money(amount: Decimal) -> str:
    """US dollars with cents: Decimal("79.3") → "$79.30"."""
    return f"${amount:,.2f}"


def cents(amount: Decimal) -> str:
    """Dollars as a plain two-decimal string for JSON: Decimal("79.3") → "79.30"."""
    return f"{amount:.2f}"


def long_date(day: date, lang: str) -> str:
    """'Wednesday, July 9, 2025' / 'miércoles 9 de julio de 2025'."""
    names = messages()["date"]
    return names["long"][lang].format(weekday=names["weekdays"][lang][day.weekday()],
                                      month=names["months"][lang][day.month - 1],
                                      day=day.day, year=day.year)


def short_date(day: date, lang: str) -> str:
    """'July 9, 2025' / '9 de julio de 2025'."""
    names = messages()["date"]
    return names["short"][lang].format(month=names["months"][lang][day.month - 1],
                                       day=day.day, year=day.year)


def error_message(error: CalculatorError, lang: str) -> str:
    """The error's sentence in `lang`; field names inside it are put into that language too, and so are
    parameters given in both languages ({"en": …, "es": …}, such as a rule's label)."""
    params = {name: short_date(value, lang) if isinstance(value, date) else
              value[lang] if isinstance(value, dict) else value
              for name, value in error.params.items()}
    if "field" in messages()["error"][error.code]["en"] and error.field:
        params.setdefault("field", field_words(error.field, lang))
    return say(f"error.{error.code}", lang, **params)


def field_words(field: str, lang: str) -> str:
    """How a message names `field` in `lang`: a question's own words (data/questions.toml), or for a
    request's other parts (its language, kind, format) the words in messages.toml."""
    question = questions().questions.get(field)
    return question.called[lang] if question else say(f"field.{field}", lang)


def check_lang(value) -> str:
    """Return `value` if it is a language we speak, else raise lang-unknown."""
    if value not in LANGUAGES:
        raise CalculatorError("lang-unknown", "lang", value=echo(value), allowed=", ".join(LANGUAGES))
    return value
