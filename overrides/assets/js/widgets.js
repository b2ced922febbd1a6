// Widget loader (loaded on every page, tiny). On pages with a widget it starts the Pyodide worker at
// once and hands each widget a client; pages without widgets load nothing more. It runs on
// Material's document$ so it also works with instant navigation.
import { PyodideClient } from "./pyodide-client.js";

const WIDGETS = {
  balance: () => import("./widget-balance.js"),
  maaltal: () => import("./widget-maaltal.js"),
  workshop: () => import("./widget-workshop.js"),
  "workshop-form": () => import("./widget-workshop-form.js"),
  plan: () => import("./widget-plan.js"),
};

let client = null;

function pyodideClient() {
  if (!client) client = new PyodideClient(new URL("./pyodide-worker.js", import.meta.url));
  return client;
}

function initWidgets() {
  const roots = [...document.querySelectorAll("[data-kb-widget]")].filter((r) => !r.dataset.kbState);
  if (roots.length === 0) return;
  const shared = pyodideClient();
  for (const root of roots) {
    const load = WIDGETS[root.dataset.kbWidget];
    if (!load) continue;
    root.dataset.kbState = "loading";
    if (root.dataset.kbPackages) shared.preload(root.dataset.kbPackages.split(/\s+/));
    load()
      .then((module) => module.init(root, shared))
      .catch((error) => {
        root.dataset.kbState = "failed";
        console.warn("Widget kunne ikke startes:", error);
      });
  }
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(initWidgets);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", initWidgets);
} else {
  initWidgets();
}
