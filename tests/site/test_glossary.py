"""The glossary: every term in both languages, explained at school grade 6 or below (Spanish: Fernández-Huerta
70 or more), its law on the sources page; each term explained where it first appears in a page's running
text; the glossary page lists every term and the letters page the letters' terms."""
from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import textstat

from .html_text import read_article
from .pages import ALL_PAGES, built_path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
from glossary import LEFT_ALONE, VOID, terms  # noqa: E402  the zones where no term is explained


def test_every_term_has_both_languages_and_words_to_match():
    assert len(terms()) >= 15
    for term_id, term in terms().items():
        for lang in ("en", "es"):
            assert term[lang]["term"] and term[lang]["explain"].endswith("."), (term_id, lang)
            assert term[lang]["match"] and all(word.strip() for word in term[lang]["match"]), (term_id, lang)


@pytest.mark.parametrize("term_id", sorted(terms()))
def test_each_explanation_is_easy_to_read(term_id):
    term = terms()[term_id]
    textstat.set_lang("en")
    assert textstat.flesch_kincaid_grade(term["en"]["explain"]) <= 6
    textstat.set_lang("es")
    assert textstat.fernandez_huerta(term["es"]["explain"]) >= 70


def test_each_legal_term_names_a_law_that_is_on_the_sources_page(built_site):
    sources = " ".join(read_article(built_path(built_site, "en", "sources")).paragraphs)
    legal = [term for term in terms().values() if term.get("source")]
    assert len(legal) >= 10
    # The rule's name as the sources page lists it ("RCW 70.02.110", "2024 c 150"), its subsections below it.
    assert [term["source"] for term in legal if re.split(r"\s*[§(]", term["source"])[0] not in sources] == []


class _RunningText(HTMLParser):
    """An article's running text (where terms are explained), each piece with the term its button is for."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[tuple[str, str | None]] = []
        self.stack: list[tuple[str, bool, str | None]] = []
        self.in_article = False

    def _quiet(self) -> bool:
        return any(quiet for _, quiet, _ in self.stack)

    def _term(self) -> str | None:
        return next((term for _, _, term in reversed(self.stack) if term), None)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.in_article = True
            return
        if not self.in_article or tag in VOID:
            return
        classes = attrs.get("class") or ""
        term = attrs.get("aria-controls", "").removeprefix("glossary-") if "glossary__term" in classes else None
        quiet = ((tag in LEFT_ALONE and not term) or "hidden" in attrs or "glossary__tip" in classes
                 or "page-tools" in classes)
        self.stack.append((tag, quiet, term))

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article = False
        elif self.in_article and tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.in_article and not self._quiet():
            self.pieces.append((data, self._term()))


def _pattern(words):
    return re.compile("|".join(rf"\b{re.escape(w)}\b" if w.isupper() else rf"(?i:\b{re.escape(w)}\b)"
                               for w in sorted(words, key=len, reverse=True)))


@pytest.mark.parametrize("lang, name", ALL_PAGES)
def test_each_terms_first_use_on_a_page_carries_its_explanation(built_site, lang, name):
    html = built_path(built_site, lang, name).read_text(encoding="utf-8")
    if name == "glossary":
        assert "glossary__term" not in html  # its list explains every term
        return
    parser = _RunningText()
    parser.feed(html)
    text, owners = "", []
    for piece, term in parser.pieces:
        owners += [term] * len(piece)
        text += piece
    explained = 0
    for term_id, term in terms().items():
        buttons = html.count(f'aria-controls="glossary-{term_id}"')
        assert buttons <= 1, term_id
        first = _pattern(term[lang]["match"]).search(text)
        if first is None:
            assert buttons == 0, f"{term_id} is explained where the running text does not use it"
            continue
        assert owners[first.start()] == term_id, f"{name}: the first “{first.group(0)}” is not explained"
        explained += 1
    assert explained >= 1  # every page uses at least "provider"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_glossary_page_lists_every_term_and_the_letters_page_the_letters_terms(built_site, lang):
    glossary = built_path(built_site, lang, "glossary").read_text(encoding="utf-8")
    for term_id, term in terms().items():
        assert f'<dt id="{term_id}">{term[lang]["term"]}</dt>' in glossary
    letters = built_path(built_site, lang, "letters").read_text(encoding="utf-8")
    listed = re.search(r'<dl class="glossary-list">(.*?)</dl>', letters, re.S).group(1)
    assert sorted(re.findall(r"<dt>(.*?)</dt>", listed)) == sorted(
        term[lang]["term"] for term in terms().values() if term.get("letters"))


def test_a_fecha_limite_is_the_last_day_of_a_plazo_never_a_span_of_time():
    # shared/glossary-es.md: "plazo" is the period, "fecha límite" its last day (issue 30, item 4).
    deadline = terms()["deadline"]["es"]
    assert deadline["term"] == "plazo" and "fecha límite" not in deadline["match"]
    assert "último día es la fecha límite" in deadline["explain"]
