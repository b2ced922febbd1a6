// @ts-check
// DOM helpers of the workshop planner: elements from <template>s and plain values with
// textContent/value only (nothing from the agenda, a link or storage is ever parsed as HTML).

/** @typedef {import("./runtime.js").Context} Context */

/** @param {string} tag @param {string} text @param {Record<string, string>} [data] */
export function cell(tag, text, data = {}) {
  const element = document.createElement(tag);
  element.textContent = text;
  Object.assign(element.dataset, data);
  return element;
}

let editors = 0;  // ids stay unique across re-renders

/** One block's editor from the <template>, labelled with the config's texts.
 * @param {Context} ctx @param {any} block @param {number} at @param {number} count */
export function blockEditor(ctx, block, at, count) {
  const item = ctx.q("[data-kb-block-template]").content.firstElementChild.cloneNode(true);
  const id = `kb-ws-blok-${++editors}`;
  const name = block.titel || ctx.text("block_unnamed", { n: at + 1 });
  item.dataset.kbIndex = String(at);
  item.querySelector("[data-kb-block-number]").textContent = ctx.text("block_number", { n: at + 1 });
  for (const field of item.querySelectorAll("[data-kb-field]")) {
    const key = field.dataset.kbField;
    Object.assign(field, { id: `${id}-${key}`, name: `blokke.${at}.${key}`, value: block[key] == null ? "" : String(block[key]) });
    if (field.tagName === "SELECT" && !field.value) field.selectedIndex = 0;
    const error = item.querySelector(`[data-kb-error="${key}"]`);
    if (!error) continue;
    Object.assign(error, { id: `${id}-${key}-fejl` });
    error.dataset.kbErrorFor = field.name;
    field.setAttribute("aria-describedby", error.id);
  }
  for (const label of item.querySelectorAll("[data-kb-for]")) label.htmlFor = `${id}-${label.dataset.kbFor}`;
  const buttons = [["[data-kb-move='-1']", "move_up"], ["[data-kb-move='1']", "move_down"], ["[data-kb-remove]", "remove"]];
  for (const [selector, key] of buttons) item.querySelector(selector).setAttribute("aria-label", ctx.text(key, { name }));
  item.querySelector("[data-kb-move='-1']").disabled = at === 0;
  item.querySelector("[data-kb-move='1']").disabled = at === count - 1;
  return item;
}

/** The timed agenda, its checks, link, texts and QR code from Python's view model.
 * @param {Context} ctx @param {any} plan @param {boolean} qr */
export function renderPlan(ctx, plan, qr) {
  const q = ctx.q;
  q("[data-kb-rows]").replaceChildren(...plan.rows.map((/** @type {any} */ row) => {
    const title = cell("td", row.titel);
    if (row.fra_kilden) title.append(" ", Object.assign(cell("span", ctx.texts.from_source), { className: "kb-ws-source" }));
    const tr = document.createElement("tr");
    tr.append(cell("td", row.tid), title, cell("td", row.note));
    const editor = q("[data-kb-blocks]").children[row.index];
    if (editor) editor.querySelector("[data-kb-block-time]").textContent = row.tid;
    return tr;
  }));
  q("[data-kb-summary]").textContent = plan.summary;
  q("[data-kb-print-title]").textContent = plan.print_title;
  const checks = plan.checks.map((/** @type {any} */ c) => cell("li", c.message, { kbCheck: c.code }));
  q("[data-kb-checks]").replaceChildren(...(checks.length ? checks : [cell("li", ctx.texts.checks_ok, { kbOk: "" })]));
  q("[data-kb-link]").value = plan.link;
  q("[data-kb-print-link]").textContent = plan.link;
  q("[data-kb-markdown]").value = plan.markdown;
  q("[data-kb-invitation]").value = plan.invitation;
  if (qr) {
    q("[data-kb-qr-figure]").hidden = !plan.qr;
    if (plan.qr) q("[data-kb-qr]").src = plan.qr;  // an SVG data: URI made by Python (segno)
    else q("[data-kb-qr]").removeAttribute("src");
  }
}
