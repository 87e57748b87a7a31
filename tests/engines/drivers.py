"""One small client for two browser drivers, so each engine test is written once for Firefox and WebKit.

Each driver is a child process that reads one JSON command per line on stdin and writes one JSON answer
per line on stdout: `{"id": 1, "cmd": "open", "url": …}` → `{"id": 1, "ok": true, "value": …}` or
`{"id": 1, "ok": false, "error": "…"}`. Commands:

- `start` {executable, width, height, init_script, trap}: launch; init_script runs first in every page;
  trap ("127.0.0.1:port") is the proxy for every host but 127.0.0.1 (see conftest.Trap).
- `open` {url, timeout_ms}: load a page (until its load event) and start a new log for it.
- `eval` {js}: the value of a JavaScript expression in the page, as JSON.
- `wait` {js, timeout_ms}: poll the expression every 100 ms until it is truthy; → {elapsed_ms}.
- `click` {selector}: a real left click in the middle of the element (scrolled into view).
- `type` {selector, text}: click into the element (selector null: where the focus is), then one real
  key press per character.
- `screenshot` {path}: a PNG of what the window shows.
- `log`: since `open`, every console message ({level, source, text, url, line, column}; level "error"
  includes uncaught errors and CSP violations, from the page and its workers) and every request URL.
- `close`.

Firefox ESR: tests/engines/firefox_driver.mjs (Node, npm puppeteer-core over WebDriver BiDi).
WebKitGTK: tests/engines/webkit_driver.py (the system python3 with GObject introspection, under xvfb-run).
"""
from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FIREFOX = "/usr/bin/firefox-esr"
SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's python3-gi lives here, not in the project's venv

# Runs first in every page: the longest time the page's main thread went without running a timer, so a
# test can tell a page that stayed responsive from one frozen by work done on it.
HEARTBEAT = """(() => {
  const beat = { longestGapMs: 0, last: performance.now() };
  Object.defineProperty(window, "__engineTestHeartbeat", { value: beat });
  setInterval(() => {
    const now = performance.now();
    beat.longestGapMs = Math.max(beat.longestGapMs, now - beat.last);
    beat.last = now;
  }, 50);
})();"""


class DriverError(Exception):
    """A command the browser could not carry out (the message says why), or a driver that stopped."""


def missing_engine(engine: str) -> str | None:
    """Why this engine cannot run here (with the command that installs it), or None."""
    if engine == "firefox":
        if not os.access(FIREFOX, os.X_OK):
            return f"{FIREFOX} is missing: run `make engines` (Debian's firefox-esr)"
        if not (ROOT / "node_modules" / "puppeteer-core").is_dir():
            return "node_modules/puppeteer-core is missing: run `make node_modules/.installed`"
        return None
    if not shutil.which("xvfb-run"):
        return "xvfb-run is missing: run `make engines` (Debian's xvfb)"
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import gi; gi.require_version('WebKit2', '4.1'); "
                            "from gi.repository import WebKit2"], capture_output=True, text=True)
    if probe.returncode:
        return ("WebKitGTK for the system python3 is missing: run `make engines` (Debian's "
                f"libwebkit2gtk-4.1-0, gir1.2-webkit2-4.1, python3-gi): {probe.stderr.strip()[-200:]}")
    return None


class Driver:
    """A running browser of one engine, driven through its driver process."""

    def __init__(self, engine: str, log_path: Path, trap: str | None = None, width: int = 1280, height: int = 1000):
        self.engine = engine
        self.log_path = log_path
        if engine == "firefox":
            command = ["node", str(HERE / "firefox_driver.mjs")]
        else:
            command = ["xvfb-run", "-a", SYSTEM_PYTHON, str(HERE / "webkit_driver.py")]
        self._stderr = open(log_path, "w", encoding="utf-8")
        # A session of its own, so closing can end the driver with everything it started (browser, Xvfb).
        self.process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=self._stderr, text=True, encoding="utf-8",
                                        env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"},
                                        start_new_session=True)
        self._answers: queue.Queue = queue.Queue()
        threading.Thread(target=self._read_answers, daemon=True).start()
        self._next_id = 0
        self.version = self.call("start", timeout_s=90, executable=FIREFOX, width=width, height=height,
                                 init_script=HEARTBEAT, trap=trap)

    def _read_answers(self):
        for line in self.process.stdout:
            if line.startswith("{"):
                self._answers.put(json.loads(line))
        self._answers.put(None)  # the driver stopped

    def call(self, cmd: str, timeout_s: float = 60, **args):
        """Send one command and return its value; DriverError if it failed or took longer than timeout_s."""
        self._next_id += 1
        request_id = self._next_id
        try:
            self.process.stdin.write(json.dumps({"id": request_id, "cmd": cmd, **args}) + "\n")
            self.process.stdin.flush()
        except (BrokenPipeError, ValueError):
            raise DriverError(f"{self.engine} driver is not running{self._stderr_tail()}") from None
        while True:
            try:
                message = self._answers.get(timeout=timeout_s)
            except queue.Empty:
                raise DriverError(f"{self.engine} driver gave no answer to {cmd} in {timeout_s} s") from None
            if message is None:
                raise DriverError(f"{self.engine} driver stopped during {cmd}{self._stderr_tail()}")
            if message.get("id") == request_id:
                break
        if not message["ok"]:
            raise DriverError(message["error"])
        return message["value"]

    def _stderr_tail(self) -> str:
        self._stderr.flush()
        tail = self.log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
        return f"; its stderr ends with:\n{tail}" if tail else ""

    # The commands, with time limits on this side a little longer than the browser's own.
    def open(self, url: str, timeout_ms: int = 30000):
        return self.call("open", timeout_s=timeout_ms / 1000 + 30, url=url, timeout_ms=timeout_ms)

    def eval(self, js: str):
        return self.call("eval", js=js)

    def wait(self, js: str, timeout_ms: int) -> int:
        """Milliseconds until the expression was truthy; DriverError after timeout_ms."""
        return self.call("wait", timeout_s=timeout_ms / 1000 + 30, js=js, timeout_ms=timeout_ms)["elapsed_ms"]

    def click(self, selector: str):
        return self.call("click", selector=selector)

    def type(self, selector: str | None, text: str):
        return self.call("type", selector=selector, text=text)

    def screenshot(self, path: Path):
        return self.call("screenshot", path=str(path))

    def log(self) -> dict:
        return self.call("log")

    def close(self):
        try:
            self.call("close", timeout_s=30)
        except DriverError:
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
        try:  # anything the driver leaves behind (browser, Xvfb): its own session, started above
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()
        self._stderr.close()
