// Pyodide's experimental memory snapshots (issue #19) under Node, with our wheel:
//   1. make: loadPyodide({_makeSnapshot: true}), load koensbalance, import koensbalance.bridge (and
//      every widget view), pyodide.makeMemorySnapshot(); report raw and brotli size;
//   2. restore: loadPyodide({_loadSnapshot}) and check the bridge answers, including a handler
//      whose module was not imported before the snapshot;
//   3. time start-up to "bridge answers" with and without the snapshot, --runs N each (medians).
//   node snapshot.mjs [--stage DIR] [--runs 5] [--out build/explore/snapshot.bin]
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";
import { ROOT, loadPyodideFrom, median, option, stagedFolder } from "./common.mjs";

const stage = stagedFolder();
const runs = Number(option("--runs", "5"));
const out = option("--out", join(ROOT, "build", "explore", "snapshot.bin"));
const preimport = option("--preimport", "bridge");  // "bridge" or "all" (every widget view too)
const PREIMPORT = {
  bridge: "import koensbalance.bridge",
  all: "import koensbalance.bridge, koensbalance.vurdering.view, koensbalance.maaltal.opfoelgning_view",
};
const CALL = `import json; from koensbalance import bridge
json.loads(bridge.call("vurdering.example", "{}"))["ok"]`;

async function make() {
  const started = performance.now();
  const py = await loadPyodideFrom(stage, { _makeSnapshot: true });
  await py.loadPackage("koensbalance", { messageCallback: () => {} });
  py.runPython(PREIMPORT[preimport]);
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

async function fromSnapshot(bytes) {
  const started = performance.now();
  const py = await loadPyodideFrom(stage, { _loadSnapshot: bytes });
  let ok;
  let error = null;
  try {
    ok = py.runPython(CALL);
  } catch (e) {
    error = String(e).split("\n").filter(Boolean).slice(-1)[0];
  }
  return { ok, error, ms: performance.now() - started, py };
}

const report = { stage, preimport, runs };
try {
  const made = await make();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, made.snapshot);
  report.make_ms = Math.round(made.ms);
  report.snapshot_raw = made.snapshot.length;
  report.snapshot_brotli = brotliCompressSync(made.snapshot, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: made.snapshot.length },
  }).length;
} catch (e) {
  report.make_error = String(e).split("\n")[0];
  console.log(JSON.stringify(report, null, 1));
  process.exit(0);
}
const bytes = new Uint8Array(readFileSync(out));
const first = await fromSnapshot(bytes);
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
  // Does loadPackage after a restore put the wheel's files back (the package state is JS-side)?
  try {
    await first.py.loadPackage("koensbalance", { messageCallback: () => {} });
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
