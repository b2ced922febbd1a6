// Service worker: after a first visit to a page with a widget, the widget pages (and everything they
// load: Pyodide, our wheels, scripts, styles) keep working offline; after a first search, the search
// does too. The build fills in the version (a hash of the built files) and the lists of files; a new
// build gets a new cache and the old one is deleted on activation.
//
// Two registrations, one worker: widget pages register "sw.js" and precache PRECACHE; the header search
// registers "sw.js?for=search" after its first query (only where no worker is registered yet) and
// caches SHELL and SEARCH: the search is cached when it is first used, never on a first visit. Either
// way the search files are cached as they are fetched, and the whole search bundle once the search is
// used (so any later query works offline), and every page read online is kept for reading offline.
const VERSION = "__KB_VERSION__";
const PRECACHE = __KB_PRECACHE__;
const SHELL = __KB_SHELL__;
const SEARCH = __KB_SEARCH__;
const CACHE = `kb-${VERSION}`;
const SCOPE = new URL("./", self.location).href;
const FOR_SEARCH = new URL(self.location).searchParams.get("for") === "search";
const SEARCH_FILES = new URL("pagefind/", SCOPE).href;
const SEARCH_ENTRY = new URL("pagefind/pagefind-entry.json", SCOPE).href;
const NOT_PIECEMEAL = new URL("assets/pyodide/", SCOPE).href; // the runtime is cached whole or not at all

const href = (path) => new URL(path, SCOPE).href;
const withoutQuery = (url) => url.split("#")[0].split("?")[0];

self.addEventListener("install", (event) => {
  const files = FOR_SEARCH ? [...SHELL, ...SEARCH] : PRECACHE;
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(files.map(href)))
      .then(() => self.skipWaiting()),
  );
});

/** The pages open in this site's windows (loaded before this worker controlled them). */
async function keepOpenPages(cache) {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  await Promise.all(windows.map((client) => withoutQuery(client.url))
    .filter((url) => url.startsWith(SCOPE))
    .map((url) => cache.match(url).then((hit) => hit || cache.add(url)).catch(() => undefined)));
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("kb-") && k !== CACHE)
        .map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
      .then(() => caches.open(CACHE))
      .then(keepOpenPages),
  );
});

let searchCached = null;

/** The whole search bundle, once: after the first query every later one works offline. */
function cacheSearch() {
  if (!searchCached) {
    searchCached = caches.open(CACHE).then((cache) => Promise.all(SEARCH.map(href).map((url) =>
      cache.match(url).then((hit) => hit || cache.add(url)).catch(() => undefined))));
  }
  return searchCached;
}

function keep(key, response) {
  if (!response.ok || response.redirected || response.type !== "basic") return Promise.resolve();
  const copy = response.clone();
  return caches.open(CACHE).then((cache) => cache.put(key, copy));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  if (request.mode === "navigate") {
    // Pages: the network first (fresh content, kept for later), the cached copy when offline. The
    // query string carries widget state, so the cached page is matched without it.
    const key = withoutQuery(request.url);
    event.respondWith(
      fetch(request)
        .then((response) => {
          event.waitUntil(keep(key, response));
          return response;
        })
        .catch(() => caches.match(key, { ignoreSearch: true }).then((cached) => cached || Response.error())),
    );
    return;
  }
  // Files: the cache first (they belong to this version), the network otherwise, kept for offline.
  // Pagefind asks for its entry file with a cache-busting query; this version's copy is the right one.
  const search = request.url.startsWith(SEARCH_FILES);
  const key = search ? withoutQuery(request.url) : request.url;
  if (search && key === SEARCH_ENTRY) event.waitUntil(cacheSearch());
  event.respondWith(caches.match(key).then((cached) => cached || fetch(request).then((response) => {
    if (!request.url.startsWith(NOT_PIECEMEAL)) event.waitUntil(keep(key, response));
    return response;
  })));
});
