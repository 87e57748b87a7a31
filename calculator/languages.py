"""The languages the guide speaks, from data/languages.toml: the bottom layer every other module that
names a language reads, so no code compares a language with a literal.
"""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

LANGUAGES_FILE = Path(__file__).parent / "data" / "languages.toml"


@dataclass(frozen=True)
class Language:
    """One row of languages.toml (its header explains each field)."""
    code: str
    name: str
    english: str
    locale: str
    copy: bool
    search: str
    joining_words: tuple
    spelling: str
    readability: dict
    plural: tuple
    plural_forms: str


@functools.cache
def languages() -> dict[str, Language]:
    """Every language by code, in the table's order; the first is the source language."""
    with open(LANGUAGES_FILE, "rb") as table:
        rows = tomllib.load(table)["language"]
    return {row["code"]: Language(**{**row, "plural": tuple(row["plural"]), "joining_words": tuple(row["joining_words"])})
            for row in rows}


def source_language() -> str:
    """The code of the language every other language is translated from (the table's first)."""
    return next(iter(languages()))


def letter_language(lang: str) -> str:
    """The language the letter goes out in for a reader of `lang`: its own, or for a language with
    `copy` the source language (the reader then gets a copy in `lang`)."""
    return source_language() if languages()[lang].copy else lang


def plural_category(n: int, lang: str) -> str:
    """The CLDR plural category of the whole number `n` in `lang` ("one", "few", … or "other"): the
    first of the language's `plural` rules that `n` meets."""
    for rule in languages()[lang].plural:
        if "in" not in rule:
            return rule["category"]
        value = n % rule["mod"] if "mod" in rule else n
        if value in rule["in"] and not ("unless_mod" in rule and n % rule["unless_mod"] in rule["unless_in"]):
            return rule["category"]
    return "other"
