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
  python_snapshot.py): packed (xz for the files every slow-link start needs, gzip for the snapshot),
  then base64 in a classic script, `self.calculatorFiles[name] = "…"`. Over http the worker fetches it
  and unpacks it as it streams in (progress in bytes, no server setting needed); from a folder the page
  loads the script.
- manifest.js: `self.calculatorManifest`, each file's name on disk (with a hash of its content, so a
  browser never mixes two builds), its size and packing, the xz decoder (a 12 kB wasm from the pinned
  xz-decompress package), and what the loader needs to know about the snapshot.
"""
from __future__ import annotations

import base64
import gzip
import hashlib
import json
import lzma
import re
import shutil
import sys
import tempfile
from pathlib import Path

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


XZ_DECODER = NODE_MODULES / "xz-decompress" / "dist" / "package" / "xz-decompress.js"
PACKED_CACHE = NODE_MODULES / ".cache" / "xz"
# The files of the normal start, the one a slow link gets, are packed with xz (LZMA2), which the browser
# cannot unpack itself: the worker runs xz-embedded's small wasm decoder (XZ_DECODER) on them as they
# stream in. On the pinned files xz is far smaller than the best gzip (zopfli): the wasm 3.44 → 2.64 MB,
# the standard library 0.66 → 0.50 MB, the calculator 0.42 → 0.26 MB: 1.1 MB, about 5.6 s at 1.6 Mbps.
# Unpacking costs about 0.2 s of one core for the wasm, overlapped with its download. The snapshot stays
# gzip (the browser's own, fast unpacking): its start is for fast links, where 31 MB of xz would cost
# more time to unpack than its smaller download saves.
XZ_FILES = {"pyodide.asm.wasm", "stdlib.zip", "calculator.zip"}
XZ_DECODER_EXPORTS = (b"memory", b"create_context", b"destroy_context", b"supply_input", b"get_next_output")


def xz_decoder_wasm() -> str:
    """xz-embedded compiled to wasm, as base64, from the pinned xz-decompress package (which carries it as
    a data: URL inside its script). Checked, so a new version that looks different stops the build."""
    found = re.findall(r'"data:application/wasm;base64,([A-Za-z0-9+/=]+)"', XZ_DECODER.read_text(encoding="utf-8"))
    if len(found) != 1:
        raise PluginError(f"{XZ_DECODER} no longer carries one wasm data: URL: check vendor_assets.py")
    wasm = base64.b64decode(found[0])
    # loader.js calls these exports, with the context layout of xz-decompress's own XzContext.
    if not wasm.startswith(b"\0asm") or not all(name in wasm for name in XZ_DECODER_EXPORTS):
        raise PluginError(f"{XZ_DECODER}'s wasm no longer exports {', '.join(name.decode() for name in XZ_DECODER_EXPORTS)}")
    return found[0]


def xz_pack(data: bytes) -> bytes:
    """`data` as an .xz stream (LZMA2 at its strongest, a dictionary just big enough for `data`, so the
    decoder allocates no more memory than it needs; CRC32 check), from the cache when it was made before
    (the same liblzma gives the same bytes for the same input)."""
    cached = PACKED_CACHE / f"{hashlib.sha256(data).hexdigest()}.xz"
    if not cached.exists():
        dictionary = 4096
        while dictionary < len(data):
            dictionary *= 2
        filters = [{"id": lzma.FILTER_LZMA2, "preset": 9 | lzma.PRESET_EXTREME, "dict_size": dictionary}]
        PACKED_CACHE.mkdir(parents=True, exist_ok=True)
        # Written beside the cache, then renamed: a build running at the same time never reads half a file.
        with tempfile.NamedTemporaryFile(dir=PACKED_CACHE, prefix="making-", delete=False) as work:
            work.write(lzma.compress(data, format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC32, filters=filters))
        Path(work.name).replace(cached)
    return cached.read_bytes()


def packing(name: str) -> str:
    """How the data file `name` is packed: "xz" or "gzip" (what loader.js unpacks it with)."""
    return "xz" if name in XZ_FILES else "gzip"


def data_script(name: str, data: bytes, packed_with: str | None = None) -> tuple[str, int]:
    """`data` packed (as packing(name) says, unless `packed_with` says "xz" or "gzip"; gzip dated 1970,
    so the same bytes every build), as base64 in a classic script; and how many characters come before
    the base64."""
    prefix = f'(self.calculatorFiles = self.calculatorFiles || {{}})["{name}"] = "'
    how = packed_with or packing(name)
    packed = xz_pack(data) if how == "xz" else gzip.compress(data, compresslevel=9, mtime=0)
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
                entry = {"bytes": len(content), "prefix": prefix, "packing": packing(name)}
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
        # The files packed with xz are unpacked by this wasm (base64), compiled by the worker once.
        "xzDecoder": xz_decoder_wasm(),
        # The link test loader.js runs on the first bytes of every start over http ("auto"): the
        # snapshot start if this many bytes arrive (counted on the wire) within this many ms, else the
        # normal start. The snapshot start downloads about 2.7 MB more and starts about 1 s sooner on
        # this project's 2-core test machine (`make bench`): worth it from roughly 10 Mbps up. Here, in
        # the manifest, so a test can pin the choice by serving another manifest: no test code ships.
        "probe": LINK_PROBE,
        # No lock file download: a standard-library app needs only its "info" (Pyodide and Python versions).
        "lockInfo": lock["info"],
    }
    (target / "manifest.js").write_text(manifest_script(manifest), encoding="ascii")
    return manifest


def manifest_script(manifest: dict) -> str:
    """manifest.js: the manifest as the classic script loader.js and warm-start.js read."""
    return f"self.calculatorManifest = {json.dumps(manifest, sort_keys=True)};\n"


def data_bytes(script: str, entry: dict) -> bytes:
    """The bytes a data file's script (data_script) holds, unpacked as its manifest entry says."""
    packed = base64.b64decode(script[entry["prefix"]:script.rindex('"')])
    return lzma.decompress(packed, format=lzma.FORMAT_XZ) if entry.get("packing") == "xz" else gzip.decompress(packed)


def read_manifest(site_dir: Path) -> dict:
    """The manifest a built site's manifest.js holds."""
    text = (site_dir / PYODIDE_SITE_DIR / "manifest.js").read_text(encoding="ascii")
    return json.loads(text[text.index("{"):text.rindex("}") + 1])


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
