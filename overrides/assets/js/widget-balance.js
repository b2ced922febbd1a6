// "Er ledelsen kønsbalanceret?": reads the form, asks Python (koensbalance.bridge "balance.assess"),
// writes the plain values it gets back into the page with textContent. No rules live here.
import { bindStatus, debounce, showFieldErrors } from "./widget-common.js";

export function init(root, client) {
  const form = root.querySelector("[data-kb-form]");
  const rule = JSON.parse(root.querySelector("[data-kb-rule]").textContent);
  const view = {
    result: root.querySelector("[data-kb-result]"),
    group: root.querySelector("[data-kb-group]"),
    headline: root.querySelector("[data-kb-headline]"),
    details: root.querySelector("[data-kb-details]"),
  };
  form.hidden = false;
  bindStatus(root, client);

  let latest = 0;
  let answered = false;
  async function compute() {
    const request = ++latest;
    const input = Object.fromEntries(new FormData(form).entries());
    let answer;
    try {
      answer = await client.call("balance.assess", { rule, input });
    } catch {
      return;  // the status line already says that the calculator could not load
    }
    if (request !== latest) return;  // a newer input is on its way
    showFieldErrors(form, answer.ok ? [] : answer.errors);
    if (answer.ok) render(view, answer.result);
    else view.result.dataset.kbStale = "true";
    if (!answered) {
      answered = true;
      root.dataset.kbAnswered = "true";
      performance.mark("kb-widget-first-answer");  // read by the benchmark (time to a working widget)
    }
  }

  form.addEventListener("input", debounce(compute, 150));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    compute();
  });
  client.ready.then(() => compute()).catch(() => {});
}

function render(view, result) {
  delete view.result.dataset.kbStale;
  view.group.textContent = result.group;
  view.headline.textContent = result.headline;
  view.headline.dataset.kbBalanced = result.balanced ? "ja" : "nej";
  const items = result.details.map((line) => {
    const li = document.createElement("li");
    li.textContent = line;
    return li;
  });
  view.details.replaceChildren(...items);
}
