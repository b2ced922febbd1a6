// "Min handlingsplan": keeps the plan the user edits (plain values, saved on every keystroke), asks
// Python (koensbalance.bridge "plan.*") for prefill, grouping, validation, Markdown, the document
// for print and .docx, the share link and the .ics, and writes the answers with textContent/value.
// The .docx is assembled from Python's document blocks with the npm package docx (self-hosted).
import { bindStatus, copyField, debounce, showFieldErrors } from "./widget-common.js";
import { readPlan, writePlan, updateCounter } from "./plan-store.js";
import { download } from "./workshop-dom.js";

const SCENARIO_KEY = "kb-maaltal-scenario";  // written by the måltal widget (widget-maaltal.js)
const FIELDS = ["maalsaetning", "handlinger", "indikator", "ansvarlig", "frist"];
const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export function init(root, client) {
  const config = JSON.parse(root.querySelector("[data-kb-config]").textContent);
  const form = root.querySelector("[data-kb-form]");
  const q = (selector) => root.querySelector(selector);
  const view = {
    message: q("[data-kb-message]"),
    messageText: q("[data-kb-message-text]"),
    linkChoice: q("[data-kb-link-choice]"),
    groups: q("[data-kb-groups]"),
    groupTemplate: q("[data-kb-group-template]"),
    itemTemplate: q("[data-kb-item-template]"),
    empty: q("[data-kb-empty]"),
    intro: q("[data-kb-intro]"),
    announce: q("[data-kb-announce]"),
    targetView: q("[data-kb-target-view]"),
    targetEmpty: q("[data-kb-target-empty]"),
    targetRemove: q("[data-kb-target-remove]"),
    wheel: q("[data-kb-wheel]"),
    link: q("[data-kb-link]"),
    markdown: q("[data-kb-markdown]"),
    printDocument: q("[data-kb-print-document]"),
    outputError: q("[data-kb-output-error]"),
    importError: q("[data-kb-import-error]"),
  };
  const baseUrl = () => location.origin + location.pathname;
  let plan = structuredClone(config.blank);
  let answer = null;        // the last successful plan.view result
  let structure = "";       // which editors are on the page (ids in order, by group)
  let latest = 0;
  let pendingLink = null;   // a valid plan from a link, waiting for the user's choice

  for (const hidden of root.querySelectorAll("[data-kb-form], [data-kb-outputs]")) hidden.hidden = false;
  bindStatus(root, client);

  // ---- plan state ------------------------------------------------------------------------------
  function save() {
    if (!writePlan(plan)) {
      view.outputError.textContent = "Planen kunne ikke gemmes i din browser. Gem den som fil eller link, så du ikke mister den.";
    }
  }

  function entriesOf(p) {
    const subset = {};
    for (const item of p.indsatser) if (config.entries[item.id]) subset[item.id] = config.entries[item.id];
    return subset;
  }

  function isEmpty(p) {
    return p.indsatser.length === 0 && !p.maal && !(p.organisation || "").trim();
  }

  // ---- asking Python ---------------------------------------------------------------------------
  async function update({ focus = null } = {}) {
    const request = ++latest;
    let reply;
    try {
      reply = await client.call("plan.view", {
        plan, entries: entriesOf(plan), areas: config.areas, checklist: config.checklist,
        reporting: config.reporting, base_url: baseUrl(), i_dag: localDate(),
      });
    } catch {
      return;
    }
    if (request !== latest) return;
    if (!reply.ok) {
      showErrors(reply.errors);
      if (!answer) renderGroups(fallbackGroups(), focus);
      root.dataset.kbValid = "false";
      return;
    }
    root.dataset.kbValid = "true";
    showErrors([]);
    answer = reply.result;
    plan = answer.plan;  // prefill applied, unknown checklist ids dropped
    save();
    renderGroups(answer.groups, focus);
    renderHints(answer.groups);
    renderTarget();
    renderChecklist();
    renderWheel(answer.aarshjul);
    renderDocument(view.printDocument, answer.document);
    view.link.value = answer.link;
    q("[data-kb-link-note]").textContent = answer.link_besked || "";
    view.markdown.value = answer.markdown;
    if (!root.dataset.kbAnswered) {
      root.dataset.kbAnswered = "true";
      performance.mark("kb-widget-first-answer");
    }
  }
  const updateSoon = debounce(() => update(), 200);

  function showErrors(errors) {
    showFieldErrors(form, errors);
    const byField = new Map(errors.map((e) => [e.field, e.message]));
    for (const item of view.groups.querySelectorAll("[data-kb-item]")) {
      const index = item.dataset.kbIndex;
      for (const name of FIELDS) {
        const message = byField.get(`indsatser.${index}.${name}`) || "";
        const input = item.querySelector(`[data-kb-field="${name}"]`);
        item.querySelector(`[data-kb-error="${name}"]`).textContent = message;
        if (message) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      }
    }
    const general = errors.filter((e) => !e.field.startsWith("indsatser.") && !["titel", "organisation", "maal"].includes(e.field));
    if (general.length) showMessage(general.map((e) => e.message).join(" "));
  }

  // Used only while Python has not answered for this plan: one list in the plan's order.
  function fallbackGroups() {
    return [{
      id: "", label: "Indsatser",
      items: plan.indsatser.map((item, index) => {
        const entry = config.entries[item.id] || {};
        return { index, id: item.id, titel: entry.titel || item.id, type_label: entry.type_label || "",
          url: entry.url || "", kilde: entry.kilde || "", prefilled: [], forslag_kilder: {} };
      }),
    }];
  }

  // ---- rendering -------------------------------------------------------------------------------
  function renderGroups(groups, focus) {
    const signature = JSON.stringify(groups.map((g) => [g.id, g.items.map((i) => [i.index, i.id])]));
    const empty = plan.indsatser.length === 0;
    view.empty.hidden = !empty;
    view.intro.hidden = empty;
    if (signature === structure && !focus) return;
    structure = signature;
    const sections = groups.map((group) => {
      const section = view.groupTemplate.content.firstElementChild.cloneNode(true);
      const heading = section.querySelector("[data-kb-group-title]");
      heading.textContent = group.label;
      heading.id = `kb-plan-gruppe-${group.id || "ukendt"}`;
      section.setAttribute("aria-labelledby", heading.id);
      section.querySelector("[data-kb-items]").append(...group.items.map(itemEditor));
      return section;
    });
    view.groups.replaceChildren(...sections);
    if (focus) focusAfter(focus);
  }

  function itemEditor(info) {
    const item = view.itemTemplate.content.firstElementChild.cloneNode(true);
    const values = plan.indsatser[info.index];
    item.dataset.kbIndex = String(info.index);
    item.dataset.kbId = info.id;
    const link = item.querySelector("[data-kb-item-link]");
    link.textContent = info.titel;
    if (info.url) link.href = new URL(info.url, siteRoot()).pathname;
    else link.removeAttribute("href");
    item.querySelector("[data-kb-item-type]").textContent = info.type_label ? `(${info.type_label.toLowerCase()})` : "";
    item.querySelector("[data-kb-item-source]").textContent = info.kilde ? `Kilde: ${info.kilde}` : "";
    for (const name of FIELDS) {
      const input = item.querySelector(`[data-kb-field="${name}"]`);
      const id = `kb-plan-${info.index}-${name}`;
      input.id = id;
      input.value = values[name] === undefined || values[name] === null ? "" : String(values[name]);
      item.querySelector(`[data-kb-for="${name}"]`).htmlFor = id;
      const describedBy = [`${id}-fejl`];
      const error = item.querySelector(`[data-kb-error="${name}"]`);
      error.id = `${id}-fejl`;
      const hint = item.querySelector(`[data-kb-hint="${name}"]`);
      if (hint) {
        hint.id = `${id}-forslag`;
        describedBy.unshift(hint.id);
      }
      input.setAttribute("aria-describedby", describedBy.join(" "));
      input.addEventListener("input", () => {
        plan.indsatser[info.index][name] = input.value;
        save();
        updateSoon();
      });
    }
    const remove = item.querySelector("[data-kb-remove]");
    remove.setAttribute("aria-label", `Fjern fra planen: ${info.titel}`);
    remove.addEventListener("click", () => {
      plan.indsatser.splice(info.index, 1);
      save();
      updateCounter();
      view.announce.textContent = `»${info.titel}« er fjernet fra planen.`;
      update({ focus: { index: info.index } });
    });
    return item;
  }

  function focusAfter(focus) {
    const items = [...view.groups.querySelectorAll("[data-kb-item]")];
    const next = items.find((el) => Number(el.dataset.kbIndex) === focus.index)
      || items.find((el) => Number(el.dataset.kbIndex) === focus.index - 1);
    const target = next ? next.querySelector("[data-kb-remove]") : q("#kb-plan-indsatser-titel");
    if (!next) target.tabIndex = -1;
    target.focus();
  }

  function renderHints(groups) {
    for (const group of groups) {
      for (const info of group.items) {
        const item = view.groups.querySelector(`[data-kb-item][data-kb-index="${info.index}"]`);
        if (!item) continue;
        for (const hint of item.querySelectorAll("[data-kb-hint]")) {
          const name = hint.dataset.kbHint;
          const shown = info.prefilled.includes(name);
          hint.hidden = !shown;
          hint.textContent = shown ? `Forslag fra kataloget (${info.forslag_kilder[name] || "kilden"}) – ret det til.` : "";
        }
      }
    }
  }

  function renderTarget() {
    const maal = plan.maal;
    view.targetView.hidden = !maal;
    view.targetEmpty.hidden = Boolean(maal);
    view.targetRemove.hidden = !maal;
    if (!maal) return;
    q("[data-kb-target-status]").textContent = maal.status_tekst;
    q("[data-kb-target-goal]").textContent = maal.maaltal_tekst;
    q("[data-kb-target-recruit]").textContent = maal.rekruttering_tekst;
  }

  function renderChecklist() {
    const ticked = new Set(plan.tjekliste);
    for (const box of root.querySelectorAll("[data-kb-check]")) {
      box.disabled = false;
      box.checked = ticked.has(box.value);
    }
  }

  function renderWheel(items) {
    view.wheel.replaceChildren(...items.map((item) => {
      const li = document.createElement("li");
      li.textContent = `${item.dato_tekst}: ${item.tekst}`;
      return li;
    }));
  }

  // The print layout: the same document blocks the .docx and the Markdown are made from.
  function renderDocument(container, blocks) {
    const nodes = [];
    let list = null;
    for (const block of blocks) {
      const listItem = block.kind === "bullet" || block.kind === "check";
      if (!listItem) list = null;
      let node;
      if (block.kind === "title") node = element("h2", block.text);
      else if (block.kind === "heading") node = element("h3", block.text);
      else if (block.kind === "subheading") node = element("h4", block.text);
      else if (block.kind === "field") {
        node = element("p", "");
        node.append(element("strong", `${block.label}:`));
        // A list (several lines) starts on its own line under the label.
        if (block.text.includes("\n")) node.append(document.createElement("br"));
        else node.append(" ");
        node.append(multiline(block.text));
      } else if (listItem) {
        if (!list) {
          list = document.createElement("ul");
          nodes.push(list);
        }
        const text = block.kind === "check" ? `${block.checked ? "☑" : "☐"} ${block.text}` : block.text;
        list.append(element("li", text));
        continue;
      } else node = element("p", block.text);
      nodes.push(node);
    }
    container.replaceChildren(...nodes);
  }

  function element(tag, text) {
    const node = document.createElement(tag);
    node.textContent = text;
    return node;
  }

  function multiline(text) {
    const span = document.createElement("span");
    span.className = "kb-plan-multiline";
    span.textContent = text;
    return span;
  }

  function siteRoot() {
    return new URL("../../", import.meta.url);
  }

  function showMessage(text, { choice = false } = {}) {
    view.messageText.textContent = text;
    view.linkChoice.hidden = !choice;
    view.message.hidden = false;
  }

  function hideMessage() {
    view.message.hidden = true;
    view.linkChoice.hidden = true;
    pendingLink = null;
  }

  function replacePlan(next, announcement) {
    plan = next;
    structure = "";
    for (const input of form.querySelectorAll("[data-kb-meta]")) input.value = plan[input.name] || "";
    save();
    updateCounter();
    view.announce.textContent = announcement;
    return update();
  }

  // ---- events ----------------------------------------------------------------------------------
  for (const input of form.querySelectorAll("[data-kb-meta]")) {
    input.addEventListener("input", () => {
      plan[input.name] = input.value;
      save();
      updateSoon();
    });
  }
  for (const box of root.querySelectorAll("[data-kb-check]")) {
    box.addEventListener("change", () => {
      plan.tjekliste = [...root.querySelectorAll("[data-kb-check]")].filter((b) => b.checked).map((b) => b.value);
      save();
      update();
    });
  }
  q("[data-kb-target-fetch]").addEventListener("click", async () => {
    const slot = q('[data-kb-error-for="maal"]');
    slot.textContent = "";
    let input = null;
    try {
      input = JSON.parse(localStorage.getItem(SCENARIO_KEY) || "null");
    } catch {
      input = null;
    }
    if (!input || typeof input !== "object") {
      slot.textContent = "Der er ikke gemt et scenarie i »Sæt måltal« i denne browser endnu. Udfyld jeres tal dér, og kom så tilbage.";
      return;
    }
    const reply = await client.call("plan.target", { input, rules: config.maaltal_rules });
    if (!reply.ok) {
      slot.textContent = "Scenariet i »Sæt måltal« har fejl: " + reply.errors.map((e) => e.message).join(" ");
      return;
    }
    plan.maal = reply.result.maal;
    save();
    view.announce.textContent = "Status og måltal er hentet ind i planen.";
    await update();
  });
  view.targetRemove.addEventListener("click", async () => {
    plan.maal = null;
    save();
    await update();
    q("[data-kb-target-fetch]").focus();
  });
  q("[data-kb-link-replace]").addEventListener("click", async () => {
    const next = pendingLink;
    hideMessage();
    if (next) await replacePlan(next, "Planen fra linket er åbnet.");
    q("#kb-plan-titel").focus();
  });
  q("[data-kb-link-keep]").addEventListener("click", () => {
    hideMessage();
    view.announce.textContent = "Din egen plan er beholdt.";
    q("#kb-plan-titel").focus();
  });

  q("[data-kb-copy-link]").addEventListener("click", () => copyField(view.link, view.announce,
    "Linket er kopieret.", "Linket er markeret – kopiér det med Ctrl+C."));
  q('[data-kb-download="json"]').addEventListener("click", () => output("plan.export", { plan },
    (r) => download(r.json, r.name, "application/json")));
  // The same "i_dag" as the årshjul on the page: the calendar starts on the same days.
  q('[data-kb-download="ics"]').addEventListener("click", () => output("plan.ics", {
    plan, entries: entriesOf(plan), reporting: config.reporting, i_dag: localDate(),
  }, (r) => download(r.ics, r.name, "text/calendar")));
  q('[data-kb-download="docx"]').addEventListener("click", async () => {
    view.outputError.textContent = "";
    await update();
    if (!answer || root.dataset.kbValid !== "true") {
      view.outputError.textContent = "Ret fejlene i planen, før du henter den som Word-dokument.";
      return;
    }
    try {
      const blob = await docxBlob(answer.document);
      download(blob, "handlingsplan.docx", DOCX_MIME);
    } catch (error) {
      console.warn("Word-dokumentet kunne ikke laves:", error);
      view.outputError.textContent = "Word-dokumentet kunne ikke laves. Brug Markdown eller udskriv planen i stedet.";
    }
  });
  q("[data-kb-print-button]").addEventListener("click", async () => {
    await update();
    window.print();
  });
  q("[data-kb-clear]").addEventListener("click", async () => {
    if (!window.confirm("Vil du tømme planen? Gem den først som fil eller link, hvis du vil kunne hente den igen.")) return;
    await replacePlan(structuredClone(config.blank), "Planen er tømt.");
  });
  q("[data-kb-import]").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    view.importError.textContent = "";
    event.target.removeAttribute("aria-invalid");
    if (!file) return;
    const text = file.size > 2_000_000 ? "" : await file.text();
    const reply = await client.call("plan.import", { text, entries: config.entries });
    event.target.value = "";
    if (!reply.ok) {
      view.importError.textContent = reply.errors.map((e) => e.message).join(" ");
      event.target.setAttribute("aria-invalid", "true");
      return;
    }
    if (!isEmpty(plan) && !window.confirm("Vil du erstatte din nuværende plan med planen fra filen?")) return;
    await replacePlan(reply.result.plan, "Planen fra filen er åbnet.");
  });

  async function output(name, payload, done) {
    view.outputError.textContent = "";
    const reply = await client.call(name, payload);
    if (!reply.ok) {
      view.outputError.textContent = reply.errors.map((e) => e.message).join(" ");
      return;
    }
    done(reply.result);
  }

  // ---- start: a shared link, else the stored plan ----------------------------------------------
  // A plan in the URL fragment: opened at once into an empty plan; otherwise the user chooses.
  // Returns true when it replaced the plan (and so already updated the page).
  async function openFragment() {
    const fragment = location.hash;
    if (!fragment.startsWith("#plan=")) return false;
    history.replaceState(null, "", location.pathname + location.search);
    const reply = await client.call("plan.open_link", { token: fragment.slice("#plan=".length), entries: config.entries });
    if (!reply.ok) {
      showMessage(reply.errors.map((e) => e.message).join(" ") + (isEmpty(plan) ? "" : " Din egen plan er uændret."));
      return false;
    }
    if (isEmpty(plan)) {
      await replacePlan(reply.result.plan, "Planen fra linket er åbnet.");
      return true;
    }
    pendingLink = reply.result.plan;
    showMessage("Linket indeholder en anden plan end den, du har gemt i denne browser.", { choice: true });
    return false;
  }

  async function start() {
    const stored = readPlan();
    plan = stored || structuredClone(config.blank);  // readPlan checks the shape
    for (const input of form.querySelectorAll("[data-kb-meta]")) input.value = plan[input.name] || "";
    if (!(await openFragment())) await update();
    // A link pasted into the address bar of this tab changes only the fragment.
    window.addEventListener("hashchange", () => openFragment());
  }

  client.ready.then(start).catch(() => {});
}

// ---- .docx (npm docx, loaded only when asked for) ------------------------------------------------
async function docxBlob(blocks) {
  const docx = await import(new URL("../vendor/docx.mjs", import.meta.url).href);
  const { Document, Packer, Paragraph, TextRun, HeadingLevel } = docx;
  const runs = (text, options = {}) => String(text).split("\n")
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, ...options }));
  const children = blocks.map((block) => {
    switch (block.kind) {
      case "title": return new Paragraph({ heading: HeadingLevel.TITLE, children: runs(block.text) });
      case "heading": return new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs(block.text) });
      case "subheading": return new Paragraph({ heading: HeadingLevel.HEADING_2, children: runs(block.text) });
      case "field": {
        const list = block.text.includes("\n");
        const label = new TextRun({ text: list ? `${block.label}:` : `${block.label}: `, bold: true });
        const body = runs(block.text);
        if (list) body[0] = new TextRun({ text: block.text.split("\n")[0], break: 1 });
        return new Paragraph({ children: [label, ...body] });
      }
      case "bullet": return new Paragraph({ bullet: { level: 0 }, children: runs(block.text) });
      case "check": return new Paragraph({ bullet: { level: 0 }, children: runs(`${block.checked ? "☑" : "☐"} ${block.text}`) });
      default: return new Paragraph({ children: runs(block.text) });
    }
  });
  const doc = new Document({
    creator: "Kønsbalance i ledelse",
    title: blocks.length && blocks[0].kind === "title" ? blocks[0].text : "Handlingsplan",
    styles: { default: { document: { run: { font: "Calibri", size: 22 } } } },
    sections: [{ children }],
  });
  const blob = await Packer.toBlob(doc);
  return new Blob([blob], { type: DOCX_MIME });
}

// The reader's own date (2026-12-01): the årshjul starts from it (Python in the worker may run in UTC).
function localDate(now = new Date()) {
  const two = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}
