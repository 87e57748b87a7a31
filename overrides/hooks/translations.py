"""Build hook: name every unit of the calculator's data that a language has no translation for.

The calculator falls back to the English for a unit missing from a language's catalog (or fuzzy in it:
its English changed since it was translated) and records it (calculator/catalogs.py). This hook loads every
data file and logs one warning per language naming those units, so `mkdocs build --strict` stops with
their names instead of publishing English in the middle of a translated page. `make catalogs` and a
translator's work on calculator/locale/<lang>/LC_MESSAGES/*.po clear it.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project root, for `calculator`

from calculator.catalogs import missing_words  # noqa: E402
from calculator.languages import languages, source_language  # noqa: E402
from calculator.law import DATA_DIR, load_data  # noqa: E402

log = logging.getLogger("mkdocs.hooks.translations")


def untranslated() -> dict[str, list[str]]:
    """Each language (but the source) with the units it has no translation for, as "domain:name"."""
    for path in sorted(DATA_DIR.glob("*.toml")):
        load_data(path.name)
    return {lang: missing_words(lang) for lang in languages() if lang != source_language()}


def on_config(config):
    for lang, names in untranslated().items():
        if names:
            log.warning(f"{len(names)} unit(s) have no {languages()[lang].english} translation, so the English "
                        f"stands in (make catalogs, then translate calculator/locale/{lang}/LC_MESSAGES/*.po): "
                        + ", ".join(names))
    return config
