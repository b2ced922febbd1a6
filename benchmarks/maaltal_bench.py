""""Sæt måltal" timings: recompute per change at group sizes 10, 50 and 200 over 30 years (CPython, and
end to end in headless Chromium with Pyodide: input -> worker -> Python -> DOM), the first paint of the
build-time result, and the time until the widget has answered with Python (cold / warm cache).

`rows(site_url=None)` returns [(label, value)]; without a URL it builds and serves the site itself.
Run alone: `.venv/bin/python -m benchmarks.maaltal_bench`."""

from __future__ import annotations

import statistics
import tempfile
import time
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import Any

from tests.support import browser as browser_support
from tests.support.build import ROOT, mkdocs_build
from tests.support.server import serve

from benchmarks.browser_timing import time_page

PATH = "maaltal/saet-maaltal/"
SIZES = (10, 50, 200)
RUNS = 7


def scenario(size: int) -> dict[str, str]:
    from macros.maaltal_macros import default_scenario

    values = default_scenario(date.today())
    women = size // 4
    return {**values, "kvinder": str(women), "maend": str(size - women), "horisont": "30",
            "maalaar": str(int(values["aar"]) + 30)}


def cpython_ms(size: int) -> float:
    from macros.maaltal_macros import duty_data

    from koensbalance.catalogue import files
    from koensbalance.maaltal.balance import BalanceRule
    from koensbalance.maaltal.obligations import DutyRules
    from koensbalance.maaltal.targets import evaluate_form

    catalogue = files.read(ROOT)
    rule, duties = BalanceRule.from_data(catalogue.balance), DutyRules.from_data(duty_data(catalogue, ""))
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        evaluate_form(scenario(size), rule, duties)
        samples.append(1000 * (time.perf_counter() - started))
    return statistics.median(samples)


RECOMPUTE_JS = """async ([values, runs]) => {
    const root = document.querySelector("[data-kb-widget='maaltal']");
    const form = root.querySelector("[data-kb-form]");
    const samples = [];
    performance.clearMeasures();
    for (let run = 0; run < runs; run++) {
        const before = Number(root.dataset.kbComputed || 0);
        // alternate the turnover so every run is a real change
        values.afgang = String(12 + (run % 2));
        for (const [name, value] of Object.entries(values)) form.elements.namedItem(name).value = value;
        const t0 = performance.now();
        form.requestSubmit();
        while (Number(root.dataset.kbComputed || 0) === before) await new Promise((r) => setTimeout(r, 0));
        samples.push(performance.now() - t0);
    }
    const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const durations = (name) => performance.getEntriesByName(name).map((e) => e.duration);
    return [median(samples), median(durations("kb-maaltal-python")), median(durations("kb-maaltal-render"))];
}"""


def browser_recompute_ms(page: Any, url: str) -> dict[int, list[float]]:
    page.goto(url + PATH)
    page.wait_for_selector("[data-kb-widget='maaltal'][data-kb-computed]", timeout=120_000)
    page.evaluate(RECOMPUTE_JS, [scenario(SIZES[-1]), 3])  # warm-up: first calls compile code paths
    return {size: [float(v) for v in page.evaluate(RECOMPUTE_JS, [scenario(size), RUNS])]
            for size in SIZES}


def rows(site_url: str | None = None) -> list[tuple[str, str]]:
    from playwright.sync_api import sync_playwright

    out = [(f"maaltal: recompute in CPython, group {n}, 30 years (ms)", f"{cpython_ms(n):.1f}")
           for n in SIZES]
    with ExitStack() as stack:
        if site_url is None:
            site = Path(stack.enter_context(tempfile.TemporaryDirectory())) / "site"
            result = mkdocs_build(site)
            if result.returncode != 0:
                raise RuntimeError(result.stderr[-2000:])
            site_url = stack.enter_context(serve(site))
        playwright = stack.enter_context(sync_playwright())
        timing = time_page(lambda profile: browser_support.launch_persistent(playwright, profile),
                           site_url + PATH, "[data-kb-answered]", "kb-widget-first-answer")
        browser = browser_support.launch(playwright)
        page = browser.new_page()
        latency = browser_recompute_ms(page, site_url)
        browser.close()
    out.append(("maaltal: first paint with build-time result, cold / warm (ms)",
                f"{timing['cold_fcp_ms']:.0f} / {timing['warm_fcp_ms']:.0f}"))
    out.append(("maaltal: interactive (Python answered), cold / warm (ms)",
                f"{timing['cold_ready_ms']:.0f} / {timing['warm_ready_ms']:.0f}"))
    for size in SIZES:
        total, python, render = latency[size]
        out.append((f"maaltal: recompute per change in Chromium, group {size}, 30 years: "
                    f"total (Python in worker + render) (ms)", f"{total:.1f} ({python:.1f} + {render:.1f})"))
    return out


if __name__ == "__main__":
    for label, value in rows():
        print(f"{label} | {value}")
