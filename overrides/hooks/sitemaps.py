"""Build hook: the sitemap where Material looks for it from every page.

Material's script fetches sitemap.xml next to each language's address (its `link rel=alternate`), so
every page asks for /es/sitemap.xml too, which the i18n plugin does not write: a 404 in every page's
console. The Spanish folder gets the same sitemap (it lists both languages' pages).
"""
from __future__ import annotations

import shutil
from pathlib import Path


def on_post_build(config):
    site = Path(config["site_dir"])
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        if (site / name).is_file() and (site / "es").is_dir():
            shutil.copyfile(site / name, site / "es" / name)
