"""deploy/nginx.conf run by a real nginx (Debian's nginx-light, `make hosts`) on the built site: for each kind
of file it sends the same cache rule, security headers, type and compression as `make serve`, and the
site's own 404 page in each language."""
from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from .test_serve import serving

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(built_site, tmp_path_factory):
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: run `make hosts` (Debian's nginx-light)")
    folder = tmp_path_factory.mktemp("nginx")
    port = free_port()
    site_rules = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    site_rules = site_rules.replace("root /var/www/medical-records-guide;", f"root {built_site};")
    site_rules = site_rules.replace("include mime.types;", "include /etc/nginx/mime.types;")
    assert f"root {built_site};" in site_rules
    temp = " ".join(f"{name}_temp_path {folder / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # Run by root (as in CI), nginx would hand its workers to "nobody", who cannot read pytest's folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(
        f"{user}worker_processes 1;\nerror_log {folder / 'error.log'};\npid {folder / 'nginx.pid'};\n"
        "events { worker_connections 64; }\n"
        f"http {{\n access_log off;\n {temp}\n server {{\n  listen 127.0.0.1:{port};\n{site_rules}\n }}\n}}\n",
        encoding="utf-8")
    command = [NGINX, "-c", str(folder / "nginx.conf"), "-p", str(folder), "-g", "daemon off;"]
    check = subprocess.run([*command[:-2], "-t"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    server = subprocess.Popen(command, stderr=subprocess.PIPE)
    for _ in range(50):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    yield port
    server.terminate()
    server.wait(timeout=10)


def head(port: int, path: str) -> dict:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
    response = connection.getresponse()
    response.read()
    connection.close()
    return {"status": response.status, **{name.lower(): value for name, value in response.getheaders()}}


def paths(site: Path) -> list[str]:
    hashed = next(p for p in (site / "assets" / "pyodide").iterdir() if p.name.startswith("snapshot."))
    bundle = next((site / "assets" / "javascripts").glob("bundle.*.min.js"))
    return ["/", "/costs.html", "/es/", "/es/costs.html", f"/assets/pyodide/{hashed.name}", "/assets/pyodide/manifest.js",
            f"/assets/javascripts/{bundle.name}", "/assets/calculator/loader.js", "/assets/stylesheets/guide.css",
            "/search/search_index.json", "/missing.html", "/es/missing.html"]


def test_nginx_sends_what_make_serve_sends(nginx, built_site, tmp_path):
    with serving(built_site, tmp_path / "serve.log") as serve_port:
        for path in paths(built_site):
            ours, theirs = head(serve_port, path), head(nginx, path)
            assert theirs["status"] == ours["status"], path
            for name in ("cache-control", "x-content-type-options", "referrer-policy", "content-encoding"):
                assert theirs.get(name) == ours.get(name), (path, name)
            assert theirs["content-type"].split(";")[0] == ours["content-type"].split(";")[0], path
            assert "frame-ancestors 'none'" in theirs["content-security-policy"], path


def test_nginx_answers_a_missing_page_with_the_sites_own_404_in_its_language(nginx, built_site):
    for path, page in (("/nothing.html", "404.html"), ("/es/nothing.html", "es/404.html")):
        connection = http.client.HTTPConnection("127.0.0.1", nginx, timeout=30)
        connection.request("GET", path)
        response = connection.getresponse()
        assert response.status == 404 and response.read() == (built_site / page).read_bytes()
        connection.close()
