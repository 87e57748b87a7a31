"""Build hook: put third-party browser files and the calculator package into the site.

Nothing is loaded from another host: Pyodide and the iframe-worker shim come from node_modules
(package-lock.json pins them) and the calculator is zipped from calculator/. They are written into
site/assets/ at build time, never committed. Pyodide is only referenced by the calculator page.
"""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"

# (file in node_modules, path in the site). Pyodide: only the core a standard-library app needs.
VENDORED = [
    ("iframe-worker/shim/index.js", "assets/vendor/iframe-worker/shim.js"),
    *((f"pyodide/{name}", f"assets/pyodide/{name}") for name in
      ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")),
]
CALCULATOR_ZIP = "assets/calculator/calculator.zip"


def zip_calculator(target: Path) -> Path:
    """The calculator package (its .py and data files) as a zip, unpacked by Pyodide in the browser."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted((ROOT / "calculator").rglob("*")):
            if path.suffix in (".py", ".toml"):
                # A fixed timestamp keeps the zip identical from one build to the next.
                info = zipfile.ZipInfo(path.relative_to(ROOT).as_posix(), date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())
    return target


def on_post_build(config):
    # mkdocs-static-i18n runs this once per language with the same site_dir: copying is idempotent.
    site = Path(config["site_dir"])
    for source, target in VENDORED:
        source_path = NODE_MODULES / source
        if not source_path.exists():
            raise FileNotFoundError(f"{source_path} is missing: run `npm ci` (make does this)")
        (site / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source_path, site / target)
    zip_calculator(site / CALCULATOR_ZIP)
