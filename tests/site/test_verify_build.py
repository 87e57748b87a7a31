"""`make verify` (overrides/verify_build.py), its quick parts: a clean clone reuses no build cache, and two
zips that differ are told apart by entry. The two full builds themselves run in `make verify` only (several
minutes), not in `make test`."""
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "overrides"))
from verify_build import CACHE_NAME, NODE_MODULES, clean_clone, differing_entries  # noqa: E402


def test_a_clean_clone_has_every_package_but_no_build_cache(tmp_path):
    clone = clean_clone(tmp_path / "clone")
    assert (clone / "mkdocs.yml").is_file() and (clone / ".venv").is_symlink()
    linked = {path.name for path in (clone / "node_modules").iterdir()}
    assert CACHE_NAME not in linked and "pyodide" in linked
    assert linked == {path.name for path in NODE_MODULES.iterdir()} - {CACHE_NAME}


def test_zips_that_differ_are_named_by_entry(tmp_path):
    def write(path, snapshot):
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("guide/index.html", "same")
            archive.writestr("guide/assets/snapshot.js", snapshot)
        return path
    first, second = write(tmp_path / "a.zip", "one"), write(tmp_path / "b.zip", "two")
    assert differing_entries(first, second) == ["guide/assets/snapshot.js"]
    assert differing_entries(first, write(tmp_path / "c.zip", "one")) == []
