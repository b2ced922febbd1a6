// loadPyodide({packages}) (wheels download while Pyodide boots) vs loadPackage after start-up, and
// an inlined lock file (lockFileContents + packageBaseUrl) vs lockFileURL, under Node (issue #19).
// Node reads the wheels from disk, so this shows the overlap of unpacking with booting, not the
// network; interleaved runs, medians. node packages_option.mjs [--stage DIR] [--runs 5]
//   [--packages '["koensbalance","icalendar","segno"]']
import { readFileSync } from "node:fs";
import { loadPyodideFrom, median, option, stagedFolder } from "./common.mjs";

const stage = stagedFolder();
const runs = Number(option("--runs", "5"));
const packages = JSON.parse(option("--packages", '["koensbalance"]'));
const CALL = `import json; from koensbalance import bridge
json.loads(bridge.call("vurdering.example", "{}"))["ok"]`;

const variants = {
  after: async () => {
    const py = await loadPyodideFrom(stage);
    await py.loadPackage(packages, { messageCallback: () => {} });
    return py;
  },
  option: async () => loadPyodideFrom(stage, { packages }),
  option_inlined_lock: async () => loadPyodideFrom(stage, {
    packages,
    lockFileContents: readFileSync(stage + "pyodide-lock.json", "utf8"),
    packageBaseUrl: stage,
  }),
};

const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
const ok = {};
for (let i = 0; i < runs; i++) {
  for (const [name, start] of Object.entries(variants)) {
    const t0 = performance.now();
    const py = await start();
    ok[name] = py.runPython(CALL) === true;
    times[name].push(performance.now() - t0);
  }
}
const report = { stage, packages, runs, ok };
for (const [name, list] of Object.entries(times)) {
  report[`${name}_ms`] = list.map(Math.round);
  report[`${name}_median_ms`] = Math.round(median(list));
}
report.option_vs_after = +(median(times.option) / median(times.after)).toFixed(2);
report.inlined_vs_after = +(median(times.option_inlined_lock) / median(times.after)).toFixed(2);
console.log(JSON.stringify(report, null, 1));
