// Page side of the Pyodide worker: posts plain messages, returns promises of plain values.
export class PyodideClient {
  constructor(workerUrl) {
    this.pending = new Map();
    this.nextId = 1;
    this.listeners = new Set();
    this.state = { stage: "starting" };
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.ready.catch(() => {});  // failures are reported through onStatus
    // Backstop: a runtime that neither loads nor fails within two minutes is reported as failed.
    this.watchdog = setTimeout(() => {
      if (this.state.stage !== "ready") this.fail("Pyodide blev ikke klar inden for 120 sekunder");
    }, 120_000);
    try {
      this.worker = new Worker(workerUrl, { type: "module" });
    } catch (error) {
      this.fail(String(error));
      return;
    }
    this.worker.addEventListener("message", (event) => this.receive(event.data));
    this.worker.addEventListener("error", (event) => this.fail(event.message || "worker error"));
  }

  onStatus(listener) {
    this.listeners.add(listener);
    listener(this.state);
  }

  setState(state) {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }

  fail(message) {
    clearTimeout(this.watchdog);
    this.setState({ stage: "failed", message });
    this.rejectReady(new Error(message));
    for (const { reject } of this.pending.values()) reject(new Error(message));
    this.pending.clear();
  }

  receive(message) {
    if (message.type === "status") {
      this.setState({ stage: message.stage });
    } else if (message.type === "ready") {
      clearTimeout(this.watchdog);
      this.setState({ stage: "ready", ms: message.ms });
      this.resolveReady();
    } else if (message.type === "failed") {
      this.fail(message.message);
    } else if (message.type === "result") {
      const entry = this.pending.get(message.id);
      if (!entry) return;
      this.pending.delete(message.id);
      if (message.error) entry.reject(new Error(message.error));
      else entry.resolve(JSON.parse(message.json));
    }
  }

  // Load extra Python packages (from our own lock file) before any later call runs.
  preload(packages) {
    if (this.worker && packages.length) this.worker.postMessage({ type: "load", packages });
  }

  // Call a function registered in koensbalance.bridge with a plain, JSON-serialisable payload.
  call(name, payload) {
    if (this.state.stage === "failed") return Promise.reject(new Error(this.state.message));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, name, payload });
    });
  }
}
