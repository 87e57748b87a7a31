"""Build hook: every page's Content-Security-Policy, with the sha256 of each inline script on it.

Material writes a few small inline scripts into each page (`__md_scope`/`__md_get`, the tabbed-content
anchor fix) and the calculator page adds `self.calculatorWorker = self.Worker;`. Allowing them all
with 'unsafe-inline' would also let an injected script run, so the policy names each one by its hash,
computed from the page exactly as written. No blob: either: over http nothing needs it.

overrides/main.html writes a placeholder policy that blocks everything; after each build this hook
replaces it in every HTML file (pages and the 404 pages alike). `make serve` sends the same policy as a
header (overrides/serve.py), and only the offline copy relaxes it for file:// (overrides/offline_copy.py).
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# Written by overrides/main.html; left in place (a page this hook missed) it blocks every script.
PLACEHOLDER = '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
# Scripts only from this site, plus 'wasm-unsafe-eval' for Pyodide; styles may be inline (Material sets
# style attributes); no outside host at all, no plugin, no <base>, and forms that can never be sent.
POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "worker-src": ["'self'"],
    "connect-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'none'"],
}
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
# Script types a browser runs; any other (Material's `application/json` config) is data, not code.
_EXECUTED_TYPES = {"", "text/javascript", "application/javascript", "module"}


def inline_script_hashes(html: str) -> list[str]:
    """The CSP source ('sha256-…') of every inline script in `html` that a browser would run, sorted."""
    hashes = set()
    for match in _SCRIPT.finditer(html):
        attributes, body = match.groups()
        script_type = _TYPE.search(attributes)
        if _SRC.search(attributes) or (script_type and script_type.group(1).lower() not in _EXECUTED_TYPES):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


def policy_text(extra: dict[str, list[str]] | None = None) -> str:
    """POLICY as a header value, with `extra` sources added to their directives (e.g. script hashes)."""
    directives = {name: [*sources, *(extra or {}).get(name, [])] for name, sources in POLICY.items()}
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def page_policy(html: str) -> str | None:
    """The policy a built page carries in its meta tag, or None if it has none."""
    match = META.search(html)
    return match.group(1) if match else None


def with_policy(html: str) -> str:
    """`html` with its placeholder replaced by POLICY plus the hashes of its own inline scripts."""
    if html.count(PLACEHOLDER) != 1:
        raise PluginError("a page has no Content-Security-Policy placeholder: does it extend main.html?")
    policy = policy_text({"script-src": inline_script_hashes(html)})
    return html.replace(PLACEHOLDER, f'<meta http-equiv="Content-Security-Policy" content="{policy}">')


@event_priority(-100)  # after every other hook and plugin has written its HTML (the 404 pages too)
def on_post_build(config):
    # mkdocs-static-i18n runs this after each language's build: pages already done have no placeholder.
    for path in sorted(Path(config["site_dir"]).rglob("*.html")):
        html = path.read_bytes().decode("utf-8")  # bytes: the hashes must match the file exactly
        if PLACEHOLDER in html:
            path.write_bytes(with_policy(html).encode("utf-8"))
        elif page_policy(html) is None:
            raise PluginError(f"{path.name} has no Content-Security-Policy: does it extend main.html?")
