"""Build hook: the Pyodide memory snapshot the calculator starts from, made once per set of inputs.

overrides/snapshot/make_snapshot.mjs (Node, the pinned npm `pyodide`) imports the calculator into a
fresh Pyodide, takes a memory snapshot, compiles the calculator and the standard library modules it
uses to .pyc, and fails unless a start from the snapshot and a start from the .pyc files answer every
request in overrides/snapshot/check_requests.json byte for byte like a normal start. This hook runs it before the
pages are built, so a bad snapshot stops the build, and `vendor_assets.py` ships what it made.

make_snapshot.mjs feeds Pyodide repeatable randomness and a stopped clock, so the same inputs give the
same snapshot byte for byte, on any machine and from a clean checkout (`make verify` checks this). The
result is cached under node_modules/.cache/ by a hash of everything it reads only to save the 15 s.
"""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT_DIR = ROOT / "overrides" / "snapshot"
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
CACHE = ROOT / "node_modules" / ".cache" / "calculator-snapshot"
# What make_snapshot.mjs reads besides the calculator: the pinned Pyodide, the script, its requests and
# the list of standard library modules to keep.
INPUTS = [PYODIDE_DIR / name for name in ("package.json", "pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm",
                                          "python_stdlib.zip", "pyodide-lock.json")] + \
         [SNAPSHOT_DIR / "make_snapshot.mjs", SNAPSHOT_DIR / "check_requests.json", SNAPSHOT_DIR / "stdlib-keep.txt"]
OUTPUTS = ("snapshot.xor", "snapshot.json", "stdlib.zip", "leftovers.zip", "calculator.zip")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from calculator_zip import zip_calculator  # noqa: E402  the same calculator.zip the site ships


def inputs_hash(calculator_zip: bytes) -> str:
    """sha256 over every input of make_snapshot.mjs, the calculator's zip included."""
    digest = hashlib.sha256()
    for path in INPUTS:
        if not path.exists():
            raise PluginError(f"{path} is missing: run `npm ci` (make does this)")
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    digest.update(b"calculator.zip\0" + hashlib.sha256(calculator_zip).digest())
    return digest.hexdigest()


def snapshot_dir() -> Path:
    """The folder holding OUTPUTS for today's inputs: from the cache, or made now (about 15 s)."""
    with tempfile.TemporaryDirectory() as scratch:
        calculator_zip = zip_calculator(Path(scratch) / "calculator.zip")
        target = CACHE / inputs_hash(calculator_zip.read_bytes())
        if all((target / name).exists() for name in OUTPUTS):
            return target
        # Written beside the cache, then renamed: a build running at the same time never sees half a snapshot.
        CACHE.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(dir=CACHE, prefix="making-"))
        try:
            result = subprocess.run(["node", str(SNAPSHOT_DIR / "make_snapshot.mjs"), str(calculator_zip),
                                     str(SNAPSHOT_DIR / "check_requests.json"), str(SNAPSHOT_DIR / "stdlib-keep.txt"),
                                     str(work)],
                                    cwd=ROOT, capture_output=True, text=True, timeout=600)
            if result.returncode != 0:
                raise PluginError(f"the calculator's Pyodide snapshot failed its build check:\n"
                                  f"{result.stderr[-4000:]}")
            try:
                work.rename(target)
            except OSError:  # another build made it first: theirs is as good
                pass
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return target


def on_pre_build(config):
    # Before any page is rendered, so a snapshot that fails its check stops the build at once.
    # mkdocs-static-i18n runs this once per language: the second time the cache answers.
    snapshot_dir()
