// "Sæt måltal": reads the form, asks Python (koensbalance.bridge "maaltal.evaluate") and writes the
// plain values it gets back into the slots the build-time render left (textContent, <template>,
// createElementNS). The scenario is kept in the URL and in localStorage. No rules live here.
import { bindStatus, debounce, showFieldErrors } from "./widget-common.js";

const STORAGE_KEY = "kb-maaltal-scenario";  // the plan builder reads the chosen target from here
const MAX_VALUE_LENGTH = 40;  // longer values from a URL or storage are cut; Python rejects them anyway
const SVG = "http://www.w3.org/2000/svg";
const SVG_TAGS = new Set(["line", "path", "text", "circle"]);
const SVG_ATTRS = new Set(["x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "d", "class", "text-anchor"]);
const RULE_LINK = /^(\.\.\/)*regler\/[a-z0-9-]+\/$/;

export function init(root, client) {
  const form = root.querySelector("[data-kb-form]");
  const data = JSON.parse(root.querySelector("[data-kb-data]").textContent);
  const defaults = data.defaults;
  const names = Object.keys(defaults);
  const rules = { balance: data.balance, duties: data.duties };
  const view = bindView(root);
  let lastResult = null;
  let computed = 0;

  form.hidden = false;
  bindStatus(root, client);
  const fromUrl = restore(form, names);

  function values() {
    const out = {};
    for (const name of names) {
      const field = form.elements.namedItem(name);
      out[name] = field ? String(field.value) : "";
    }
    return out;
  }

  function remember(current) {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(current));
    } catch {
      // storage full or disabled: the URL still holds the scenario
    }
    history.replaceState(null, "", `${location.pathname}?${new URLSearchParams(current)}`);
  }

  let latest = 0;
  async function compute() {
    const request = ++latest;
    const input = values();
    toggleBoard(form);
    remember(input);
    let answer;
    const asked = performance.now();
    try {
      answer = await client.call("maaltal.evaluate", { rules, input });
    } catch {
      return;  // the status line already says that the calculator could not load
    }
    if (request !== latest) return;  // a newer input is on its way
    const answered = performance.now();
    performance.measure("kb-maaltal-python", { start: asked, end: answered });  // read by the benchmark
    showFieldErrors(form, answer.ok ? [] : answer.errors);
    markSelects(form, answer.ok ? [] : answer.errors);
    if (answer.ok) {
      lastResult = answer.result;
      render(view, answer.result, input.maalaar);
      view.scenarioError.textContent = "";
      performance.measure("kb-maaltal-render", { start: answered });
      root.dataset.kbComputed = String(++computed);
    } else {
      view.result.dataset.kbStale = "true";
      if (fromUrl.pending) {
        view.scenarioError.textContent =
          "Linket indeholdt værdier, der ikke kan bruges. Ret de markerede felter, eller tryk Nulstil.";
      }
      root.dataset.kbInvalid = String(++computed);
    }
    fromUrl.pending = false;
    if (!root.dataset.kbAnswered) {
      root.dataset.kbAnswered = "true";
      performance.mark("kb-widget-first-answer");  // read by the benchmark (time to a working widget)
    }
  }

  form.addEventListener("input", debounce(compute, 150));
  form.addEventListener("change", () => toggleBoard(form));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    compute();
  });
  root.querySelector("[data-kb-action='reset']").addEventListener("click", () => {
    try {
      localStorage.removeItem(STORAGE_KEY);
    } catch {
      // nothing stored
    }
    for (const name of names) setValue(form, name, defaults[name]);
    view.actionStatus.textContent = "Eksemplet er sat ind igen.";
    compute();
  });
  root.querySelector("[data-kb-action='link']").addEventListener("click", async () => {
    const link = `${location.origin}${location.pathname}?${new URLSearchParams(values())}`;
    view.shareBox.hidden = false;
    view.shareLink.value = link;
    try {
      await navigator.clipboard.writeText(link);
      view.actionStatus.textContent = "Linket er kopieret. Det åbner siden med de samme tal.";
    } catch {
      view.shareLink.select();
      view.actionStatus.textContent = "Kopiér linket i feltet ovenfor (Ctrl+C).";
    }
  });
  root.querySelector("[data-kb-action='csv']").addEventListener("click", () => {
    if (!lastResult) return;
    const blob = new Blob(["\ufeff", lastResult.csv], { type: "text/csv;charset=utf-8" });
    const anchor = document.createElement("a");
    anchor.href = URL.createObjectURL(blob);
    anchor.download = lastResult.csv_name;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(anchor.href), 1000);
    view.actionStatus.textContent = `Tabellen er hentet som ${lastResult.csv_name}.`;
  });
  root.querySelector("[data-kb-action='print']").addEventListener("click", () => window.print());

  toggleBoard(form);
  client.ready.then(() => compute()).catch(() => {});
}

// Scenario on load: the URL's values win, then the browser's saved ones, else the build-time example.
function restore(form, names) {
  const params = new URLSearchParams(location.search);
  const fromUrl = names.some((name) => params.has(name));
  let saved = {};
  if (fromUrl) {
    for (const name of names) saved[name] = params.has(name) ? params.get(name) : "";
  } else {
    try {
      saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || "{}") || {};
    } catch {
      saved = {};
    }
  }
  for (const name of names) {
    if (typeof saved[name] === "string") setValue(form, name, saved[name]);
  }
  return { pending: fromUrl };
}

function setValue(form, name, value) {
  const field = form.elements.namedItem(name);
  if (field) field.value = String(value).slice(0, MAX_VALUE_LENGTH);  // a value, never markup
}

function toggleBoard(form) {
  const board = form.querySelector("[data-kb-board]");
  board.hidden = form.elements.namedItem("bestyrelse").value !== "ja";
}

function markSelects(form, errors) {
  const bad = new Set(errors.map((e) => e.field));
  for (const select of form.querySelectorAll("select")) {
    if (bad.has(select.name)) select.setAttribute("aria-invalid", "true");
    else select.removeAttribute("aria-invalid");
  }
}

function bindView(root) {
  return {
    root,
    result: root.querySelector("[data-kb-result]"),
    scenarioError: root.querySelector("[data-kb-scenario-error]"),
    actionStatus: root.querySelector("[data-kb-action-status]"),
    shareBox: root.querySelector("[data-kb-share]"),
    shareLink: root.querySelector("[data-kb-share-link]"),
    duties: root.querySelector("[data-kb-duties]"),
    dutyTemplate: root.querySelector("[data-kb-duty-template]"),
    boardStatus: root.querySelector("[data-kb-board-status]"),
    shapes: root.querySelector("[data-kb-shapes]"),
    columns: root.querySelector("[data-kb-columns]"),
    rows: root.querySelector("[data-kb-rows]"),
  };
}

function lookup(result, path) {
  return path.split(".").reduce((value, key) => (value == null ? value : value[key]), result);
}

function render(view, result, targetYear) {
  delete view.result.dataset.kbStale;
  for (const slot of view.root.querySelectorAll("[data-kb-out]")) {
    const value = lookup(result, slot.dataset.kbOut);
    slot.textContent = value == null ? "" : String(value);
  }
  view.boardStatus.hidden = !result.board;
  const note = view.root.querySelector("[data-kb-out='obligations.note']");
  note.hidden = !result.obligations.note;
  renderDuties(view, result.obligations.duties);
  renderChart(view.shapes, result.chart.shapes);
  renderTable(view, result.columns, result.rows, Number(String(targetYear).trim()));
}

function renderDuties(view, duties) {
  const items = duties.map((duty) => {
    const item = view.dutyTemplate.content.firstElementChild.cloneNode(true);
    item.dataset.kbApplies = duty.applies ? "ja" : "nej";
    const slot = (name) => item.querySelector(`[data-kb-slot='${name}']`);
    slot("status").textContent = duty.status;
    slot("title").textContent = duty.rule.title;
    slot("reason").textContent = duty.reason;
    slot("quote").textContent = duty.rule.quote;
    slot("source").textContent = duty.rule.source;
    if (RULE_LINK.test(duty.rule.url)) slot("link").setAttribute("href", duty.rule.url);
    return item;
  });
  view.duties.replaceChildren(...items);
}

function renderChart(group, shapes) {
  const elements = [];
  for (const shape of shapes) {
    if (!SVG_TAGS.has(shape.tag)) continue;
    const element = document.createElementNS(SVG, shape.tag);
    for (const [name, value] of Object.entries(shape.attrs)) {
      if (SVG_ATTRS.has(name)) element.setAttribute(name, String(value));
    }
    if (shape.text) element.textContent = shape.text;
    elements.push(element);
  }
  group.replaceChildren(...elements);
}

// The target year's row is marked so that the one-page print keeps it (maaltal.css, @media print).
function renderTable(view, columns, rows, targetYear) {
  view.columns.replaceChildren(...columns.map((text) => {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = text;
    return th;
  }));
  view.rows.replaceChildren(...rows.map((row) => {
    const tr = document.createElement("tr");
    if (Number(row[0]) === targetYear) tr.dataset.kbTargetYear = "";
    row.forEach((text, index) => {
      const cell = document.createElement(index === 0 ? "th" : "td");
      if (index === 0) cell.scope = "row";
      cell.textContent = text;
      tr.append(cell);
    });
    return tr;
  }));
}
