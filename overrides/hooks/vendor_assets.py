"""Build hook: put third-party browser files and the calculator package into the site.

Nothing is loaded from another host: Pyodide and the iframe-worker shim come from node_modules
(package-lock.json pins them) and the calculator is zipped from calculator/. They are written into
site/assets/ at build time, never committed. Pyodide is only referenced by the calculator page.
"""
from __future__ import annotations

import base64
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
# For a copy opened from a folder (file://), where a browser refuses fetch, workers and module files:
# each file again as base64 inside a classic script, which file:// pages may load. Only the calculator
# page asks for them, and only on file://.
OFFLINE_DIR = "assets/calculator/offline"
OFFLINE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]


def write_offline_script(source: Path, target_dir: Path) -> None:
    """`source` as base64 in `target_dir/<name>.js`, which adds it to self.calculatorFiles."""
    payload = base64.b64encode(source.read_bytes()).decode("ascii")
    target_dir.mkdir(parents=True, exist_ok=True)
    (target_dir / f"{source.name}.js").write_text(
        f'(self.calculatorFiles = self.calculatorFiles || {{}})["{source.name}"] = "{payload}";\n',
        encoding="ascii")


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
    for name in OFFLINE_FILES:
        write_offline_script(NODE_MODULES / "pyodide" / name, site / OFFLINE_DIR)
    write_offline_script(site / CALCULATOR_ZIP, site / OFFLINE_DIR)
