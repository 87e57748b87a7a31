"""The host setups in deploy/ send what `make serve` sends (overrides/serve.py): the same security headers,
types, compression and cache rules. Each file is read as text and checked against serve.py's own values,
so neither can change without the other."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
sys.path.insert(0, str(ROOT / "overrides"))
from serve import CACHE_RULES, COMPRESSED_TYPES, HASHED_NAME, SECURITY_HEADERS, TYPES, cache_rule  # noqa: E402

# A meta tag cannot say frame-ancestors; each page's own policy (with its scripts' hashes) is in its meta
# tag, so a static host's header adds only this. serve.py sends the page's policy plus the same words.
HEADER_POLICY = "frame-ancestors 'none'"
SAMPLE_NAMES = {"assets/pyodide/snapshot.9b1adec90bbf.js": "hashed", "assets/javascripts/bundle.a5f9d56c.min.js": "hashed",
                "assets/stylesheets/main.57a0d79d.min.css": "hashed", "costs.html": "html", "es/costs.html": "html",
                "assets/pyodide/manifest.js": "other", "assets/calculator/loader.js": "other"}


def test_serve_itself_sorts_the_sample_names_as_expected():
    for name, kind in SAMPLE_NAMES.items():
        assert cache_rule("/" + name) == CACHE_RULES[kind], name


def nginx_locations(text: str) -> list[tuple[str, dict]]:
    """Each `location MATCH { ... }` with its add_header values."""
    found = []
    for match, body in re.findall(r'location\s+((?:~\s+)?"[^"]+"|[^{"]+?)\s*\{(.*?)\n\}', text, re.S):
        headers = dict(re.findall(r'add_header\s+(\S+)\s+"?([^";]+?)"?\s+always;', body))
        found.append((match.strip().replace('"', ""), headers))
    return found


def nginx_rule_for(text: str, path: str) -> dict:
    """The headers nginx sends for `path`: a ^~ prefix first, then the first regex that matches, else /."""
    locations = nginx_locations(text)
    for match, headers in locations:
        if match.startswith("^~ ") and path.startswith(match[3:]):
            return headers
    for match, headers in locations:
        if match.startswith("~ ") and re.search(match[2:], path):
            return headers
    return dict(locations)["/"]


def test_nginx_sends_the_same_headers_types_compression_and_cache_rules():
    text = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    assert "autoindex off;" in text and "server_tokens off;" in text
    assert f'set $csp "{HEADER_POLICY}";' in text
    for name, kind in SAMPLE_NAMES.items():
        headers = nginx_rule_for(text, "/" + name)
        expected = CACHE_RULES["html"] if name.startswith("es/") else CACHE_RULES[kind]
        assert headers["Cache-Control"] == expected, name
        for header, value in SECURITY_HEADERS.items():
            assert headers[header] == value, (name, header)
        assert headers["Content-Security-Policy"] == "$csp"
    types = dict((ext, kind) for kind, exts in re.findall(r"^\s+(\S+/\S+)\s+([^;]+);", text, re.M) for ext in exts.split())
    for ext in ("js", "mjs"):  # nginx's own mime.types has the others as serve.py sends them
        assert types[ext] == TYPES[f".{ext}"], ext
    gzip_types = set(re.search(r"gzip_types ([^;]+);", text).group(1).split()) | {"text/html"}
    assert set(COMPRESSED_TYPES) <= gzip_types and "gzip_vary on;" in text
    assert "error_page 404 /404.html;" in text and "error_page 404 /es/404.html;" in text


def test_apache_sends_the_same_headers_types_compression_and_cache_rules():
    text = (DEPLOY / "apache.htaccess").read_text(encoding="utf-8")
    assert "Options -Indexes" in text and "ServerSignature Off" in text
    for header, value in {**SECURITY_HEADERS, "Content-Security-Policy": HEADER_POLICY}.items():
        assert f'Header always set {header} "{value}"' in text, header
    default = re.search(r'^  Header set Cache-Control "([^"]+)"', text, re.M).group(1)
    files = dict((pattern, value) for pattern, value in re.findall(
        r'<FilesMatch "([^"]+)">\s*Header set Cache-Control "([^"]+)"', text))
    for name, kind in SAMPLE_NAMES.items():
        rule = default
        for pattern, value in files.items():  # Apache applies every match in order: the last one wins
            if re.search(pattern, name.rsplit("/", 1)[-1]):
                rule = value
        assert rule == CACHE_RULES[kind], name
    assert HASHED_NAME.pattern in files
    types = {ext: kind for kind, exts in re.findall(r"^AddType (\S+) (.+)$", text, re.M) for ext in exts.split()}
    for ext in (".js", ".mjs", ".wasm", ".json"):
        assert types[ext] == TYPES[ext], ext
    deflate = set(re.search(r"AddOutputFilterByType DEFLATE (.+)", text).group(1).split())
    assert set(COMPRESSED_TYPES) <= deflate
    assert "ErrorDocument 404 /404.html" in text


def headers_rules(text: str) -> list[tuple[str, dict]]:
    rules, current = [], None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            current = (line.strip(), {})
            rules.append(current)
        else:
            name, value = line.strip().split(":", 1)
            current[1][name] = value.strip()
    return rules


def _glob(pattern: str) -> re.Pattern:
    return re.compile("^" + ".*".join(re.escape(part) for part in pattern.split("*")) + "$")


@pytest.mark.parametrize("name, kind", SAMPLE_NAMES.items())
def test_netlify_and_cloudflare_headers_send_the_same_rules(name, kind):
    rules = headers_rules((DEPLOY / "_headers").read_text(encoding="utf-8"))
    matching = [headers for pattern, headers in rules if _glob(pattern).match("/" + name)]
    for header, value in {**SECURITY_HEADERS, "Content-Security-Policy": HEADER_POLICY}.items():
        assert [headers[header] for headers in matching if header in headers] == [value], header
    cache = [headers["Cache-Control"] for headers in matching if "Cache-Control" in headers]
    # Matching rules add up on these hosts: at most one Cache-Control for any file. A file no rule names
    # keeps the host's own default (a short one on both), which serve.py's "an hour" stands for.
    assert len(cache) <= 1, name
    assert cache == ([CACHE_RULES[kind]] if kind != "other" else [])


def test_the_github_pages_workflow_builds_with_the_projects_make_and_publishes_site():
    text = (DEPLOY / "github" / "pages.yml").read_text(encoding="utf-8")
    assert "run: make build" in text and "path: site" in text and "actions/deploy-pages@" in text
    assert 'python-version: "3.11"' in text and 'node-version: "20"' in text
