// @ts-check
// "Følg op": keeps the history the user records (the "Sæt måltal" scenario and the status per 31
// December, year by year; localStorage "kb-opfoelgning", saved on every keystroke) and asks Python
// (koensbalance.bridge "opfoelgning.*") for everything shown: placement, new projection, chart,
// report, files, link and what the plan takes over. Interactive here: the year editors.
import { readPlan, writePlan } from "./plan-store.js";
import { clean, isHistory, labelYear, renderView, yearEditor, yearWords } from "./opfoelgning-dom.js";
import { onImport } from "./file-import.js";

const SCENARIO_KEY = "kb-maaltal-scenario";  // written by the måltal widget (widget-maaltal.js)
let historik = /** @type {any} */ (null);
let example = true;  // the build-time example is shown and nothing is stored yet
let last = /** @type {any} */ (null);  // the last view Python gave
let reportYear = "";

/** @typedef {import("./runtime.js").Context} Context */

/** @type {import("./runtime.js").Widget} */
export const widget = {
  call: "opfoelgning.evaluate",
  input: () => ({ historik, aar: reportYear, base_url: location.origin + location.pathname }),
  start(ctx) {
    const { config, q, texts } = ctx;
    const store = ctx.store("kb-opfoelgning", config.storage_version, (v) => isHistory(v.historik));
    const stored = store.read();
    historik = clean(ctx, stored ? stored.historik : config.example);
    example = !stored;
    const status = q("[data-kb-action-status]");
    const hasWork = () => !example && historik.status.length > 0;
    const save = () => {
      example = false;
      q("[data-kb-example-note]").hidden = true;
      if (!store.write({ historik })) q("[data-kb-output-error]").textContent = texts.storage_failed;
    };
    const years = () => /** @type {HTMLElement[]} */ ([...q("[data-kb-years]").children]);
    const renderYears = () => q("[data-kb-years]").replaceChildren(...historik.status.map((/** @type {any} */ r, /** @type {number} */ i) => yearEditor(ctx, r, i, last)));
    /** @param {any} next @param {string} said */
    const replace = (next, said) => { historik = clean(ctx, next); reportYear = ""; save(); renderYears(); ctx.say(said); return ctx.compute(); };
    if (!example) {
      q("[data-kb-example-note]").hidden = true;
      q("[data-kb-result]").dataset.kbStale = "true";  // the build-time example until Python answers
    }
    renderYears();

    const form = /** @type {HTMLFormElement} */ (ctx.form);
    form.addEventListener("input", (event) => {
      const input = /** @type {HTMLInputElement} */ (event.target);
      const item = input.closest("[data-kb-year]");
      if (!input.dataset.kbField || !item) return;
      historik.status[Number(item.getAttribute("data-kb-index"))][input.dataset.kbField] = input.value;
      if (input.dataset.kbField === "aar") labelYear(ctx, item, input.value);
      save();
      ctx.computeSoon();
    });
    q("[data-kb-years]").addEventListener("click", (/** @type {Event} */ event) => {
      const item = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (event.target).closest("[data-kb-remove]")?.closest("[data-kb-year]"));
      if (!item) return;
      const index = Number(item.dataset.kbIndex);
      const [removed] = historik.status.splice(index, 1);
      save();
      renderYears();
      const next = years()[Math.min(index, historik.status.length - 1)];
      (next ? next.querySelector("[data-kb-remove]") : q("[data-kb-action='add']")).focus();
      ctx.say(ctx.text("year_removed", { year: yearWords(ctx, removed.aar).legend }));
      ctx.compute();
    });
    const action = (/** @type {string} */ name, /** @type {() => unknown} */ run) => q(`[data-kb-action='${name}']`).addEventListener("click", run);
    action("add", () => {
      if (historik.status.length >= config.max_records) return void ctx.say(texts.list_full);
      const year = last && last.next_year ? String(last.next_year) : "";
      historik.status.push({ ...Object.fromEntries(config.fields.map((/** @type {string} */ f) => [f, ""])), aar: year });
      save();
      renderYears();
      /** @type {any} */ (years()[historik.status.length - 1]).querySelector(year ? "[data-kb-field='kvinder']" : "[data-kb-field='aar']").focus();
      ctx.say(year ? ctx.text("year_added", { year }) : texts.year_added_blank);
    });
    /** Start from the scenario saved in "Sæt måltal"; `asked`: the user pressed the button. */
    async function startFromScenario(asked = true) {
      let input = null;
      try { input = JSON.parse(localStorage.getItem(SCENARIO_KEY) || "null"); } catch { input = null; }
      if (!asked && !input) return false;
      const started = await ctx.act("opfoelgning.start", { input }, q("[data-kb-error-for='scenarie']"));
      if (!started || (asked && !ctx.confirmReplace("confirm_start", hasWork()))) return Boolean(started);
      await replace(started.historik, texts.started);
      return true;
    }
    action("start", () => startFromScenario());
    q("[data-kb-report-year]").addEventListener("change", (/** @type {Event} */ event) => {
      reportYear = /** @type {HTMLSelectElement} */ (event.target).value;
      ctx.compute();
    });
    const output = (/** @type {string} */ name, /** @type {(r: any) => void} */ done) => ctx.act(name, { historik }, q("[data-kb-output-error]")).then((r) => r && done(r));
    action("csv", () => output("opfoelgning.csv", (r) => { ctx.download(r.csv, r.name, "text/csv"); status.textContent = ctx.text("csv_saved", { name: r.name }); }));
    action("json", () => output("opfoelgning.export", (r) => { ctx.download(r.json, r.name, "application/json"); status.textContent = ctx.text("json_saved", { name: r.name }); }));
    action("link", () => ctx.copy(q("[data-kb-link]"), "link_copied", status));
    action("copy-markdown", () => ctx.copy(q("[data-kb-markdown]"), "markdown_copied", status));
    action("print", () => window.print());
    action("print-report", () => {
      const root = /** @type {HTMLElement} */ (ctx.root);
      root.dataset.kbPrint = "report";
      window.print();
      delete root.dataset.kbPrint;
    });
    // "Læg i min handlingsplan": the plan's target and follow-up (from this year, in the plan's own
    // form), written into the stored plan; everything else in the plan stays as it is.
    action("plan", async () => {
      const year = new Date().getFullYear();
      const taken = await ctx.act("opfoelgning.plan", { historik, aarene: [year, year + config.wheel_years - 1] }, q("[data-kb-output-error]"));
      if (!taken) return;
      const plan = { ...(readPlan() || structuredClone(config.blank_plan)), ...taken };
      status.textContent = writePlan(plan) ? texts.plan_done : texts.plan_failed;
    });
    // A file that cannot be read changes nothing; a readable one replaces the history after a question.
    onImport(ctx, "opfoelgning.import", (opened) => replace(opened.historik, texts.file_opened), hasWork);

    // When Python is ready: a history in the link (asking before it replaces stored work), else on a
    // first visit the scenario saved in "Sæt måltal", else what is on the page.
    return async () => {
      const handled = await ctx.onLink(config.link_prefix, async (fragment) => {
        const reply = await ctx.call("opfoelgning.open_link", { token: fragment.slice(config.link_prefix.length) });
        if (!reply.ok) ctx.refuse(reply.errors, hasWork());
        if (reply.ok && (!hasWork() || await ctx.offer())) return replace(reply.result.historik, texts.link_opened);
        return ctx.compute();
      });
      if (handled === false && !(example && await startFromScenario(false))) await ctx.compute();
    };
  },
  invalid(ctx, errors) {
    const slots = new Set([...ctx.root.querySelectorAll("[data-kb-error-for]")].map((s) => s.getAttribute("data-kb-error-for")));
    ctx.q("[data-kb-general-error]").textContent = errors.filter((e) => !slots.has(e.field)).map((e) => e.message).join(" ");
  },
  render(ctx, view) {
    last = view;
    ctx.q("[data-kb-general-error]").textContent = "";
    renderView(ctx, view);
  },
};
