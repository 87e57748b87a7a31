"""Reads a built page with the standard library: the article's headings, links and readable text."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Content inside these is not prose a reader reads as sentences.
SKIP_TEXT = {"table", "code", "pre", "script", "style", "nav"}
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dd", "dt", "div", "blockquote"}
VOID = {"br", "img", "hr", "input", "meta", "link", "source", "wbr"}


@dataclass
class Article:
    heading_ids: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


class _ArticleParser(HTMLParser):
    def __init__(self, blocks: frozenset[str] = frozenset(BLOCKS), skip: frozenset[str] = frozenset(SKIP_TEXT)):
        super().__init__(convert_charrefs=True)
        self.blocks = blocks
        self.skip = skip
        self.article = Article()
        self.depth = 0          # depth inside <article>, 0 = outside
        self.skip_depth = 0     # >0 while inside a SKIP_TEXT element (or a permalink/headerlink)
        self.stack: list[str] = []
        self.buffer: list[str] = []

    def _flush(self):
        text = " ".join("".join(self.buffer).split())
        if text:
            self.article.paragraphs.append(text)
        self.buffer = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.article.ids.add(attrs["id"])
        if tag in VOID:
            return
        if tag == "article":
            self.depth += 1
        elif self.depth:
            self.stack.append(tag)
            classes = attrs.get("class") or ""
            # Not the page's prose: a term's explanation (it shows only when asked for), the page's tools, the
            # line on how a translation was made (the site's words, the same on every page: checked as data),
            # a block marked as another language (lang="en" on a translated page: quoted on purpose).
            if (tag in self.skip or "headerlink" in classes or "md-content__button" in classes or self.skip_depth
                    or "glossary__tip" in classes or "page-tools" in classes or "translation-notice" in classes
                    or attrs.get("lang")):
                self.skip_depth += 1
            if tag in self.blocks:
                self._flush()
            if tag in {"h1", "h2", "h3", "h4", "h5", "h6"} and attrs.get("id"):
                self.article.heading_ids.append(attrs["id"])
            # A link to the page in another language (the translation notice's) is not the page's content.
            if tag == "a" and attrs.get("href") and "headerlink" not in classes and not attrs.get("hreflang"):
                self.article.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag == "article" and self.depth:
            self._flush()
            self.depth -= 1
        elif self.depth and self.stack:
            self.stack.pop()
            if self.skip_depth:
                self.skip_depth -= 1
            if tag in self.blocks:
                self._flush()

    def handle_data(self, data):
        if self.depth and not self.skip_depth:
            self.buffer.append(data)


def read_article(path: Path, blocks: frozenset[str] = frozenset(BLOCKS),
                 skip: frozenset[str] = frozenset(SKIP_TEXT)) -> Article:
    """Headings, links, paragraphs and all element ids of the page at `path` (ids from the whole page).
    `blocks`: the elements whose text is a paragraph of its own (more of them keep a form's labels and
    choices apart, where the paragraphs' words matter more than their sentences); `skip`: the elements
    whose text is left out."""
    parser = _ArticleParser(blocks, skip)
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.article


def all_ids(path: Path) -> set[str]:
    """Every id attribute anywhere in the page, for checking #fragments."""
    return read_article(path).ids
