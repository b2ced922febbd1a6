// Register the service worker, but only on pages with a widget: readers of the catalogue do not need
// the 14 MB Python runtime cached; people who use a widget get it working offline afterwards.
// (The header search registers the same worker without the runtime after its first query: search.js.)
if ("serviceWorker" in navigator && document.querySelector("[data-kb-widget]")) {
  const root = new URL("../../", import.meta.url);
  navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname }).catch((error) => {
    console.warn("Offline-understøttelse kunne ikke startes:", error);
  });
}
