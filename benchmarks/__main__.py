"""`make bench`: one table of figures, measured side by side in one run so ratios hold on a noisy
machine: build times (real, 10x, 100x catalogue), site size, each widget page's ready time and bytes
against a bare Pyodide page through nginx with brotli and the second widget page after navigation
(benchmarks/widget_bench.py, issue #19), filter update and widget recompute (måltal, Vurdér en
ydelse), and the site search against Material's old lunr search (benchmarks/search_bench.py).

    python -m benchmarks                 # everything (the 100x build takes minutes)
    python -m benchmarks --scaling 1,10  # smaller build-scaling run
    python -m benchmarks --only widgets  # only the widget-page table (issue #19)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tests.support import browser as browser_support
from tests.support import nginx
from tests.support.server import serve

from benchmarks import (
    build_scaling,
    filter_bench,
    maaltal_bench,
    search_bench,
    vurdering_bench,
    widget_bench,
    workshop_bench,
)
from benchmarks.browser_timing import write_bare_pages
from benchmarks.common import built_site, print_table


def _size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--scaling", default="1,10,100", help="catalogue size factors to build")
    parser.add_argument("--only", choices=["widgets"], help="only the widget-page table (issue #19)")
    parser.add_argument("--rounds", type=int, default=widget_bench.ROUNDS, help="rounds of the widget table")
    args = parser.parse_args(argv)
    rows: list[tuple[str, str]] = []
    with built_site() as site:
        total, count = _size(site)
        pyodide, _ = _size(site / "assets" / "pyodide")
        rows.append(("built site size (MB, files; incl. .br/.gz copies)", f"{total / 1e6:.1f} MB, {count}"))
        rows.append(("  of which Pyodide runtime + wheels (MB)", f"{pyodide / 1e6:.1f}"))
        write_bare_pages(site)
        with serve(site) as url, nginx.serve(site, site.parent / "nginx") as nginx_url:
            with sync_playwright() as playwright:
                def launch(profile: str) -> Any:
                    return browser_support.launch_persistent(playwright, profile)

                rows += widget_bench.rows(nginx_url, launch, args.rounds)
                if args.only:
                    print_table(rows)
                    return 0
                browser = browser_support.launch(playwright)
                rows += filter_bench.rows(site, url, browser)
                rows += search_bench.rows(site, browser, site.parent / "search-bench")
                browser.close()
                rows += workshop_bench.rows(url, launch)
            rows += maaltal_bench.rows(url)  # starts its own Playwright
            rows += vurdering_bench.rows(site_url=url)  # starts its own Playwright
    rows += build_scaling.rows(tuple(int(f) for f in args.scaling.split(",")))
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
