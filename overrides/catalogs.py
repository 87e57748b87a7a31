"""`make catalogs`: the translation catalogs from the English in calculator/data/*.toml, with Babel.

1. Extract: each data file's English units (calculator/catalogs.py says what a unit is and names it) become
   a template, calculator/locale/<domain>.pot.
2. Update: each language's calculator/locale/<lang>/LC_MESSAGES/<domain>.po takes the template's messages.
   A unit whose English changed keeps its old translation marked fuzzy, with the old English beside it
   (#| msgid), until a translator checks it; a new unit comes in untranslated; a unit taken out of the data
   stays at the end as obsolete (#~) for reuse. Plural-Forms is languages.toml's `plural_forms`.
3. Compile: each .po becomes its .mo beside it (fuzzy and untranslated messages left out, so the English
   stands in and the build names them), committed so the calculator reads it with no build step.

The calculator itself never imports this module: it is standard library only, Babel is a build tool.
Run: `.venv/bin/python -m overrides.catalogs` from the project root (make catalogs).
"""
from __future__ import annotations

import io
import sys
import tomllib
from datetime import datetime, timezone
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import denormalize, read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the project root, for `calculator`

from calculator.catalogs import LOCALE_DIR, source_messages  # noqa: E402
from calculator.languages import languages, source_language  # noqa: E402
from calculator.law import DATA_DIR  # noqa: E402

PROJECT = "wa-medical-records-guide"
# A fixed creation date: the templates are the same on every run (a test extracts them again and compares);
# git keeps when each one changed.
CREATED = datetime(2026, 1, 1, tzinfo=timezone.utc)
HEADER = ("# Translations of the words in calculator/data/{domain}.toml (the English is there, with its\n"
          "# citations). Written by `make catalogs`: translate the msgstr lines only; msgctxt names the unit.")
LIST_NOTE = "One item a line: as many lines as your language needs."


def data_files(data_dir: Path = DATA_DIR) -> dict[str, dict]:
    """Each data file that has words to translate, by domain (its name without .toml), as written (English)."""
    files = {path.stem: tomllib.loads(path.read_text(encoding="utf-8")) for path in sorted(data_dir.glob("*.toml"))}
    return {domain: data for domain, data in files.items() if any(True for _ in source_messages(data))}


def template(domain: str, data: dict) -> Catalog:
    """The template of one data file: every English message, in the file's order, named by its msgctxt."""
    catalog = Catalog(domain=domain, project=PROJECT, version="1", creation_date=CREATED, fuzzy=False,
                      header_comment=HEADER.format(domain=domain))
    seen: set[str] = set()
    for context, msgid in source_messages(data):
        if context in seen:
            raise ValueError(f"{domain}.toml: two units are named {context}; give the rows an id")
        seen.add(context)
        notes = [LIST_NOTE] if isinstance(msgid, str) and "\n" in msgid else []
        catalog.add(msgid, context=context, auto_comments=notes)
    return catalog


def babel_locale(lang: str) -> Locale | None:
    """Babel's locale for `lang`, or None for a code Babel does not know (the header still names it)."""
    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return None


def _po_path(locale_dir: Path, lang: str, domain: str) -> Path:
    return locale_dir / lang / "LC_MESSAGES" / f"{domain}.po"


def read_catalog(path: Path, lang: str, domain: str) -> Catalog:
    """One language's .po, parsed."""
    with open(path, "rb") as po_file:
        return read_po(po_file, locale=babel_locale(lang), domain=domain)


def previous_ids(path: Path) -> dict[str, list[str]]:
    """The old English (#| msgid, #| msgid_plural) of each fuzzy message of a .po, by msgctxt: Babel's
    reader skips those lines, so they are read here to be written again until the translator is done."""
    found = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = block.splitlines()
        previous = [line[3:] for line in lines if line.startswith("#| ")]
        context = next((denormalize(line[len("msgctxt "):]) for line in lines if line.startswith("msgctxt ")), None)
        if previous and context is not None:
            parts = "\n".join(previous).split("\nmsgid_plural ")
            found[context] = [denormalize(part.removeprefix("msgid ")) for part in parts]
    return found


def new_catalog(lang: str, domain: str) -> Catalog:
    """An empty catalog for a language that has none yet."""
    return Catalog(locale=babel_locale(lang), domain=domain, project=PROJECT, version="1",
                   creation_date=CREATED, fuzzy=False, header_comment=HEADER.format(domain=domain))


def match_by_context(catalog: Catalog, template_catalog: Catalog) -> dict[str, object]:
    """A unit whose English changed keeps its translation, marked fuzzy: matched by its msgctxt (the unit's
    stable name), which Babel's own matching (by similar English, difflib) misses when a sentence is
    rewritten. Returns the old English by context, for the translator to see (#| msgid)."""
    translated = {message.context: message for message in catalog if message.id and message.context}
    changed = {}
    for message in template_catalog:
        old = translated.get(message.context)
        if not message.id or old is None or old.id == message.id or catalog.get(message.id, message.context):
            continue
        catalog.delete(old.id, context=old.context)
        catalog.add(message.id, string=old.string, flags=set(old.flags) | {"fuzzy"},
                    user_comments=old.user_comments, context=message.context)
        changed[message.context] = old.id
    return changed


def updated(catalog: Catalog, template_catalog: Catalog, lang: str,
            previous: dict[str, list[str]] | None = None) -> Catalog:
    """`catalog` brought up to `template_catalog` (Babel's update after the match by context), with the
    Plural-Forms of languages.toml; `previous`: the old English of messages already fuzzy, by msgctxt."""
    previous = previous or {}
    changed = match_by_context(catalog, template_catalog)
    catalog.update(template_catalog, update_creation_date=True)
    for message in catalog:
        if message.fuzzy and message.context in previous:
            message.previous_id = previous[message.context]
    for context, old_id in changed.items():
        message = next(message for message in catalog if message.context == context)
        message.previous_id = list(old_id) if isinstance(old_id, (list, tuple)) else [old_id]
    catalog.mime_headers = [("Plural-Forms", languages()[lang].plural_forms)]
    catalog.fuzzy = False
    return catalog


def po_text(catalog: Catalog) -> bytes:
    """A catalog as .po (or .pot) text: the old English of a fuzzy message kept, obsolete ones at the end."""
    out = io.BytesIO()
    write_po(out, catalog, include_previous=True, width=0)  # one line a message: a change is a one-line diff
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    """A catalog compiled to .mo: fuzzy and untranslated messages are left out."""
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def compiled(po_path: Path, lang: str, domain: str) -> bytes:
    """What Babel compiles from the .po at `po_path`."""
    return mo_bytes(read_catalog(po_path, lang, domain))


def update_language(lang: str, templates: dict[str, Catalog], locale_dir: Path) -> None:
    """Update and compile every .po of `lang` from the templates."""
    for domain, template_catalog in templates.items():
        path = _po_path(locale_dir, lang, domain)
        if path.exists():
            catalog, previous = read_catalog(path, lang, domain), previous_ids(path)
        else:
            catalog, previous = new_catalog(lang, domain), {}
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(po_text(updated(catalog, template_catalog, lang, previous)))
        path.with_suffix(".mo").write_bytes(compiled(path, lang, domain))


def make_catalogs(data_dir: Path = DATA_DIR, locale_dir: Path = LOCALE_DIR) -> None:
    """Extract the templates from `data_dir` into `locale_dir`, then update and compile every language's
    catalogs (every language of languages.toml but the source)."""
    templates = {domain: template(domain, data) for domain, data in data_files(data_dir).items()}
    locale_dir.mkdir(parents=True, exist_ok=True)
    for domain, template_catalog in templates.items():
        (locale_dir / f"{domain}.pot").write_bytes(po_text(template_catalog))
    for lang in languages():
        if lang != source_language():
            update_language(lang, templates, locale_dir)


if __name__ == "__main__":
    make_catalogs()
