// loader.js: starts the calculator (Python in Pyodide) for any page that runs it, and answers requests.
// One loader for every such page (the calculator page, the letters page): the file:// path, the time
// limits and the worker protocol live here once. It holds no words and no legal rule: each page
// shows its own words (data-msg-* attributes) for the states and codes below.
//
// API (a classic script; load it before the page's own script):
//
//   const calculator = CalculatorLoader.start({
//     assetsURL,                 // optional: URL of assets/calculator/ (default: the folder of loader.js)
//     onStatus(state, detail),   // optional: called on every change of state (also once at start):
//                                //   "loading"  downloading files (detail: null)
//                                //   "starting" files here, Python starting (detail: null)
//                                //   "ready"    answers come now; performance.mark("calculator-ready")
//                                //   "failed"   could not start (detail: "stalled", "timeout", "error")
//                                //   "stopped"  a request took too long, so the worker was stopped
//     onProgress({ loaded, total }),  // optional: bytes downloaded so far, out of total (total may be 0
//                                //   when unknown); called as bytes arrive
//     answerTimeLimitMs,         // optional: the time limit of one request (default 10 000)
//   });
//   calculator.ask(request)      // request: an object or its JSON text, as calculator.boundary.handle_json
//                                //   reads it. Returns a promise of the answer object; it never rejects.
//                                //   Asked before "ready", it waits for ready. When Python cannot answer:
//                                //   { error: { code, field: null } } with code "calculator-failed"
//                                //   (never started), "calculator-timeout" (stopped by its time limit) or
//                                //   "calculator-error" (Python broke); the page words these itself.
//   calculator.retry()           // after "failed" or "stopped": start again from the beginning
//   calculator.state             // the current state, as last given to onStatus
//
// The calculator's own errors ({ error: { code, field, message } }, message in the request's "lang")
// come back as they are.
(function () {
  "use strict";
  // The browser's own Worker: on file:// Material's offline shim replaces self.Worker with an iframe
  // stand-in; this script runs before the shim (calculator.html loads it first), so keep the real one.
  const NativeWorker = self.Worker;
  const LOADER_FOLDER = document.currentScript ? new URL("./", document.currentScript.src).href : null;
  const READY_TIME_LIMIT_MS = 30000;
  // One answer takes milliseconds. A request still unanswered after this is stuck: the worker is stopped.
  const ANSWER_TIME_LIMIT_MS = 10000;
  const OFFLINE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                         "pyodide-lock.json", "calculator.zip"];

  // Why a request got no answer, as the code of the error answer.
  class NoAnswer extends Error {
    constructor(code) {
      super(code);
      this.code = code;
    }
  }

  function noAnswer(code) {
    return { error: { code, field: null } };
  }

  // Over http(s): Pyodide runs in a module worker, so the page never freezes while it starts.
  function startWorker(assets, limits) {
    return talkTo(new NativeWorker(new URL("worker.js", assets), { type: "module" }), limits);
  }

  // Resolves, once the worker is ready, to a function from a JSON request string to a promise of the
  // JSON answer string.
  function talkTo(worker, limits) {
    return new Promise((resolve, reject) => {
      const waiting = new Map();  // request id → { answer, fail }
      let nextId = 0;
      let stopped = false;

      // A stuck worker is stopped, so it does not keep using the person's battery; every request
      // still waiting, and every later one, is told so.
      function stop() {
        stopped = true;
        worker.terminate();
        for (const pending of waiting.values()) pending.fail(new NoAnswer("calculator-timeout"));
        waiting.clear();
        limits.onStopped();
      }

      function answerFor(request) {
        if (stopped) return Promise.reject(new NoAnswer("calculator-timeout"));
        return new Promise((answer, fail) => {
          const id = nextId++;
          const timer = setTimeout(stop, limits.answerTimeLimitMs);
          waiting.set(id, {
            answer: (text) => { clearTimeout(timer); answer(text); },
            fail: (error) => { clearTimeout(timer); fail(error); },
          });
          worker.postMessage({ id, request });
        });
      }

      worker.onmessage = (event) => {
        const message = event.data;
        const pending = waiting.get(message.id);
        if (message.type === "ready") {
          resolve(answerFor);
        } else if (message.type === "failed") {
          worker.terminate();
          reject(new Error(message.detail));
        } else if (pending) {
          waiting.delete(message.id);
          if (message.type === "answer") {
            pending.answer(message.answer);
          } else {
            console.error("calculator could not answer:", message.detail);  // for staff; the page shows words
            pending.fail(new NoAnswer("calculator-error"));
          }
        }
      };
      worker.onerror = (event) => reject(new Error(event.message || "worker error"));
    });
  }

  // From a folder (file://) the browser blocks fetch, module files and workers from files. The build
  // also ships every file as base64 in a classic script: load those, import the modules from blob:
  // URLs, and answer Pyodide's fetches from memory, in a blob: worker or, failing that, on the page.

  // Starts Pyodide from `files` (name → bytes) and returns calculator.boundary.handle_json. It uses no
  // outer name, so it runs the same on the page and, as source text, inside a blob: worker.
  async function pyodideFromMemory(files, indexURL) {
    const contentTypes = { wasm: "application/wasm", json: "application/json", zip: "application/zip" };
    const browserFetch = self.fetch;
    self.fetch = (input, init) => {
      const name = String(input instanceof Request ? input.url : input).split("/").pop();
      if (!(name in files)) return browserFetch(input, init);
      const type = contentTypes[name.split(".").pop()] || "text/javascript";
      return Promise.resolve(new Response(files[name], { headers: { "Content-Type": type } }));
    };
    const importFromMemory = (name) =>
      import(URL.createObjectURL(new Blob([files[name]], { type: "text/javascript" })));
    let pyodide;
    try {
      const { loadPyodide } = await importFromMemory("pyodide.mjs");
      const asm = await importFromMemory("pyodide.asm.mjs");
      pyodide = await loadPyodide({ indexURL, createPyodideModule: asm.default });
    } finally {
      self.fetch = browserFetch;
    }
    pyodide.unpackArchive(files["calculator.zip"], "zip", { extractDir: "/home/pyodide/app" });
    pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/app')");
    const handleJson = pyodide.pyimport("calculator.boundary").handle_json;
    handleJson('{"kind": "fee", "pages": 1, "date": "2024-07-01"}');  // reads the law data now
    return handleJson;
  }

  // The blob: worker's message loop. Never called on this page: its source text becomes the worker.
  function workerFromMemory() {
    let ready;
    self.onmessage = async (event) => {
      if (event.data.files) {
        ready = pyodideFromMemory(event.data.files, event.data.indexURL);
        ready.then(() => postMessage({ type: "ready" }),
                   (error) => postMessage({ type: "failed", detail: String(error) }));
        return;
      }
      // As in worker.js: if Pyodide itself throws, answer with an error rather than not at all.
      const { id, request } = event.data;
      try {
        const handleJson = await ready;
        postMessage({ type: "answer", id, answer: handleJson(request) });
      } catch (error) {
        postMessage({ type: "error", id, detail: String(error) });
      }
    };
  }

  function loadClassicScript(url) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.onload = resolve;
      script.onerror = () => reject(new Error(`could not load ${url}`));
      document.head.append(script);
    });
  }

  function fromBase64(text) {
    if (Uint8Array.fromBase64) return Uint8Array.fromBase64(text);
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  // The offline files as bytes (a fresh copy each call: the worker path hands its buffers over).
  async function offlineFiles(assets) {
    await Promise.all(OFFLINE_FILES.map((name) =>
      self.calculatorFiles && self.calculatorFiles[name] ? null
        : loadClassicScript(new URL(`offline/${name}.js`, assets))));
    const files = {};
    for (const name of OFFLINE_FILES) files[name] = fromBase64(self.calculatorFiles[name]);
    return files;
  }

  async function startWorkerFromMemory(assets, limits) {
    const files = await offlineFiles(assets);
    const source = new Blob([`${pyodideFromMemory}\n(${workerFromMemory})();`], { type: "text/javascript" });
    // Classic, not module: Chromium refuses a module worker from a blob: URL on file:// (opaque origin);
    // a classic one may still import() blob: modules, and Pyodide starts in it given createPyodideModule.
    const worker = new NativeWorker(URL.createObjectURL(source));
    worker.postMessage({ files, indexURL: new URL("../pyodide/", assets).href },
                       Object.values(files).map((bytes) => bytes.buffer));
    return talkTo(worker, limits);
  }

  async function startInPage(assets) {
    const handleJson = await pyodideFromMemory(await offlineFiles(assets), new URL("../pyodide/", assets).href);
    // A call on the page cannot be stopped part-way, so it has no time limit; a throw becomes an error.
    return (request) => new Promise((answer) => answer(handleJson(request)));
  }

  // Prefer a worker from a folder too (the page stays responsive); if this browser refuses one,
  // run Pyodide on the page itself.
  function startFromFolder(assets, limits) {
    const started = startWorkerFromMemory(assets, limits).catch((error) => {
      console.warn("calculator: no worker from a folder here, running on the page:", error.message);
      return startInPage(assets);
    });
    const freeCopies = () => { delete self.calculatorFiles; };  // the base64 copies are no longer needed
    started.then(freeCopies, freeCopies);
    return started;
  }

  function start(options = {}) {
    const assets = new URL("./", options.assetsURL || LOADER_FOLDER || location.href).href;
    const onStatus = options.onStatus || (() => {});
    const calculator = { state: null, ask, retry };
    let answerer;  // a promise of the function from JSON text to a promise of JSON text

    function setState(state, detail = null) {
      calculator.state = state;
      onStatus(state, detail);
    }

    function launch() {
      setState("loading");
      const limits = {
        answerTimeLimitMs: options.answerTimeLimitMs || ANSWER_TIME_LIMIT_MS,
        onStopped: () => setState("stopped"),
      };
      let timer;
      const timeLimit = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("time limit")), READY_TIME_LIMIT_MS);
      });
      const started = location.protocol === "file:" ? startFromFolder(assets, limits) : startWorker(assets, limits);
      answerer = Promise.race([started, timeLimit]);
      answerer.then(
        () => {
          clearTimeout(timer);
          performance.mark("calculator-ready");  // read by `make bench`
          setState("ready");
        },
        (error) => {
          clearTimeout(timer);
          console.error("calculator could not start:", error.message);  // for staff; the page shows words
          setState("failed", error.message === "time limit" ? "timeout" : "error");
        },
      );
    }

    function ask(request) {
      const text = typeof request === "string" ? request : JSON.stringify(request);
      return answerer.then(
        (answerFor) => answerFor(text).then(JSON.parse, (error) =>
          noAnswer(error instanceof NoAnswer ? error.code : "calculator-error")),
        () => noAnswer("calculator-failed"),
      );
    }

    function retry() {
      if (calculator.state === "failed" || calculator.state === "stopped") launch();
    }

    launch();
    return calculator;
  }

  self.CalculatorLoader = { start };
})();
