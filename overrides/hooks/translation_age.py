"""Build hook: every translated page says how it was made; one older than its English page is named, and
says so to its readers.

Every translated page starts with one line, in its language: the guide's authors translated it from the
English page on its `translated_on` date, no certified legal translator has checked it yet, and if anything
is unclear the English page (linked) is the one to follow (`translation-notice` under [site]).

Each translated page records the hash of the English text it was made from (`translated_from` in its
front matter; overrides/page_translations.py says what is hashed and stamps it). When the English page's
text has changed since, this hook logs a warning naming the translation (so `mkdocs build --strict` fails)
and puts one line at the top of the page, in the page's language, saying the English page is newer, with a
link to it. The words are the site's (`translation-older` and `translation-older-link` under [site] in
calculator/data/messages.toml, translated in the catalogs). A page with no recorded hash counts as older.
"""
from __future__ import annotations

import logging
import sys
from html import escape
from pathlib import Path

from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project root, for `calculator`, `overrides`

from calculator.facts import site_words  # noqa: E402
from calculator.words import fill, short_date  # noqa: E402
from calculator.languages import source_language  # noqa: E402
from overrides.page_translations import CURRENT, KEY, NO_HASH, Translation, translation  # noqa: E402

log = logging.getLogger("mkdocs.hooks.translation_age")


def _line(kind: str, said: str, english_href: str, link: str) -> str:
    """One line at the top of a translated page: `said`, then a link to the English page."""
    return (f'<p class="{kind}"><span>{escape(said)}</span> '
            f'<a href="{escape(english_href)}" hreflang="{source_language()}">{escape(link)}</a></p>\n')


def older_line(lang: str, english_href: str, publisher: dict | None) -> str:
    """The line a stale translation shows at its top, in `lang`, linking to `english_href` (relative to
    the page)."""
    words = site_words(lang, publisher)
    return _line("translation-age", words["translation-older"], english_href, words["translation-older-link"])


def notice_line(page: Translation, english_href: str, publisher: dict | None) -> str:
    """The line every translated page shows at its top, in its language: who translated it from the
    English page and when, that no certified legal translator has checked it, and a link to the English
    page (`english_href`, relative to the page)."""
    words = site_words(page.lang, publisher)
    made = fill(words["translation-notice"], date=short_date(page.translated_on, page.lang))
    return _line("translation-notice", made, english_href, words["translation-older-link"])


def warning(page: Translation, docs: Path) -> str:
    """The build's warning for a translation that is not current, naming it and its English page."""
    name, english = page.path.relative_to(docs).as_posix(), page.english.relative_to(docs).as_posix()
    why = (f"records no `{KEY}` hash" if page.state == NO_HASH
           else f"was made from an older {english} (recorded {page.recorded}, now {page.current})")
    return (f"Translation older than its English page: {name} {why}. Bring it up to date, then run "
            f"`make translations-status STAMP=docs/{name}`; until then the page tells its readers.")


def english_url(page) -> str | None:
    """The site address of the English twin of `page` (the i18n plugin's alternates), or None."""
    twin = getattr(page.file, "alternates", {}).get(source_language())
    return twin.url if twin is not None else None


def on_page_content(html, page, config, files):
    if not page.file.abs_src_path:
        return html
    translated = translation(Path(page.file.abs_src_path))
    if translated is None:
        return html
    if translated.state != CURRENT:
        log.warning(warning(translated, Path(config["docs_dir"])))
    twin = english_url(page)
    if twin is None:  # no English twin built: any warning has named the page; there is nothing to link
        return html
    href, publisher = get_relative_url(twin, page.url), config["extra"].get("publisher")
    made = notice_line(translated, href, publisher) if translated.translated_on else ""
    older = older_line(translated.lang, href, publisher) if translated.state != CURRENT else ""
    return older + made + html
