"""Shared fixtures: one strict build of the site per test run, served over http, and Debian's Chromium.

Browser tests use pytest-playwright's `page`/`browser` fixtures; `browser_type_launch_args` points them at
/usr/bin/chromium (Playwright cannot download its own browser here).
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without these, Chromium tries to reach Google's hosts at start, and this machine has no network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The guide built once with `mkdocs build --strict` into a temporary folder."""
    site = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return site


@pytest.fixture(scope="session")
def library_site(tmp_path_factory) -> Path:
    """The guide built as a library's shared computer has it: `library_mode: true` in mkdocs.yml, and
    a few seconds (0.1 minute) without use before the letters page clears itself. The changed config
    goes in on standard input, so its paths still resolve from the project's folder."""
    site = tmp_path_factory.mktemp("library-site")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    changed = config.replace("\n  library_mode: false\n", "\n  library_mode: true\n").replace(
        "\n  library_idle_minutes: 10\n", "\n  library_idle_minutes: 0.1\n")
    assert "\n  library_mode: true\n" in changed and "\n  library_idle_minutes: 0.1\n" in changed
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "-", "--site-dir", str(site)],
                            cwd=ROOT, env=env, input=changed, capture_output=True, text=True)
    assert result.returncode == 0, f"the library-mode build failed:\n{result.stdout}\n{result.stderr}"
    return site


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a browser that leaves a page mid-download breaks the connection: no finding, no traceback


def serve_folder(folder: Path):
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def library_url(library_site) -> str:
    """Base URL of the library-mode build, served over http."""
    server = serve_folder(library_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


sys.path.insert(0, str(ROOT / "overrides"))
from serve import Handler  # noqa: E402  the same types as `make serve`


class _QuietHandler(Handler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """Base URL (ending in /) of the built site served over http on 127.0.0.1."""
    server = serve_folder(built_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def offline_copy(built_site, tmp_path_factory) -> Path:
    """The `make offline` zip of the built site, unzipped: the folder a library opens from file://
    (only this copy carries the policy relaxations file:// needs)."""
    from offline_copy import FOLDER, write_offline_zip
    folder = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(write_offline_zip(built_site, folder / "offline.zip")) as archive:
        archive.extractall(folder / "unzipped")
    return folder / "unzipped" / FOLDER


@pytest.fixture(scope="session")
def site_file_url(offline_copy) -> str:
    """Base file:// URL (ending in /) of the offline copy, opened from a folder as a library does."""
    return offline_copy.as_uri() + "/"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}
