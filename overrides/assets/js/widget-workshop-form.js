// Fillable form made from a source's template (docs/workshop/projektplan.md, logbog.md). Keeps what
// the user writes in localStorage (restored at once, before Python has loaded), mirrors it into the
// print layout, and asks Python (koensbalance.bridge "workshop.form_*") for the Markdown, the saved
// file and for reading a file back. No rules live here: Python validates every value it is given.
// Values only ever reach the page through .value and .textContent.
import { copyField, debounce } from "./widget-common.js";
import { download } from "./workshop-dom.js";

const STORAGE_VERSION = 1;

const STATUS_TEXT = {
  starting: "Markdown og filer bliver klar om et øjeblik … Du kan skrive imens.",
  failed: "Markdown og filer kunne ikke indlæses. Det, du skriver, gemmes stadig i browseren, og du kan udskrive det.",
};

export function init(root, client) {
  const config = JSON.parse(root.querySelector("[data-kb-config]").textContent);
  const q = (selector) => root.querySelector(selector);
  const form = q("[data-kb-form]");
  const view = {
    entries: q("[data-kb-entries]"),
    entryTemplate: q("[data-kb-entry-template]"),
    addEntry: q("[data-kb-add-entry]"),
    announce: q("[data-kb-announce]"),
    status: q("[data-kb-status]"),
    markdown: q("[data-kb-markdown]"),
    outputError: q("[data-kb-output-error]"),
    importInput: q("[data-kb-import]"),
    importError: q("[data-kb-import-error]"),
  };
  const storageKey = `kb-formular-${config.id}`;
  const keys = config.felter.map((f) => f.id);
  const repeat = config.gentages;
  const label = (index) => `${repeat} ${index + 1}`;
  const blankEntry = () => Object.fromEntries(keys.map((key) => [key, ""]));

  let entries = stored() || [blankEntry()];
  let latest = 0;

  root.dataset.kbEnhanced = "true";
  for (const hidden of root.querySelectorAll("[data-kb-outputs], [data-kb-repeat-actions]")) hidden.hidden = false;

  // ---- storage --------------------------------------------------------------------------------
  function save() {
    try {
      localStorage.setItem(storageKey, JSON.stringify({ version: STORAGE_VERSION, poster: entries }));
    } catch {
      // storage full or disabled: the form still works; "Gem som fil" still saves the work
    }
  }

  // Only the shape the editor needs is taken from storage (known keys, text values); Python
  // validates the values whenever they are used.
  function stored() {
    try {
      const data = JSON.parse(localStorage.getItem(storageKey) || "null");
      if (!data || data.version !== STORAGE_VERSION || !Array.isArray(data.poster) || !data.poster.length) return null;
      const restored = data.poster.filter((e) => e && typeof e === "object").map((e) =>
        Object.fromEntries(keys.map((key) => [key, typeof e[key] === "string" ? e[key] : ""])));
      if (!restored.length) return null;
      return repeat ? restored : restored.slice(0, 1);
    } catch {
      return null;
    }
  }

  // ---- the entries (one for the project plan, one per conversation for the logbook) ------------
  function createEntry(values, index) {
    const item = view.entryTemplate.content.firstElementChild.cloneNode(true);
    const prefix = `kb-wf-${config.id}-${index}`;
    item.dataset.kbIndex = String(index);
    for (const control of item.querySelectorAll("[data-kb-key]")) {
      const key = control.dataset.kbKey;
      control.id = `${prefix}-${key}`;
      control.value = values[key] || "";
      item.querySelector(`[data-kb-print-for="${key}"]`).textContent = control.value;
    }
    for (const labelElement of item.querySelectorAll("[data-kb-for]")) {
      labelElement.htmlFor = `${prefix}-${labelElement.dataset.kbFor}`;
    }
    if (repeat) {
      item.querySelector("[data-kb-entry-legend]").textContent = label(index);
      item.querySelector("[data-kb-entry-actions]").hidden = false;
      const remove = item.querySelector("[data-kb-remove-entry]");
      remove.textContent = `Slet ${label(index).toLowerCase()}`;
      remove.disabled = entries.length === 1;
    }
    return item;
  }

  function renderEntries() {
    view.entries.replaceChildren(...entries.map((values, index) => createEntry(values, index)));
  }

  function focusIn(index, selector) {
    const item = view.entries.children[index];
    const target = item && item.querySelector(selector);
    (target && !target.disabled ? target : view.addEntry || view.entries.querySelector("[data-kb-key]")).focus();
  }

  // ---- Python: Markdown, file export and import -------------------------------------------------
  async function update() {
    const request = ++latest;
    let answer;
    try {
      answer = await client.call("workshop.form_markdown", { formular: config, poster: entries });
    } catch {
      return;
    }
    if (request !== latest) return;
    view.outputError.textContent = answer.ok ? "" : answer.errors.map((e) => e.message).join(" ");
    if (!answer.ok) return;
    view.markdown.value = answer.result.markdown;
    root.dataset.kbAnswered = "true";
  }
  const updateSoon = debounce(update, 200);

  form.addEventListener("input", (event) => {
    const control = event.target;
    const item = control.closest("[data-kb-entry]");
    if (!control.dataset.kbKey || !item) return;
    entries[Number(item.dataset.kbIndex)][control.dataset.kbKey] = control.value;
    item.querySelector(`[data-kb-print-for="${control.dataset.kbKey}"]`).textContent = control.value;
    save();
    updateSoon();
  });
  form.addEventListener("submit", (event) => event.preventDefault());

  form.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if ("kbAddEntry" in button.dataset) {
      entries.push(blankEntry());
      renderEntries();
      focusIn(entries.length - 1, "[data-kb-key]");
      view.announce.textContent = `${label(entries.length - 1)} er tilføjet.`;
    } else if ("kbRemoveEntry" in button.dataset) {
      const index = Number(button.closest("[data-kb-entry]").dataset.kbIndex);
      entries.splice(index, 1);
      renderEntries();
      focusIn(Math.min(index, entries.length - 1), "[data-kb-remove-entry]");
      view.announce.textContent = `${label(index)} er slettet.`;
    } else {
      return;
    }
    save();
    update();
  });

  q("[data-kb-print-button]").addEventListener("click", () => window.print());

  q("[data-kb-copy-markdown]").addEventListener("click", async () => {
    await update();
    await copyField(view.markdown, view.announce, "Markdown er kopieret.",
      "Teksten er markeret – kopiér den med Ctrl+C.");
  });

  q("[data-kb-download]").addEventListener("click", async () => {
    view.outputError.textContent = "";
    const answer = await client.call("workshop.form_export", { formular: config, poster: entries });
    if (!answer.ok) {
      view.outputError.textContent = answer.errors.map((e) => e.message).join(" ");
      return;
    }
    download(answer.result.text, answer.result.filename, answer.result.mime);
  });

  // A file that cannot be read leaves the work on the page (and in storage) as it was.
  view.importInput.addEventListener("change", async () => {
    const file = view.importInput.files[0];
    view.importError.textContent = "";
    view.importInput.removeAttribute("aria-invalid");
    if (!file) return;
    const text = file.size > 4_000_000 ? "" : await file.text();
    const answer = await client.call("workshop.form_import", { formular: config, text });
    if (!answer.ok) {
      view.importError.textContent = answer.errors.map((e) => e.message).join(" ");
      view.importInput.setAttribute("aria-invalid", "true");
      return;
    }
    entries = answer.result.poster;
    renderEntries();
    save();
    view.announce.textContent = "Filen er åbnet.";
    update();
  });

  // ---- start: the stored work at once, the Markdown when Python is ready -----------------------
  renderEntries();
  client.onStatus((state) => {
    if (state.stage === "failed") {
      root.dataset.kbState = "failed";
      view.status.textContent = STATUS_TEXT.failed;
      for (const button of root.querySelectorAll("[data-kb-download], [data-kb-copy-markdown], [data-kb-import]")) {
        button.disabled = true;
      }
    } else if (state.stage === "ready") {
      root.dataset.kbState = "ready";
      view.status.textContent = "";
    } else {
      view.status.textContent = STATUS_TEXT.starting;
    }
  });
  client.ready.then(update).catch(() => {});
}
