// @ts-check
// Fillable form made from a source's template (docs/workshop/projektplan.md, logbog.md). Keeps what
// the user writes (restored at once, before Python has loaded), mirrors it into the print layout,
// and asks Python (koensbalance.bridge "workshop.form_*") for the Markdown, the saved file and for
// reading a file back. Interactive here: adding and removing entries of a repeated form.
import { debounce } from "./runtime.js";
import { onImport } from "./file-import.js";

const MARKDOWN_PAUSE_MS = 200;  // the Markdown follows typing a little later

/** @typedef {import("./runtime.js").Context} Context */
/** @typedef {Record<string, string>} Entry */

/** @type {import("./runtime.js").Widget} */
export const widget = {
  offline: "[data-kb-download], [data-kb-copy-markdown], [data-kb-import]",
  start(ctx) {
    const { config, q } = ctx;
    const keys = /** @type {string[]} */ (config.keys);
    const blank = () => Object.fromEntries(keys.map((key) => [key, ""]));
    // Only the shape the editor needs is taken from storage (known keys, text values).
    const store = ctx.store(`kb-formular-${config.id}`, config.storage_version,
      (v) => Array.isArray(v.poster) && v.poster.length > 0 && v.poster.every((/** @type {any} */ e) => e && typeof e === "object"));
    const saved = store.read();
    /** @type {Entry[]} */
    let entries = saved ? saved.poster.map((/** @type {any} */ e) =>
      Object.fromEntries(keys.map((key) => [key, typeof e[key] === "string" ? e[key] : ""]))) : [blank()];
    if (!config.repeat) entries = entries.slice(0, 1);
    ctx.root.setAttribute("data-kb-enhanced", "true");

    const save = () => {
      if (!store.write({ poster: entries })) q("[data-kb-output-error]").textContent = ctx.texts.storage_failed;
    };

    function render() {
      q("[data-kb-entries]").replaceChildren(...entries.map((values, index) => entryEditor(ctx, values, index, entries.length)));
    }

    /** @param {number} index @param {string} selector */
    function focusIn(index, selector) {
      const target = q("[data-kb-entries]").children[index]?.querySelector(selector);
      (target && !target.disabled ? target : q("[data-kb-add-entry]") || q("[data-kb-key]")).focus();
    }

    async function update() {
      const answer = await ctx.latest("workshop.form_markdown", { poster: entries });
      if (!answer) return;
      ctx.showErrors(answer.ok ? [] : answer.errors, q("[data-kb-output-error]"));
      if (!answer.ok) return;
      q("[data-kb-markdown]").value = answer.result.markdown;
      ctx.answered();
    }
    const updateSoon = debounce(update, MARKDOWN_PAUSE_MS);

    const form = /** @type {HTMLFormElement} */ (ctx.form);
    form.addEventListener("input", (event) => {
      const control = /** @type {HTMLInputElement} */ (event.target);
      const item = control.closest("[data-kb-entry]");
      if (!control.dataset.kbKey || !item) return;
      entries[Number(item.getAttribute("data-kb-index"))][control.dataset.kbKey] = control.value;
      const print = item.querySelector(`[data-kb-print-for="${control.dataset.kbKey}"]`);
      if (print) print.textContent = control.value;
      save();
      updateSoon();
    });
    form.addEventListener("click", (event) => {
      const button = /** @type {HTMLElement} */ (event.target).closest("button");
      if (!button) return;
      if ("kbAddEntry" in button.dataset) {
        entries.push(blank());
        render();
        focusIn(entries.length - 1, "[data-kb-key]");
        ctx.say(ctx.text("added", { n: entries.length }));
      } else if ("kbRemoveEntry" in button.dataset) {
        const index = Number(button.closest("[data-kb-entry]")?.getAttribute("data-kb-index"));
        entries.splice(index, 1);
        render();
        focusIn(Math.min(index, entries.length - 1), "[data-kb-remove-entry]");
        ctx.say(ctx.text("removed", { n: index + 1 }));
      } else return;
      save();
      update();
    });

    q("[data-kb-print-button]").addEventListener("click", () => window.print());
    q("[data-kb-copy-markdown]").addEventListener("click", async () => {
      await update();
      await ctx.copy(q("[data-kb-markdown]"), "markdown_copied");
    });
    q("[data-kb-download]").addEventListener("click", async () => {
      const file = await ctx.act("workshop.form_export", { poster: entries }, q("[data-kb-output-error]"));
      if (file) ctx.download(file.text, file.filename, file.mime);
    });
    // A file that cannot be read leaves the work on the page (and in storage) as it was.
    onImport(ctx, "workshop.form_import", (opened) => {  // the file the user chose replaces the form without a question
      entries = opened.poster;
      render();
      save();
      ctx.say(ctx.texts.file_opened);
      update();
    }, null);

    render();  // the stored work at once; the Markdown when Python is ready
    return update;
  },
};

/** One entry's editor: the build-time fields cloned from the <template>, with values and numbers.
 * @param {Context} ctx @param {Entry} values @param {number} index @param {number} count */
function entryEditor(ctx, values, index, count) {
  const item = ctx.q("[data-kb-entry-template]").content.firstElementChild.cloneNode(true);
  const prefix = `kb-wf-${ctx.config.id}-${index}`;
  item.dataset.kbIndex = String(index);
  for (const control of item.querySelectorAll("[data-kb-key]")) {
    const key = control.dataset.kbKey;
    control.id = `${prefix}-${key}`;
    control.value = values[key] || "";
    item.querySelector(`[data-kb-print-for="${key}"]`).textContent = control.value;
  }
  for (const label of item.querySelectorAll("[data-kb-for]")) label.htmlFor = `${prefix}-${label.dataset.kbFor}`;
  if (ctx.config.repeat) {
    item.querySelector("[data-kb-entry-legend]").textContent = ctx.text("entry_label", { n: index + 1 });
    item.querySelector("[data-kb-entry-actions]").hidden = false;
    const remove = item.querySelector("[data-kb-remove-entry]");
    remove.textContent = ctx.text("remove_entry", { n: index + 1 });
    remove.disabled = count === 1;
  }
  return item;
}
