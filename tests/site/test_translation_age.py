"""A translated page keeps the hash of the English text it was made from (overrides/page_translations.py),
so a translation older than its English page is caught: in the tree by this test (`make test` fails), and in
a build by overrides/hooks/translation_age.py, which names it (the strict build fails) and shows its readers,
in their language, a line that the English page is newer, linking to it.

The tree's translations must all be current. In a temporary copy of the project, one English sentence is
changed: its translation turns stale for the status command, the strict build and the built page."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from html import escape
from pathlib import Path
from urllib.parse import urljoin

import pytest

from calculator.facts import site_words
from calculator.words import fill, short_date
from calculator.languages import languages, source_language
from overrides.page_translations import CURRENT, NO_HASH, STALE, english_hash, stamped, translation, translations

from .pages import DOCS, ENGLISH_SOURCES, built_path, copy_project

TRANSLATED = [code for code in languages() if code != source_language()]
# The English sentence the temporary copy changes, and its page.
PAGE = "costs"
SENTENCE = "Ask for the fee before the provider makes the copy."
CHANGED = "Ask what the fee is before the provider makes the copy."


def test_every_translated_page_in_the_tree_records_its_english_pages_current_hash():
    pages = translations(DOCS)
    assert len(pages) == len(ENGLISH_SOURCES) * len(TRANSLATED)  # every translation is looked at
    not_current = [f"{page.path.name}: {page.state}" for page in pages if page.state != CURRENT]
    assert not_current == [], ("translations older than their English page (make translations-status): "
                               + ", ".join(not_current))


def test_the_hash_ignores_front_matter_and_line_breaks_but_not_words():
    text = "# Title { #t }\n\nOne sentence. Two sentences.\n"
    assert english_hash(text) == english_hash("---\ntemplate: x.html\n---\n" + text.replace(". Two", ".\nTwo"))
    assert english_hash(text) != english_hash(text.replace("Two", "Three"))
    assert re.fullmatch(r"[0-9a-f]{12}", english_hash(text))


def test_stamping_sets_the_hash_and_the_day_in_the_front_matter_whatever_was_there():
    body, day, later = "# Título { #t }\n", date(2026, 12, 7), date(2027, 1, 4)
    assert stamped(body, "0123456789ab", day) == (
        f'---\ntranslated_from: "0123456789ab"\ntranslated_on: "2026-12-07"\n---\n\n{body}')
    with_template = stamped(f"---\ntemplate: calculator.html\n---\n\n{body}", "aaaaaaaaaaaa", day)
    assert with_template == (f'---\ntemplate: calculator.html\ntranslated_from: "aaaaaaaaaaaa"\n'
                             f'translated_on: "2026-12-07"\n---\n\n{body}')
    assert stamped(with_template, "bbbbbbbbbbbb", later) == (
        with_template.replace("aaaaaaaaaaaa", "bbbbbbbbbbbb").replace("2026-12-07", "2027-01-04"))


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_translated_page_says_who_translated_it_and_when_and_links_to_the_english(built_site, lang):
    """The line at the top of every translated page: the guide's authors translated it on its
    `translated_on` day, no certified legal translator has checked it, follow the English page (linked)."""
    for english in ENGLISH_SOURCES:
        name = english.stem
        page = translation(english.with_name(f"{name}.{lang}.md"))
        html = built_path(built_site, lang, name).read_text(encoding="utf-8")
        line = re.search(r'<p class="translation-notice">(.*?)</p>', html, re.S)
        assert line, f"{name}.{lang}: no line saying how the page was translated"
        said = fill(site_words(lang, None)["translation-notice"], date=short_date(page.translated_on, lang))
        assert escape(said) in line.group(1) and str(page.translated_on.year) in said
        assert html.index('class="translation-notice"') < html.index("<h1")
        href = re.search(r'<a href="([^"]+)" hreflang="([^"]+)"', line.group(1))
        page_path = built_path(built_site, lang, name).relative_to(built_site).as_posix()
        assert urljoin(page_path, href.group(1)) == (
            built_path(built_site, source_language(), name).relative_to(built_site).as_posix())
        english_html = built_path(built_site, source_language(), name).read_text(encoding="utf-8")
        assert 'class="translation-notice"' not in english_html


@pytest.fixture(scope="module")
def project_with_a_changed_sentence(tmp_path_factory) -> Path:
    """A copy of the project whose English page PAGE has one sentence changed since it was translated."""
    copy = copy_project(tmp_path_factory.mktemp("translation-age") / "project")
    english = copy / "docs" / f"{PAGE}.md"
    text = english.read_text(encoding="utf-8")
    assert text.count(SENTENCE) == 1, f"the test's sentence is no longer in docs/{PAGE}.md: pick another"
    english.write_text(text.replace(SENTENCE, CHANGED), encoding="utf-8")
    return copy


def build(copy: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", *options, "-d", str(copy / "site")],
                          cwd=copy, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.fixture(scope="module")
def strict_build(project_with_a_changed_sentence) -> subprocess.CompletedProcess:
    """The copy built as `make build` does. It stops at the end of the first language with a warning."""
    return build(project_with_a_changed_sentence, "--strict")


@pytest.fixture(scope="module")
def whole_build(project_with_a_changed_sentence, strict_build) -> subprocess.CompletedProcess:
    """The copy built without --strict, so every language is built and warned about (after the strict
    build, into the same folder)."""
    return build(project_with_a_changed_sentence)


def test_the_status_command_names_the_stale_translation_and_only_it(project_with_a_changed_sentence):
    copy = project_with_a_changed_sentence
    status = subprocess.run([sys.executable, "-m", "overrides.page_translations"], cwd=copy,
                            capture_output=True, text=True, timeout=120)
    assert status.returncode == 1, status.stdout + status.stderr
    states = dict(line.split(maxsplit=1)[::-1] for line in status.stdout.splitlines()
                  if not line.startswith(NO_HASH))
    stale = {name.split(":")[0] for name, state in states.items() if state == STALE}
    assert stale == {f"docs/{PAGE}.{code}.md" for code in TRANSLATED}
    assert sum(state == CURRENT for state in states.values()) == (len(ENGLISH_SOURCES) - 1) * len(TRANSLATED)


def test_the_strict_build_fails_naming_the_stale_translation(strict_build, whole_build):
    assert strict_build.returncode != 0
    assert re.search(rf"Translation older than its English page: {PAGE}\.\w+\.md", strict_build.stderr)
    named = set(re.findall(r"Translation older than its English page: (\S+)", whole_build.stderr))
    assert whole_build.returncode == 0
    assert named == {f"{PAGE}.{code}.md" for code in TRANSLATED}, whole_build.stderr[-3000:]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_stale_page_says_in_its_language_that_the_english_is_newer_and_links_to_it(
        project_with_a_changed_sentence, whole_build, lang):
    site = project_with_a_changed_sentence / "site"
    words = site_words(lang, None)
    html = built_path(site, lang, PAGE).read_text(encoding="utf-8")
    line = re.search(r'<p class="translation-age">(.*?)</p>', html, re.S)
    assert line, "the stale page shows no line"
    assert words["translation-older"] in line.group(1) and words["translation-older-link"] in line.group(1)
    assert html.index('class="translation-age"') < html.index("<h1")  # at the top of the page's text
    href = re.search(r'<a href="([^"]+)" hreflang="([^"]+)"', line.group(1))
    page_path = built_path(site, lang, PAGE).relative_to(site).as_posix()
    assert href.group(2) == source_language()
    assert urljoin(page_path, href.group(1)) == built_path(site, source_language(), PAGE).relative_to(site).as_posix()
    english = built_path(site, source_language(), PAGE).read_text(encoding="utf-8")
    assert CHANGED in english and 'class="translation-age"' not in english
    # A current translation shows no line.
    assert 'class="translation-age"' not in built_path(site, lang, "index").read_text(encoding="utf-8")
