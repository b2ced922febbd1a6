"""Production serving: nginx with the generated configuration in front of the built site. Headers,
precompression, caching, and every page and the widget working under the Content-Security-Policy."""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_every_page import site_pages
from tests.support.server import serve

pytestmark = pytest.mark.browser


def fetch(url: str, **headers: str) -> Any:
    try:
        return urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10)
    except urllib.error.HTTPError as error:
        return error


def test_html_has_security_headers_and_revalidates(nginx_url: str) -> None:
    response = fetch(nginx_url + "maaltal/balance/")
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "'wasm-unsafe-eval'" in csp
    assert "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp and "unsafe-eval'" not in \
        csp.replace("'wasm-unsafe-eval'", "")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-cache"
    again = fetch(nginx_url + "maaltal/balance/", **{"If-None-Match": response.headers["ETag"]})
    assert again.status == 304


def test_wasm_is_served_precompressed_with_its_type(nginx_url: str, built_site: Path) -> None:
    wasm = built_site / "assets" / "pyodide" / "pyodide.asm.wasm"
    for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
        response = fetch(nginx_url + "assets/pyodide/pyodide.asm.wasm", **{"Accept-Encoding": encoding})
        assert response.headers["Content-Type"] == "application/wasm"
        assert response.headers["Content-Encoding"] == encoding
        body = response.read()
        assert body == (wasm.parent / (wasm.name + suffix)).read_bytes()
        assert len(body) < wasm.stat().st_size / 2


def test_versioned_assets_are_immutable_others_revalidate(nginx_url: str, built_site: Path) -> None:
    bundle = next((built_site / "assets" / "javascripts").glob("bundle.*.min.js"))
    response = fetch(nginx_url + bundle.relative_to(built_site).as_posix())
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert fetch(nginx_url + "assets/js/widgets.js").headers["Cache-Control"] == "no-cache"
    assert fetch(nginx_url + "assets/pyodide/pyodide.mjs").headers["Content-Type"].startswith(
        "text/javascript")


def test_unknown_page_is_a_real_404(nginx_url: str) -> None:
    response = fetch(nginx_url + "findes-ikke/")
    assert response.status == 404 and "Content-Security-Policy" in response.headers


def _collect_errors(context: Any, errors: list[str]) -> Any:
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("worker", lambda w: w.on("console", lambda m: errors.append(m.text)
                                     if m.type == "error" else None))
    return page


def test_every_page_loads_through_nginx_without_csp_violation(chromium: Any, nginx_url: str,
                                                              built_site: Path) -> None:
    context = chromium.new_context()
    errors: list[str] = []
    page = _collect_errors(context, errors)
    for path in site_pages(built_site):
        page.goto(nginx_url + path, wait_until="load")
    context.close()
    assert errors == []


def test_widget_works_through_nginx(chromium: Any, nginx_url: str) -> None:
    context = chromium.new_context()
    errors: list[str] = []
    page = _collect_errors(context, errors)
    page.goto(nginx_url + "maaltal/balance/")
    page.wait_for_selector("[data-kb-widget='balance'][data-kb-answered]", timeout=90_000)
    page.fill("#kb-balance-kvinder", "4")
    page.wait_for_function("() => document.querySelector('[data-kb-group]').textContent"
                           ".startsWith('4 kvinder')", polling=50)
    context.close()
    assert errors == []


def test_the_csp_gate_catches_a_planted_inline_script(chromium: Any, built_site: Path,
                                                      tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("pyodide"))
    page_file = site / "katalog" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    page_file.write_text(html.replace("</body>", "<script>document.title='hacked'</script></body>"),
                         encoding="utf-8")
    context = chromium.new_context()
    errors: list[str] = []
    page = _collect_errors(context, errors)
    with serve(site) as url:
        page.goto(url + "katalog/")
        title = page.title()
    context.close()
    assert title != "hacked"
    assert any("Content Security Policy" in e for e in errors)
