"""Translations: each language's words come from gettext catalogs and are merged into the data as it is
loaded, so a data file reads as if every unit held every language ({"en": …, "es": …}).

The English (the source language, with its citations) stays in calculator/data/*.toml under `en` keys.
Every other language's words are in calculator/locale/<lang>/LC_MESSAGES/<domain>.mo, compiled from the
.po beside it (`make catalogs`, overrides/catalogs.py); the domain is the data file's name without
".toml". A unit is a table with an `en` key; its message context (msgctxt) is its dotted name in the file
(a row of an array of tables is named by its id, value, purpose or name key, else by its index), its
msgid the English. The English value decides the messages:
  a string                  one message ("" stays "" in every language: nothing to translate)
  a list of strings         one message per item, named <unit>.<index> (weekdays, a table's headings)
  a table of the source's   one counted message (msgid/msgid_plural/msgstr[N], N in the order of the
    plural categories         language's `plural` in languages.toml)
  another table             its keys, each named <unit>.<key>; a list inside it is one message with
                            one item a line, since each language may need more or fewer (the glossary's
                            `match` words)
A file may list units in the source language only (`source_only`, names as above): what goes to the
provider as it is (the fax cover sheet) has no translation. A missing translation falls back to the
English and is recorded by name (`missing_words`), for the build to report.
"""
from __future__ import annotations

import functools
import gettext
from collections.abc import Iterator
from pathlib import Path

from .languages import languages, plural_category, source_language

LOCALE_DIR = Path(__file__).parent / "locale"
# The top-level key of a data file that names its units with no translation (it is not part of the data).
SOURCE_ONLY = "source_only"
# Keys that name a row of an array of tables, tried in this order.
ROW_NAMES = ("id", "value", "purpose", "name")
# The highest count searched for an example of each plural category (CLDR's examples are far below it).
PLURAL_SEARCH = 1000


class _RecordingFallback(gettext.NullTranslations):
    """The last resort of a language's catalog: returns the English and records the unit's name."""

    def __init__(self):
        super().__init__()
        self.missing: set[str] = set()

    def pgettext(self, context, message):
        self.missing.add(context)
        return message

    def npgettext(self, context, msgid1, msgid2, n):
        self.missing.add(context)
        return msgid1 if n == 1 else msgid2


_FALLBACKS: dict[tuple[str, str], _RecordingFallback] = {}


@functools.cache
def translations(domain: str, lang: str) -> gettext.NullTranslations:
    """The catalog of `domain` in `lang` (its .mo), falling back to a recorder of missing words; a
    language with no .mo for the domain gets the recorder alone."""
    fallback = _FALLBACKS.setdefault((domain, lang), _RecordingFallback())
    mo_path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.mo"
    if not mo_path.exists():
        return fallback
    with open(mo_path, "rb") as mo_file:
        catalog = gettext.GNUTranslations(mo_file)
    catalog.add_fallback(fallback)
    return catalog


def missing_words(lang: str) -> list[str]:
    """The units (as "domain:name") that `lang` has no translation for among the data loaded so far, sorted;
    their English stood in."""
    return sorted(f"{domain}:{name}" for (domain, language), fallback in _FALLBACKS.items()
                  if language == lang for name in fallback.missing)


def units(data: dict) -> Iterator[tuple[str, dict]]:
    """Each unit of a loaded data file: (its dotted name, the table holding its words by language)."""
    return _units(data, "")


def _units(node, name: str) -> Iterator[tuple[str, dict]]:
    if isinstance(node, dict):
        if source_language() in node:
            yield name, node
        for key, value in node.items():
            if key not in languages():
                yield from _units(value, f"{name}.{key}" if name else key)
    elif isinstance(node, list):
        for index, row in enumerate(node):
            yield from _units(row, f"{name}.{row_name(row, index)}")


def row_name(row, index: int) -> str:
    """The name of one row of an array: its id-like key where it has one, else its index."""
    if isinstance(row, dict):
        for key in ROW_NAMES:
            if isinstance(row.get(key), str):
                return row[key]
    return str(index)


def _plural_categories(lang: str) -> tuple[str, ...]:
    return tuple(rule["category"] for rule in languages()[lang].plural)


def _is_counted(value) -> bool:
    return isinstance(value, dict) and tuple(value) == _plural_categories(source_language())


def source_messages(data: dict) -> Iterator[tuple[str, str | tuple[str, str]]]:
    """The messages to translate in a loaded data file: (msgctxt, msgid), or (msgctxt, (msgid,
    msgid_plural)) for a counted one, in the file's order."""
    skipped = set(data.get(SOURCE_ONLY, ()))
    for name, unit in units(data):
        if name not in skipped:
            yield from _messages(name, unit[source_language()], False)


def _messages(name: str, english, in_table: bool) -> Iterator[tuple[str, str | tuple[str, str]]]:
    if isinstance(english, str):
        if english:
            yield name, english
    elif isinstance(english, list):
        if in_table:
            yield name, "\n".join(english)
        else:
            for index, item in enumerate(english):
                yield f"{name}.{index}", item
    elif _is_counted(english):
        categories = _plural_categories(source_language())
        yield name, (english[categories[0]], english[categories[-1]])
    else:
        for key, value in english.items():
            yield from _messages(f"{name}.{key}", value, True)


def translated(data: dict, domain: str) -> dict:
    """`data` (a loaded data file of `domain`) with each unit's words in every language, in the table's
    order after the English; the `source_only` list is taken out. Changes and returns `data`."""
    skipped = set(data.pop(SOURCE_ONLY, ()))
    targets = [lang for lang in languages() if lang != source_language()]
    for name, unit in list(units(data)):
        if name in skipped:
            continue
        items = list(unit.items())
        unit.clear()
        for key, value in items:
            unit[key] = value
            if key == source_language():
                for lang in targets:
                    unit[lang] = _translate(name, value, False, translations(domain, lang), lang)
    return data


def _translate(name: str, english, in_table: bool, catalog: gettext.NullTranslations, lang: str):
    if isinstance(english, str):
        return catalog.pgettext(name, english) if english else ""
    if isinstance(english, list):
        if in_table:
            return catalog.pgettext(name, "\n".join(english)).split("\n")
        return [catalog.pgettext(f"{name}.{index}", item) for index, item in enumerate(english)]
    if _is_counted(english):
        source = _plural_categories(source_language())
        singular, plural = english[source[0]], english[source[-1]]
        return {category: catalog.npgettext(name, singular, plural, count)
                for category, count in plural_examples(lang).items()}
    return {key: _translate(f"{name}.{key}", value, True, catalog, lang) for key, value in english.items()}


@functools.cache
def plural_examples(lang: str) -> dict[str, int]:
    """The smallest count of each of `lang`'s plural categories, in the table's order ({"one": 1,
    "other": 0}): the count that picks each form from a counted message."""
    examples: dict[str, int] = {}
    for count in range(PLURAL_SEARCH):
        examples.setdefault(plural_category(count, lang), count)
    return {category: examples[category] for category in _plural_categories(lang) if category in examples}
