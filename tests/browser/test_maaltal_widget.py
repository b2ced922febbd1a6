""""Sæt måltal" in headless Chromium with Pyodide from the site's own origin: keyboard input, the same
numbers as CPython, link sharing, reload, hostile links, CSV, axe. Every test also fails on console
errors or on a request to another origin (see conftest)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

import pytest
from macros.maaltal_macros import default_scenario, duty_data

from koensbalance.catalogue import files
from koensbalance.maaltal.balance import BalanceRule
from koensbalance.maaltal.obligations import DutyRules
from koensbalance.maaltal.targets import evaluate_form
from tests.support.build import ROOT

pytestmark = pytest.mark.browser
PATH = "maaltal/saet-maaltal/"
ROOT_SELECTOR = "[data-kb-widget='maaltal']"


def cpython(values: dict[str, str]) -> dict[str, Any]:
    catalogue = files.read(ROOT)
    duties = DutyRules.from_data(duty_data(catalogue, "../../"))
    return evaluate_form(values, BalanceRule.from_data(catalogue.balance), duties)


def computed(page: Any) -> int:
    return int(page.get_attribute(ROOT_SELECTOR, "data-kb-computed") or 0)


def wait_computed_after(page: Any, count: int) -> None:
    page.wait_for_function(
        f"() => Number(document.querySelector(\"{ROOT_SELECTOR}\").dataset.kbComputed || 0) > {count}",
        polling=50, timeout=20_000)


def open_widget(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(f"{ROOT_SELECTOR}[data-kb-answered]", timeout=90_000)


def shown(page: Any) -> dict[str, Any]:
    return page.evaluate("""() => ({
        headline: document.querySelector("[data-kb-out='headline']").textContent,
        inverse: document.querySelector("[data-kb-out='inverse']").textContent,
        expected: document.querySelector("[data-kb-out='expected']").textContent,
        rows: [...document.querySelectorAll("[data-kb-rows] tr")].map(
            (tr) => [...tr.children].map((c) => c.textContent)),
        duties: [...document.querySelectorAll("[data-kb-duties] li")].map(
            (li) => li.dataset.kbApplies),
        shapes: document.querySelectorAll("[data-kb-shapes] > *").length,
    })""")


def expected_view(values: dict[str, str]) -> dict[str, Any]:
    result = cpython(values)
    return {"headline": result["headline"], "inverse": result["inverse"], "expected": result["expected"],
            "rows": result["rows"],
            "duties": ["ja" if d["applies"] else "nej" for d in result["obligations"]["duties"]],
            "shapes": len(result["chart"]["shapes"])}


def test_build_time_result_is_the_cpython_result_without_javascript(chromium: Any, site_url: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PATH)
    result = cpython(default_scenario())
    assert page.text_content("[data-kb-out='headline']") == result["headline"]
    assert page.text_content("[data-kb-out='title']") == result["title"]
    assert page.locator("[data-kb-rows] tr").count() == len(result["rows"])
    assert page.locator("[data-kb-duties] li").count() == len(result["obligations"]["duties"])
    assert page.locator("svg[data-kb-chart] path").count() >= 2
    assert page.locator("[data-kb-form]").is_hidden()
    assert "ikke juridisk rådgivning" in page.text_content(".kb-maaltal__rules-date")
    context.close()


def test_keyboard_only_changes_the_result(page: Any, site_url: str) -> None:
    open_widget(page, site_url + PATH)
    before = computed(page)
    page.focus("#kb-maaltal-afgang")
    page.keyboard.press("Control+A")
    page.keyboard.type("30")
    for _ in range(12):  # past the help texts' source links to the recruitment share
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "kb-maaltal-rekruttering":
            break
    assert page.evaluate("document.activeElement.id") == "kb-maaltal-rekruttering"
    page.keyboard.type("60")
    page.keyboard.press("Enter")  # submits the form
    wait_computed_after(page, before)
    page.wait_for_function("() => document.querySelector(\"[data-kb-out='headline']\").textContent"
                           ".includes('med 60 pct. kvinder blandt nye ledere')", polling=50, timeout=10_000)
    values = {**default_scenario(), "afgang": "30", "rekruttering": "60"}
    assert shown(page) == expected_view(values)


SCENARIOS = [
    {},
    {"kvinder": "1", "maend": "6", "afgang": "25", "rekruttering": "50", "horisont": "15",
     "maalaar": "2035"},
    {"kvinder": "50", "maend": "150", "afgang": "12,5", "horisont": "30", "maalaar": "2050"},
    {"kvinder": "9", "maend": "3", "pipeline_kvinder": "30", "pipeline_maend": "10"},
    {"institution": "kommune", "medarbejdere": "40", "bestyrelse": "ja", "bestyrelse_kvinder": "2",
     "bestyrelse_maend": "7", "maal": "35", "sikkerhed": "60"},
    {"institution": "anden", "kvinder": "0", "maend": "20", "afgang": "2", "maalaar": "2027"},
]


def set_form(page: Any, values: dict[str, str]) -> None:
    """Put `values` into the form's fields at once and wait for the answer to them."""
    before = computed(page)
    page.evaluate("""(values) => {
        const form = document.querySelector("[data-kb-form]");
        for (const [name, value] of Object.entries(values)) form.elements.namedItem(name).value = value;
        form.requestSubmit();
    }""", values)
    wait_computed_after(page, before)


def test_same_numbers_as_cpython_for_a_set_of_scenarios(page: Any, site_url: str) -> None:
    open_widget(page, site_url + PATH)
    for changes in SCENARIOS:
        values = {**default_scenario(), **changes}
        set_form(page, values)
        assert shown(page) == expected_view(values), changes


def test_shared_link_restores_the_scenario(page: Any, chromium: Any, site_url: str) -> None:
    open_widget(page, site_url + PATH)
    before = computed(page)
    page.fill("#kb-maaltal-kvinder", "2")
    page.fill("#kb-maaltal-maend", "10")
    page.select_option("#kb-maaltal-institution", "kommune")
    wait_computed_after(page, before)
    page.click("[data-kb-action='link']")
    link = page.input_value("[data-kb-share-link]")
    assert link.startswith(site_url + PATH + "?")
    other = chromium.new_context()  # another reader: nothing in localStorage
    reader = other.new_page()
    open_widget(reader, link)
    assert reader.input_value("#kb-maaltal-kvinder") == "2"
    assert reader.input_value("#kb-maaltal-institution") == "kommune"
    wait_computed_after(reader, 0)
    values = {**default_scenario(), "kvinder": "2", "maend": "10", "institution": "kommune"}
    assert shown(reader) == expected_view(values)
    other.close()


def test_reload_keeps_the_scenario_and_reset_restores_the_example(page: Any, site_url: str) -> None:
    open_widget(page, site_url + PATH)
    before = computed(page)
    page.fill("#kb-maaltal-afgang", "22")
    wait_computed_after(page, before)
    open_widget(page, site_url + PATH)  # no query string: the browser's saved scenario is used
    assert page.input_value("#kb-maaltal-afgang") == "22"
    wait_computed_after(page, 0)
    assert shown(page) == expected_view({**default_scenario(), "afgang": "22"})
    before = computed(page)
    page.click("[data-kb-action='reset']")
    wait_computed_after(page, before)
    assert page.input_value("#kb-maaltal-afgang") == default_scenario()["afgang"]
    assert shown(page) == expected_view(default_scenario())


def test_hostile_link_values_are_rejected_with_a_message(page: Any, site_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    hostile = {**default_scenario(), "kvinder": "<img src=x onerror=alert(1)>",
               "afgang": "javascript:alert(2)", "institution": "\"><script>alert(3)</script>",
               "horisont": "1" * 500}
    open_widget(page, site_url + PATH + "?" + urlencode(hostile))
    page.wait_for_function("() => document.querySelector('[data-kb-scenario-error]').textContent !== ''",
                           polling=50, timeout=20_000)
    assert "Linket indeholdt værdier, der ikke kan bruges" in page.text_content("[data-kb-scenario-error]")
    assert page.text_content("#kb-maaltal-kvinder-fejl") == \
        "Antallet af kvinder i den øverste ledelse skal være et helt tal, fx 3."
    assert page.text_content("#kb-maaltal-afgang-fejl").startswith("Afgangen pr. år skal være et tal")
    assert page.text_content("#kb-maaltal-institution-fejl") == "Vælg typen af institution på listen."
    assert page.text_content("#kb-maaltal-horisont-fejl") != ""
    assert page.get_attribute("#kb-maaltal-afgang", "aria-invalid") == "true"
    assert page.locator(f"{ROOT_SELECTOR} img, {ROOT_SELECTOR} script:not([type])").count() == 0
    assert dialogs == []
    # The build-time result stays, marked as not matching the fields.
    assert page.get_attribute("[data-kb-result]", "data-kb-stale") == "true"


def test_csv_download_is_the_projection_table(page: Any, site_url: str) -> None:
    open_widget(page, site_url + PATH)
    wait_computed_after(page, 0)
    with page.expect_download() as download:
        page.click("[data-kb-action='csv']")
    path = download.value.path()
    with open(path, encoding="utf-8-sig", newline="") as handle:
        text = handle.read()
    result = cpython(default_scenario())
    assert text == result["csv"]
    assert download.value.suggested_filename == result["csv_name"]


def test_print_layout_shows_only_the_status_and_target_summary(page: Any, site_url: str) -> None:
    open_widget(page, site_url + PATH)
    page.emulate_media(media="print")
    assert page.locator("[data-kb-form]").is_hidden()
    assert page.locator("h1").is_hidden()
    assert page.locator("[data-kb-out='title']").is_visible()
    assert page.text_content("[data-kb-out='title']").startswith("Status og måltal pr. 31. december")
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1  # one page


def printed_years(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "[data-kb-rows] tr", "rows => rows.filter(r => getComputedStyle(r).display !== 'none')"
                             ".map(r => r.firstElementChild.textContent)")


@pytest.mark.parametrize(("target", "printed"), [
    ("2052", [*map(str, range(2025, 2036)), "2040", "2045", "2050", "2052", "2055"]),
    ("2030", [*map(str, range(2025, 2036)), "2040", "2045", "2050", "2055"]),
])
def test_print_summary_fits_one_page_with_a_30_year_horizon(page: Any, site_url: str, target: str,
                                                            printed: list[str]) -> None:
    values = {**default_scenario(), "bestyrelse": "ja", "bestyrelse_kvinder": "2", "bestyrelse_maend": "7",
              "aar": "2025", "maalaar": target, "horisont": "30"}
    open_widget(page, site_url + PATH + "?" + urlencode(values))
    page.wait_for_function("() => document.querySelectorAll('[data-kb-rows] tr').length === 31",
                           polling=50, timeout=20_000)
    assert page.locator("[data-kb-board-status]").is_visible()
    assert page.locator(".kb-maaltal__print-note").is_hidden()  # on screen: every year, no note
    page.emulate_media(media="print")
    assert printed_years(page) == printed
    target_row = page.locator("[data-kb-rows] tr[data-kb-target-year]")
    assert target_row.is_visible() and target_row.locator("th").inner_text() == target
    assert target_row.locator("td").first.evaluate("e => getComputedStyle(e).fontWeight") == "700"
    assert target_row.inner_text().split("\t")[1:] == cpython(values)["rows"][int(target) - 2025][1:]
    note = page.locator(".kb-maaltal__print-note")
    assert note.is_visible() and "hvert 5. år, det sidste år og måltalsåret" in note.inner_text()
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1  # one page
    page.emulate_media(media="screen")
    assert len(printed_years(page)) == 31


def test_axe_finds_nothing_in_initial_computed_and_error_states(page: Any, site_url: str) -> None:
    from tests.support.axe import assert_clean

    open_widget(page, site_url + PATH)
    assert_clean(page)
    before = computed(page)
    page.select_option("#kb-maaltal-bestyrelse", "ja")
    page.fill("#kb-maaltal-bestyrelse_kvinder", "1")
    page.fill("#kb-maaltal-bestyrelse_maend", "5")
    wait_computed_after(page, before)
    assert_clean(page)
    page.fill("#kb-maaltal-afgang", "x")
    page.wait_for_function("() => document.querySelector('#kb-maaltal-afgang-fejl').textContent !== ''",
                           polling=50, timeout=10_000)
    assert_clean(page)
