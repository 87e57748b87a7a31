// loader.js: starts the calculator (Python in Pyodide) for any page that runs it, and answers requests.
// One loader for every such page (the calculator page, the letters page): the fast start from a memory
// snapshot, the file:// path, progress, time limits and the worker protocol live here once. It holds no
// words and no legal rule: each page shows its own words (data-msg-* attributes) for the states and
// codes below.
//
// API (a classic script; load it in the template's `libs` block, before {{ super() }}, then the page's
// own script):
//
//   const calculator = CalculatorLoader.start({
//     assetsURL,                 // optional: URL of assets/calculator/ (default: the folder of loader.js)
//     onStatus(state, detail),   // optional: called on every change of state (also once at start):
//                                //   "loading"  downloading files (detail: null)
//                                //   "starting" every byte is here, Python is starting (detail: null)
//                                //   "ready"    answers come now; performance.mark("calculator-ready")
//                                //              (detail: "snapshot" or "normal", how it started)
//                                //   "failed"   could not start (detail: "stalled" = no byte came for a
//                                //              while, "timeout" = Python did not start in time after the
//                                //              download, "unsupported" = this browser lacks what it
//                                //              needs, "error" = anything else, at once)
//                                //   "stopped"  a request passed its time limit, so the worker was stopped
//     onProgress({ loaded, total }),  // optional: bytes downloaded so far, out of total; total is 0
//                                //   while the first bytes measure the link (the start, and so its size,
//                                //   is not chosen yet), then the chosen start's size, which never
//                                //   changes (a snapshot start that fails is a new start, from "loading")
//     answerTimeLimitMs,         // optional: the time limit of one request (default 10 000)
//   });
//   calculator.ask(request)      // request: an object or its JSON text, as calculator.boundary.handle_json
//                                //   reads it. Returns a promise of the answer object; it never rejects.
//                                //   Asked before "ready", it waits for ready. When Python cannot answer:
//                                //   { error: { code, field: null } } with code "calculator-failed"
//                                //   (never started), "calculator-timeout" (stopped by its time limit) or
//                                //   "calculator-error" (Python broke); the page words these itself.
//   calculator.retry()           // after "failed" or "stopped": start again from the beginning
//   calculator.state             // the current state, as last given to onStatus; also in
//                                //   <html data-calculator="…"> for the page's other scripts
//
// Timing (read by `make bench`, harmless elsewhere): the page's performance timeline gets marks for the
// moments of a start, the worker's copied in at ready (its clock is the same, its timeline is its own):
// calculator-launch (the loader began), calculator-files-loaded (from a folder: every file script is
// in), and from the worker calculator-worker-begin, calculator-downloaded-<file> (over http),
// calculator-downloaded (every file), calculator-wasm-compiled, calculator-code-run (Pyodide's
// JavaScript parsed and run), calculator-instantiated, calculator-python-started (Pyodide's loadPyodide
// done: the snapshot restored, or the interpreter and its imports started), calculator-imported (the
// calculator imported), calculator-warmed-up (normal start: the law data read); then calculator-ready,
// and calculator-first-answer when the first answer comes back. The ready message also carries the
// milliseconds the worker spent decoding base64 (`decodeMs`) and unpacking xz (`unpackMs`); gunzip runs
// in the browser's own stream.
//
// The calculator's own errors ({ error: { code, field, message } }, message in the request's "lang")
// come back as they are. Time limits apply to a stall (no byte for STALL_LIMIT_MS) and to the start
// after the download (START_LIMIT_MS), never to the total time while bytes still arrive.
//
// How it starts: Pyodide always runs in a worker, so the page never freezes. Over http(s) that is
// worker.js (which loads this file again); from a folder (file://), where browsers refuse fetch and
// workers from files, a blob: worker made from this file's calculatorWorker() and the code the page
// loaded as classic scripts. A second worker (the same script, without Pyodide's code) unpacks the files
// packed with xz while they download, so the first one's thread is free to read and run Pyodide's
// JavaScript meanwhile; it is ended once Python has started. Its files are described by
// assets/pyodide/manifest.js (written by overrides/hooks/vendor_assets.py, which explains their format).
// The worker starts from a memory snapshot of Pyodide with the calculator already imported
// (overrides/snapshot/make_snapshot.mjs), or with a normal start from a precompiled standard library,
// which downloads fewer bytes: when the browser asks to save data, when the first bytes show a link
// under about 10 Mbps, or when the snapshot cannot be loaded.
(function () {
  "use strict";

  // The worker half. It uses no outer name: its source text is also the blob: worker on file://.
  // In: {type: "start", mode, base, manifest, texts?, unpacker?} then {type: "ask", id, request}.
  // Out: progress, downloaded, ready, failed, and for each ask an answer or an error.
  // The same script is also the unpacking worker: In {type: "unpack", port, decoder} (see unpackOn).
  function calculatorWorker() {
    const APP_DIR = "/home/pyodide/app";
    const ENV = { PYTHONHASHSEED: "0" };  // as in the build's snapshot and its check
    // Reads the law data now, so the person's first answer is fast (a start from the snapshot has done it).
    const WARM_UP = '{"kind": "fee", "pages": 1, "date": "2024-07-01"}';
    const PROGRESS_EVERY_MS = 100;
    const nativeImportScripts = self.importScripts;
    const timing = { decodeMs: 0, unpackMs: 0 };
    const mark = (name) => performance.mark(`calculator-${name}`);
    let handleJson = null;
    let started = false;

    self.onmessage = (event) => {
      const message = event.data;
      if (message.type === "start" && !started) {
        started = true;
        begin(message).then(
          (mode) => postMessage({ type: "ready", mode, decodeMs: timing.decodeMs, unpackMs: timing.unpackMs, timeOrigin: performance.timeOrigin,
                                  marks: performance.getEntriesByType("mark").map(({ name, startTime }) => [name, startTime]) }),
          (error) => postMessage({ type: "failed", detail: describe(error), unsupported: !!(error && error.unsupported),
                                   fallback: !!(error && error.fallback) }),
        );
      } else if (message.type === "unpack" && !started) {
        started = true;
        unpackOn(message.port, WebAssembly.compile(fromBase64(message.decoder)));
      } else if (message.type === "ask") {
        // handle_json never raises, but Pyodide itself can (a wasm stack overflow is fatal to it): then
        // answer with an error, so the page says so instead of waiting.
        try {
          if (!handleJson) throw new Error("asked before ready");
          postMessage({ type: "answer", id: message.id, answer: handleJson(message.request) });
        } catch (error) {
          postMessage({ type: "error", id: message.id, detail: describe(error) });
        }
      }
    };
    // Anything else that breaks in here once ready is said at once: every request waiting gets an error.
    // (Before ready, every failure that matters rejects the start itself.)
    self.onerror = (event) => { if (handleJson) postMessage({ type: "broken", detail: String(event.message || event) }); };
    self.onunhandledrejection = (event) => { if (handleJson) postMessage({ type: "broken", detail: describe(event.reason) }); };

    function describe(error) {
      return String((error && (error.stack || error.message)) || error).slice(0, 2000);
    }

    function unsupported(what) {
      const error = new Error(`this browser has no ${what}`);
      error.unsupported = true;
      return error;
    }

    // The unpacking worker: it unpacks the xz files for the Python worker, on a thread of its own, so
    // the Python worker's thread stays free to read and run Pyodide's JavaScript meanwhile. On `port`:
    // in {id, chunk} (packed bytes, transferred) and {id, end}; out {id, bytes} (transferred), then
    // {id, done, ms} (ms: time spent unpacking) or {id, error}.
    function unpackOn(port, compiled) {
      const writers = new Map();
      async function answer(id, readable) {
        const reader = readable.getReader();
        try {
          for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
            port.postMessage({ id, bytes: chunk.value }, [chunk.value.buffer]);
          }
          port.postMessage({ id, done: true, ms: timing.unpackMs });
        } catch (error) {
          port.postMessage({ id, error: describe(error) });
        }
      }
      port.onmessage = ({ data }) => {
        let writer = writers.get(data.id);
        if (data.abort) {
          // The download failed in the Python worker, which has already failed this file.
          writers.delete(data.id);
          if (writer) writer.abort().catch(() => {});
          return;
        }
        if (!writer) {
          const unpacking = xzDecoder(compiled);
          writer = unpacking.writable.getWriter();
          writers.set(data.id, writer);
          answer(data.id, unpacking.readable);
        }
        // A failed write fails the readable too, which answers with the error.
        (data.end ? writer.close() : writer.write(data.chunk)).catch(() => {});
        if (data.end) writers.delete(data.id);
      };
    }

    // In the Python worker: xz streams unpacked by the unpacking worker at the other end of `port`, each
    // as {writable, readable} (a TransformStream's shape).
    function unpackingThrough(port) {
      const outputs = new Map();
      let nextId = 0;
      port.onmessage = ({ data }) => {
        const output = outputs.get(data.id);
        if (!output) return;  // a stream already failed here (its download failed)
        if (data.bytes) return output.enqueue(new Uint8Array(data.bytes));
        outputs.delete(data.id);
        if (data.done) {
          timing.unpackMs = Math.max(timing.unpackMs, data.ms);
          output.close();
        } else output.error(new Error(data.error));
      };
      return () => {
        const id = nextId++;
        const readable = new ReadableStream({ start(controller) { outputs.set(id, controller); } });
        const writable = new WritableStream({
          write(chunk) {
            // Transferred, not copied: a chunk that is a view into a bigger buffer is copied out first.
            const own = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength ? chunk : chunk.slice();
            port.postMessage({ id, chunk: own }, [own.buffer]);
          },
          close() { port.postMessage({ id, end: true }); },
          // The download failed (pipeThrough aborts the writable): the file fails at once, as a
          // TransformStream's readable would, and the unpacking worker lets it go.
          abort(reason) {
            const output = outputs.get(id);
            outputs.delete(id);
            if (output) output.error(reason);
            port.postMessage({ id, abort: true });
          },
        });
        return { writable, readable };
      };
    }

    async function begin({ mode, base, manifest, texts, unpacker }) {
      mark("worker-begin");
      for (const [what, present] of [["WebAssembly", self.WebAssembly], ["DecompressionStream", self.DecompressionStream],
                                     ["ReadableStream", self.ReadableStream]]) {
        if (!present) throw unsupported(what);
      }
      const files = manifest.files;
      const fromNetwork = !texts;
      const code = ["pyodide.js", "pyodide.asm.js"];
      const progress = { loaded: 0, total: 0, last: 0, downloads: [], began: Date.now(), probe: null };

      function report(force) {
        const now = Date.now();
        if (fromNetwork && (force || now - progress.last >= PROGRESS_EVERY_MS)) {
          progress.last = now;
          postMessage({ type: "progress", loaded: progress.loaded, total: progress.total });
        }
      }

      function counted(count) {
        progress.loaded += count;
        if (progress.probe) progress.probe();
        report(false);
      }

      // The xz files are unpacked by the unpacking worker when the page made one; else here, by the xz
      // decoder's wasm, compiled once, when the first file packed with xz is opened.
      const unpackInWorker = unpacker ? unpackingThrough(unpacker) : null;
      let xzModule = null;

      // A data file as a stream of its bytes: base64 text (fetched, or handed over by the page on
      // file://) decoded as it arrives, then unpacked (the manifest says how: "xz" or "gzip").
      function open(name) {
        const entry = files[name];
        let packed;
        if (fromNetwork) {
          let done;
          progress.downloads.push(new Promise((resolve) => { done = () => { mark(`downloaded-${name}`); resolve(); }; }));
          packed = streamFrom(fetch(base + entry.url).then((response) => {
            if (!response.ok) throw new Error(`${entry.url}: HTTP ${response.status}`);
            if (response.headers.get("Content-Encoding")) progress.compressed = true;
            return response.body;
          })).pipeThrough(base64Decoder(entry.prefix, counted, done));
        } else {
          if (typeof texts[name] !== "string") throw new Error(`${name} was not loaded`);
          // Not Blob.stream(): WebKit cannot read a Blob's stream in a worker opened from a folder.
          const bytes = fromBase64(texts[name]);
          packed = new ReadableStream({ start(controller) { controller.enqueue(bytes); controller.close(); } });
        }
        if (entry.packing !== "xz") return packed.pipeThrough(new DecompressionStream("gzip"));
        if (unpackInWorker) return packed.pipeThrough(unpackInWorker());
        xzModule = xzModule || WebAssembly.compile(fromBase64(manifest.xzDecoder));
        return packed.pipeThrough(xzDecoder(xzModule));
      }

      // "auto": the snapshot start if manifest.probe.bytes arrive within manifest.probe.ms of the first
      // request (a link of about 10 Mbps or more: the build says why, in vendor_assets.py), else the
      // normal start, whose download is smaller. A server that compresses sends fewer bytes than arrive,
      // so what arrives is counted at the files' compressed size (`wire` in the manifest). Measured here,
      // on the files every start needs, because the browser's own estimate (navigator.connection) is
      // capped, coarse, and a guess before any download (headless Chromium says 1.35 Mbps on loopback).
      function measuredMode() {
        const probed = ["pyodide.asm.wasm", ...code];
        const sum = (key) => probed.reduce((total, name) => total + (files[name][key] || files[name].chars), 0);
        const onTheWire = () => progress.loaded * (progress.compressed ? sum("wire") / sum("chars") : 1);
        return new Promise((resolve) => {
          const decide = () => {
            if (!progress.probe) return;
            progress.probe = null;
            clearTimeout(timer);
            resolve(onTheWire() >= manifest.probe.bytes ? "snapshot" : "normal");
          };
          progress.probe = () => { if (onTheWire() >= manifest.probe.bytes) decide(); };
          const timer = setTimeout(decide, manifest.probe.ms);
        });
      }

      // Every file is read as it arrives, from the first byte: the wasm compiled while it downloads, the
      // rest into buffers of the size the manifest gives.
      const wasmStream = open("pyodide.asm.wasm");
      const wasm = WebAssembly.compileStreaming
        ? WebAssembly.compileStreaming(new Response(wasmStream, { headers: { "Content-Type": "application/wasm" } }))
        : readAll(wasmStream, files["pyodide.asm.wasm"].bytes).then((bytes) => WebAssembly.compile(bytes));
      wasm.then(() => mark("wasm-compiled"), () => {});
      const data = { wasm };
      // The calculator is needed only once Python has started (or the snapshot is restored), so over a
      // network it is fetched after every other file: the files Python starts from do not share the
      // link with it, and it arrives while Python starts (on a slow link that start takes seconds).
      const readCalculator = () => readAll(open("calculator.zip"), files["calculator.zip"].bytes);
      if (!fromNetwork) data["calculator.zip"] = readCalculator();
      // A download that fails fails the start at once (a success is waited for by whoever needs it).
      const never = new Promise(() => {});
      const firstFailure = () => Promise.race(Object.values(data).map((promise) => promise.then(() => never)));
      // What every start needs: only its failure ends the start while the code downloads (a snapshot that
      // fails to download is met below, by the normal start).
      const commonFailure = firstFailure();
      commonFailure.catch(() => {});  // from a folder nothing waits on it: not an unhandled rejection
      // The code: over http, fetched (for progress), then run with importScripts from the HTTP cache.
      const codeFetched = self.calculatorCode ? null : Promise.all(code.map(async (name) => {
        const response = await fetch(base + files[name].url);
        if (!response.ok) throw new Error(`${files[name].url}: HTTP ${response.status}`);
        const reader = response.body.getReader();
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) counted(chunk.value.length);
      }));
      if (codeFetched) codeFetched.catch(() => {});  // its failure is raced below

      if (mode === "auto") {
        // Progress from the first byte, with no total until the link is measured: a total for a start
        // this link may not take would be a figure the person never sees met.
        report(true);
        mode = await measuredMode();
      }
      const snapshot = manifest.snapshot;
      const snapshotBuffer = mode === "snapshot" ? new Uint8Array(snapshot.headerBytes + snapshot.heapBytes) : null;
      const modeFiles = mode === "snapshot" ? ["snapshot", "leftovers.zip"] : ["stdlib.zip"];
      if (fromNetwork) {
        for (const name of ["pyodide.asm.wasm", "calculator.zip", ...code, ...modeFiles]) progress.total += files[name].chars;
      }
      if (mode === "snapshot") {
        data.snapshot = readInto(open("snapshot"), snapshotBuffer);
        data["leftovers.zip"] = readAll(open("leftovers.zip"), files["leftovers.zip"].bytes);
      } else {
        data["stdlib.zip"] = readAll(open("stdlib.zip"), files["stdlib.zip"].bytes);
      }
      report(true);
      if (fromNetwork) {
        // (A download that fails never ends: its failure is met where its data is awaited.)
        data["calculator.zip"] = Promise.all([...progress.downloads, codeFetched]).then(readCalculator);
        data["calculator.zip"].then(() => { mark("downloaded"); report(true); postMessage({ type: "downloaded" }); },
                                    () => {});
      }
      const calculatorZip = data["calculator.zip"];
      if (codeFetched) {
        await Promise.race([commonFailure, codeFetched]);
        nativeImportScripts(...code.map((name) => base + files[name].url));
      }
      if (!fromNetwork) postMessage({ type: "downloaded" });
      // Pyodide probes for a classic worker with importScripts("data:…") and refuses to start in one
      // (Firefox also logs the probe as a CSP error): it must find no importScripts here.
      self.importScripts = undefined;
      const loadPyodide = self.calculatorCode["pyodide.js"]();
      const createPyodideModule = self.calculatorCode["pyodide.asm.js"](base + "pyodide.asm.js");
      mark("code-run");
      delete self.calculatorCode;

      const options = {
        indexURL: base,
        lockFileContents: { info: manifest.lockInfo, packages: {} },  // no lock file to download
        env: { ...ENV },
        createPyodideModule,
      };
      if (mode === "snapshot") {
        try {
          const pyodide = await startPyodide(loadPyodide, { ...options, stdLibURL: base + "leftovers.zip", _loadSnapshot: snapshotBuffer },
            data, firstFailure(),
            // The file holds the snapshot's heap XORed with the memory the wasm has when instantiated:
            // XOR that memory in again, before Pyodide runs a single instruction.
            async (instance) => {
              const memory = new Uint8Array(instance.exports.memory.buffer);
              if (memory.length !== snapshot.heapBytes) throw new Error(`the wasm has ${memory.length} bytes of memory, the snapshot ${snapshot.heapBytes}`);
              await data.snapshot;
              xorInto(snapshotBuffer, snapshot.headerBytes, memory);
            });
          mark("python-started");
          // The zip index in the snapshot describes the build machine's zip, not this one.
          pyodide.runPython("import sys, zipimport; zipimport._zip_directory_cache.clear(); sys.path_importer_cache.clear()");
          pyodide.unpackArchive(await calculatorZip, "zip", { extractDir: APP_DIR });
          handleJson = pyodide.pyimport("calculator.boundary").handle_json;
          mark("imported");
          return "snapshot";
        } catch (error) {
          // The normal start runs in a fresh worker, which the page starts: this one may still hold a
          // half-started Pyodide that would share its globals (fetch, WebAssembly) with a second one.
          const fallback = new Error(`the fast start failed: ${describe(error)}`);
          fallback.fallback = true;
          throw fallback;
        }
      }
      const pyodide = await startPyodide(loadPyodide, { ...options, stdLibURL: base + "stdlib.zip" }, data, firstFailure(),
                                         async () => {});
      mark("python-started");
      pyodide.unpackArchive(await calculatorZip, "zip", { extractDir: APP_DIR });
      pyodide.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(APP_DIR)})`);
      handleJson = pyodide.pyimport("calculator.boundary").handle_json;
      mark("imported");
      handleJson(WARM_UP);
      mark("warmed-up");
      return "normal";
    }

    // loadPyodide with its wasm fetch and instantiation answered from `memory.wasm` (a compiled module),
    // its other fetches from `memory` (file name → promise of bytes), and `onInstance` run on the fresh
    // instance. Pyodide waits for ever when instantiation fails: that, or `failure`, rejects at once.
    async function startPyodide(loadPyodide, options, memory, failure, onInstance) {
      const browserFetch = self.fetch;
      const { instantiate, instantiateStreaming } = WebAssembly;
      let failed;
      const instantiation = new Promise((_, reject) => { failed = reject; });
      const ours = async (_source, imports) => {
        try {
          const module = await memory.wasm;
          const instance = await instantiate(module, imports);
          mark("instantiated");
          await onInstance(instance);
          return { instance, module };
        } catch (error) {
          failed(error);
          throw error;
        }
      };
      self.fetch = (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        const name = url.slice(url.lastIndexOf("/") + 1);
        if (name === "pyodide.asm.wasm") return Promise.resolve(new Response(new Uint8Array(0), { headers: { "Content-Type": "application/wasm" } }));
        if (name in memory) return memory[name].then((bytes) => new Response(bytes));
        return browserFetch(input, init);
      };
      WebAssembly.instantiateStreaming = ours;
      WebAssembly.instantiate = (source, imports) => source instanceof WebAssembly.Module ? instantiate(source, imports) : ours(source, imports);
      try {
        return await Promise.race([loadPyodide(options), instantiation, failure]);
      } finally {
        self.fetch = browserFetch;
        Object.assign(WebAssembly, { instantiate, instantiateStreaming });
      }
    }

    function streamFrom(bodyPromise) {
      let reader;
      return new ReadableStream({
        async pull(controller) {
          reader = reader || (await bodyPromise).getReader();
          const { done, value } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        },
      });
    }

    // Bytes of `(self.calculatorFiles …)["name"] = "<base64>";` → the bytes the base64 stands for.
    function base64Decoder(prefix, counted, finished) {
      const latin1 = new TextDecoder("latin1");
      let skip = prefix;
      let carry = "";
      let ended = false;
      return new TransformStream({
        transform(chunk, controller) {
          counted(chunk.length);
          if (ended) return;
          const began = performance.now();
          let text = latin1.decode(chunk);
          if (skip) {
            const skipped = Math.min(skip, text.length);
            text = text.slice(skipped);
            skip -= skipped;
          }
          const quote = text.indexOf('"');
          if (quote >= 0) {
            text = text.slice(0, quote);
            ended = true;
          }
          text = carry + text;
          const whole = ended ? text.length : text.length - (text.length % 4);
          carry = text.slice(whole);
          if (whole) controller.enqueue(fromBase64(text.slice(0, whole)));
          timing.decodeMs += performance.now() - began;
        },
        flush() {
          if (!ended) throw new Error("a file ended before its closing quote");
          finished();
        },
      });
    }

    // An .xz stream's bytes → the bytes it packs, as they arrive. xz-embedded's wasm (from the pinned
    // xz-decompress package; one instance per stream, so several files unpack at once) keeps a context
    // in its memory: six 32-bit words, [buffer size, input buffer, input position, input size, output
    // buffer, output position], as that package's own XzContext reads them. get_next_output answers
    // 0 (more to come), 1 (the stream's end) or an error code (a damaged file).
    function xzDecoder(compiled) {
      let xz = null, context = 0, bytes = null, words = null, ended = false;
      function view() {
        if (!bytes || bytes.buffer !== xz.memory.buffer) {
          bytes = new Uint8Array(xz.memory.buffer);
          words = new Uint32Array(xz.memory.buffer);
        }
        return context >> 2;
      }
      // Everything the input given so far unpacks to, until it needs more input.
      function unpack(controller) {
        for (;;) {
          const result = xz.get_next_output(context);
          if (result !== 0 && result !== 1) throw new Error(`a packed file is damaged (xz code ${result})`);
          const at = view(), output = words[at + 4], produced = words[at + 5];
          if (produced) controller.enqueue(bytes.slice(output, output + produced));
          words[at + 5] = 0;
          if (result === 1) {
            ended = true;
            return;
          }
          if (produced < words[at] && words[at + 2] === words[at + 3]) return;
        }
      }
      return new TransformStream({
        async start() {
          xz = (await WebAssembly.instantiate(await compiled, {})).exports;
          context = xz.create_context();
        },
        transform(chunk, controller) {
          const began = performance.now();
          for (let offset = 0; offset < chunk.length && !ended;) {
            const at = view();
            const size = Math.min(words[at], chunk.length - offset);
            bytes.set(chunk.subarray(offset, offset + size), words[at + 1]);
            xz.supply_input(context, size);
            offset += size;
            unpack(controller);
          }
          timing.unpackMs += performance.now() - began;
        },
        flush(controller) {
          // The stream's end is seen on one more call with no input.
          if (!ended) {
            xz.supply_input(context, 0);
            unpack(controller);
          }
          xz.destroy_context(context);
          if (!ended) throw new Error("a packed file ended early");
        },
      });
    }

    function fromBase64(text) {
      if (Uint8Array.fromBase64) return Uint8Array.fromBase64(text);
      const binary = atob(text);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      return bytes;
    }

    async function readInto(stream, buffer) {
      let offset = 0;
      const reader = stream.getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        if (offset + chunk.value.length > buffer.length) throw new Error("a file is longer than its manifest says");
        buffer.set(chunk.value, offset);
        offset += chunk.value.length;
      }
      if (offset !== buffer.length) throw new Error("a file is shorter than its manifest says");
      return buffer;
    }

    function readAll(stream, size) {
      return readInto(stream, new Uint8Array(size));
    }

    function xorInto(buffer, offset, memory) {
      const words = memory.length >> 2;
      const target = new Uint32Array(buffer.buffer, buffer.byteOffset + offset, words);
      const source = new Uint32Array(memory.buffer, memory.byteOffset, words);
      for (let i = 0; i < words; i++) target[i] ^= source[i];
    }
  }

  // In a worker (worker.js loads this file): be the worker half.
  if (typeof document === "undefined") {
    calculatorWorker();
    return;
  }

  // The page half.
  // The browser's own Worker: on file:// Material's offline shim replaces self.Worker with an iframe
  // stand-in; this script runs before the shim (calculator.html loads it first), so keep the real one.
  const NativeWorker = self.Worker;
  const LOADER_FOLDER = document.currentScript ? new URL("./", document.currentScript.src).href : null;
  // No byte for this long while downloading: the link is gone. Never a limit on the whole download.
  const STALL_LIMIT_MS = 30000;
  // Every byte is here but Python has not started after this long (WebKit's slowest start here: ~28 s).
  const START_LIMIT_MS = 45000;
  // One answer takes milliseconds. A request still unanswered after this is stuck: the worker is stopped.
  const ANSWER_TIME_LIMIT_MS = 10000;
  function noAnswer(code) {
    return { error: { code, field: null } };
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

  // The normal start (fewer bytes) when the browser asks to save data; else the worker measures the
  // link on the first bytes and picks ("auto").
  function startMode() {
    return navigator.connection && navigator.connection.saveData ? "normal" : "auto";
  }

  function start(options = {}) {
    const assets = new URL("./", options.assetsURL || LOADER_FOLDER || location.href).href;
    const pyodideFolder = new URL("../pyodide/", assets).href;
    const onStatus = options.onStatus || (() => {});
    const onProgress = options.onProgress || (() => {});
    const answerTimeLimitMs = options.answerTimeLimitMs || ANSWER_TIME_LIMIT_MS;
    const calculator = { state: null, ask, retry };
    let current = null;  // the running start: { worker, ready (promise), waiting, ... }

    function setState(state, detail = null) {
      calculator.state = state;
      // For other scripts on the page: guide-search.js holds Material's search index back while a
      // start is "loading" or "starting" (its worker would take a core from Python's start).
      document.documentElement.dataset.calculator = state;
      onStatus(state, detail);
    }

    function manifest() {
      if (self.calculatorManifest) return Promise.resolve(self.calculatorManifest);
      return loadClassicScript(new URL("manifest.js", pyodideFolder).href).then(() => self.calculatorManifest);
    }

    // From a folder: the page loads every file as a classic script and hands them to a blob: worker.
    async function folderWorker(mode, progressed) {
      const files = (await manifest()).files;
      const names = ["pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "calculator.zip", "stdlib.zip",
                     ...(mode === "snapshot" ? ["snapshot", "leftovers.zip"] : [])];
      const progress = { loaded: 0, total: names.reduce((sum, name) => sum + files[name].chars, 0) };
      progressed({ ...progress });
      await Promise.all(names.map((name) => loadClassicScript(new URL(files[name].url, pyodideFolder).href).then(() => {
        progress.loaded += files[name].chars;
        progressed({ ...progress });
      })));
      performance.mark("calculator-files-loaded");
      const code = self.calculatorCode;
      const source = `self.calculatorCode = { "pyodide.js": ${code["pyodide.js"]},\n"pyodide.asm.js": ${code["pyodide.asm.js"]} };\n` +
                     `(${calculatorWorker})();\n`;
      const worker = new NativeWorker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
      const texts = {};
      for (const name of names) if (self.calculatorFiles && name in self.calculatorFiles) texts[name] = self.calculatorFiles[name];
      delete self.calculatorFiles;  // the page's copies are no longer needed
      delete self.calculatorCode;
      return { worker, texts };
    }

    // A second worker that unpacks the xz files on a thread of its own (the worker half's unpackOn),
    // reached by the Python worker through a channel: returns the Python worker's end. Only a help: a
    // browser that refuses it gets none, and the Python worker unpacks them itself.
    function startUnpacker(run, url, described) {
      // The offline copy packs every file with gzip (overrides/offline_copy.py): nothing to unpack there.
      if (!Object.values(described.files).some((entry) => entry.packing === "xz")) return null;
      try {
        const channel = new MessageChannel();
        run.unpacker = new NativeWorker(url);
        run.unpacker.postMessage({ type: "unpack", port: channel.port1, decoder: described.xzDecoder }, [channel.port1]);
        return channel.port2;
      } catch (error) {
        return null;
      }
    }

    // Ends a start's workers (the unpacking one is not needed once Python has started).
    function endWorkers(run, unpackerOnly = false) {
      if (run.unpacker) run.unpacker.terminate();
      run.unpacker = null;
      if (!unpackerOnly && run.worker) run.worker.terminate();
    }

    // Posts the start to the Python worker, with the unpacking worker's channel when there is one.
    function postStart(run, mode, described, unpackerURL, texts) {
      const unpacker = startUnpacker(run, unpackerURL, described);
      run.worker.postMessage({ type: "start", mode, base: pyodideFolder, manifest: described, texts, unpacker },
                             unpacker ? [unpacker] : []);
    }

    // forcedMode: "normal" after a snapshot start failed; otherwise chosen here and in the worker.
    function launch(forcedMode) {
      if (current) endWorkers(current);
      const run = { worker: null, unpacker: null, waiting: new Map(), nextId: 0, timer: null, over: false };
      current = run;
      performance.mark("calculator-launch");
      setState("loading");
      run.ready = new Promise((resolve, reject) => {
        function fail(detail, message) {
          if (run.over) return;
          run.over = true;
          clearTimeout(run.timer);
          endWorkers(run);
          console.error("calculator could not start:", message);  // for staff; the page shows words
          setState("failed", detail);
          reject(new Error(message));
        }
        function limit(ms, detail) {
          clearTimeout(run.timer);
          run.timer = setTimeout(() => fail(detail, `${detail}: ${ms} ms`), ms);
        }
        function listen(worker) {
          run.worker = worker;
          worker.onmessage = (event) => {
            const message = event.data;
            if (run.over && message.type !== "answer" && message.type !== "error" && message.type !== "broken") return;
            if (message.type === "progress") {
              limit(STALL_LIMIT_MS, "stalled");
              onProgress({ loaded: message.loaded, total: message.total });
            } else if (message.type === "downloaded") {
              limit(START_LIMIT_MS, "timeout");
              setState("starting");
            } else if (message.type === "ready") {
              clearTimeout(run.timer);
              run.over = true;
              endWorkers(run, true);
              // The worker's marks on this page's timeline (same clock, another origin time): `make bench`.
              try {
                for (const [name, startTime] of message.marks || []) {
                  const onPage = message.timeOrigin + startTime - performance.timeOrigin;
                  if (name.startsWith("calculator-")) performance.mark(name, { startTime: Math.max(0, onPage) });
                }
                performance.mark("calculator-decode", { detail: message.decodeMs });
                performance.mark("calculator-unpack", { detail: message.unpackMs });
              } catch (error) {
                // A browser without mark options: the figures are only for `make bench`.
              }
              performance.mark("calculator-ready");  // read by `make bench`
              setState("ready", message.mode);
              resolve(run);
            } else if (message.type === "failed" && message.fallback && mode !== "normal") {
              // The snapshot could not be used: start again normally, in a new worker. Whoever waits on
              // this start now waits on that one.
              run.over = true;
              clearTimeout(run.timer);
              endWorkers(run);
              console.warn("calculator: starting normally:", message.detail);
              launch("normal");
              resolve(current.ready);
            } else if (message.type === "failed") {
              fail(message.unsupported ? "unsupported" : "error", message.detail);
            } else if (message.type === "broken") {
              if (calculator.state !== "ready") fail("error", message.detail);
              else {
                console.error("calculator:", message.detail);
                for (const pending of run.waiting.values()) pending.settle(noAnswer("calculator-error"));
                run.waiting.clear();
              }
            } else if (run.waiting.has(message.id)) {
              const pending = run.waiting.get(message.id);
              run.waiting.delete(message.id);
              if (!run.answered) {
                run.answered = true;
                performance.mark("calculator-first-answer");
              }
              if (message.type === "answer") pending.settle(JSON.parse(message.answer));
              else {
                console.error("calculator could not answer:", message.detail);  // for staff; the page shows words
                pending.settle(noAnswer("calculator-error"));
              }
            }
          };
          // A worker script that cannot load (missing, or sent with a wrong type) fails at once.
          worker.onerror = (event) => {
            event.preventDefault();
            if (calculator.state === "ready" && run === current) {
              for (const pending of run.waiting.values()) pending.settle(noAnswer("calculator-error"));
              run.waiting.clear();
            } else fail("error", event.message || "the worker could not start");
          };
        }
        limit(STALL_LIMIT_MS, "stalled");
        const mode = forcedMode || (location.protocol === "file:" ? "snapshot" : startMode());
        try {
          if (location.protocol === "file:") {
            const progressed = (progress) => {
              limit(STALL_LIMIT_MS, "stalled");
              onProgress(progress);
            };
            folderWorker(mode, progressed).then(({ worker, texts }) => {
              if (run.over) return worker.terminate();
              listen(worker);
              // The unpacking worker needs only the worker half, not Pyodide's code.
              const unpacker = URL.createObjectURL(new Blob([`(${calculatorWorker})();\n`], { type: "text/javascript" }));
              manifest().then((described) => postStart(run, mode, described, unpacker, texts));
            }, (error) => fail("error", error.message));
          } else {
            listen(new NativeWorker(new URL("worker.js", assets)));
            // The same script, named apart (for the browser's tools and the tests).
            manifest().then((described) => postStart(run, mode, described, new URL("worker.js?unpack", assets)),
                            (error) => fail("error", error.message));
          }
        } catch (error) {
          fail("unsupported", String(error));  // a browser that refuses the worker: the page points to the tables
        }
      });
      run.ready.catch(() => {});
    }

    // A stuck worker is stopped, so it does not keep using the person's battery; every request still
    // waiting, and every later one until retry(), is told so.
    function stop(run) {
      run.worker.terminate();
      run.stopped = true;
      for (const pending of run.waiting.values()) pending.settle(noAnswer("calculator-timeout"));
      run.waiting.clear();
      setState("stopped");
    }

    function ask(request) {
      const text = typeof request === "string" ? request : JSON.stringify(request);
      return current.ready.then((run) => new Promise((settle) => {
        if (run.stopped) return settle(noAnswer("calculator-timeout"));
        const id = run.nextId++;
        const timer = setTimeout(() => stop(run), answerTimeLimitMs);
        run.waiting.set(id, { settle: (answer) => { clearTimeout(timer); settle(answer); } });
        run.worker.postMessage({ type: "ask", id, request: text });
      }), () => noAnswer("calculator-failed"));
    }

    function retry() {
      if (calculator.state === "failed" || calculator.state === "stopped") launch();
    }

    launch();
    return calculator;
  }

  self.CalculatorLoader = { start };
})();
