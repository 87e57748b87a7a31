// The calculator's worker over http(s): a classic worker running the worker half of the shared loader
// (loader.js), which loads Pyodide, starts it (from the memory snapshot if it can) and answers requests.
// It is a dumb pipe: a JSON request string in, calculator.boundary.handle_json's JSON string out.
importScripts("loader.js");
