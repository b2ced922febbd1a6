// @ts-check
// Workshop planner: keeps the agenda the user edits (plain values) and asks Python (koensbalance.bridge
// "workshop.*") for times, checks, share link, texts, files and run mode; the runtime stores the work,
// asks before replacing it and opens share links. Interactive here: adding, moving and removing
// blocks (with focus kept), and run mode (workshop-run.js). No rules, no words.
import { debounce, TYPING_PAUSE_MS } from "./runtime.js";
import { blockEditor, renderPlan } from "./workshop-dom.js";
import { bindRun } from "./workshop-run.js";
import { onImport } from "./file-import.js";

const STORAGE_KEY = "kb-workshop";
const QR_PAUSE_MS = 800;  // the QR code takes longer to make: while typing it follows a little later

/** @typedef {import("./runtime.js").Context} Context */

/** @type {import("./runtime.js").Widget} */
export const widget = {
  start(ctx) {
    const { config, q } = ctx;
    const form = /** @type {HTMLFormElement} */ (ctx.form);
    const store = ctx.store(STORAGE_KEY, config.storage_version,
      (v) => v.agenda && Array.isArray(v.agenda.blokke) && v.agenda.blokke.every((/** @type {any} */ b) => b && typeof b === "object"));
    const saved = store.read();
    const state = { agenda: /** @type {any} */ (null), run: saved && saved.run && Array.isArray(saved.run.starts) ? saved.run : null };
    let hasWork = Boolean(saved);
    const baseUrl = () => location.origin + location.pathname;
    const save = () => {
      hasWork = true;
      if (!store.write({ agenda: state.agenda, run: state.run })) ctx.q("[data-kb-output-error]").textContent = ctx.texts.storage_failed;
    };
    const run = bindRun(ctx, state, save);

    /** @param {any} agenda */
    function load(agenda, keepRun = false) {
      state.agenda = structuredClone(agenda);
      if (!keepRun) state.run = null;
      for (const input of form.querySelectorAll("[data-kb-meta]")) {
        const field = /** @type {HTMLInputElement} */ (input);
        field.value = state.agenda[field.name] == null ? "" : String(state.agenda[field.name]);
      }
      renderBlocks();
      run.render();
    }

    /** @param {{index: number, selector: string, fallback?: string}} [focus] */
    function renderBlocks(focus) {
      const blocks = q("[data-kb-blocks]");
      blocks.replaceChildren(...state.agenda.blokke.map((/** @type {any} */ block, /** @type {number} */ index) =>
        blockEditor(ctx, block, index, state.agenda.blokke.length)));
      if (!focus) return;
      const item = blocks.children[focus.index];
      const wanted = item && item.querySelector(focus.selector);
      (wanted && !wanted.disabled ? wanted : (item && item.querySelector(focus.fallback || "input")) || q("[data-kb-add]")).focus();
    }

    async function update({ store: keep = true, qr = true } = {}) {
      if (keep) save();
      if (!qr) qrSoon();
      const answer = await ctx.latest("workshop.plan", { agenda: state.agenda, base_url: baseUrl(), qr });
      if (!answer) return;
      ctx.showErrors(answer.ok ? [] : answer.errors);
      if (!answer.ok) return;
      renderPlan(ctx, answer.result, qr);
      ctx.answered();
    }
    const updateSoon = debounce(() => update({ qr: false }), TYPING_PAUSE_MS);
    const qrSoon = debounce(() => update({ store: false }), QR_PAUSE_MS);

    form.addEventListener("input", (event) => {
      const input = /** @type {HTMLInputElement} */ (event.target);
      if (input.matches("[data-kb-meta]")) state.agenda[input.name] = input.value;
      else if (input.dataset.kbField) state.agenda.blokke[index(input)][input.dataset.kbField] = input.value;
      else return;
      updateSoon();
    });
    form.addEventListener("click", (event) => {
      const button = /** @type {HTMLElement} */ (event.target).closest("button");
      if (!button) return;
      const blocks = state.agenda.blokke;
      const at = button.closest("[data-kb-block]") ? index(button) : -1;
      const move = Number(button.dataset.kbMove);
      if (button.dataset.kbAdd) {
        blocks.push(structuredClone(config.new_blocks[button.dataset.kbAdd]));
        renderBlocks({ index: blocks.length - 1, selector: "[data-kb-field=titel]" });
        ctx.say(ctx.text("added", { n: blocks.length }));
      } else if (at >= 0 && move && blocks[at + move]) {
        const [moved] = blocks.splice(at, 1);
        blocks.splice(at + move, 0, moved);
        renderBlocks({ index: at + move, selector: `[data-kb-move='${move}']`, fallback: `[data-kb-move='${-move}']` });
        ctx.say(ctx.text("moved", { name: moved.titel, n: at + move + 1 }));
      } else if (at >= 0 && "kbRemove" in button.dataset) {
        const [removed] = blocks.splice(at, 1);
        renderBlocks({ index: Math.min(at, blocks.length - 1), selector: "[data-kb-remove]" });
        ctx.say(ctx.text("removed", { name: removed.titel }));
      } else return;
      update();
    });

    /** @param {any} agenda @param {string} said */
    const replaceWith = (agenda, said) => { load(agenda); ctx.say(said); return update(); };
    q("[data-kb-load-template]").addEventListener("click", () => {
      if (!ctx.confirmReplace("confirm_template", hasWork)) return;
      const found = config.templates.find((/** @type {any} */ t) => t.id === q("[data-kb-template-select]").value);
      replaceWith(found ? found.agenda : config.blank, ctx.texts.template_loaded);
    });
    q("[data-kb-clear]").addEventListener("click", () => ctx.confirmReplace("confirm_clear", hasWork) && replaceWith(config.blank, ""));
    q("[data-kb-copy-link]").addEventListener("click", () => ctx.copy(q("[data-kb-link]"), "link_copied"));
    for (const button of ctx.root.querySelectorAll("[data-kb-download]")) {
      button.addEventListener("click", async () => {
        const format = /** @type {HTMLElement} */ (button).dataset.kbDownload;
        const file = await ctx.act("workshop.export", { agenda: state.agenda, format, base_url: baseUrl() }, q("[data-kb-output-error]"));
        if (file) ctx.download(file.text, file.filename, file.mime);
      });
    }
    onImport(ctx, "workshop.import", (opened) => replaceWith(opened.agenda, ctx.texts.file_opened), () => hasWork);
    q("[data-kb-print-button]").addEventListener("click", () => update({ store: false }).then(() => window.print()));

    // Start: stored work (on its own template's page or the planner's), else the page's template;
    // then a share link in the fragment, now and whenever one is pasted into this tab.
    const own = saved && (!config.template || saved.agenda.skabelon === config.template) ? saved : null;
    const first = own ? own.agenda : (config.templates.find((/** @type {any} */ t) => t.id === config.template) || { agenda: config.blank }).agenda;
    return async () => {
      load(first, Boolean(own));
      const opened = await ctx.onLink(config.link_prefix, async (fragment) => {
        const link = await ctx.call("workshop.open_link", { fragment });
        if (!link.ok) {
          ctx.refuse(link.errors, hasWork);
          if (!hasWork) load(config.blank);
          return update({ store: false });
        }
        if (!hasWork) return replaceWith(link.result.agenda, ctx.texts.link_opened);
        await update({ store: false });  // the stored work stays on the page while the user chooses
        if (await ctx.offer()) await replaceWith(link.result.agenda, ctx.texts.link_opened);
      });
      if (!opened) await update({ store: false });
    };
  },
};

/** @param {Element} element */
function index(element) {
  return Number(/** @type {HTMLElement} */ (element.closest("[data-kb-block]")).dataset.kbIndex);
}
