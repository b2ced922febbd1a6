// @ts-check
// »Ansæt en sektorskifter« (docs/mobilitet/): the kit's form on every page of the kit (all tools, or
// one) bound to koensbalance.bridge "mobilitet.view", which returns every total, difference, flag,
// date, holiday shift and the document; the kit is kept in localStorage (kb-mobilitet) on every
// keystroke. Rendering: mobilitet-dom.js. Links with one side's numbers, files and outputs here.
import { docxBlob } from "./plan-dom.js";
import { fillForm, readControl, renderKit } from "./mobilitet-dom.js";
import { onImport } from "./file-import.js";

const STORAGE_KEY = "kb-mobilitet";

/** @typedef {import("./runtime.js").Context} Context */
/** @typedef {{kit: Record<string, any>, last: any, valid: boolean}} State */
/** @type {WeakMap<object, State>} */
const states = new WeakMap();
const state = (/** @type {Context} */ ctx) => /** @type {State} */ (states.get(ctx.root));
const baseUrl = () => location.origin + location.pathname;

/** @type {import("./runtime.js").Widget} */
export const widget = {
  // Without Python the form still keeps what is written; only what Python makes is switched off.
  offline: "[data-kb-download], [data-kb-copy-markdown], [data-kb-copy-link], [data-kb-import]",
  call: "mobilitet.view",
  input: (ctx) => ({ kit: state(ctx).kit, base_url: baseUrl() }),
  render(ctx, result) {
    Object.assign(state(ctx), { last: result, valid: true });
    renderKit(ctx, result, state(ctx).kit);
  },
  invalid: (ctx) => { state(ctx).valid = false; },
  start(ctx) {
    const { config, q, texts } = ctx;
    const form = /** @type {HTMLFormElement} */ (ctx.form);
    const store = ctx.store(STORAGE_KEY, config.storage_version,
      (v) => Boolean(v.kit) && typeof v.kit === "object" && !Array.isArray(v.kit));
    const kept = store.read();
    /** @type {State} */
    const current = { kit: { ...structuredClone(config.blank), ...(kept ? kept.kit : {}) }, last: null, valid: false };
    states.set(ctx.root, current);
    const outputError = () => q("[data-kb-output-error]");
    const save = () => {
      if (!store.write({ kit: current.kit })) outputError().textContent = texts.storage_failed;
    };
    const hasWork = () => JSON.stringify(current.kit) !== JSON.stringify(config.blank);
    /** Replace the whole kit (a file, a merged link, emptying): form, storage and view follow. */
    const replaceKit = (/** @type {Record<string, any>} */ next, /** @type {string} */ said) => {
      current.kit = next;
      fillForm(ctx, next);
      save();
      ctx.say(said);
      return ctx.compute();
    };

    fillForm(ctx, current.kit);  // the stored work at once, before Python has loaded
    form.addEventListener("input", (event) => {
      if (!readControl(form, /** @type {HTMLInputElement} */ (event.target), current.kit)) return;
      save();
      ctx.computeSoon();
    });

    // The link of one side's numbers, made afresh (or Python's word that the side has none yet).
    for (const button of ctx.root.querySelectorAll("[data-kb-copy-link]")) {
      const side = /** @type {HTMLElement} */ (button).dataset.kbCopyLink;
      button.addEventListener("click", async () => {
        const shared = await ctx.act("mobilitet.share", { kit: current.kit, side, base_url: baseUrl() }, q("[data-kb-link-status]"));
        if (!shared) return;
        q(`[data-kb-link="${side}"]`).value = shared.link;
        await ctx.copy(q(`[data-kb-link="${side}"]`), "link_copied", q("[data-kb-link-status]"));
      });
    }
    q("[data-kb-copy-markdown]").addEventListener("click", async () => {
      await ctx.compute();
      await ctx.copy(q("[data-kb-markdown]"), "markdown_copied");
    });
    q("[data-kb-print-button]").addEventListener("click", () => ctx.compute().then(() => window.print()));
    /** A file made by Python ("mobilitet.export" / "mobilitet.ics"), its errors under the buttons.
     * @param {string} name @param {string} key @param {string} mime */
    const output = async (name, key, mime) => {
      const made = await ctx.act(name, { kit: current.kit }, outputError());
      if (made) ctx.download(made[key], made.name, mime);
    };
    q('[data-kb-download="json"]').addEventListener("click", () => output("mobilitet.export", "json", "application/json"));
    q('[data-kb-download="ics"]').addEventListener("click", () => output("mobilitet.ics", "ics", "text/calendar"));
    q('[data-kb-download="docx"]').addEventListener("click", async () => {
      outputError().textContent = "";
      await ctx.compute();
      if (!current.valid || !current.last) return void (outputError().textContent = texts.fix_first);
      try {
        ctx.download(await docxBlob(ctx, current.last.document), config.docx.filename, config.docx.mime);
      } catch (error) {
        console.warn("docx:", error);
        outputError().textContent = texts.docx_failed;
      }
    });
    q("[data-kb-clear]").addEventListener("click", () => {
      if (ctx.confirmReplace("confirm_clear", hasWork())) replaceKit(structuredClone(config.blank), texts.cleared);
    });
    // A file that cannot be read changes nothing; a good one replaces the kit after a question.
    onImport(ctx, "mobilitet.import", (opened) => replaceKit(opened.kit, texts.file_opened), hasWork);

    /** A link with one side's numbers: merged beside the other side's; where it would overwrite a
     * number already here, Python's question first ("Erstat …?"), then again with overwrite. */
    const openLink = async (/** @type {string} */ fragment) => {
      const token = fragment.slice(config.link_prefix.length);
      const status = q("[data-kb-link-status]");
      let reply = await ctx.call("mobilitet.open_link", { kit: current.kit, token });
      if (reply.ok && !reply.result.anvendt) {
        const choice = ctx.offer();
        q("[data-kb-message-text]").textContent = reply.result.besked;
        const replace = await choice;
        q("[data-kb-row] input").focus();  // the answered buttons are gone: back to the numbers
        if (!replace) return ctx.compute();
        reply = await ctx.call("mobilitet.open_link", { kit: current.kit, token, overwrite: true });
      }
      if (!reply.ok) {
        ctx.refuse(reply.errors, true);
        return ctx.compute();
      }
      await replaceKit(reply.result.kit, reply.result.besked);
      if (status) status.textContent = reply.result.besked;
    };
    return async () => {
      const handled = await ctx.onLink(config.link_prefix, openLink);
      if (handled === false) await ctx.compute();
    };
  },
};
