// Service worker: after a first visit to a page with a widget, that page (and everything it loaded:
// Pyodide, our wheels, scripts, styles) keeps working offline; once the browser is idle, and unless
// the reader saves data, the other widget pages and what they load follow (offline.js asks). After a
// first search, the search works offline too. The build fills in the versions and the file lists.
//
// Two caches. Pyodide's runtime (RUNTIME_FILES: the 9.6 MB wasm and its loaders) is named by its
// content, not by the site build, so a rebuild keeps it: no new download, and Chromium's compiled
// code for the wasm stays valid. Everything else is in the cache of this build; a new build's
// worker fills its cache with the new versions of what the old cache held and deletes the old one.
//
// Two registrations, one worker: widget pages register "sw.js"; the header search registers
// "sw.js?for=search" after its first query (only where no worker is registered yet) and caches SHELL
// and SEARCH: the search is cached when it is first used, never on a first visit. Either way the
// search files are cached as they are fetched, and the whole search bundle once the search is used
// (so any later query works offline), and every page read online is kept for reading offline.
const VERSION = "__KB_VERSION__";
const RUNTIME = "__KB_RUNTIME__";
const RUNTIME_FILES = __KB_RUNTIME_FILES__;
const PRECACHE = __KB_PRECACHE__;
const SHELL = __KB_SHELL__;
const SEARCH = __KB_SEARCH__;
const CACHE = `kb-${VERSION}`;
const RUNTIME_CACHE = `kb-runtime-${RUNTIME}`;
const SCOPE = new URL("./", self.location).href;
const FOR_SEARCH = new URL(self.location).searchParams.get("for") === "search";
const SEARCH_FILES = new URL("pagefind/", SCOPE).href;
const SEARCH_ENTRY = new URL("pagefind/pagefind-entry.json", SCOPE).href;

const href = (path) => new URL(path, SCOPE).href;
const withoutQuery = (url) => url.split("#")[0].split("?")[0];
const IN_RUNTIME = new Set(RUNTIME_FILES.map(href));
const KNOWN = new Set([...PRECACHE, ...SHELL, ...RUNTIME_FILES].map(href));
const savingData = () => Boolean(self.navigator.connection && self.navigator.connection.saveData);

const cacheFor = (url) => caches.open(IN_RUNTIME.has(url) ? RUNTIME_CACHE : CACHE);

/** Cache each URL not cached yet (a file that fails stays uncached; the next visit tries again). */
function store(urls) {
  return Promise.all([...new Set(urls)].map((url) => cacheFor(url).then((cache) => cache.match(url)
    .then((hit) => hit || cache.add(url))).catch(() => undefined)));
}

// The page's own requests come first: caching what a page asks the worker to keep, a file at a time,
// waits while the pages or their workers fetched anything in the last YIELD_MS (our choice), so a
// reader who clicks on while the rest is being cached waits for one file at most, not for 1.8 MB.
const YIELD_MS = 1000;
let lastPageFetch = 0;
const pause = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/** Like store, a file at a time, each after the pages have fetched nothing for YIELD_MS. */
async function storeInTurn(urls) {
  for (const url of new Set(urls)) {
    for (let quiet = Date.now() - lastPageFetch; quiet < YIELD_MS; quiet = Date.now() - lastPageFetch) {
      await pause(YIELD_MS - quiet);
    }
    await store([url]);
  }
}

/** What a page says it used: files of this build and pages of this site; the search only once used. */
function usable(url) {
  const plain = withoutQuery(String(url));
  if (!plain.startsWith(SCOPE) || plain.startsWith(SEARCH_FILES)) return null;
  return KNOWN.has(plain) || plain.endsWith("/") ? plain : null;
}

/** The files the previous build's cache held, in this build's version (an update keeps offline). */
async function carriedOver() {
  const old = (await caches.keys()).filter((k) => k.startsWith("kb-") && k !== CACHE && k !== RUNTIME_CACHE);
  const held = await Promise.all(old.map((k) => caches.open(k).then((c) => c.keys())));
  return held.flat().map((request) => usable(request.url)).filter(Boolean);
}

self.addEventListener("install", (event) => {
  // An update replaces what the reader had (also when saving data: offline must keep working).
  const files = FOR_SEARCH ? Promise.resolve([...SHELL, ...SEARCH].map(href)) : carriedOver();
  event.waitUntil(files.then(store).then(() => self.skipWaiting()));
});

/** The pages open in this site's windows (loaded before this worker controlled them). */
async function keepOpenPages() {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  await store(windows.map((client) => withoutQuery(client.url)).filter((url) => url.startsWith(SCOPE)));
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("kb-") && k !== CACHE && k !== RUNTIME_CACHE)
        .map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
      .then(keepOpenPages),
  );
});

// offline.js: "keep" lists what a widget page used (cached once its Python is ready); "rest" comes
// when the reader stayed on a widget page, the browser is idle and the reader does not save data:
// every widget page and every file they load. Both give way to the pages' own requests.
self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "keep" && Array.isArray(message.urls)) {
    event.waitUntil(storeInTurn(message.urls.map(usable).filter(Boolean)));
  } else if (message.type === "rest" && !savingData()) {
    event.waitUntil(storeInTurn([...PRECACHE, ...RUNTIME_FILES].map(href)));
  }
});

let searchCached = null;

/** The whole search bundle, once: after the first query every later one works offline. */
function cacheSearch() {
  searchCached ??= store(SEARCH.map(href));
  return searchCached;
}

function keep(key, response) {
  if (!response.ok || response.redirected || response.type !== "basic") return Promise.resolve();
  const copy = response.clone();
  return cacheFor(key).then((cache) => cache.put(key, copy));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  lastPageFetch = Date.now();
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
  // The runtime, online: left to the browser's HTTP cache, where Chromium keeps the wasm's compiled
  // code (a response from this worker's cache is compiled again on every visit); offline, the cache.
  if (IN_RUNTIME.has(request.url) && self.navigator.onLine) {
    event.waitUntil(caches.match(request.url).then((hit) => hit || store([request.url])));
    return;
  }
  // Files: the cache first (they belong to this version), the network otherwise, kept for offline.
  // Pagefind asks for its entry file with a cache-busting query; this version's copy is the right one.
  const search = request.url.startsWith(SEARCH_FILES);
  const key = search ? withoutQuery(request.url) : request.url;
  if (search && key === SEARCH_ENTRY) event.waitUntil(cacheSearch());
  event.respondWith(caches.match(key).then((cached) => cached || fetch(request).then((response) => {
    event.waitUntil(keep(key, response));
    return response;
  })));
});
