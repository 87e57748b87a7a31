"""`make offline`: the zip for libraries unpacks to a folder where the guide and calculator work."""
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "overrides"))

from offline_copy import FOLDER, write_offline_zip  # noqa: E402

from .pyodide_files import manifest, shipped_bytes  # noqa: E402


def test_the_unzipped_copy_answers_from_a_folder(built_site, tmp_path, page):
    archive = write_offline_zip(built_site, tmp_path / "offline.zip")
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(tmp_path / "unzipped")
    folder = tmp_path / "unzipped" / FOLDER
    readme = (folder / "README-LIBRARY-STAFF.txt").read_text(encoding="utf-8")
    assert "Firefox" in readme and "Safari" in readme and "Español" in readme
    assert "application/wasm" not in readme  # no server setting is needed any more
    # Pyodide is carried once, in the one format both http and file:// read.
    wasm_copies = [path.name for path in folder.rglob("*") if path.name.startswith("pyodide.asm.wasm")]
    assert len(wasm_copies) == 1 and wasm_copies[0].endswith(".js"), wasm_copies
    # The files the site packs with xz (for a slow link) are gzip here (no byte travels from a folder,
    # and the browser unpacks gzip itself): the same bytes inside, and no file of the site's left over.
    site_files, copy_files = manifest(built_site)["files"], manifest(folder)["files"]
    repacked = [name for name, entry in site_files.items() if entry.get("packing") == "xz"]
    assert {"pyodide.asm.wasm", "stdlib.zip", "calculator.zip"} <= set(repacked)
    assert all(entry.get("packing") != "xz" for entry in copy_files.values())
    for name in repacked:
        assert shipped_bytes(folder, name) == shipped_bytes(built_site, name)
        assert not (folder / "assets" / "pyodide" / site_files[name]["url"]).exists()
    page.goto((folder / "es" / "calculator.html").as_uri())
    page.wait_for_selector("#calc-app[data-state=ready]", state="attached", timeout=40000)
    page.fill("#deadline-date", "2025-06-16")
    page.click("form[data-kind=deadline] button[type=submit]")
    page.locator("form[data-kind=deadline] + .calc-result", has_text="miércoles 9 de julio de 2025").wait_for()
