"""Offline: after a first visit to a widget page, widget pages load and compute with the network gone;
a new build's service worker replaces the old cache. Pages without widgets register nothing until the
search is used; after a first search, the search works offline. The search files are cached when the
search is first used, never on a first visit."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_search import type_query
from tests.support.server import serve

pytestmark = pytest.mark.browser
WAIT = "() => navigator.serviceWorker.ready.then((r) => r.active && r.active.state === 'activated')"
CACHED = """() => caches.keys()
    .then((keys) => Promise.all(keys.map((k) => caches.open(k).then((c) => c.keys()))))
    .then((lists) => lists.flat().map((r) => new URL(r.url).pathname))"""


def cached_paths(page: Any) -> list[str]:
    return list(page.evaluate(CACHED))


def search_files(site: Path) -> list[str]:
    text = (site / "sw.js").read_text(encoding="utf-8")
    match = re.search(r"^const SEARCH = (\[.*?\]);$", text, re.MULTILINE | re.DOTALL)
    assert match, "sw.js has no list of search files"
    return list(json.loads(match.group(1)))


def _first_visit(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-kb-answered]", timeout=90_000)
    page.wait_for_function(WAIT, polling=100, timeout=90_000)


def test_widget_pages_work_offline_after_a_first_visit(chromium: Any, site_url: str) -> None:
    context = chromium.new_context()
    page = context.new_page()
    _first_visit(page, site_url + "maaltal/balance/")
    context.set_offline(True)
    page.goto(site_url + "maaltal/balance/?kvinder=1")
    page.wait_for_selector("[data-kb-answered]", timeout=90_000)
    page.fill("#kb-balance-kvinder", "5")
    page.wait_for_function("() => document.querySelector('[data-kb-group]').textContent"
                           ".startsWith('5 kvinder')", polling=50, timeout=10_000)
    context.close()


def test_search_works_offline_after_a_first_search(chromium: Any, site_url: str, built_site: Path) -> None:
    context = chromium.new_context()
    page = context.new_page()
    page.goto(site_url + "katalog/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0
    type_query(page, "barslen")  # the first search registers the worker, which caches the search
    page.wait_for_function(WAIT, polling=100, timeout=60_000)
    wanted = {"/" + f for f in search_files(built_site)}
    assert wanted and any(f.endswith("/pagefind/pagefind.js") for f in wanted)
    page.wait_for_function(f"() => ({CACHED})().then((paths) => {json.dumps(sorted(wanted))}"
                           ".every((f) => paths.includes(f)))", polling=200, timeout=60_000)
    assert not any(p.startswith("/assets/pyodide/") for p in cached_paths(page))  # no runtime for readers

    context.set_offline(True)
    page.reload()  # the page the reader searched on was kept
    paths = type_query(page, "rollemodellerne")  # a query never typed online
    assert "/initiativer/synliggoer-rollemodeller-af-det-underrepraesenterede-koen/" in paths
    assert page.locator("[data-kb-search-results] mark").count() > 0
    context.close()


def test_a_first_visit_caches_no_search_files(chromium: Any, site_url: str) -> None:
    context = chromium.new_context()
    page = context.new_page()
    _first_visit(page, site_url + "maaltal/balance/")
    assert [p for p in cached_paths(page) if "/pagefind/" in p] == []  # only once the search is used
    type_query(page, "måltallene")
    page.wait_for_function(f"() => ({CACHED})().then((paths) => paths.some((p) => p.endsWith('.pf_index')))",
                           polling=200, timeout=60_000)
    context.set_offline(True)
    assert type_query(page, "ligestillingsvurderinger")  # found offline in the widget page's cache
    context.close()


def test_pages_without_widgets_register_no_service_worker(chromium: Any, site_url: str) -> None:
    context = chromium.new_context()
    page = context.new_page()
    page.goto(site_url + "katalog/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0
    context.close()


def test_a_new_build_replaces_the_old_cache(chromium: Any, built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    context = chromium.new_context()
    page = context.new_page()
    with serve(site) as url:
        _first_visit(page, url + "maaltal/balance/")
        old = page.evaluate("caches.keys()")
        sw = site / "sw.js"
        sw.write_text(re.sub(r'const VERSION = "[0-9a-f]+"', 'const VERSION = "nybygning"',
                             sw.read_text(encoding="utf-8")), encoding="utf-8")
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        page.wait_for_function("() => caches.keys().then((k) => k.length === 1 && k[0] === 'kb-nybygning')",
                               polling=200, timeout=90_000)
    context.close()
    assert len(old) == 1 and old[0].startswith("kb-") and old[0] != "kb-nybygning"
