"""`make bench`: one table of figures, measured side by side in one run so ratios hold on a noisy
machine: build times (real, 10x, 100x catalogue), site size, page timings for a bare Pyodide page and
each widget page through the preview server and through nginx, filter update and widget recompute, and
the site search against Material's old lunr search (benchmarks/search_bench.py).

    python -m benchmarks                 # everything (the 100x build takes minutes)
    python -m benchmarks --scaling 1,10  # smaller build-scaling run
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.support import browser as browser_support
from tests.support import nginx
from tests.support.server import serve

from benchmarks import build_scaling, filter_bench, maaltal_bench, search_bench, workshop_bench
from benchmarks.browser_timing import time_page, write_bare_page
from benchmarks.common import built_site, print_table

PAGES = (("bare page: loadPyodide + our wheel", "bench-bare.html", "body[data-ready]", "bare-ready"),
         ("balance widget", "maaltal/balance/", "[data-kb-answered]", "kb-widget-first-answer"),
         ("måltal widget", "maaltal/saet-maaltal/", "[data-kb-answered]", "kb-widget-first-answer"),
         ("workshop planner", "workshop/", "[data-kb-answered]", "kb-widget-first-answer"),
         ("plan builder", "plan/", "[data-kb-answered]", "kb-widget-first-answer"))


def _size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def page_rows(server: str, url: str, launch: Callable[[str], Any]) -> list[tuple[str, str]]:
    out = []
    for label, path, ready, mark in PAGES:
        data = time_page(launch, url + path, ready, mark)
        out.append((f"{label} via {server}: first paint, cold / warm (ms)",
                    f"{data['cold_fcp_ms']:.0f} / {data['warm_fcp_ms']:.0f}"))
        out.append((f"{label} via {server}: working (Python answered), cold / warm (ms)",
                    f"{data['cold_ready_ms']:.0f} / {data['warm_ready_ms']:.0f}"))
        out.append((f"{label} via {server}: bytes transferred, cold / warm (kB)",
                    f"{data['cold_bytes'] / 1e3:.0f} / {data['warm_bytes'] / 1e3:.0f}"))
    return out


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--scaling", default="1,10,100", help="catalogue size factors to build")
    args = parser.parse_args(argv)
    rows: list[tuple[str, str]] = []
    with built_site() as site:
        total, count = _size(site)
        pyodide, _ = _size(site / "assets" / "pyodide")
        rows.append(("built site size (MB, files; incl. .br/.gz copies)", f"{total / 1e6:.1f} MB, {count}"))
        rows.append(("  of which Pyodide runtime + wheels (MB)", f"{pyodide / 1e6:.1f}"))
        write_bare_page(site)
        with serve(site) as url, nginx.serve(site, site.parent / "nginx") as nginx_url:
            with sync_playwright() as playwright:
                def launch(profile: str) -> Any:
                    return browser_support.launch_persistent(playwright, profile)

                rows += page_rows("preview server", url, launch)
                rows += page_rows("nginx", nginx_url, launch)
                browser = browser_support.launch(playwright)
                rows += filter_bench.rows(site, url, browser)
                rows += search_bench.rows(site, browser, site.parent / "search-bench")
                browser.close()
                rows += workshop_bench.rows(url, launch)
            rows += maaltal_bench.rows(url)  # starts its own Playwright
    rows += build_scaling.rows(tuple(int(f) for f in args.scaling.split(",")))
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
