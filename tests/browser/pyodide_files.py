"""The calculator's Pyodide files as the build ships them (assets/pyodide/, format in
overrides/hooks/vendor_assets.py), for tests that read one or serve a changed one in its place."""
from __future__ import annotations

import base64
import gzip
import json
import lzma
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "overrides" / "hooks"))
from vendor_assets import data_script  # noqa: E402  the build's own encoder

# Runs first in a page: the browser asks to save data, so the loader takes the normal start (no snapshot).
SAVE_DATA = "Object.defineProperty(navigator, 'connection', { value: { saveData: true, downlink: 10 } });"


def manifest(site: Path) -> dict:
    text = (site / "assets" / "pyodide" / "manifest.js").read_text(encoding="ascii")
    return json.loads(text[text.index("{"):text.rindex("}") + 1])


def shipped_bytes(site: Path, name: str) -> bytes:
    """The bytes of a shipped data file (`calculator.zip`, `snapshot`, …), decoded from its script."""
    entry = manifest(site)["files"][name]
    script = (site / "assets" / "pyodide" / entry["url"]).read_text(encoding="ascii")
    packed = base64.b64decode(script[entry["prefix"]:script.rindex('"')])
    return lzma.decompress(packed, format=lzma.FORMAT_XZ) if entry["packing"] == "xz" else gzip.decompress(packed)


def serve_changed_file(page, site: Path, name: str, data: bytes) -> None:
    """Make `page` get `data` in place of the shipped file `name`, with a manifest that says its size."""
    described = manifest(site)
    entry = described["files"][name]
    script, prefix = data_script(name, data)
    described["files"][name] = {**entry, "bytes": len(data), "chars": len(script), "prefix": prefix}
    page.route(f"**/assets/pyodide/{entry['url']}",
               lambda route: route.fulfill(body=script, content_type="text/javascript"))
    page.route("**/assets/pyodide/manifest.js", lambda route: route.fulfill(
        body=f"self.calculatorManifest = {json.dumps(described)};\n", content_type="text/javascript"))
