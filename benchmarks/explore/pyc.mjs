// Precompiled bytecode (issue #19): Pyodide ships its standard library as .py sources, and our wheels
// are sources too, so every start compiles every module it imports. This compiles them with the same
// interpreter (Pyodide under Node: the bytecode must match CPython 3.14.2 exactly), writes a stdlib
// zip and a koensbalance wheel holding .pyc instead of .py, then times start-up (loadPyodide +
// koensbalance + importing the bridge) with sources vs bytecode, interleaved; medians.
//   node pyc.mjs [--stage DIR] [--runs 5] [--out /tmp/pyc]
import { mkdirSync, readFileSync, readdirSync, writeFileSync, copyFileSync } from "node:fs";
import { join } from "node:path";
import { loadPyodideFrom, median, option, stagedFolder } from "./common.mjs";

const stage = stagedFolder();
const runs = Number(option("--runs", "5"));
const out = option("--out", "/tmp/pyc") + "/";
mkdirSync(out, { recursive: true });

const COMPILE = `
import importlib.util, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

def to_pyc(src_path, dst_path, prefix):
    src = zipfile.ZipFile(src_path)
    dst = zipfile.ZipFile(dst_path, "w", zipfile.ZIP_STORED)
    for info in src.infolist():
        data = src.read(info)
        name = info.filename
        if name.endswith(".py") and not name.endswith(".data/"):
            code = compile(data, prefix + name, "exec", dont_inherit=True)
            dst.writestr(name + "c", bytes(_code_to_hash_pyc(code, importlib.util.source_hash(data), False)))
        else:
            dst.writestr(name, data)
    dst.close()
`;

const py = await loadPyodideFrom(stage);
py.runPython(COMPILE);
const wheel = readdirSync(stage).find((f) => f.startsWith("koensbalance-"));
for (const [file, prefix] of [["python_stdlib.zip", "/lib/python314.zip/"], [wheel, "/lib/python3.14/site-packages/"]]) {
  py.FS.writeFile("/tmp/in.zip", readFileSync(stage + file));
  py.runPython(`to_pyc("/tmp/in.zip", "/tmp/out.zip", ${JSON.stringify(prefix)})`);
  writeFileSync(out + file, py.FS.readFile("/tmp/out.zip"));
}
// A staged copy whose zip and wheel are the compiled ones (same file names; the lock's sha256 of the
// wheel is patched).
const compiled = out + "stage/";
mkdirSync(compiled, { recursive: true });
for (const f of readdirSync(stage)) copyFileSync(stage + f, compiled + f);
copyFileSync(out + "python_stdlib.zip", compiled + "python_stdlib.zip");
copyFileSync(out + wheel, compiled + wheel);
const { createHash } = await import("node:crypto");
const lock = JSON.parse(readFileSync(stage + "pyodide-lock.json", "utf8"));
lock.packages.koensbalance.sha256 = createHash("sha256").update(readFileSync(compiled + wheel)).digest("hex");
writeFileSync(compiled + "pyodide-lock.json", JSON.stringify(lock));

const CALL = `import json; from koensbalance import bridge
json.loads(bridge.call("vurdering.example", "{}"))["ok"]`;
const times = { source: [], bytecode: [] };
const boot = { source: [], bytecode: [] };
for (let i = 0; i < runs; i++) {
  for (const [name, folder] of [["source", stage], ["bytecode", compiled]]) {
    const t0 = performance.now();
    const p = await loadPyodideFrom(folder, { packages: ["koensbalance"] });
    boot[name].push(performance.now() - t0);
    p.runPython(CALL);
    times[name].push(performance.now() - t0);
  }
}
const size = (f) => readFileSync(f).length;
console.log(JSON.stringify({
  runs,
  boot_ms: Object.fromEntries(Object.entries(boot).map(([k, v]) => [k, Math.round(median(v))])),
  boot_and_bridge_ms: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.round(median(v))])),
  ratio: +(median(times.bytecode) / median(times.source)).toFixed(2),
  stdlib_bytes: { source: size(stage + "python_stdlib.zip"), bytecode: size(out + "python_stdlib.zip") },
  wheel_bytes: { source: size(stage + wheel), bytecode: size(out + wheel) },
}, null, 1));
