// @ts-check
// DOM of the plan builder: item editors from the <template>, the print layout and the .docx, both
// assembled from the document blocks Python made (textContent only; the .docx with npm docx).

/** @typedef {import("./runtime.js").Context} Context */

/** @param {string} tag @param {string} text */
export function element(tag, text) {
  const node = document.createElement(tag);
  node.textContent = text;
  return node;
}

/** One item's editor. @param {Context} ctx @param {any} info the item's view (Python's words)
 * @param {Record<string, any>} values @param {(name: string, value: string) => void} edit
 * @param {() => void} remove */
export function itemEditor(ctx, info, values, edit, remove) {
  const item = ctx.q("[data-kb-item-template]").content.firstElementChild.cloneNode(true);
  item.dataset.kbIndex = String(info.index);
  item.dataset.kbId = info.id;
  const link = item.querySelector("[data-kb-item-link]");
  link.textContent = info.titel;
  if (info.url) link.href = new URL(info.url, new URL("../../", import.meta.url)).pathname;
  else link.removeAttribute("href");
  item.querySelector("[data-kb-item-type]").textContent = info.type_text;
  item.querySelector("[data-kb-item-source]").textContent = info.source_text;
  for (const name of ctx.config.fields) {
    const input = item.querySelector(`[data-kb-field="${name}"]`);
    const id = `kb-plan-${info.index}-${name}`;
    Object.assign(input, { id, name: `indsatser.${info.index}.${name}`, value: values[name] == null ? "" : String(values[name]) });
    item.querySelector(`[data-kb-for="${name}"]`).htmlFor = id;
    const error = item.querySelector(`[data-kb-error="${name}"]`);
    Object.assign(error, { id: `${id}-fejl` });
    error.dataset.kbErrorFor = input.name;
    const hint = item.querySelector(`[data-kb-hint="${name}"]`);
    if (hint) hint.id = `${id}-forslag`;
    input.setAttribute("aria-describedby", hint ? `${hint.id} ${error.id}` : error.id);
    input.addEventListener("input", () => edit(name, input.value));
  }
  const button = item.querySelector("[data-kb-remove]");
  button.setAttribute("aria-label", info.remove_label);
  button.addEventListener("click", remove);
  return item;
}

/** Everything but the editors from Python's view of the plan. @param {Context} ctx @param {any} answer */
export function renderPlan(ctx, answer) {
  const q = ctx.q;
  for (const info of answer.groups.flatMap((/** @type {any} */ g) => g.items)) {
    for (const hint of q("[data-kb-groups]").querySelectorAll(`[data-kb-index="${info.index}"] [data-kb-hint]`)) {
      hint.textContent = info.hints[hint.dataset.kbHint] || "";
      hint.hidden = !hint.textContent;
    }
  }
  const plan = answer.plan;
  const maal = plan.maal;
  q("[data-kb-target-view]").hidden = q("[data-kb-target-remove]").hidden = !maal;
  q("[data-kb-target-empty]").hidden = Boolean(maal);
  if (maal) {
    q("[data-kb-target-status]").textContent = maal.status_tekst;
    q("[data-kb-target-goal]").textContent = maal.maaltal_tekst;
    q("[data-kb-target-recruit]").textContent = maal.rekruttering_tekst;
  }
  for (const box of ctx.root.querySelectorAll("[data-kb-check]")) {
    Object.assign(box, { disabled: false, checked: plan.tjekliste.includes(/** @type {HTMLInputElement} */ (box).value) });
  }
  q("[data-kb-wheel]").replaceChildren(...answer.aarshjul.map((/** @type {any} */ line) => element("li", line.line)));
  renderDocument(ctx, q("[data-kb-print-document]"), answer.document);
  q("[data-kb-link]").value = answer.link;
  q("[data-kb-link-note]").textContent = answer.link_besked || "";
  q("[data-kb-markdown]").value = answer.markdown;
}

/** The print layout: the same document blocks the .docx and the Markdown are made from.
 * @param {Context} ctx @param {Element} container @param {any[]} blocks */
export function renderDocument(ctx, container, blocks) {
  const heading = /** @type {Record<string, string>} */ ({ title: "h2", heading: "h3", subheading: "h4" });
  const nodes = [];
  /** @type {HTMLElement | null} */
  let list = null;
  for (const block of blocks) {
    const listItem = block.kind === "bullet" || block.kind === "check";
    if (!listItem) list = null;
    if (listItem) {
      if (!list) nodes.push(list = document.createElement("ul"));
      list.append(element("li", block.kind === "check" ? `${mark(ctx, block)} ${block.text}` : block.text));
    } else if (block.kind === "field") {
      const node = element("p", "");
      node.append(element("strong", `${block.label}:`));
      // A list (several lines) starts on its own line under the label.
      node.append(block.text.includes("\n") ? document.createElement("br") : " ");
      node.append(Object.assign(element("span", block.text), { className: "kb-plan-multiline" }));
      nodes.push(node);
    } else nodes.push(element(heading[block.kind] || "p", block.text));
  }
  container.replaceChildren(...nodes);
}

/** @param {Context} ctx @param {any} block */
function mark(ctx, block) {
  return block.checked ? ctx.texts.checked : ctx.texts.unchecked;
}

/** The .docx from Python's document blocks (npm docx, loaded only when asked for).
 * @param {Context} ctx @param {any[]} blocks */
export async function docxBlob(ctx, blocks) {
  const docx = await import(new URL("../vendor/docx.mjs", import.meta.url).href);
  const { Document, Packer, Paragraph, TextRun, HeadingLevel } = docx;
  const settings = ctx.config.docx;
  const runs = (/** @type {string} */ text, options = {}) => String(text).split("\n")
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, ...options }));
  const headings = /** @type {Record<string, any>} */ ({ title: HeadingLevel.TITLE, heading: HeadingLevel.HEADING_1,
    subheading: HeadingLevel.HEADING_2 });
  const children = blocks.map((block) => {
    if (headings[block.kind]) return new Paragraph({ heading: headings[block.kind], children: runs(block.text) });
    if (block.kind === "bullet") return new Paragraph({ bullet: { level: 0 }, children: runs(block.text) });
    if (block.kind === "check") return new Paragraph({ bullet: { level: 0 }, children: runs(`${mark(ctx, block)} ${block.text}`) });
    if (block.kind !== "field") return new Paragraph({ children: runs(block.text) });
    const list = block.text.includes("\n");
    const label = new TextRun({ text: list ? `${block.label}:` : `${block.label}: `, bold: true });
    const body = runs(block.text);
    if (list) body[0] = new TextRun({ text: block.text.split("\n")[0], break: 1 });
    return new Paragraph({ children: [label, ...body] });
  });
  const doc = new Document({
    creator: settings.creator,
    title: blocks.length && blocks[0].kind === "title" ? blocks[0].text : settings.title,
    styles: { default: { document: { run: { font: settings.font, size: settings.size } } } },
    sections: [{ children }],
  });
  return new Blob([await Packer.toBlob(doc)], { type: settings.mime });
}
