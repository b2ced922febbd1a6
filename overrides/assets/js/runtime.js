// @ts-check
// The shared widget runtime: a widget module declares its bridge call, input and rendering; this owns
// what all widgets share: the one embedded config (<script data-kb-config>), status line, calls
// (latest wins, failure path), field errors, first-answer mark, calm live regions, keys kept from
// Material, versioned storage, link offers, confirmations and files. Its words are the config's
// `texts`, written by Python at build time (koensbalance.widget_view).
import { store } from "./storage.js";

/** @typedef {{field: string, message: string}} FieldError */
/** @typedef {{ok: true, result: any} | {ok: false, errors: FieldError[]}} Answer */
/** @typedef {import("./pyodide-client.js").PyodideClient} Client */
/** @typedef {Record<string, any>} Json */
/**
 * What a widget module exports as `widget`.
 * @typedef {object} Widget
 * @property {string} [call]  the bridge function that turns the input into the view model
 * @property {(ctx: Context) => Json} [input]  the user's input (default: the form's fields)
 * @property {(ctx: Context, result: any) => void} [render]  write the view model into the slots
 * @property {(ctx: Context, errors: FieldError[]) => void} [invalid]  after an answer with errors
 * @property {(ctx: Context) => (void | (() => unknown))} [start]  bind what is interactive; runs at
 *   once. What it returns runs when Python is ready (instead of the first `call`).
 * @property {string} [offline]  controls to disable when Python fails (default: inputs and buttons)
 */
/** @typedef {ReturnType<typeof mount>} Context */

export const TYPING_PAUSE_MS = 150;  // recompute once typing pauses this long
const ANNOUNCE_PAUSE_MS = 1000;  // a live region speaks after this much calm (as the filter page)
const URL_REVOKE_MS = 1000;      // a downloaded blob: URL is released after the click has used it

/** @template {any[]} A @param {(...args: A) => void} fn @param {number} ms */
export function debounce(fn, ms) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  return (/** @type {A} */ ...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** @param {Element} root @param {Client} client @param {Widget} widget */
export function mount(root, client, widget) {
  const host = /** @type {HTMLElement} */ (root);
  const script = root.querySelector("script[data-kb-config]");
  const config = JSON.parse(script ? script.textContent || "{}" : "{}");
  /** @type {Record<string, string>} */
  const texts = config.texts || {};
  const page = client.configure(config.page || {});
  const form = /** @type {HTMLFormElement | null} */ (root.querySelector("[data-kb-form]"));
  /** @param {string} selector */
  const q = (selector) => /** @type {any} */ (root.querySelector(selector));
  const callers = new Map();
  let answers = 0;

  // Keys typed or pressed inside a widget are the widget's: Material's shortcuts (n, p, s, / …)
  // listen on window and never see them (issue 21, item 1).
  root.addEventListener("keydown", (/** @type {any} */ key) => {
    if (!key.ctrlKey && !key.metaKey && !key.altKey) key.stopPropagation();
  });

  // ---- calm live regions (issue 21, item 8): a visible result marked data-kb-live is spoken
  // through a hidden copy, after a pause and only when its text changed.
  const regions = [...root.querySelectorAll("[data-kb-live]")].map((shown) => {
    const spoken = Object.assign(document.createElement("p"), { className: "kb-sr" });
    spoken.setAttribute("aria-live", "polite");
    spoken.setAttribute("aria-atomic", "true");
    shown.after(spoken);
    return { shown, spoken, last: fold(shown.textContent) };
  });
  const speakSoon = debounce(() => {
    for (const region of regions) {
      const words = fold(region.shown.textContent);
      if (words !== region.last) region.spoken.textContent = region.last = words;
    }
  }, ANNOUNCE_PAUSE_MS);

  // ---- status line and the failure path of every call
  const status = q("[data-kb-status]");
  client.onStatus((state) => {
    const stage = state.stage === "runtime" ? "starting" : state.stage;
    if (status) status.textContent = texts[`status_${stage}`] ?? texts.status_starting ?? "";
    if (stage === "ready" || stage === "failed") host.dataset.kbState = stage;
    if (stage !== "failed") return;
    for (const control of root.querySelectorAll(widget.offline || "input, button")) {
      /** @type {HTMLInputElement} */ (control).disabled = true;
    }
  }, root);  // dropped once the root has left the page (instant navigation)

  /** A bridge call that always settles with an Answer: a Python that failed to load, or a call
   * that failed in a loaded Python, is an error with its own message.
   * @param {string} name @param {Json} payload @returns {Promise<Answer>} */
  async function call(name, payload) {
    try {
      return await client.call(page, name, payload);
    } catch {
      const message = client.state.stage === "failed" ? texts.call_failed : texts.call_error;
      return { ok: false, errors: [{ field: "", message: message || texts.call_failed || "" }] };
    }
  }

  /** Latest wins: an answer that a newer call of the same name overtook resolves to null.
   * @param {string} name @param {Json} payload @returns {Promise<Answer | null>} */
  async function latest(name, payload) {
    const ticket = (callers.get(name) || 0) + 1;
    callers.set(name, ticket);
    const answer = await call(name, payload);
    return callers.get(name) === ticket ? answer : null;
  }

  /** Field errors next to their fields ([data-kb-error-for]); the rest, joined, into `rest`.
   * @param {FieldError[]} errors @param {Element | null} [rest] */
  function showErrors(errors, rest = null) {
    const byField = new Map();
    for (const error of errors) byField.set(error.field, [...(byField.get(error.field) || []), error.message]);
    const placed = new Set();
    for (const slot of root.querySelectorAll("[data-kb-error-for]")) {
      const field = /** @type {HTMLElement} */ (slot).dataset.kbErrorFor || "";
      if (slot === rest) continue;
      const message = (byField.get(field) || []).join(" ");
      if (message) placed.add(field);
      slot.textContent = message;
    }
    for (const control of form ? form.elements : []) {
      const name = control.getAttribute("name");
      if (name) markInvalid(control, byField.has(name));
    }
    const others = errors.filter((e) => !placed.has(e.field)).map((e) => e.message).join(" ");
    if (rest) rest.textContent = others;
    return others;
  }

  /** A one-off call (a file, an export): its errors go next to their fields or into `slot`.
   * @param {string} name @param {Json} payload @param {Element | null} slot @returns {Promise<any>} */
  async function act(name, payload, slot) {
    if (slot) slot.textContent = "";
    const answer = await call(name, payload);
    if (answer.ok) return answer.result;
    showErrors(answer.errors, slot);
    return null;
  }

  /** The first-answer mark (data-kb-answered, read by tests and the benchmark); data-kb-computed
   * counts the answers that were rendered. */
  function answered(ok = true) {
    if (ok) host.dataset.kbComputed = String(++answers);
    speakSoon();
    if (host.dataset.kbAnswered) return;
    host.dataset.kbAnswered = "true";
    performance.mark("kb-widget-first-answer");
  }

  /** The widget's own loop: input → bridge call (latest wins) → errors and render. */
  async function compute() {
    if (!widget.call) return;
    const asked = performance.now();
    const answer = await latest(widget.call, widget.input ? widget.input(ctx) : formValues());
    if (!answer) return;
    const result = q("[data-kb-result]");
    const measure = `kb-${host.dataset.kbWidget}`;  // read by the benchmark
    performance.measure(`${measure}-python`, { start: asked });
    if (answer.ok) {
      const rendering = performance.now();
      showErrors([]);
      if (result) delete result.dataset.kbStale;
      if (widget.render) widget.render(ctx, answer.result);
      performance.measure(`${measure}-render`, { start: rendering });
    } else {
      if (result) result.dataset.kbStale = "true";
      showErrors(answer.errors);
      if (widget.invalid) widget.invalid(ctx, answer.errors);
    }
    answered(answer.ok);
  }

  /** @returns {Record<string, string>} */
  const formValues = () => Object.fromEntries([...(form ? new FormData(form) : [])].map(([k, v]) => [k, String(v)]));

  /** A button that becomes disabled while it has focus hands focus to `fallback` (item 13).
   * @param {HTMLButtonElement} button @param {boolean} disabled @param {HTMLElement} fallback */
  function setDisabled(button, disabled, fallback) {
    const focused = document.activeElement === button;
    button.disabled = disabled;
    if (disabled && focused) fallback.focus();
  }

  /** Ask before stored work is replaced (a template, a blank, a file). @param {string} textKey */
  function confirmReplace(textKey, hasWork = true) {
    return !hasWork || window.confirm(texts[textKey] || "");
  }

  /** A valid link with other work than the stored: "Erstat … / Behold …" in [data-kb-message].
   * Resolves true when the user chose the link's work. @returns {Promise<boolean>} */
  function offer() {
    const [box, choice] = [q("[data-kb-message]"), q("[data-kb-link-choice]")];
    q("[data-kb-message-text]").textContent = texts.link_other || "";
    box.hidden = choice.hidden = false;
    return new Promise((resolve) => {
      const listening = new AbortController();
      const { signal } = listening;
      const answer = (/** @type {boolean} */ replace) => () => {
        box.hidden = choice.hidden = true;
        listening.abort();
        if (!replace) say(texts.link_kept || "");
        resolve(replace);
      };
      q("[data-kb-link-replace]").addEventListener("click", answer(true), { signal });
      q("[data-kb-link-keep]").addEventListener("click", answer(false), { signal });
    });
  }

  /** A refused link or file: the message, and that stored work is untouched. */
  function refuse(/** @type {FieldError[]} */ errors, hasWork = false) {
    const words = errors.map((e) => e.message).join(" ") + (hasWork ? ` ${texts.work_unchanged || ""}` : "");
    q("[data-kb-message-text]").textContent = words;
    q("[data-kb-link-choice]").hidden = true;
    q("[data-kb-message]").hidden = false;
  }

  /** Share links in the fragment (`#<prefix>…`): read at start and whenever a link is pasted into
   * this tab (hashchange, item 4); the fragment is cleared so later edits are not overwritten.
   * @param {string} prefix @param {(fragment: string) => (void | Promise<void>)} open */
  function onLink(prefix, open) {
    const check = () => {
      if (!root.isConnected) return window.removeEventListener("hashchange", check);  // navigated away
      const fragment = location.hash;
      if (!fragment.startsWith(prefix)) return false;
      history.replaceState(null, "", location.pathname + location.search);
      return open(fragment);
    };
    window.addEventListener("hashchange", check);
    return check();
  }

  /** A text from the config with its {placeholders} filled in.
   * @param {string} key @param {Record<string, string | number>} [values] */
  function text(key, values = {}) {
    return (texts[key] || "").replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
  }

  const say = (/** @type {string} */ words) => { if (q("[data-kb-announce]")) q("[data-kb-announce]").textContent = words; };

  /** Copy a read-only field; where the browser refuses the clipboard the text stays selected.
   * @param {HTMLInputElement | HTMLTextAreaElement} field @param {string} copiedKey */
  async function copy(field, copiedKey, region = q("[data-kb-announce]")) {
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
      region.textContent = texts[copiedKey] || "";
    } catch {
      region.textContent = texts.copy_selected || "";
    }
  }

  const ctx = {
    root, config, texts, form, q, call, latest, act, showErrors, answered, compute, formValues,
    computeSoon: debounce(compute, TYPING_PAUSE_MS), setDisabled, store, confirmReplace, offer,
    refuse, onLink, say, text, download, copy, speakSoon,
  };
  // What only works with the script (the form, tools, outputs) is shown now that it runs.
  for (const part of root.querySelectorAll("[data-kb-reveal]")) /** @type {HTMLElement} */ (part).hidden = false;
  if (form) {
    form.hidden = false;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      compute();
    });
    if (widget.call && !widget.input) form.addEventListener("input", () => ctx.computeSoon());
  }
  const whenReady = widget.start ? widget.start(ctx) : null;
  client.ready.then(() => (whenReady ? whenReady() : compute())).catch(() => {});
  return ctx;
}

/** Save text (or a ready Blob, e.g. a .docx) as a file the user downloads.
 * @param {string | Blob} content @param {string} filename @param {string} mime */
export function download(content, filename, mime) {
  const blob = content instanceof Blob ? content : new Blob([content], { type: `${mime};charset=utf-8` });
  const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(blob), download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), URL_REVOKE_MS);
}

/** aria-invalid="true" on a field with an error, none without. @param {Element} field @param {boolean} on */
export function markInvalid(field, on) {
  if (on) field.setAttribute("aria-invalid", "true");
  else field.removeAttribute("aria-invalid");
}

/** @param {string | null} text */
function fold(text) {
  return (text || "").replace(/\s+/g, " ").trim();
}
