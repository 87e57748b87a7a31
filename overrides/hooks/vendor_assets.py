"""Build hook: copy third-party browser files from the pinned npm packages into the site.

Nothing is loaded from another host: the files come from node_modules (package-lock.json pins them)
and are written into site/ at build time, never committed.
"""
from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"

# (file in node_modules, path in the site)
VENDORED = [
    ("iframe-worker/shim/index.js", "assets/vendor/iframe-worker/shim.js"),
]


def on_post_build(config):
    site = Path(config["site_dir"])
    for source, target in VENDORED:
        source_path = NODE_MODULES / source
        if not source_path.exists():
            raise FileNotFoundError(f"{source_path} is missing: run `npm ci` (make does this)")
        (site / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source_path, site / target)
