"""Issue #19 exploration: where a widget page's start-up time goes, next to the bare page.

Copies the built site, adds performance marks to the copy's worker (runtime loaded, bridge imported,
configure done, first call done) and the bare page, then loads each page cold and warm through nginx
and prints each phase's time since navigation start (ms; medians of --rounds interleaved rounds).

    .venv/bin/python -m benchmarks.explore.phases site/ --rounds 3
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.support import browser as browser_support
from tests.support import nginx

from benchmarks.browser_timing import write_bare_pages

PAGES = ("maaltal/balance/", "maaltal/saet-maaltal/", "workshop/", "plan/", "vurdering/", "mobilitet/")
WORKER_PATCHES = (
    ("const pyodide = await loadPyodide(",
     "performance.mark('w-start');\n    const pyodide = await loadPyodide("),
    ("pyodideInstance = pyodide;", "performance.mark('w-runtime');\n    pyodideInstance = pyodide;"),
    ('bridge = pyodide.pyimport("koensbalance.bridge");',
     'bridge = pyodide.pyimport("koensbalance.bridge");\n    performance.mark("w-bridge");'),
    ("if (bridge) bridge.configure(message.page, JSON.stringify(message.data));",
     "performance.mark('w-configure-start'); if (bridge) bridge.configure(message.page, "
     "JSON.stringify(message.data)); performance.mark('w-configured');"),
    ("let json = bridge.call(...args);",
     "performance.mark('w-call-start:' + message.name); let json = bridge.call(...args); "
     "performance.mark('w-call-end:' + message.name);"),
)
BARE_PATCHES = (
    ("await py.loadPackage(", "performance.mark('b-runtime');\nawait py.loadPackage("),
)


def _patch(path: Path, patches: tuple[tuple[str, str], ...]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in patches:
        if text.count(old) != 1:
            raise SystemExit(f"patch does not match once in {path.name}: {old}")
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    for suffix in (".br", ".gz"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _marks(page: Any, ready: str) -> dict[str, float]:
    page.wait_for_selector(ready, timeout=120_000, state="attached")
    page.wait_for_timeout(300)
    out: dict[str, float] = page.evaluate("""() => {
        const n = performance.getEntriesByType('navigation')[0];
        const o = {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd,
                   fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime};
        for (const m of performance.getEntriesByType('mark')) o[m.name] = m.startTime;
        const js = performance.getEntriesByType('resource').filter(r => r.name.endsWith('.js'));
        o['js-done'] = Math.max(0, ...js.map(r => r.responseEnd));
        o.timeOrigin = performance.timeOrigin;
        return o; }""")
    for worker in page.workers:
        if "pyodide-worker" in worker.url:
            marks = worker.evaluate("""() => { const o = {timeOrigin: performance.timeOrigin};
                for (const m of performance.getEntriesByType('mark'))
                    if (!(m.name in o)) o[m.name] = m.startTime;
                const w = performance.getEntriesByType('resource').find(r => r.name.endsWith('.wasm'));
                if (w) { o['wasm-fetched'] = w.responseEnd; }
                return o; }""")
            shift = marks.pop("timeOrigin") - out["timeOrigin"]
            out.update({k: v + shift for k, v in marks.items()})
            out["worker-origin"] = shift
    out.pop("timeOrigin")
    return out


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pages", default=",".join(PAGES))
    args = parser.parse_args(argv)
    samples: dict[str, list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        shutil.copytree(args.site, site)
        write_bare_pages(site)
        _patch(site / "bench-bare.js", BARE_PATCHES)
        _patch(site / "bench-bare-site.js", BARE_PATCHES)
        _patch(site / "assets" / "js" / "pyodide-worker.js", WORKER_PATCHES)
        with nginx.serve(site, Path(tmp) / "nginx") as base, sync_playwright() as playwright:
            for _ in range(args.rounds):
                for path in ("bench-bare.html", "bench-bare-site.html", *args.pages.split(",")):
                    ready = "body[data-ready]" if path.startswith("bench") else "[data-kb-answered]"
                    with tempfile.TemporaryDirectory() as profile:
                        context = browser_support.launch_persistent(playwright, profile)
                        page = context.new_page()
                        for kind in ("cold", "warm"):
                            page.goto(base + path)
                            samples.setdefault(f"{path} {kind}", []).append(_marks(page, ready))
                        context.close()
    for label, runs in samples.items():
        keys = sorted({k for run in runs for k in run}, key=lambda k: statistics.median(
            [r[k] for r in runs if k in r]))
        print(label)
        for key in keys:
            values = [r[key] for r in runs if key in r and r[key] is not None]
            if values:
                print(f"    {key:40s} {statistics.median(values):8.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
