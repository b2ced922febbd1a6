""""Min handlingsplan" in headless Chromium: entries are added from their pages by keyboard (no
Pyodide), the plan page fills, groups and exports them with the project's Python, and a plan
survives reloads, travels in a link and comes back out of .docx and .ics files."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import docx
import icalendar
import pytest

from tests.conftest import PageLog
from tests.support.axe import assert_clean

pytestmark = pytest.mark.browser
ROOT = "[data-kb-widget='plan']"
ANSWERED = f"{ROOT}[data-kb-answered='true']"
INITIATIVES = {
    "skriv-stillingsannoncer-der-appellerer-til-alle-koen": "initiativer",
    "fordel-karrierefremmende-opgaver-mellem-begge-koen": "initiativer",
    "synliggoer-rollemodeller-af-det-underrepraesenterede-koen": "initiativer",
}
REGION_PLAN = "region-nordjylland-koensligestilling-i-ledelseslagene"


def wait_until(page: Any, expression: str, timeout: int = 15_000) -> None:
    page.wait_for_function(f"() => {expression}", polling=50, timeout=timeout)


def open_plan(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(ANSWERED, timeout=90_000)


def add_by_keyboard(page: Any, url: str) -> str:
    """Open an entry page, tab to "Tilføj til min plan" and press Enter; returns the status text."""
    page.goto(url)
    button = page.locator("[data-kb-plan-button]")
    button.wait_for(state="visible")
    page.locator("h1").first.focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-kb-plan-button]')"):
            break
    else:
        raise AssertionError("the add button cannot be reached with Tab")
    assert button.inner_text() == "Tilføj til min plan"
    page.keyboard.press("Enter")
    wait_until(page, "document.querySelector('[data-kb-plan-button]').textContent === 'Fjern fra min plan'")
    return str(page.inner_text("[data-kb-plan-status]"))


def counter(page: Any) -> str:
    return str(page.inner_text("[data-kb-plan-count]"))


def item(page: Any, entry_id: str) -> Any:
    return page.locator(f"[data-kb-item][data-kb-id='{entry_id}']")


def stored_plan(page: Any) -> dict[str, Any]:
    return dict(json.loads(page.evaluate("localStorage.getItem('kb-plan')"))["plan"])


def build_plan(page: Any, site_url: str) -> None:
    for entry_id, folder in INITIATIVES.items():
        status = add_by_keyboard(page, f"{site_url}{folder}/{entry_id}/")
        assert "er tilføjet til din plan" in status
    add_by_keyboard(page, f"{site_url}planer/{REGION_PLAN}/")
    assert counter(page) == "4"
    open_plan(page, site_url + "plan/")
    wait_until(page, "document.querySelectorAll('[data-kb-item]').length === 4")


def test_entry_pages_add_and_remove_without_pyodide(page: Any, site_url: str) -> None:
    url = f"{site_url}initiativer/skriv-stillingsannoncer-der-appellerer-til-alle-koen/"
    assert "tilføjet" in add_by_keyboard(page, url)
    assert counter(page) == "1"
    assert " ".join(page.inner_text("[data-kb-plan-counter]").split()) == "Min plan 1 post"
    # The counter is on every page, also pages without widgets.
    page.goto(site_url + "regler/")
    assert counter(page) == "1"
    page.goto(url)
    page.click("[data-kb-plan-button]")
    wait_until(page, "document.querySelector('[data-kb-plan-count]').textContent === '0'")
    assert "er fjernet fra din plan" in page.inner_text("[data-kb-plan-status]")
    # Pages of other entry types have no button.
    page.goto(site_url + "cases/aarhus-kommune-koensbalance-i-topledelsen/")
    assert page.locator("[data-kb-plan-entry]").count() == 0


def test_add_fill_reload_and_group_by_area(page: Any, site_url: str) -> None:
    build_plan(page, site_url)
    groups = page.eval_on_selector_all("[data-kb-group-title]", "els => els.map(e => e.textContent)")
    assert groups == ["Rekruttering", "Karriereudvikling og leadership pipeline", "Kultur i hverdagen"]
    # Prefilled from the catalogue: the initiative's concrete steps, the regional plan's objective.
    ads = item(page, "skriv-stillingsannoncer-der-appellerer-til-alle-koen")
    steps = ads.locator("[data-kb-field='handlinger']").input_value()
    assert "Undersøge, om jeres beskrivelse af arbejdspladsen" in steps
    assert ads.locator("[data-kb-hint='handlinger']").is_visible()
    region = item(page, REGION_PLAN)
    assert region.locator("[data-kb-field='maalsaetning']").input_value().startswith(
        "Der skal i endnu højere grad skabes rum og plads til")
    assert "Kilde: " in region.locator("[data-kb-item-source]").inner_text()
    # Fill one entry by keyboard.
    ads.locator("[data-kb-field='maalsaetning']").focus()
    page.keyboard.type("Flere kvindelige ansøgere til chefstillinger")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("Mindst 40 pct. kvinder blandt ansøgerne")
    page.keyboard.press("Tab")
    page.keyboard.type("HR-chefen")
    ads.locator("[data-kb-field='frist']").fill("2027-06-30")
    page.fill("#kb-plan-organisation", "Eksempel Kommune")
    page.check("#kb-plan-tjek-" + page.get_attribute("[data-kb-check]", "value"))
    wait_until(page, "document.querySelector('[data-kb-markdown]').value.includes('HR-chefen')")
    markdown = page.input_value("[data-kb-markdown]")
    assert "Eksempel Kommune" in markdown and "Mindst 40 pct. kvinder blandt ansøgerne" in markdown
    assert "30. juni 2027: Frist: Skriv stillingsannoncer" in page.inner_text("[data-kb-wheel]")
    # Reload: everything is still there.
    page.reload()
    page.wait_for_selector(ANSWERED, timeout=90_000)
    wait_until(page, "document.querySelectorAll('[data-kb-item]').length === 4")
    ads = item(page, "skriv-stillingsannoncer-der-appellerer-til-alle-koen")
    objective = ads.locator("[data-kb-field='maalsaetning']").input_value()
    assert objective == "Flere kvindelige ansøgere til chefstillinger"
    assert ads.locator("[data-kb-field='ansvarlig']").input_value() == "HR-chefen"
    assert ads.locator("[data-kb-field='frist']").input_value() == "2027-06-30"
    assert page.input_value("#kb-plan-organisation") == "Eksempel Kommune"
    assert not ads.locator("[data-kb-hint='maalsaetning']").is_visible()
    assert_clean(page)
    # Remove one by keyboard: focus moves on, the counter follows.
    item(page, "fordel-karrierefremmende-opgaver-mellem-begge-koen").locator("[data-kb-remove]").focus()
    page.keyboard.press("Enter")
    wait_until(page, "document.querySelectorAll('[data-kb-item]').length === 3")
    wait_until(page, "document.activeElement.matches('[data-kb-remove]')")
    assert counter(page) == "3"


def test_target_comes_from_the_maaltal_widget(page: Any, site_url: str) -> None:
    page.goto(site_url + "maaltal/saet-maaltal/")
    page.wait_for_selector("[data-kb-widget='maaltal'][data-kb-answered]", timeout=90_000)
    page.fill("#kb-maaltal-kvinder", "3")
    page.fill("#kb-maaltal-maend", "9")
    wait_until(page, "document.querySelector(\"[data-kb-out='target_text']\").textContent.includes('af 12')")
    wait_until(page, "(JSON.parse(localStorage.getItem('kb-maaltal-scenario') || '{}').kvinder) === '3'")
    target_text = page.inner_text("[data-kb-out='target_text']")
    inverse = page.inner_text("[data-kb-out='inverse']")
    open_plan(page, site_url + "plan/")
    assert page.locator("[data-kb-target-view]").is_hidden()
    page.click("[data-kb-target-fetch]")
    wait_until(page, "!document.querySelector('[data-kb-target-view]').hidden")
    assert page.inner_text("[data-kb-target-goal]") == target_text
    assert page.inner_text("[data-kb-target-recruit]") == inverse
    status = page.inner_text("[data-kb-target-status]")
    assert "3 kvinder" in status and "9 mænd" in status
    maal = stored_plan(page)["maal"]
    assert (maal["kvinder"], maal["maend"], maal["i_alt"]) == (3, 9, 12)
    wait_until(page, "document.querySelector('[data-kb-markdown]').value.includes('Status og måltal')")
    assert target_text in page.input_value("[data-kb-markdown]")
    assert_clean(page)


def test_no_target_stored_gives_a_message(page: Any, site_url: str) -> None:
    open_plan(page, site_url + "plan/")
    page.click("[data-kb-target-fetch]")
    wait_until(page, "document.querySelector('[data-kb-error-for=maal]').textContent.length > 0")
    assert "Sæt måltal" in page.inner_text("[data-kb-error-for='maal']")


def download(page: Any, selector: str, tmp_path: Path) -> bytes:
    with page.expect_download() as info:
        page.click(selector)
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target.read_bytes()


def test_docx_and_ics_downloads_hold_the_plan(page: Any, site_url: str, tmp_path: Path,
                                              page_log: PageLog) -> None:
    build_plan(page, site_url)
    ads = item(page, "skriv-stillingsannoncer-der-appellerer-til-alle-koen")
    ads.locator("[data-kb-field='maalsaetning']").fill("Flere kvindelige ansøgere til chefstillinger")
    ads.locator("[data-kb-field='frist']").fill("2027-06-30")
    wait_until(page, "document.querySelector('[data-kb-markdown]').value.includes('Flere kvindelige')")
    document = docx.Document(io.BytesIO(download(page, "[data-kb-download='docx']", tmp_path)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Flere kvindelige ansøgere til chefstillinger" in text
    assert "Skriv stillingsannoncer" in text and "Kønsligestilling i ledelseslagene" in text
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Rekruttering" in headings
    # The page's Python starts without icalendar: the first calendar file installs it. While its wheel
    # cannot be fetched, the button says so and nothing is downloaded; then it works.
    wheel = "**/icalendar-*.whl"
    page.context.route(wheel, lambda route: route.abort())
    page.click("[data-kb-download='ics']")
    wait_until(page, "document.querySelector('[data-kb-output-error]').textContent.includes("
                     "'Python-pakken icalendar, som ikke kunne hentes')", timeout=60_000)
    page.context.unroute(wheel)
    page_log.console_errors[:] = [e for e in page_log.console_errors if "ERR_FAILED" not in e]
    calendar = icalendar.Calendar.from_ical(download(page, "[data-kb-download='ics']", tmp_path))
    assert page.text_content("[data-kb-output-error]") == ""
    events = list(calendar.walk("VEVENT"))
    deadlines = [e for e in events if str(e.decoded("DTSTART")) == "2027-06-30"]
    assert deadlines and "Skriv stillingsannoncer" in str(deadlines[0]["SUMMARY"])
    assert any("RRULE" in e for e in events), "the reporting dates recur every year"


def test_print_layout_is_the_policy_draft(page: Any, site_url: str) -> None:
    build_plan(page, site_url)
    page.emulate_media(media="print")
    printed = page.inner_text("[data-kb-print-document]")
    assert "Rekruttering" in printed and "Skriv stillingsannoncer" in printed
    assert page.locator("[data-kb-form]").is_hidden()
    assert page.locator(".md-sidebar--primary").is_hidden()
    page.emulate_media(media="screen")
    assert page.locator("[data-kb-print-document]").is_hidden()


def test_share_link_opens_the_same_plan_in_a_fresh_browser(page: Any, chromium: Any, site_url: str) -> None:
    build_plan(page, site_url)
    page.fill("#kb-plan-organisation", "Eksempel Kommune")
    item(page, REGION_PLAN).locator("[data-kb-field='ansvarlig']").fill("Direktionen")
    wait_until(page, "document.querySelector('[data-kb-markdown]').value.includes('Direktionen')")
    link = page.input_value("[data-kb-link]")
    markdown = page.input_value("[data-kb-markdown]")
    assert link.startswith(site_url + "plan/#plan=1.")
    other = chromium.new_context(service_workers="block")
    reader = other.new_page()
    open_plan(reader, link)
    wait_until(reader, "document.querySelectorAll('[data-kb-item]').length === 4")
    assert reader.input_value("[data-kb-markdown]") == markdown
    assert reader.input_value("#kb-plan-organisation") == "Eksempel Kommune"
    assert "#plan=" not in reader.url
    assert reader.inner_text("[data-kb-plan-count]") == "4"
    other.close()


def test_link_into_an_existing_plan_asks_first(page: Any, site_url: str) -> None:
    build_plan(page, site_url)
    link = page.input_value("[data-kb-link]")
    item(page, REGION_PLAN).locator("[data-kb-remove]").click()
    wait_until(page, "document.querySelectorAll('[data-kb-item]').length === 3")
    page.goto(link)
    page.wait_for_selector(ANSWERED, timeout=90_000)
    page.wait_for_selector("[data-kb-link-choice]:not([hidden])")
    assert len(stored_plan(page)["indsatser"]) == 3  # nothing replaced yet
    assert_clean(page)
    page.click("[data-kb-link-replace]")
    wait_until(page, "document.querySelectorAll('[data-kb-item]').length === 4")
    assert len(stored_plan(page)["indsatser"]) == 4


@pytest.mark.parametrize("fragment", [
    "#plan=1.not-a-plan", "#plan=2.AAAA", "#plan=1." + "A" * 20_000,
    "#plan=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
])
def test_broken_or_hostile_link_keeps_the_plan(page: Any, site_url: str, fragment: str) -> None:
    build_plan(page, site_url)
    before = stored_plan(page)
    page.goto(site_url + "plan/" + fragment)
    page.wait_for_selector(ANSWERED, timeout=90_000)
    page.wait_for_selector("[data-kb-message]:not([hidden])")
    message = page.inner_text("[data-kb-message-text]")
    assert "ugyldigt" in message.lower() and "uændret" in message
    assert page.locator("[data-kb-message] img").count() == 0
    assert stored_plan(page) == before
    assert page.locator("[data-kb-item]").count() == 4


def test_json_export_import_and_a_bad_file(page: Any, site_url: str, tmp_path: Path) -> None:
    build_plan(page, site_url)
    item(page, REGION_PLAN).locator("[data-kb-field='ansvarlig']").fill("Direktionen")
    wait_until(page, "document.querySelector('[data-kb-markdown]').value.includes('Direktionen')")
    saved = download(page, "[data-kb-download='json']", tmp_path)
    assert json.loads(saved)["plan"]["indsatser"][3]["ansvarlig"] == "Direktionen"
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "kb-handlingsplan", "version": 1, "plan": {"indsatser": "<b>x</b>"}}')
    page.set_input_files("[data-kb-import]", str(bad))
    wait_until(page, "document.querySelector('[data-kb-import-error]').textContent.length > 0")
    assert page.get_attribute("[data-kb-import]", "aria-invalid") == "true"
    assert len(stored_plan(page)["indsatser"]) == 4
    assert_clean(page)
    # Empty the plan (confirming), then import the saved file.
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-kb-clear]")
    wait_until(page, "document.querySelectorAll('[data-kb-item]').length === 0")
    assert counter(page) == "0"
    good = tmp_path / "handlingsplan.json"
    good.write_bytes(saved)
    page.set_input_files("[data-kb-import]", str(good))
    wait_until(page, "document.querySelectorAll('[data-kb-item]').length === 4")
    assert item(page, REGION_PLAN).locator("[data-kb-field='ansvarlig']").input_value() == "Direktionen"


def test_plan_page_without_javascript_shows_checklist_and_dates(chromium: Any, site_url: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "plan/")
    checklist = page.inner_text(".kb-plan-checklist")
    assert "Kilde:" in checklist and "31. december" in checklist
    assert page.locator("[data-kb-form]").is_hidden()
    context.close()
