// Workshop planner: keeps the agenda the user edits (plain values), asks Python (koensbalance.bridge
// "workshop.*") for times, checks, share link, texts and files, and writes the answers into the page
// with textContent/value. No rules live here: validation, timing, checks, run-mode rescheduling, the
// share-link codec and every export are Python.
import { bindStatus, copyField, debounce, showFieldErrors } from "./widget-common.js";
import { createBlockEditor, renderRows, renderChecks, renderRunRows, download } from "./workshop-dom.js";

const STORAGE_KEY = "kb-workshop";
const STORAGE_VERSION = 1;

export function init(root, client) {
  const config = JSON.parse(root.querySelector("[data-kb-config]").textContent);
  const form = root.querySelector("[data-kb-form]");
  const q = (selector) => root.querySelector(selector);
  const view = {
    blocks: q("[data-kb-blocks]"),
    blockTemplate: q("[data-kb-block-template]"),
    message: q("[data-kb-message]"),
    announce: q("[data-kb-announce]"),
    rows: q("[data-kb-rows]"),
    summary: q("[data-kb-summary]"),
    printTitle: q("[data-kb-print-title]"),
    printLink: q("[data-kb-print-link]"),
    checks: q("[data-kb-checks]"),
    link: q("[data-kb-link]"),
    markdown: q("[data-kb-markdown]"),
    invitation: q("[data-kb-invitation]"),
    qr: q("[data-kb-qr]"),
    qrFigure: q("[data-kb-qr-figure]"),
    outputError: q("[data-kb-output-error]"),
    importError: q("[data-kb-import-error]"),
  };
  const baseUrl = () => location.origin + location.pathname;

  let state = { agenda: null, run: null };
  let latest = 0;
  let ready = false;
  let timer = null;

  for (const hidden of root.querySelectorAll("[data-kb-tools], [data-kb-form], [data-kb-outputs], [data-kb-run-section]")) {
    hidden.hidden = false;
  }
  bindStatus(root, client);

  // ---- storage --------------------------------------------------------------------------------
  function save() {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ version: STORAGE_VERSION, agenda: state.agenda, run: state.run }));
    } catch {
      // storage full or disabled: the planner still works, the link and files still save the work
    }
  }

  function stored() {
    try {
      const data = JSON.parse(localStorage.getItem(STORAGE_KEY) || "null");
      if (data && data.version === STORAGE_VERSION && isAgendaShape(data.agenda)) return data;
    } catch {
      // unreadable: ignore it
    }
    return null;
  }

  // Only the shape the editor needs is checked here; Python validates every value.
  function isAgendaShape(agenda) {
    return agenda && typeof agenda === "object" && Array.isArray(agenda.blokke)
      && agenda.blokke.every((b) => b && typeof b === "object");
  }

  function templateAgenda(id) {
    const found = config.templates.find((t) => t.id === id);
    return structuredClone(found ? found.agenda : config.blank);
  }

  // ---- loading an agenda into the editor -----------------------------------------------------
  function load(agenda, { keepRun = false } = {}) {
    state.agenda = agenda;
    if (!keepRun) state.run = null;
    for (const input of form.querySelectorAll("[data-kb-meta]")) {
      const value = agenda[input.name];
      input.value = value === null || value === undefined ? "" : String(value);
    }
    renderBlocks();
    renderRun();
  }

  function renderBlocks(focus) {
    const items = state.agenda.blokke.map((block, index) =>
      createBlockEditor(view.blockTemplate, block, index, state.agenda.blokke.length));
    view.blocks.replaceChildren(...items);
    if (focus) {
      const target = view.blocks.children[focus.index];
      const wanted = target && target.querySelector(focus.selector);
      const fallback = target && target.querySelector(focus.fallback || "input");
      const element = wanted && !wanted.disabled ? wanted : fallback || q("[data-kb-add]");
      element.focus();
    }
  }

  // ---- computing -------------------------------------------------------------------------------
  // The QR code takes longer to make than the rest: while typing it follows a little later.
  async function update({ store = true, qr = true } = {}) {
    if (store) save();
    if (!qr) qrSoon();
    const request = ++latest;
    let answer;
    try {
      answer = await client.call("workshop.plan", { agenda: state.agenda, base_url: baseUrl(), note: config.note, qr });
    } catch {
      return;
    }
    if (request !== latest) return;
    showFieldErrors(form, answer.ok ? [] : answer.errors);
    root.dataset.kbValid = answer.ok ? "true" : "false";
    if (!answer.ok) return;
    const plan = answer.result;
    renderRows(view.rows, plan.rows);
    for (const row of plan.rows) {
      const item = view.blocks.children[row.index];
      if (item) item.querySelector("[data-kb-block-time]").textContent = `${row.start}–${row.slut}`;
    }
    view.summary.textContent = plan.oversigt;
    view.printTitle.textContent = plan.agenda.titel || "Dagsorden";
    renderChecks(view.checks, plan.checks);
    view.link.value = plan.link;
    view.printLink.textContent = plan.link;
    view.markdown.value = plan.markdown;
    view.invitation.value = plan.invitation;
    if (qr) {
      view.qrFigure.hidden = !plan.qr;
      if (plan.qr) view.qr.src = plan.qr;  // an SVG data: URI made by Python (segno), shown as an image
      else view.qr.removeAttribute("src");
    }
    if (!ready) {
      ready = true;
      root.dataset.kbAnswered = "true";
      performance.mark("kb-widget-first-answer");
    }
  }
  const updateSoon = debounce(() => update({ qr: false }), 150);
  const qrSoon = debounce(() => update({ store: false }), 800);

  // ---- editing -------------------------------------------------------------------------------
  form.addEventListener("input", (event) => {
    const input = event.target;
    if (input.matches("[data-kb-meta]")) {
      state.agenda[input.name] = input.value;
    } else if (input.dataset.kbField) {
      const index = Number(input.closest("[data-kb-block]").dataset.kbIndex);
      state.agenda.blokke[index][input.dataset.kbField] = input.value;
    } else {
      return;
    }
    updateSoon();
  });
  form.addEventListener("submit", (event) => event.preventDefault());

  form.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    const item = button.closest("[data-kb-block]");
    const blocks = state.agenda.blokke;
    if (button.dataset.kbAdd) {
      const kind = button.dataset.kbAdd;
      blocks.push({ titel: kind === "pause" ? "Pause" : "Nyt punkt", minutter: kind === "pause" ? "15" : "30", type: kind, note: "" });
      renderBlocks({ index: blocks.length - 1, selector: "[data-kb-field=titel]" });
      view.announce.textContent = `Punkt ${blocks.length} er tilføjet.`;
    } else if (item && button.dataset.kbMove) {
      const from = Number(item.dataset.kbIndex);
      const to = from + Number(button.dataset.kbMove);
      if (to < 0 || to >= blocks.length) return;
      const [moved] = blocks.splice(from, 1);
      blocks.splice(to, 0, moved);
      const other = button.dataset.kbMove === "1" ? "[data-kb-move='-1']" : "[data-kb-move='1']";
      renderBlocks({ index: to, selector: `[data-kb-move='${button.dataset.kbMove}']`, fallback: other });
      view.announce.textContent = `»${moved.titel}« er flyttet til nummer ${to + 1}.`;
    } else if (item && "kbRemove" in button.dataset) {
      const index = Number(item.dataset.kbIndex);
      const [removed] = blocks.splice(index, 1);
      renderBlocks({ index: Math.min(index, blocks.length - 1), selector: "[data-kb-remove]" });
      view.announce.textContent = `»${removed.titel}« er slettet.`;
    } else {
      return;
    }
    update();
  });

  q("[data-kb-load-template]").addEventListener("click", () => {
    load(templateAgenda(q("[data-kb-template-select]").value));
    view.announce.textContent = "Skabelonen er indlæst.";
    update();
  });
  q("[data-kb-clear]").addEventListener("click", () => {
    load(structuredClone(config.blank));
    update();
  });

  // ---- outputs -------------------------------------------------------------------------------
  q("[data-kb-copy-link]").addEventListener("click", () => copyField(view.link, view.announce,
    "Linket er kopieret.", "Linket er markeret – kopiér det med Ctrl+C."));
  for (const button of root.querySelectorAll("[data-kb-download]")) {
    button.addEventListener("click", async () => {
      view.outputError.textContent = "";
      const answer = await client.call("workshop.export", { agenda: state.agenda, format: button.dataset.kbDownload, base_url: baseUrl() });
      if (!answer.ok) {
        view.outputError.textContent = answer.errors.map((e) => e.message).join(" ");
        return;
      }
      download(answer.result.text, answer.result.filename, answer.result.mime);
    });
  }
  q("[data-kb-import]").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    view.importError.textContent = "";
    event.target.removeAttribute("aria-invalid");
    if (!file) return;
    const text = file.size > 1_000_000 ? "" : await file.text();
    const answer = await client.call("workshop.import", { text });
    if (!answer.ok) {
      view.importError.textContent = answer.errors.map((e) => e.message).join(" ");
      event.target.setAttribute("aria-invalid", "true");
      return;
    }
    load(answer.result.agenda);
    view.announce.textContent = "Filen er åbnet.";
    update();
  });
  q("[data-kb-print-button]").addEventListener("click", async () => {
    await update({ store: false });
    window.print();
  });

  // ---- run mode ------------------------------------------------------------------------------
  const run = {
    section: q("[data-kb-run-section]"),
    panel: q("[data-kb-run-panel]"),
    start: q("[data-kb-run-start]"),
    current: q("[data-kb-run-current]"),
    blockLeft: q("[data-kb-run-block-left]"),
    totalLeft: q("[data-kb-run-total-left]"),
    end: q("[data-kb-run-end]"),
    next: q("[data-kb-run-next]"),
    nextStart: q("[data-kb-run-next-start]"),
    nextLine: q("[data-kb-run-next-line]"),
    message: q("[data-kb-run-message]"),
    announce: q("[data-kb-run-announce]"),
    rows: q("[data-kb-run-rows]"),
    prev: q("[data-kb-run-prev]"),
    nextButton: q("[data-kb-run-next-button]"),
  };
  const nowSeconds = () => {
    const d = new Date();
    return d.getHours() * 3600 + d.getMinutes() * 60 + d.getSeconds();
  };

  async function renderRun() {
    const running = Boolean(state.run);
    run.panel.hidden = !running;
    run.start.hidden = running;
    root.dataset.kbRunning = running ? "true" : "false";
    clearInterval(timer);
    if (!running) return;
    timer = setInterval(tick, 1000);
    await tick();
  }

  let lastCurrent = null;
  async function tick() {
    if (!state.run) return;
    const answer = await client.call("workshop.run", { agenda: state.agenda, progress: { starts: state.run.starts, now: nowSeconds() } });
    if (!state.run) return;
    if (!answer.ok) {
      run.message.textContent = answer.errors.map((e) => e.message).join(" ");
      return;
    }
    const s = answer.result;
    run.current.textContent = s.finished ? "Workshoppen er slut." : s.current_title;
    run.blockLeft.textContent = s.block_left_text;
    run.blockLeft.dataset.kbOver = s.block_left < 0 ? "true" : "false";
    run.totalLeft.textContent = s.total_left_text;
    run.end.textContent = s.projected_end;
    run.nextLine.hidden = !s.next_title;
    run.next.textContent = s.next_title;
    run.nextStart.textContent = s.next_start;
    run.message.textContent = s.message;
    run.nextButton.disabled = s.finished;
    run.prev.disabled = state.run.starts.length <= 1;
    renderRunRows(run.rows, s.rows);
    const key = s.finished ? "slut" : String(s.current);
    if (key !== lastCurrent) {
      lastCurrent = key;
      run.announce.textContent = s.finished ? "Workshoppen er slut." : `Nu: ${s.current_title}.`;
    }
    root.dataset.kbRunStep = key;
  }

  run.start.addEventListener("click", () => {
    state.run = { starts: [nowSeconds()] };
    save();
    renderRun().then(() => run.panel.focus());
  });
  function step(delta) {
    if (!state.run) return;
    if (delta > 0 && run.nextButton.disabled) return;
    if (delta > 0) state.run.starts.push(Math.max(nowSeconds(), state.run.starts[state.run.starts.length - 1]));
    else if (state.run.starts.length > 1) state.run.starts.pop();
    save();
    tick();
  }
  run.nextButton.addEventListener("click", () => step(1));
  run.prev.addEventListener("click", () => step(-1));
  q("[data-kb-run-stop]").addEventListener("click", () => {
    state.run = null;
    lastCurrent = null;
    save();
    renderRun().then(() => run.start.focus());
  });
  run.panel.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key.toLowerCase();
    if (key === "n") step(1);
    else if (key === "p") step(-1);
    else return;
    event.preventDefault();
  });

  // ---- start: share link, then stored work, then the page's template --------------------------
  async function start() {
    const fragment = location.hash;
    if (fragment.startsWith("#plan=")) {
      const answer = await client.call("workshop.open_link", { fragment });
      history.replaceState(null, "", location.pathname + location.search);
      if (answer.ok) {
        load(answer.result.agenda);
        view.announce.textContent = "Dagsordenen fra linket er åbnet.";
        await update();
      } else {
        view.message.textContent = answer.errors.map((e) => e.message).join(" ");
        view.message.hidden = false;
        load(structuredClone(config.blank));
        await update({ store: false });
      }
      return;
    }
    const saved = stored();
    if (saved && (!config.template || saved.agenda.skabelon === config.template)) {
      state.run = saved.run && Array.isArray(saved.run.starts) ? { starts: saved.run.starts } : null;
      load(saved.agenda, { keepRun: true });
      await update({ store: false });
      return;
    }
    load(templateAgenda(config.template));
    await update({ store: false });
  }

  client.ready.then(start).catch(() => {});
}
