"""Issue #21 as a user meets it, in headless Chromium against the built site: error texts and Danish
number forms, the headline of "Sæt måltal", the assumptions on the printout and in the CSV file,
the plan's årshjul, the projection table and chart, the double full stop. (The phone-width checks
are in test_phone_width.py.)"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

import pytest
from macros.maaltal_macros import default_scenario

from tests.browser.test_maaltal_widget import (
    PATH,
    computed,
    cpython,
    open_widget,
    set_form,
    wait_computed_after,
)

pytestmark = pytest.mark.browser


def error_of(page: Any, name: str) -> str:
    return str(page.text_content(f"#kb-maaltal-{name}-fejl") or "")


def type_into(page: Any, name: str, value: str) -> None:
    page.fill(f"#kb-maaltal-{name}", value)


def wait_error(page: Any, name: str) -> None:
    page.wait_for_function(f"() => document.querySelector('#kb-maaltal-{name}-fejl').textContent !== ''",
                           polling=50, timeout=10_000)


# ---- item 9: error texts and Danish number forms --------------------------------------------------

def test_error_texts_are_sentences_about_their_field(page: Any, site_url: str) -> None:
    open_widget(page, site_url + PATH)
    type_into(page, "maalaar", "")
    wait_error(page, "maalaar")
    assert error_of(page, "maalaar") == "Skriv det år, måltallet skal være nået i, fx 2030."
    type_into(page, "maal", "40,5")
    wait_error(page, "maal")
    assert error_of(page, "maal") == "Måltallet skal være et helt antal procent uden decimaler, fx 40."


@pytest.mark.parametrize("employees", ["1.200", "20.000"])
def test_employees_with_a_thousands_point_are_accepted(page: Any, site_url: str, employees: str) -> None:
    open_widget(page, site_url + PATH)
    before = computed(page)
    type_into(page, "medarbejdere", employees)
    wait_computed_after(page, before)
    assert error_of(page, "medarbejdere") == ""
    assert page.get_attribute("#kb-maaltal-medarbejdere", "aria-invalid") != "true"
    expected = cpython({**default_scenario(), "medarbejdere": employees})
    duties = page.eval_on_selector_all("[data-kb-duties] li",
                                       "items => items.map(li => li.dataset.kbApplies)")
    assert duties == ["ja" if d["applies"] else "nej" for d in expected["obligations"]["duties"]]


def test_a_link_with_danish_numbers_opens_without_errors(page: Any, site_url: str) -> None:
    values = {**default_scenario(), "medarbejdere": "20.000", "afgang": "12,5"}
    open_widget(page, site_url + PATH + "?" + urlencode(values))
    wait_computed_after(page, 0)
    assert page.text_content("[data-kb-scenario-error]") == ""


# ---- item 12: one full stop after a title that ends in one ---------------------------------------

def test_no_double_full_stop_after_a_source_title(page: Any, site_url: str, built_site: Any) -> None:
    open_widget(page, site_url + PATH)
    before = computed(page)
    page.select_option("#kb-maaltal-institution", "kommune")
    wait_computed_after(page, before)
    citations = page.eval_on_selector_all("[data-kb-duties] .kb-citation", "ps => ps.map(p => p.textContent)")
    assert any("mv. Se reglen" in c for c in citations), citations
    assert not [c for c in citations if ".." in c]
    page.goto(site_url + "regler/alle-kommuner-omfattet-af-ligestillingslovens-paragraf-11/")
    assert "kontaktoplysninger mv.." not in page.inner_text("article")
    doubled = [str(p.relative_to(built_site)) for p in built_site.rglob("*.html")
               if re.search(r"[a-zæøå]\.\.(?:\s|<|$)", p.read_text(encoding="utf-8"))]
    assert doubled == []


# ---- item 14: thousands separators ----------------------------------------------------------------

def test_numbers_have_danish_thousands_separators(page: Any, site_url: str) -> None:
    page.goto(site_url + "noegletal/odense-kommune-aarlig-gennemsnitsudgift-traening-som-hjaelp/")
    cells = page.eval_on_selector_all("article table td", "tds => tds.map(td => td.textContent.trim())")
    assert "15.764 kr." in cells and "36.992 kr." in cells, cells
    open_widget(page, site_url + PATH)
    before = computed(page)
    type_into(page, "medarbejdere", "20000")
    wait_computed_after(page, before)
    reasons = page.inner_text("[data-kb-duties]")
    assert "(20.000)" in reasons and "20000" not in reasons


# ---- item 5: the headline answers for the user's own target and year -----------------------------

def test_headline_leads_with_the_answer_for_the_chosen_year(page: Any, site_url: str) -> None:
    open_widget(page, site_url + PATH)
    year = int(default_scenario()["aar"])
    set_form(page, {"maal": "40", "maalaar": str(year + 5), "sikkerhed": "80", "horisont": "10"})
    headline = page.text_content("[data-kb-out='headline']")
    assert headline.startswith(f"Nej – I når ikke 40 pct. kvinder i {year + 5} med 80 pct. sandsynlighed")
    # The probability it gives is the one the table shows for that year.
    row = page.locator("[data-kb-rows] tr[data-kb-target-year] td").last.text_content()
    assert f"er sandsynligheden {row})" in headline
    assert headline.endswith(f"(til {year + 10}).")
    set_form(page, {"afgang": "30", "rekruttering": "60", "maalaar": str(year + 6)})
    headline = page.text_content("[data-kb-out='headline']")
    assert headline.startswith(f"Ja – I når 40 pct. kvinder senest i {year + 6} med 80 pct. sandsynlighed")


# ---- items 6 and 10: the assumptions on the printout and in the CSV file; numbers as numbers ------

def download_csv(page: Any) -> bytes:
    with page.expect_download() as download:
        page.click("[data-kb-action='csv']")
    with open(download.value.path(), "rb") as handle:
        return handle.read()


def test_print_and_csv_carry_the_assumptions_and_numbers(page: Any, site_url: str) -> None:
    open_widget(page, site_url + PATH)
    set_form(page, {"afgang": "12,5", "rekruttering": "60", "maal": "35", "sikkerhed": "70"})
    page.emulate_media(media="print")
    assumptions = page.locator("[data-kb-out='assumptions']")
    assert assumptions.is_visible()
    printed = assumptions.inner_text()
    year = default_scenario()["aar"]
    for part in (f"status pr. 31. december {year}", "afgang 12,5 pct. om året",
                 "60 pct. kvinder blandt nye ledere", "måltal mindst 35 pct. kvinder senest i",
                 "med 70 pct. sandsynlighed"):
        assert part in printed, (part, printed)
    page.emulate_media(media="screen")
    data = download_csv(page)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Danish Excel reads æøå
    lines = data.decode("utf-8-sig").split("\r\n")
    head = dict(line.split(";") for line in lines[1:lines.index("")])
    assert head["Afgang pr. år (pct.)"] == "12,5"
    assert head["Andel kvinder blandt nye ledere (pct.)"] == "60"
    assert head["Måltal for andelen af kvinder (pct.)"] == "35"
    assert head["Sandsynlighed (pct.)"] == "70"
    assert head["Måltallet skal være nået i (år)"] == default_scenario()["maalaar"]
    table = [line.split(";") for line in lines[lines.index("") + 1:] if line]
    assert all("(" in name for name in table[0][1:]), table[0]  # units in the header
    for row in table[1:]:
        assert len(row) == len(table[0])
        for cell in row:  # every cell a number with a decimal comma: no units, no "af", no ranges
            assert re.fullmatch(r"\d+(,\d+)?", cell), (cell, row)


def test_workshop_printout_shows_its_date(page: Any, site_url: str) -> None:
    page.goto(site_url + "workshop/workshop-kort/")
    page.wait_for_selector("[data-kb-widget='workshop'][data-kb-answered='true']", timeout=90_000)
    page.fill("#kb-ws-dato", "2026-03-05")
    page.fill("#kb-ws-sted", "Rådhuset, lokale 2")
    page.wait_for_function("""() => {
        const text = document.querySelector('[data-kb-summary]').textContent;
        return text.startsWith('Torsdag den 5. marts 2026 kl. ') && text.endsWith('lokale 2');
    }""", polling=50, timeout=10_000)
    page.emulate_media(media="print")
    summary = page.locator("[data-kb-summary]")
    assert summary.is_visible()
    assert re.fullmatch(r"Torsdag den 5\. marts 2026 kl\. \d\d:\d\d–\d\d:\d\d \(.+\), Rådhuset, lokale 2",
                        summary.inner_text())


# ---- item 7: the årshjul starts at the next occurrence of each date, on screen and in the .ics ----

ADS = "skriv-stillingsannoncer-der-appellerer-til-alle-koen"


@pytest.mark.parametrize("deadlines", [[], ["2027-03-01", "2027-10-01"]])
def test_aarshjul_and_ics_start_from_today(page: Any, site_url: str, tmp_path: Any,
                                           deadlines: list[str]) -> None:
    import icalendar

    page.clock.set_fixed_time(datetime(2026, 12, 1, 10, 0))  # the reader's clock: 1 December 2026
    page.goto(site_url + "katalog/")
    items = [{"id": ADS, "frist": deadlines[0]}] if deadlines else [{"id": ADS}]
    page.evaluate("(plan) => localStorage.setItem('kb-plan', JSON.stringify({version: 1, plan}))",
                  {"indsatser": items})
    page.goto(site_url + "plan/")
    page.wait_for_selector("[data-kb-widget='plan'][data-kb-answered='true']", timeout=90_000)
    page.wait_for_function("() => document.querySelector('[data-kb-wheel] li')?.textContent.includes(' 20')",
                           polling=50, timeout=15_000)
    lines = page.eval_on_selector_all("[data-kb-wheel] li", "lis => lis.map(li => li.textContent)")
    reporting = [line for line in lines if ": Frist:" not in line]
    assert reporting[0].startswith("31. december 2026: "), lines
    assert reporting[1].startswith("31. maj 2027: "), lines
    assert not any(line.startswith(("31. maj 2026", "31. december 2025")) for line in lines)
    with page.expect_download() as info:
        page.click("[data-kb-download='ics']")
    target = tmp_path / "plan.ics"
    info.value.save_as(target)
    events = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    yearly = sorted(str(e.decoded("DTSTART")) for e in events if "RRULE" in e)
    assert yearly == ["2026-12-31", "2027-05-31"]


# ---- item 11: the projection table's numbers are right-aligned with room between them ------------

CELL_TEXT = """() => [...document.querySelectorAll("[data-kb-projection-table] tbody tr")]
    .filter((row) => getComputedStyle(row).display !== "none")
    .map((row) => [...row.children].map((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        const box = range.getBoundingClientRect();
        return [box.left, box.right];
    }))"""


@pytest.mark.parametrize(("media", "gap"), [("screen", 10), ("print", 6)])
def test_projection_table_numbers_are_aligned_and_spaced(page: Any, site_url: str, media: str,
                                                         gap: float) -> None:
    open_widget(page, site_url + PATH)
    wait_computed_after(page, 0)
    page.emulate_media(media=media)
    rows = page.evaluate(CELL_TEXT)
    assert len(rows) > 5
    for column in range(len(rows[0])):
        rights = [row[column][1] for row in rows]
        assert max(rights) - min(rights) < 1.5, (media, column, rights)  # right-aligned
    for row in rows:
        for (_, right), (left, _) in zip(row, row[1:], strict=False):
            assert left - right >= gap, (media, row)


# ---- item 15: the line labels are not crossed; print labels are readable -------------------------

LABELS_CLEAR = """() => {
    const svg = document.querySelector("[data-kb-chart]");
    const path = svg.querySelector(".kb-mchart__expected");
    const length = path.getTotalLength();
    const crossed = [];
    for (const label of svg.querySelectorAll(".kb-mchart__balance-label, .kb-mchart__target-label")) {
        const box = label.getBBox();
        for (let at = 0; at <= length; at += 1) {
            const p = path.getPointAtLength(at);
            if (p.x >= box.x && p.x <= box.x + box.width && p.y >= box.y && p.y <= box.y + box.height) {
                crossed.push(label.textContent);
                break;
            }
        }
    }
    return crossed;
}"""

LABEL_POINTS = """() => {
    const svg = document.querySelector("[data-kb-chart]");
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll("text")].map(
        (t) => parseFloat(getComputedStyle(t).fontSize) * scale * 0.75);  // CSS px -> pt
}"""


@pytest.mark.parametrize("changes", [{}, {"afgang": "30", "rekruttering": "60"},
                                     {"maal": "35", "kvinder": "50", "maend": "150", "horisont": "30",
                                      "maalaar": str(int(default_scenario()["aar"]) + 20)}])
def test_chart_labels_are_clear_of_the_curve_and_readable_in_print(page: Any, site_url: str,
                                                                   changes: dict[str, str]) -> None:
    open_widget(page, site_url + PATH)
    if changes:
        set_form(page, changes)
    else:
        wait_computed_after(page, 0)
    assert page.evaluate(LABELS_CLEAR) == []
    page.emulate_media(media="print")
    sizes = page.evaluate(LABEL_POINTS)
    assert sizes and min(sizes) >= 6.5, sizes
    page.emulate_media(media="screen")
    assert page.evaluate(LABELS_CLEAR) == []
