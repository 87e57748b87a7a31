"""The normal start's standard library (stdlib.zip, made by overrides/snapshot/make_snapshot.mjs) holds
every standard library module the calculator's code imports, whether or not a check request reaches it.

make_snapshot.mjs ships only what a traced start imported, plus overrides/snapshot/stdlib-keep.txt. A
module the calculator imports on a path no check request takes would be missing in the browser; this
reads the calculator's imports from its source (every module calculator.boundary reaches) instead.
"""
from __future__ import annotations

import ast
import json
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
from python_snapshot import SNAPSHOT_DIR, snapshot_dir  # noqa: E402

CALCULATOR = ROOT / "calculator"
PYODIDE_STDLIB = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"


def _imports(path: Path) -> tuple[set[str], set[str]]:
    """(absolute module names, sibling module names imported relatively) in one calculator file; for
    `from a import b`, both `a` and `a.b` (b may be a submodule)."""
    absolute, relative = set(), set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            absolute.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            absolute.add(node.module)
            absolute.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 1:
            relative.update([node.module] if node.module else [alias.name for alias in node.names])
    return absolute, relative


def calculator_imports(entry: str = "boundary") -> set[str]:
    """Absolute module names imported by calculator/__init__.py and every calculator module that
    calculator.<entry> reaches through relative imports (what the browser imports; not cli.py)."""
    seen, waiting, found = set(), ["__init__", entry], set()
    while waiting:
        name = waiting.pop()
        if name in seen or not (CALCULATOR / f"{name}.py").exists():
            continue
        seen.add(name)
        absolute, relative = _imports(CALCULATOR / f"{name}.py")
        found |= absolute
        waiting.extend(relative)
    return found


def _module_names(zip_names: list[str], suffix: str) -> set[str]:
    """Module names in a zip of .py or .pyc files: `a/b.py` → a.b, `a/__init__.py` → a."""
    return {name[:-len(suffix)].removesuffix("/__init__").replace("/", ".")
            for name in zip_names if name.endswith(suffix)}


def missing_modules(imported: set[str], shipped: set[str], frozen: set[str], pure_python: set[str]) -> set[str]:
    """The imported names that are pure-Python standard library modules (in Pyodide's own zip) but
    neither shipped nor frozen into the wasm (C modules such as math are always there)."""
    return {name for name in imported if name in pure_python and name not in shipped and name not in frozen}


@pytest.fixture(scope="module")
def built():
    """(modules in the built stdlib.zip, frozen modules, pure-Python modules of Pyodide's stdlib)."""
    folder = snapshot_dir()
    with zipfile.ZipFile(folder / "stdlib.zip") as archive:
        shipped = _module_names(archive.namelist(), ".pyc")
    frozen = set(json.loads((folder / "snapshot.json").read_text(encoding="utf-8"))["frozen"])
    with zipfile.ZipFile(PYODIDE_STDLIB) as archive:
        pure_python = _module_names(archive.namelist(), ".py")
    return shipped, frozen, pure_python


def test_every_module_the_calculator_imports_is_shipped(built):
    shipped, frozen, pure_python = built
    imported = calculator_imports()
    assert {"tomllib", "decimal", "json"} <= imported  # the scan finds the calculator's imports
    assert missing_modules(imported, shipped, frozen, pure_python) == set()


def test_the_check_finds_a_module_left_out(built):
    shipped, frozen, pure_python = built
    assert missing_modules(calculator_imports(), shipped - {"tomllib"}, frozen, pure_python) == {"tomllib"}


def test_the_keep_list_is_shipped(built):
    shipped, frozen, _ = built
    keep = [line.split("#")[0].strip() for line in (SNAPSHOT_DIR / "stdlib-keep.txt").read_text().splitlines()]
    keep = [name for name in keep if name]
    assert "gettext" in keep
    assert [name for name in keep if name not in shipped and name not in frozen] == []


def test_only_traced_modules_are_shipped(built):
    """Not the whole library: no module the calculator and Pyodide's start never import."""
    shipped, _, pure_python = built
    assert not {"argparse", "ssl", "lzma", "unittest", "email", "http.client"} & shipped
    assert len(shipped) < len(pure_python) / 3
