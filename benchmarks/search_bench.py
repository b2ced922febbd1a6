"""Site search, old against new in one run: Material's lunr search (the "old" side: the same site built
with Material's search plugin through a temporary config that INHERITs mkdocs.yml) and the Pagefind
search the site ships, both behind nginx with the production configuration (compressed transfers).

Rows: index bytes on disk; what a page downloads when nobody searches (and how much of it is search);
bytes the search moves from a cold page load until the first query's results; the time from the last
keystroke of a query to its results (median / p95 over the query set, typed into the real search box);
and the query set's hit rate (tests/fixtures/search_queries.yaml: the entry in the top five).

Both sides are timed the same way: a MutationObserver on the result list notes the time of its last
change; a query's time is from the keydown of its last letter until that last change, once the list has
been quiet for QUIET_MS.

    python -m benchmarks.search_bench      # builds both sites into a temp dir and prints the table
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from tests.support import browser as browser_support
from tests.support import nginx
from tests.support.build import MKDOCS, ROOT

from benchmarks.common import built_site, print_table

QUERIES = ROOT / "tests" / "fixtures" / "search_queries.yaml"
PAGE = "katalog/"  # a catalogue page: no widget, so nothing but the page and its search loads
FIRST_QUERY = "rollemodellerne"
QUIET_MS = 350
TOP = 5
# The old side: the site as it was, with Material's search plugin and features (and without our
# search.css). Written next to mkdocs.yml for the build only, so its relative paths hold.
OLD_CONFIG = ".bench-lunr-search.yml"


@dataclass(frozen=True)
class Side:
    name: str
    box: str  # the search input
    results: str  # the element whose changes mean "results shown"
    links: str  # JS expression: the result page URLs, in order
    search_files: tuple[str, ...]  # URL parts of what belongs to the search


OLD = Side("lunr (Material)", "input.md-search__input", ".md-search-result",
           "[...document.querySelectorAll('.md-search-result__item')]"
           ".map((li) => li.querySelector('a').href)",
           ("/search/search_index.json", "/assets/javascripts/workers/search", "/assets/javascripts/lunr/"))
NEW = Side("Pagefind", "#kb-search-input", "[data-kb-search-panel]",
           "[...document.querySelectorAll('[data-kb-search-results] a')].map((a) => a.href)",
           ("/pagefind/", "/assets/js/search.js", "/assets/css/search.css"))


def _yaml_list(key: str, indent: str) -> list[str]:
    """A plain list from mkdocs.yml as written (it has Python tags a safe YAML loader refuses)."""
    lines = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    items = []
    for line in lines[lines.index(key) + 1:]:
        if not line.startswith(f"{indent}- "):
            break
        items.append(line.removeprefix(f"{indent}- ").split("#")[0].strip())
    return items


def old_config() -> str:
    config = {
        "INHERIT": "mkdocs.yml",
        "theme": {"name": "material", "features": [*_yaml_list("  features:", "    "), "search.suggest",
                                                   "search.highlight"]},
        "plugins": [{"search": {"lang": "da"}},
                    {"macros": {"module_name": "macros/main", "on_error_fail": True,
                                "on_undefined": "strict"}}],
        "extra_css": [c for c in _yaml_list("extra_css:", "  ") if not c.endswith("search.css")],
    }
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


@contextmanager
def old_site(tmp: Path) -> Iterator[Path]:
    """The site built with Material's search plugin (the search before Pagefind)."""
    config = ROOT / OLD_CONFIG
    config.write_text(old_config(), encoding="utf-8")
    site = tmp / "old-site"
    try:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        env.pop("KB_CATALOGUE_DIR", None)
        command = [str(MKDOCS), "build", "--strict", "-f", str(config), "--site-dir", str(site)]
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False,
                                timeout=600)
    finally:
        config.unlink(missing_ok=True)
    if result.returncode != 0:
        raise RuntimeError(f"the old-search build failed:\n{result.stderr[-4000:]}")
    yield site


def index_bytes(site: Path) -> tuple[int, int]:
    """(index bytes, files) on disk: lunr's JSON, or Pagefind's index, fragments, filters and meta."""
    lunr = site / "search" / "search_index.json"
    if lunr.is_file():
        return lunr.stat().st_size, 1
    bundle = site / "pagefind"
    kinds = {".pf_index", ".pf_fragment", ".pf_filter", ".pf_meta", ".json"}
    files = [p for p in bundle.rglob("*") if p.is_file() and p.suffix in kinds]
    return sum(p.stat().st_size for p in files), len(files)


def runtime_bytes(site: Path) -> int:
    """The search's code on disk: lunr worker and language files, or pagefind.js, worker and wasm."""
    if (site / "search" / "search_index.json").is_file():
        scripts = site / "assets" / "javascripts"
        files = [*(scripts / "workers").glob("search.*.min.js"), *(scripts / "lunr").rglob("*.js")]
    else:
        bundle = site / "pagefind"
        files = [bundle / "pagefind.js", bundle / "pagefind-worker.js", *bundle.glob("wasm.*.pagefind")]
    return sum(p.stat().st_size for p in files if p.is_file())


_OBSERVE = """(selector) => {
  window.kbLastChange = 0;
  window.kbKeyDown = 0;
  const target = document.querySelector(selector);
  new MutationObserver(() => { window.kbLastChange = performance.now(); })
    .observe(target, { childList: true, subtree: true, characterData: true, attributes: true });
  document.addEventListener('keydown', () => { window.kbKeyDown = performance.now(); }, true);
}"""
_QUIET = "(ms) => window.kbLastChange > window.kbKeyDown && performance.now() - window.kbLastChange > ms"


class Traffic:
    """Bytes received per request URL, from Playwright's network events (workers' requests included)."""

    def __init__(self, context: Any) -> None:
        self.received: list[tuple[str, int]] = []
        context.on("requestfinished", self._done)

    def _done(self, request: Any) -> None:
        response = request.response()
        if response is None or response.status == 304:
            return
        sizes = request.sizes()
        self.received.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

    def total(self, parts: tuple[str, ...] | None = None) -> int:
        return sum(n for url, n in self.received if parts is None or any(p in url for p in parts))


def _settle(page: Any) -> float:
    page.wait_for_function(_QUIET, arg=QUIET_MS, polling=20, timeout=20_000)
    return float(page.evaluate("window.kbLastChange - window.kbKeyDown"))


def _top(page: Any, side: Side) -> list[str]:
    seen: list[str] = []
    for url in page.evaluate(f"() => {side.links}"):
        path = url.split("#")[0].split("?")[0]
        if path not in seen:
            seen.append(path)
    return seen[:TOP]


def measure(side: Side, url: str, browser: Any) -> dict[str, Any]:
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]
    context = browser.new_context(service_workers="block")
    traffic = Traffic(context)
    page = context.new_page()
    page.goto(url + PAGE)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    idle = {"page": traffic.total(), "search": traffic.total(side.search_files)}
    # The first query on the cold page.
    page.evaluate(_OBSERVE, side.results)
    page.click(side.box)
    started = time.perf_counter()
    page.keyboard.type(FIRST_QUERY, delay=30)
    first_ms = _settle(page)
    first_wall = (time.perf_counter() - started) * 1000
    page.wait_for_load_state("networkidle")
    first = {"search": traffic.total(side.search_files), "ms": first_ms, "wall_ms": first_wall}
    # The query set: all but the last letter, then the last letter timed, then the top five read.
    latencies, hits = [], 0
    for item in queries:
        query = item["query"]
        page.fill(side.box, "")
        page.keyboard.type(query[:-1], delay=10)
        if len(query) > 1:
            page.wait_for_timeout(QUIET_MS)
        page.keyboard.press(query[-1])
        latencies.append(_settle(page))
        wanted = f"/{item['entry']}/"
        hits += any(link.endswith(wanted) for link in _top(page, side))
    context.close()
    return {"idle": idle, "first": first, "latencies": latencies, "hits": hits, "queries": len(queries)}


_FILTER_TIMING = """async (texts) => {
  const root = document.querySelector('[data-kb-filter]');
  const box = document.getElementById('kb-filter-tekst');
  const words = (t) => t.toLocaleLowerCase('da').split(/\\s+/).filter(Boolean).join(' ');
  const times = [];
  for (const text of texts) {
    const started = performance.now();
    box.value = text;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    while (root.dataset.kbFilterSearched !== words(text)) await new Promise((r) => setTimeout(r, 1));
    times.push(performance.now() - started);
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  }
  return times;
}"""


def filter_text_latency(url: str, browser: Any) -> list[float]:
    """The filter page's text box: from the input event until Pagefind's answer is shown (warm: the
    first, cold query is left out), for every query of the set."""
    texts = [q["query"] for q in yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]]
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.goto(url + "find/")
    page.wait_for_selector("[data-kb-filter-ready]")
    times = list(page.evaluate(_FILTER_TIMING, [FIRST_QUERY, *texts]))
    context.close()
    return times[1:]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def rows(new_site: Path, browser: Any, tmp: Path) -> list[tuple[str, str]]:
    with old_site(tmp) as old, nginx.serve(old, tmp / "nginx-old") as old_url, \
            nginx.serve(new_site, tmp / "nginx-new") as new_url:
        results = {OLD.name: measure(OLD, old_url, browser), NEW.name: measure(NEW, new_url, browser)}
        filter_times = filter_text_latency(new_url, browser)
        sizes = {OLD.name: (index_bytes(old), runtime_bytes(old)),
                 NEW.name: (index_bytes(new_site), runtime_bytes(new_site))}
    o, n = results[OLD.name], results[NEW.name]
    (o_index, o_files), o_code = sizes[OLD.name]
    (n_index, n_files), n_code = sizes[NEW.name]

    def pair(a: float, b: float, unit: str = "kB", scale: float = 1e3) -> str:
        return f"{a / scale:.0f} / {b / scale:.0f} {unit}"

    return [
        ("search: index on disk, old lunr / new Pagefind (files)",
         f"{pair(o_index, n_index)} ({o_files} / {n_files} files)"),
        ("search: search code on disk (worker, lunr / pagefind.js, worker, wasm)", pair(o_code, n_code)),
        (f"search: a page nobody searches on ({PAGE}), cold, bytes received old / new (nginx)",
         pair(o["idle"]["page"], n["idle"]["page"])),
        ("search:   of which search files (loaded whether used or not / only the box's script and style)",
         pair(o["idle"]["search"], n["idle"]["search"])),
        (f"search: bytes the search moved, cold page through the first query ({FIRST_QUERY!r}) old / new",
         pair(o["first"]["search"], n["first"]["search"])),
        ("search: first query on a cold page, last keystroke to results old / new (ms)",
         f"{o['first']['ms']:.0f} / {n['first']['ms']:.0f}"),
        ("search: last keystroke to results over the query set, median / p95, old (ms)",
         f"{statistics.median(o['latencies']):.0f} / {_p95(o['latencies']):.0f}"),
        ("search: last keystroke to results over the query set, median / p95, new (ms)",
         f"{statistics.median(n['latencies']):.0f} / {_p95(n['latencies']):.0f}"),
        ("search: filter page text box, input to Pagefind's answer shown, median / p95 (ms)",
         f"{statistics.median(filter_times):.0f} / {_p95(filter_times):.0f}"),
        ("search: query set hit rate (entry in the top 5), old / new",
         f"{o['hits'] / o['queries']:.0%} ({o['hits']}/{o['queries']}) / "
         f"{n['hits'] / n['queries']:.0%} ({n['hits']}/{n['queries']})"),
    ]


def main() -> int:
    from playwright.sync_api import sync_playwright

    with built_site() as site, tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = browser_support.launch(playwright)
        table = rows(site, browser, Path(tmp))
        browser.close()
    print_table(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
