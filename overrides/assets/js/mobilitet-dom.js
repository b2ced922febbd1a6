// @ts-check
// DOM of »Ansæt en sektorskifter« (widget-mobilitet.js): the form's fields to and from the kit (field
// names are the kit's paths: "analyse.rammer", "forventninger.kandidat.opgaver", "noter.3"), and
// Python's view of the kit into the page (textContent and createElementNS only).
import { element, renderDocument } from "./plan-dom.js";
import { drawShapes } from "./view-dom.js";

/** @typedef {import("./runtime.js").Context} Context */
/** @typedef {Record<string, any>} Kit */
const LINES = "\n";

/** @param {Kit} kit @param {string} name */
function valueAt(kit, name) {
  const value = name.split(".").reduce((/** @type {any} */ at, key) => (at == null ? at : at[key]), kit);
  if (name === "undren" && Array.isArray(value)) return value.join(LINES);
  if (Array.isArray(value)) return value.join(", ");
  return value == null ? "" : String(value);
}

/** Every named field of the form from the kit (stored work, a file, a link, emptying).
 * @param {Context} ctx @param {Kit} kit */
export function fillForm(ctx, kit) {
  for (const control of /** @type {any} */ (ctx.form).elements) {
    if (!control.name) continue;
    if (control.type === "checkbox") control.checked = (kit[control.name] || []).includes(control.value);
    else control.value = valueAt(kit, control.name);
  }
}

/** One edited field into the kit; false when the field is not the kit's.
 * @param {HTMLFormElement} form @param {HTMLInputElement} control @param {Kit} kit */
export function readControl(form, control, kit) {
  const name = control.name;
  if (!name) return false;
  if (control.type === "checkbox") {
    kit[name] = [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((box) => /** @type {HTMLInputElement} */ (box).value);
  } else if (name === "undren") {
    kit.undren = control.value.split(LINES);
  } else {
    const path = name.split(".");
    const last = /** @type {string} */ (path.pop());
    const parent = path.reduce((/** @type {any} */ at, key) => (at[key] && typeof at[key] === "object" ? at[key] : (at[key] = {})), kit);
    parent[last] = control.value;
  }
  return true;
}

/** Python's view of the kit into the page. @param {Context} ctx @param {any} view @param {Kit} kit */
export function renderKit(ctx, view, kit) {
  const q = ctx.q;
  for (const slot of ctx.root.querySelectorAll("[data-kb-out]")) {
    const key = /** @type {string} */ (slot.getAttribute("data-kb-out"));
    if (!key.includes(".")) slot.textContent = view[key] || "";
  }
  if (q("[data-kb-summary]")) renderComparison(ctx, view);
  for (const phase of view.tjekliste) {
    for (const step of phase.trin) {
      const slot = q(`[data-kb-step="${step.id}"]`);
      if (!slot) continue;
      slot.querySelector("[data-kb-step-date]").textContent = step.dato_tekst;
      slot.querySelector("[data-kb-step-time]").textContent = `(${step.tid})`;
      slot.querySelector("[data-kb-step-note]").textContent = step.note;
    }
  }
  renderTalks(ctx, view.samtaler, kit);
  q("[data-kb-markdown]").value = view.markdown;
  renderDocument(ctx, q("[data-kb-print-document]"), view.document);
}

/** @param {Context} ctx @param {any} view */
function renderComparison(ctx, view) {
  const q = ctx.q;
  const comparison = view.forventninger;
  for (const row of comparison.raekker) {
    const line = q(`[data-kb-row="${row.emne}"]`);
    line.classList.toggle("kb-mob-marked", row.markeret);
    line.querySelector("[data-kb-diff]").textContent = row.forklaring;
    line.querySelector("[data-kb-flag]").hidden = !row.markeret;
  }
  for (const side of comparison.sider) {
    q(`[data-kb-total="${side.side}"]`).textContent = side.i_alt_tekst;
    const message = q(`[data-kb-side-message="${side.side}"]`);
    message.textContent = side.besked;
    message.classList.toggle("kb-mob-off", !side.giver_100);
  }
  q("[data-kb-summary]").textContent = comparison.opsummering;
  for (const [side, link] of Object.entries(view.links)) q(`[data-kb-link="${side}"]`).value = link;
  // The chart: Python's geometry, only the element names it may use.
  const chart = view.diagram;
  const svg = q("[data-kb-chart]");
  svg.setAttribute("viewBox", `0 0 ${chart.width} ${chart.height}`);
  svg.querySelector("title").textContent = chart.title;
  svg.querySelector("desc").textContent = chart.description;
  drawShapes(svg.querySelector("[data-kb-shapes]"), chart.shapes, new Set(ctx.config.chart_tags));
}

/** The conversations, rebuilt only when they changed (months, dates); the field being typed in keeps
 * its focus. @param {Context} ctx @param {any[]} talks @param {Kit} kit */
function renderTalks(ctx, talks, kit) {
  const list = ctx.q("[data-kb-talks]");
  if (!list) return;
  const signature = JSON.stringify(talks);
  if (list.dataset.kbSignature === signature) return;
  list.dataset.kbSignature = signature;
  const active = /** @type {any} */ (document.activeElement);
  const focused = list.contains(active) ? { name: active.name, at: active.selectionStart } : null;
  list.replaceChildren(...talks.map((talk) => {
    const item = ctx.q("[data-kb-talk-template]").content.firstElementChild.cloneNode(true);
    const id = `kb-mob-noter-${talk.maaned}`;
    const name = `noter.${talk.maaned}`;
    item.querySelector("[data-kb-talk-title]").textContent = talk.titel;
    item.querySelector("[data-kb-talk-date]").textContent = talk.dato_tekst;
    const note = item.querySelector("[data-kb-talk-note]");
    Object.assign(note, { textContent: talk.note, hidden: !talk.note });
    item.querySelector("[data-kb-talk-theme]").textContent = `${talk.tema}:`;
    item.querySelector("[data-kb-talk-points]").replaceChildren(...talk.punkter.map((/** @type {string} */ p) => element("li", p)));
    Object.assign(item.querySelector("[data-kb-talk-label]"), { htmlFor: id, textContent: talk.noter_label });
    const error = item.querySelector("[data-kb-talk-error]");
    Object.assign(error, { id: `${id}-fejl` });
    error.dataset.kbErrorFor = name;
    const notes = item.querySelector("[data-kb-talk-notes]");
    Object.assign(notes, { id, name, value: valueAt(kit, name) });
    notes.setAttribute("aria-describedby", error.id);
    return item;
  }));
  const again = focused && list.querySelector(`[name="${focused.name}"]`);
  if (again) {
    again.focus();
    again.setSelectionRange(focused.at, focused.at);
  }
}
