"""Offline: after a first visit to a widget page, that page loads and computes with the network gone;
once the browser is idle the other widget pages follow, unless the reader saves data. Pyodide's
runtime lives in a cache named by its content that a new build keeps; the rest of a new build's
cache replaces the old one. Pages without widgets load nothing of Pyodide and register nothing until
the search is used; after a first search, the search works offline. The search files are cached
when the search is first used, never on a first visit."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_navigation import follow_nav_link
from tests.browser.test_search import type_query
from tests.support.build import js_constant
from tests.support.server import serve

pytestmark = pytest.mark.browser
WAIT = "() => navigator.serviceWorker.ready.then((r) => r.active && r.active.state === 'activated')"
CACHED = """() => caches.keys()
    .then((keys) => Promise.all(keys.map((k) => caches.open(k).then((c) => c.keys()))))
    .then((lists) => lists.flat().map((r) => new URL(r.url).pathname))"""


def cached_paths(page: Any) -> list[str]:
    return list(page.evaluate(CACHED))


def search_files(site: Path) -> list[str]:
    return sw_list(site, "SEARCH")


def _first_visit(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-kb-answered]", timeout=90_000)
    _poll(page, WAIT, 90_000)


def _poll(page: Any, expression: str, timeout: int = 120_000) -> None:
    """Wait until an async expression (a function returning a promise) comes true. (Playwright's
    wait_for_function takes a returned promise as a true value at once: evaluate awaits it.)"""
    for _ in range(timeout // 250):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"never true: {expression[:200]}")


def _wait_cached(page: Any, paths: list[str], timeout: int = 120_000) -> None:
    _poll(page, f"() => ({CACHED})().then((paths) => {json.dumps(sorted(paths))}"
                ".every((f) => paths.includes(f)))", timeout)


def sw_list(site: Path, name: str) -> list[str]:
    text = (site / "sw.js").read_text(encoding="utf-8")
    match = re.search(rf"^const {name} = (\[.*?\]);$", text, re.MULTILINE | re.DOTALL)
    assert match, f"sw.js has no list {name}"
    return list(json.loads(match.group(1)))


def one_page_per_widget(site: Path) -> dict[str, str]:
    """widget name -> the first page (site-relative, 'a/b/') that has it."""
    found: dict[str, str] = {}
    for page in sw_list(site, "PRECACHE"):
        if page.endswith("/"):
            html = (site / page / "index.html").read_text(encoding="utf-8")
            for widget in re.findall(r'data-kb-widget="([a-z-]+)"', html):
                found.setdefault(widget, page)
    return found


def _settled(page: Any) -> list[str]:
    """The cached paths once two looks a second apart see the same."""
    last: list[str] = []
    for _ in range(60):
        now = sorted(cached_paths(page))
        if now == last:
            return now
        last = now
        page.wait_for_timeout(1000)
    raise AssertionError("the cache kept changing")


def used_by_balance(site: Path) -> list[str]:
    wheel = next(p.name for p in (site / "assets" / "pyodide").glob("koensbalance-*.whl"))
    return ["/maaltal/balance/", "/assets/pyodide/pyodide.asm.wasm", "/assets/pyodide/python_stdlib.zip",
            f"/assets/pyodide/{wheel}", "/assets/js/pyodide-worker.js", "/assets/js/widget-balance.js"]


REST_QUIET_MS = js_constant("offline.js", "REST_QUIET_MS")
# Every message a page posts to the service worker, with its time (ms since the visit's first page).
LOG_MESSAGES = """(() => {
    const post = ServiceWorker.prototype.postMessage;
    window.kbSwMessages = [];
    ServiceWorker.prototype.postMessage = function (message, ...rest) {
        window.kbSwMessages.push({ type: message && message.type, t: performance.now() });
        return post.call(this, message, ...rest);
    };
})();"""
RUNTIME_FILES = {"/assets/pyodide/pyodide.asm.wasm", "/assets/pyodide/pyodide.asm.mjs",
                 "/assets/pyodide/pyodide.mjs"}
SAVE_DATA = "Object.defineProperty(Navigator.prototype, 'connection', {get: () => ({saveData: true})})"


def test_every_widget_works_offline_after_a_first_visit(chromium: Any, site_url: str,
                                                        built_site: Path) -> None:
    context = chromium.new_context()
    page = context.new_page()
    _first_visit(page, site_url + "maaltal/balance/")
    # the rest follows once the browser is idle: every widget page and every file they load
    rest = ["/" + p for p in sw_list(built_site, "PRECACHE")]
    assert "/assets/vendor/docx.mjs" in rest and "/plan/" in rest
    _wait_cached(page, rest)
    context.set_offline(True)
    page.goto(site_url + "maaltal/balance/?kvinder=1")
    page.wait_for_selector("[data-kb-answered]", timeout=90_000)
    page.fill("#kb-balance-kvinder", "5")
    page.wait_for_function("() => document.querySelector('[data-kb-group]').textContent"
                           ".startsWith('5 kvinder')", polling=50, timeout=10_000)
    widgets = one_page_per_widget(built_site)
    assert {"balance", "maaltal", "workshop", "plan"} <= set(widgets)
    for widget, path in widgets.items():  # a full load each: a new Python from the cache alone
        page.goto(site_url + path)
        page.wait_for_selector(f"[data-kb-widget='{widget}'][data-kb-answered]", timeout=90_000)
        assert page.locator(f"[data-kb-widget='{widget}']").get_attribute("data-kb-state") == "ready"
    context.close()


def test_the_rest_waits_until_the_reader_stays_on_a_widget_page(chromium: Any, site_url: str,
                                                               built_site: Path) -> None:
    """A reader who moves on to the next widget page at once does not wait for the rest being cached:
    it is asked for only once they stayed REST_QUIET_MS on a widget page, and then it is cached."""
    context = chromium.new_context()
    context.add_init_script(LOG_MESSAGES)
    page = context.new_page()
    page.goto(site_url + "maaltal/balance/")
    page.wait_for_selector("[data-kb-answered]", timeout=90_000)
    follow_nav_link(page, "maaltal/saet-maaltal/")
    page.wait_for_selector("[data-kb-widget='maaltal'][data-kb-answered]", timeout=90_000)
    page.wait_for_function("() => window.kbSwMessages.some((m) => m.type === 'rest')", polling=100,
                           timeout=90_000)
    messages = page.evaluate("window.kbSwMessages")
    keeps = [m["t"] for m in messages if m["type"] == "keep"]
    rests = [m["t"] for m in messages if m["type"] == "rest"]
    assert len(keeps) == 2 and len(rests) == 1, messages  # one per widget page; the rest once
    assert page.evaluate("location.pathname").endswith("/maaltal/saet-maaltal/")  # one visit
    assert rests[0] - keeps[1] >= REST_QUIET_MS, messages  # the second page started the wait again
    _wait_cached(page, ["/" + p for p in sw_list(built_site, "PRECACHE")])
    context.close()


def test_a_first_visit_caches_only_what_the_page_used_when_saving_data(chromium: Any, site_url: str,
                                                                       built_site: Path) -> None:
    context = chromium.new_context()
    context.add_init_script(SAVE_DATA)
    page = context.new_page()
    _first_visit(page, site_url + "maaltal/balance/")
    _wait_cached(page, used_by_balance(built_site), timeout=60_000)
    page.wait_for_timeout(REST_QUIET_MS + 3000)  # time enough for a rest that must not be asked for
    cached = cached_paths(page)
    assert not any(p.startswith("/assets/vendor/") for p in cached)  # the plan builder's .docx library
    assert not any(re.search(r"/(icalendar|segno|holidays)-", p) for p in cached)  # others' wheels
    assert "/plan/" not in cached and "/maaltal/saet-maaltal/" not in cached
    context.set_offline(True)
    page.reload()
    page.wait_for_selector("[data-kb-widget='balance'][data-kb-answered]", timeout=90_000)
    page.fill("#kb-balance-kvinder", "4")
    page.wait_for_function("() => document.querySelector('[data-kb-group]').textContent"
                           ".startsWith('4 kvinder')", polling=50, timeout=10_000)
    context.close()


def test_search_works_offline_after_a_first_search(chromium: Any, site_url: str, built_site: Path) -> None:
    context = chromium.new_context()
    page = context.new_page()
    page.goto(site_url + "katalog/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0
    type_query(page, "barslen")  # the first search registers the worker, which caches the search
    _poll(page, WAIT, 60_000)
    wanted = {"/" + f for f in search_files(built_site)}
    assert wanted and any(f.endswith("/pagefind/pagefind.js") for f in wanted)
    _wait_cached(page, sorted(wanted), 60_000)
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
    _poll(page, f"() => ({CACHED})().then((paths) => paths.some((p) => p.endsWith('.pf_index')))", 60_000)
    context.set_offline(True)
    assert type_query(page, "ligestillingsvurderinger")  # found offline in the widget page's cache
    context.close()


def test_pages_without_widgets_load_nothing_of_pyodide(chromium: Any, site_url: str) -> None:
    context = chromium.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + "katalog/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0
    assert [u for u in requests if "/assets/pyodide/" in u or "pyodide-worker" in u] == []
    assert requests and all(u.startswith(site_url) for u in requests)
    context.close()


def test_a_new_build_replaces_the_site_cache_and_keeps_the_runtime(chromium: Any, built_site: Path,
                                                                   tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    context = chromium.new_context()
    context.add_init_script(SAVE_DATA)  # only what the page used: the update carries that over
    page = context.new_page()
    with serve(site) as url:
        _first_visit(page, url + "maaltal/balance/")
        _wait_cached(page, used_by_balance(site))
        before = _settled(page)  # the first visit's caching has finished
        old = sorted(page.evaluate("caches.keys()"))
        sw = site / "sw.js"
        sw.write_text(re.sub(r'const VERSION = "[0-9a-f]+"', 'const VERSION = "nybygning"',
                             sw.read_text(encoding="utf-8")), encoding="utf-8")
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        held = sorted(set(before) - RUNTIME_FILES)
        # one look that sees the old build's cache gone and the new one holding what it held
        _poll(page, f"""() => caches.keys().then(async (keys) => {{
            if (!keys.includes('kb-nybygning') || keys.length !== 2) return false;
            const cache = await caches.open('kb-nybygning');
            const paths = (await cache.keys()).map((r) => new URL(r.url).pathname);
            return {json.dumps(held)}.every((p) => paths.includes(p));
        }})""", 90_000)
        new = sorted(page.evaluate("caches.keys()"))
        in_new = page.evaluate("""() => caches.open('kb-nybygning').then((c) => c.keys())
            .then((r) => r.map((x) => new URL(x.url).pathname))""")
        runtime = next(k for k in new if k.startswith("kb-runtime-"))
        wasm = page.evaluate("(name) => caches.open(name).then((c) => c.match("
                             "'/assets/pyodide/pyodide.asm.wasm')).then((r) => Boolean(r))", runtime)
    context.close()
    assert len(old) == 2 and runtime in old  # the runtime's cache is the same one as before
    assert [k for k in old if k != runtime][0].startswith("kb-") and "kb-nybygning" not in old
    assert wasm
    # what the old cache held, in the new build's version: the page still works offline
    assert "/maaltal/balance/" in in_new and "/assets/js/widget-balance.js" in in_new
    assert "/assets/pyodide/pyodide.asm.wasm" not in in_new  # not copied: kept in the runtime cache
    assert set(before) - RUNTIME_FILES <= set(in_new)
