// @ts-check
// »Vurdér en ydelse«: keeps the assessment the user writes (saved on every keystroke, localStorage
// "kb-vurdering") and asks Python (koensbalance.bridge "vurdering.*") for the statistics, the
// criteria's status, the document (print, Markdown, .docx), the share link and the two hand-offs;
// the runtime stores the work, asks before replacing it and opens links. No rules, no words.
import { debounce, TYPING_PAUSE_MS } from "./runtime.js";
import { docxBlob } from "./plan-dom.js";
import { fillForm, handOffProject, isObject, renderAnalysis, renderCriteria, renderView, setAside, setPath } from "./vurdering-dom.js";
import { onImport } from "./file-import.js";

// The reader's own date, ISO (the sv-SE locale's form): a criterion's deadline is judged from it.
const localDate = () => new Date().toLocaleDateString("sv-SE");

/** @type {import("./runtime.js").Widget} */
export const widget = {
  // Without Python the work can still be written (and is kept); only what needs Python is disabled.
  offline: "[data-kb-download], [data-kb-import], [data-kb-project], [data-kb-start='example']",
  start(ctx) {
    const { config, q, texts } = ctx;
    const form = /** @type {HTMLFormElement} */ (ctx.form);
    const store = ctx.store(config.storage_key, config.storage_version, (v) => isObject(v.vurdering));
    const saved = store.read();
    let state = structuredClone(saved ? saved.vurdering : config.example);
    let hasWork = Boolean(saved);
    let answer = /** @type {any} */ (null);  // the last view Python made
    const criteria = () => (Array.isArray(state.succeskriterier) ? state.succeskriterier : []);
    const save = () => {
      hasWork = true;
      if (!store.write({ vurdering: state })) q("[data-kb-output-error]").textContent = texts.storage_failed;
    };
    const show = () => { renderCriteria(ctx, criteria()); fillForm(form, state); };

    async function update() {
      const asked = performance.now();
      const reply = await ctx.latest("vurdering.view", { vurdering: state, base_url: location.origin + location.pathname,
        idag: localDate(), workshop_url: new URL(config.workshop_url, location.href).href });
      if (!reply) return;
      performance.measure("kb-vurdering-python", { start: asked });  // read by the benchmark
      if (!reply.ok && reply.errors.some((e) => e.field === "vurdering")) {
        setAside(ctx, state);  // stored work Python cannot read is kept aside; the example is shown
        state = structuredClone(config.example);
        show();
        return update();
      }
      if (!reply.ok) return void ctx.refuse(reply.errors);
      answer = reply.result;
      const rendering = performance.now();
      renderView(ctx, answer);
      performance.measure("kb-vurdering-render", { start: rendering });
      ctx.answered();
    }
    const updateSoon = debounce(update, TYPING_PAUSE_MS);
    // A number of one comparison: that comparison first (one quick call), then the whole view.
    const analyseSoon = debounce(async (/** @type {string} */ kind) => {
      const reply = await ctx.latest("vurdering.analyse", { ...state[kind], type: kind, forskel: state.forskel });
      if (reply) renderAnalysis(ctx, kind, reply);
    }, TYPING_PAUSE_MS);
    /** @param {any} next @param {string} said */
    const replaceWith = (next, said) => { state = structuredClone(next); show(); save(); ctx.say(said); return update(); };

    form.addEventListener("input", (event) => {
      const control = /** @type {HTMLInputElement} */ (event.target);
      if (!control.name) return;
      if (control.type === "checkbox") state.metoder = [...form.querySelectorAll("input[name=metoder]:checked")].map((b) => /** @type {HTMLInputElement} */ (b).value);
      else setPath(state, control.name, control.value);
      if ("kbOwnNumber" in control.dataset) {
        state.eksempel = false;  // the team's own numbers now
        analyseSoon(control.name.split(".")[0]);
      }
      save();
      updateSoon();
    });
    form.addEventListener("click", (event) => {
      const button = /** @type {HTMLElement} */ (event.target).closest("button");
      if (!button) return;
      const list = (state.succeskriterier = criteria());
      if ("kbAddCriterion" in button.dataset) {
        list.push(structuredClone(config.blank_criterion));
        show();
        q(`#kb-v-kriterium-${list.length - 1}-maal`).focus();
        ctx.say(ctx.text("criterion_added", { n: list.length }));
      } else if ("kbRemoveCriterion" in button.dataset) {
        const index = Number(button.closest("[data-kb-criterion]")?.getAttribute("data-kb-index"));
        list.splice(index, 1);
        show();
        const next = ctx.root.querySelectorAll("[data-kb-remove-criterion]")[Math.min(index, list.length - 1)];
        (/** @type {HTMLElement} */ (next) || q("[data-kb-add-criterion]")).focus();
        ctx.say(ctx.text("criterion_removed", { n: index + 1 }));
      } else return;
      save();
      update();
    });

    const outputError = q("[data-kb-output-error]");
    for (const button of ctx.root.querySelectorAll("[data-kb-start]")) {
      const choice = /** @type {HTMLElement} */ (button).dataset.kbStart === "blank" ? "blank" : "example";
      button.addEventListener("click", async () => {
        if (!ctx.confirmReplace(`confirm_${choice}`, hasWork)) return;
        const example = choice === "example" ? await ctx.act("vurdering.example", {}, outputError) : null;
        await replaceWith(example ? example.vurdering : config[choice], texts[`${choice}_loaded`]);
      });
    }
    /** Python's latest view of what is on the page, then `use` it. @param {(view: any) => unknown} use */
    const fresh = (use) => update().then(() => answer && use(answer));
    q("[data-kb-print-button]").addEventListener("click", () => fresh(() => window.print()));
    q('[data-kb-download="markdown"]').addEventListener("click", () => fresh((v) => {
      ctx.download(v.markdown, v.markdown_name, config.markdown_mime);
      ctx.say(texts.markdown_saved);
    }));
    q('[data-kb-download="docx"]').addEventListener("click", () => fresh(async (v) => {
      outputError.textContent = "";
      try {
        ctx.download(await docxBlob(ctx, v.document), config.docx.filename, config.docx.mime);
      } catch (error) {
        console.warn("docx:", error);
        outputError.textContent = texts.docx_failed;
      }
    }));
    q('[data-kb-download="json"]').addEventListener("click", async () => {
      const file = await ctx.act("vurdering.export", { vurdering: state }, outputError);
      if (file) ctx.download(file.json, file.name, "application/json");
    });
    q("[data-kb-copy-link]").addEventListener("click", () => ctx.copy(q("[data-kb-link]"), "link_copied"));
    onImport(ctx, "vurdering.import", (opened) => replaceWith(opened.vurdering, texts.file_opened), () => hasWork);
    q("[data-kb-project]").addEventListener("click", () => fresh((v) => handOffProject(ctx, v.projektplan)));

    show();  // the stored work at once; Python's figures when it is ready
    return async () => {
      const handled = await ctx.onLink(config.link_prefix, async (fragment) => {
        const reply = await ctx.call("vurdering.open_link", { token: fragment.slice(config.link_prefix.length) });
        if (!reply.ok) {
          ctx.refuse(reply.errors, hasWork);
          return update();
        }
        if (!hasWork) return replaceWith(reply.result.vurdering, texts.link_opened);
        await update();  // the stored work stays on the page while the user chooses
        if (await ctx.offer()) await replaceWith(reply.result.vurdering, texts.link_opened);
      });
      if (handled === false) await update();
    };
  },
};
