// "Min handlingsplan" on every page, without Pyodide: the header counter and the "Tilføj til min
// plan" button on entry pages. The plan lives only in this browser (localStorage "kb-plan"); the plan
// page (widget-plan.js) validates and fills it with Python. Everything is written with textContent.
import { store } from "./storage.js";

export const STORAGE_KEY = "kb-plan";
export const STORAGE_VERSION = 1;
const PLAN_URL = new URL("../../plan/", import.meta.url);

// The stored plan, or null when there is none; what cannot be read is set aside (storage.js).
export function readPlan() {
  const stored = planStore().read();
  return stored ? stored.plan : null;
}

// Only the shape the scripts need is checked here; Python validates every value.
export function isPlanShape(plan) {
  return Boolean(plan && typeof plan === "object" && Array.isArray(plan.indsatser)
    && plan.indsatser.every((item) => item && typeof item === "object" && typeof item.id === "string"));
}

export function writePlan(plan) {
  return planStore().write({ plan });  // false: storage full or disabled
}

function planStore() {
  return store(STORAGE_KEY, STORAGE_VERSION, (value) => isPlanShape(value.plan));
}

function emptyPlan() {
  return { titel: "Handlingsplan for kønsbalance i ledelsen", organisation: "", maal: null, indsatser: [], tjekliste: [] };
}

function countText(count) {
  return count === 1 ? "1 post" : `${count} poster`;
}

// ---- header counter ---------------------------------------------------------------------------
function headerCounter() {
  let link = document.querySelector("[data-kb-plan-counter]");
  if (!link) {
    const header = document.querySelector(".md-header__inner");
    if (!header) return null;
    link = document.createElement("a");
    link.className = "kb-plan-counter";
    link.dataset.kbPlanCounter = "";
    link.href = PLAN_URL.pathname;
    const label = document.createElement("span");
    label.className = "kb-plan-counter__label";
    label.textContent = "Min plan";
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
  const link = headerCounter();
  if (!link) return;
  const plan = readPlan();
  const count = plan ? plan.indsatser.length : 0;
  link.querySelector("[data-kb-plan-count]").textContent = String(count);
  link.querySelector("[data-kb-plan-unit]").textContent = count === 1 ? " post" : " poster";
}

// ---- the button on entry pages ----------------------------------------------------------------
function bindToggle(root) {
  const id = root.dataset.kbPlanEntry;
  const button = root.querySelector("[data-kb-plan-button]");
  const status = root.querySelector("[data-kb-plan-status]");
  const title = root.dataset.kbPlanTitle || "Posten";

  function inPlan() {
    const plan = readPlan();
    return Boolean(plan && plan.indsatser.some((item) => item.id === id));
  }

  function render() {
    button.textContent = inPlan() ? "Fjern fra min plan" : "Tilføj til min plan";
  }

  button.addEventListener("click", () => {
    const plan = readPlan() || emptyPlan();
    const had = plan.indsatser.some((item) => item.id === id);
    plan.indsatser = had ? plan.indsatser.filter((item) => item.id !== id) : [...plan.indsatser, { id }];
    if (!writePlan(plan)) {
      status.textContent = "Planen kunne ikke gemmes i din browser (lagringen er slået fra eller fuld).";
      return;
    }
    render();
    updateCounter();
    const count = countText(plan.indsatser.length);
    status.textContent = had ? `»${title}« er fjernet fra din plan (${count}).`
      : `»${title}« er tilføjet til din plan (${count}).`;
  });
  render();
  root.hidden = false;
  return render;
}

const renders = [];

function init() {
  updateCounter();
  for (const root of document.querySelectorAll("[data-kb-plan-entry]")) {
    if (root.dataset.kbPlanBound) continue;
    root.dataset.kbPlanBound = "true";
    renders.push(bindToggle(root));
  }
}

// Another tab (or the plan page) changed the plan: follow it.
window.addEventListener("storage", (event) => {
  if (event.key !== STORAGE_KEY && event.key !== null) return;
  updateCounter();
  for (const render of renders) render();
});

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(init);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", init);
} else {
  init();
}
