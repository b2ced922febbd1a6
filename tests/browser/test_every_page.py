"""Gates over every built page in headless Chromium: axe-core (WCAG 2.1 A/AA) finds nothing, lang="da",
exactly one h1, a skip link, visible keyboard focus; and (via the `page` fixture) no console error and
no request to another origin while loading any page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.axe import describe, violations

pytestmark = pytest.mark.browser


def site_pages(site: Path) -> list[str]:
    pages = []
    for path in sorted(site.rglob("index.html")):
        rel = path.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return pages


def test_every_page_passes_axe_and_structure_checks(page: Any, site_url: str, built_site: Path) -> None:
    problems: list[str] = []
    paths = site_pages(built_site)
    assert len(paths) > 100
    for path in paths:
        page.goto(site_url + path, wait_until="domcontentloaded")
        if page.get_attribute("html", "lang") != "da":
            problems.append(f"{path}: lang er ikke 'da'")
        if (h1 := page.locator("h1").count()) != 1:
            problems.append(f"{path}: {h1} h1-overskrifter")
        if page.locator("a.md-skip").count() != 1:
            problems.append(f"{path}: intet spring-til-indhold-link")
        found = violations(page)
        if found:
            problems.append(f"{path}:\n{describe(found)}")
    assert problems == [], "\n".join(problems)


def test_keyboard_focus_is_visible(page: Any, site_url: str) -> None:
    page.goto(site_url + "katalog/")
    page.keyboard.press("Tab")  # the skip link comes first
    focused = page.evaluate("""() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        return { cls: el.className, outline: style.outlineStyle, width: parseFloat(style.outlineWidth),
                 visible: el.getBoundingClientRect().height > 0 };
    }""")
    assert "md-skip" in focused["cls"].split() and focused["visible"]
    page.keyboard.press("Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineWidth")
    assert float(outline.removesuffix("px")) >= 2


def test_the_axe_gate_catches_a_planted_violation(page: Any, site_url: str) -> None:
    page.goto(site_url + "katalog/")
    page.evaluate("""() => {
        const img = document.createElement('img');
        img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
        document.querySelector('article').append(img);  // an image without alt text
    }""")
    assert any(v["id"] == "image-alt" for v in violations(page))


def test_the_privacy_gate_catches_a_planted_foreign_request(chromium: Any, site_url: str) -> None:
    from tests.conftest import PageLog

    log = PageLog(origin=site_url.rstrip("/"))
    context = chromium.new_context()
    context.on("request", lambda request: log.requests.append(request.url))
    page = context.new_page()
    page.goto(site_url + "katalog/")
    page.evaluate("""() => {
        const img = document.createElement('img');
        img.alt = '';
        img.src = 'https://fonts.example.invalid/pixel.png';
        document.body.append(img);
    }""")
    page.wait_for_timeout(300)
    context.close()
    assert log.foreign_requests() == ["https://fonts.example.invalid/pixel.png"]


def test_no_cookies_are_set(page: Any, site_url: str, built_site: Path) -> None:
    for path in ("", "katalog/", "maaltal/balance/", "find/"):
        page.goto(site_url + path)
    assert page.context.cookies() == []
