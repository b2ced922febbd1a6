// @ts-check
// "Sæt måltal": the form's fields go to Python (koensbalance.bridge "maaltal.evaluate"), whose view
// model is written into the slots the build-time render left (textContent, <template>,
// createElementNS). Interactive here: the scenario kept in the URL and in localStorage, the board
// fields shown only with a board, the chart drawn from Python's shapes. No rules, no words.

import { drawShapes, fillSlots, fillTable } from "./view-dom.js";

const STORAGE_KEY = "kb-maaltal-scenario";  // the plan builder and "Følg op" read the target from here
const RULE_LINK = /^(\.\.\/)*regler\/[a-z\d-]+\/$/;
let fromUrl = false;  // the scenario came from a link: a refusal says so once
let lastResult = /** @type {any} */ (null);

/** @typedef {import("./runtime.js").Context} Context */

/** @param {Context} ctx @returns {Record<string, string>} */
function values(ctx) {
  return Object.fromEntries(Object.keys(ctx.config.defaults).map((name) => {
    const field = /** @type {HTMLInputElement | null} */ (ctx.form && ctx.form.elements.namedItem(name));
    return [name, field ? String(field.value) : ""];
  }));
}

/** @param {Context} ctx @param {Record<string, unknown>} saved */
function fill(ctx, saved) {
  for (const name of Object.keys(ctx.config.defaults)) {
    const field = /** @type {HTMLInputElement | null} */ (ctx.form && ctx.form.elements.namedItem(name));
    const value = saved[name];
    if (field && typeof value === "string") field.value = value.slice(0, ctx.config.max_value_length);
  }
  toggleBoard(ctx);
}

/** @param {Context} ctx */
function toggleBoard(ctx) {
  const board = /** @type {HTMLSelectElement} */ (ctx.form && ctx.form.elements.namedItem("bestyrelse"));
  ctx.q("[data-kb-board]").hidden = board.value !== ctx.config.board_value;
}

/** @type {import("./runtime.js").Widget} */
export const widget = {
  call: "maaltal.evaluate",
  input(ctx) {
    const input = values(ctx);
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(input));
    } catch {
      // storage full or disabled: the URL still holds the scenario
    }
    history.replaceState(null, "", `${location.pathname}?${new URLSearchParams(input)}`);
    return { input };
  },
  start(ctx) {
    // On load the URL's values win, then the browser's saved ones, else the build-time example.
    const params = new URLSearchParams(location.search);
    const names = Object.keys(ctx.config.defaults);
    fromUrl = names.some((name) => params.has(name));
    /** @type {Record<string, unknown>} */
    let saved = {};
    try {
      saved = fromUrl ? Object.fromEntries(names.map((n) => [n, params.get(n) || ""]))
        : JSON.parse(localStorage.getItem(STORAGE_KEY) || "{}") || {};
    } catch {
      saved = {};
    }
    fill(ctx, saved);
    const form = /** @type {HTMLFormElement} */ (ctx.form);
    form.addEventListener("input", () => ctx.computeSoon());
    form.addEventListener("change", () => toggleBoard(ctx));
    const status = ctx.q("[data-kb-action-status]");
    const action = (/** @type {string} */ name, /** @type {() => void} */ run) =>
      ctx.q(`[data-kb-action='${name}']`).addEventListener("click", run);
    action("reset", () => {
      try {
        localStorage.removeItem(STORAGE_KEY);
      } catch {
        // nothing stored
      }
      fill(ctx, ctx.config.defaults);
      status.textContent = ctx.texts.reset_done;
      ctx.compute();
    });
    action("link", () => {
      const link = ctx.q("[data-kb-share-link]");
      ctx.q("[data-kb-share]").hidden = false;
      link.value = `${location.origin}${location.pathname}?${new URLSearchParams(values(ctx))}`;
      ctx.copy(link, "link_copied", status);
    });
    action("csv", () => {
      if (!lastResult) return;
      ctx.download(`\ufeff${lastResult.csv}`, lastResult.csv_name, "text/csv");
      status.textContent = lastResult.csv_saved;
    });
    action("print", () => window.print());
  },
  invalid(ctx) {
    if (fromUrl) ctx.q("[data-kb-scenario-error]").textContent = ctx.texts.link_refused;
    fromUrl = false;
  },
  render(ctx, result) {
    fromUrl = false;
    lastResult = result;
    ctx.q("[data-kb-scenario-error]").textContent = "";
    fillSlots(ctx.root, result);
    ctx.q("[data-kb-board-status]").hidden = !result.board;
    ctx.q("[data-kb-out='obligations.note']").hidden = !result.obligations.note;
    const template = ctx.q("[data-kb-duty-template]");
    ctx.q("[data-kb-duties]").replaceChildren(...result.obligations.duties.map((/** @type {any} */ duty) => {
      const item = template.content.firstElementChild.cloneNode(true);
      item.dataset.kbApplies = duty.applies_code;
      const slot = (/** @type {string} */ name) => item.querySelector(`[data-kb-slot='${name}']`);
      slot("status").textContent = duty.status;
      for (const name of ["title", "quote", "source"]) slot(name).textContent = duty.rule[name];
      slot("reason").textContent = duty.reason;
      if (RULE_LINK.test(duty.rule.url)) slot("link").setAttribute("href", duty.rule.url);
      return item;
    }));
    drawShapes(ctx.q("[data-kb-shapes]"), result.chart.shapes);
    const rows = fillTable(ctx.q("[data-kb-columns]"), ctx.q("[data-kb-rows]"), result.columns, result.rows);
    if (rows[result.target_row]) rows[result.target_row].dataset.kbTargetYear = "";
  },
};
