// Runs JSON requests through calculator.boundary.handle_json inside the pinned npm Pyodide, offline.
// Usage: node run_requests.mjs <calculator.zip> <requests.json>   (requests: a JSON array)
// Prints {"responses": [...], "timings": {...}} on stdout. The zip is unpacked the way the browser
// worker does it (pyodide.unpackArchive), so this exercises the same loading path.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { loadPyodide } from "pyodide";

const [zipPath, requestsPath, repeatArg] = process.argv.slice(2);
const requests = JSON.parse(readFileSync(requestsPath, "utf8"));
const repeat = Number(repeatArg || 0);

const started = performance.now();
const pyodide = await loadPyodide();
const loaded = performance.now();
pyodide.unpackArchive(new Uint8Array(readFileSync(zipPath)), "zip", { extractDir: "/home/pyodide/app" });
pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/app')");
const handleJson = pyodide.pyimport("calculator.boundary").handle_json;
const imported = performance.now();

const responses = requests.map((request) => JSON.parse(handleJson(JSON.stringify(request))));

// Optional timing loop for the benchmark: each request `repeat` times, after a warm-up pass above.
let perCallMs = null;
if (repeat > 0) {
  const texts = requests.map((request) => JSON.stringify(request));
  const loopStart = performance.now();
  for (let i = 0; i < repeat; i++) for (const text of texts) handleJson(text);
  perCallMs = (performance.now() - loopStart) / (repeat * texts.length);
}
process.stdout.write(JSON.stringify({
  python: pyodide.runPython("import sys; sys.version.split()[0]"),
  responses,
  timings: { load_ms: loaded - started, import_ms: imported - loaded, per_call_ms: perCallMs },
}));
