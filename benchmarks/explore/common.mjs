// Shared helpers for the issue #19 explorations: run under Node against a staged Pyodide folder
// (build/pyodide/<fingerprint>/, made by `make build`), which holds the runtime, our wheels and the
// extended pyodide-lock.json. Nothing here is used by the site.
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(fileURLToPath(import.meta.url), "../../..");

// The newest staged folder (or the one given with --stage DIR), with a trailing slash.
export function stagedFolder(argv = process.argv) {
  const i = argv.indexOf("--stage");
  if (i >= 0) return resolve(argv[i + 1]) + "/";
  const base = join(ROOT, "build", "pyodide");
  const dirs = readdirSync(base).filter((d) => !d.startsWith("."))
    .map((d) => join(base, d)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!dirs.length) throw new Error("no staged Pyodide: run `make build` first");
  return dirs[0] + "/";
}

export async function loadPyodideFrom(stage, options = {}) {
  const { loadPyodide } = await import(join(stage, "pyodide.mjs"));
  return loadPyodide({ indexURL: stage, stdout: () => {}, stderr: () => {}, ...options });
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function option(name, fallback, argv = process.argv) {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
}
