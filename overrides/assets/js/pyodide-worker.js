// Web Worker that owns Pyodide: loads the self-hosted runtime and our wheel from the site's own
// origin, then answers calls to koensbalance.bridge. The page never touches Python directly.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const indexURL = new URL("../pyodide/", import.meta.url).href;
let bridge = null;

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
  self.postMessage({ type: "status", stage: "package" });
  await pyodide.loadPackage("koensbalance", { messageCallback: () => {}, checkIntegrity: true });
  bridge = pyodide.pyimport("koensbalance.bridge");
  self.postMessage({ type: "ready", ms: performance.now() - started });
})().catch(failed);

self.addEventListener("message", async (event) => {
  const { id, name, payload } = event.data;
  await ready;
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
