"""Build hook: site-settings.js, the one small file a host edits to put its name on a copy, no build needed.

It sits at the top of the site folder (and of the offline zip's folder). Every page loads it, and
page-tools.js writes what it says into the page's footer: who publishes this copy and how a reader
reports a mistake to them (in English and in Spanish), and the project's own address, for a newer copy
and for telling the guide's authors about a mistake. The build writes it from mkdocs.yml
(`extra.publisher`, the Spanish one under the i18n plugin's `es` language, and `extra.project_url`,
or `site_url` when that is empty), and the footer in each page's HTML already says the same, so a page
without scripts says what the build said.

It is a script, not JSON, because pages opened from a folder (file://) may load a script but not fetch
a file. The staff sheet in the zip (overrides/offline_copy.py) says how to edit it.
"""
from __future__ import annotations

import json
from pathlib import Path

FILE_NAME = "site-settings.js"
HEADER = """\
// Who publishes this copy of the guide. Library and legal aid staff: change the words between the
// quotes, save this file, and reload any page of the guide. "contact" is an e-mail address
// (name@example.org), a phone number (509-444-5300) or a web page (https://...); leave it "" and the pages ask readers to tell
// whoever gave them the guide. "project" is where to get a newer copy of the guide.
// Quién publica esta copia de la guía. Personal de bibliotecas y de ayuda legal: cambie las palabras
// entre comillas, guarde este archivo y vuelva a cargar cualquier página. "es" es el texto en español.
"""
_publishers: dict[str, dict] = {}  # language → its publisher, gathered over the i18n plugin's builds


def settings_script(publishers: dict[str, dict], project: str) -> str:
    """The text of site-settings.js: `publishers` maps "en" and "es" to {"name", "contact"}."""
    settings = {"publisher": {lang: {"name": (found or {}).get("name") or "", "contact": (found or {}).get("contact") or ""}
                              for lang, found in sorted(publishers.items())},
                "project": project}
    return HEADER + f"self.guideSettings = {json.dumps(settings, ensure_ascii=False, indent=2)};\n"


def project_address(config) -> str:
    """Where a newer copy is: mkdocs.yml `extra.project_url`, else `site_url`, else ""."""
    return config.extra.get("project_url") or config.get("site_url") or ""


def on_env(env, config, files):
    # The footer (partials/copyright.html) asks the same function, so the page and the file agree.
    env.globals["project_address"] = project_address
    return env


def on_post_build(config):
    _publishers[config.theme.get("language", "en")] = dict(config.extra.get("publisher") or {})
    (Path(config["site_dir"]) / FILE_NAME).write_text(settings_script(_publishers, project_address(config)), encoding="utf-8")
