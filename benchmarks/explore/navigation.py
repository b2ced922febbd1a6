"""Issue #19 exploration: where the second widget page's time goes when the reader clicks at once.

Copies the built site once per variant, adds performance marks (the worker's phases from phases.py,
and in the page: document$ for the new page, the widget module loaded), applies the variant's patches,
then per round loads balance cold in a new profile, clicks the menu link to Sæt måltal right after the
first answer (or --pause ms later) and prints each phase in ms after the click (medians of --rounds
interleaved rounds), with the first answer's time per round.

    .venv/bin/python -m benchmarks.explore.navigation site/ --rounds 5 [--variants as-is,no-keep]
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.support import browser as browser_support
from tests.support import nginx

from benchmarks.explore.phases import WORKER_PATCHES, _patch
from benchmarks.widget_bench import NAV_TO, WIDGET_MARK, click_to_next_widget_page

PAGE_PATCHES = (
    ("assets/js/widgets.js", "function initWidgets() {",
     "function initWidgets() {\n  performance.mark('p-document');"),
    ("assets/js/widgets.js", "    loaded.set(name, module);",
     "    loaded.set(name, module); performance.mark('p-module:' + name);"),
)
# Each variant: (file in the site, old, new) patches on top of the marks.
VARIANTS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "as-is": (),
    "keep-at-once": (("sw.js", "event.waitUntil(storeInTurn(message.urls",
                      "event.waitUntil(store(message.urls"),),
    "no-sw": (("assets/js/widgets.js",
               "import(\"./offline.js\").then((offline) => offline.keepOffline(shared))",
               "Promise.resolve()"),),
}


def _copy(source: Path, target: Path, patches: tuple[tuple[str, str, str], ...]) -> None:
    shutil.copytree(source, target)
    _patch(target / "assets" / "js" / "pyodide-worker.js", WORKER_PATCHES)
    by_file: dict[str, list[tuple[str, str]]] = {}
    for name, old, new in (*PAGE_PATCHES, *patches):
        by_file.setdefault(name, []).append((old, new))
    for name, pairs in by_file.items():
        _patch(target / name, tuple(pairs))


def _one(playwright: Any, base: str, pause_ms: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as profile:
        context = browser_support.launch_persistent(playwright, profile)
        page = context.new_page()
        click_to_next_widget_page(page, base, pause_ms)
        out: dict[str, float] = page.evaluate(f"""() => {{
            const t = window.kbClicked, o = {{timeOrigin: performance.timeOrigin, clicked: t}};
            for (const m of performance.getEntriesByType('mark'))
                if (m.startTime >= t) o[m.name] = m.startTime - t;
            o.answer = performance.getEntriesByName('{WIDGET_MARK}').at(-1).startTime - t;
            const r = performance.getEntriesByType('resource')
                .find(e => e.name.includes('{NAV_TO}') && e.startTime >= t);
            if (r) {{ o['page-fetch-start'] = r.startTime - t; o['page-fetched'] = r.responseEnd - t; }}
            return o; }}""")
        for worker in page.workers:
            if "pyodide-worker" in worker.url:
                marks = worker.evaluate("""() => { const o = {timeOrigin: performance.timeOrigin};
                    for (const m of performance.getEntriesByType('mark')) o[m.name] = m.startTime;
                    return o; }""")
                shift = marks.pop("timeOrigin") - out["timeOrigin"] - out["clicked"]
                out.update({k: v + shift for k, v in marks.items() if v + shift >= 0})
        out.pop("timeOrigin")
        out.pop("clicked")
        context.close()
    return out


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pause", type=int, default=0)
    parser.add_argument("--variants", default=",".join(VARIANTS))
    args = parser.parse_args(argv)
    names = args.variants.split(",")
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        for name in names:
            _copy(args.site, Path(tmp) / name, VARIANTS[name])
        with contextlib.ExitStack() as stack:
            servers = [stack.enter_context(nginx.serve(Path(tmp) / name, Path(tmp) / f"nginx-{name}"))
                       for name in names]
            for _ in range(args.rounds):
                for name, base in zip(names, servers, strict=True):
                    samples[name].append(_one(playwright, base, args.pause))
    for name, runs in samples.items():
        print(f"{name}: answer {statistics.median(r['answer'] for r in runs):.0f} ms after the click "
              f"(rounds: {', '.join(f'{r['answer']:.0f}' for r in runs)})")
        keys = sorted({k for run in runs for k in run if k != "answer"},
                      key=lambda k: statistics.median([r[k] for r in runs if k in r]))
        for key in keys:
            values = [r[key] for r in runs if key in r]
            print(f"    {key:40s} {statistics.median(values):8.0f}  ({len(values)} rounds)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
