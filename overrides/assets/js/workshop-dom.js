// DOM helpers of the workshop planner: build elements from <template>s and plain values with
// textContent/value only (nothing from the agenda, a link or storage is ever parsed as HTML).

let editorId = 0;

// One block's editor: a fieldset with title, minutes, type, notes and the move/remove buttons.
export function createBlockEditor(template, block, index, count) {
  const item = template.content.firstElementChild.cloneNode(true);
  const id = `kb-ws-blok-${++editorId}`;
  const name = block.titel || `punkt ${index + 1}`;
  item.dataset.kbIndex = String(index);
  item.querySelector("[data-kb-block-number]").textContent = `Punkt ${index + 1}`;
  for (const field of item.querySelectorAll("[data-kb-field]")) {
    const key = field.dataset.kbField;
    const value = block[key];
    field.id = `${id}-${key}`;
    field.name = `blokke.${index}.${key}`;
    field.value = value === null || value === undefined ? "" : String(value);
    if (field.tagName === "SELECT" && !field.value) field.value = "indhold";
    const error = item.querySelector(`[data-kb-error="${key}"]`);
    if (error) {
      error.id = `${id}-${key}-fejl`;
      error.dataset.kbErrorFor = field.name;
      field.setAttribute("aria-describedby", error.id);
    }
  }
  for (const label of item.querySelectorAll("[data-kb-for]")) label.htmlFor = `${id}-${label.dataset.kbFor}`;
  const up = item.querySelector("[data-kb-move='-1']");
  const down = item.querySelector("[data-kb-move='1']");
  const remove = item.querySelector("[data-kb-remove]");
  up.setAttribute("aria-label", `Flyt »${name}« op`);
  down.setAttribute("aria-label", `Flyt »${name}« ned`);
  remove.setAttribute("aria-label", `Slet »${name}«`);
  up.disabled = index === 0;
  down.disabled = index === count - 1;
  return item;
}

function cell(tag, text) {
  const element = document.createElement(tag);
  element.textContent = text;
  return element;
}

// The agenda table (screen overview and print layout).
export function renderRows(tbody, rows) {
  tbody.replaceChildren(...rows.map((row) => {
    const tr = document.createElement("tr");
    const title = cell("td", row.titel);
    if (row.fra_kilden) title.append(" ", sourceMark());
    tr.append(cell("td", `${row.start}–${row.slut}`), title, cell("td", row.note));
    return tr;
  }));
}

export function renderChecks(list, checks) {
  if (!checks.length) {
    const ok = cell("li", "Ingen bemærkninger.");
    ok.dataset.kbOk = "";
    list.replaceChildren(ok);
    return;
  }
  list.replaceChildren(...checks.map((c) => {
    const li = cell("li", c.message);
    li.dataset.kbCheck = c.code;
    return li;
  }));
}

function sourceMark() {
  const mark = cell("span", "(fra kilden)");
  mark.className = "kb-ws-source";
  return mark;
}

const RUN_STATE = { faerdig: "Færdig", nu: "Nu", senere: "Senere" };

export function renderRunRows(tbody, rows) {
  tbody.replaceChildren(...rows.map((row) => {
    const tr = document.createElement("tr");
    tr.dataset.kbState = row.status;
    tr.append(cell("td", `${row.start}–${row.slut}`), cell("td", row.titel), cell("td", RUN_STATE[row.status] || ""));
    return tr;
  }));
}

// Save text as a file through a same-origin blob: URL.
// Save text (or a ready Blob, e.g. a .docx) as a file the user downloads.
export function download(content, filename, mime) {
  const blob = content instanceof Blob ? content : new Blob([content], { type: `${mime};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
