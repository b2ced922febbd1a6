// @ts-check
// Offline for widget pages (loaded by widgets.js on a page with a widget; readers of the catalogue
// register nothing). The service worker (sw.js) is registered, and once Python answered it is told
// what this page used: the page, its scripts and styles and what the worker fetched, so that page
// works offline after a first visit without downloading anything twice. Everything else a widget
// page may need (the other widget pages, their wheels, the plan builder's .docx library) is cached
// only when the browser is idle, and never when the reader asked to save data. (The header search
// registers the same worker without the runtime after its first query: search.js.)
const ROOT = new URL("../../", import.meta.url);
let restAsked = false;

/** @returns {boolean} */
function savingData() {
  const connection = /** @type {any} */ (navigator).connection;
  return Boolean(connection && connection.saveData);
}

const MAX_IDLE_TRIES = 60;

/** Every widget on the page has answered (or failed). */
function answered() {
  return [...document.querySelectorAll("[data-kb-widget]")].every((root) => {
    const state = /** @type {HTMLElement} */ (root).dataset;
    return state.kbAnswered || state.kbState === "failed";
  });
}

/** @param {() => void} task */
function whenIdle(task) {
  if ("requestIdleCallback" in window) window.requestIdleCallback(task, { timeout: 10_000 });
  else setTimeout(task, 1000);
}

/** @param {import("./pyodide-client.js").PyodideClient} client */
export function keepOffline(client) {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register(new URL("sw.js", ROOT), { scope: ROOT.pathname }).catch((error) => {
    console.warn("Offline-understøttelse kunne ikke startes:", error);
  });
  const page = location.href;
  client.ready.then(() => navigator.serviceWorker.ready).then((registration) => {
    const resources = performance.getEntriesByType("resource").map((entry) => entry.name);
    const worker = registration.active;
    if (!worker) return;
    worker.postMessage({ type: "keep", urls: [page, ...resources, ...client.files] });
    if (restAsked || savingData()) return;
    restAsked = true;
    // Not before every widget of the page has answered: the rest must not compete with the first answer.
    let tries = 0;
    const rest = () => {
      if (!answered() && tries++ < MAX_IDLE_TRIES) whenIdle(rest);
      else worker.postMessage({ type: "rest" });
    };
    whenIdle(rest);
  }).catch(() => {});
}
