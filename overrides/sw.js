// Service worker: after a first visit to a page with a widget, the widget pages (and everything they
// load: Pyodide, our wheels, scripts, styles, the search index) keep working offline. The build fills
// in the version (a hash of the built files) and the list of files; a new build gets a new cache and
// the old one is deleted on activation.
const VERSION = "__KB_VERSION__";
const PRECACHE = __KB_PRECACHE__;
const CACHE = `kb-${VERSION}`;
const SCOPE = new URL("./", self.location).href;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((path) => new URL(path, SCOPE).href)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("kb-") && k !== CACHE)
        .map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  if (request.mode === "navigate") {
    // Pages: the network first (fresh content), the cached copy when offline. The query string
    // carries widget state, so the cached page is matched without it.
    event.respondWith(
      fetch(request).catch(() => caches.match(request, { ignoreSearch: true })
        .then((cached) => cached || Response.error())),
    );
    return;
  }
  // Files: the cache first (they belong to this version), the network otherwise.
  event.respondWith(caches.match(request).then((cached) => cached || fetch(request)));
});
