"""Drives WebKitGTK (Safari's engine) for tests/engines: one JSON command per line on stdin, one JSON answer
per line on stdout (the protocol is in tests/engines/drivers.py).

Run by the SYSTEM python3 (Debian's python3-gi and gir1.2-webkit2-4.1, not the project's venv) under
`xvfb-run -a`. WebKit has no console API for an embedder; with `enable-write-console-messages-to-stdout` its
web processes print every console message of every page and worker (CSP and network errors included) on
their stderr, which they inherit from this process. So, before GTK starts any web process, this driver
turns its own stderr into a pipe and reads the messages back; everything else on that pipe is passed on to
the real stderr. A non-ephemeral website data manager (in a fresh temporary folder) is required: with an
ephemeral one WebKit prints no console message at all.
"""
import json
import os
import queue
import re
import shutil
import sys
import tempfile
import threading
import time

CONSOLE_READ, _console_write = os.pipe()
REAL_STDERR = os.fdopen(os.dup(2), "w", buffering=1)
PROTOCOL = os.fdopen(os.dup(1), "w", buffering=1)  # answers only: nothing a web process prints gets in
os.dup2(_console_write, 2)
os.close(_console_write)
os.dup2(REAL_STDERR.fileno(), 1)

import gi  # noqa: E402  (after the stderr switch: web processes must inherit the pipe)

gi.require_version("Gdk", "3.0")
gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import Gdk, GLib, Gtk, WebKit2  # noqa: E402

# "<url>:<line>:<column>: CONSOLE <SOURCE> <LEVEL> <text>"; the location and the source may be missing
# ("CONSOLE ERROR text" for console.error, "CONSOLE SECURITY ERROR text" for a refused cross-origin load).
CONSOLE_LINE = re.compile(r"^(?:(?P<url>\S+?):(?P<line>\d+):(?P<column>\d+): )?"
                          r"CONSOLE (?P<source>(?:[A-Z][A-Z ]*? )?)(?P<level>LOG|INFO|WARN|ERROR|DEBUG) (?P<text>.*)$")
LEVELS = {"LOG": "log", "INFO": "info", "WARN": "warning", "ERROR": "error", "DEBUG": "debug"}


class ConsoleReader(threading.Thread):
    """Reads the web processes' stderr: console messages into a list, anything else to the real stderr."""

    def __init__(self):
        super().__init__(daemon=True)
        self.lock = threading.Lock()
        self.messages = []
        self.last_line_at = time.monotonic()

    def run(self):
        previous_was_console = False
        with os.fdopen(CONSOLE_READ, "rb") as stream:
            for raw in stream:
                line = raw.decode("utf-8", errors="replace").rstrip("\n")
                match = CONSOLE_LINE.match(line)
                with self.lock:
                    self.last_line_at = time.monotonic()
                    if match:
                        self.messages.append({
                            "level": LEVELS[match["level"]],
                            "source": match["source"].strip().lower() or "console-api",
                            "text": match["text"],
                            "url": match["url"] or "",
                            "line": int(match["line"] or 0),
                            "column": int(match["column"] or 0),
                        })
                        previous_was_console = True
                    elif previous_was_console and line and not line.startswith(("(", "**")):
                        self.messages[-1]["text"] += "\n" + line  # a message of several lines
                    else:
                        previous_was_console = False
                        REAL_STDERR.write(line + "\n")

    def take(self):
        """Every console message read so far, and forget them."""
        with self.lock:
            taken, self.messages = self.messages, []
            return taken

    def quiet_for(self, seconds):
        with self.lock:
            return time.monotonic() - self.last_line_at >= seconds


class CommandError(Exception):
    pass


def pump_until(predicate, timeout_s):
    """Run GTK's main loop until predicate() is true; False if timeout_s passed first."""
    deadline = time.monotonic() + timeout_s
    context = GLib.MainContext.default()
    while not predicate():
        if time.monotonic() > deadline:
            return False
        context.iteration(True)  # a 20 ms timer (see main) wakes this up
    return True


def pause(seconds):
    end = time.monotonic() + seconds
    pump_until(lambda: time.monotonic() >= end, seconds + 1)


class WebKitDriver:
    def __init__(self, console, width, height, init_script, trap=None):
        self.console = console
        self.data_folder = tempfile.mkdtemp(prefix="engines-webkit-")
        manager = WebKit2.WebsiteDataManager(base_data_directory=os.path.join(self.data_folder, "data"),
                                             base_cache_directory=os.path.join(self.data_folder, "cache"))
        if trap:
            # Every request to another host goes to the test's trap (a proxy that records and refuses
            # it), whatever made it: page, worker or frame. The test server on 127.0.0.1 is reached directly.
            manager.set_network_proxy_settings(
                WebKit2.NetworkProxyMode.CUSTOM,
                WebKit2.NetworkProxySettings.new(f"http://{trap}", ["127.0.0.1", "localhost"]))
        context = WebKit2.WebContext(website_data_manager=manager)
        content = WebKit2.UserContentManager()
        if init_script:
            content.add_script(WebKit2.UserScript.new(init_script, WebKit2.UserContentInjectedFrames.TOP_FRAME,
                                                      WebKit2.UserScriptInjectionTime.START, None, None))
        # Motion off, as the Chromium tests have it (tests/conftest.py STILL_OPTIONS): WebKitGTK answers
        # prefers-reduced-motion: reduce when GTK's animations are off.
        Gtk.Settings.get_default().set_property("gtk-enable-animations", False)
        self.view = WebKit2.WebView(web_context=context, user_content_manager=content)
        # Despite its name this writes to stderr (see the module docstring). Every other setting stays
        # WebKit's default, as in Safari: no extra access for pages opened from a folder.
        self.view.get_settings().set_enable_write_console_messages_to_stdout(True)
        self.requests = []
        self.page_console = []
        self.load_event = None
        self.load_error = None
        self.view.connect("resource-load-started", lambda _view, _resource, request:
                          self.requests.append(request.get_uri()))
        self.view.connect("load-changed", self._load_changed)
        self.view.connect("load-failed", self._load_failed)
        self.view.connect("web-process-terminated", self._web_process_terminated)
        self.window = Gtk.Window()
        self.window.set_default_size(width, height)
        self.window.add(self.view)
        self.window.show_all()
        self.synthetic_events = []  # kept alive: freeing a Gdk.Event would unref a window it never reffed
        self.crashed = None

    def _load_changed(self, _view, event):
        self.load_event = event

    def _load_failed(self, _view, _event, uri, error):
        self.load_error = f"{uri}: {error.message}"
        return False

    def _web_process_terminated(self, _view, reason):
        self.crashed = f"web process terminated: {reason.value_nick}"

    # -- commands ---------------------------------------------------------------------------------

    def open(self, url, timeout_ms=30000):
        # Let the last page's messages arrive before starting the new page's log.
        pump_until(lambda: self.console.quiet_for(0.2), 2)
        self.console.take()
        self.requests = []
        self.page_console = []
        self.load_event = self.load_error = None
        self.view.load_uri(url)
        finished = pump_until(lambda: self.load_event == WebKit2.LoadEvent.FINISHED or self.crashed,
                              timeout_ms / 1000)
        if self.crashed:
            raise CommandError(self.crashed)
        if not finished:
            raise CommandError(f"{url} did not finish loading in {timeout_ms} ms")
        if self.load_error:
            raise CommandError(f"load failed: {self.load_error}")
        return None

    def eval(self, js, timeout_ms=30000):
        box = {}

        def done(view, result):
            try:
                value = view.evaluate_javascript_finish(result)
                box["value"] = None if value.is_undefined() else json.loads(value.to_json(0) or "null")
            except GLib.Error as error:  # the script threw, or the page is gone
                box["error"] = error.message
            except Exception as error:  # noqa: BLE001  a callback must not die silently: say why
                box["error"] = f"driver error: {error!r}"

        self.view.evaluate_javascript(js, -1, None, None, None, done)
        if not pump_until(lambda: box or self.crashed, timeout_ms / 1000):
            raise CommandError(f"no answer from the page in {timeout_ms} ms (frozen?)")
        if self.crashed:
            raise CommandError(self.crashed)
        if "error" in box:
            raise CommandError(box["error"])
        return box["value"]

    def wait(self, js, timeout_ms):
        started = time.monotonic()
        deadline = started + timeout_ms / 1000
        while True:
            remaining = max(deadline - time.monotonic(), 0.5)
            if self.eval(f"!!({js})", timeout_ms=remaining * 1000):
                return {"elapsed_ms": round((time.monotonic() - started) * 1000)}
            if time.monotonic() > deadline:
                raise CommandError(f"timed out after {timeout_ms} ms waiting for {js}")
            pause(0.1)

    def click(self, selector):
        """A left click in the middle of the element, as GTK receives one from the mouse."""
        box = self.eval(f"""(() => {{
            const element = document.querySelector({json.dumps(selector)});
            if (!element) return null;
            element.scrollIntoView({{block: "center"}});
            const box = element.getBoundingClientRect();
            return {{x: box.x + box.width / 2, y: box.y + box.height / 2}};
        }})()""")
        if box is None:
            raise CommandError(f"no element matches {selector}")
        pause(0.05)  # let the scroll reach the screen before the click lands
        pointer = Gdk.Display.get_default().get_default_seat().get_pointer()
        for kind in (Gdk.EventType.BUTTON_PRESS, Gdk.EventType.BUTTON_RELEASE):
            event = Gdk.Event.new(kind)
            event.button.window = self.view.get_window()
            event.button.x = event.button.x_root = box["x"]
            event.button.y = event.button.y_root = box["y"]
            event.button.button = 1
            event.button.time = Gdk.CURRENT_TIME
            event.set_device(pointer)
            self.synthetic_events.append(event)
            self.view.event(event)
        pause(0.05)
        return None

    def type(self, selector, text):
        """Click into the field (with no selector: where the focus is), then press one key per character,
        as GTK receives them from a keyboard."""
        if selector:
            self.click(selector)
        keyboard = Gdk.Display.get_default().get_default_seat().get_keyboard()
        keymap = Gdk.Keymap.get_for_display(Gdk.Display.get_default())
        for character in text:
            keyval = Gdk.unicode_to_keyval(ord(character))
            found, keys = keymap.get_entries_for_keyval(keyval)
            for kind in (Gdk.EventType.KEY_PRESS, Gdk.EventType.KEY_RELEASE):
                event = Gdk.Event.new(kind)
                event.key.window = self.view.get_window()
                event.key.keyval = keyval
                event.key.hardware_keycode = keys[0].keycode if found else 0
                event.key.time = Gdk.CURRENT_TIME
                event.set_device(keyboard)
                self.synthetic_events.append(event)
                self.view.event(event)
            pause(0.02)
        pause(0.05)
        return None

    def screenshot(self, path):
        box = {}

        def done(view, result):
            try:
                box["surface"] = view.get_snapshot_finish(result)
            except GLib.Error as error:
                box["error"] = error.message
            except Exception as error:  # noqa: BLE001  (no cairo bindings: Debian's python3-gi-cairo)
                box["error"] = f"driver error: {error!r}"

        self.view.get_snapshot(WebKit2.SnapshotRegion.VISIBLE, WebKit2.SnapshotOptions.NONE, None, done)
        if not pump_until(lambda: box, 30):
            raise CommandError("no snapshot in 30 s")
        if "error" in box:
            raise CommandError(box["error"])
        box["surface"].write_to_png(path)
        return None

    def log(self):
        """Everything logged and requested since the page was opened."""
        # Messages travel through a pipe: wait until it has been quiet a moment (at most 2 s).
        pump_until(lambda: self.console.quiet_for(0.3), 2)
        self.page_console += self.console.take()
        return {"console": self.page_console, "requests": list(self.requests)}

    def close(self):
        self.window.destroy()
        shutil.rmtree(self.data_folder, ignore_errors=True)


def read_commands(commands):
    for line in sys.stdin:
        if line.strip():
            commands.put(json.loads(line))
    commands.put({"cmd": "close"})


def answer(message):
    PROTOCOL.write(json.dumps(message) + "\n")
    PROTOCOL.flush()


def main():
    console = ConsoleReader()
    console.start()
    commands = queue.Queue()
    threading.Thread(target=read_commands, args=(commands,), daemon=True).start()
    GLib.timeout_add(20, lambda: True)  # wakes the main loop so commands and time limits are seen
    driver = None
    context = GLib.MainContext.default()
    while True:
        context.iteration(True)
        try:
            command = commands.get_nowait()
        except queue.Empty:
            continue
        name = command.pop("cmd")
        request_id = command.pop("id", None)
        try:
            if name == "start":
                driver = WebKitDriver(console, command["width"], command["height"], command.get("init_script", ""),
                                      command.get("trap"))
                value = {"engine": "webkit", "version": "%d.%d.%d" % (WebKit2.get_major_version(),
                         WebKit2.get_minor_version(), WebKit2.get_micro_version())}
            elif name == "close":
                if driver:
                    driver.close()
                answer({"id": request_id, "ok": True, "value": None})
                return
            else:
                value = getattr(driver, name)(**command)
            answer({"id": request_id, "ok": True, "value": value})
        except CommandError as error:
            answer({"id": request_id, "ok": False, "error": str(error)})
        except Exception as error:  # a bug here: say so to the test rather than vanish
            answer({"id": request_id, "ok": False, "error": f"driver error: {error!r}"})


if __name__ == "__main__":
    main()
