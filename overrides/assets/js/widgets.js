// @ts-check
// Widget loader (loaded on every page, tiny). On pages with a widget it starts the Pyodide worker at
// once, with every package the page's widgets name (data-kb-packages) so they load during start-up,
// and mounts each widget's declaration on the shared runtime; pages without widgets load nothing
// more. It runs on Material's document$: with instant navigation the next widget page reuses the
// worker that is already running (its Python answers at once), asking only for packages it lacks.
import { PyodideClient } from "./pyodide-client.js";

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

/** @type {PyodideClient | null} */
let client = null;

/** @param {string[]} packages */
function pyodideClient(packages) {
  if (!client) client = new PyodideClient(new URL("./pyodide-worker.js", import.meta.url), packages);
  else client.preload(packages);
  return client;
}

function initWidgets() {
  const roots = [...document.querySelectorAll("[data-kb-widget]")]
    .map((root) => /** @type {HTMLElement} */ (root)).filter((root) => !root.dataset.kbState);
  if (roots.length === 0) return;
  const shared = pyodideClient(roots.flatMap((root) => (root.dataset.kbPackages || "").split(/\s+/))
    .filter(Boolean));
  import("./offline.js").then((offline) => offline.keepOffline(shared)).catch(() => {});
  for (const root of roots) {
    const load = WIDGETS[root.dataset.kbWidget || ""];
    if (!load) continue;
    root.dataset.kbState = "loading";
    Promise.all([load(), import("./runtime.js")])
      .then(([module, runtime]) => runtime.mount(root, shared, module.widget))
      .catch((error) => {
        root.dataset.kbState = "failed";
        console.warn("widget did not start:", error);
      });
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
