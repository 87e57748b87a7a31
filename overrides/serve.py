"""`make serve`: the built site over http on 127.0.0.1, with the types the calculator needs.

Python's http.server guesses types from the operating system, which may not know .mjs or may send
.js as text/plain (a Windows registry setting). Pyodide then hangs or fails: set them here.
"""
from __future__ import annotations

import functools
import http.server
import sys
from pathlib import Path

TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
         ".json": "application/json", ".zip": "application/zip", ".css": "text/css",
         ".html": "text/html", ".svg": "image/svg+xml"}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 8000
    if not (site / "index.html").exists():
        raise SystemExit(f"{site} is not built: run `make build` first")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=str(site)))
    print(f"Serving the guide at http://127.0.0.1:{port} (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
