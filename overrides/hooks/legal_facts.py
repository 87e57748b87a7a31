"""Build hook: write the law's numbers into the pages from the calculator's data.

A page writes {{ fee.clerical }}; this hook replaces it with "$28.00" (or the Spanish form of a date on
a Spanish page). An unknown name stops the build, so a typo can't print a blank.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project root, for `calculator`

from calculator.facts import page_facts, site_words  # noqa: E402
from calculator.languages import source_language  # noqa: E402

PLACEHOLDER = re.compile(r"\{\{\s*([a-z0-9_.-]+)\s*\}\}")


def page_language(page) -> str:
    """The page's language as set by mkdocs-static-i18n (file suffix .es.md → "es"; no suffix: the
    source language)."""
    return getattr(page.file, "locale", None) or source_language()


def fill_facts(markdown: str, lang: str, where: str = "") -> str:
    """Replace every {{ name }} in `markdown` with the fact `name` in `lang`."""
    facts = page_facts(lang)

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in facts:
            raise PluginError(f"{where}: unknown legal fact {{{{ {name} }}}}")
        return facts[name]

    return PLACEHOLDER.sub(replace, markdown)


def on_page_markdown(markdown, page, config, files):
    return fill_facts(markdown, page_language(page), page.file.src_uri)


def on_env(env, config, files):
    # The footer and the 404 page ask for their words in the page's language: site_words(lang, publisher).
    env.globals["site_words"] = site_words
    return env
