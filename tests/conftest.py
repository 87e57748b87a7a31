"""Shared fixtures: one strict build of the site per test run, served over http, and Debian's Chromium.

Browser tests use pytest-playwright's `page`/`browser` fixtures; `browser_type_launch_args` points them at
/usr/bin/chromium (Playwright cannot download its own browser here).

`make test` runs the tests in two processes (pytest-xdist, `-n 2 --dist loadgroup`): every module that
opens a browser in one process, one module after another, so only one browser runs at a time on this
2-core machine, Firefox's and WebKit's first (about one core: the other process runs beside them) and
Chromium's after (both cores); the modules that open none (the calculator, the build's checks) in the
other, each module whole so its fixtures are made once. The site is built once for both (`made_once`).
"""
from __future__ import annotations

import fcntl
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


# Fixtures (Playwright's Chromium, the engines' Firefox and WebKit) whose tests open a browser, and the
# mark of a module that opens one itself (Lighthouse's Chromium).
OPENS_A_BROWSER = {"browser", "driver"}


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: this module's tests open a browser of their own")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items):
    """Each test's group for `--dist loadgroup`: "browsers" for every module in which a test opens a
    browser (one process runs that group, in order), else its own module's name."""
    with_a_browser = {item.path for item in items
                      if OPENS_A_BROWSER & set(item.fixturenames) or item.get_closest_marker("browser")}
    # Firefox and WebKit first: their tests use about one core (their drivers wait), so they run while
    # the other process runs the tests that open no browser; Chromium's, which use both cores, after.
    items.sort(key=lambda item: not item.path.is_relative_to(ROOT / "tests" / "engines"))
    for item in items:
        group = "browsers" if item.path in with_a_browser else item.module.__name__.removeprefix("tests.")
        item.add_marker(pytest.mark.xdist_group(group))


def made_once(tmp_path_factory, name: str, make) -> Path:
    """The folder `name`, filled by `make(folder)` once per test run: by whichever process asks first,
    while any other waits for it (pytest-xdist gives each process its own temporary folder inside the
    run's, where this one is kept)."""
    own = tmp_path_factory.getbasetemp()
    shared = own.parent if os.environ.get("PYTEST_XDIST_WORKER") else own
    folder, made = shared / name, shared / f"{name}.made"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # let go when the file closes
        if not made.exists():
            shutil.rmtree(folder, ignore_errors=True)
            make(folder)
            made.touch()
    return folder


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
    """The guide built once per test run (`build_site`) into a temporary folder. Tests only read it."""
    return made_once(tmp_path_factory, "site", build_site)


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
