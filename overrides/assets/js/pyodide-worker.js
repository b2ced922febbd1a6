// Web Worker that owns Pyodide: loads the self-hosted runtime and our wheel from the site's own
// origin, then answers calls to koensbalance.bridge. The page never touches Python directly.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const indexURL = new URL("../pyodide/", import.meta.url).href;
let bridge = null;
let pyodideInstance = null;
let extraPackages = Promise.resolve();  // packages a widget asked for; calls wait for them

function failed(reason) {
  if (bridge) return;
  self.postMessage({ type: "failed", message: String(reason && reason.message ? reason.message : reason) });
}

// Emscripten reports a failed wasm download by aborting in a promise that loadPyodide does not
// await, so loadPyodide itself never settles: listen for the abort here.
self.addEventListener("unhandledrejection", (event) => failed(event.reason));
self.addEventListener("error", (event) => failed(event.message));

const ready = (async () => {
  const started = performance.now();
  self.postMessage({ type: "status", stage: "runtime" });
  const pyodide = await loadPyodide({ indexURL });
  pyodideInstance = pyodide;
  self.postMessage({ type: "status", stage: "package" });
  await pyodide.loadPackage("koensbalance", { messageCallback: () => {}, checkIntegrity: true });
  bridge = pyodide.pyimport("koensbalance.bridge");
  self.postMessage({ type: "ready", ms: performance.now() - started });
})().catch(failed);

self.addEventListener("message", async (event) => {
  if (event.data.type === "load") {
    const packages = event.data.packages;
    extraPackages = extraPackages
      .then(() => ready)
      .then(() => pyodideInstance && pyodideInstance.loadPackage(packages, { messageCallback: () => {} }))
      .catch((error) => self.postMessage({ type: "failed", message: `Pakker: ${error}` }));
    return;
  }
  const { id, name, payload } = event.data;
  await ready;
  await extraPackages;
  if (!bridge) {
    self.postMessage({ type: "result", id, error: "Python kunne ikke indlæses" });
    return;
  }
  try {
    const json = bridge.call(name, JSON.stringify(payload));
    self.postMessage({ type: "result", id, json });
  } catch (error) {
    self.postMessage({ type: "result", id, error: String(error) });
  }
});
