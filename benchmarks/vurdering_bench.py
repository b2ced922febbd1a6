"""»Vurdér en ydelse« timings: recompute per change, in CPython and end to end in headless Chromium
with Pyodide (a number typed -> worker -> Python -> DOM), for the page's example and for populations
of millions (the exact tests' worst case), and the time until the widget has answered (cold / warm).

In Chromium a change is one input event on a number field: after the typing pause (runtime.js,
150 ms) the comparison is recomputed (vurdering.analyse) and then the whole assessment
(vurdering.view: both comparisons, criteria, document, Markdown, share link, hand-offs). Reported:
the median from the input event until the comparison shows the new figures and until the whole view
is rendered, and the view call's Python (worker round trip) and render parts (performance marks
"kb-vurdering-python" / "kb-vurdering-render" of widget-vurdering.js).

Run alone: `.venv/bin/python -m benchmarks.vurdering_bench` (builds and serves the site itself), or
`.venv/bin/python -m benchmarks.vurdering_bench site/` to serve a site built by `make build`."""

from __future__ import annotations

import json
import statistics
import sys
import time
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import Any

from tests.support import browser as browser_support
from tests.support.server import serve

from benchmarks.browser_timing import time_page
from benchmarks.common import built_site

PATH = "vurdering/"
RUNS = 9
# The fields each scenario sets before the timed changes (the example as it is; populations of millions).
SCENARIOS = {
    "example": {},
    "millions": {"modtagere.kvinder.population": "5.000.000", "modtagere.kvinder.antal": "1.250.000",
                 "modtagere.maend.population": "4.800.000", "modtagere.maend.antal": "672.000"},
}


def cpython_ms() -> dict[str, float]:
    from macros import site_data

    from koensbalance import bridge
    from koensbalance.vurdering.config import build_config
    from koensbalance.vurdering.model import EXAMPLE

    bridge.configure("bench", json.dumps({"config": build_config(site_data.catalogue()).to_dict()}))
    out = {}
    for name, fields in SCENARIOS.items():
        raw = EXAMPLE.to_dict()
        for key, value in fields.items():
            kind, gender, field = key.split(".")
            raw[kind][gender][field] = value
        payload = json.dumps({"vurdering": raw, "idag": date.today().isoformat(),
                              "base_url": "http://127.0.0.1/vurdering/", "workshop_url": "http://127.0.0.1/w/"})
        samples = []
        for _ in range(RUNS):
            started = time.perf_counter()
            bridge.call("vurdering.view", payload, "bench")
            samples.append(1000 * (time.perf_counter() - started))
        out[name] = statistics.median(samples)
    return out


CHANGE_JS = """async ([fields, runs]) => {
    const root = document.querySelector("[data-kb-widget='vurdering']");
    const set = (name, value) => {
        const input = root.querySelector(`[name='${name}']`);
        input.value = value;
        input.dispatchEvent(new Event("input", { bubbles: true }));
    };
    const computed = () => Number(root.dataset.kbComputed || 0);
    const lines = () => root.querySelector("[data-kb-analysis=modtagere] [data-kb-v=lines]").textContent;
    const tick = () => new Promise((r) => setTimeout(r, 0));
    const settle = async (before) => { while (computed() === before) await tick(); };
    let before = computed();
    for (const [name, value] of Object.entries(fields)) set(name, value);
    if (Object.keys(fields).length) await settle(before);
    await new Promise((r) => setTimeout(r, 300));
    performance.clearMeasures();
    const comparison = [], whole = [];
    for (let run = 0; run < runs; run++) {
        before = computed();
        const shown = lines();
        const field = "modtagere.maend.antal";
        const current = root.querySelector(`[name='${field}']`).value.replace(/\\D/g, "");
        const t0 = performance.now();
        set(field, String(Number(current) + (run % 2 ? -1 : 1)));
        while (lines() === shown) await new Promise((r) => setTimeout(r, 0));
        comparison.push(performance.now() - t0);
        await settle(before);
        whole.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 300));
    }
    const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const durations = (name) => performance.getEntriesByName(name).map((e) => e.duration);
    return [median(comparison), median(whole), median(durations("kb-vurdering-python")),
            median(durations("kb-vurdering-render"))];
}"""


def browser_ms(page: Any, url: str) -> dict[str, list[float]]:
    out = {}
    for name, fields in SCENARIOS.items():
        page.goto(url + PATH)
        page.wait_for_selector("[data-kb-widget='vurdering'][data-kb-answered]", timeout=120_000)
        page.evaluate(CHANGE_JS, [fields, 2])  # warm-up: the first calls compile code paths
        out[name] = [float(v) for v in page.evaluate(CHANGE_JS, [fields, RUNS])]
    return out


def rows(site_url: str | None = None, site: Path | None = None) -> list[tuple[str, str]]:
    """`site_url`: a served site; else `site` (a built site folder) is served; else one is built."""
    from playwright.sync_api import sync_playwright

    out = [(f"vurdering: whole view in CPython, {name} (ms)", f"{ms:.1f}")
           for name, ms in cpython_ms().items()]
    with ExitStack() as stack:
        if site_url is None:
            site_url = stack.enter_context(serve(site or stack.enter_context(built_site())))
        playwright = stack.enter_context(sync_playwright())
        timing = time_page(lambda profile: browser_support.launch_persistent(playwright, profile),
                           site_url + PATH, "[data-kb-answered]", "kb-widget-first-answer", runs=2)
        browser = browser_support.launch(playwright)
        page = browser.new_context(service_workers="block").new_page()
        latency = browser_ms(page, site_url)
        browser.close()
    out.append(("vurdering: interactive (Python answered), cold / warm (ms)",
                f"{timing['cold_ready_ms']:.0f} / {timing['warm_ready_ms']:.0f}"))
    for name, (comparison, whole, python, render) in latency.items():
        out.append((f"vurdering: change -> comparison shown in Chromium, {name}, incl. 150 ms "
                    f"typing pause (ms)", f"{comparison:.0f}"))
        out.append((f"vurdering: change -> whole view rendered, {name}, incl. pause: total "
                    f"(view call in worker + render) (ms)", f"{whole:.0f} ({python:.1f} + {render:.1f})"))
    return out


if __name__ == "__main__":
    for label, value in rows(site=Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(f"{label} | {value}")
