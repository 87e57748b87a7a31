// Drives Firefox ESR for tests/engines: one JSON command per line on stdin, one JSON answer per line on
// stdout (the protocol is in tests/engines/drivers.py). npm puppeteer-core 24.x over WebDriver BiDi, with
// Debian's /usr/bin/firefox-esr: puppeteer never downloads a browser here (PUPPETEER_SKIP_DOWNLOAD=1).
import readline from "node:readline";
process.env.MOZ_REMOTE_SETTINGS_DEVTOOLS = "1";
import puppeteer from "puppeteer-core";

// Puppeteer's profile lets every file:// page read every other local file; a real Firefox does not.
// Set it back, so pages opened from a folder meet the same rules as for a library's reader.
// Motion off, as the Chromium tests have it (tests/conftest.py STILL_OPTIONS): the page reads
// prefers-reduced-motion: reduce, so no test reads a colour or a layout mid-transition.
const FIREFOX_PREFS = { "security.fileuri.strict_origin_policy": true, "ui.prefersReducedMotion": 1 };

// Every request to another host goes to the test's trap (a proxy that records it and refuses it), whatever
// made it: page, worker or frame. Firefox never sends 127.0.0.1 (the test server) to a proxy.
function trapPrefs(trap) {
  const [host, port] = trap.split(":");
  return {
    "network.proxy.type": 1,
    "network.proxy.http": host,
    "network.proxy.http_port": Number(port),
    "network.proxy.ssl": host,
    "network.proxy.ssl_port": Number(port),
    "network.proxy.no_proxies_on": "",
    "network.trr.mode": 5,  // no DNS over HTTPS: names are only looked up through the trap
    // Firefox's own Remote Settings would call home all through the run (honoured with
    // MOZ_REMOTE_SETTINGS_DEVTOOLS=1, set below): point it at nothing, as Mozilla's own test harness does.
    "services.settings.server": "data:,#remote-settings-dummy/v1",
  };
}

let browser;
let page;
let consoleMessages = [];
let requests = [];

const LEVELS = { error: "error", warn: "warning", warning: "warning", info: "info", debug: "debug" };

const commands = {
  async start({ executable, width, height, init_script: initScript, trap }) {
    browser = await puppeteer.launch({
      browser: "firefox",
      executablePath: executable,
      headless: true,
      extraPrefsFirefox: { ...FIREFOX_PREFS, ...(trap ? trapPrefs(trap) : {}) },
    });
    page = await browser.newPage();
    await page.setViewport({ width, height });
    if (initScript) await page.evaluateOnNewDocument(initScript);
    // Console messages of the page and of its workers; uncaught errors and CSP violations come as
    // "pageerror" over BiDi.
    page.on("console", (message) => {
      const where = message.location() || {};
      consoleMessages.push({ level: LEVELS[message.type()] || "log", source: "console-api", text: message.text(),
                             url: where.url || "", line: where.lineNumber || 0, column: where.columnNumber || 0 });
    });
    page.on("pageerror", (error) => {
      consoleMessages.push({ level: "error", source: "javascript", text: String(error && error.message || error),
                             url: "", line: 0, column: 0 });
    });
    page.on("request", (request) => requests.push(request.url()));
    return { engine: "firefox", version: await browser.version() };
  },

  async open({ url, timeout_ms: timeout = 30000 }) {
    consoleMessages = [];
    requests = [];
    await page.goto(url, { waitUntil: "load", timeout });
    return null;
  },

  async eval({ js }) {
    return await page.evaluate(js);
  },

  async wait({ js, timeout_ms: timeout }) {
    const started = Date.now();
    await page.waitForFunction(`!!(${js})`, { timeout, polling: 100 });
    return { elapsed_ms: Date.now() - started };
  },

  async click({ selector }) {
    await page.click(selector);  // scrolls it into view, moves the mouse there, presses and releases
    return null;
  },

  async type({ selector, text }) {
    if (selector) await page.click(selector);  // none: type where the focus is
    await page.keyboard.type(text, { delay: 20 });
    return null;
  },

  async screenshot({ path }) {
    await page.screenshot({ path });
    return null;
  },

  // Everything logged and requested since the page was opened.
  async log() {
    await new Promise((resolve) => setTimeout(resolve, 300));  // let the last events arrive
    return { console: consoleMessages, requests };
  },
};

function answer(message) {
  process.stdout.write(JSON.stringify(message) + "\n");
}

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const { cmd, id, ...args } = JSON.parse(line);
  if (cmd === "close") {
    if (browser) await browser.close();
    answer({ id, ok: true, value: null });
    process.exit(0);
  }
  try {
    answer({ id, ok: true, value: (await commands[cmd](args)) ?? null });
  } catch (error) {
    answer({ id, ok: false, error: String(error && error.message || error) });
  }
}
// stdin closed without a "close" (the test run stopped): close the browser all the same.
if (browser) await browser.close();
process.exit(0);
