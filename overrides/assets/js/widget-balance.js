// @ts-check
// "Er ledelsen kønsbalanceret?": the form's fields go to Python (koensbalance.bridge
// "balance.assess"); the view model it returns is written into the slots with textContent.
// The runtime (runtime.js) does the rest: config, status, latest-wins, errors, storage of nothing.

/** @type {import("./runtime.js").Widget} */
export const widget = {
  call: "balance.assess",
  input: (ctx) => ({ input: ctx.formValues() }),
  start(ctx) {
    if (ctx.form) ctx.form.addEventListener("input", () => ctx.computeSoon());
  },
  render(ctx, result) {
    ctx.q("[data-kb-group]").textContent = result.group;
    const headline = ctx.q("[data-kb-headline]");
    headline.textContent = result.headline;
    headline.dataset.kbBalanced = result.balanced_code;
    ctx.q("[data-kb-details]").replaceChildren(...result.details.map((/** @type {string} */ line) => {
      const item = document.createElement("li");
      item.textContent = line;
      return item;
    }));
  },
};
