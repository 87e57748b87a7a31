"""Shared fixtures: one strict build of the site per test run, served over http, and Debian's Chromium.

Browser tests use pytest-playwright's `page`/`browser` fixtures; `browser_type_launch_args` points them at
/usr/bin/chromium (Playwright cannot download its own browser here).
"""
from __future__ import annotations

import functools
import http.server
import json
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
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
from site_settings import FILE_NAME, settings_script  # noqa: E402  site-settings.js as the build writes it

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


def set_library_mode(folder: Path, on: bool, minutes: float = 10) -> None:
    """Edit a copied site's site-settings.js as library staff do, without a build: library mode on or
    off, and its minutes without use (the publisher and project stay as they were)."""
    path = folder / FILE_NAME
    text = path.read_text(encoding="utf-8")
    settings = json.loads(text[text.index("{"):text.rindex("}") + 1])
    path.write_text(settings_script(settings["publisher"], settings["project"], library=on, minutes=minutes),
                    encoding="utf-8")


@pytest.fixture(scope="session")
def library_site(built_site, tmp_path_factory) -> Path:
    """The one build as a library's shared computer has it, switched without a build: a copy of the
    built site whose site-settings.js says `library_mode: true` (mkdocs.yml says false)."""
    site = tmp_path_factory.mktemp("library-site") / "site"
    shutil.copytree(built_site, site)
    set_library_mode(site, on=True)
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
