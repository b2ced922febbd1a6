// Header search over the Pagefind index (macros/search_index.py builds it after the site).
// Pagefind stems Danish at index and query time, so "rollemodellerne" finds "rollemodeller".
// Nothing loads until the reader focuses the box: then Pagefind's own script, its wasm and the index
// chunks the typed words need (all from this site). Results are built as DOM from Pagefind's fields;
// the excerpt is the one piece of markup Pagefind returns, and only its <mark> tags become elements
// (the rest is entity-decoded text), so no page text is ever parsed as HTML.
//
// Keyboard: type; ArrowDown goes to the results, ArrowUp/ArrowDown move between them (ArrowUp from the
// first returns to the box); Enter opens the focused result (in the box: the first result); Escape
// closes the results (on a phone also the search). The result count is read out in a polite live
// region once typing pauses, and only when it differs from what was read last.

const ROOT = new URL("../../", import.meta.url); // the site root (this file is assets/js/search.js)
const BUNDLE = new URL("pagefind/pagefind.js", ROOT).href;
const SHOWN = 8; // results listed in the header; the rest are one link away on the filter page
const EXCERPT_WORDS = 22;
const ANNOUNCE_AFTER_MS = 800;
const MAX_CHARS = 200;

let loading = null;

/** Pagefind's JS API, loaded and initialised once (shared with the filter page's text box). */
export function loadPagefind() {
  if (!loading) {
    loading = import(BUNDLE).then(async (pagefind) => {
      await pagefind.options({ baseUrl: ROOT.pathname, excerptLength: EXCERPT_WORDS });
      await pagefind.init();
      return pagefind;
    });
    loading.catch(() => { loading = null; }); // offline without a cache: try again on the next query
  }
  return loading;
}

/** The site-relative path of a Pagefind result URL ("initiativer/x/"), as the filter index has it. */
export function sitePath(url) {
  const path = new URL(url, ROOT).pathname;
  return path.startsWith(ROOT.pathname) ? path.slice(ROOT.pathname.length) : path;
}

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

function decode(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Nodes for a Pagefind excerpt: text, and <mark> elements for the highlighted words. Any other tag
 * stays literal text. */
export function excerptNodes(excerpt, doc = document) {
  const nodes = [];
  let marked = false;
  for (const part of String(excerpt).split(/(<mark>|<\/mark>)/)) {
    if (part === "<mark>" || part === "</mark>") {
      marked = part === "<mark>";
    } else if (part) {
      const text = doc.createTextNode(decode(part));
      if (marked) {
        const mark = doc.createElement("mark");
        mark.append(text);
        nodes.push(mark);
      } else {
        nodes.push(text);
      }
    }
  }
  return nodes;
}

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

/** The status line (shown above the results, and read out once typing pauses). */
export function describe(total, shown) {
  if (total === 0) return "Ingen poster fundet. Prøv et andet ord eller en anden bøjning.";
  if (total <= shown) return `${plural(total, "post", "poster")} fundet.`;
  return `${total} poster fundet. De ${shown} bedste vises.`;
}

let offlineAsked = false;

/** After the first search: a service worker keeps the search (and the pages read) for offline use.
 * Widget pages register the worker with their runtime; here only where none is registered yet. */
function keepOffline() {
  if (offlineAsked || !("serviceWorker" in navigator)) return;
  offlineAsked = true;
  navigator.serviceWorker.getRegistration(ROOT.href)
    .then((registration) => registration
      || navigator.serviceWorker.register(new URL("sw.js?for=search", ROOT), { scope: ROOT.pathname }))
    .catch(() => {}); // no offline copy: the search still works online
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

/** One result: a link with title, "type · areas" and the highlighted excerpt. */
function resultItem(data) {
  const li = el("li", "kb-search__result");
  const link = el("a", "kb-search__hit");
  link.href = data.url;
  const filters = data.filters || {};
  const meta = [(filters.type || [])[0], (filters.omraade || []).join(", ")].filter(Boolean).join(" · ");
  link.append(el("span", "kb-search__title", (data.meta && data.meta.title) || data.url));
  if (meta) link.append(el("span", "kb-search__meta", meta));
  const excerpt = el("span", "kb-search__excerpt");
  excerpt.append(...excerptNodes(data.excerpt || ""));
  link.append(excerpt);
  li.append(link);
  return li;
}

function init() {
  const box = document.querySelector("[data-kb-search]");
  if (!box || "kbSearchReady" in box.dataset) return;
  const part = (name) => box.querySelector(`[data-kb-search-${name}]`);
  const [link, open, form, input, close, panel, status, list, allWrap, all, announcer] =
    ["link", "open", "form", "input", "close", "panel", "status", "results", "all-wrap", "all", "announce"]
      .map(part);
  const findUrl = all.getAttribute("href");
  let query = 0; // the latest query's number: answers to older ones are dropped
  let announceTimer = 0;
  let dataLoading = Promise.resolve();

  function showPanel(show) {
    panel.hidden = !show;
  }

  function openSearch() {
    box.classList.add("kb-search--open");
    open.setAttribute("aria-expanded", "true");
    input.focus();
  }

  function closeSearch({ focusOpen = false } = {}) {
    showPanel(false);
    if (box.classList.contains("kb-search--open")) {
      box.classList.remove("kb-search--open");
      open.setAttribute("aria-expanded", "false");
      if (focusOpen) open.focus();
    }
  }

  function announceLater(text) {
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => {
      if (announcer.textContent !== text) announcer.textContent = text;
    }, ANNOUNCE_AFTER_MS);
  }

  async function run() {
    const text = input.value.trim().slice(0, MAX_CHARS);
    const mine = ++query;
    if (!text) {
      list.replaceChildren();
      showPanel(false);
      clearTimeout(announceTimer);
      delete box.dataset.kbSearchShown;
      return;
    }
    let pagefind;
    try {
      pagefind = await loadPagefind();
    } catch {
      if (mine !== query) return;
      status.textContent = "Søgningen kunne ikke hentes. Tjek forbindelsen, eller brug Find inspiration.";
      list.replaceChildren();
      allWrap.hidden = false;
      showPanel(true);
      return;
    }
    const found = await pagefind.search(text);
    if (mine !== query || !found) return;
    // Each result's data is a request of its own: one query's batch at a time, so on a slow connection
    // the letters typed while a batch loads are skipped rather than each fetching its own results.
    await dataLoading;
    if (mine !== query) return;
    const batch = Promise.all(found.results.slice(0, SHOWN).map((r) => r.data()));
    dataLoading = batch.catch(() => {});
    const top = await batch;
    if (mine !== query) return;
    keepOffline();
    const summary = describe(found.results.length, top.length);
    status.textContent = summary;
    list.replaceChildren(...top.map(resultItem));
    all.href = `${findUrl}?tekst=${encodeURIComponent(text)}`;
    all.textContent = found.results.length > top.length
      ? `Se alle ${found.results.length} i Find inspiration` : "Søg i Find inspiration med filtre";
    allWrap.hidden = false;
    showPanel(true);
    box.dataset.kbSearchShown = text; // the query whose results are on screen (tests wait for it)
    announceLater(summary);
  }

  function links() {
    return [...list.querySelectorAll("a"), ...(allWrap.hidden ? [] : [all])];
  }

  function move(from, step) {
    const items = links();
    const at = items.indexOf(from);
    const next = at + step;
    if (next < 0) input.focus();
    else if (next < items.length) items[next].focus();
  }

  input.addEventListener("focus", () => { loadPagefind().catch(() => {}); }, { once: false });
  input.addEventListener("input", run);
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && !panel.hidden) {
      event.preventDefault();
      move(input, 1);
    } else if (event.key === "Enter") {
      const first = list.querySelector("a");
      if (first && !panel.hidden) {
        event.preventDefault();
        first.click();
      }
    }
  });
  panel.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      move(document.activeElement, event.key === "ArrowDown" ? 1 : -1);
    }
  });
  box.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    if (!panel.hidden) {
      showPanel(false);
      input.focus();
    } else {
      closeSearch({ focusOpen: true });
    }
  });
  input.addEventListener("click", () => { if (input.value.trim() && list.children.length) showPanel(true); });
  open.addEventListener("click", () => {
    if (box.classList.contains("kb-search--open")) closeSearch();
    else openSearch();
  });
  close.addEventListener("click", () => closeSearch({ focusOpen: true }));
  document.addEventListener("pointerdown", (event) => {
    if (!box.contains(event.target)) closeSearch();
  });
  box.addEventListener("focusout", (event) => {
    if (event.relatedTarget && !box.contains(event.relatedTarget)) showPanel(false);
  });

  link.hidden = true;
  open.hidden = false;
  form.hidden = false;
  box.dataset.kbSearchReady = "";
}

if (typeof document !== "undefined") init();
