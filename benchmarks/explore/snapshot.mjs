// Pyodide's experimental memory snapshots (issue #19) under Node, with our wheel:
//   1. make: loadPyodide({_makeSnapshot: true}), load koensbalance, import koensbalance.bridge (and
//      every widget view), pyodide.makeMemorySnapshot(); report raw and brotli size;
//   2. restore: loadPyodide({_loadSnapshot}) and check the bridge answers, including a handler
//      whose module was not imported before the snapshot;
//   3. time start-up to "bridge answers" with and without the snapshot, --runs N each (medians).
//   node snapshot.mjs [--stage DIR] [--runs 5] [--mode unpack] [--preimport bridge|all] [--twice]
//     [--out build/explore/snapshot.bin]
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createHash } from "node:crypto";
import { brotliCompressSync, constants } from "node:zlib";
import { ROOT, loadPyodideFrom, median, option, stagedFolder } from "./common.mjs";

const stage = stagedFolder();
const runs = Number(option("--runs", "5"));
const out = option("--out", join(ROOT, "build", "explore", "snapshot.bin"));
const preimport = option("--preimport", "bridge");  // "bridge" or "all" (every widget view too)
// How the wheel gets in before the snapshot: "loadpackage" (pyodide.loadPackage: fails in 314.0.7,
// "Unexpected hiwire entry"), "unpack" (write the wheel into MEMFS and unzip it into site-packages
// from Python, no package manager), or "bare" (snapshot the bare interpreter, load the wheel after).
const mode = option("--mode", "unpack");
const WHEEL = readdirSync(stage).find((f) => f.startsWith("koensbalance-") && f.endsWith(".whl"));
const UNPACK = `import zipfile, site
zipfile.ZipFile("/tmp/${WHEEL}").extractall(site.getsitepackages()[0])`;

// Put the wheel's files in place without the package manager (after a restore too: MEMFS is not
// part of the snapshot, only the wasm heap is).
function unpack(py) {
  py.FS.writeFile(`/tmp/${WHEEL}`, readFileSync(stage + WHEEL));
  py.runPython(UNPACK);
}
const PREIMPORT = {
  bridge: "import koensbalance.bridge",
  all: "import koensbalance.bridge, koensbalance.vurdering.view, koensbalance.maaltal.opfoelgning_view",
};
const CALL = `import json; from koensbalance import bridge
json.loads(bridge.call("vurdering.example", "{}"))["ok"]`;

async function make() {
  const started = performance.now();
  const py = await loadPyodideFrom(stage, { _makeSnapshot: true });
  if (mode === "loadpackage") await py.loadPackage("koensbalance", { messageCallback: () => {} });
  if (mode === "unpack") unpack(py);
  if (mode !== "bare") py.runPython(PREIMPORT[preimport]);
  const snapshot = py.makeMemorySnapshot();
  return { snapshot, ms: performance.now() - started };
}

async function cold() {
  const started = performance.now();
  const py = await loadPyodideFrom(stage);
  await py.loadPackage("koensbalance", { messageCallback: () => {} });
  const ok = py.runPython(CALL);
  return { ok, ms: performance.now() - started };
}

async function fromSnapshot(bytes, withFiles = true) {
  const started = performance.now();
  const py = await loadPyodideFrom(stage, { _loadSnapshot: bytes });
  if (mode === "bare") await py.loadPackage("koensbalance", { messageCallback: () => {} });
  let ok;
  let error = null;
  try {
    if (mode === "unpack" && withFiles) unpack(py);  // what a worker would do: lazy imports need them
    ok = py.runPython(CALL);
  } catch (e) {
    error = String(e).split("\n").filter(Boolean).slice(-1)[0];
  }
  return { ok, error, ms: performance.now() - started, py };
}

const report = { stage, mode, preimport, runs };
try {
  const made = await make();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, made.snapshot);
  report.make_ms = Math.round(made.ms);
  report.snapshot_raw = made.snapshot.length;
  report.snapshot_brotli = brotliCompressSync(made.snapshot, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: made.snapshot.length },
  }).length;
  // Robust across a rebuild? The same inputs made again must give the same bytes, or a snapshot
  // cannot be cached by the staging fingerprint (the heap holds our modules' code: a new wheel
  // always needs a new snapshot; restoreSnapshot itself checks only Pyodide's BUILD_ID).
  if (process.argv.includes("--twice")) {
    const again = await make();
    const hash = (b) => createHash("sha256").update(b).digest("hex").slice(0, 16);
    report.same_bytes_when_made_again = hash(again.snapshot) === hash(made.snapshot);
    let differing = 0;
    for (let i = 0; i < made.snapshot.length; i++) if (made.snapshot[i] !== again.snapshot[i]) differing++;
    report.bytes_differing_when_made_again = differing;
  }
} catch (e) {
  report.make_error = String(e).split("\n")[0];
  console.log(JSON.stringify(report, null, 1));
  process.exit(0);
}
const bytes = new Uint8Array(readFileSync(out));
const first = await fromSnapshot(bytes, false);
report.restore_ok = first.ok === true;
report.restore_error = first.error;
if (first.py) {
  // A handler whose view was not imported before the snapshot: its files must still be there.
  try {
    report.lazy_import_after_restore = first.py.runPython(`import json; from koensbalance import bridge
json.loads(bridge.call("opfoelgning.start", "{}")).get("ok") is not None`);
  } catch (e) {
    report.lazy_import_after_restore = String(e).split("\n").filter(Boolean).slice(-1)[0];
  }
  // Putting the wheel's files back after the restore (MEMFS is not in the snapshot)
  try {
    unpack(first.py);
    report.lazy_import_after_reload = first.py.runPython(`import json; from koensbalance import bridge
json.loads(bridge.call("opfoelgning.start", "{}")).get("ok") is not None`);
  } catch (e) {
    report.lazy_import_after_reload = String(e).split("\n").filter(Boolean).slice(-1)[0];
  }
}
const coldMs = [];
const snapMs = [];
for (let i = 0; i < runs; i++) {  // interleaved, so a load spike hits both
  coldMs.push((await cold()).ms);
  snapMs.push((await fromSnapshot(new Uint8Array(readFileSync(out)))).ms);
}
report.cold_ms = coldMs.map(Math.round);
report.snapshot_ms = snapMs.map(Math.round);
report.cold_median_ms = Math.round(median(coldMs));
report.snapshot_median_ms = Math.round(median(snapMs));
report.ratio = +(median(snapMs) / median(coldMs)).toFixed(2);
console.log(JSON.stringify(report, null, 1));
