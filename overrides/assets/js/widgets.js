// @ts-check
// Widget loader (loaded on every page, tiny). On pages with a widget it starts the Pyodide worker (if
// the page's head has not already: pyodide-client.js), with every package the page's widgets name
// (data-kb-packages) so they load during start-up, and mounts each widget's declaration on the
// shared runtime; pages without widgets load nothing more. It runs on Material's document$: with
// instant navigation the next widget page reuses the worker that is already running (its Python
// answers at once), asking only for packages it lacks. Once a widget answered and the browser is
// idle, the other widgets' modules are loaded too, so the next widget page mounts without fetching
// and compiling them (not when the reader asked to save data).
import { pyodideClient } from "./pyodide-client.js";

/** @type {Record<string, () => Promise<{widget: import("./runtime.js").Widget}>>} */
const WIDGETS = {
  balance: () => import("./widget-balance.js"),
  maaltal: () => import("./widget-maaltal.js"),
  workshop: () => import("./widget-workshop.js"),
  "workshop-form": () => import("./widget-workshop-form.js"),
  plan: () => import("./widget-plan.js"),
  opfoelgning: () => import("./widget-opfoelgning.js"),
  vurdering: () => import("./widget-vurdering.js"),
  mobilitet: () => import("./widget-mobilitet.js"),
};

/** @typedef {typeof import("./runtime.js")} Runtime */
/** @type {Map<string, {widget: import("./runtime.js").Widget}>} widget modules already loaded */
const loaded = new Map();
/** @type {Runtime | null} */
let runtime = null;

/** @param {string} name  @returns {Promise<{widget: import("./runtime.js").Widget}>} */
function load(name) {
  return Promise.all([WIDGETS[name](), import("./runtime.js")]).then(([module, shared]) => {
    loaded.set(name, module);
    runtime = shared;
    return module;
  });
}

let warming = false;
const WARM_WITHIN_MS = 3000; // the idle callback's deadline

/** Once the visit's first answer is shown and the browser is idle: every widget module, and so every
 * module they import, into the page's module map (instant navigation keeps it for the next pages).
 * A click straight after the first answer then mounts the next widget at once (measured, click at
 * once: 294 -> 251 ms to the next page's answer). This used to wait 3 s, when the service worker
 * fetched the rest of the site at the same moment; the rest now waits for a quiet page (offline.js). */
function warmModules() {
  if (warming || /** @type {any} */ (navigator).connection?.saveData) return;
  warming = true;
  const all = () => { for (const name of Object.keys(WIDGETS)) load(name).catch(() => {}); };
  const observer = new PerformanceObserver((list) => {
    if (!list.getEntriesByName("kb-widget-first-answer").length) return;
    observer.disconnect();
    if ("requestIdleCallback" in window) window.requestIdleCallback(all, { timeout: WARM_WITHIN_MS });
    else setTimeout(all, 0);
  });
  observer.observe({ type: "mark", buffered: true });
}

/** @param {HTMLElement} root  @param {unknown} error */
function failed(root, error) {
  root.dataset.kbState = "failed";
  console.warn("widget did not start:", error);
}

function initWidgets() {
  const roots = [...document.querySelectorAll("[data-kb-widget]")]
    .map((root) => /** @type {HTMLElement} */ (root)).filter((root) => !root.dataset.kbState);
  if (roots.length === 0) return;
  const shared = pyodideClient(roots.flatMap((root) => (root.dataset.kbPackages || "").split(/\s+/))
    .filter(Boolean));
  import("./offline.js").then((offline) => offline.keepOffline(shared)).catch(() => {});
  warmModules();
  for (const root of roots) {
    const name = root.dataset.kbWidget || "";
    if (!WIDGETS[name]) continue;
    root.dataset.kbState = "loading";
    const start = (/** @type {{widget: import("./runtime.js").Widget}} */ module) => {
      if (runtime) runtime.mount(root, shared, module.widget);
    };
    const module = loaded.get(name);
    // Modules already loaded (a later page of the visit): mount now, so the first call is on its
    // way to Python before the browser lays out the new page, not after.
    if (module && runtime) {
      try {
        start(module);
      } catch (error) {
        failed(root, error);
      }
    } else {
      load(name).then(start).catch((error) => failed(root, error));
    }
  }
}

const documents = /** @type {any} */ (window).document$;
if (documents && typeof documents.subscribe === "function") {
  documents.subscribe(initWidgets);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", initWidgets);
} else {
  initWidgets();
}
