// @ts-check
// »Vurdér en ydelse«: keeps the assessment the user writes (saved on every keystroke, localStorage
// "kb-vurdering") and asks Python (koensbalance.bridge "vurdering.*") for the statistics, the
// criteria's status, the document (print, Markdown, .docx), the share link and the two hand-offs;
// the runtime stores the work, asks before replacing it and opens links. No rules, no words.
import { debounce, markInvalid, TYPING_PAUSE_MS } from "./runtime.js";
import { attempt } from "./storage.js";
import { docxBlob } from "./plan-dom.js";
import { fillForm, renderCriteria, renderView, setPath } from "./vurdering-dom.js";

// The reader's own date, ISO (the sv-SE locale's form): a criterion's deadline is judged from it.
const localDate = () => new Date().toLocaleDateString("sv-SE");
const isObject = (/** @type {any} */ v) => Boolean(v) && typeof v === "object" && !Array.isArray(v);

/** @type {import("./runtime.js").Widget} */
export const widget = {
  start(ctx) {
    const { config, q, texts } = ctx;
    const form = /** @type {HTMLFormElement} */ (ctx.form);
    const store = ctx.store(config.storage_key, config.storage_version, (v) => isObject(v.vurdering));
    const saved = store.read();
    let state = structuredClone(saved ? saved.vurdering : config.example);
    let hasWork = Boolean(saved);
    let answer = /** @type {any} */ (null);  // the last view Python made
    const criteria = () => (Array.isArray(state.succeskriterier) ? state.succeskriterier : (state.succeskriterier = []));
    const save = () => {
      hasWork = true;
      if (!store.write({ vurdering: state })) q("[data-kb-output-error]").textContent = texts.storage_failed;
    };
    const show = () => { renderCriteria(ctx, criteria()); fillForm(form, state); };

    async function update() {
      const reply = await ctx.latest("vurdering.view", { vurdering: state, base_url: location.origin + location.pathname,
        idag: localDate(), workshop_url: new URL(config.workshop_url, location.href).href });
      if (!reply) return;
      if (!reply.ok && reply.errors.some((e) => e.field === "vurdering")) {
        // Stored work Python cannot read is set aside (never overwritten), and the example shown.
        attempt(() => localStorage.setItem(`${config.storage_key}-ulaeselig`, JSON.stringify(state)));
        ctx.refuse([{ field: "", message: texts.stored_unreadable }]);
        state = structuredClone(config.example);
        show();
        return update();
      }
      if (!reply.ok) return void ctx.refuse(reply.errors);
      answer = reply.result;
      renderView(ctx, answer);
      ctx.answered();
    }
    const updateSoon = debounce(update, TYPING_PAUSE_MS);

    /** @param {any} next @param {string} said */
    const replaceWith = (next, said) => { state = structuredClone(next); show(); save(); ctx.say(said); return update(); };

    form.addEventListener("input", (event) => {
      const control = /** @type {HTMLInputElement} */ (event.target);
      if (!control.name) return;
      if (control.type === "checkbox") {
        state.metoder = [...form.querySelectorAll("input[name=metoder]:checked")].map((b) => /** @type {HTMLInputElement} */ (b).value);
      } else setPath(state, control.name, control.value);
      if ("kbOwnNumber" in control.dataset) state.eksempel = false;  // the team's own numbers now
      save();
      updateSoon();
    });
    form.addEventListener("click", (event) => {
      const button = /** @type {HTMLElement} */ (event.target).closest("button");
      if (!button) return;
      const list = criteria();
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

    for (const button of ctx.root.querySelectorAll("[data-kb-start]")) {
      const choice = /** @type {HTMLElement} */ (button).dataset.kbStart === "blank" ? "blank" : "example";
      button.addEventListener("click", () => ctx.confirmReplace(`confirm_${choice}`, hasWork)
        && replaceWith(config[choice], texts[`${choice}_loaded`]));
    }
    const outputError = q("[data-kb-output-error]");
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
    q("[data-kb-import]").addEventListener("change", async (/** @type {Event} */ event) => {
      const input = /** @type {HTMLInputElement} */ (event.target);
      const text = await ctx.readFile(input);
      if (text === null) return;
      const opened = await ctx.act("vurdering.import", { text }, q("[data-kb-import-error]"));
      input.value = "";
      markInvalid(input, !opened);
      if (opened && ctx.confirmReplace("confirm_import", hasWork)) await replaceWith(opened.vurdering, texts.file_opened);
    });
    // "Lav en projektplan": the form's own stored format (widget-workshop-form.js reads it at once).
    q("[data-kb-project]").addEventListener("click", () => fresh((v) => {
      const project = config.project;
      const target = ctx.store(project.key, project.version, (p) => Array.isArray(p.poster));
      const existing = target.read();
      const written = existing && existing.poster.some((/** @type {any} */ e) => isObject(e)
        && Object.values(e).some((value) => typeof value === "string" && value.trim()));
      if (!ctx.confirmReplace("confirm_project", Boolean(written))) return;
      const entry = Object.fromEntries(project.keys.map((/** @type {string} */ key) => [key, v.projektplan[key] || ""]));
      if (!target.write({ poster: [entry] })) return void (q("[data-kb-project-error]").textContent = texts.storage_failed);
      location.assign(new URL(project.url, location.href).href);
    }));

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
