// @ts-check
// Run mode of the workshop planner: the facilitator's progress (start times) is kept with the agenda;
// Python (koensbalance.bridge "workshop.run") takes each step, reschedules the rest and words every
// line. Interactive here: the clock that ticks, the N and P keys, and focus that stays in the panel.

const CLOCK_MS = 1000;  // the countdowns move once a second

/** @param {import("./runtime.js").Context} ctx @param {{agenda: any, run: any}} state
 * @param {() => void} save */
export function bindRun(ctx, state, save) {
  const q = ctx.q;
  const panel = q("[data-kb-run-panel]");
  const startButton = q("[data-kb-run-start]");
  const next = q("[data-kb-run-next-button]");
  const prev = q("[data-kb-run-prev]");
  /** @type {ReturnType<typeof setInterval> | undefined} */
  let timer;
  let lastKey = "";
  let queue = Promise.resolve();
  // The browser's local clock; Python turns it into seconds after midnight.
  const now = () => new Date().toLocaleTimeString("en-GB", { hour12: false });

  /** One step ("start", "next", "prev") or just the clock; steps run one after another.
   * @param {string} [step] */
  const tick = (step) => (queue = queue.then(() => show(step)));

  /** @param {string} [step] */
  async function show(step) {
    if (!state.run) return;
    const answer = await ctx.call("workshop.run", { agenda: state.agenda, progress: { starts: state.run.starts, now: now() }, step });
    if (!state.run) return;
    if (!answer.ok) {
      ctx.showErrors(answer.errors, q("[data-kb-run-message]"));
      return;
    }
    const s = answer.result;
    if (step) {
      state.run.starts = s.starts;
      save();
    }
    q("[data-kb-run-current]").textContent = s.current_text;
    q("[data-kb-run-block-left]").textContent = s.block_left_text;
    q("[data-kb-run-block-left]").dataset.kbOver = String(s.block_left < 0);
    q("[data-kb-run-total-left]").textContent = s.total_left_text;
    q("[data-kb-run-end]").textContent = s.projected_end;
    q("[data-kb-run-next-line]").hidden = !s.next_title;
    q("[data-kb-run-next]").textContent = s.next_title;
    q("[data-kb-run-next-start]").textContent = s.next_start;
    q("[data-kb-run-message]").textContent = s.message;
    ctx.setDisabled(next, s.finished, panel);
    ctx.setDisabled(prev, !s.can_prev, panel);
    q("[data-kb-run-rows]").replaceChildren(...s.rows.map((/** @type {any} */ row) => {
      const tr = document.createElement("tr");
      tr.dataset.kbState = row.status;
      for (const text of [`${row.start}–${row.slut}`, row.titel, row.status_text]) {
        const td = document.createElement("td");
        td.textContent = text;
        tr.append(td);
      }
      return tr;
    }));
    if (s.step_key !== lastKey) q("[data-kb-run-announce]").textContent = s.announce;
    lastKey = s.step_key;
    ctx.root.setAttribute("data-kb-run-step", s.step_key);
  }

  /** @param {string} [step] */
  async function render(step) {
    const running = Boolean(state.run);
    panel.hidden = !running;
    startButton.hidden = running;
    ctx.root.setAttribute("data-kb-running", String(running));
    clearInterval(timer);
    if (!running) return;
    timer = setInterval(() => tick(), CLOCK_MS);
    await tick(step);
  }

  startButton.addEventListener("click", () => {
    state.run = { starts: [] };
    render("start").then(() => panel.focus());
  });
  next.addEventListener("click", () => tick("next"));
  prev.addEventListener("click", () => tick("prev"));
  q("[data-kb-run-stop]").addEventListener("click", () => {
    state.run = null;
    lastKey = "";
    save();
    render().then(() => startButton.focus());
  });
  // The keys are the ones the buttons announce (aria-keyshortcuts in the template).
  const keys = new Map([[next, "next"], [prev, "prev"]].map(([button, step]) =>
    [String(/** @type {HTMLElement} */ (button).getAttribute("aria-keyshortcuts")).toLowerCase(), step]));
  panel.addEventListener("keydown", (/** @type {KeyboardEvent} */ event) => {
    const step = keys.get(event.key.toLowerCase());
    if (!step || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    if (step === "next" ? !next.disabled : !prev.disabled) tick(String(step));
  });
  return { render };
}
