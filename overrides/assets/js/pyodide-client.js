// @ts-check
// Page side of the Pyodide worker: posts typed messages, returns promises of plain values. One client
// (one worker, one Python) serves every widget page of a visit: with Material's instant navigation
// the page's scripts, and so this client, live on from page to page (pyodideClient below).
// A widget page also loads this module from its head (overrides/main.html, data-kb-pyodide naming
// the page's packages, found at build time by macros/widget_pages.py): the worker, and so the
// runtime's download and compilation, starts before the theme's scripts have even loaded.

/**
 * Messages to the worker.
 * @typedef {{type: "start", packages: string[]}
 *   | {type: "load", packages: string[]}
 *   | {type: "configure", page: string, data: object}
 *   | {type: "call", id: number, page: string, name: string, payload: object}} ToWorker
 * Messages from the worker.
 * @typedef {{type: "status", stage: string}
 *   | {type: "ready", ms: number, files: string[]}
 *   | {type: "failed", message: string}
 *   | {type: "result", id: number, json: string}
 *   | {type: "error", id: number, message: string}} FromWorker
 * @typedef {{stage: string, message?: string, ms?: number}} State
 */

const WATCHDOG_MS = 120_000;  // a runtime that neither loads nor fails in two minutes counts as failed

export class PyodideClient {
  /** @param {URL} workerUrl  @param {string[]} packages  the first page's extra Python packages */
  constructor(workerUrl, packages = []) {
    /** @type {Map<number, {resolve: (value: any) => void, reject: (error: Error) => void}>} */
    this.pending = new Map();
    this.nextId = 1;
    this.nextPage = 1;
    /** @type {Map<(state: State) => void, Element | null>} each listener and the widget root it
     * writes into: a root that left the page (instant navigation) takes its listener with it */
    this.listeners = new Map();
    /** @type {Map<string, string>} page data (as JSON) -> its page key: configured once per visit */
    this.pages = new Map();
    /** @type {State} */
    this.state = { stage: "starting" };
    /** @type {() => void} */
    this.resolveReady = () => {};
    /** @type {(error: Error) => void} */
    this.rejectReady = () => {};
    /** @type {Promise<void>} */
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.ready.catch(() => {});  // failures are reported through onStatus
    this.watchdog = setTimeout(() => {
      if (this.state.stage !== "ready") this.fail("Pyodide was not ready in time");
    }, WATCHDOG_MS);
    /** @type {Set<string>} */
    this.packages = new Set(packages);
    /** @type {string[]} the files the worker fetched to start (kept offline by offline.js) */
    this.files = [];
    /** @type {Worker | null} */
    this.worker = null;
    try {
      this.worker = new Worker(workerUrl, { type: "module" });
    } catch (error) {
      this.fail(String(error));
      return;
    }
    this.worker.addEventListener("message", (event) => this.receive(event.data));
    this.worker.addEventListener("error", (event) => this.fail(event.message || "worker error"));
    this.post({ type: "start", packages: [...this.packages] });  // before start-up: loaded with it
  }

  /** @param {(state: State) => void} listener  @param {Element | null} [root]  the element it
   * updates; once that is no longer in the document the listener is dropped */
  onStatus(listener, root = null) {
    for (const [known, where] of this.listeners) if (where && !where.isConnected) this.listeners.delete(known);
    this.listeners.set(listener, root);
    listener(this.state);
  }

  /** @param {State} state */
  setState(state) {
    this.state = state;
    for (const listener of this.listeners.keys()) listener(state);
  }

  /** @param {string} message */
  fail(message) {
    clearTimeout(this.watchdog);
    this.setState({ stage: "failed", message });
    this.rejectReady(new Error(message));
    for (const { reject } of this.pending.values()) reject(new Error(message));
    this.pending.clear();
  }

  /** @param {FromWorker} message */
  receive(message) {
    if (message.type === "status") {
      this.setState({ stage: message.stage });
    } else if (message.type === "ready") {
      clearTimeout(this.watchdog);
      this.files = message.files;
      this.setState({ stage: "ready", ms: message.ms });
      this.resolveReady();
    } else if (message.type === "failed") {
      this.fail(message.message);
    } else if (message.type === "result" || message.type === "error") {
      const entry = this.pending.get(message.id);
      if (!entry) return;
      this.pending.delete(message.id);
      if (message.type === "error") entry.reject(new Error(message.message));
      else entry.resolve(JSON.parse(message.json));
    }
  }

  /** @param {ToWorker} message */
  post(message) {
    if (this.worker) this.worker.postMessage(message);
  }

  /** Load extra Python packages (from our own lock file) that a later page needs, before any of
   * its calls runs. @param {string[]} packages */
  preload(packages) {
    const more = packages.filter((name) => !this.packages.has(name));
    for (const name of more) this.packages.add(name);
    if (more.length) this.post({ type: "load", packages: more });
  }

  /** Give the worker a widget's static page data once; later calls name the returned page key.
   * The same data (the same widget page visited again) keeps its key and is not posted again.
   * @param {object} data
   * @returns {string} */
  configure(data) {
    const json = JSON.stringify(data);
    let page = this.pages.get(json);
    if (page) return page;
    page = `page-${this.nextPage++}`;
    this.pages.set(json, page);
    this.post({ type: "configure", page, data });
    return page;
  }

  /** Call a function registered in koensbalance.bridge with the user's input only.
   * @param {string} page  @param {string} name  @param {object} payload
   * @returns {Promise<any>} */
  call(page, name, payload) {
    if (this.state.stage === "failed" || !this.worker) return Promise.reject(new Error(this.state.message));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post({ type: "call", id, page, name, payload });
    });
  }
}

/** @type {PyodideClient | null} */
let shared = null;

/** The visit's one client: started with the first widget page's packages; a later page only asks
 * for the packages it lacks. @param {string[]} packages */
export function pyodideClient(packages) {
  if (!shared) shared = new PyodideClient(new URL("./pyodide-worker.js", import.meta.url), packages);
  else shared.preload(packages);
  return shared;
}

/** The client if one was started, else null (read by tests; widgets use pyodideClient). */
export const runningClient = () => shared;

// Loaded from a widget page's head: start now, with the packages the build found in the page.
const early = typeof document === "undefined" ? null : document.querySelector("script[data-kb-pyodide]");
if (early) pyodideClient((early.getAttribute("data-kb-pyodide") || "").split(/\s+/).filter(Boolean));
