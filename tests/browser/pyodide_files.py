"""The calculator's Pyodide files as the build ships them (assets/pyodide/, format in
overrides/hooks/vendor_assets.py), for tests that read one or serve a changed one in its place."""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "overrides" / "hooks"))
from vendor_assets import PYODIDE_SITE_DIR, data_bytes, data_script, read_manifest  # noqa: E402  the build's own encoder and reader

# Runs first in a page: the browser asks to save data, so the loader takes the normal start (no snapshot).
SAVE_DATA = "Object.defineProperty(navigator, 'connection', { value: { saveData: true, downlink: 10 } });"


manifest = read_manifest  # the manifest a built site's manifest.js holds


def shipped_bytes(site: Path, name: str) -> bytes:
    """The bytes of a shipped data file (`calculator.zip`, `snapshot`, …), decoded from its script."""
    entry = manifest(site)["files"][name]
    return data_bytes((site / PYODIDE_SITE_DIR / entry["url"]).read_text(encoding="ascii"), entry)


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
