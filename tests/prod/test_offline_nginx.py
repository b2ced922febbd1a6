"""The offline service worker behind nginx with the production configuration: the headers it depends
on, precompressed copies that say the same as the files they stand for, and widget pages that load
and compute with the network gone after a first visit."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from typing import Any

import brotli
import pytest
from macros.maaltal_macros import default_scenario

from tests.browser.test_maaltal_widget import expected_view, shown
from tests.prod.test_nginx import fetch

pytestmark = pytest.mark.browser
CONTROLLED = "() => navigator.serviceWorker.controller !== null"
WASM = "assets/pyodide/pyodide.asm.wasm"
DECODE = {".br": brotli.decompress, ".gz": gzip.decompress}


def precache(site: Path, name: str = "PRECACHE") -> list[str]:
    text = (site / "sw.js").read_text(encoding="utf-8")
    match = re.search(rf"^const {name} = (\[.*?\]);$", text, re.MULTILINE | re.DOTALL)
    assert match, f"sw.js has no list {name}"
    return list(json.loads(match.group(1)))


def test_sw_js_revalidates_is_javascript_and_varies_by_encoding(nginx_url: str) -> None:
    for encoding in ("br", "gzip", "identity"):
        response = fetch(nginx_url + "sw.js", **{"Accept-Encoding": encoding})
        assert response.status == 200
        # A browser looks for a new service worker on every visit; a cached sw.js would hide a new
        # build until the cache expired.
        assert response.headers["Cache-Control"] == "no-cache"
        assert response.headers["Content-Type"].split(";")[0] == "text/javascript"
        assert response.headers.get("Content-Encoding", "identity") == encoding
        # A shared cache in front must keep the encodings apart.
        assert response.headers["Vary"] == "Accept-Encoding"
        assert "ETag" in response.headers


def test_every_precompressed_copy_the_worker_caches_is_the_file(built_site: Path) -> None:
    # nginx sends file.br / file.gz in place of file: a stale copy (sw.js is rewritten after the
    # build) would be cached by the service worker and served offline until the next version.
    # Pagefind's index chunks are gzip data already (Pagefind unpacks them itself): no copies of those.
    search = precache(built_site, "SEARCH")
    assert any(p.endswith("pagefind.js") for p in search)
    for name, files in (("PRECACHE", ["sw.js", *precache(built_site)]), ("SEARCH", search)):
        files = [p + "index.html" if p.endswith("/") else p for p in files]
        compressed = 0
        for rel in files:
            path = built_site / rel
            for suffix, decode in DECODE.items():
                copy = path.with_name(path.name + suffix)
                if copy.exists():
                    assert decode(copy.read_bytes()) == path.read_bytes(), copy
                    compressed += 1
        if name == "PRECACHE":
            assert compressed > len(files)  # most files have both copies
    assert set(precache(built_site, "SHELL")) <= set(precache(built_site))  # checked with PRECACHE


def test_widget_pages_work_offline_through_nginx(chromium: Any, nginx_url: str, built_site: Path) -> None:
    context = chromium.new_context()
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.goto(nginx_url + "maaltal/balance/")
    page.wait_for_selector("[data-kb-widget='balance'][data-kb-answered]", timeout=90_000)
    page.wait_for_function(CONTROLLED, polling=100, timeout=90_000)
    scope = page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.scope)")
    assert scope == nginx_url  # the site root, so no Service-Worker-Allowed header is needed
    # What the cache holds is what nginx sent, decoded: the runtime keeps its wasm type and its size.
    # (in the runtime's own cache, named by its content; polled: the page tells the worker what it
    # used once Python answered)
    wasm = None
    for _ in range(240):
        wasm = page.evaluate("""(url) => caches.keys()
            .then((keys) => caches.open(keys.find((k) => k.startsWith('kb-runtime-')) || 'none'))
            .then((cache) => cache.match(url))
            .then((r) => r && r.arrayBuffer().then((b) => [r.headers.get('Content-Type'), b.byteLength]))""",
                             nginx_url + WASM)
        if wasm:
            break
        page.wait_for_timeout(250)
    assert wasm == ["application/wasm", (built_site / WASM).stat().st_size]

    # the other widget pages follow once the browser is idle (offline.js asks the worker for them)
    rest = json.dumps(["/" + p for p in precache(built_site)])
    for _ in range(480):
        if page.evaluate(f"""() => caches.keys()
            .then((keys) => Promise.all(keys.map((k) => caches.open(k).then((c) => c.keys()))))
            .then((lists) => lists.flat().map((r) => new URL(r.url).pathname))
            .then((paths) => {rest}.every((p) => paths.includes(p)))"""):
            break
        page.wait_for_timeout(250)
    else:
        raise AssertionError("the widget pages were not cached when the browser was idle")
    context.set_offline(True)
    page.reload()
    page.wait_for_selector("[data-kb-widget='balance'][data-kb-answered]", timeout=90_000)
    page.fill("#kb-balance-kvinder", "5")
    page.wait_for_function("() => document.querySelector('[data-kb-group]').textContent"
                           ".startsWith('5 kvinder')", polling=50, timeout=20_000)

    page.goto(nginx_url + "maaltal/saet-maaltal/")
    page.wait_for_selector("[data-kb-widget='maaltal'][data-kb-answered]", timeout=90_000)
    page.fill("#kb-maaltal-rekruttering", "60")
    page.wait_for_function("() => document.querySelector(\"[data-kb-out='headline']\").textContent"
                           ".includes('med 60 pct. kvinder blandt nye ledere')", polling=50, timeout=20_000)
    assert shown(page) == expected_view({**default_scenario(), "rekruttering": "60"})
    # Nothing a widget page loads is missing offline.
    assert errors == []
    assert fetch_fails(page, nginx_url + "findes-ikke.txt")  # and the network really is gone
    context.close()


def fetch_fails(page: Any, url: str) -> bool:
    return bool(page.evaluate("(url) => fetch(url).then(() => false, () => true)", url))
