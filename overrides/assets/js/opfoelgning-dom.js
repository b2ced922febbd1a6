// @ts-check
// DOM of "Følg op": a year's editor from the <template> and Python's view of the history written
// into the page (slots, tables, chart, legend, report). Text only; no rule, no word of its own.
import { drawShapes, fillSlots, fillTable } from "./view-dom.js";
import { element, renderDocument } from "./plan-dom.js";

/** @typedef {import("./runtime.js").Context} Context */
/** @typedef {Record<string, string>} YearValues */

/** The stored or opened history's shape (Python validates every value). @param {any} h */
export const isHistory = (h) => Boolean(h && typeof h === "object" && h.scenarie && typeof h.scenarie === "object"
  && Array.isArray(h.status) && h.status.every((/** @type {any} */ r) => r && typeof r === "object"));

/** Only the year fields, as text no longer than Python reads; the scenario goes to Python as it is.
 * @param {Context} ctx @param {any} h */
export function clean(ctx, h) {
  const { fields, max_records: most, max_value_length: longest } = ctx.config;
  return { scenarie: h.scenarie, status: h.status.slice(0, most).map((/** @type {any} */ r) =>
    Object.fromEntries(fields.map((/** @type {string} */ f) => [f, r[f] == null ? "" : String(r[f]).slice(0, longest)]))) };
}

const REPORT_HEADINGS = { title: "h3", heading: "h4", subheading: "h5" };  // under the report's h3

/** The editor's legend and remove label of a year (its year as typed). @param {Context} ctx @param {string} year */
export function yearWords(ctx, year) {
  const blank = !year.trim();
  return {
    legend: blank ? ctx.texts.row_legend_blank : ctx.text("row_legend", { year }),
    remove: blank ? ctx.texts.remove_blank : ctx.text("remove_year", { year }),
  };
}

/** One year's editor; its inputs are named as Python names their errors ("status.<i>.<field>").
 * @param {Context} ctx @param {YearValues} values @param {number} index @param {any} view the last answer */
export function yearEditor(ctx, values, index, view) {
  const item = ctx.q("[data-kb-year-template]").content.firstElementChild.cloneNode(true);
  item.dataset.kbIndex = String(index);
  for (const name of ctx.config.fields) {
    const input = item.querySelector(`[data-kb-field="${name}"]`);
    const id = `kb-opf-${index}-${name}`;
    Object.assign(input, { id, name: `status.${index}.${name}`, value: values[name] || "" });
    const label = item.querySelector(`[data-kb-for="${name}"]`);
    label.htmlFor = id;
    if (view) label.textContent = view.labels[name];
    const error = item.querySelector(`[data-kb-error="${name}"]`);
    Object.assign(error, { id: `${id}-fejl` });
    error.dataset.kbErrorFor = input.name;
    input.setAttribute("aria-describedby", error.id);
  }
  labelYear(ctx, item, values.aar || "");
  showBoard(item, view);
  return item;
}

/** @param {Context} ctx @param {Element} item @param {string} year */
export function labelYear(ctx, item, year) {
  const words = yearWords(ctx, year);
  /** @type {HTMLElement} */ (item.querySelector("[data-kb-year-legend]")).textContent = words.legend;
  /** @type {HTMLElement} */ (item.querySelector("[data-kb-remove]")).textContent = words.remove;
}

/** The board's fields only where the scenario has a board (as in "Sæt måltal"). @param {Element} item @param {any} view */
function showBoard(item, view) {
  for (const field of item.querySelectorAll("[data-kb-board-field]")) {
    /** @type {HTMLElement} */ (field).hidden = !(view && view.board);
  }
}

/** Everything Python's view shows outside the year editors. @param {Context} ctx @param {any} view */
export function renderView(ctx, view) {
  const { q, root } = ctx;
  fillSlots(root, view);
  for (const slot of root.querySelectorAll("[data-kb-out^='now.']")) /** @type {HTMLElement} */ (slot).hidden = !slot.textContent;
  q("[data-kb-assumptions]").replaceChildren(...view.assumptions.map((/** @type {string} */ line) => element("li", line)));
  fillTable(q("[data-kb-track-columns]"), q("[data-kb-track-rows]"), view.columns, view.rows);
  fillTable(q("[data-kb-projection-columns]"), q("[data-kb-projection-rows]"), view.projection.columns, view.projection.rows);
  drawShapes(q("[data-kb-shapes]"), view.chart.shapes);
  const template = q("[data-kb-legend] li");
  q("[data-kb-legend]").replaceChildren(...view.chart.legend.map((/** @type {any} */ entry) => {
    const item = template.cloneNode(true);
    item.firstElementChild.className = `kb-opf__swatch ${entry.class}`;
    item.lastChild.textContent = ` ${entry.text}`;
    return item;
  }));
  const select = q("[data-kb-report-year]");
  select.replaceChildren(...view.report.aarene.map((/** @type {number} */ year) =>
    Object.assign(element("option", String(year)), { value: String(year), selected: year === view.report.aar })));
  renderDocument(ctx, q("[data-kb-report-document]"), view.report.document, REPORT_HEADINGS);
  q("[data-kb-markdown]").value = view.report.markdown;
  q("[data-kb-link]").value = view.link;
  for (const item of q("[data-kb-years]").children) {
    showBoard(item, view);
    for (const label of item.querySelectorAll("[data-kb-for]")) label.textContent = view.labels[label.dataset.kbFor];
  }
}
