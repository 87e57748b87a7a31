"""`make translations-status`: is each translated page still a translation of its English page?

A translated page (docs/<page>.<code>.md, for every language of calculator/data/languages.toml but the
source) records in its front matter the hash of the English page's text it was made from:

    ---
    translated_from: "3f9a0c1d2e4b"
    translated_on: "2026-12-07"
    ---

The hash is the first HASH_LENGTH hex digits of the sha256 of the English page (docs/<page>.md) with its
front matter taken out and every run of whitespace made one space, so a new line break or a changed
`template:` does not count as a change of the English, and any changed word does. The build hook
overrides/hooks/translation_age.py compares the two on every build: a page whose English changed since is
named in a warning (so `mkdocs build --strict` fails) and shows readers a line saying the English is newer.
`translated_on` is the day the page was stamped (the day its translator brought it up to date); every
translated page shows it in a line saying who translated it and that no certified legal translator has
checked it yet.

Run from the project root:
    .venv/bin/python -m overrides.page_translations              # each translation: current, stale or no hash
    .venv/bin/python -m overrides.page_translations --stamp docs/costs.es.md
The second form records the English page's current hash in the named translations: run it only when the
translator has brought the page up to date with the English. The first exits with 1 when any
translation is stale or has no hash.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mkdocs.utils.meta import get_data

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the project root, for `calculator`

from calculator.languages import languages, source_language  # noqa: E402

DOCS = ROOT / "docs"
KEY = "translated_from"
DATE_KEY = "translated_on"
HASH_LENGTH = 12  # 48 bits: enough to tell one version of a page from the next
CURRENT, STALE, NO_HASH = "current", "stale", "no hash"
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)
KEY_LINE = re.compile(rf"^{KEY}:.*\n", re.M)
DATE_LINE = re.compile(rf"^{DATE_KEY}:.*\n", re.M)


@dataclass(frozen=True)
class Translation:
    """One translated page: its file, its language's code, its English page's file, both hashes ("" when
    none is recorded) and the day it was stamped (a date, or None when it records none)."""
    path: Path
    lang: str
    english: Path
    recorded: str
    current: str
    translated_on: date | None = None

    @property
    def state(self) -> str:
        """CURRENT, STALE (its English changed since it was made) or NO_HASH (it records none)."""
        if not self.recorded or self.translated_on is None:
            return NO_HASH
        return CURRENT if self.recorded == self.current else STALE


def english_hash(text: str) -> str:
    """The hash of an English page's markdown `text`: sha256 (hex, first HASH_LENGTH digits) of the text
    without its front matter, every run of whitespace one space, no space at either end."""
    body, _ = get_data(text)
    return hashlib.sha256(" ".join(body.split()).encode("utf-8")).hexdigest()[:HASH_LENGTH]


def recorded_hash(text: str) -> str:
    """The English hash a translated page's markdown `text` records in its front matter, or ""."""
    _, meta = get_data(text)
    value = meta.get(KEY)
    return value if isinstance(value, str) else ""


def recorded_date(text: str) -> date | None:
    """The day a translated page's markdown `text` records it was stamped (`translated_on`), or None."""
    _, meta = get_data(text)
    value = meta.get(DATE_KEY)
    try:
        return value if isinstance(value, date) else date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def translated_language(path: Path) -> str | None:
    """The language code of the translated page at `path` (docs/<page>.<code>.md), or None when `path` is
    not a translation (an English page, or a suffix that is no language of the table)."""
    _, dot, code = path.name.removesuffix(".md").rpartition(".")
    return code if dot and code in languages() and code != source_language() else None


def english_page(path: Path) -> Path | None:
    """The English page that `path` (docs/<page>.<code>.md) translates, or None when it is no translation."""
    code = translated_language(path)
    return None if code is None else path.with_name(path.name.removesuffix(f".{code}.md") + ".md")


def translation(path: Path) -> Translation | None:
    """The state of the translated page at `path`, or None when it is no translation or its English
    page is missing (the build and the parity tests name that)."""
    english = english_page(path)
    if english is None or not english.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    return Translation(path, translated_language(path), english, recorded_hash(text),
                       english_hash(english.read_text(encoding="utf-8")), recorded_date(text))


def translations(docs: Path = DOCS) -> list[Translation]:
    """Every translated page under `docs`, sorted by file name."""
    found = (translation(path) for path in sorted(docs.rglob("*.md")))
    return [page for page in found if page is not None]


def stamped(text: str, english_hash_now: str, day: date) -> str:
    """A translated page's markdown `text` with `translated_from` set to `english_hash_now` and
    `translated_on` to `day`: each key's line replaced, or added at the end of the front matter, or a front
    matter made for them."""
    lines = ((KEY_LINE, f'{KEY}: "{english_hash_now}"\n'), (DATE_LINE, f'{DATE_KEY}: "{day.isoformat()}"\n'))
    front = FRONT_MATTER.match(text)
    if front is None:
        return "---\n" + "".join(line for _, line in lines) + f"---\n\n{text}"
    inside = front.group(1) or ""
    for pattern, line in lines:
        inside = pattern.sub(line, inside) if pattern.search(inside) else inside + line
    return f"---\n{inside}---\n{text[front.end():]}"


def stamp(path: Path, day: date | None = None) -> Translation:
    """Record the English page's current hash and `day` (today when None) in the translated page at `path`
    (the translator says it is up to date). Raises ValueError when `path` is no translation of an English
    page."""
    page = translation(path)
    if page is None:
        raise ValueError(f"{path} is not a translation of an English page (docs/<page>.<code>.md)")
    path.write_text(stamped(path.read_text(encoding="utf-8"), page.current, day or date.today()), encoding="utf-8")
    return translation(path)


def report(pages: list[Translation], root: Path) -> str:
    """One line a translated page: its state, its file and, unless current, what to do."""
    lines = []
    for page in pages:
        name, english = _shown(page.path, root), _shown(page.english, root)
        if page.state == CURRENT:
            lines.append(f"current  {name}")
        elif page.state == STALE:
            lines.append(f"stale    {name}: {english} changed since it was translated "
                         f"(recorded {page.recorded}, now {page.current}); bring it up to date, then --stamp it")
        else:
            lines.append(f"no hash  {name}: it does not record which text of {english} it translates, or "
                         f"when; check it against the English, then --stamp it")
    return "\n".join(lines)


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def main(argv: list[str] | None = None) -> int:
    """The command line: print each translation's state (exit 1 if any is not current), or --stamp pages."""
    parser = argparse.ArgumentParser(prog="python -m overrides.page_translations", description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=Path, default=DOCS, help="the pages' folder (default: docs/)")
    parser.add_argument("--stamp", nargs="+", type=Path, metavar="PAGE",
                        help="record the English page's current hash in these translated pages")
    args = parser.parse_args(argv)
    docs = args.docs.resolve()
    if args.stamp:
        paths = [path.resolve() for path in args.stamp]
        not_translations = [str(path) for path in paths if translation(path) is None]
        if not_translations:  # checked first, so a typo stamps nothing
            print("not a translation of an English page (docs/<page>.<code>.md): " + ", ".join(not_translations),
                  file=sys.stderr)
            return 2
        print(report([stamp(path) for path in paths], docs.parent))
        return 0
    pages = translations(docs)
    print(report(pages, docs.parent))
    return 0 if all(page.state == CURRENT for page in pages) else 1


if __name__ == "__main__":
    sys.exit(main())
