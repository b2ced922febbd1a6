"""Filter page at scale: one filter update over a synthetic catalogue of 5,000 entries in headless
Chromium, through the page's own code (overrides/assets/js/filter.js), plus the search index size.

The synthetic catalogue is made of the real catalogue's entries, repeated under new ids with facet
values drawn (seeded) from the values in use; its JSON index comes from the same pure function the
build uses (macros.browse_macros.filter_index). An "update" is what a click or a keystroke costs:
the change handler (read form, history, filter, counts, result list) plus the layout it causes.

    python -m benchmarks.filter_bench        # builds the site into a temp dir and prints the table
"""

from __future__ import annotations

import json
import random
import statistics
from dataclasses import replace
from pathlib import Path
from typing import Any

from macros import browse_macros
from tests.support.build import ROOT

from koensbalance.catalogue import Catalogue, files

SIZE = 5_000
BUDGET_MS = 16.0

# Runs in the page: mount filter.js on a fresh copy of the filter with the synthetic index, then time
# a sequence of user actions (checkbox clicks and keystrokes), each until layout is done.
_TIMING_SCRIPT = """
async ({ index, actions }) => {
  const mod = await import(new URL("../assets/js/filter.js", location.href).href);
  const old = document.querySelector("[data-kb-filter]");
  const root = old.cloneNode(true);
  old.replaceWith(root);
  mod.createFilter(root, index);
  const text = root.querySelector("input[type=search]");
  const layout = () => root.getBoundingClientRect().height + document.body.offsetHeight;
  const updates = [];
  for (const [kind, value] of actions) {
    const started = performance.now();
    if (kind === "box") {
      root.querySelector(`#${CSS.escape(value)}`).click();
    } else {
      text.value = value;
      text.dispatchEvent(new Event("input", { bubbles: true }));
    }
    layout();
    updates.push(performance.now() - started);
  }
  const pure = [];
  const state = mod.parseQuery("?omraade=rekruttering&maalgruppe=hr&tekst=le", index).state;
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    mod.filterEntries(index, state);
    pure.push(performance.now() - started);
  }
  return { updates, pure, shown: root.querySelectorAll("[data-kb-results] li").length };
}
"""


def synthetic_catalogue(real: Catalogue, size: int = SIZE, seed: int = 6) -> Catalogue:
    """`size` entries from the real ones under new ids, with seeded random areas, groups, sectors."""
    rng = random.Random(seed)
    facets = {f.key: [v.id for v in f.values] for f in browse_macros.facets(real)}
    entries = []
    for n in range(size):
        base = real.entries[n % len(real.entries)]
        entries.append(replace(
            base, id=f"{base.id}-{n}", title=f"{base.title} ({n})",
            areas=tuple(rng.sample(facets["omraade"], rng.randint(0, 2))),
            target_groups=tuple(rng.sample(facets["maalgruppe"], rng.randint(0, 3))),
            sectors=tuple(rng.sample(facets["sektor"], rng.randint(0, 3))),
            related=()))
    return replace(real, entries=tuple(entries))


def _actions(index: dict[str, Any]) -> list[tuple[str, str]]:
    """A realistic session: tick areas and groups, type a word letter by letter, untick again."""
    values = {f["key"]: [v["id"] for v in f["values"]] for f in index["facets"]}
    boxes = [f"kb-f-omraade-{v}" for v in values["omraade"][:3]]
    boxes += [f"kb-f-maalgruppe-{v}" for v in values["maalgruppe"][:3]]
    boxes += [f"kb-f-sektor-{values['sektor'][0]}", f"kb-f-type-{values['type'][0]}"]
    actions = [("box", b) for b in boxes]
    actions += [("text", "ledelse"[: i + 1]) for i in range(len("ledelse"))]
    actions += [("text", "")]
    actions += [("box", b) for b in reversed(boxes)]
    return actions * 2


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def rows(site: Path, url: str, browser: Any) -> list[tuple[str, str]]:
    """Benchmark rows for a built and served site (`url` ends in '/'); `browser` is Playwright's."""
    index = browse_macros.filter_index(synthetic_catalogue(files.read(ROOT)))
    page = browser.new_page()
    try:
        page.goto(url + "find/")
        page.wait_for_selector("[data-kb-filter-ready]", timeout=30_000)
        result = page.evaluate(_TIMING_SCRIPT, {"index": index, "actions": _actions(index)})
    finally:
        page.close()
    updates, pure = result["updates"], result["pure"]
    search_index = site / "search" / "search_index.json"
    find_html = (site / "find" / "index.html").read_text(encoding="utf-8")
    embedded = find_html.split('id="kb-filter-index">', 1)[1].split("</script>", 1)[0]
    synthetic_bytes = len(json.dumps(index, ensure_ascii=False).encode())
    verdict = "within" if _percentile(updates, 0.95) <= BUDGET_MS else "OVER"
    return [
        (f"filter: one update at {SIZE:,} entries, median / p95 / max (ms)",
         f"{statistics.median(updates):.1f} / {_percentile(updates, 0.95):.1f} / {max(updates):.1f}"
         f" ({len(updates)} clicks and keystrokes; {verdict} the {BUDGET_MS:.0f} ms budget)"),
        (f"filter: filterEntries alone at {SIZE:,} entries, median (ms)", f"{statistics.median(pure):.2f}"),
        ("filter: JSON index, real catalogue embedded / synthetic (kB)",
         f"{len(embedded.encode()) / 1e3:.0f} / {synthetic_bytes / 1e3:.0f}"),
        ("search index site/search/search_index.json (bytes)", f"{search_index.stat().st_size:,}"),
    ]


def main() -> int:
    from playwright.sync_api import sync_playwright
    from tests.support import browser as browser_support
    from tests.support.server import serve

    from benchmarks.common import built_site, print_table

    with built_site() as site, serve(site) as url, sync_playwright() as playwright:
        browser = browser_support.launch(playwright)
        table = rows(site, url, browser)
        browser.close()
    print_table(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
