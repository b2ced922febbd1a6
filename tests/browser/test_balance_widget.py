"""The balance widget in headless Chromium, with Pyodide loaded from the site's own origin.
Every test also fails on console errors or on a request to another origin (see conftest)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from koensbalance.catalogue import files
from koensbalance.maaltal.balance import BalanceRule, assess_form
from tests.support.build import ROOT

pytestmark = pytest.mark.browser
READY = "[data-kb-widget='balance'][data-kb-state='ready']"


def wait_until(page: Any, expression: str) -> None:
    """Poll a JS expression (requestAnimationFrame polling stalls in some headless contexts)."""
    page.wait_for_function(f"() => {expression}", polling=50, timeout=10_000)


def text_of(selector: str) -> str:
    return f"document.querySelector('{selector}').textContent"


def open_widget(page: Any, site_url: str) -> None:
    page.goto(site_url + "maaltal/balance/")
    page.wait_for_selector(READY, timeout=90_000)


def test_page_is_complete_without_javascript(chromium: Any, site_url: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "maaltal/balance/")
    assert page.text_content("[data-kb-headline]") == "Nej – gruppen er ikke kønsbalanceret."
    assert page.locator("[data-kb-balance-table] tbody tr").count() == 20  # groups of 1-20
    assert page.locator("[data-kb-form]").is_hidden()  # no dead form without JavaScript
    context.close()


def test_widget_answers_new_input(page: Any, site_url: str) -> None:
    open_widget(page, site_url)
    page.fill("#kb-balance-kvinder", "1")
    page.fill("#kb-balance-maend", "6")
    wait_until(page, text_of("[data-kb-group]") + ".startsWith('1 kvinde og 6')")
    assert page.text_content("[data-kb-headline]") == "Nej – gruppen er ikke kønsbalanceret."
    assert "Der mangler 2 kvinder" in page.text_content("[data-kb-details]")
    page.fill("#kb-balance-maend", "9")  # 1 of 10: still 3 short of the minimum of 4
    wait_until(page, text_of("[data-kb-group]") + ".endsWith('i alt 10')")
    assert "Der mangler 3 kvinder" in page.text_content("[data-kb-details]")
    page.fill("#kb-balance-kvinder", "4")
    page.fill("#kb-balance-maend", "6")
    wait_until(page, text_of("[data-kb-group]") + ".startsWith('4 kvinder og 6')")
    assert page.text_content("[data-kb-headline]") == "Ja – gruppen er kønsbalanceret."


def test_keyboard_only(page: Any, site_url: str) -> None:
    open_widget(page, site_url)
    page.focus("#kb-balance-kvinder")
    page.keyboard.press("Control+A")
    page.keyboard.type("4")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("4")
    page.keyboard.press("Tab")  # to the button
    page.keyboard.press("Enter")
    wait_until(page, text_of("[data-kb-group]") + ".startsWith('4 kvinder og 4 mænd')")
    assert page.text_content("[data-kb-headline]") == "Ja – gruppen er kønsbalanceret."


def test_bad_input_shows_a_danish_message_next_to_the_field(page: Any, site_url: str) -> None:
    open_widget(page, site_url)
    page.fill("#kb-balance-maend", "<img src=x onerror=alert(1)>")
    error = page.locator("#kb-balance-maend-fejl")
    error.wait_for(state="visible")
    wait_until(page, text_of("#kb-balance-maend-fejl") + " !== ''")
    assert error.text_content() == "Antal mænd skal være et helt tal, fx 3."
    assert page.get_attribute("#kb-balance-maend", "aria-invalid") == "true"
    assert page.locator("[data-kb-widget] img").count() == 0
    page.fill("#kb-balance-maend", "5")
    wait_until(page, text_of("#kb-balance-maend-fejl") + " === ''")
    assert page.get_attribute("#kb-balance-maend", "aria-invalid") is None


def _cases() -> list[tuple[int, int]]:
    rule = BalanceRule.from_data(files.read(ROOT).balance)
    cases: set[tuple[int, int]] = set()
    for size in range(1, 51):
        minimum = rule.minimum(size)
        for women in {0, size // 3, max(minimum - 1, 0), min(minimum, size), size // 2, size}:
            cases.add((women, size - women))
    return sorted(cases)


def test_same_answers_as_cpython_for_every_group_size_1_to_50(page: Any, site_url: str) -> None:
    cases = _cases()
    open_widget(page, site_url)
    in_browser = page.evaluate(
        """async (cases) => {
            const form = document.querySelector('[data-kb-form]');
            const group = document.querySelector('[data-kb-group]');
            const out = [];
            for (const [w, m] of cases) {
                const before = group.textContent;
                form.elements.kvinder.value = String(w);
                form.elements.maend.value = String(m);
                form.requestSubmit();
                const t0 = performance.now();
                while (group.textContent === before && performance.now() - t0 < 5000) {
                    await new Promise((r) => setTimeout(r, 2));
                }
                const details = [...document.querySelectorAll('[data-kb-details] li')];
                out.push([group.textContent,
                          document.querySelector('[data-kb-headline]').textContent,
                          details.map((li) => li.textContent)]);
            }
            return out;
        }""",
        cases,
    )
    rule = BalanceRule.from_data(files.read(ROOT).balance)
    expected = []
    for women, men in cases:
        result = assess_form({"kvinder": str(women), "maend": str(men)}, rule)
        expected.append([result.group, result.headline, list(result.details)])
    assert len(cases) > 150
    assert in_browser == expected


def test_site_pages_make_no_foreign_requests(page: Any, site_url: str, built_site: Path) -> None:
    for path in ("", "katalog/", "kilder/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "da"


def test_clear_message_when_python_cannot_load(chromium: Any, site_url: str) -> None:
    context = chromium.new_context()
    context.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page = context.new_page()
    page.goto(site_url + "maaltal/balance/")
    page.wait_for_selector("[data-kb-widget='balance'][data-kb-state='failed']", timeout=60_000)
    assert "kunne ikke indlæses" in page.text_content("[data-kb-status]")
    assert page.text_content("[data-kb-headline]") == "Nej – gruppen er ikke kønsbalanceret."
    assert page.locator("#kb-balance-kvinder").is_disabled()
    context.close()


def test_axe_finds_nothing_in_initial_computed_and_error_states(page: Any, site_url: str) -> None:
    from tests.support.axe import assert_clean

    open_widget(page, site_url)
    assert_clean(page)
    page.fill("#kb-balance-kvinder", "1")
    wait_until(page, text_of("[data-kb-group]") + ".startsWith('1 kvinde')")
    assert_clean(page)
    page.fill("#kb-balance-kvinder", "x")
    wait_until(page, text_of("#kb-balance-kvinder-fejl") + " !== ''")
    assert_clean(page)
