"""The calculator.zip the site ships (made by overrides/snapshot/make_snapshot.mjs) holds every calculator
module compiled by Pyodide's CPython, and no source: a normal start in the browser imports it without
compiling anything. Its data files are the repository's, byte for byte. (The build itself proves that
both starts answer every check request like Pyodide with the sources, and that the normal start imported
each calculator module from its .pyc.)
"""
from __future__ import annotations

import importlib.util
import json
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
from calculator_zip import zip_calculator  # noqa: E402  the sources the build compiles
from python_snapshot import snapshot_dir  # noqa: E402

# The first bytes of a .pyc: the magic number of the CPython that wrote it. Pyodide 314 runs CPython 3.14.
PYODIDE_PYTHON = "3.14"


@pytest.fixture(scope="module")
def zips(tmp_path_factory) -> tuple[zipfile.ZipFile, zipfile.ZipFile]:
    """(the sources' zip, the shipped compiled zip)."""
    sources = zipfile.ZipFile(zip_calculator(tmp_path_factory.mktemp("calculator") / "calculator.zip"))
    shipped = zipfile.ZipFile(snapshot_dir() / "calculator.zip")
    yield sources, shipped
    sources.close()
    shipped.close()


def test_every_module_ships_compiled_and_no_source(zips):
    sources, shipped = zips
    modules = {name for name in sources.namelist() if name.endswith(".py")}
    assert "calculator/boundary.py" in modules
    assert {name for name in shipped.namelist() if name.endswith(".pyc")} == {name + "c" for name in modules}
    assert not [name for name in shipped.namelist() if name.endswith(".py")]


def test_the_modules_are_compiled_by_pyodides_python(zips):
    _, shipped = zips
    facts = json.loads((snapshot_dir() / "snapshot.json").read_text(encoding="utf-8"))
    assert facts["python"].startswith(PYODIDE_PYTHON + ".")
    magics = {shipped.read(name)[:4] for name in shipped.namelist() if name.endswith(".pyc")}
    assert len(magics) == 1
    if sys.version.startswith(PYODIDE_PYTHON + "."):  # a host Python of the same version knows its magic
        assert magics == {importlib.util.MAGIC_NUMBER}


def test_the_data_files_are_the_repositorys(zips):
    sources, shipped = zips
    data = [name for name in sources.namelist() if not name.endswith(".py")]
    assert any(name.endswith(".toml") for name in data) and any(name.endswith(".mo") for name in data)
    assert {name: shipped.read(name) for name in data} == {name: sources.read(name) for name in data}
    assert sorted(shipped.namelist()) == sorted(data + [name + "c" for name in sources.namelist() if name.endswith(".py")])
