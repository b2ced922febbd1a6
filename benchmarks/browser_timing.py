"""Page timings in headless Chromium: first contentful paint (the build-time result is in the HTML)
and the time until a widget has answered with Python, for a cold and a warm cache."""

from __future__ import annotations

import shutil
import statistics
import tempfile
from pathlib import Path
from typing import Any

BARE_PAGE = """<!doctype html><html lang="da"><head><meta charset="utf-8"><title>bare</title></head>
<body><p>bare</p><script type="module" src="{script}"></script></body></html>"""
# A file, not an inline script: nginx sends the site's CSP, which refuses inline scripts.
BARE_SCRIPT = """import {{ loadPyodide }} from "./{folder}/pyodide.mjs";
const py = await loadPyodide({{ indexURL: new URL("./{folder}/", location.href).href }});
await py.loadPackage("koensbalance", {{ messageCallback: () => {{}} }});
performance.mark("bare-ready");
document.body.dataset.ready = "1";
"""
PRISTINE = "bench-pyodide"  # Pyodide as npm ships it, with our wheel as pip builds it
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")


def write_bare_pages(site: Path) -> None:
    """Two bare pages: `bench-bare.html` starts Pyodide as its npm package ships it (its deflated
    standard library of sources, its full lock file) plus our wheel built from sources, compressed as
    any server would (.br/.gz of the text and wasm files, as macros/precompress.py does): the fixed
    reference of issue #19. `bench-bare-site.html` starts the site's own runtime files (trimmed
    standard library and wheels of bytecode), to show what those files alone give."""
    from macros import precompress, pyodide_assets

    folder = site / PRISTINE
    folder.mkdir()
    for name in RUNTIME_FILES:
        shutil.copy2(pyodide_assets.RUNTIME / name, folder / name)
    pyodide_assets.write_lock(folder / "pyodide-lock.json", [pyodide_assets.own_wheel(folder)])
    precompress.site(folder)
    for page, script, base in (("bench-bare.html", "bench-bare.js", PRISTINE),
                               ("bench-bare-site.html", "bench-bare-site.js", "assets/pyodide")):
        (site / page).write_text(BARE_PAGE.format(script=script), encoding="utf-8")
        (site / script).write_text(BARE_SCRIPT.format(folder=base), encoding="utf-8")


def measure(page: Any, url: str, ready_selector: str, mark: str, settle_ms: int = 0) -> dict[str, float]:
    """One load. Bytes come from Playwright's network events (the worker's fetches count too);
    a response served from the browser cache counts as 0. `bytes` counts what was asked for before
    the ready mark; with `settle_ms`, `later_bytes` what was asked for in that long afterwards (the
    service worker's caching for offline, which waits until the page is working and idle)."""
    finished: list[Any] = []

    def collect(request: Any) -> None:
        finished.append(request)

    page.context.on("requestfinished", collect)
    page.goto(url)
    page.wait_for_selector(ready_selector, timeout=120_000, state="attached")
    timings = page.evaluate(
        """(mark) => ({
            fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || NaN,
            ready: (performance.getEntriesByName(mark)[0] || {}).startTime || NaN,
            origin: performance.timeOrigin,
        })""",
        mark,
    )
    if settle_ms:
        page.wait_for_timeout(settle_ms)
    page.context.remove_listener("requestfinished", collect)
    ready_at = timings.pop("origin") + timings["ready"]
    received = later = 0
    for request in finished:
        response = request.response()
        if response is not None and not response.from_service_worker and response.status != 304:
            sizes = request.sizes()
            if not _from_cache(response):
                size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
                if request.timing.get("startTime", 0) <= ready_at:
                    received += size
                else:
                    later += size
    return {**timings, "bytes": received, "later_bytes": later}


def _from_cache(response: Any) -> bool:
    timing = response.request.timing
    return timing.get("responseStart", -1) <= 0 and timing.get("connectStart", -1) < 0 and \
        timing.get("requestStart", -1) <= 0


def time_page(launch: Any, url: str, ready_selector: str, mark: str, runs: int = 3) -> dict[str, float]:
    """Median over `runs` of cold (new browser profile) and warm (second load, same profile) loads.
    `launch(user_data_dir)` returns a persistent context: a real disk cache, as a returning visitor
    has (an incognito context keeps only a small in-memory cache and drops the 9.6 MB wasm)."""
    cold, warm = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as profile:
            context = launch(profile)
            page = context.new_page()
            cold.append(measure(page, url, ready_selector, mark))
            warm.append(measure(page, url, ready_selector, mark))
            context.close()

    def median(samples: list[dict[str, float]], key: str) -> float:
        return statistics.median(s[key] for s in samples)

    return {
        "cold_fcp_ms": median(cold, "fcp"), "cold_ready_ms": median(cold, "ready"),
        "warm_fcp_ms": median(warm, "fcp"), "warm_ready_ms": median(warm, "ready"),
        "cold_bytes": median(cold, "bytes"), "warm_bytes": median(warm, "bytes"),
    }
