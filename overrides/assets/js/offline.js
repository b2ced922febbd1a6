// @ts-check
// Offline for widget pages (loaded by widgets.js on a page with a widget; readers of the catalogue
// register nothing). The service worker (sw.js) is registered, and once Python answered it is told
// what this page used: the page, its scripts and styles and what the worker fetched, so that page
// works offline after a first visit without downloading anything twice. Everything else a widget
// page may need (the other widget pages, their wheels, the plan builder's .docx library) is cached
// only when the browser is idle, and never when the reader asked to save data. (The header search
// registers the same worker without the runtime after its first query: search.js.)
//
// The rest waits until the reader has stayed on a widget page for REST_QUIET_MS once its Python was
// ready, and its widgets answered (each widget page of the visit starts the wait again): a reader
// who clicks on to the next widget page at once would otherwise wait for 1.8 MB being fetched and
// cached (measured: 290 -> 490 ms from the click to the next page's answer). Once asked, the service
// worker fetches the rest a file at a time and pauses while the page fetches anything (sw.js).
const ROOT = new URL("../../", import.meta.url);
const REST_QUIET_MS = 5000; // our choice: longer than a click straight on, short next to reading a page
let restAsked = false;
let restWait = 0; // the current wait for the rest: a newer one makes older timers and callbacks void

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
    if (!restAsked && !savingData()) askRestWhenQuiet(worker);
  }).catch(() => {});
}

/** Ask for the rest once every widget of the page has answered, the reader has stayed REST_QUIET_MS
 * and the browser is idle; a next widget page (keepOffline again) starts the wait again.
 * @param {ServiceWorker} worker */
function askRestWhenQuiet(worker) {
  const wait = ++restWait;
  let tries = 0;
  const rest = () => {
    if (restAsked || wait !== restWait) return;
    if (!answered() && tries++ < MAX_IDLE_TRIES) {
      whenIdle(rest);
      return;
    }
    restAsked = true;
    worker.postMessage({ type: "rest" });
  };
  setTimeout(() => whenIdle(rest), REST_QUIET_MS);
}
