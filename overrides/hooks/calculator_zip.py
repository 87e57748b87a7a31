"""The calculator package as the zip Pyodide unpacks: shared by the build hooks that ship it
(vendor_assets.py) and snapshot it (python_snapshot.py), and by the Pyodide tests. Not a hook itself."""
from __future__ import annotations

import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def zip_calculator(target: Path) -> Path:
    """The calculator package (its .py, data files and compiled translations) as a zip, unpacked by Pyodide in the browser."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted((ROOT / "calculator").rglob("*")):
            # The compiled catalogs (.mo) are what the calculator reads; their .po and .pot are for translators.
            if path.suffix in (".py", ".toml", ".mo"):
                # A fixed timestamp keeps the zip identical from one build to the next.
                info = zipfile.ZipInfo(path.relative_to(ROOT).as_posix(), date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())
    return target
