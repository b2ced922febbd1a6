// Build step (macros/pyodide_bytecode.py): compile the staged python_stdlib.zip and wheels to bytecode
// with the interpreter that will run them, Pyodide's own CPython, under Node.
//   node pyodide_bytecode.mjs STAGE FULL_STDLIB_ZIP COMPILER_PY NAME...
// Each NAME in STAGE is replaced by its bytecode version; prints one JSON line
// {name: {compiled, kept, bytes}}. Any failure exits non-zero with one line on stderr.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const [stage, fullStdlib, compiler, ...names] = process.argv.slice(2);
try {
  const { loadPyodide } = await import(join(stage, "pyodide.mjs"));
  const py = await loadPyodide({
    indexURL: stage + "/", stdLibURL: fullStdlib, lockFileURL: join(dirname(fullStdlib), "pyodide-lock.json"),
    stdout: () => {}, stderr: () => {},
  });
  py.runPython(readFileSync(compiler, "utf8"));
  const prefixes = JSON.parse(py.runPython(`
import json, site, sys
json.dumps({"stdlib": next(p for p in sys.path if p.endswith(".zip")) + "/",
            "wheel": site.getsitepackages()[0] + "/"})`));
  const report = {};
  for (const name of names) {
    const prefix = name.endsWith(".whl") ? prefixes.wheel : prefixes.stdlib;
    py.FS.writeFile("/tmp/in.zip", readFileSync(join(stage, name)));
    const result = py.runPython(`
_data, _compiled, _kept = to_bytecode(open("/tmp/in.zip", "rb").read(), ${JSON.stringify(prefix)})
open("/tmp/out.zip", "wb").write(_data)
json.dumps({"compiled": _compiled, "kept": _kept, "bytes": len(_data)})`);
    writeFileSync(join(stage, name + ".tmp"), py.FS.readFile("/tmp/out.zip"));
    renameSync(join(stage, name + ".tmp"), join(stage, name));
    report[name] = JSON.parse(result);
  }
  console.log(JSON.stringify(report));
} catch (error) {
  console.error(String(error && error.message ? error.message : error).trim().split("\n").at(-1));
  process.exit(1);
}
