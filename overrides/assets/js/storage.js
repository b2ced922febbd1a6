// @ts-check
// Versioned localStorage for a user's work, shared by the widget runtime and the header's plan
// counter (plan-store.js). Nothing it cannot read is ever overwritten: it is set aside first.

/** Versioned storage of a user's work, kept as {version, ...value}. What cannot be read (bad JSON,
 * other version, wrong shape) is set aside under `<key>-ulaeselig` before anything overwrites it.
 * @param {string} key @param {number} version @param {(value: any) => boolean} isShape */
export function store(key, version, isShape) {
  return {
    read() {
      let raw = null;
      attempt(() => { raw = localStorage.getItem(key); });
      if (raw === null) return null;
      try {
        const { version: found, ...value } = JSON.parse(raw) || {};
        if (found === version && isShape(value)) return value;
      } catch { /* set aside below */ }
      attempt(() => localStorage.setItem(`${key}-ulaeselig`, String(raw)));
      return null;
    },
    /** @param {object} value @returns {boolean} false when the browser refused (full, disabled) */
    write: (value) => attempt(() => localStorage.setItem(key, JSON.stringify({ version, ...value }))),
  };
}

/** Run `fn`; false when the browser refused (storage full or disabled). @param {() => void} fn */
export function attempt(fn) {
  try {
    fn();
    return true;
  } catch {
    return false;
  }
}
