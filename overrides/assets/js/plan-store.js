// @ts-check
// "Min handlingsplan" on every page, without Pyodide: the header counter and the "add to my plan"
// button on entry pages. The plan lives only in this browser (localStorage "kb-plan"); the plan
// page (widget-plan.js) validates and fills it with Python. The words and the blank plan come from
// the header's embedded config (koensbalance.plan.view.store_config). Everything is written with
// textContent.
import { store } from "./storage.js";

export const STORAGE_KEY = "kb-plan";
export const STORAGE_VERSION = 1;
const PLAN_URL = new URL("../../plan/", import.meta.url);

/** @typedef {{blank: any, texts: Record<string, string>}} StoreConfig */

/** The header's config; null on a page without it (then the scripts show nothing).
 * @returns {StoreConfig | null} */
function storeConfig() {
  const script = document.querySelector("script[data-kb-plan-store]");
  try {
    const config = script ? JSON.parse(script.textContent || "") : null;
    return config && typeof config === "object" && config.texts && config.blank ? config : null;
  } catch {
    return null;
  }
}

// The stored plan, or null when there is none; what cannot be read is set aside (storage.js).
export function readPlan() {
  const stored = planStore().read();
  return stored ? stored.plan : null;
}

// Only the shape the scripts need is checked here; Python validates every value.
/** @param {any} plan */
export function isPlanShape(plan) {
  return Boolean(plan && typeof plan === "object" && Array.isArray(plan.indsatser)
    && plan.indsatser.every((item) => item && typeof item === "object" && typeof item.id === "string"));
}

/** @param {any} plan */
export function writePlan(plan) {
  return planStore().write({ plan });  // false: storage full or disabled
}

function planStore() {
  return store(STORAGE_KEY, STORAGE_VERSION, (value) => isPlanShape(value.plan));
}

/** "post" or "poster". @param {StoreConfig} config @param {number} count */
function unit(config, count) {
  return count === 1 ? config.texts.unit_one : config.texts.unit_many;
}

/** A text with its {placeholders} filled in. @param {string} template @param {Record<string, string>} values */
function fill(template, values) {
  return (template || "").replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");
}

// ---- header counter ---------------------------------------------------------------------------
/** @param {StoreConfig} config @returns {HTMLAnchorElement | null} */
function headerCounter(config) {
  let link = /** @type {HTMLAnchorElement | null} */ (document.querySelector("[data-kb-plan-counter]"));
  if (!link) {
    const header = document.querySelector(".md-header__inner");
    if (!header) return null;
    link = document.createElement("a");
    link.className = "kb-plan-counter";
    link.dataset.kbPlanCounter = "";
    link.href = PLAN_URL.pathname;
    const label = document.createElement("span");
    label.className = "kb-plan-counter__label";
    label.textContent = config.texts.counter;
    const badge = document.createElement("span");
    badge.className = "kb-plan-counter__count";
    badge.dataset.kbPlanCount = "";
    // Screen readers hear "Min plan 3 poster"; the visible text stays part of the name (WCAG 2.5.3).
    const unit = document.createElement("span");
    unit.className = "kb-sr";
    unit.dataset.kbPlanUnit = "";
    link.append(label, " ", badge, unit);
    const search = header.querySelector(".md-search");
    header.insertBefore(link, search || null);
  }
  return link;
}

export function updateCounter() {
  const config = storeConfig();
  const link = config && headerCounter(config);
  if (!config || !link) return;
  const plan = readPlan();
  const count = plan ? plan.indsatser.length : 0;
  const badge = link.querySelector("[data-kb-plan-count]");
  const sr = link.querySelector("[data-kb-plan-unit]");
  if (badge) badge.textContent = String(count);
  if (sr) sr.textContent = ` ${unit(config, count)}`;
}

// ---- the button on entry pages ----------------------------------------------------------------
/** @param {HTMLElement} root @param {StoreConfig} config */
function bindToggle(root, config) {
  const { texts } = config;
  const id = root.dataset.kbPlanEntry;
  const button = /** @type {HTMLButtonElement} */ (root.querySelector("[data-kb-plan-button]"));
  const status = /** @type {HTMLElement} */ (root.querySelector("[data-kb-plan-status]"));
  const title = root.dataset.kbPlanTitle || texts.entry_fallback;

  function inPlan() {
    const plan = readPlan();
    return Boolean(plan && plan.indsatser.some((/** @type {any} */ item) => item.id === id));
  }

  function render() {
    button.textContent = inPlan() ? texts.remove : texts.add;
  }

  button.addEventListener("click", () => {
    const plan = readPlan() || structuredClone(config.blank);
    const had = plan.indsatser.some((/** @type {any} */ item) => item.id === id);
    plan.indsatser = had ? plan.indsatser.filter((/** @type {any} */ item) => item.id !== id)
      : [...plan.indsatser, { id }];
    if (!writePlan(plan)) {
      status.textContent = texts.storage_failed;
      return;
    }
    render();
    updateCounter();
    const count = `${plan.indsatser.length} ${unit(config, plan.indsatser.length)}`;
    status.textContent = fill(had ? texts.removed : texts.added, { title, count });
  });
  render();
  root.hidden = false;
  return render;
}

/** @type {Array<() => void>} */
const renders = [];

function init() {
  const config = storeConfig();
  if (!config) return;
  updateCounter();
  for (const element of document.querySelectorAll("[data-kb-plan-entry]")) {
    const root = /** @type {HTMLElement} */ (element);
    if (root.dataset.kbPlanBound) continue;
    root.dataset.kbPlanBound = "true";
    renders.push(bindToggle(root, config));
  }
}

// Another tab (or the plan page) changed the plan: follow it.
window.addEventListener("storage", (event) => {
  if (event.key !== STORAGE_KEY && event.key !== null) return;
  updateCounter();
  for (const render of renders) render();
});

const documents = /** @type {any} */ (window).document$;
if (documents && typeof documents.subscribe === "function") {
  documents.subscribe(init);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", init);
} else {
  init();
}
