"""Build hook: the languages table (calculator/data/languages.toml) for the templates, and each
language's folder given what the source language's root has.

Templates ask `language(code)` for a language's row (main.html writes its locale for the page scripts,
so they hold no list of languages). Material's script fetches sitemap.xml next to each language's
address (its `link rel=alternate`), which the i18n plugin writes only at the root: every other
language's folder gets the same sitemap (it lists every language's pages).

Search: Material's index of every language (search/search_index.json) is fetched by every page at
once, over a slow link too. Each language also gets search/search_index.<code>.json with its own pages
only, and a page fetches its own language's file (assets/javascripts/guide-search.js). The offline copy
(file://) reads Material's search_index.js, the whole index: from a folder nothing changes.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project root, for `calculator`

from calculator.languages import languages, source_language  # noqa: E402


def on_env(env, config, files):
    env.globals["language"] = lambda code: languages()[code]
    return env


def on_post_build(config):
    site = Path(config["site_dir"])
    # Each language's build leaves, for a moment, its own pages' index in search_index.json (the i18n
    # plugin merges every language's into it once all are built): kept as that language's own file.
    index = site / "search" / "search_index.json"
    if index.is_file():
        shutil.copyfile(index, site / "search" / f"search_index.{config.theme['language']}.json")
    for code in languages():
        folder = site / code
        if code == source_language() or not folder.is_dir():
            continue
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            if (site / name).is_file():
                shutil.copyfile(site / name, folder / name)
