// @ts-check
// Web Worker that owns Pyodide: loads the self-hosted runtime and our wheel from the site's own
// origin, then answers calls to koensbalance.bridge. The page never touches Python directly.
// The first message (start) names the page's extra packages, so loadPyodide downloads every wheel
// while the runtime boots (integrity-checked against the lock file's sha256, as loadPackage does).
// A call that needs a package the page did not name (icalendar for a calendar file, holidays for a
// date) is answered as `missing`: the worker installs it from the lock file and calls again.
// Messages in (types in pyodide-client.js): start, load, configure, call. Out: status, ready,
// failed, result, error.
// @ts-expect-error -- copied from node_modules/pyodide into the site at build time (macros/vendor_assets.py)
import { loadPyodide } from "../pyodide/pyodide.mjs";

const indexURL = new URL("../pyodide/", import.meta.url).href;
/** @type {any} */
let bridge = null;
/** @type {any} */
let pyodideInstance = null;
/** @type {Promise<void> | null} */
let ready = null;
let extraPackages = Promise.resolve();  // packages a later page asked for; calls wait for them
// koensbalance.bridge's answer when a call needs a package that is not installed (json.dumps' format)
const MISSING = /^\{"ok": false, "missing": "([A-Za-z_][A-Za-z0-9_]*)"/;

/** @param {any} reason */
function failed(reason) {
  if (bridge) return;
  self.postMessage({ type: "failed", message: String(reason && reason.message ? reason.message : reason) });
}

// Emscripten reports a failed wasm download by aborting in a promise that loadPyodide does not
// await, so loadPyodide itself never settles: listen for the abort here.
self.addEventListener("unhandledrejection", (event) => failed(event.reason));
self.addEventListener("error", (event) => failed(event.message));

/** @param {string[]} extra */
function start(extra) {
  return (async () => {
    const started = performance.now();
    self.postMessage({ type: "status", stage: "runtime" });
    const packages = ["koensbalance", ...extra];
    const pyodide = await loadPyodide({ indexURL, packages });
    const missing = packages.filter((name) => !(name in pyodide.loadedPackages));
    if (missing.length) throw new Error(`packages: ${missing.join(", ")}`);
    pyodideInstance = pyodide;
    bridge = pyodide.pyimport("koensbalance.bridge");
    // What this start fetched: the page hands it to the service worker to keep for offline use.
    const files = [import.meta.url, `${indexURL}pyodide.mjs`,
      ...performance.getEntriesByType("resource").map((entry) => entry.name)];
    self.postMessage({ type: "ready", ms: performance.now() - started, files });
  })().catch(failed);
}

self.addEventListener("message", async (event) => {
  /** @type {import("./pyodide-client.js").ToWorker} */
  const message = event.data;
  if (message.type === "start") {
    ready ??= start(message.packages);
    return;
  }
  ready ??= start([]);
  if (message.type === "load") {
    extraPackages = extraPackages
      .then(() => ready)
      .then(() => pyodideInstance && pyodideInstance.loadPackage(message.packages, { messageCallback: () => {} }))
      .catch((error) => self.postMessage({ type: "failed", message: `packages: ${error}` }));
    return;
  }
  await ready;
  await extraPackages;
  if (message.type === "configure") {
    if (bridge) bridge.configure(message.page, JSON.stringify(message.data));
    return;
  }
  if (message.type !== "call") return;
  if (!bridge) {
    self.postMessage({ type: "error", id: message.id, message: "Python did not load" });
    return;
  }
  try {
    const args = [message.name, JSON.stringify(message.payload), message.page];
    let json = bridge.call(...args);
    const missing = MISSING.exec(json);
    if (missing) {  // a package this call imports and the page did not install: install it, call again
      await pyodideInstance.loadPackagesFromImports(`import ${missing[1]}`,
        { messageCallback: () => {}, errorCallback: () => {} });  // a failure: the answer says so
      json = bridge.call(...args);
    }
    self.postMessage({ type: "result", id: message.id, json });
  } catch (error) {
    self.postMessage({ type: "error", id: message.id, message: String(error) });
  }
});
