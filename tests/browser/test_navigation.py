"""Moving between pages in one visit (Material's instant navigation, issue #19): the next widget page
answers with the Python that is already running (no second worker, no second runtime download); the
back button, anchors, the filter page (state in the URL), the header search and printing work as
with full page loads; visiting widget pages again keeps neither their status listeners nor a second
copy of their data in the worker; and nothing breaks the CSP (the page fixture fails on any console
error)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import icalendar
import pytest

from tests.browser.test_search import type_query
from tests.conftest import PageLog

pytestmark = pytest.mark.browser
ANSWERED = "[data-kb-widget='{}'][data-kb-answered]"
WASM = "/assets/pyodide/pyodide.asm.wasm"
MARK = "() => window.kbSameDocument === true"  # set once: gone after a full page load


def wasm_fetches(log: PageLog) -> int:
    return sum(1 for url in log.requests if url.split("?")[0].endswith(WASM))


def open_widget(page: Any, url: str, widget: str) -> list[str]:
    """Open a widget page with a full load; returns the list the page's worker starts are added to."""
    workers: list[str] = []
    page.on("worker", lambda worker: workers.append(worker.url))
    page.goto(url)
    page.wait_for_selector(ANSWERED.format(widget), timeout=90_000)
    page.evaluate("() => { window.kbSameDocument = true; }")
    return workers


def follow_nav_link(page: Any, path: str) -> None:
    page.click(f"nav.md-nav--primary a.md-nav__link[href$='{path}']")
    page.wait_for_function(f"() => location.pathname.endsWith('{path}')", polling=20, timeout=10_000)


def test_the_next_widget_page_answers_without_starting_python_again(page: Any, site_url: str,
                                                                    page_log: PageLog) -> None:
    workers = open_widget(page, site_url + "maaltal/balance/", "balance")
    follow_nav_link(page, "maaltal/saet-maaltal/")
    page.wait_for_selector(ANSWERED.format("maaltal"), timeout=20_000)
    assert page.evaluate(MARK)  # the same document: Material swapped the content
    # and the page works: its config arrived (the JSON block was not turned into a script)
    page.fill("#kb-maaltal-rekruttering", "60")
    page.wait_for_function("() => document.querySelector(\"[data-kb-out='headline']\").textContent"
                           ".includes('med 60 pct. kvinder blandt nye ledere')", polling=50, timeout=20_000)
    # the planner needs two more packages: loaded into the running Python, not a new one
    follow_nav_link(page, "workshop/")
    page.wait_for_selector(ANSWERED.format("workshop"), timeout=60_000)
    page.fill("#kb-ws-dato", "2026-03-05")
    page.wait_for_function("() => document.querySelector('[data-kb-invitation]').value"
                           ".includes('torsdag den 5. marts 2026')", polling=50, timeout=20_000)
    with page.expect_download() as info:
        page.click("[data-kb-download='ics']")
    calendar = icalendar.Calendar.from_ical(Path(info.value.path()).read_text(encoding="utf-8"))
    assert calendar.walk("VEVENT")
    assert page.evaluate(MARK)
    assert len(workers) == 1 and workers[0].endswith("/assets/js/pyodide-worker.js")
    assert wasm_fetches(page_log) == 1


# Counts the page data the page hands the worker (pyodide-client.js posts {type: "configure"}).
COUNT_CONFIGURES = """(() => { const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message, ...rest) {
      if (message && message.type === "configure") window.kbConfigures = (window.kbConfigures || 0) + 1;
      return post.call(this, message, ...rest); }; })()"""
CLIENT = """async (url) => { const client = (await import(url)).runningClient();
    return {listeners: client.listeners.size, pages: client.pages.size,
            roots: document.querySelectorAll('[data-kb-widget]').length,
            configures: window.kbConfigures}; }"""


def test_widget_pages_visited_again_reuse_their_data_and_leave_no_listeners(page: Any, site_url: str) -> None:
    """From a page without a widget (so the worker starts on the first widget page reached by
    navigation, not from the head) to two widget pages, three times each."""
    page.add_init_script(COUNT_CONFIGURES)
    workers: list[str] = []
    page.on("worker", lambda worker: workers.append(worker.url))
    page.goto(site_url)
    page.evaluate("() => { window.kbSameDocument = true; }")
    for _ in range(3):
        for path, widget in (("maaltal/balance/", "balance"), ("maaltal/saet-maaltal/", "maaltal")):
            follow_nav_link(page, path)
            page.wait_for_selector(ANSWERED.format(widget), timeout=60_000)
    state = page.evaluate(CLIENT, site_url + "assets/js/pyodide-client.js")
    assert state == {"listeners": 1, "pages": 2, "roots": 1, "configures": 2}
    page.fill("#kb-maaltal-rekruttering", "60")  # and the page's data is still the right one
    page.wait_for_function("() => document.querySelector(\"[data-kb-out='headline']\").textContent"
                           ".includes('med 60 pct. kvinder blandt nye ledere')", polling=50, timeout=20_000)
    assert page.evaluate(MARK) and len(workers) == 1


def test_back_and_forward_restore_the_pages(page: Any, site_url: str) -> None:
    open_widget(page, site_url + "maaltal/balance/", "balance")
    page.fill("#kb-balance-kvinder", "5")
    page.wait_for_function("() => document.querySelector('[data-kb-group]').textContent"
                           ".startsWith('5 kvinder')", polling=50, timeout=20_000)
    follow_nav_link(page, "maaltal/saet-maaltal/")
    page.wait_for_selector(ANSWERED.format("maaltal"), timeout=20_000)
    page.go_back()
    page.wait_for_selector(ANSWERED.format("balance"), timeout=20_000)
    assert page.url == site_url + "maaltal/balance/"
    assert page.locator("h1").first.inner_text().startswith("Er ledelsen kønsbalanceret?")
    page.fill("#kb-balance-kvinder", "3")  # the page that came back works
    page.wait_for_function("() => document.querySelector('[data-kb-group]').textContent"
                           ".startsWith('3 kvinder')", polling=50, timeout=20_000)
    page.go_forward()
    page.wait_for_selector(ANSWERED.format("maaltal"), timeout=20_000)
    assert page.url.startswith(site_url + "maaltal/saet-maaltal/") and page.evaluate(MARK)


def test_an_anchor_link_scrolls_within_the_page(page: Any, site_url: str) -> None:
    open_widget(page, site_url + "maaltal/balance/", "balance")
    link = page.locator("article a.headerlink").nth(1)  # the second heading's permalink
    target = "#" + str(link.evaluate("(a) => decodeURIComponent(new URL(a.href).hash.slice(1))"))
    link.click()
    page.wait_for_function(f"() => decodeURIComponent(location.hash) === '{target}'", polling=20,
                           timeout=10_000)
    page.wait_for_function("(id) => { const r = document.getElementById(id).getBoundingClientRect();"
                           " return r.top >= -2 && r.top < innerHeight / 2; }", arg=target[1:],
                           polling=50, timeout=10_000)
    assert page.evaluate(MARK)
    page.go_back()  # back to the page without the anchor, still the same document
    page.wait_for_function("() => location.hash === ''", polling=50, timeout=10_000)
    assert page.evaluate(MARK) and page.locator(ANSWERED.format("balance")).count() == 1


def test_back_after_an_anchor_returns_to_where_the_reader_was(page: Any, site_url: str) -> None:
    """On a page reached by instant navigation (Material then restores scrolling itself)."""
    open_widget(page, site_url + "maaltal/balance/", "balance")
    follow_nav_link(page, "maaltal/saet-maaltal/")
    page.wait_for_selector(ANSWERED.format("maaltal"), timeout=20_000)
    link = page.locator("article a.headerlink").nth(1)  # the second heading's permalink
    link.scroll_into_view_if_needed()
    before = page.evaluate("scrollY")
    assert before > 0
    link.click()
    page.wait_for_function("(y) => location.hash && Math.abs(scrollY - y) > 20", arg=before, polling=50,
                           timeout=10_000)
    page.go_back()
    page.wait_for_function("() => location.hash === ''", polling=50, timeout=10_000)
    page.wait_for_function("(y) => Math.abs(scrollY - y) <= 2", arg=before, polling=50, timeout=10_000)
    assert page.evaluate(MARK)  # all in one document


def test_the_filter_page_keeps_its_state_in_the_url_across_navigation(page: Any, site_url: str) -> None:
    open_widget(page, site_url + "maaltal/balance/", "balance")
    for _ in range(2):  # the second visit runs filter.js's init again (its module runs once)
        follow_nav_link(page, "find/")
        page.wait_for_selector("[data-kb-filter][data-kb-filter-ready]", timeout=20_000)
        box = page.locator("[data-kb-filter-form] input[type='checkbox']").first
        box.check()
        page.wait_for_function("() => location.search.length > 1", polling=20, timeout=10_000)
        chosen = page.url
        box.uncheck()
        page.wait_for_function(f"() => location.href !== '{chosen}'", polling=20, timeout=10_000)
        page.go_back()  # the reader's previous filter, not the page before
        page.wait_for_function(f"() => location.href === '{chosen}'", polling=20, timeout=10_000)
        page.wait_for_function("() => document.querySelector('[data-kb-filter-form] "
                               "input[type=checkbox]').checked", polling=20, timeout=10_000)
        page.go_back()
        page.wait_for_function("() => location.pathname.endsWith('/find/') && location.search === ''",
                               polling=20, timeout=10_000)
        page.go_back()  # and on to the widget page the reader came from
        page.wait_for_selector(ANSWERED.format("balance"), timeout=20_000)
        assert page.url == site_url + "maaltal/balance/"
    assert page.evaluate(MARK)


def test_a_search_result_opens_and_the_search_works_again(page: Any, site_url: str) -> None:
    open_widget(page, site_url + "maaltal/balance/", "balance")
    paths = type_query(page, "barslen")
    page.locator("[data-kb-search-results] a.kb-search__hit").first.click()
    page.wait_for_function(f"() => location.pathname === '{paths[0]}'", polling=20, timeout=10_000)
    page.wait_for_selector("article h1", timeout=10_000)
    assert page.evaluate(MARK)
    assert type_query(page, "måltallene")  # the header search still answers on the new page


def test_printing_a_page_reached_by_navigation_shows_its_content(page: Any, site_url: str) -> None:
    open_widget(page, site_url + "maaltal/balance/", "balance")
    follow_nav_link(page, "maaltal/saet-maaltal/")
    page.wait_for_selector(ANSWERED.format("maaltal"), timeout=20_000)
    page.emulate_media(media="print")
    assert page.locator("article").is_visible()
    assert page.locator("[data-kb-widget='maaltal'] [data-kb-out='headline']").is_visible()
    assert not page.locator("nav.md-nav--primary").first.is_visible()  # Material hides the menus
