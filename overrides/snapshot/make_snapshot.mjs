// Builds what the browser needs to start the calculator fast, from the pinned npm `pyodide`, in Node:
//
//   stdlib.zip      the standard library modules the calculator and Pyodide use, compiled to .pyc
//                   (unchecked-hash, by Pyodide's own CPython): a normal start reads these instead of
//                   compiling sources, and nothing else is shipped. Which modules: traced (see
//                   "Which modules" below), not guessed. The modules lose their docstrings (as with
//                   `python -OO`, asserts kept) and their column and per-line positions (every
//                   instruction is reported at its function's first line): about 40% fewer bytes on a
//                   slow link than the full .pyc
//   leftovers.zip   the same, less every module already imported in the snapshot: what a start from
//                   the snapshot may still import
//   snapshot.xor    a Pyodide memory snapshot taken with calculator.boundary imported and warmed up;
//                   its heap XORed with the memory the wasm has right after instantiation, so every
//                   byte the browser already has is a zero (gzip then shrinks it to the bytes that differ)
//   calculator.zip  the calculator (the zip given, with its .py sources) with every module compiled to
//                   a sourceless .pyc, by Pyodide's CPython: what both starts unpack and import
//   snapshot.json   { heapBytes, headerBytes, requests, python, stdlib (the modules in stdlib.zip), frozen }
//
// It fails (exit 1) unless a normal start from stdlib.zip and a start from the snapshot (both with the
// compiled calculator.zip, the normal one importing every calculator module from its .pyc) answer
// every request in check_requests.json byte for byte like a normal start from the npm package's full
// standard library. Usage: node make_snapshot.mjs <calculator.zip> <check_requests.json> <out dir>
//
// Memory snapshots are private API of Pyodide 314 (_makeSnapshot, _loadSnapshot, makeMemorySnapshot):
// keep the exact pin in package.json; the browser falls back to a normal start if a snapshot fails.
import nodeCrypto from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const [calculatorZipPath, requestsPath, keepPath, outDir] = process.argv.slice(2);
// Emscripten names the program after process.argv[1] (this script's path: sys.argv, sys.executable and
// the environment's `_` keep it) and passes on the rest: with only node's own entry left, every build
// gets the browser's "./this.program", wherever its checkout is.
process.argv.length = 1;
const PYODIDE_DIR = fileURLToPath(new URL("../../node_modules/pyodide/", import.meta.url));
const APP_DIR = "/home/pyodide/app";
// Modules the calculator will import that the trace cannot see yet (one name a line, # comments).
const KEEP_MODULES = readFileSync(keepPath, "utf8").split("\n").map((line) => line.replace(/#.*/, "").trim())
  .filter(Boolean);
// Imported while Pyodide starts, but only inside `try: import … except ImportError:` (asyncio's TLS
// support, and the bz2, xz and zstd archive formats of shutil and zipfile, which unpack only our
// deflate zip): left out, those modules fall back to "not available". The checks below prove that the
// start and every answer stay the same without them.
const OPTIONAL_IMPORTS = ["ssl", "bz2", "lzma", "compression"];
// A hash seed fixed for every start, so a snapshot's dicts and sets are those of any other start.
const ENV = { PYTHONHASHSEED: "0" };
const lock = JSON.parse(readFileSync(join(PYODIDE_DIR, "pyodide-lock.json"), "utf8"));
// No lock file download in the browser either: a standard-library app needs only its "info".
const LOCK = { info: lock.info, packages: {} };

// Randomness, made repeatable: Emscripten fills /dev/urandom and getentropy() from node:crypto's
// randomFillSync, and Python seeds `random` (imported with the calculator) and its hash secrets from it.
// Left random, every snapshot holds another Mersenne Twister state and two clean builds write two zips.
// A SHA-256 counter stream gives the same bytes on every build; the snapshot is published in the site
// anyway, so the state it freezes was never a secret, and the calculator draws no random numbers.
let entropyCounter = 0;
nodeCrypto.randomFillSync = function repeatableFill(view) {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  for (let filled = 0; filled < bytes.length;) {
    const block = nodeCrypto.createHash("sha256").update(`make_snapshot entropy ${entropyCounter++}`).digest();
    const count = Math.min(block.length, bytes.length - filled);
    bytes.set(block.subarray(0, count), filled);
    filled += count;
  }
  return view;
};

// The clock, stopped for the same reason: Python keeps times it read at start-up and file times from
// Emscripten's in-memory file system (Date.now, performance.now, new Date()) in the heap, and the time
// zone (TZ, read by tzset) too. Nothing here needs time to pass; the build checks below still compare
// every answer with a normal start.
const STOPPED_CLOCK_MS = Date.UTC(2000, 0, 1);
process.env.TZ = "UTC";
const SystemDate = Date;
globalThis.Date = class StoppedDate extends SystemDate {
  constructor(...args) { if (args.length) super(...args); else super(STOPPED_CLOCK_MS); }
  static now() { return STOPPED_CLOCK_MS; }
};
performance.now = () => 0;

// The memory of the wasm instance as instantiated, before any code ran: the base the snapshot is XORed with.
let freshMemory = null;
const instantiate = WebAssembly.instantiate;
WebAssembly.instantiate = async function (...args) {
  const result = await instantiate.apply(this, args);
  const instance = result.instance || result;
  if (instance.exports && instance.exports.memory) freshMemory = new Uint8Array(instance.exports.memory.buffer).slice();
  return result;
};

const calculatorZip = new Uint8Array(readFileSync(calculatorZipPath));
const requests = JSON.parse(readFileSync(requestsPath, "utf8")).map((request) => JSON.stringify(request));

function fail(message) {
  console.error(`make_snapshot: ${message}`);
  process.exit(1);
}

async function start(options) {
  freshMemory = null;
  return loadPyodide({ lockFileContents: LOCK, env: { ...ENV }, ...options });
}

function installCalculator(pyodide, zip = calculatorZip) {
  pyodide.unpackArchive(zip, "zip", { extractDir: APP_DIR });
  pyodide.runPython(`import sys\nif ${JSON.stringify(APP_DIR)} not in sys.path: sys.path.insert(0, ${JSON.stringify(APP_DIR)})`);
  return pyodide.pyimport("calculator.boundary").handle_json;
}

function answers(handleJson) {
  return requests.map((request) => handleJson(request));
}

function compareAnswers(label, got, expected) {
  const wrong = expected.findIndex((answer, index) => got[index] !== answer);
  if (wrong >= 0) {
    fail(`${label} answers request ${wrong} differently from a normal start:\n  request ${requests[wrong]}\n` +
         `  normal  ${expected[wrong].slice(0, 300)}\n  ${label} ${String(got[wrong]).slice(0, 300)}`);
  }
}

// Python, run inside Pyodide: the names of the standard library modules imported so far from the zip.
// By where their code was loaded from (__spec__.origin): frozen modules report a __file__ in the zip too.
const STDLIB_MODULES = `
import sys
sorted(name for name, module in list(sys.modules.items())
       if (getattr(getattr(module, "__spec__", None), "origin", None) or "").startswith("/lib/python3"))
`;
// Python: import every name in \`names\` (the keep-list), so the trace sees their own imports too.
const IMPORT_ALL = `
import importlib
def import_all(names):
    for name in names:
        importlib.import_module(name)
`;
// Python: zip `names` (and the packages holding them) from the standard library at `source`, compiled
// to unchecked-hash .pyc, into `target`. Entries sorted and dated 1980, so the same modules give the same zip.
// Compiled without docstrings: CPython runs and tests its library that way (python -OO), Pyodide's
// _pyodide/docstring.py takes a missing one as "", and no one reads help() here. Asserts stay. Each
// code object's location table says only "line co_firstlineno, no columns" for every instruction: a
// traceback from the standard library names the file and function but the function's first line (the
// calculator's own code, unpacked as .py, keeps its exact lines). The table is half of what is left
// of a .pyc once docstrings are gone. The build checks below show the answers are the same.
const WRITE_PYC_ZIP = `
import ast, importlib.util, importlib._bootstrap_external as external, zipfile
NO_COLUMNS = 13  # _PyCodeLocationInfoKind PY_CODE_LOCATION_INFO_NO_COLUMNS: a line delta, no columns
def first_line_only(code):
    # One entry per 8 code units (caches included), each "line delta 0" (a zero signed varint).
    units = len(code.co_code) // 2
    table = bytearray()
    while units > 0:
        count = min(units, 8)
        table += bytes([0x80 | (NO_COLUMNS << 3) | (count - 1), 0])
        units -= count
    constants = tuple(first_line_only(constant) if isinstance(constant, type(code)) else constant
                      for constant in code.co_consts)
    return code.replace(co_linetable=bytes(table), co_consts=constants)
def without_docstrings(tree):
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
                    and isinstance(first.value.value, str)):
                node.body = node.body[1:] or [ast.copy_location(ast.Pass(), first)]
    return tree
def write_pyc_zip(source, target, names):
    wanted = set()
    for name in names:
        parts = name.split(".")
        wanted.update(".".join(parts[:end]) for end in range(1, len(parts) + 1))
    with zipfile.ZipFile(source) as stdlib:
        present = set(stdlib.namelist())
        entries = {}
        for name in sorted(wanted):
            path = name.replace(".", "/")
            for source_name, pyc_name in ((path + "/__init__.py", path + "/__init__.pyc"), (path + ".py", path + ".pyc")):
                if source_name in present:
                    data = stdlib.read(source_name)
                    tree = without_docstrings(ast.parse(data, "/lib/python3.zip/" + source_name))
                    code = first_line_only(compile(tree, "/lib/python3.zip/" + source_name, "exec", dont_inherit=True, optimize=0))
                    entries[pyc_name] = external._code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False)
                    break
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive:
        for name in sorted(entries):
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), entries[name])
    return len(entries)
`;

// Python: the calculator's zip (`data`, its .py sources) with each module compiled to a sourceless
// .pyc (by this Pyodide's CPython, so its magic number matches), docstrings dropped as in stdlib.zip,
// line numbers kept (a traceback from the calculator names its real lines). Python imports a .pyc that
// has no .py beside it without checking anything, so a normal start runs the calculator without
// compiling it (seconds on a phone). Stored, not deflated: the site gzips the whole zip, and gzip finds
// what the modules share only across them. Dated 1980, sorted: the same calculator gives the same zip.
const WRITE_CALCULATOR_PYC_ZIP = `
import ast, importlib._bootstrap_external as external, io, zipfile
def calculator_pyc_zip(data, app_dir):
    entries = {}
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as sources:
        for name in sources.namelist():
            content = sources.read(name)
            if name.endswith(".py"):
                path = app_dir + "/" + name
                code = compile(without_docstrings(ast.parse(content, path)), path, "exec", dont_inherit=True, optimize=0)
                name, content = name + "c", external._code_to_timestamp_pyc(code, 0, 0)
            entries[name] = content
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as target:
        for name in sorted(entries):
            target.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), entries[name])
    return archive.getvalue()
`;

mkdirSync(outDir, { recursive: true });

function isOptional(name) {
  return OPTIONAL_IMPORTS.some((optional) => name === optional || name.startsWith(`${optional}.`));
}

// The standard library modules a start imports: Pyodide's own start, unpacking and importing the
// calculator, every check request, then the keep-list. Returns [answers, module names].
function trace(pyodide, zip = calculatorZip) {
  const handleJson = installCalculator(pyodide, zip);
  const given = answers(handleJson);
  pyodide.runPython(IMPORT_ALL);
  pyodide.globals.get("import_all")(pyodide.toPy(KEEP_MODULES));
  return [given, pyodide.runPython(STDLIB_MODULES).toJs()];
}

// 1. A normal start from the npm package: the answers every other start must give, and the modules used.
const normal = await start({});
const [expected, traced] = trace(normal);
const stdlibName = normal.runPython("import sys; [p for p in sys.path if p.endswith('.zip')][0]");
normal.runPython(WRITE_PYC_ZIP);
const writePycZip = normal.globals.get("write_pyc_zip");
const stdlibPath = join(outDir, "stdlib.zip");
function writeStdlib(names) {
  writePycZip(stdlibName, "/tmp/stdlib.zip", normal.toPy(names));
  writeFileSync(stdlibPath, normal.FS.readFile("/tmp/stdlib.zip"));
}
writeStdlib(traced.filter((name) => !isOptional(name)));
// What ships: the calculator compiled (every start below runs it, as the browser will).
normal.runPython(WRITE_CALCULATOR_PYC_ZIP);
const shippedCalculatorZip = normal.globals.get("calculator_pyc_zip")(calculatorZip, APP_DIR).toJs();
writeFileSync(join(outDir, "calculator.zip"), shippedCalculatorZip);

// 2. A normal start from the trimmed, precompiled standard library answers the same; what it imported
// is what ships (a module only the optional ones needed is gone now), and a start from that answers
// the same again.
const [trimmedAnswers, used] = trace(await start({ stdLibURL: stdlibPath }), shippedCalculatorZip);
compareAnswers("a start from the first trimmed stdlib.zip", trimmedAnswers, expected);
writeStdlib(used);
const shippedStart = await start({ stdLibURL: stdlibPath });
const [shippedAnswers, shippedUsed] = trace(shippedStart, shippedCalculatorZip);
compareAnswers("a start from stdlib.zip and the compiled calculator", shippedAnswers, expected);
const compiledAtRunTime = shippedStart.runPython(`
import sys
sorted(name for name, module in list(sys.modules.items()) if name.split(".")[0] == "calculator"
       and not (getattr(getattr(module, "__spec__", None), "origin", None) or "").endswith(".pyc"))`).toJs();
if (compiledAtRunTime.length) fail(`calculator modules not imported from their .pyc: ${compiledAtRunTime.join(", ")}`);
const unshipped = shippedUsed.filter((name) => !used.includes(name));
if (unshipped.length) fail(`a start from stdlib.zip imported modules it does not hold: ${unshipped.join(", ")}`);

// 3. The snapshot: calculator imported, its data read (one request of each kind), garbage collected.
const maker = await start({ _makeSnapshot: true, stdLibURL: stdlibPath });
const makerFresh = freshMemory;
const warmUp = installCalculator(maker, shippedCalculatorZip);
for (const kind of ["fee", "deadline", "letter"]) {
  warmUp(requests.find((text) => JSON.parse(text).kind === kind && !("error" in JSON.parse(warmUp(text)))));
}
const imported = new Set(maker.runPython(STDLIB_MODULES).toJs());
writePycZip(stdlibName, "/tmp/leftovers.zip", normal.toPy(used.filter((name) => !imported.has(name))));
const leftoversZip = normal.FS.readFile("/tmp/leftovers.zip");
const leftoversPath = join(outDir, "leftovers.zip");
writeFileSync(leftoversPath, leftoversZip);
// The zip index describes this machine's zip; the browser's leftovers.zip is another file.
maker.runPython("import gc, zipimport, sys; zipimport._zip_directory_cache.clear(); sys.path_importer_cache.clear(); gc.collect()");
const snapshot = maker.makeMemorySnapshot();
const headerBytes = new Uint32Array(snapshot.buffer, snapshot.byteOffset, 4)[1];
const heapBytes = snapshot.length - headerBytes;
// pyodide#6254: Pyodide 314 sizes the restored heap from the wasm, not from the snapshot, so a snapshot
// taken after the heap grew cannot be restored.
if (heapBytes !== makerFresh.length) {
  fail(`the heap grew from ${makerFresh.length} to ${heapBytes} bytes before the snapshot (pyodide#6254): warm up less`);
}
const xored = snapshot.slice();
for (let i = 0; i < heapBytes; i++) xored[headerBytes + i] ^= makerFresh[i];
writeFileSync(join(outDir, "snapshot.xor"), xored);

// 4. A start from the snapshot, rebuilt from the XORed file as the browser does it, answers the same.
const rebuilt = xored.slice();
const asm = await import(join(PYODIDE_DIR, "pyodide.asm.mjs"));
const restored = await start({
  stdLibURL: leftoversPath,
  _loadSnapshot: rebuilt,
  // Once the wasm is instantiated, its fresh memory turns the XORed heap back into the snapshot's.
  createPyodideModule: async (settings) => {
    const module = await asm.default(settings);
    for (let i = 0; i < heapBytes; i++) rebuilt[headerBytes + i] ^= freshMemory[i];
    return module;
  },
});
restored.runPython("import zipimport, sys; zipimport._zip_directory_cache.clear(); sys.path_importer_cache.clear()");
const restoredHandleJson = installCalculator(restored, shippedCalculatorZip);
compareAnswers("a start from the snapshot", answers(restoredHandleJson), expected);
writeFileSync(join(outDir, "snapshot.json"), JSON.stringify({
  heapBytes, headerBytes, requests: requests.length, python: normal.runPython("import sys; sys.version.split()[0]"),
  stdlib: used,
  // Modules CPython carries inside the wasm (os, codecs, importlib._bootstrap, …): never shipped in a zip.
  frozen: normal.runPython("import _imp; sorted(_imp._frozen_module_names())").toJs(),
}));
