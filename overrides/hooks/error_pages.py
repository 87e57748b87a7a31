"""Build hook: one page-not-found page per language, the source language's at /404.html and each other
language's in its folder (/es/404.html).

mkdocs-static-i18n builds each language into the same site folder, so the Spanish build's 404.html
would overwrite the English one at the root. Keep each language's rendering and write both at the end.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project root, for `calculator`

from calculator.languages import source_language  # noqa: E402

_rendered: dict[str, str] = {}


def on_template_context(context, template_name, config):
    # The language switcher on a 404 page goes to the other language's home page. Left alone, it keeps
    # the links of whichever page the i18n plugin rendered last.
    if template_name == "404.html":
        # The i18n plugin sets extra.alternate as an attribute (what templates read), not as the key.
        for alternate in getattr(config.extra, "alternate", None) or config.extra.get("alternate", []):
            alternate["link"] = "index.html" if alternate["lang"] == source_language() else f"{alternate['lang']}/index.html"
    return context


def on_post_template(output, template_name, config):
    if template_name == "404.html":
        _rendered[config.theme["language"]] = output
    return output


def on_post_build(config):
    # Runs after each language's build; the last one has seen every language.
    site = Path(config.site_dir)
    for lang, output in _rendered.items():
        target = site / ("404.html" if lang == source_language() else f"{lang}/404.html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output, encoding="utf-8")
