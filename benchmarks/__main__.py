"""`make bench`: build time, site size, and widget timings in headless Chromium, as one table."""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from tests.support import browser as browser_support
from tests.support.build import mkdocs_build
from tests.support.server import serve

from benchmarks.browser_timing import time_page, write_bare_page


def _size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def main() -> int:
    from playwright.sync_api import sync_playwright

    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        mkdocs_build(site)  # warm-up: stages Pyodide once, so the timed build is the steady state
        shutil.rmtree(site)
        started = time.perf_counter()
        result = mkdocs_build(site)
        elapsed = time.perf_counter() - started
        if result.returncode != 0:
            print(result.stderr, file=sys.stderr)
            return 1
        rows.append(("mkdocs build --strict, real catalogue (s)", f"{elapsed:.2f}"))
        total, count = _size(site)
        pyodide, _ = _size(site / "assets" / "pyodide")
        rows.append(("built site size (MB, files)", f"{total / 1e6:.1f} MB, {count} files"))
        rows.append(("  of which Pyodide runtime + wheels (MB)", f"{pyodide / 1e6:.1f}"))
        write_bare_page(site)
        with serve(site) as url, sync_playwright() as playwright:
            def launch(profile: str) -> object:
                return browser_support.launch_persistent(playwright, profile)

            bare = time_page(launch, url + "bench-bare.html", "body[data-ready]", "bare-ready")
            widget = time_page(launch, url + "maaltal/balance/", "[data-kb-answered]",
                               "kb-widget-first-answer")
        for label, data in (("bare page: loadPyodide + our wheel", bare),
                            ("balance widget page", widget)):
            rows.append((f"{label}: first paint, cold / warm (ms)",
                         f"{data['cold_fcp_ms']:.0f} / {data['warm_fcp_ms']:.0f}"))
            rows.append((f"{label}: working (Python answered), cold / warm (ms)",
                         f"{data['cold_ready_ms']:.0f} / {data['warm_ready_ms']:.0f}"))
            rows.append((f"{label}: bytes transferred, cold / warm (kB)",
                         f"{data['cold_bytes'] / 1e3:.0f} / {data['warm_bytes'] / 1e3:.0f}"))
    width = max(len(label) for label, _ in rows)
    print(f"{'measure'.ljust(width)} | value")
    print(f"{'-' * width}-|------")
    for label, value in rows:
        print(f"{label.ljust(width)} | {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
