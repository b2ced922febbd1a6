"""The workshop planner in headless Chromium, with Pyodide, icalendar and segno loaded from the site's
own origin. Every test also fails on console errors or on a request to another origin (conftest)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import icalendar
import pytest

from koensbalance.workshop import codec
from tests.support.axe import AXE, assert_clean
from tests.support.build import ROOT as ROOT_DIR

pytestmark = pytest.mark.browser
ROOT = "[data-kb-widget='workshop']"
ANSWERED = f"{ROOT}[data-kb-answered='true']"


def wait_until(page: Any, expression: str, timeout: int = 10_000) -> None:
    page.wait_for_function(f"() => {expression}", polling=50, timeout=timeout)


def open_planner(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(ANSWERED, timeout=90_000)


def block_titles(page: Any) -> list[str]:
    return page.eval_on_selector_all("[data-kb-blocks] [data-kb-field='titel']",
                                     "els => els.map(e => e.value)")


def table_rows(page: Any) -> list[str]:
    return page.eval_on_selector_all("[data-kb-rows] tr", "rows => rows.map(r => r.innerText)")


def assert_axe_clean(page: Any, state: str) -> None:
    # The site's Content-Security-Policy blocks an injected <script> tag; evaluating axe's source
    # through the DevTools protocol is not subject to it.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    try:
        assert_clean(page)
    except AssertionError as exc:
        raise AssertionError(f"{state}: {exc}") from None


def current_link(page: Any) -> str:
    return str(page.input_value("[data-kb-link]"))


def test_template_page_without_javascript(chromium: Any, site_url: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "workshop/workshop-kort/")
    rows = table_rows(page)
    assert rows[0].startswith("10:30–10:40") and "Velkommen" in rows[0]
    assert rows[-1].startswith("13:50–14:00") and "Aftale om et opfølgende møde" in rows[-1]
    assert "vores forslag" in page.text_content("main")
    assert page.locator("[data-kb-form]").is_hidden()
    context.close()


def test_build_from_template_with_keyboard_only(page: Any, site_url: str) -> None:
    open_planner(page, site_url + "workshop/")
    page.focus("#kb-ws-skabelon")
    page.keyboard.press("End")  # the last template: the focus group
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "Brug skabelonen"
    wait_until(page, "document.querySelectorAll('[data-kb-blocks] > li').length === 5")
    assert block_titles(page)[0] == "Velkommen og formålet med fokusgruppen"
    page.focus("#kb-ws-titel")
    page.keyboard.type("Fokusgruppe om jobcentret")
    page.focus("#kb-ws-deltagere")
    page.keyboard.type("12")
    wait_until(page, "[...document.querySelectorAll('[data-kb-checks] li')]"
                     ".some(li => li.textContent.includes('5-8 personer; I har planlagt 12'))")
    # Add a block with the keyboard: the new block's title gets focus.
    page.focus("[data-kb-add='indhold']")
    page.keyboard.press("Enter")
    wait_until(page, "document.activeElement.matches('[data-kb-field=titel]')")
    page.keyboard.press("Control+A")
    page.keyboard.type("Hvad gør vi med svarene?")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("20")
    wait_until(page, "document.querySelector('[data-kb-summary]').textContent.includes('16:00–18:20')")
    assert table_rows(page)[-1].startswith("18:00–18:20")
    # Move the new block up with the keyboard: focus stays on its "Op" button.
    page.focus("[data-kb-blocks] > li:last-child [data-kb-move='-1']")
    page.keyboard.press("Enter")
    wait_until(page, "document.activeElement.closest('li') === "
                     "document.querySelector('[data-kb-blocks] > li:nth-child(5)')")
    page.keyboard.press("Enter")
    wait_until(page, "document.querySelectorAll('[data-kb-blocks] [data-kb-field=titel]')[3].value"
                     " === 'Hvad gør vi med svarene?'")
    assert block_titles(page)[3:] == [
        "Hvad gør vi med svarene?",
        "Drøftelse fortsat – sørg for, at alle synspunkter i gruppen bliver hørt",
        "Opsamling og tak",
    ]
    wait_until(page, "document.querySelector('[data-kb-rows] tr:nth-child(4)').innerText"
                     ".startsWith('17:05–17:25')")
    # Remove it again by keyboard.
    page.focus("[data-kb-blocks] > li:nth-child(4) [data-kb-remove]")
    page.keyboard.press("Enter")
    wait_until(page, "document.querySelectorAll('[data-kb-blocks] > li').length === 5")
    wait_until(page, "document.querySelector('[data-kb-summary]').textContent.includes('16:00–18:00')")
    assert_axe_clean(page, "planner after editing")


def test_checks_and_field_errors(page: Any, site_url: str) -> None:
    open_planner(page, site_url + "workshop/workshop-kort/")
    assert page.locator("[data-kb-checks] li[data-kb-ok]").count() == 1
    minutes = "[data-kb-blocks] > li:nth-child(3) [data-kb-field='minutter']"
    page.fill(minutes, "120")  # hypothesis work: longer, lunch moves out of the window
    wait_until(page, "[...document.querySelectorAll('[data-kb-checks] li')].length >= 3")
    checks = page.text_content("[data-kb-checks]")
    assert "mere end den planlagte længde på 3 t. 30 min." in checks
    assert "Frokosten ligger kl. 13:10–13:40, uden for 11:00–13:30." in checks
    assert "uden pause" in checks
    page.select_option("[data-kb-blocks] > li:nth-child(7) [data-kb-field='type']", "indhold")
    wait_until(page, "document.querySelector('[data-kb-checks]').textContent"
                     ".includes('ikke aftalt nogen opfølgning')")
    page.fill(minutes, "to timer")
    wait_until(page, "document.querySelector('[data-kb-blocks] > li:nth-child(3) [data-kb-error=minutter]')"
                     ".textContent !== ''")
    assert "helt tal" in page.text_content("[data-kb-blocks] > li:nth-child(3) [data-kb-error=minutter]")
    assert page.get_attribute(minutes, "aria-invalid") == "true"
    assert_axe_clean(page, "planner with errors and checks")


def test_reorder_and_reload_keeps_the_agenda(page: Any, site_url: str) -> None:
    open_planner(page, site_url + "workshop/workshop-kort/")
    page.click("[data-kb-blocks] > li:nth-child(2) [data-kb-move='1']")  # talk after the hypotheses
    wait_until(page, "document.querySelector('[data-kb-rows] tr:nth-child(2)').innerText"
                     ".includes('Hypotesedannelse')")
    page.fill("#kb-ws-sted", "Rådhuset, mødelokale 2")
    wait_until(page, "(localStorage.getItem('kb-workshop') || '').includes('mødelokale 2')")
    before = block_titles(page)
    page.reload()
    page.wait_for_selector(ANSWERED, timeout=90_000)
    assert block_titles(page) == before
    assert before[1].startswith("Hypotesedannelse")
    assert page.input_value("#kb-ws-sted") == "Rådhuset, mødelokale 2"
    # The planner's own page offers the same stored agenda.
    open_planner(page, site_url + "workshop/")
    assert block_titles(page) == before


def test_share_link_opens_in_a_fresh_context(chromium: Any, page: Any, site_url: str) -> None:
    open_planner(page, site_url + "workshop/aarhus-workshop-5-timer/")
    page.fill("#kb-ws-titel", "Køn i kerneydelsen – team Nord")
    page.fill("[data-kb-blocks] > li:nth-child(1) [data-kb-field='note']", "Kaffe <script>alert(1)</script>")
    wait_until(page, "document.querySelector('[data-kb-link]').value.includes('#plan=1.')"
                     " && document.querySelector('[data-kb-print-title]').textContent.includes('team Nord')")
    wait_until(page, "document.querySelector('[data-kb-markdown]').value.includes('Kaffe')")
    link = current_link(page)
    titles = block_titles(page)
    context = chromium.new_context()
    fresh = context.new_page()
    errors: list[str] = []
    fresh.on("pageerror", lambda e: errors.append(str(e)))
    fresh.on("dialog", lambda d: errors.append("dialog: " + d.message))
    open_planner(fresh, link)
    assert fresh.input_value("#kb-ws-titel") == "Køn i kerneydelsen – team Nord"
    assert block_titles(fresh) == titles
    assert "Kaffe <script>alert(1)</script>" in fresh.inner_text("[data-kb-rows]")  # shown as text
    assert fresh.evaluate("location.hash") == ""  # later edits are not overwritten by the link
    assert errors == []
    context.close()


HOSTILE = "#plan=1.%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"


@pytest.mark.parametrize("fragment", ["#plan=1.AAAA", "#plan=2.abc", HOSTILE, "#plan=" + "A" * 9000])
def test_broken_or_hostile_link_gives_message_and_empty_planner(page: Any, site_url: str,
                                                                 fragment: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_planner(page, site_url + "workshop/workshop-kort/" + fragment)
    assert page.locator("[data-kb-message]").is_visible()
    assert "ugyldigt" in page.text_content("[data-kb-message]")
    assert block_titles(page) == []
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == []
    assert page.evaluate("localStorage.getItem('kb-workshop')") is None  # nothing stored over earlier work
    assert_axe_clean(page, "planner after a broken link")


def test_calendar_file_downloads_and_parses(page: Any, site_url: str) -> None:
    open_planner(page, site_url + "workshop/workshop-kort/")
    page.fill("#kb-ws-dato", "2026-03-05")
    page.fill("#kb-ws-sted", "Rådhuset")
    wait_until(page, "document.querySelector('[data-kb-invitation]').value"
                     ".includes('torsdag den 5. marts 2026')")
    with page.expect_download() as info:
        page.click("[data-kb-download='ics']")
    download = info.value
    assert download.suggested_filename == "workshop-om-ligestilling-kort-version.ics"
    text = Path(download.path()).read_text(encoding="utf-8")
    calendar = icalendar.Calendar.from_ical(text)
    event = calendar.walk("VEVENT")[0]
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert (start.isoformat(), end.isoformat()) == ("2026-03-05T10:30:00+01:00", "2026-03-05T14:00:00+01:00")
    assert str(start.tzinfo) == "Europe/Copenhagen"
    assert str(event["location"]) == "Rådhuset"
    assert "13:50–14:00  Aftale om et opfølgende møde" in str(event["description"])
    assert "#plan=1." in str(event["url"])
    assert calendar.walk("VTIMEZONE")[0]["tzid"] == "Europe/Copenhagen"


def test_json_export_and_import(page: Any, site_url: str, tmp_path: Any) -> None:
    open_planner(page, site_url + "workshop/nyborg-chefmoede/")
    with page.expect_download() as info:
        page.click("[data-kb-download='json']")
    saved = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert saved["format"] == "koensbalance-workshop" and len(saved["dagsorden"]["blokke"]) == 3
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "noget andet"}', encoding="utf-8")
    page.set_input_files("[data-kb-import]", str(bad))
    wait_until(page, "document.querySelector('[data-kb-import-error]').textContent !== ''")
    assert "ikke en dagsorden" in page.text_content("[data-kb-import-error]")
    saved["dagsorden"]["titel"] = "Importeret chefmøde"
    good = tmp_path / "good.json"
    good.write_text(json.dumps(saved), encoding="utf-8")
    page.set_input_files("[data-kb-import]", str(good))
    wait_until(page, "document.querySelector('#kb-ws-titel').value === 'Importeret chefmøde'")
    assert page.text_content("[data-kb-import-error]") == ""


JSQR = ROOT_DIR / "node_modules" / "jsqr" / "dist" / "jsQR.js"
JSQR_PATH = "/__test__/jsQR.js"  # served to this page only, by the test's route
DECODER = """() => {
  // Read the QR image the way a phone does: rasterise it on a canvas with a white margin, decode the
  // pixels with jsQR. Returns the decoded text, or null (image not loaded yet, or no QR code found).
  window.kbDecodeQr = () => {
    const img = document.querySelector('[data-kb-qr]');
    if (!img || !img.complete || !img.naturalWidth) return null;
    const scale = 3, margin = 40;  // 3 px per SVG pixel (12 px per module) and a white margin
    const side = img.naturalWidth * scale;
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = side + 2 * margin;
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(img, margin, margin, side, side);
    const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const code = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'dontInvert' });
    return code ? code.data : null;
  };
}"""


def install_qr_decoder(page: Any) -> None:
    """jsQR (npm, node_modules/jsqr) is loaded as a same-origin file through a Playwright route, so the
    site's Content-Security-Policy (script-src 'self') stays on and is obeyed."""
    page.route(f"**{JSQR_PATH}", lambda route: route.fulfill(
        path=str(JSQR), content_type="text/javascript; charset=utf-8"))
    page.add_script_tag(url=JSQR_PATH)
    page.evaluate(DECODER)


def wait_for_qr_of(page: Any, link: str) -> None:
    """Wait until the QR image decodes to `link` (it follows typing a little later than the link)."""
    try:
        page.wait_for_function("(link) => window.kbDecodeQr() === link", arg=link, polling=100,
                               timeout=10_000)
    except Exception:
        decoded = page.evaluate("window.kbDecodeQr()")
        raise AssertionError(f"QR-koden er {decoded!r}, ikke linket {link!r}") from None


def test_print_layout_with_qr_of_the_share_link(page: Any, site_url: str) -> None:
    open_planner(page, site_url + "workshop/workshop-heldag/")
    install_qr_decoder(page)
    wait_until(page, "document.querySelector('[data-kb-qr]').src.startsWith('data:image/svg+xml')")
    page.emulate_media(media="print")
    assert page.locator("[data-kb-print]").is_visible()
    assert page.locator("[data-kb-qr]").is_visible()
    assert page.locator("[data-kb-form]").is_hidden()
    assert page.locator(".md-header").is_hidden()
    assert page.locator("[data-kb-print] tbody tr").count() == 9
    printed_link = page.inner_text("[data-kb-print-link]")
    assert printed_link == current_link(page) and "#plan=1." in printed_link
    wait_for_qr_of(page, printed_link)  # the printed QR code opens the printed link
    assert codec.decode(printed_link.split("#plan=", 1)[1]).title == "Workshop om ligestilling – hel dag"
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1  # one page
    page.emulate_media(media="screen")


def test_qr_code_follows_the_edited_agenda(page: Any, site_url: str) -> None:
    open_planner(page, site_url + "workshop/nyborg-chefmoede/")
    install_qr_decoder(page)
    before = current_link(page)
    wait_for_qr_of(page, before)
    page.fill("#kb-ws-titel", "Chefmøde i maj")
    wait_until(page, f"document.querySelector('[data-kb-link]').value !== {json.dumps(before)}")
    link = current_link(page)
    wait_for_qr_of(page, link)
    assert codec.decode(link.split("#plan=", 1)[1]).title == "Chefmøde i maj"


def test_run_mode_reschedules_when_a_block_runs_over(page: Any, site_url: str) -> None:
    page.clock.install(time="2026-03-05T10:30:00")
    open_planner(page, site_url + "workshop/workshop-kort/")
    page.click("[data-kb-run-start]")
    wait_until(page, "document.querySelector('[data-kb-run-current]').textContent === 'Velkommen'")
    assert page.evaluate("document.activeElement.matches('[data-kb-run-panel]')")
    assert page.text_content("[data-kb-run-next]") == "Oplæg om ligestilling og køn på området"
    assert_axe_clean(page, "run mode")
    page.clock.fast_forward("15:00")  # welcome was planned for 10 minutes: 5 minutes over
    wait_until(page, "document.querySelector('[data-kb-run-block-left]').textContent.startsWith('+0')")
    assert "over tid" in page.text_content("[data-kb-run-message]")
    assert page.text_content("[data-kb-run-next-start]") == "10:45"
    assert page.text_content("[data-kb-run-end]") == "14:05"
    page.keyboard.press("n")  # next block, by keyboard
    wait_until(page, "document.querySelector('[data-kb-run-current]').textContent.startsWith('Oplæg')")
    assert page.text_content("[data-kb-run-end]") == "14:05"
    assert "5 min. senere" in page.text_content("[data-kb-run-message]")
    page.keyboard.press("p")
    wait_until(page, "document.querySelector('[data-kb-run-current]').textContent === 'Velkommen'")
    page.keyboard.press("n")
    wait_until(page, "document.querySelector('[data-kb-run-current]').textContent.startsWith('Oplæg')")
    page.reload()  # the run survives a reload
    page.wait_for_selector(ANSWERED, timeout=90_000)
    wait_until(page, "document.querySelector('[data-kb-run-current]').textContent.startsWith('Oplæg')")
    assert_axe_clean(page, "run mode after reload")
    page.click("[data-kb-run-stop]")
    wait_until(page, "document.querySelector('[data-kb-run-panel]').hidden")


def test_entry_page_links_to_its_template(page: Any, site_url: str) -> None:
    page.goto(site_url + "vaerktoejer/aktionslaeringsprojekter/")
    page.click("text=Møde i aktionslæringsgruppen – refleksion og gentænkning")
    page.wait_for_selector(ANSWERED, timeout=90_000)
    assert page.url.endswith("/workshop/aktionslaering-moede/")
    assert block_titles(page)[0].startswith("Aktion:")
