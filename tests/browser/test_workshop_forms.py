"""The fillable forms (docs/workshop/projektplan.md, logbog.md) in headless Chromium with Pyodide from
the site's own origin: filled in by keyboard, kept over a reload, printed with their values, copied
as Markdown, saved and opened as files. Every test also fails on console errors or on a request to
another origin (conftest)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.axe import assert_clean

pytestmark = pytest.mark.browser
ROOT = "[data-kb-widget='workshop-form']"
ANSWERED = f"{ROOT}[data-kb-answered='true']"
PLAN_LABELS = ["Projekttitel", "Ansvar for projektet", "Målgruppe", "Kobling til strategisk intention",
               "Kort beskrivelse af projektet", "Beskrivelse af aktioner", "Hvem gør hvad",
               "Læringsmål og succeskriterier", "Tidsplan"]
LOG_LABELS = ["Tilstede (medarbejder og borger)", "Emner berørt i samtalen", "Samtalens udfald",
              "Særlige opmærksomheder ift. køn", "Refleksioner efter samtalen", "Evt. spørgsmål"]


def wait_until(page: Any, expression: str, timeout: int = 10_000) -> None:
    page.wait_for_function(f"() => {expression}", polling=50, timeout=timeout)


def open_form(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(ANSWERED, timeout=90_000)


def labels(page: Any, within: str = "[data-kb-entries]") -> list[str]:
    return page.eval_on_selector_all(f"{within} label", "els => els.map(e => e.textContent)")


def values(page: Any) -> list[list[str]]:
    return page.eval_on_selector_all(
        "[data-kb-entries] > [data-kb-entry]",
        "items => items.map(i => [...i.querySelectorAll('[data-kb-key]')].map(c => c.value))")


def markdown(page: Any) -> str:
    return str(page.input_value("[data-kb-markdown]"))


def test_blank_form_without_javascript_has_the_source_fields(chromium: Any, site_url: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "workshop/projektplan/")
    assert labels(page) == PLAN_LABELS
    assert "Eksempel på projektplan til aktionslærings-projekt" in page.text_content("main")
    assert page.locator("[data-kb-outputs]").is_hidden()
    page.emulate_media(media="print")
    assert page.locator("h1").is_hidden()
    assert page.locator(".kb-wf-print-title").is_visible()
    assert page.locator("[data-kb-entries] textarea").first.is_visible()  # room to write by hand
    page.goto(site_url + "workshop/logbog/")
    assert labels(page) == LOG_LABELS
    assert page.text_content("[data-kb-entries] legend") == "Samtale 1"
    context.close()


def test_project_plan_by_keyboard_survives_reload_prints_and_copies(page: Any, site_url: str) -> None:
    open_form(page, site_url + "workshop/projektplan/")
    assert labels(page) == PLAN_LABELS
    page.focus("[data-kb-entries] [data-kb-key='projekttitel']")
    page.keyboard.type("Køn i kerneydelsen")
    page.keyboard.press("Tab")
    page.keyboard.type("Teamleder i Jobcenter Nord")
    for _ in range(3):  # Målgruppe, strategisk intention, kort beskrivelse: left empty
        page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type("Uge 1: observation")
    page.keyboard.press("Enter")
    page.keyboard.type("Uge 2: refleksion")
    assert page.evaluate("document.activeElement.dataset.kbKey") == "aktioner"
    wait_until(page, "(localStorage.getItem('kb-formular-projektplan') || '').includes('Uge 2')")
    wait_until(page, "document.querySelector('[data-kb-markdown]').value.includes('Uge 2')")
    text = markdown(page)
    assert "## Projekttitel\n\nKøn i kerneydelsen\n" in text
    assert "## Beskrivelse af aktioner\n\nUge 1: observation  \nUge 2: refleksion\n" in text
    assert "## Målgruppe\n\n_(ikke udfyldt)_" in text
    assert_clean(page, ROOT)

    page.reload()
    wait_until(page, "document.querySelector('[data-kb-key=projekttitel]').value === 'Køn i kerneydelsen'")
    assert values(page)[0][:2] == ["Køn i kerneydelsen", "Teamleder i Jobcenter Nord"]
    assert values(page)[0][5] == "Uge 1: observation\nUge 2: refleksion"
    page.wait_for_selector(ANSWERED, timeout=90_000)
    wait_until(page, "document.querySelector('[data-kb-markdown]').value.includes('Køn i kerneydelsen')")

    page.emulate_media(media="print")
    assert page.locator("[data-kb-entries] input").first.is_hidden()
    assert page.locator("[data-kb-outputs]").is_hidden()
    assert page.locator(".md-header").is_hidden()
    title = page.locator("[data-kb-print-for='projekttitel']")
    assert title.is_visible() and title.inner_text() == "Køn i kerneydelsen"
    actions = page.locator("[data-kb-print-for='aktioner']").inner_text()
    assert actions == "Uge 1: observation\nUge 2: refleksion"
    assert page.locator("[data-kb-print-for='maalgruppe']").is_visible()  # empty: a box to write in
    assert "Tidsplan" in page.inner_text(ROOT)
    page.emulate_media(media="screen")


def test_logbook_entries_are_added_and_removed_by_keyboard(page: Any, site_url: str) -> None:
    open_form(page, site_url + "workshop/logbog/")
    assert labels(page) == LOG_LABELS
    assert page.is_disabled("[data-kb-remove-entry]")  # the only conversation cannot be removed
    page.focus("[data-kb-entries] [data-kb-key='tilstede']")
    page.keyboard.type("Sagsbehandler og borger (kvinde)")
    page.focus("[data-kb-add-entry]")
    page.keyboard.press("Enter")
    wait_until(page, "document.activeElement.id === 'kb-wf-logbog-1-tilstede'")
    assert page.text_content("[data-kb-announce]") == "Samtale 2 er tilføjet."
    page.keyboard.type("Sagsbehandler og borger (mand)")
    page.keyboard.press("Tab")
    page.keyboard.type("Ledighed")
    page.focus("[data-kb-add-entry]")
    page.keyboard.press("Enter")
    wait_until(page, "document.activeElement.id === 'kb-wf-logbog-2-tilstede'")
    page.keyboard.type("Tredje samtale")
    legends = page.eval_on_selector_all("[data-kb-entries] legend", "els => els.map(e => e.textContent)")
    assert legends == ["Samtale 1", "Samtale 2", "Samtale 3"]
    assert labels(page, "[data-kb-entries] > [data-kb-entry]:nth-child(3)") == LOG_LABELS
    assert_clean(page, ROOT)

    # Remove the second conversation by keyboard: focus lands on the button of the one now second.
    page.focus("[data-kb-entries] > [data-kb-entry]:nth-child(2) [data-kb-remove-entry]")
    page.keyboard.press("Enter")
    wait_until(page, "document.querySelectorAll('[data-kb-entries] > [data-kb-entry]').length === 2")
    assert page.evaluate("document.activeElement.textContent") == "Slet samtale 2"
    assert page.text_content("[data-kb-announce]") == "Samtale 2 er slettet."
    assert [v[0] for v in values(page)] == ["Sagsbehandler og borger (kvinde)", "Tredje samtale"]
    wait_until(page, "document.querySelector('[data-kb-markdown]').value.includes('Tredje samtale')")
    text = markdown(page)
    assert "## Samtale 2\n\n### Tilstede (medarbejder og borger)\n\nTredje samtale\n" in text
    assert "Ledighed" not in text and "## Samtale 3" not in text

    page.reload()
    wait_until(page, "document.querySelectorAll('[data-kb-entries] > [data-kb-entry]').length === 2")
    assert [v[0] for v in values(page)] == ["Sagsbehandler og borger (kvinde)", "Tredje samtale"]
    page.emulate_media(media="print")
    printed = page.locator("[data-kb-print-for='tilstede']")
    assert printed.all_inner_texts() == ["Sagsbehandler og borger (kvinde)", "Tredje samtale"]
    assert page.locator("[data-kb-remove-entry]").first.is_hidden()
    page.emulate_media(media="screen")


def test_file_export_import_and_a_bad_file_keeps_the_work(page: Any, site_url: str, tmp_path: Path) -> None:
    open_form(page, site_url + "workshop/logbog/")
    page.fill("[data-kb-entries] [data-kb-key='emner']", "Bolig og job")
    wait_until(page, "document.querySelector('[data-kb-markdown]').value.includes('Bolig og job')")
    with page.expect_download() as info:
        page.click("[data-kb-download]")
    assert info.value.suggested_filename == "logbog.json"
    saved = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert saved["formular"] == "logbog" and saved["poster"][0]["emner"] == "Bolig og job"

    bad = tmp_path / "forkert.json"
    bad.write_text('{"format": "koensbalance-workshop", "version": 1}', encoding="utf-8")
    page.set_input_files("[data-kb-import]", str(bad))
    wait_until(page, "document.querySelector('[data-kb-import-error]').textContent !== ''")
    assert page.text_content("[data-kb-import-error]") == (
        "Filen er ikke en gemt »Logbog for samtaler med borgeren« fra dette site.")
    assert page.get_attribute("[data-kb-import]", "aria-invalid") == "true"
    assert values(page)[0][1] == "Bolig og job"  # the work is still there
    assert "Bolig og job" in page.evaluate("localStorage.getItem('kb-formular-logbog')")
    assert_clean(page, ROOT)

    plan = tmp_path / "projektplan.json"
    plan.write_text(json.dumps({**saved, "formular": "projektplan"}), encoding="utf-8")
    page.set_input_files("[data-kb-import]", str(plan))
    wait_until(page, "document.querySelector('[data-kb-import-error]').textContent"
                     ".includes('anden formular')")

    saved["poster"].append({"tilstede": "Importeret samtale"})
    good = tmp_path / "logbog.json"
    good.write_text(json.dumps(saved), encoding="utf-8")
    page.set_input_files("[data-kb-import]", str(good))
    wait_until(page, "document.querySelectorAll('[data-kb-entries] > [data-kb-entry]').length === 2")
    assert values(page)[1][0] == "Importeret samtale"
    assert page.text_content("[data-kb-import-error]") == ""
    assert page.get_attribute("[data-kb-import]", "aria-invalid") is None
    wait_until(page, "(localStorage.getItem('kb-formular-logbog') || '').includes('Importeret samtale')")


@pytest.mark.parametrize(("entry", "title", "path"), [
    ("vaerktoejer/aktionslaeringsprojekter/", "Projektplan til aktionslæringsprojekt",
     "/workshop/projektplan/"),
    ("vaerktoejer/indsamling-af-koensspecifik-data-i-logbog/", "Logbog for samtaler med borgeren",
     "/workshop/logbog/"),
    ("workshop/", "Logbog for samtaler med borgeren", "/workshop/logbog/"),
])
def test_entry_pages_and_the_planner_link_to_the_forms(page: Any, site_url: str, entry: str, title: str,
                                                        path: str) -> None:
    page.goto(site_url + entry)
    page.locator("main").get_by_role("link", name=title, exact=True).click()
    page.wait_for_selector(ANSWERED, timeout=90_000)
    assert page.url.endswith(path)
