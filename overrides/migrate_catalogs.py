"""Run once (issue 27): move the Spanish out of calculator/data/*.toml into gettext catalogs.

For each data file: its Spanish words become calculator/locale/es/LC_MESSAGES/<domain>.po, then every `es`
entry is cut out of the file's text (the `x.es = …` lines, the `, es = "…"` parts of inline tables) so its
comments and layout stay; the cut file must parse to exactly the old data without its `es` entries. Then
`make catalogs` writes the templates and compiles the .mo files.
"""
from __future__ import annotations

import re
import tomllib

from overrides.catalogs import _po_path, make_catalogs, new_catalog, po_text
from calculator.catalogs import SOURCE_ONLY, _is_counted, _plural_categories, units
from calculator.law import DATA_DIR
from calculator.catalogs import LOCALE_DIR

LANG = "es"
LINE_START = re.compile(r"^[ \t]*(?:[A-Za-z0-9_-]+\.)*es[ \t]*=[ \t]*", re.M)
INLINE = re.compile(r',[ \t]*es[ \t]*=[ \t]*"(?:[^"\\\n]|\\.)*"')


def pairs(name, english, spanish, in_table):
    if isinstance(english, str):
        if english:
            yield name, english, spanish
    elif isinstance(english, list):
        if in_table:
            yield name, "\n".join(english), "\n".join(spanish)
        else:
            assert len(english) == len(spanish), name
            for index, (item, translation) in enumerate(zip(english, spanish)):
                yield f"{name}.{index}", item, translation
    elif _is_counted(english):
        yield name, (english["one"], english["other"]), tuple(spanish[c] for c in _plural_categories(LANG))
    else:
        assert set(english) == set(spanish), name
        for key, value in english.items():
            yield from pairs(f"{name}.{key}", value, spanish[key], True)


def without_spanish(node):
    if isinstance(node, dict):
        return {key: without_spanish(value) for key, value in node.items() if key != LANG}
    if isinstance(node, list):
        return [without_spanish(value) for value in node]
    return node


def cut(text: str) -> str:
    text = INLINE.sub("", text)
    while match := LINE_START.search(text):
        end = match.end()
        lines = text[end:].split("\n")
        for count in range(1, len(lines) + 1):
            try:
                tomllib.loads("value = " + "\n".join(lines[:count]))
                break
            except tomllib.TOMLDecodeError:
                continue
        stop = end + len("\n".join(lines[:count])) + 1
        text = text[:match.start()] + text[stop:]
    return text


def main():
    for path in sorted(DATA_DIR.glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
        skipped = set(data.get(SOURCE_ONLY, ()))
        found = [pair for name, unit in units(data) if name not in skipped and LANG in unit
                 for pair in pairs(name, unit["en"], unit[LANG], False)]
        if not found:
            continue
        catalog = new_catalog(LANG, path.stem)
        for context, msgid, msgstr in found:
            catalog.add(msgid, string=msgstr, context=context)
        po = _po_path(LOCALE_DIR, LANG, path.stem)
        po.parent.mkdir(parents=True, exist_ok=True)
        po.write_bytes(po_text(catalog))
        new_text = cut(text)
        assert tomllib.loads(new_text) == without_spanish(data), path
        path.write_text(new_text, encoding="utf-8")
        print(path.name, len(found), "messages")
    make_catalogs()


if __name__ == "__main__":
    main()
