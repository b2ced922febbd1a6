"""Workshop planner figures: share-link size per template (the longest one matters for QR codes),
Python time per planner update in CPython, and page load to a working planner (cold/warm) in headless
Chromium. `rows(site_url, launch)` for the bench table; run alone with
`.venv/bin/python -m benchmarks.workshop_bench` (builds the site itself)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from macros import site_data

from benchmarks.browser_timing import time_page
from koensbalance.workshop import templates, view


def link_rows() -> list[tuple[str, str]]:
    data = site_data.catalogue().data[templates.DATA_KEY]
    base = "https://example.invalid/workshop/"
    sizes = []
    for template in templates.load_templates(data):
        link = view.share_link(template.agenda, base + template.id + "/")
        sizes.append((len(link) - len(base + template.id + "/"), template.id))
    longest, name = max(sizes)
    rows = [("workshop: share-link fragment, longest template (chars)", f"{longest} ({name})"),
            ("workshop: share-link fragment, all templates (chars)",
             ", ".join(f"{tid} {size}" for size, tid in sizes))]
    longest_template = next(t for t in templates.load_templates(data) if t.id == name)
    for label, qr in (("without", False), ("with", True)):
        started = time.perf_counter()
        for _ in range(20):
            view.plan(longest_template.agenda, base, data["varighed_note"], with_qr=qr)
        rows.append((f"workshop: one planner update in CPython, {label} QR (ms)",
                     f"{(time.perf_counter() - started) / 20 * 1000:.1f}"))
    return rows


def rows(site_url: str, launch: Callable[[str], Any]) -> list[tuple[str, str]]:
    timing = time_page(launch, site_url + "workshop/workshop-kort/", "[data-kb-answered]",
                       "kb-widget-first-answer")
    return [*link_rows(),
            ("workshop planner page: first paint, cold / warm (ms)",
             f"{timing['cold_fcp_ms']:.0f} / {timing['warm_fcp_ms']:.0f}"),
            ("workshop planner page: working planner, cold / warm (ms)",
             f"{timing['cold_ready_ms']:.0f} / {timing['warm_ready_ms']:.0f}"),
            ("workshop planner page: bytes transferred, cold / warm (kB)",
             f"{timing['cold_bytes'] / 1e3:.0f} / {timing['warm_bytes'] / 1e3:.0f}")]


def main() -> int:
    from playwright.sync_api import sync_playwright
    from tests.support import browser as browser_support
    from tests.support.server import serve

    from benchmarks.common import built_site, print_table

    with built_site() as site, serve(site) as url, sync_playwright() as playwright:
        table = rows(url, lambda profile: browser_support.launch_persistent(playwright, profile))
    print_table(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
