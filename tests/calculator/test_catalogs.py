"""The translations as gettext catalogs (calculator/catalogs.py, overrides/catalogs.py, `make catalogs`).

The committed .mo files are what Babel compiles from their .po; each .po holds exactly the messages of its
freshly extracted template, every one translated and none fuzzy or obsolete; a changed English string turns
its translation fuzzy; a missing translation falls back to the English and is named.
"""
from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys

import pytest

from calculator import catalogs
from calculator.catalogs import LOCALE_DIR, translated
from calculator.languages import languages, source_language
from calculator.law import DATA_DIR, letter_words, messages
from overrides import catalogs as tool
from overrides.hooks import translations as hook

TRANSLATIONS = [lang for lang in languages() if lang != source_language()]
PLACEHOLDER = re.compile(r"\{[A-Za-z_][\w.]*\}")
# Braces only: parentheses legitimately differ (a translation spells out an acronym in them: 30 of 1278
# messages in Spanish), so a count of them would flag good translations.
BRACKETS = "{}"


def _templates() -> dict:
    return {domain: tool.template(domain, data) for domain, data in tool.data_files().items()}


def _ids(message) -> tuple:
    return tuple(message.id) if isinstance(message.id, (list, tuple)) else (message.id,)


def _strings(message) -> tuple:
    return tuple(message.string) if isinstance(message.string, (list, tuple)) else (message.string,)


def test_the_committed_templates_are_what_the_data_extracts():
    templates = _templates()
    assert {"messages", "letters", "questions", "glossary"} <= set(templates)
    assert sorted(path.stem for path in LOCALE_DIR.glob("*.pot")) == sorted(templates)
    for domain, template in templates.items():
        assert (LOCALE_DIR / f"{domain}.pot").read_bytes() == tool.po_text(template), f"{domain}.pot: make catalogs"


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_each_po_has_every_message_of_its_template_translated_and_none_fuzzy_or_obsolete(lang):
    for domain, template in _templates().items():
        catalog = tool.read_catalog(LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po", lang, domain)
        expected = {(message.context, _ids(message)) for message in template if message.id}
        assert {(message.context, _ids(message)) for message in catalog if message.id} == expected, domain
        assert [message.context for message in catalog if message.id and message.fuzzy] == [], domain
        assert [message.context for message in catalog if message.id and not all(_strings(message))] == [], domain
        assert list(catalog.obsolete) == [], domain
        assert catalog.plural_forms == languages()[lang].plural_forms
        assert len(expected) == len(list(catalog)) - 1  # no message twice (the header is the one more)


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_each_mo_is_what_babel_compiles_from_its_po(lang):
    po_files = sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po"))
    assert po_files
    for po in po_files:
        assert po.with_suffix(".mo").read_bytes() == tool.compiled(po, lang, po.stem), f"{po.name}: make catalogs"


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_each_translation_has_the_placeholders_and_brackets_of_its_english(lang):
    for po in sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po")):
        for message in tool.read_catalog(po, lang, po.stem):
            if not message.id:
                continue
            english = set().union(*(PLACEHOLDER.findall(text) for text in _ids(message)))
            for text in _strings(message):
                assert set(PLACEHOLDER.findall(text)) == english, (po.name, message.context)
                for bracket in BRACKETS:
                    # A counted message's forms may differ from each other, not from the English form.
                    assert text.count(bracket) == _ids(message)[-1].count(bracket), (po.name, message.context)


def test_a_changed_english_sentence_turns_its_translation_fuzzy_and_the_english_stands_in(tmp_path):
    data, locale = tmp_path / "data", tmp_path / "locale"
    shutil.copytree(DATA_DIR, data)
    shutil.copytree(LOCALE_DIR, locale)
    old = messages()["error"]["pages-out-of-range"]["en"]
    new = "Pages: give a count between 1 and 100,000 (you gave {value})."  # rewritten, not just touched up
    text = (data / "messages.toml").read_text(encoding="utf-8")
    (data / "messages.toml").write_text(text.replace(f'pages-out-of-range.en = "{old}"',
                                                     f'pages-out-of-range.en = "{new}"'), encoding="utf-8")
    tool.make_catalogs(data, locale)
    tool.make_catalogs(data, locale)  # a second run keeps it fuzzy, with the old English for the translator
    po = locale / "es" / "LC_MESSAGES" / "messages.po"
    changed = [message for message in tool.read_catalog(po, "es", "messages")
               if message.context == "error.pages-out-of-range"]
    assert len(changed) == 1
    assert changed[0].id == new and changed[0].fuzzy
    assert tool.previous_ids(po) == {"error.pages-out-of-range": [old]}
    assert changed[0].string == messages()["error"]["pages-out-of-range"]["es"]  # kept for the translator
    assert "error.pages-out-of-range" in (locale / "messages.pot").read_text(encoding="utf-8")
    # Compiled without it: the calculator then says the new English and names the unit.
    assert "pages-out-of-range".encode() not in (locale / "es" / "LC_MESSAGES" / "messages.mo").read_bytes()
    assert "pages-not-whole-number".encode() in (locale / "es" / "LC_MESSAGES" / "messages.mo").read_bytes()


@pytest.fixture
def fresh_records(monkeypatch):
    """Missing words recorded in this test only (the build and other tests share the process)."""
    monkeypatch.setattr(catalogs, "_FALLBACKS", {})
    catalogs.translations.cache_clear()
    yield
    catalogs.translations.cache_clear()


def test_a_missing_translation_falls_back_to_the_english_and_is_named(fresh_records, caplog):
    data = {"greeting": {"en": "Hello, {name}."}, "rows": [{"id": "first", "label": {"en": "First"}}],
            "count": {"en": {"one": "{n} day", "other": "{n} days"}}, "empty": {"en": ""}}
    merged = translated(data, "no-such-domain")
    assert merged["greeting"] == {"en": "Hello, {name}.", **{lang: "Hello, {name}." for lang in TRANSLATIONS}}
    assert merged["rows"][0]["label"]["es"] == "First"
    assert merged["count"]["es"] == {"one": "{n} day", "other": "{n} days"}
    assert merged["empty"]["es"] == ""  # nothing to translate: not missing
    assert catalogs.missing_words("es") == ["no-such-domain:count", "no-such-domain:greeting",
                                            "no-such-domain:rows.first.label"]
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.translations"):
        hook.on_config({})
    assert "no-such-domain:rows.first.label" in caplog.text and "Spanish" in caplog.text


def test_the_committed_catalogs_leave_no_unit_untranslated(fresh_records):
    assert hook.untranslated() == {lang: [] for lang in TRANSLATIONS}


def test_words_only_in_the_source_language_get_no_translation():
    fax = letter_words()["sending"]
    assert fax["fax-title"] == {"en": "FAX COVER SHEET"} and "source_only" not in letter_words()
    assert set(fax["signature-typed"]) == set(languages())


def test_a_counted_message_has_one_form_per_plural_category_of_each_language():
    for lang in languages():
        assert tuple(messages()["count"]["pages"][lang]) == tuple(rule["category"] for rule in languages()[lang].plural)


FAKE_RUN = """
from calculator.catalogs import missing_words
from calculator.law import DATA_DIR, load_data
for path in sorted(DATA_DIR.glob("*.toml")):
    load_data(path.name)
print(len(missing_words("xx")), "error.pages-out-of-range" in " ".join(missing_words("xx")), len(missing_words("es")))
"""


def test_a_fake_language_with_no_catalogs_yet_answers_in_english_and_names_every_missing_word(tmp_path):
    """A third language declared in languages.toml, with no .po yet: the calculator answers (in English)
    and names what is missing instead of failing."""
    package = tmp_path / "calculator"
    shutil.copytree(DATA_DIR.parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    table = package / "data" / "languages.toml"
    text = table.read_text(encoding="utf-8")
    # The last language's row again, as a language nobody has translated into yet.
    row = "[[language]]" + text.rsplit("[[language]]", 1)[1]
    code = row.split('code = "', 1)[1].split('"', 1)[0]
    fake = row.replace(f'code = "{code}"', 'code = "xx"').replace(f'name = "{languages()[code].name}"', 'name = "Xx"')
    table.write_text(text + "\n" + fake.replace(f'english = "{languages()[code].english}"', 'english = "Fake"'),
                     encoding="utf-8")
    fee = subprocess.run([sys.executable, "-m", "calculator", "fee", "--pages", "3", "--date", "2026-06-16",
                          "--lang", "xx"], cwd=tmp_path, capture_output=True, text=True)
    assert fee.returncode == 0 and fee.stdout.startswith("Your own copy costs"), fee.stderr
    result = subprocess.run([sys.executable, "-c", FAKE_RUN], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    missing, named, spanish_missing = result.stdout.split()
    assert int(missing) > 1000 and named == "True" and spanish_missing == "0"
