// "Find inspiration": instant filtering over the build-time JSON index (macros/browse_macros.py).
// Pure parts (parseQuery, toQuery, filterEntries) are exported so the benchmark can time them; the
// page part (createFilter) only reads the form, calls them and writes text into the DOM.
// Nothing from the URL is ever inserted as markup: unknown values are shown with textContent.

const ALIASES = { "område": "omraade", "målgruppe": "maalgruppe" }; // the Danish keys
const PAGE_SIZE = 50; // results shown before "Vis flere" (keeps one update within a frame at 5,000 entries)
const UNKNOWN_SHOWN = 10; // unrecognised values listed (the rest are counted)
const UNKNOWN_CHARS = 80; // each shown cut to this length

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

function anyOf(values, selected) {
  for (const v of values) if (selected.has(v)) return true;
  return false;
}

/**
 * Filter the index: within a facet any selected value matches, across facets all must match, and
 * every word of the free text must occur in the entry's text. Counts are "what you would get":
 * for each facet value, the entries matching every other facet (and the text) that have the value.
 * Returns { matches: [entry positions], counts: { facetKey: Map(value -> n) } }.
 */
export function filterEntries(index, state) {
  const facets = index.facets;
  const active = facets.filter((f) => state[f.key].size > 0);
  const terms = words(state.text);
  const counts = {};
  for (const facet of facets) counts[facet.key] = new Map(facet.values.map((v) => [v.id, 0]));
  const matches = [];
  const entries = index.entries;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (terms.length && !terms.every((t) => entry.text.includes(t))) continue;
    let failed = null;
    let failures = 0;
    for (const facet of active) {
      if (!anyOf(entry[facet.key], state[facet.key])) {
        failures++;
        failed = facet;
        if (failures > 1) break;
      }
    }
    if (failures > 1) continue;
    if (failures === 1) {
      const count = counts[failed.key];
      for (const v of entry[failed.key]) count.set(v, count.get(v) + 1);
      continue;
    }
    matches.push(i);
    for (const facet of facets) {
      const count = counts[facet.key];
      for (const v of entry[facet.key]) count.set(v, count.get(v) + 1);
    }
  }
  return { matches, counts };
}

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

/** Danish sentence for the live region. */
export function describeResult(shown, total, state) {
  const filtered = state.text.trim() || Object.values(state).some((v) => v instanceof Set && v.size);
  if (!filtered) return `Alle ${plural(total, "post", "poster")} vises.`;
  if (shown === 0) return `Ingen poster passer til filteret (af ${total}).`;
  return `${plural(shown, "post passer", "poster passer")} til filteret (af ${total}).`;
}

/** Wire a [data-kb-filter] root to an index. Returns { refresh, state } for tests and benchmarks. */
export function createFilter(root, index, { history: useHistory = true } = {}) {
  const form = root.querySelector("[data-kb-filter-form]");
  const list = root.querySelector("[data-kb-results]");
  const status = root.querySelector("[data-kb-result-count]");
  const moreWrap = root.querySelector("[data-kb-more-wrap]");
  const more = root.querySelector("[data-kb-more]");
  const template = root.querySelector("[data-kb-result-template]");
  const unknownBox = root.querySelector("[data-kb-unknown]");
  const unknownList = root.querySelector("[data-kb-unknown-list]");
  const textBox = form.elements.namedItem(index.textKey);
  const siteRoot = new URL(root.dataset.kbSiteRoot || "./", document.baseURI);
  const labels = new Map(index.facets.map((f) => [f.key, new Map(f.values.map((v) => [v.id, v.label]))]));
  const boxes = new Map(index.facets.map((f) => [f.key, new Map()]));
  const countNodes = new Map(index.facets.map((f) => [f.key, new Map()]));
  for (const box of form.querySelectorAll("input[type=checkbox]")) {
    if (!boxes.has(box.name)) continue;
    boxes.get(box.name).set(box.value, box);
    countNodes.get(box.name).set(box.value, box.labels[0].querySelector("[data-kb-count]"));
  }
  const items = new Map(); // entry position -> <li>, built on first display
  let state = emptyState(index);
  let matches = [];
  let limit = PAGE_SIZE;

  function item(position) {
    let li = items.get(position);
    if (li) return li;
    const entry = index.entries[position];
    li = template.content.firstElementChild.cloneNode(true);
    const link = li.querySelector("[data-kb-title]");
    link.textContent = entry.title;
    link.href = new URL(entry.url, siteRoot).href;
    li.querySelector("[data-kb-summary]").textContent = entry.summary;
    const meta = [labels.get("type").get(entry.type[0]),
      entry.omraade.map((a) => labels.get("omraade").get(a)).join(", "),
      "Kilde: " + labels.get("kilde").get(entry.kilde[0])].filter(Boolean);
    li.querySelector("[data-kb-meta]").textContent = meta.join(" · ");
    items.set(position, li);
    return li;
  }

  function readForm() {
    const next = emptyState(index);
    for (const [key, byValue] of boxes) {
      for (const [value, box] of byValue) if (box.checked) next[key].add(value);
    }
    next.text = textBox.value.slice(0, index.textMax);
    return next;
  }

  function writeForm(next) {
    for (const [key, byValue] of boxes) {
      for (const [value, box] of byValue) box.checked = next[key].has(value);
    }
    textBox.value = next.text;
  }

  function renderList() {
    const shown = matches.slice(0, limit).map(item);
    list.replaceChildren(...shown);
    const rest = matches.length - shown.length;
    moreWrap.hidden = rest <= 0;
    if (rest > 0) more.textContent = `Vis flere (${rest} mere)`;
  }

  function refresh() {
    const result = filterEntries(index, state);
    matches = result.matches;
    for (const [key, byValue] of countNodes) {
      const count = result.counts[key];
      for (const [value, node] of byValue) {
        const text = `(${count.get(value)})`;
        if (node.textContent !== text) node.textContent = text;
      }
    }
    limit = PAGE_SIZE;
    renderList();
    status.textContent = describeResult(matches.length, index.entries.length, state);
  }

  function showUnknown(unknown) {
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
    if (useHistory) {
      const url = location.pathname + toQuery(state, index) + location.hash;
      if (url !== location.pathname + location.search + location.hash) {
        history[push ? "pushState" : "replaceState"](null, "", url);
      }
    }
    refresh();
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
    list.children[first]?.querySelector("a")?.focus();
  });
  if (useHistory) window.addEventListener("popstate", fromLocation);

  form.hidden = false;
  list.hidden = false;
  for (const node of document.querySelectorAll("[data-kb-static]")) node.hidden = true;
  root.dataset.kbFilterReady = "";
  if (useHistory) fromLocation();
  else refresh();
  return { refresh: () => { state = readForm(); refresh(); }, get state() { return state; } };
}

function init() {
  const root = document.querySelector("[data-kb-filter]");
  const data = document.getElementById("kb-filter-index");
  if (!root || !data || "kbFilterReady" in root.dataset) return;
  createFilter(root, JSON.parse(data.textContent));
}

init();
