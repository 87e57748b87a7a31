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


def build_site(site: Path, umask: int | None = None, **env_changes: str) -> Path:
    """`mkdocs build --strict` of this project into `site`, dated by the law's review date: a
    SOURCE_DATE_EPOCH in the environment is left out (the tests read that date) unless given in
    `env_changes`. `umask`: the build's own, else this process's."""
    env = {name: value for name, value in os.environ.items() if name != "SOURCE_DATE_EPOCH"}
    env.update(NO_MKDOCS_2_WARNING="1", **env_changes)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True,
                            preexec_fn=None if umask is None else lambda: os.umask(umask))
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The guide built once (`build_site`) into a temporary folder."""
    return build_site(tmp_path_factory.mktemp("site"))


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


# Motion off in every page a test opens, unless the test is about motion: a colour, a layout or a focus
# read while Material's 0.25 s fades and slides run is read half-way (on a busy machine that moment
# grows, and the test flakes). Two parts: the browser says the reader asked for less motion, which
# Material's own CSS answers by turning every transition off (what a reader with that setting sees);
# and a style sheet with no animation, no transition and no smooth scrolling at all. The sheet is a
# constructed one (adoptedStyleSheets): no element added to the page, nothing a policy blocks.
STILL_CSS = ("*, *::before, *::after { transition: none !important; animation: none !important; "
             "scroll-behavior: auto !important; }")
STILL_SCRIPT = f"""(() => {{
  const sheet = new CSSStyleSheet();
  sheet.replaceSync({json.dumps(STILL_CSS)});
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}})();"""
STILL_OPTIONS = {"reduced_motion": "reduce"}


class StillBrowser:
    """The session's Chromium, with motion off in every context and page made from it (`new_context`,
    `new_page`, and so pytest-playwright's `context` and `page`). Everything else is the browser's own;
    `moving` is the browser itself, for tests of a transition or a slide."""

    def __init__(self, browser):
        self.moving = browser

    def __getattr__(self, name):
        return getattr(self.moving, name)

    def new_context(self, **options):
        context = self.moving.new_context(**{**STILL_OPTIONS, **options})
        context.add_init_script(STILL_SCRIPT)
        return context

    def new_page(self, **options):
        page = self.moving.new_page(**{**STILL_OPTIONS, **options})
        page.context.add_init_script(STILL_SCRIPT)  # before its first navigation: it applies to every one
        return page


@pytest.fixture(scope="session")
def browser(browser):
    """pytest-playwright's browser, with motion off (StillBrowser)."""
    return StillBrowser(browser)


@pytest.fixture(scope="session")
def moving_browser(browser):
    """The browser with motion as a reader without a reduced-motion setting has it: for the few tests
    that check a transition or a slide (they wait for the state, see `transition_over`)."""
    return browser.moving


@pytest.fixture
def moving_page(moving_browser):
    """A page with motion on (Material's transitions run), in a context of its own."""
    context = moving_browser.new_context()
    yield context.new_page()
    context.close()
