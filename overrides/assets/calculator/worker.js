// The calculator's worker: starts Pyodide, unpacks the calculator package, and answers requests.
// It is a dumb pipe: a JSON request string in, calculator.boundary.handle_json's JSON string out.
// A module worker: Pyodide 314 refuses to start in a classic one.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const ready = (async () => {
  // Fetch our package while Pyodide compiles, not after.
  const calculatorZip = fetch(new URL("calculator.zip", self.location)).then((response) => {
    if (!response.ok) throw new Error(`calculator.zip: HTTP ${response.status}`);
    return response.arrayBuffer();
  });
  const pyodide = await loadPyodide({ indexURL: new URL("../pyodide/", self.location).href });
  pyodide.unpackArchive(await calculatorZip, "zip", { extractDir: "/home/pyodide/app" });
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/app')");
  const handleJson = pyodide.pyimport("calculator.boundary").handle_json;
  // The first call reads the law data files; do it now so the person's first answer is fast.
  handleJson('{"kind": "fee", "pages": 1, "date": "2024-07-01"}');
  return handleJson;
})();

ready.then(
  () => postMessage({ type: "ready" }),
  (error) => postMessage({ type: "failed", detail: String(error) }),
);

// handle_json never raises, but Pyodide itself can (a wasm stack overflow is fatal to it): answer with
// an error then, so the page says so instead of waiting for ever.
onmessage = async (event) => {
  const { id, request } = event.data;
  try {
    const handleJson = await ready;
    postMessage({ type: "answer", id, answer: handleJson(request) });
  } catch (error) {
    postMessage({ type: "error", id, detail: String(error) });
  }
};
