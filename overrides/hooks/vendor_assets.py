"""Build hook: put third-party browser files, the calculator and its Pyodide snapshot into the site.

Nothing is loaded from another host: Pyodide and the iframe-worker shim come from node_modules
(package-lock.json pins them), and the calculator (compiled to .pyc), the snapshot and the
precompiled standard library come from python_snapshot.py. They are written into site/assets/ at build
time, never committed. Only pages that run Python (the calculator page) reference them.

Pyodide's files are in one format that serves both a web server and a folder opened from file://
(where browsers refuse fetch, workers from files and module scripts, but run classic scripts), so the
site and the offline zip carry them once, in assets/pyodide/:

- code (pyodide.js, pyodide.asm.js): a classic script that stores the file's code as a function,
  `self.calculatorCode[name] = function (importMetaURL) { …; return <its export>; }`. A worker runs it
  with importScripts over http; from a folder the page loads it and hands its source text
  (Function.prototype.toString) to a blob: worker.
- data (the wasm, the snapshot, the standard library zips, calculator.zip, its modules compiled by
  python_snapshot.py): gzip, then base64 in a
  classic script, `self.calculatorFiles[name] = "…"`. Over http the worker fetches it and decodes it as
  it streams in (progress in bytes, no server setting needed); from a folder the page loads the script.
- manifest.js: `self.calculatorManifest`, each file's name on disk (with a hash of its content, so a
  browser never mixes two builds), its size, and what the loader needs to know about the snapshot.
"""
from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

import zopfli.gzip  # a build dependency (requirements.txt), not a browser one
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from iframe_worker import fixed_frame_shim  # noqa: E402  the shim's frame script, named by the offline policy
from python_snapshot import snapshot_dir  # noqa: E402  the snapshot and .pyc library it ships

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
PYODIDE = NODE_MODULES / "pyodide"

IFRAME_WORKER_SHIM = "iframe-worker/shim/index.js"
VENDORED = [(IFRAME_WORKER_SHIM, "assets/vendor/iframe-worker/shim.js")]
PYODIDE_SITE_DIR = "assets/pyodide"

# content hash → (file name, script, manifest entry): each file is packed once per build process
_packed: dict[str, tuple[str, bytes, dict]] = {}


def code_script(name: str, source: str, export: str) -> str:
    """`source` (a script or an ES module without imports) as a function stored in self.calculatorCode."""
    body = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", source)
    return (f'(self.calculatorCode = self.calculatorCode || {{}})["{name}"] = function (importMetaURL) {{\n'
            f'"use strict";\n{body}\nreturn {export};\n}};\n')


def pyodide_asm_script() -> str:
    """pyodide.asm.mjs (Emscripten's ES module) as a classic script: its `import.meta.url` becomes the
    function's argument and its `export default` the function's result. Checked, so a new Pyodide whose
    module looks different stops the build instead of breaking in the browser."""
    source = (PYODIDE / "pyodide.asm.mjs").read_text(encoding="utf-8")
    exports = re.findall(r"export default (\w+);", source)
    if len(exports) != 1 or not source.rstrip().endswith(f"export default {exports[0]};") \
            or source.count("import.meta") != source.count("import.meta.url") \
            or re.search(r"^\s*import\s", source, re.M):
        raise PluginError("pyodide.asm.mjs no longer has the shape vendor_assets.py expects (one `export default` at its end, "
                          "`import.meta.url` only, no static import)")
    source = source.replace(f"export default {exports[0]};", "").replace("import.meta.url", "importMetaURL")
    return code_script("pyodide.asm.js", source, exports[0])


def pyodide_loader_script() -> str:
    """pyodide.js (the npm package's classic build, which sets a global loadPyodide) as a code script."""
    source = (PYODIDE / "pyodide.js").read_text(encoding="utf-8")
    if "var loadPyodide=" not in source:
        raise PluginError("pyodide.js no longer declares `var loadPyodide`: check vendor_assets.py")
    return code_script("pyodide.js", source, "loadPyodide.loadPyodide")


ZOPFLI_CACHE = NODE_MODULES / ".cache" / "zopfli"
# The pinned wasm is the largest file of every start: zopfli packs it 114 kB (3%) smaller than gzip -9,
# half a second at 1.6 Mbps, in about 15 s of build time, once (cached by its content). The normal
# start's standard library is the next largest file of the slow-link start, then the calculator (its
# compiled modules: zopfli 4% smaller than gzip -9, 12 kB).
ZOPFLI_FILES = {"pyodide.asm.wasm", "stdlib.zip", "calculator.zip"}


def zopfli_gzip(data: bytes) -> bytes:
    """`data` as gzip made by zopfli (dated 1970, as gzip.compress(mtime=0)), from the cache when it was
    made before (zopfli gives the same bytes for the same input)."""
    cached = ZOPFLI_CACHE / f"{hashlib.sha256(data).hexdigest()}.gz"
    if not cached.exists():
        ZOPFLI_CACHE.mkdir(parents=True, exist_ok=True)
        # Written beside the cache, then renamed: a build running at the same time never reads half a file.
        with tempfile.NamedTemporaryFile(dir=ZOPFLI_CACHE, prefix="making-", delete=False) as work:
            work.write(zopfli.gzip.compress(data, numiterations=1))
        Path(work.name).replace(cached)
    return cached.read_bytes()


def data_script(name: str, data: bytes) -> tuple[str, int]:
    """`data` gzipped (dated 1970, so the same bytes every build), as base64 in a classic script;
    and how many characters come before the base64."""
    prefix = f'(self.calculatorFiles = self.calculatorFiles || {{}})["{name}"] = "'
    packed = zopfli_gzip(data) if name in ZOPFLI_FILES else gzip.compress(data, compresslevel=9, mtime=0)
    payload = base64.b64encode(packed).decode("ascii")
    return f'{prefix}{payload}";\n', len(prefix)


def hashed_name(name: str, script: str) -> str:
    """`pyodide.asm.wasm` → `pyodide.asm.wasm.1a2b3c4d5e6f.js`: a new content is a new address."""
    return f"{name}.{hashlib.sha256(script.encode('ascii')).hexdigest()[:12]}.js"


# 500 kB within 400 ms: about 10 Mbps (see the manifest's "probe" below).
LINK_PROBE = {"bytes": 500000, "ms": 400}
_EVERY_START = ["pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "calculator.zip"]
STARTS = {"snapshot": [*_EVERY_START, "snapshot", "leftovers.zip"], "normal": [*_EVERY_START, "stdlib.zip"]}


def write_pyodide_files(site_dir: Path, snapshot: Path) -> dict:
    """Write every file the loader reads, and manifest.js, into site_dir; return the manifest."""
    target = site_dir / PYODIDE_SITE_DIR
    target.mkdir(parents=True, exist_ok=True)
    snapshot_facts = json.loads((snapshot / "snapshot.json").read_text(encoding="utf-8"))
    lock = json.loads((PYODIDE / "pyodide-lock.json").read_text(encoding="utf-8"))
    files = {}
    sources = {
        "pyodide.js": pyodide_loader_script,
        "pyodide.asm.js": pyodide_asm_script,
        "pyodide.asm.wasm": lambda: (PYODIDE / "pyodide.asm.wasm").read_bytes(),
        "snapshot": lambda: (snapshot / "snapshot.xor").read_bytes(),
        "leftovers.zip": lambda: (snapshot / "leftovers.zip").read_bytes(),
        "stdlib.zip": lambda: (snapshot / "stdlib.zip").read_bytes(),
        "calculator.zip": lambda: (snapshot / "calculator.zip").read_bytes(),
    }
    for name, read in sources.items():
        content = read()
        key = hashlib.sha256(name.encode() + b"\0" + (content.encode() if isinstance(content, str) else content)).hexdigest()
        if key not in _packed:
            if isinstance(content, str):
                script, entry = content, {}
            else:
                script, prefix = data_script(name, content)
                entry = {"bytes": len(content), "prefix": prefix}
            _packed[key] = (hashed_name(name, script), script.encode("ascii"), entry)
        file_name, script_bytes, entry = _packed[key]
        (target / file_name).write_bytes(script_bytes)
        if "wire" not in entry:  # its size as a compressing server sends it (serve.py: gzip level 9)
            entry["wire"] = len(gzip.compress(script_bytes, compresslevel=9, mtime=0))
        files[name] = {"url": file_name, "chars": len(script_bytes), **entry}
    manifest = {
        "files": files,
        "snapshot": {"headerBytes": snapshot_facts["headerBytes"], "heapBytes": snapshot_facts["heapBytes"]},
        # Which files each start downloads (as loader.js fetches them): the guide pages' warm start
        # (assets/javascripts/warm-start.js) fetches the snapshot start's ahead of time.
        "starts": STARTS,
        # The link test loader.js runs on the first bytes of every start over http ("auto"): the
        # snapshot start if this many bytes arrive (counted on the wire) within this many ms, else the
        # normal start. The snapshot start downloads about 2.7 MB more and starts about 1 s sooner on
        # this project's 2-core test machine (`make bench`): worth it from roughly 10 Mbps up. Here, in
        # the manifest, so a test can pin the choice by serving another manifest: no test code ships.
        "probe": LINK_PROBE,
        # No lock file download: a standard-library app needs only its "info" (Pyodide and Python versions).
        "lockInfo": lock["info"],
    }
    (target / "manifest.js").write_text(
        f"self.calculatorManifest = {json.dumps(manifest, sort_keys=True)};\n", encoding="ascii")
    return manifest


def on_post_build(config):
    # mkdocs-static-i18n runs this once per language with the same site_dir: writing is idempotent.
    site = Path(config["site_dir"])
    for source, target in VENDORED:
        source_path = NODE_MODULES / source
        if not source_path.exists():
            raise FileNotFoundError(f"{source_path} is missing: run `npm ci` (make does this)")
        (site / target).parent.mkdir(parents=True, exist_ok=True)
        if source == IFRAME_WORKER_SHIM:  # its frame script made fixed, for the offline policy's hash
            (site / target).write_text(fixed_frame_shim(source_path.read_text(encoding="utf-8")), encoding="utf-8")
        else:
            shutil.copyfile(source_path, site / target)
    write_pyodide_files(site, snapshot_dir())
