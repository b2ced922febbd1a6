// Small helpers shared by widgets: status line, field errors, debounce. UI only, no rules.
const STATUS_TEXT = {
  starting: "Beregneren indlæses … Første gang kan det tage nogle sekunder.",
  runtime: "Beregneren indlæses … Første gang kan det tage nogle sekunder.",
  package: "Beregneren indlæses … næsten klar.",
  ready: "Beregneren er klar. Resultatet opdateres, mens du skriver.",
};

export function bindStatus(root, client) {
  const status = root.querySelector("[data-kb-status]");
  client.onStatus((state) => {
    if (state.stage === "failed") {
      root.dataset.kbState = "failed";
      status.textContent =
        "Beregneren kunne ikke indlæses. Prøv at genindlæse siden. Eksemplet og tabellen på siden gælder stadig.";
      for (const control of root.querySelectorAll("input, button")) control.disabled = true;
      return;
    }
    status.textContent = STATUS_TEXT[state.stage] || STATUS_TEXT.starting;
    if (state.stage === "ready") root.dataset.kbState = "ready";
  });
}

// errors: [{field, message}] from Python; the message goes next to the field, never as HTML.
export function showFieldErrors(form, errors) {
  const byField = new Map(errors.map((e) => [e.field, e.message]));
  for (const slot of form.querySelectorAll("[data-kb-error-for]")) {
    const field = slot.dataset.kbErrorFor;
    const input = form.elements.namedItem(field);
    const message = byField.get(field) || "";
    slot.textContent = message;
    if (input) {
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
  }
}

// Copy a read-only field's text. Where the browser refuses the clipboard, the text stays selected for
// Ctrl+C; either way `status` says what happened.
export async function copyField(field, status, copied, selected) {
  field.select();
  try {
    await navigator.clipboard.writeText(field.value);
    status.textContent = copied;
  } catch {
    status.textContent = selected;
  }
}

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
