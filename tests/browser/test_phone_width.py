"""Every page of the built site on a 360 px phone (issue 21, items 3 and 16): nothing is wider than the
screen except inside a box that scrolls on its own (a wide table), so nothing is cut off where
`overflow-x: hidden` would make it unreachable; and the header's controls are at least 24 × 24 px
(WCAG 2.2, 2.5.8). Widget pages are measured after their script has drawn them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_every_page import site_pages

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}

# Elements that stick out of the viewport (or are wider than it) and are not inside an element that
# scrolls horizontally. Elements wholly off-screen (Material's closed navigation drawer) and
# invisible ones are not "cut off".
OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + [...el.classList].map((c) => "." + c).join("");
    const inScrollBox = (el) => {
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
            if (/(auto|scroll)/.test(getComputedStyle(a).overflowX)) return true;
        }
        return false;
    };
    const found = [];
    for (const el of document.querySelectorAll("body *")) {
        const box = el.getBoundingClientRect();
        if (box.width < 2 || box.height < 2 || getComputedStyle(el).visibility === "hidden") continue;
        const cut = box.width > width + 1 || (box.left < width && box.right > width + 1);
        if (cut && !inScrollBox(el)) found.push(`${name(el)} (${Math.round(box.width)} px)`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, found: found.slice(0, 5) };
}"""

TARGETS = """() => [...document.querySelectorAll(
        ".md-header a, .md-header button, .md-header label[for], .kb-search button, .kb-search a")]
    .filter((el) => {
        if (el.classList.contains("kb-sr")) return false;  // visually hidden label, not a target
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && style.visibility !== "hidden"
            && style.pointerEvents !== "none" && Number(style.opacity) > 0;
    })
    .map((el) => ({ name: el.className || el.tagName, text: el.textContent.trim().slice(0, 30),
                    width: el.getBoundingClientRect().width, height: el.getBoundingClientRect().height }))
    .filter((t) => t.width < 24 || t.height < 24)"""


@pytest.fixture
def phone(chromium: Any, page_log: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport=PHONE, service_workers="block", is_mobile=True,
                                   has_touch=True)
    context.on("request", lambda request: page_log.requests.append(request.url))
    page = context.new_page()
    page.on("pageerror", lambda e: page_log.console_errors.append(f"pageerror: {e}"))
    yield page
    context.close()
    assert page_log.console_errors == []
    assert page_log.foreign_requests() == []


def drawn(page: Any) -> None:
    """Wait for the widgets' own layout (forms, tools and QR codes appear when the script runs)."""
    if page.locator("[data-kb-widget]").count() == 0:
        return
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-kb-widget]')].every((w) => w.dataset.kbAnswered)",
        polling=100, timeout=90_000)
    if page.locator("[data-kb-qr-figure]").count():  # the planner's QR code follows a little later
        page.wait_for_selector("[data-kb-qr-figure]:not([hidden])", timeout=30_000)


def test_every_page_fits_a_360_px_phone(phone: Any, site_url: str, built_site: Path) -> None:
    problems = []
    paths = site_pages(built_site)
    assert len(paths) > 100
    for path in paths:
        phone.goto(site_url + path, wait_until="load")
        drawn(phone)
        found = phone.evaluate(OVERFLOW)
        if found["scrollWidth"] > found["width"] or found["found"]:
            problems.append(f"{path}: sidebredde {found['scrollWidth']} px; for brede: {found['found']}")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("path", ["", "katalog/", "maaltal/saet-maaltal/", "workshop/"])
def test_header_targets_are_at_least_24_px(phone: Any, site_url: str, path: str) -> None:
    phone.goto(site_url + path)
    phone.wait_for_selector("[data-kb-plan-counter]")
    counter = phone.locator("[data-kb-plan-counter]").bounding_box()
    assert counter["width"] >= 24 and counter["height"] >= 24, counter
    assert phone.evaluate(TARGETS) == []
    # With the search open and a word typed, its close button and the results are targets too.
    phone.click("[data-kb-search-open]")
    phone.fill("#kb-search-input", "ledelse")
    phone.wait_for_selector("[data-kb-search-results] a", timeout=30_000)
    close = phone.locator("[data-kb-search-close]").bounding_box()
    assert close["width"] >= 24 and close["height"] >= 24, close
    assert phone.evaluate(TARGETS) == []
