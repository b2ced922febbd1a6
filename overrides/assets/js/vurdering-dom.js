// @ts-check
// DOM of »Vurdér en ydelse«: the assessment's plain dict kept in step with the form's named fields
// ("modtagere.kvinder.antal", "succeskriterier.0.maal", "hypoteser.<id>", "metoder"), the success
// criterion editors cloned from the <template>, and Python's view written into the slots (textContent,
// createElementNS for the chart; the print layout from the same blocks as the .docx, plan-dom.js).
import { element, renderDocument } from "./plan-dom.js";
import { attempt } from "./storage.js";
import { drawShapes } from "./view-dom.js";

/** @typedef {import("./runtime.js").Context} Context */

export const isObject = (/** @type {any} */ v) => Boolean(v) && typeof v === "object" && !Array.isArray(v);

/** @param {any} value @param {string} name */
export function getPath(value, name) {
  return name.split(".").reduce((v, key) => (v == null || typeof v !== "object" ? undefined : v[key]), value);
}

/** @param {any} value @param {string} name @param {unknown} text */
export function setPath(value, name, text) {
  const keys = name.split(".");
  const last = /** @type {string} */ (keys.pop());
  const target = keys.reduce((v, key) => {
    if (v[key] == null || typeof v[key] !== "object") v[key] = {};
    return v[key];
  }, value);
  target[last] = text;
}

/** Every named field shows the assessment's value. @param {HTMLFormElement} form @param {any} state */
export function fillForm(form, state) {
  const chosen = Array.isArray(state.metoder) ? state.metoder : [];
  for (const control of /** @type {any[]} */ ([...form.elements])) {
    if (!control.name) continue;
    if (control.type === "checkbox") control.checked = chosen.includes(control.value);
    else {
      const value = getPath(state, control.name);
      control.value = value == null ? "" : String(value);
      if (control.tagName === "SELECT" && control.selectedIndex < 0) control.selectedIndex = 0;
    }
  }
}

/** The success criterion editors, one per criterion, with names, ids and labels.
 * @param {Context} ctx @param {any[]} criteria */
export function renderCriteria(ctx, criteria) {
  ctx.q("[data-kb-criteria]").replaceChildren(...criteria.map((_, index) => {
    const item = ctx.q("[data-kb-criterion-template]").content.firstElementChild.cloneNode(true);
    item.dataset.kbIndex = String(index);
    item.querySelector("[data-kb-criterion-legend]").textContent = ctx.text("criterion", { n: index + 1 });
    for (const control of item.querySelectorAll("[data-kb-key]")) {
      const key = control.dataset.kbKey;
      const id = `kb-v-kriterium-${index}-${key}`;
      const error = item.querySelector(`[data-kb-error-key="${key}"]`);
      Object.assign(control, { id, name: `succeskriterier.${index}.${key}` });
      error.id = `${id}-fejl`;
      error.dataset.kbErrorFor = control.name;
      control.setAttribute("aria-describedby", error.id);
      item.querySelector(`[data-kb-for="${key}"]`).htmlFor = id;
    }
    item.querySelector("[data-kb-remove-criterion]").setAttribute("aria-label", ctx.text("remove_criterion", { n: index + 1 }));
    return item;
  }));
}

/** One comparison's chart from Python's shapes (only the tags and attributes a chart uses).
 * @param {HTMLElement} box @param {any} chart */
function drawChart(box, chart) {
  box.hidden = !chart;
  if (!chart) return;
  const part = (/** @type {string} */ selector) => /** @type {Element} */ (box.querySelector(selector));
  part("title").textContent = chart.title;
  part("desc").textContent = chart.description;
  part("figcaption").textContent = chart.title;
  drawShapes(part("[data-kb-shapes]"), chart.shapes, new Set(chart.tags));
}

/** One comparison: Python's answer ({ok, result} of vurdering.analyse, {} while its numbers are empty).
 * @param {Context} ctx @param {string} kind @param {any} answer */
export function renderAnalysis(ctx, kind, answer) {
  const section = ctx.q(`[data-kb-analysis="${kind}"]`);
  const result = answer.ok ? answer.result : null;
  const slot = (/** @type {string} */ name) => /** @type {HTMLElement} */ (section.querySelector(`[data-kb-v="${name}"]`));
  slot("empty").hidden = Boolean(result);
  slot("empty").textContent = answer.ok === false ? ctx.texts.fix_numbers : ctx.texts.not_filled;
  slot("lines").replaceChildren(...(result ? result.linjer : []).map((/** @type {string} */ line) => element("li", line)));
  slot("verdict").textContent = result ? result.konklusion : "";
  slot("sample").textContent = result ? result.stikproeve.tekst : "";
  drawChart(slot("chart"), result && result.chart);
}

/** Python's view of the whole assessment (vurdering.view) into the page. @param {Context} ctx @param {any} view */
export function renderView(ctx, view) {
  const q = ctx.q;
  for (const kind of Object.keys(view.analyser)) renderAnalysis(ctx, kind, view.analyser[kind]);
  ctx.root.querySelectorAll("[data-kb-criterion-status]").forEach((status, index) => {
    status.textContent = view.succeskriterier[index] ? view.succeskriterier[index].tekst : "";
  });
  q("[data-kb-example]").hidden = !view.eksempel;
  q('[data-kb-v="title"]').textContent = view.titel;
  renderDocument(ctx, q("[data-kb-print-document]"), view.document);
  q("[data-kb-markdown]").value = view.markdown;
  q("[data-kb-link]").value = view.link;
  q("[data-kb-link-note]").textContent = view.link_besked;
  if (view.workshop_link) q("[data-kb-workshop]").href = view.workshop_link;
  ctx.showErrors(view.fejl);
}

/** "Lav en projektplan": the project-plan form's own stored format ({version, poster: [{field: text}]},
 * widget-workshop-form.js reads it at once), after asking if that form already holds work.
 * @param {Context} ctx @param {Record<string, string>} values Python's prefill of the form's fields */
export function handOffProject(ctx, values) {
  const project = ctx.config.project;
  const target = ctx.store(project.key, project.version, (p) => Array.isArray(p.poster));
  const existing = target.read();
  const written = existing && existing.poster.some((/** @type {any} */ e) => isObject(e)
    && Object.values(e).some((value) => typeof value === "string" && value.trim()));
  if (!ctx.confirmReplace("confirm_project", Boolean(written))) return;
  const entry = Object.fromEntries(project.keys.map((/** @type {string} */ key) => [key, values[key] || ""]));
  if (!target.write({ poster: [entry] })) return void (ctx.q("[data-kb-project-error]").textContent = ctx.texts.storage_failed);
  location.assign(new URL(project.url, location.href).href);
}

/** Stored work Python cannot read: set aside under "<key>-ulaeselig" (never overwritten), and said.
 * @param {Context} ctx @param {any} state */
export function setAside(ctx, state) {
  attempt(() => localStorage.setItem(`${ctx.config.storage_key}-ulaeselig`, JSON.stringify(state)));
  ctx.refuse([{ field: "", message: ctx.texts.stored_unreadable }]);
}
