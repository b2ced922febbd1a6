// @ts-check
// "Min handlingsplan": keeps the plan the user edits (saved on every keystroke) and asks Python
// (koensbalance.bridge "plan.*") for prefill, grouping, validation, Markdown, print/.docx blocks, the
// share link and the .ics; the runtime stores the work, asks before replacing it and opens links.
// Interactive here: item editors kept while typing, the .docx from Python's blocks (plan-dom.js).
import { debounce, TYPING_PAUSE_MS } from "./runtime.js";
import { isPlanShape, STORAGE_KEY, updateCounter } from "./plan-store.js";
import { docxBlob, itemEditor, renderPlan } from "./plan-dom.js";
import { onImport } from "./file-import.js";

const SCENARIO_KEY = "kb-maaltal-scenario";  // written by the måltal widget (widget-maaltal.js)
// The reader's own date, ISO (the sv-SE locale's form): the årshjul and .ics start from it, not UTC.
const localDate = () => new Date().toLocaleDateString("sv-SE");

/** @type {import("./runtime.js").Widget} */
export const widget = {
  start(ctx) {
    const { config, q, texts } = ctx;
    const form = /** @type {HTMLFormElement} */ (ctx.form);
    const store = ctx.store(STORAGE_KEY, config.storage_version, (v) => isPlanShape(v.plan));
    let plan = structuredClone(store.read()?.plan || config.blank);
    let answer = /** @type {any} */ (null);  // the last successful plan.view result
    let structure = "";  // which editors are on the page (ids in order, by group)
    const baseUrl = () => location.origin + location.pathname;
    const isEmpty = () => plan.indsatser.length === 0 && !plan.maal && !(plan.organisation || "").trim();
    const save = () => {
      if (!store.write({ plan })) q("[data-kb-output-error]").textContent = texts.storage_failed;
    };
    const fillMeta = () => form.querySelectorAll("[data-kb-meta]").forEach((/** @type {any} */ input) => { input.value = plan[input.name] || ""; });

    /** @param {{index: number} | null} [focus] */
    async function update(focus = null) {
      const reply = await ctx.latest("plan.view", { plan, base_url: baseUrl(), i_dag: localDate() });
      if (!reply) return;
      ctx.root.setAttribute("data-kb-valid", String(reply.ok));
      const general = ctx.showErrors(reply.ok ? [] : reply.errors);
      if (general) ctx.refuse([{ field: "", message: general }]);
      if (!reply.ok) {
        if (!answer) renderGroups(fallbackGroups(), focus);
        return;
      }
      answer = reply.result;
      plan = answer.plan;  // prefill applied, unknown checklist ids dropped
      save();
      renderGroups(answer.groups, focus);
      renderPlan(ctx, answer);
      ctx.answered();
    }
    const updateSoon = debounce(() => update(), TYPING_PAUSE_MS);

    // Used only while Python has not answered for this plan: one list in the plan's order.
    const fallbackGroups = () => [{ id: "", label: texts.group_fallback, items: plan.indsatser.map((/** @type {any} */ item, /** @type {number} */ index) => {
      const entry = config.page.entries[item.id] || {};
      return { index, id: item.id, titel: entry.titel || item.id, url: entry.url || "", ...(config.fallback[item.id] || {
        remove_label: ctx.text("remove", { title: item.id }), removed_text: ctx.text("removed", { title: item.id }) }) };
    }) }];

    /** @param {any[]} groups @param {{index: number} | null} focus */
    function renderGroups(groups, focus) {
      const signature = JSON.stringify(groups.map((g) => [g.id, g.items.map((/** @type {any} */ i) => [i.index, i.id])]));
      q("[data-kb-empty]").hidden = plan.indsatser.length > 0;
      q("[data-kb-intro]").hidden = plan.indsatser.length === 0;
      if (signature === structure && !focus) return;
      structure = signature;
      q("[data-kb-groups]").replaceChildren(...groups.map((group) => {
        const section = q("[data-kb-group-template]").content.firstElementChild.cloneNode(true);
        const heading = section.querySelector("[data-kb-group-title]");
        Object.assign(heading, { textContent: group.label, id: `kb-plan-gruppe-${group.id || "ukendt"}` });
        section.setAttribute("aria-labelledby", heading.id);
        section.querySelector("[data-kb-items]").append(...group.items.map((/** @type {any} */ info) => itemEditor(ctx, info, plan.indsatser[info.index],
          (name, value) => { plan.indsatser[info.index][name] = value; save(); updateSoon(); },
          () => { plan.indsatser.splice(info.index, 1); save(); updateCounter(); ctx.say(info.removed_text); update({ index: info.index }); })));
        return section;
      }));
      if (!focus) return;
      const items = [...q("[data-kb-groups]").querySelectorAll("[data-kb-item]")];
      const next = items.find((el) => Number(el.dataset.kbIndex) === focus.index) || items.find((el) => Number(el.dataset.kbIndex) === focus.index - 1);
      const target = next ? next.querySelector("[data-kb-remove]") : q("#kb-plan-indsatser-titel");
      if (!next) target.tabIndex = -1;
      target.focus();
    }

    /** @param {any} next @param {string} said */
    const replacePlan = (next, said) => { plan = next; structure = ""; fillMeta(); save(); updateCounter(); ctx.say(said); return update(); };

    form.querySelectorAll("[data-kb-meta]").forEach((/** @type {any} */ input) => input.addEventListener("input", () => { plan[input.name] = input.value; save(); updateSoon(); }));
    for (const box of ctx.root.querySelectorAll("[data-kb-check]")) {
      box.addEventListener("change", () => {
        plan.tjekliste = [...ctx.root.querySelectorAll("[data-kb-check]")].filter((b) => /** @type {HTMLInputElement} */ (b).checked).map((b) => /** @type {HTMLInputElement} */ (b).value);
        save();
        update();
      });
    }
    q("[data-kb-target-fetch]").addEventListener("click", async () => {
      const slot = q('[data-kb-error-for="maal"]');
      let input = null;
      try { input = JSON.parse(localStorage.getItem(SCENARIO_KEY) || "null"); } catch { input = null; }
      if (!input || typeof input !== "object") return void (slot.textContent = texts.no_scenario);
      const reply = await ctx.call("plan.target", { input });
      if (!reply.ok) return void (slot.textContent = reply.errors.map((e) => e.message).join(" "));
      slot.textContent = "";
      plan.maal = reply.result.maal; delete plan.opfoelgning;  // a new target: the old follow-up no longer applies
      save();
      ctx.say(texts.target_fetched);
      await update();
    });
    q("[data-kb-target-remove]").addEventListener("click", async () => { plan.maal = null; delete plan.opfoelgning; save(); await update(); q("[data-kb-target-fetch]").focus(); });
    q("[data-kb-copy-link]").addEventListener("click", () => ctx.copy(q("[data-kb-link]"), "link_copied"));
    const output = (/** @type {string} */ name, /** @type {any} */ payload, /** @type {(r: any) => void} */ done) => ctx.act(name, payload, q("[data-kb-output-error]")).then((r) => r && done(r));
    q('[data-kb-download="json"]').addEventListener("click", () => output("plan.export", { plan }, (r) => ctx.download(r.json, r.name, "application/json")));
    // The same "i_dag" as the årshjul on the page: the calendar starts on the same days.
    q('[data-kb-download="ics"]').addEventListener("click", () => output("plan.ics", { plan, i_dag: localDate() }, (r) => ctx.download(r.ics, r.name, "text/calendar")));
    q('[data-kb-download="docx"]').addEventListener("click", async () => {
      q("[data-kb-output-error]").textContent = "";
      await update();
      if (!answer || ctx.root.getAttribute("data-kb-valid") !== "true") return void (q("[data-kb-output-error]").textContent = texts.docx_errors);
      try {
        ctx.download(await docxBlob(ctx, answer.document), config.docx.filename, config.docx.mime);
      } catch (error) {
        console.warn("docx:", error);
        q("[data-kb-output-error]").textContent = texts.docx_failed;
      }
    });
    q("[data-kb-print-button]").addEventListener("click", () => update().then(() => window.print()));
    q("[data-kb-clear]").addEventListener("click", () => ctx.confirmReplace("confirm_clear") && replacePlan(structuredClone(config.blank), texts.cleared));
    onImport(ctx, "plan.import", (opened) => replacePlan(opened.plan, texts.file_opened), () => !isEmpty());

    // Start: the stored plan, then a plan in the fragment, now and whenever one is pasted into this tab.
    return async () => {
      fillMeta();
      const handled = await ctx.onLink(config.link_prefix, async (fragment) => {
        const reply = await ctx.call("plan.open_link", { token: fragment.slice(config.link_prefix.length) });
        if (!reply.ok) ctx.refuse(reply.errors, !isEmpty());
        if (!reply.ok) return update();
        if (isEmpty()) return replacePlan(reply.result.plan, texts.link_opened);
        await update();  // the stored plan stays on the page while the user chooses
        if (await ctx.offer()) await replacePlan(reply.result.plan, texts.link_opened);
        q("#kb-plan-titel").focus();
      });
      if (handled === false) await update();
    };
  },
};
