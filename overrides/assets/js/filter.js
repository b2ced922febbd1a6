// "Find inspiration": instant filtering over the build-time JSON index (macros/browse_macros.py).
// Pure parts (parseQuery, toQuery, createMatcher) are exported so the benchmark can time them; the
// page part (createFilter) only reads the form, calls them and writes text into the DOM.
// Nothing from the URL is ever inserted as markup: unknown values are shown with textContent.
//
// The text box understands Danish word forms as the header search does: the page asks the same engine
// (Pagefind, through search.js) for the text, and an entry passes when Pagefind finds it or when every
// typed word occurs in its title, summary or labels (so "udvalg" still finds "ansættelsesudvalg").
// The substring result shows at once; Pagefind's answer (a few milliseconds later, or after its first
// load) adds what it found. Facet clicks never wait for Pagefind: its answer is kept per text.
//
// One update has to fit in a frame at 5,000 entries (benchmarks/filter_bench.py), so an update
// allocates next to nothing and touches the DOM only where something changed: the matcher works on
// typed arrays built once; the result list keeps its <li> elements and only rewrites their text and
// link (new elements would each need styling, and content-visibility would lay them out a second time);
// a count or text is written only when it changed. Work nobody sees in that frame waits: the URL is
// written after the next paint, and the live region gets the final result once the user pauses.

import { loadPagefind } from "./search.js";

const ALIASES = { "område": "omraade", "målgruppe": "maalgruppe" }; // the issue's Danish keys
const PAGE_SIZE = 50; // results shown before "Vis flere"
const UNKNOWN_SHOWN = 10; // unrecognised values listed (the rest are counted)
const UNKNOWN_CHARS = 80; // each shown cut to this length
const ANNOUNCE_AFTER_MS = 1000; // pause in clicking/typing before the result is read out
const HISTORY_LATEST_MS = 250; // the URL is written after the next paint, or after this at the latest
const ENTRY_FILTER = "post"; // the Pagefind filter holding each entry's id (macros/search_index.py)

/** Empty filter state for an index: one Set per facet, and the free text. */
export function emptyState(index) {
  const state = { text: "" };
  for (const facet of index.facets) state[facet.key] = new Set();
  return state;
}

/** Read a query string into a state. Returns { state, unknown: [[key, value], ...] }. */
export function parseQuery(search, index) {
  const state = emptyState(index);
  const unknown = [];
  const known = new Map(index.facets.map((f) => [f.key, new Set(f.values.map((v) => v.id))]));
  for (const [rawKey, value] of new URLSearchParams(search)) {
    const key = ALIASES[rawKey] || rawKey;
    if (key === index.textKey && value.length <= index.textMax) {
      state.text = value;
    } else if (known.has(key) && known.get(key).has(value)) {
      state[key].add(value);
    } else {
      unknown.push([rawKey, value]);
    }
  }
  return { state, unknown };
}

/** The canonical query string of a state (facet order, values in taxonomy order; "" when empty). */
export function toQuery(state, index) {
  const params = new URLSearchParams();
  for (const facet of index.facets) {
    for (const value of facet.values) if (state[facet.key].has(value.id)) params.append(facet.key, value.id);
  }
  const text = state.text.trim();
  if (text) params.append(index.textKey, text);
  const query = params.toString();
  return query ? "?" + query : "";
}

function words(text) {
  return text.toLocaleLowerCase("da").split(/\s+/).filter(Boolean);
}

/** Every old term occurs inside some new term, so whatever passes the new terms passed the old. */
function narrows(terms, previous) {
  return previous.every((old) => terms.some((term) => term.includes(old)));
}

/** One facet as bit sets over the entries: bit i of sets[k] is set when entry i has the k-th value. */
function facetColumn(facet, entries, size) {
  const position = new Map(facet.values.map((v, k) => [v.id, k]));
  const sets = facet.values.map(() => new Uint32Array(size));
  entries.forEach((entry, i) => {
    for (const id of entry[facet.key]) if (position.has(id)) sets[position.get(id)][i >>> 5] |= 1 << (i & 31);
  });
  return {
    key: facet.key, ids: facet.values.map((v) => v.id), sets,
    chosen: new Uint32Array(size), // entries with any of the selected values
    active: false, counts: new Int32Array(facet.values.length),
  };
}

/**
 * A matcher over an index. run(state) filters: within a facet any selected value matches, across
 * facets all must match, and every word of the free text must occur in the entry's text. It returns
 * the number of matches and fills `matches` (their entry positions in index order, at the front) and,
 * per facet key, `counts[key][k]` for the facet's k-th value: "what you would get" – the entries
 * matching every other facet (and the text) that have the value. Facets are bit sets, so a run is a
 * few thousand word operations; the arrays are built once and reused by every run.
 */
export function createMatcher(index) {
  const entries = index.entries;
  const n = entries.length;
  const size = (n + 31) >>> 5; // words per bit set
  const columns = index.facets.map((facet) => facetColumn(facet, entries, size));
  const texts = entries.map((entry) => entry.text);
  const passesText = new Uint32Array(size);
  const result = new Uint32Array(size);
  const others = new Uint32Array(size); // per facet: entries that pass the text and every other facet
  const matches = new Int32Array(n);
  let terms = [];
  let termsKey = null;
  let found = null; // { key, bits }: the entries the search engine found for the text `key`

  /** What the search engine (Pagefind) found for a text: entry positions. They pass that text too. */
  function setFound(text, positions) {
    const bits = new Uint32Array(size);
    for (const i of positions) bits[i >>> 5] |= 1 << (i & 31);
    found = { key: words(text).join(" "), bits };
    termsKey = null; // the next run recomputes the text filter with them
  }

  function filterText(next) {
    const key = next.join(" ");
    if (key === termsKey) return;
    // Typing on narrows the result: only what passed the previous words can pass the new ones.
    const narrowing = termsKey !== null && narrows(next, terms);
    terms = next;
    termsKey = key;
    for (let i = 0; i < n; i++) {
      const bit = 1 << (i & 31);
      if (narrowing && (passesText[i >>> 5] & bit) === 0) continue;
      let ok = true;
      for (let t = 0; t < terms.length && ok; t++) ok = texts[i].includes(terms[t]);
      if (ok) passesText[i >>> 5] |= bit;
      else passesText[i >>> 5] &= ~bit;
    }
    if (found && found.key === key && key) {
      for (let w = 0; w < size; w++) passesText[w] |= found.bits[w];
    }
  }

  function choose(column, selected) {
    const { ids, sets, chosen } = column;
    column.active = selected.size > 0;
    if (!column.active) return;
    chosen.fill(0);
    for (let k = 0; k < ids.length; k++) {
      if (!selected.has(ids[k])) continue;
      const set = sets[k];
      for (let w = 0; w < size; w++) chosen[w] |= set[w];
    }
  }

  /** Entries in both `set` and `others` (bit count of each word, written out: this is the hot loop). */
  function countBoth(set) {
    let total = 0;
    for (let w = 0; w < size; w++) {
      let x = set[w] & others[w];
      x -= (x >>> 1) & 0x55555555;
      x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
      total += Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
    }
    return total;
  }

  function run(state) {
    filterText(words(state.text));
    for (const column of columns) choose(column, state[column.key]);
    result.set(passesText);
    for (const column of columns) {
      if (column.active) for (let w = 0; w < size; w++) result[w] &= column.chosen[w];
    }
    for (const column of columns) {
      const { sets, counts } = column;
      others.set(passesText);
      for (const other of columns) {
        if (other.active && other !== column) for (let w = 0; w < size; w++) others[w] &= other.chosen[w];
      }
      for (let k = 0; k < sets.length; k++) counts[k] = countBoth(sets[k]);
    }
    let found = 0;
    for (let w = 0; w < size; w++) {
      for (let bits = result[w]; bits !== 0; bits &= bits - 1) {
        matches[found++] = (w << 5) + 31 - Math.clz32(bits & -bits);
      }
    }
    return found;
  }

  const counts = Object.fromEntries(columns.map((column) => [column.key, column.counts]));
  return { run, matches, counts, setFound };
}

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

/** Danish sentence for the result count (shown above the results, and read out when it settles). */
export function describeResult(shown, total, state) {
  const filtered = state.text.trim() || Object.values(state).some((v) => v instanceof Set && v.size);
  if (!filtered) return `Alle ${plural(total, "post", "poster")} vises.`;
  if (shown === 0) return `Ingen poster passer til filteret (af ${total}).`;
  return `${plural(shown, "post passer", "poster passer")} til filteret (af ${total}).`;
}

/** Set a text node's text, only when it differs. */
function setText(node, text) {
  if (node.data !== text) node.data = text;
}

/** The text node inside an element, created once so later writes can go through setText. */
function textNode(element) {
  if (element.childNodes.length !== 1 || element.firstChild.nodeType !== Node.TEXT_NODE) {
    element.replaceChildren(document.createTextNode(element.textContent));
  }
  return element.firstChild;
}

/**
 * History writes after the next paint: a click pushes an entry, typing replaces it. Writes waiting
 * together fold into one with the same outcome (a replace after a push updates the pushed URL); a push
 * never folds into an earlier write, so the back button keeps every step.
 */
function deferredHistory() {
  let pending = null; // { method, url }
  const current = () => location.pathname + location.search + location.hash;
  function flush() {
    if (!pending) return;
    const { method, url } = pending;
    pending = null;
    history[method](null, "", url);
  }
  function write(url, push) {
    if (url === (pending ? pending.url : current())) return;
    if (pending && push) flush();
    if (pending) {
      pending.url = url;
      return;
    }
    pending = { method: push ? "pushState" : "replaceState", url };
    requestAnimationFrame(() => setTimeout(flush, 0));
    setTimeout(flush, HISTORY_LATEST_MS); // no frames in a background tab
  }
  return { write, flush, drop: () => { pending = null; } };
}

/**
 * Wire a [data-kb-filter] root to an index. Returns { refresh, state } for tests and benchmarks.
 * `search(text)` (optional) resolves to the Set of entry ids a search engine finds for the text, or
 * null; without it the text box matches words inside the entries' text only.
 */
export function createFilter(root, index, { history: useHistory = true, search = null } = {}) {
  const form = root.querySelector("[data-kb-filter-form]");
  const list = root.querySelector("[data-kb-results]");
  const count = textNode(root.querySelector("[data-kb-result-count]"));
  const announcer = root.querySelector("[data-kb-announce]");
  const moreWrap = root.querySelector("[data-kb-more-wrap]");
  const more = root.querySelector("[data-kb-more]");
  const moreText = textNode(more);
  const template = root.querySelector("[data-kb-result-template]").content.firstElementChild;
  const unknownBox = root.querySelector("[data-kb-unknown]");
  const unknownList = root.querySelector("[data-kb-unknown-list]");
  const textBox = form.elements.namedItem(index.textKey);
  const siteRoot = root.dataset.kbSiteRoot || "";
  const labels = new Map(index.facets.map((f) => [f.key, new Map(f.values.map((v) => [v.id, v.label]))]));
  const matcher = createMatcher(index);
  const total = index.entries.length;
  // Per facet, in the index's value order: the checkbox, its count's text node, the count shown.
  const facets = index.facets.map((facet) => {
    const boxes = facet.values.map((v) => form.querySelector(`#${CSS.escape(`kb-f-${facet.key}-${v.id}`)}`));
    return {
      key: facet.key, ids: facet.values.map((v) => v.id), boxes,
      countNodes: boxes.map((box) => textNode(box.labels[0].querySelector("[data-kb-count]"))),
      shown: new Int32Array(facet.values.length).fill(-1),
    };
  });
  const slots = []; // the <li> shown, in order, each with its text nodes and the entry it shows
  const metas = new Array(total); // entry position -> "Type · Areas · Kilde: …", built on first display
  const urls = deferredHistory();
  let state = emptyState(index);
  let found = 0;
  let limit = PAGE_SIZE;
  let announceTimer = 0;
  let asked = ""; // the text last sent to the search engine

  function meta(position) {
    if (metas[position] === undefined) {
      const entry = index.entries[position];
      metas[position] = [labels.get("type").get(entry.type[0]),
        entry.omraade.map((a) => labels.get("omraade").get(a)).join(", "),
        "Kilde: " + labels.get("kilde").get(entry.kilde[0])].filter(Boolean).join(" · ");
    }
    return metas[position];
  }

  function slot(k) {
    if (!slots[k]) {
      const li = template.cloneNode(true);
      const [link, summary, metaLine] = li.children;
      slots[k] = { li, link, title: textNode(link), summary: textNode(summary), meta: textNode(metaLine),
        position: -1 };
    }
    return slots[k];
  }

  /** Show entry `position` in slot k: the slots stay, only their text and link change. */
  function fill(k, position) {
    const s = slot(k);
    if (s.position !== position) {
      const entry = index.entries[position];
      s.position = position;
      setText(s.title, entry.title);
      s.link.setAttribute("href", siteRoot + entry.url);
      setText(s.summary, entry.summary);
      setText(s.meta, meta(position));
    }
    if (!s.li.isConnected) list.append(s.li);
  }

  function readForm() {
    const next = emptyState(index);
    for (const facet of facets) {
      facet.boxes.forEach((box, k) => box.checked && next[facet.key].add(facet.ids[k]));
    }
    next.text = textBox.value.slice(0, index.textMax);
    return next;
  }

  function writeForm(next) {
    for (const facet of facets) {
      facet.boxes.forEach((box, k) => { box.checked = next[facet.key].has(facet.ids[k]); });
    }
    textBox.value = next.text;
  }

  /** Show the first `limit` matches in the list's slots; slots beyond them leave the list. */
  function renderList() {
    const wanted = Math.min(limit, found);
    for (let k = 0; k < wanted; k++) fill(k, matcher.matches[k]);
    for (let k = wanted; k < slots.length && slots[k].li.isConnected; k++) slots[k].li.remove();
    const rest = found - wanted;
    if (moreWrap.hidden !== (rest <= 0)) moreWrap.hidden = rest <= 0;
    if (rest > 0) setText(moreText, `Vis flere (${rest} mere)`);
  }

  function renderCounts() {
    for (const facet of facets) {
      const counts = matcher.counts[facet.key];
      for (let k = 0; k < counts.length; k++) {
        if (counts[k] === facet.shown[k]) continue;
        facet.shown[k] = counts[k];
        facet.countNodes[k].data = `(${counts[k]})`;
      }
    }
  }

  function refresh() {
    found = matcher.run(state);
    renderCounts();
    limit = PAGE_SIZE;
    renderList();
    setText(count, describeResult(found, total, state));
    askSearch();
  }

  /** Ask the search engine about the current text (once per text); show what it adds when it answers. */
  function askSearch() {
    const key = words(state.text).join(" ");
    if (!search || !key || key === asked) return;
    asked = key;
    search(key).then((ids) => {
      if (!ids || words(state.text).join(" ") !== key) return;
      const positions = [];
      index.entries.forEach((entry, i) => { if (ids.has(entry.id)) positions.push(i); });
      matcher.setFound(key, positions);
      refresh();
      root.dataset.kbFilterSearched = key; // the engine's answer for this text is shown (tests wait for it)
    }, () => { asked = ""; }); // unavailable (offline, first visit): the words-in-text result stands
  }

  /** Read the result out once the user pauses, and only if it differs from what was read last. */
  function announceLater() {
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => {
      if (announcer.textContent !== count.data) announcer.textContent = count.data;
    }, ANNOUNCE_AFTER_MS);
  }

  function showUnknown(unknown) {
    if (unknown.length === 0 && unknownBox.hidden) return;
    unknownBox.hidden = unknown.length === 0;
    const shown = unknown.slice(0, UNKNOWN_SHOWN).map(([key, value]) => {
      const li = document.createElement("li");
      const code = document.createElement("code");
      const pair = `${key}=${value}`;
      code.textContent = pair.length > UNKNOWN_CHARS ? pair.slice(0, UNKNOWN_CHARS) + "…" : pair;
      li.append(code);
      return li;
    });
    if (unknown.length > UNKNOWN_SHOWN) {
      const li = document.createElement("li");
      li.textContent = `og ${unknown.length - UNKNOWN_SHOWN} flere`;
      shown.push(li);
    }
    unknownList.replaceChildren(...shown);
  }

  function fromLocation() {
    const parsed = parseQuery(location.search, index);
    state = parsed.state;
    writeForm(state);
    showUnknown(parsed.unknown);
    refresh();
  }

  function userChanged(push) {
    state = readForm();
    showUnknown([]);
    if (useHistory) urls.write(location.pathname + toQuery(state, index) + location.hash, push);
    refresh();
    announceLater();
  }

  form.addEventListener("change", (event) => {
    if (event.target !== textBox) userChanged(true);
  });
  textBox.addEventListener("input", () => userChanged(false));
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", (event) => {
    event.preventDefault();
    writeForm(emptyState(index));
    userChanged(true);
    textBox.focus();
  });
  more.addEventListener("click", () => {
    const first = list.children.length;
    limit += PAGE_SIZE;
    renderList();
    if (list.children.length > first) slots[first].link.focus();
  });
  if (useHistory) {
    // A link followed right after a change still leaves the changed view in the history.
    document.addEventListener("click", urls.flush, true);
    window.addEventListener("popstate", () => {
      if (!root.isConnected) return; // instant navigation left this page
      urls.drop(); // the reader moved in the history; a write still waiting is out of date
      fromLocation();
      announceLater();
    });
  }

  form.hidden = false;
  list.replaceChildren(); // the list is this code's own from here on
  list.hidden = false;
  for (const node of document.querySelectorAll("[data-kb-static]")) node.hidden = true;
  root.dataset.kbFilterReady = "";
  if (useHistory) fromLocation();
  else refresh();
  return { refresh: () => { state = readForm(); refresh(); }, get state() { return state; } };
}

/** The entry ids Pagefind finds for a text (its per-entry filter counts: no result data is loaded). */
export async function pagefindIds(text) {
  const pagefind = await loadPagefind();
  await pagefind.filters(); // loads the filter index once; without it a search returns no counts
  const result = await pagefind.search(text);
  if (!result) return null;
  const counts = (result.filters && result.filters[ENTRY_FILTER]) || {};
  return new Set(Object.keys(counts).filter((id) => counts[id] > 0));
}

function init() {
  const root = document.querySelector("[data-kb-filter]");
  const data = document.getElementById("kb-filter-index");
  if (!root || !data || "kbFilterReady" in root.dataset) return;
  createFilter(root, JSON.parse(data.textContent), { search: pagefindIds });
}

init();
// With Material's instant navigation this module runs once; a later visit to the page is document$.
const documents = /** @type {any} */ (globalThis).document$;
if (documents && typeof documents.subscribe === "function") documents.subscribe(init);
