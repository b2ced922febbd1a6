"""Security gates on the built site: no inline event handlers in any page, no HTML-injecting DOM API
in our JavaScript (URL and storage values only ever reach textContent), and a CSP in every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.build import ROOT

pytestmark = pytest.mark.build

INLINE_HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.DOTALL)
HTML_SINKS = re.compile(r"\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write|srcdoc)\b|"
                        r"\b(eval|Function)\s*\(")
OUR_JS = ROOT / "overrides" / "assets" / "js"


def inline_handlers(html: str) -> list[str]:
    return [m.group(0)[:80] for m in INLINE_HANDLER.finditer(html)]


def html_sinks(source: str) -> list[str]:
    return [m.group(0) for m in HTML_SINKS.finditer(source)]


def test_no_inline_event_handlers_in_any_page(built_site: Path) -> None:
    found = {p.relative_to(built_site).as_posix(): inline_handlers(p.read_text(encoding="utf-8"))
             for p in built_site.rglob("*.html")}
    assert {page: hits for page, hits in found.items() if hits} == {}


def test_our_javascript_never_injects_html() -> None:
    files = sorted(OUR_JS.glob("*.js"))
    assert len(files) >= 5
    found = {p.name: html_sinks(p.read_text(encoding="utf-8")) for p in files}
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_every_page_carries_the_content_security_policy(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert '<meta http-equiv="Content-Security-Policy" content="default-src \'self\';' in html, page


def test_the_gates_catch_planted_violations() -> None:
    assert inline_handlers('<p>x</p><img src="x" onerror="alert(1)">')
    assert html_sinks("el.innerHTML = params.get('q');")
    assert html_sinks("const f = new Function(code);")
    assert not html_sinks("el.textContent = params.get('q');")
