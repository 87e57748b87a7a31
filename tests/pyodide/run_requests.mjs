// Runs JSON requests through calculator.boundary.handle_json inside the pinned npm Pyodide, offline.
// Usage: node run_requests.mjs <calculator.zip> <requests.json> [repeat] [raw_texts.json]
// (requests: a JSON array of request objects; raw_texts: a JSON array of request strings sent as they
// are, for texts no object stringifies to, such as 7,000 nested brackets).
// Prints {"responses": [...], "raw_responses": [...], "timings": {...}} on stdout. The zip is unpacked
// the way the browser worker does it (pyodide.unpackArchive), so this exercises the same loading path.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { loadPyodide } from "pyodide";

const [zipPath, requestsPath, repeatArg, rawTextsPath] = process.argv.slice(2);
const requests = JSON.parse(readFileSync(requestsPath, "utf8"));
const rawTexts = rawTextsPath ? JSON.parse(readFileSync(rawTextsPath, "utf8")) : [];
const repeat = Number(repeatArg || 0);

const started = performance.now();
const pyodide = await loadPyodide();
const loaded = performance.now();
pyodide.unpackArchive(new Uint8Array(readFileSync(zipPath)), "zip", { extractDir: "/home/pyodide/app" });
pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/app')");
const handleJson = pyodide.pyimport("calculator.boundary").handle_json;
const imported = performance.now();

const responses = requests.map((request) => JSON.parse(handleJson(JSON.stringify(request))));
const rawResponses = rawTexts.map((text) => JSON.parse(handleJson(text)));
// A stack overflow inside wasm would have left Pyodide unusable for good: ask once more afterwards.
const answerAfterRaw = rawTexts.length ? JSON.parse(handleJson(JSON.stringify(requests[0]))) : null;

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
  raw_responses: rawResponses,
  answer_after_raw: answerAfterRaw,
  timings: { load_ms: loaded - started, import_ms: imported - loaded, per_call_ms: perCallMs },
}));
