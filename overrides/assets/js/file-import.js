// @ts-check
// A widget's "open a file" field ([data-kb-import]), the same in every widget: the file's text, read
// no further than Python's limit allows (Python refuses a file over it with its own message), goes to
// the widget's bridge import call; its errors go next to the field; a file that cannot be read
// changes nothing; a readable one is opened, after a question where work would be replaced.
import { markInvalid } from "./runtime.js";

/**
 * @param {import("./runtime.js").Context} ctx
 * @param {string} name  the bridge call that reads the file (e.g. "plan.import")
 * @param {(opened: any) => unknown} open  takes the call's result
 * @param {(() => boolean) | null} hasWork  whether opening replaces work (asked first); null: no question
 */
export function onImport(ctx, name, open, hasWork) {
  ctx.q("[data-kb-import]").addEventListener("change", async (/** @type {Event} */ event) => {
    const input = /** @type {HTMLInputElement} */ (event.target);
    const file = input.files && input.files[0];
    if (!file) return;
    const text = await file.slice(0, ctx.config.file_bytes || file.size).text();
    const opened = await ctx.act(name, { text }, ctx.q("[data-kb-import-error]"));
    input.value = "";
    markInvalid(input, !opened);
    if (opened && (hasWork === null || ctx.confirmReplace("confirm_import", hasWork()))) await open(opened);
  });
}
