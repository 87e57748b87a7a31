"""`make serve`: the built site over http on 127.0.0.1, with the types and headers the guide needs.

Python's http.server guesses types from the operating system, which may not know .mjs or may send
.js as text/plain (a Windows registry setting). Pyodide then hangs or fails: set them here.
On top of http.server it sends each page's Content-Security-Policy as a header (adding
frame-ancestors 'none', which a meta policy cannot carry), nosniff and no-referrer; never lists a
folder; answers a missing file with the site's own 404 page (Spanish under /es/); names no Python
version; and answers a path it cannot read (a NUL byte, a control character) with 400, not a traceback.
"""
from __future__ import annotations

import functools
import http.server
import os
import sys
import urllib.parse
from http import HTTPStatus
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "hooks"))
from content_security_policy import page_policy, policy_text  # noqa: E402  the build's own policy

TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
         ".json": "application/json", ".zip": "application/zip", ".css": "text/css",
         ".html": "text/html", ".svg": "image/svg+xml"}
# Sent with every response; the policy itself is added per file (see _policy_for).
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
NOT_FOUND_PAGES = {"es": "es/404.html", "en": "404.html"}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}
    server_version = "medical-records-guide"
    sys_version = ""  # http.server would add "Python/3.11.x" to the Server header

    def version_string(self) -> str:
        return self.server_version

    def send_head(self):
        try:
            path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path, errors="strict")
            if any(ord(char) < 32 or ord(char) == 127 for char in path):
                self.send_error(HTTPStatus.BAD_REQUEST, "Bad path")
                return None
            self._policy = self._policy_for(self.translate_path(self.path))
            return super().send_head()
        except ValueError:  # not UTF-8, a lone surrogate, an unreadable URL: no file has such a name
            self.send_error(HTTPStatus.BAD_REQUEST, "Bad path")
            return None

    def list_directory(self, path):
        self.send_error(HTTPStatus.NOT_FOUND, "File not found")
        return None

    def send_error(self, code, message=None, explain=None):
        """A missing file gets the site's own 404 page in the path's language; other errors, http.server's."""
        page = self._not_found_page() if code == HTTPStatus.NOT_FOUND else None
        if page is None:
            self._policy = policy_text()
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self._policy = page_policy(body.decode("utf-8")) or policy_text()
        self.send_response(code, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self):
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        policy = getattr(self, "_policy", None) or policy_text()
        self.send_header("Content-Security-Policy", f"{policy}; frame-ancestors 'none'")
        super().end_headers()

    def _policy_for(self, target: str) -> str:
        """An HTML page's own policy (its meta tag, with its script hashes); for anything else, the
        site's policy without hashes, which a worker script started from this file runs under."""
        # os.path, not pathlib: isdir/isfile say False for a name too long, where Path.is_dir raises.
        page = os.path.join(target, "index.html") if os.path.isdir(target) else target
        if page.endswith(".html") and os.path.isfile(page):
            return page_policy(Path(page).read_text(encoding="utf-8")) or policy_text()
        return policy_text()

    def _not_found_page(self) -> Path | None:
        path = urllib.parse.urlsplit(getattr(self, "path", "") or "").path
        lang = "es" if path == "/es" or path.startswith("/es/") else "en"
        for candidate in (NOT_FOUND_PAGES[lang], NOT_FOUND_PAGES["en"]):
            page = Path(self.directory) / candidate
            if page.is_file():
                return page
        return None


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 8000
    if not (site / "index.html").exists():
        raise SystemExit(f"{site} is not built: run `make build` first")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=str(site)))
    print(f"Serving the guide at http://127.0.0.1:{server.server_address[1]} (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
