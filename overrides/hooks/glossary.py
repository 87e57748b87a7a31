"""Build hook: plain words in place, from calculator/data/glossary.toml.

Each glossary term is explained where it first appears on a page: the word becomes a small button
that shows its one-sentence explanation right after it (keyboard, touch and pointer alike; Escape
closes it; overrides/assets/javascripts/glossary.js), and printing shows every explanation as text in
brackets. Headings, links, code, form controls and the hidden parts of the page (the forms before their
script runs) are left alone. A page writes {{ glossary.all }} (the glossary page) or
{{ glossary.letters }} (the terms the letters use) to list the terms. Runs before legal_facts.py, which
stops the build on any {{ name }} it does not know.
"""
from __future__ import annotations

import re
import sys
from html import escape
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project root, for `calculator`

from calculator.languages import source_language  # noqa: E402
from calculator.law import load_data  # noqa: E402

PLACEHOLDER = re.compile(r"\{\{\s*glossary\.([a-z-]+)\s*\}\}")
# Text inside these is not where a term is explained: it is a heading, a link, code, a control, or a
# name the page needs as it is.
LEFT_ALONE = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "button", "label", "option", "select",
              "textarea", "script", "style", "summary", "dfn", "abbr", "th", "caption", "legend", "title", "nav",
              "form", "svg", "dt"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def terms() -> dict[str, dict]:
    """The glossary: {id: {"en": {term, match, explain}, "es": {…}, "source"?, "letters"?}}."""
    return load_data("glossary.toml")["term"]


def _pattern(words: list[str]) -> re.Pattern:
    """The term's words as whole words, longest first: an all-capitals word (HIPAA) only as written,
    any other in any case ("Provider" at the start of a sentence)."""
    pieces = [rf"\b{re.escape(word)}\b" if word.isupper() else rf"(?i:\b{re.escape(word)}\b)"
              for word in sorted(words, key=len, reverse=True)]
    return re.compile("|".join(pieces))


def tip(term_id: str, shown: str, explain: str) -> str:
    """The term as it reads on the page, with its explanation (hidden until asked for; printed in brackets)."""
    tip_id = f"glossary-{term_id}"
    return (f'<span class="glossary"><button type="button" class="glossary__term" aria-expanded="false" '
            f'aria-controls="{tip_id}">{shown}</button><span class="glossary__tip" id="{tip_id}" hidden>'
            f'<span class="glossary__bracket"> (</span>{escape(explain)}<span class="glossary__bracket">)</span>'
            "</span></span>")


class _Explainer(HTMLParser):
    """Copies a page's HTML as it is, explaining the first use of each term in its running text."""

    def __init__(self, lang: str):
        super().__init__(convert_charrefs=False)
        self.lang, self.out, self.stack = lang, [], []
        self.left_alone = 0  # > 0 inside an element where no term is explained
        self.waiting = {term_id: _pattern(term[lang]["match"]) for term_id, term in terms().items()}
        self.explained: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag in VOID:
            return
        quiet = tag in LEFT_ALONE or "hidden" in dict(attrs) or self.left_alone > 0
        self.stack.append(quiet)
        self.left_alone += quiet

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if tag not in VOID and self.stack:
            self.left_alone -= self.stack.pop()

    def handle_data(self, data):
        self.out.append(data if self.left_alone or not self.waiting else self._explain(data))

    def _explain(self, text: str) -> str:
        done, rest = [], text
        while self.waiting:
            found = [(match.start(), -len(match.group(0)), term_id, match)
                     for term_id, pattern in self.waiting.items() if (match := pattern.search(rest))]
            if not found:
                break
            _, _, term_id, match = min(found)
            del self.waiting[term_id]
            self.explained.append(term_id)
            done += [rest[:match.start()], tip(term_id, match.group(0), terms()[term_id][self.lang]["explain"])]
            rest = rest[match.end():]
        return "".join(done) + rest

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")


def explain_terms(html: str, lang: str) -> tuple[str, list[str]]:
    """`html` with the first use of each glossary term explained; and the ids of the terms explained."""
    explainer = _Explainer(lang)
    explainer.feed(html)
    explainer.close()
    return "".join(explainer.out), explainer.explained


def term_list(lang: str, only_letters: bool = False) -> str:
    """The terms as a definition list, alphabetical in the page's language, each with its source."""
    rows = sorted(((term[lang]["term"], term_id, term) for term_id, term in terms().items()
                   if term.get("letters") or not only_letters), key=lambda row: row[0].casefold())
    items = []
    for shown, term_id, term in rows:
        source = f' <span class="glossary-list__source">({escape(term["source"])})</span>' if term.get("source") else ""
        anchor = "" if only_letters else f' id="{term_id}"'
        items.append(f"<dt{anchor}>{escape(shown)}</dt>\n<dd>{escape(term[lang]['explain'])}{source}</dd>")
    return '<dl class="glossary-list">\n' + "\n".join(items) + "\n</dl>"


LISTS = {"all": lambda lang: term_list(lang), "letters": lambda lang: term_list(lang, only_letters=True)}


def on_page_markdown(markdown, page, config, files):
    lang = getattr(page.file, "locale", None) or source_language()

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in LISTS:
            raise PluginError(f"{page.file.src_uri}: unknown list {{{{ glossary.{name} }}}}")
        page.meta["glossary_list"] = True
        return LISTS[name](lang)

    return PLACEHOLDER.sub(replace, markdown)


def on_page_content(html, page, config, files):
    if page.meta.get("glossary_list") and "glossary" in page.file.src_uri:
        return html  # the glossary page itself explains every term in its list
    lang = getattr(page.file, "locale", None) or source_language()
    return explain_terms(html, lang)[0]
