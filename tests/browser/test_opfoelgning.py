""""Følg op" in headless Chromium with Pyodide from the site's own origin: started from the scenario
saved in "Sæt måltal", three years recorded by keyboard, the same numbers as CPython, reload, CSV
opened as Danish Excel reads it, a hostile file and link refused with nothing lost, into "Min
handlingsplan", axe. One browser context is shared by the file's tests (they run in order, as a user
would go), so the pages load once; it fails on console errors or requests to another origin."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from macros.maaltal_macros import duty_data, example_history

from koensbalance.catalogue import files
from koensbalance.maaltal.opfoelgning_view import handle_evaluate
from tests.conftest import PageLog, _origin
from tests.support.axe import assert_clean
from tests.support.build import ROOT as PROJECT

pytestmark = pytest.mark.browser
PATH = "maaltal/foelg-op/"
ROOT = "[data-kb-widget='opfoelgning']"
THIS_YEAR = date.today().year
START = THIS_YEAR - 5  # the scenario's status year: five years can be recorded after it
# Typed by keyboard, in the order of the year's fields (the board's are hidden: no board).
YEARS = [
    {"aar": str(START + 1), "kvinder": "4", "maend": "8", "nye_ledere": "2", "heraf": "1"},
    {"aar": str(START + 2), "kvinder": "1", "maend": "11", "nye_ledere": "3", "heraf": "0"},
    {"aar": str(START + 3), "kvinder": "5", "maend": "8", "nye_ledere": "5", "heraf": "4"},
]
FIELDS = ("aar", "kvinder", "maend", "bestyrelse_kvinder", "bestyrelse_maend", "nye_ledere", "heraf",
          "politik")


def cpython(historik: dict[str, Any]) -> dict[str, Any]:
    catalogue = files.read(PROJECT)
    rules = {"balance": dict(catalogue.balance), "duties": duty_data(catalogue, "../../")}
    return handle_evaluate({"rules": rules, "historik": historik})


def wait_until(page: Any, expression: str, timeout: int = 20_000) -> None:
    page.wait_for_function(f"() => {expression}", polling=50, timeout=timeout)


def computed(page: Any) -> int:
    return int(page.get_attribute(ROOT, "data-kb-computed") or 0)


def wait_computed_after(page: Any, count: int) -> None:
    wait_until(page, f"Number(document.querySelector(\"{ROOT}\").dataset.kbComputed || 0) > {count}")


def table(page: Any, rows: str) -> list[list[str]]:
    return list(page.eval_on_selector_all(
        f"{rows} tr", "trs => trs.map(tr => [...tr.children].map(c => c.textContent))"))


def stored(page: Any) -> Any:
    return json.loads(page.evaluate("localStorage.getItem('kb-opfoelgning')") or "null")


@pytest.fixture(scope="module")
def browser_page(chromium: Any, site_url: str) -> Iterator[Any]:
    """One context for the whole file (as the `page` fixture: console errors and foreign requests
    fail the run)."""
    log = PageLog(origin=_origin(site_url))
    context = chromium.new_context(service_workers="block", accept_downloads=True)
    context.on("request", lambda request: log.requests.append(request.url))
    page = context.new_page()
    page.on("console", lambda m: log.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log.console_errors.append(f"pageerror: {e}"))
    page.on("worker", lambda w: w.on("console", lambda m: log.console_errors.append(m.text)
                                     if m.type == "error" else None))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.accept()))
    page.dialogs = dialogs
    yield page
    context.close()
    assert log.console_errors == [], f"console errors: {log.console_errors}"
    assert log.foreign_requests() == [], f"requests left the origin: {log.foreign_requests()}"


def test_the_example_is_on_the_page_without_javascript(chromium: Any, site_url: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PATH)
    expected = cpython(example_history())
    assert table(page, "[data-kb-track-rows]") == expected["rows"]
    assert page.text_content("[data-kb-out='headline']") == expected["headline"]
    assert page.text_content("desc[data-kb-out='chart.description']") == expected["chart"]["description"]
    assert page.locator("svg[data-kb-chart] circle").count() == 1 + len(expected["rows"])
    assert "Reglernes dato" in page.text_content("[data-kb-report-document]")
    assert page.locator("[data-kb-form]").is_hidden()
    context.close()


@pytest.fixture(scope="module")
def recorded(browser_page: Any, site_url: str) -> dict[str, Any]:
    """As a user goes: a target set in "Sæt måltal" five years ago, "Følg op på måltallet", and three
    years recorded by keyboard. Returns the history that was typed (the later tests start from it)."""
    page = browser_page
    page.goto(site_url + "maaltal/saet-maaltal/")
    page.wait_for_selector("[data-kb-widget='maaltal'][data-kb-answered]", timeout=90_000)
    page.fill("#kb-maaltal-aar", str(START))
    page.fill("#kb-maaltal-maalaar", str(THIS_YEAR))
    wait_until(page, f"(JSON.parse(localStorage.getItem('kb-maaltal-scenario') || '{{}}').maalaar) === "
                     f"'{THIS_YEAR}'")
    scenario = json.loads(page.evaluate("localStorage.getItem('kb-maaltal-scenario')"))
    page.click("article a:text-is('Følg op på måltallet')")
    page.wait_for_url(f"**/{PATH}")
    page.wait_for_selector(f"{ROOT}[data-kb-answered]", timeout=90_000)
    wait_until(page, "document.querySelector('[data-kb-announce]').textContent.includes('startet')")
    assert page.locator("[data-kb-example-note]").is_hidden()
    assert page.locator("[data-kb-year]").count() == 0
    assert stored(page)["historik"] == {"scenarie": scenario, "status": []}
    assert f"({START})" in page.inner_text("[data-kb-out='headline']")

    for index, year in enumerate(YEARS):
        page.locator("[data-kb-action='add']").focus()
        before = computed(page)
        page.keyboard.press("Enter")
        # The new year is filled in; the cursor is in its first count.
        wait_until(page, f"document.activeElement.id === 'kb-opf-{index}-kvinder'")
        assert page.input_value(f"#kb-opf-{index}-aar") == year["aar"]
        for name in ("kvinder", "maend", "nye_ledere", "heraf"):
            page.keyboard.type(year[name])
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.dataset.kbField") == "politik"
        page.keyboard.press("ArrowUp")  # "Nej" (the list is Ja, Nej, Ikke oplyst)
        wait_until(page, f"document.querySelectorAll('[data-kb-track-rows] tr').length === {index + 1}")
        wait_computed_after(page, before)
    return {"scenarie": scenario,
            "status": [{**dict.fromkeys(FIELDS, ""), **y, "politik": "nej"} for y in YEARS]}


def test_three_years_recorded_by_keyboard_give_the_cpython_result_and_survive_reload(
        browser_page: Any, recorded: dict[str, Any]) -> None:
    page, history = browser_page, recorded
    wait_until(page, "JSON.parse(localStorage.getItem('kb-opfoelgning')).historik.status[2].politik "
                     "=== 'nej'")
    expected = cpython(history)
    assert stored(page)["historik"] == history
    # The answer to the last keystroke: the table Python in CPython makes for the same history.
    page.wait_for_function(
        "(rows) => JSON.stringify([...document.querySelectorAll('[data-kb-track-rows] tr')].map("
        "tr => [...tr.children].map(c => c.textContent))) === JSON.stringify(rows)",
        arg=expected["rows"], polling=50, timeout=20_000)
    assert table(page, "[data-kb-projection-rows]") == expected["projection"]["rows"]
    assert page.inner_text("[data-kb-out='headline']") == expected["headline"]
    assert page.text_content("desc[data-kb-out='chart.description']") == expected["chart"]["description"]
    assert page.locator("svg[data-kb-chart] circle").count() == 4
    assert page.inner_text("[data-kb-out='now.sandsynlighed']") == expected["now"]["sandsynlighed"]
    assert page.input_value("[data-kb-markdown]") == expected["report"]["markdown"]
    assert_clean(page)

    # Reload: the years are still there, and so is the result.
    page.reload()
    page.wait_for_selector(f"{ROOT}[data-kb-answered]", timeout=90_000)
    assert [page.input_value(f"#kb-opf-{i}-kvinder") for i in range(3)] == ["4", "1", "5"]
    assert table(page, "[data-kb-track-rows]") == expected["rows"]
    assert page.get_attribute("[data-kb-result]", "data-kb-stale") is None
    # "Status til indberetningen" for an earlier year: its status, the same target, the caveat.
    page.select_option("[data-kb-report-year]", str(START + 1))
    wait_until(page, "document.querySelector('[data-kb-markdown]').value"
                     f".includes('31. december {START + 1}')")
    report = page.text_content("[data-kb-report-document]")
    assert "4 kvinder og 8 mænd" in report and f"senest i {THIS_YEAR}" in report
    assert "Reglernes dato – tjek de gældende regler" in report


def test_a_field_error_is_next_to_its_field_and_nothing_is_lost(browser_page: Any,
                                                                 recorded: dict[str, Any]) -> None:
    page = browser_page
    before = computed(page)
    page.fill("#kb-opf-2-heraf", "9")
    wait_until(page, "document.querySelector('#kb-opf-2-heraf-fejl').textContent !== ''")
    assert page.text_content("#kb-opf-2-heraf-fejl") == \
        f"{START + 3}: Heraf kvinder kan ikke være flere end antallet af nye ledere (5)."
    assert page.get_attribute("#kb-opf-2-heraf", "aria-invalid") == "true"
    assert page.get_attribute("[data-kb-result]", "data-kb-stale") == "true"
    page.fill("#kb-opf-2-heraf", "4")
    wait_computed_after(page, before)
    wait_until(page, "document.querySelector('#kb-opf-2-heraf-fejl').textContent === ''")


def test_csv_opens_as_danish_excel_reads_it_and_the_json_file_opens_again(
        browser_page: Any, recorded: dict[str, Any], tmp_path: Path) -> None:
    page = browser_page
    with page.expect_download() as download:
        page.click("[data-kb-action='csv']")
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    assert target.name == f"opfoelgning-{START}-{START + 3}.csv"
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[0] == "År" and header[4] == "Andel kvinder (pct.)"
    assert [row[0] for row in body] == [str(START + i) for i in range(4)]
    share = {row[0]: float(row[4].replace(",", ".")) for row in body}
    assert share[str(START + 2)] == 8.3 and share[str(START + 3)] == 38.5  # 1 of 12, 5 of 13
    assert body[3][1:4] == ["5", "8", "13"] and "," not in body[3][3]
    assert all(";" not in cell for row in rows for cell in row)
    assert target.name in page.inner_text("[data-kb-action-status]")
    # The JSON file opens again as the same history (after the question, answered yes).
    kept = stored(page)
    with page.expect_download() as saved:
        page.click("[data-kb-action='json']")
    saved_file = tmp_path / saved.value.suggested_filename
    saved.value.save_as(saved_file)
    assert json.loads(saved_file.read_text(encoding="utf-8"))["opfoelgning"]["status"][2]["kvinder"] == 5
    before = len(page.dialogs)
    page.set_input_files("[data-kb-import]", str(saved_file))
    wait_until(page, "document.querySelector('[data-kb-announce]').textContent.includes('filen')")
    assert page.dialogs[before:] == ["Vil du erstatte din opfølgning med opfølgningen fra filen?"]
    assert [page.input_value(f"#kb-opf-{i}-kvinder") for i in range(3)] == ["4", "1", "5"]
    assert stored(page)["historik"]["status"] == [{k: str(v) for k, v in r.items()}
                                                  for r in kept["historik"]["status"]]


def test_hostile_file_and_link_are_refused_and_the_history_stays(
        browser_page: Any, recorded: dict[str, Any], tmp_path: Path) -> None:
    page = browser_page
    kept, dialogs = stored(page), len(page.dialogs)
    hostile = tmp_path / "opfoelgning.json"
    hostile.write_text(json.dumps({"format": "kb-opfoelgning", "version": 1, "opfoelgning": {
        "scenarie": kept["historik"]["scenarie"],
        "status": [{"aar": "<img src=x onerror=alert(1)>", "kvinder": "<script>alert(2)</script>",
                    "maend": 1}]}}), encoding="utf-8")
    page.set_input_files("[data-kb-import]", str(hostile))
    wait_until(page, "document.querySelector('[data-kb-import-error]').textContent !== ''")
    assert page.text_content("[data-kb-import-error]").startswith("Filen indeholder en ugyldig opfølgning")
    not_json = tmp_path / "andet.json"
    not_json.write_text("<svg onload=alert(3)>", encoding="utf-8")
    page.set_input_files("[data-kb-import]", str(not_json))
    wait_until(page, "document.querySelector('[data-kb-import-error]').textContent"
                     ".startsWith('Filen er ikke en opfølgning')")
    assert page.get_attribute("[data-kb-import]", "aria-invalid") == "true"
    # A broken link in this tab: refused with a message, the stored work untouched.
    page.evaluate("location.hash = '#opfoelgning=1.<img src=x onerror=alert(4)>'")
    wait_until(page, "!document.querySelector('[data-kb-message]').hidden")
    assert "Din egen opfølgning er uændret" in page.inner_text("[data-kb-message-text]")
    assert stored(page) == kept
    assert page.locator("[data-kb-year]").count() == 3
    assert page.locator(f"{ROOT} img, {ROOT} script:not([type])").count() == 0
    assert page.dialogs[dialogs:] == []  # nothing ran, and nothing asked to replace the work


def test_into_the_plan(browser_page: Any, recorded: dict[str, Any], site_url: str) -> None:
    page = browser_page
    page.click("[data-kb-action='plan']")
    wait_until(page, "document.querySelector('[data-kb-action-status]').textContent"
                     ".includes('handlingsplan')")
    page.goto(site_url + "plan/")
    page.wait_for_selector("[data-kb-widget='plan'][data-kb-answered='true']", timeout=90_000)
    assert page.inner_text("[data-kb-target-status]") == \
        f"5 kvinder og 8 mænd i den øverste ledelse pr. 31. december {START + 3} (38,5 pct. kvinder)"
    followup = page.inner_text("[data-kb-target-followup]")
    assert "Opfølgning på måltallet" in followup
    for year in (START + 1, START + 2, START + 3):
        assert f"{year}: " in followup
    wheel = page.inner_text("[data-kb-wheel]")
    assert f"31. december {THIS_YEAR}: Følg op: registrér status pr. 31. december {THIS_YEAR}" in wheel
    assert "Måltallet skal være nået: mindst 40 pct. kvinder" in wheel
    markdown = page.input_value("[data-kb-markdown]")
    assert "### Opfølgning på måltallet" in markdown and f"- {START + 2}: 1 af 12 kvinder" in markdown
    assert_clean(page)
