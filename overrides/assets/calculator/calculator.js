// The calculator page: reads the forms, asks the worker, and shows the answer in the page's language.
// Every word shown comes either from the page (data-* attributes, written in each language's Markdown)
// or from the calculator's answer, which is already in that language. No legal rule lives here.
// It runs from <head>, so Pyodide starts before the rest of the page is even parsed; the form is
// wired up once the page is there.
(function () {
  "use strict";
  const lang = document.documentElement.lang === "es" ? "es" : "en";
  const assets = new URL("./", document.currentScript.src);
  const pageReady = new Promise((resolve) => {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", resolve);
    else resolve();
  });
  const READY_TIME_LIMIT_MS = 30000;
  // One answer takes milliseconds. A request still unanswered after this is stuck: the page says so.
  const ANSWER_TIME_LIMIT_MS = 10000;

  // Why a request got no answer: "failed" (the calculator never started), "timeout" or "error". Each
  // reason has its words on the page (data-msg-failed, data-msg-timeout, data-msg-error).
  class NoAnswer extends Error {
    constructor(reason) {
      super(reason);
      this.reason = reason;
    }
  }

  // The browser's own Worker: on file:// Material's offline shim replaces window.Worker with an iframe
  // stand-in before this script runs, so calculator.html keeps the native one in self.calculatorWorker.
  const NativeWorker = self.calculatorWorker || window.Worker;
  const OFFLINE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                         "pyodide-lock.json", "calculator.zip"];

  function setStatus(key, state) {
    pageReady.then(() => {
      const root = document.getElementById("calc-app");
      document.getElementById("calc-status").textContent = root.dataset[key];
      root.dataset.state = state;
    });
  }

  // Over http(s): Pyodide runs in a module worker, so the page never freezes while it starts.
  // Resolves to a function from a JSON request string to a promise of the JSON answer string.
  function startWorker() {
    return talkTo(new NativeWorker(new URL("worker.js", assets), { type: "module" }));
  }

  function talkTo(worker) {
    return new Promise((resolve, reject) => {
      const waiting = new Map();  // request id → { answer, fail }
      let nextId = 0;
      let stopped = false;

      // A stuck worker is stopped, so it does not keep using the person's battery; every request
      // still waiting, and every later one, is told so.
      function stop() {
        stopped = true;
        worker.terminate();
        for (const pending of waiting.values()) pending.fail(new NoAnswer("timeout"));
        waiting.clear();
      }

      function answerFor(request) {
        if (stopped) return Promise.reject(new NoAnswer("timeout"));
        return new Promise((answer, fail) => {
          const id = nextId++;
          const timer = setTimeout(stop, ANSWER_TIME_LIMIT_MS);
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
            pending.fail(new NoAnswer("error"));
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
  async function offlineFiles() {
    await Promise.all(OFFLINE_FILES.map((name) =>
      self.calculatorFiles && self.calculatorFiles[name] ? null
        : loadClassicScript(new URL(`offline/${name}.js`, assets))));
    const files = {};
    for (const name of OFFLINE_FILES) files[name] = fromBase64(self.calculatorFiles[name]);
    return files;
  }

  async function startWorkerFromMemory() {
    const files = await offlineFiles();
    const source = new Blob([`${pyodideFromMemory}\n(${workerFromMemory})();`], { type: "text/javascript" });
    // Classic, not module: Chromium refuses a module worker from a blob: URL on file:// (opaque origin);
    // a classic one may still import() blob: modules, and Pyodide starts in it given createPyodideModule.
    const worker = new NativeWorker(URL.createObjectURL(source));
    worker.postMessage({ files, indexURL: new URL("../pyodide/", assets).href },
                       Object.values(files).map((bytes) => bytes.buffer));
    return talkTo(worker);
  }

  async function startInPage() {
    const handleJson = await pyodideFromMemory(await offlineFiles(), new URL("../pyodide/", assets).href);
    // A call on the page cannot be stopped part-way, so it has no time limit; a throw becomes "error".
    return (request) => new Promise((answer) => answer(handleJson(request)));
  }

  // Prefer a worker from a folder too (the page stays responsive); if this browser refuses one,
  // run Pyodide on the page itself.
  function startFromFolder() {
    const started = startWorkerFromMemory().catch((error) => {
      console.warn("calculator: no worker from a folder here, running on the page:", error.message);
      return startInPage();
    });
    const freeCopies = () => { delete self.calculatorFiles; };  // the base64 copies are no longer needed
    started.then(freeCopies, freeCopies);
    return started;
  }

  const timeLimit = new Promise((_, reject) =>
    setTimeout(() => reject(new Error("time limit")), READY_TIME_LIMIT_MS));
  const calculate = Promise.race([location.protocol === "file:" ? startFromFolder() : startWorker(), timeLimit]);
  calculate.then(
    () => {
      performance.mark("calculator-ready");  // read by `make bench`
      setStatus("msgReady", "ready");
    },
    (error) => {
      console.error("calculator could not start:", error.message);  // for staff; the page shows words
      setStatus("msgFailed", "failed");
    },
  );

  function ask(request) {
    return calculate.then(
      (answerFor) => answerFor(JSON.stringify(request)).then(JSON.parse),
      () => { throw new NoAnswer("failed"); },
    );
  }

  pageReady.then(wireUpForms);

  function wireUpForms() {
    const root = document.getElementById("calc-app");
    const words = root.dataset;

    function today() {
      const now = new Date();
      const pad = (n) => String(n).padStart(2, "0");
      return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
    }

    function element(tag, text, className) {
      const node = document.createElement(tag);
      if (text) node.textContent = text;
      if (className) node.className = className;
      return node;
    }

    function list(title, items) {
      const section = document.createDocumentFragment();
      if (!items.length) return section;
      section.append(element("p", title, "calc-result__title"));
      const ul = element("ul");
      for (const item of items) ul.append(element("li", item));
      section.append(ul);
      return section;
    }

    function clearErrors(form) {
      for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
      for (const error of form.querySelectorAll(".calc-error")) { error.textContent = ""; error.hidden = true; }
    }

    function showError(form, error) {
      const input = form.querySelector(`[data-field="${error.field}"]`);
      const box = input ? document.getElementById(`${input.id}-error`) : form.querySelector(".calc-error--form");
      box.textContent = error.message;
      box.hidden = false;
      if (input) {
        input.setAttribute("aria-invalid", "true");
        input.focus();
      }
    }

    function renderAnswer(result, answer) {
      result.replaceChildren();
      const headings = answer.headings;
      headings.forEach((text, index) => result.append(element("p", text, index ? "calc-result__more" : "calc-result__answer")));
      result.append(element("p", answer.inputs_text));
      const steps = answer.kind === "fee" ? answer.lines : answer.steps;
      result.append(list(answer.kind === "fee" ? words.msgBreakdown : words.msgSteps, steps.map((s) => s.text)));
      for (const warning of answer.warnings) result.append(element("p", warning, "calc-result__warning"));
      result.append(list(words.msgNotes, answer.notes.map((n) => n.text)));
      result.append(list(words.msgSources, answer.sources.map((s) => s.text)));
      result.append(element("p", answer.reviewed_text));
      const actions = element("div", "", "calc-actions");
      const printButton = element("button", words.msgPrint, "md-button");
      printButton.type = "button";
      printButton.addEventListener("click", () => window.print());
      const againButton = element("button", words.msgAgain, "md-button");
      againButton.type = "button";
      againButton.addEventListener("click", () => startAgain(result.previousElementSibling, result));
      actions.append(printButton, againButton);
      result.append(actions);
      result.hidden = false;
      result.focus();
    }

    function startAgain(form, result) {
      form.reset();
      clearErrors(form);
      form.querySelector('input[type="date"]').value = today();
      result.hidden = true;
      result.replaceChildren();
      form.querySelector("input, select").focus();
    }

    for (const form of root.querySelectorAll("form[data-kind]")) {
      const result = form.nextElementSibling;
      form.querySelector('input[type="date"]').value = today();
      form.addEventListener("submit", async (event) => {
        event.preventDefault();  // nothing typed ever leaves the page
        performance.mark("calculator-submit");
        clearErrors(form);
        const request = { kind: form.dataset.kind, lang };
        for (const input of form.querySelectorAll("[data-field]")) request[input.dataset.field] = input.value;
        const note = form.querySelector(".calc-error--form");
        if (root.dataset.state === "loading") {  // say so by the button, not only at the top
          note.textContent = words.msgWait;
          note.hidden = false;
          note.classList.add("calc-error--wait");
        }
        let answer;
        try {
          answer = await ask(request);
        } catch (error) {
          const reason = error instanceof NoAnswer ? error.reason : "error";
          if (reason === "timeout") setStatus("msgTimeout", "failed");
          // Say it by the button too: the status line at the top may be out of sight.
          const message = { failed: words.msgFailed, timeout: words.msgTimeout, error: words.msgError }[reason];
          result.hidden = true;
          showError(form, { field: null, message });
          return;
        } finally {
          note.classList.remove("calc-error--wait");
        }
        note.hidden = true;
        if (answer.error) {
          result.hidden = true;
          showError(form, answer.error);
        } else {
          renderAnswer(result, answer);
          performance.mark("calculator-result");
        }
      });
    }
    root.hidden = false;
    if (!root.dataset.state) {
      root.dataset.state = "loading";
      document.getElementById("calc-status").textContent = words.msgLoading;
    }
  }
})();
