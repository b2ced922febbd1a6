"""»Vurdér en ydelse« in headless Chromium: the six steps by keyboard, the same figures as CPython
(koensbalance.bridge in this process), reload, the Markdown, .docx and JSON outputs read back, the
share link in a fresh browser, hostile links and files refused without losing anything, both
hand-offs (workshop planner, project plan) arriving, and axe clean in each state. Every page also
fails on console errors or a request to another origin (see conftest)."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from macros import site_data
from markupsafe import escape

from koensbalance import bridge, portable
from koensbalance.vurdering.config import build_config
from koensbalance.vurdering.model import EXAMPLE
from koensbalance.vurdering.view import view as assessment_view
from tests.conftest import PageLog
from tests.support.axe import assert_clean

pytestmark = pytest.mark.browser
PATH = "vurdering/"
ROOT = "[data-kb-widget='vurdering']"
ANSWERED = f"{ROOT}[data-kb-answered='true']"


@pytest.fixture(scope="module")
def cfg() -> dict[str, Any]:
    return build_config(site_data.catalogue()).to_dict()


def wait_until(page: Any, expression: str, timeout: int = 20_000) -> None:
    page.wait_for_function(f"() => {expression}", polling=50, timeout=timeout)


def open_page(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(ANSWERED, timeout=90_000)


def computed(page: Any) -> int:
    return int(page.get_attribute(ROOT, "data-kb-computed") or 0)


def settle(page: Any, before: int) -> None:
    """Wait for the answer to the last change (typing pauses, then Python answers)."""
    wait_until(page, f"Number(document.querySelector(\"{ROOT}\").dataset.kbComputed || 0) > {before}")
    page.wait_for_timeout(400)  # a later keystroke's answer, if any, lands too


def stored(page: Any) -> dict[str, Any]:
    return dict(json.loads(page.evaluate("localStorage.getItem('kb-vurdering')"))["vurdering"])


def cpython_view(page: Any, cfg: dict[str, Any], assessment: dict[str, Any]) -> dict[str, Any]:
    answer = json.loads(bridge.call("vurdering.view", json.dumps({
        "vurdering": assessment, "config": cfg, "idag": date.today().isoformat(),
        "base_url": page.url.split("#")[0]})))
    assert answer["ok"], answer
    return dict(answer["result"])


def shown(page: Any) -> dict[str, Any]:
    return dict(page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('[data-kb-analysis]')]
        .map((s) => [s.dataset.kbAnalysis, {
            lines: [...s.querySelectorAll('[data-kb-v=lines] li')].map((li) => li.textContent),
            verdict: s.querySelector('[data-kb-v=verdict]').textContent,
            sample: s.querySelector('[data-kb-v=sample]').textContent,
            desc: s.querySelector('desc').textContent,
            bars: [...s.querySelectorAll('rect')].map((r) => r.getAttribute('width')),
        }]))"""))


def expected(view: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for kind, answer in view["analyser"].items():
        result = answer["result"]
        out[kind] = {"lines": result["linjer"], "verdict": result["konklusion"],
                     "sample": result["stikproeve"]["tekst"], "desc": result["chart"]["description"],
                     "bars": [s["attrs"]["width"] for s in result["chart"]["shapes"] if s["tag"] == "rect"]}
    return out


def type_into(page: Any, selector: str, text: str) -> None:
    page.focus(selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def press_on(page: Any, selector: str, key: str = "Enter") -> None:
    page.focus(selector)
    page.keyboard.press(key)


def logged_context(chromium: Any, log: PageLog) -> Any:
    """A second, fresh browser (no storage), held to the same console and origin checks."""
    context = chromium.new_context(service_workers="block", accept_downloads=True)
    context.on("request", lambda request: log.requests.append(request.url))
    context.on("page", lambda p: p.on("pageerror", lambda e: log.console_errors.append(f"pageerror: {e}")))
    context.on("console", lambda m: log.console_errors.append(m.text) if m.type == "error" else None)
    return context


@pytest.fixture
def fresh(chromium: Any, page_log: PageLog) -> Iterator[Any]:
    context = logged_context(chromium, page_log)
    yield context.new_page()
    context.close()


def test_build_time_example_is_cpythons_and_labelled(built_site: Path, cfg: dict[str, Any]) -> None:
    html = (built_site / PATH / "index.html").read_text(encoding="utf-8")
    view = assessment_view(EXAMPLE, build_config(site_data.catalogue()), "", date.today())
    assert "Eksempel – skriv jeres egne tal. Tallene er opdigtede og runde, ikke fra kilderne." in html
    for kind in ("modtagere", "resultat"):
        result = view["analyser"][kind]["result"]
        for text in (*result["linjer"], result["konklusion"], result["chart"]["description"]):
            assert str(escape(text)) in html
    assert "Sådan regner vi" in html and "sitets egne, ikke kildernes" in html
    assert "25 pct. af ældre kvinder får hjemmepleje" in html  # the nøgletal beside the team's numbers


def test_the_whole_flow_by_keyboard(page: Any, site_url: str, cfg: dict[str, Any], fresh: Any,
                                    tmp_path: Path) -> None:
    page.on("dialog", lambda d: d.accept())
    open_page(page, site_url + PATH)
    assert page.locator("[data-kb-example]").is_visible()
    assert shown(page) == expected(cpython_view(page, cfg, EXAMPLE.to_dict()))
    assert_clean(page)

    # Start blank, then the six steps by keyboard.
    before = computed(page)
    press_on(page, "[data-kb-start=blank]")
    settle(page, before)
    assert page.input_value("#kb-v-ydelse") == "" and not page.locator("[data-kb-example]").is_visible()
    assert page.inner_text("[data-kb-analysis=modtagere] [data-kb-v=empty]") == (
        "Tallene er ikke udfyldt endnu.")
    page.focus("#kb-v-ydelse")
    page.keyboard.type("Træning som hjælp")
    page.keyboard.press("Tab")
    page.keyboard.type("Nyvisiterede borgere over 65 år")
    page.keyboard.press("Tab")
    page.keyboard.type("Får kvinder og mænd lige meget ud af træningen?")
    page.focus("#kb-v-modtagere-kvinder-population")
    for text in ("1.200", "abc", "900", "1000"):  # population, receiving (wrong), men's population, receiving
        page.keyboard.type(text)
        page.keyboard.press("Tab")
    before = computed(page)
    page.focus("#kb-v-resultat-kvinder-gennemfoert")
    for text in ("50", "16", "40", "28"):
        page.keyboard.type(text)
        page.keyboard.press("Tab")
    settle(page, before)
    # Wrong input: a Danish message next to each field, marked invalid, the rest still computed.
    assert page.inner_text("#kb-v-modtagere-kvinder-antal-fejl") == (
        "Antal kvindelige modtagere skal være et helt tal, fx 3.")
    assert page.get_attribute("#kb-v-modtagere-kvinder-antal", "aria-invalid") == "true"
    assert page.inner_text("#kb-v-modtagere-maend-antal-fejl").startswith("Der kan ikke være flere mænd")
    assert page.inner_text("[data-kb-analysis=modtagere] [data-kb-v=empty]") == (
        "Ret tallene ovenfor, så regner siden igen.")
    assert page.inner_text("[data-kb-analysis=resultat] [data-kb-v=verdict]").startswith("Forskellen")
    assert_clean(page)
    type_into(page, "#kb-v-modtagere-kvinder-antal", "300")
    type_into(page, "#kb-v-modtagere-maend-antal", "120")
    type_into(page, "#kb-v-forskel", "15")
    # Step 3: the source's question; step 4: a criterion with later measurements; step 5: two tools.
    type_into(page, "#kb-v-hypotese-hvad-fortaeller-data-os", "Mænd får oftere træning end kvinder.")
    press_on(page, "[data-kb-add-criterion]")
    wait_until(page, "document.activeElement.id === 'kb-v-kriterium-0-maal'")
    page.keyboard.type("Antal borgere, der bliver selvhjulpne")
    page.keyboard.press("Tab")
    page.keyboard.type("borgere")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past "Målet er" (mindst)
    page.keyboard.type("30")
    page.keyboard.press("Tab")
    page.keyboard.type("30")
    page.fill("#kb-v-kriterium-0-dato", "2027-06-30")
    type_into(page, "#kb-v-kriterium-0-maalt_kvinder", "32")
    type_into(page, "#kb-v-kriterium-0-maalt_maend", "1,5x")
    press_on(page, "#kb-v-metode-aktionslaeringsprojekter", " ")
    press_on(page, "#kb-v-metode-fokusgrupper-med-borgeren-sammensat-med-koen-for-oeje", " ")
    before = computed(page)
    type_into(page, "#kb-v-naeste_skridt", "Et lille projekt i to distrikter.")
    settle(page, before)
    assert page.inner_text("#kb-v-kriterium-0-maalt_maend-fejl") == (
        "Målt for mænd skal være et tal, fx 50 eller 12,5.")
    assert_clean(page)
    before = computed(page)
    type_into(page, "#kb-v-kriterium-0-maalt_maend", "25")
    settle(page, before)
    assert page.inner_text("[data-kb-criterion-status]") == "Opfyldt for kvinder, ikke for mænd."

    # The same numbers and words as CPython for what is stored.
    state = stored(page)
    assert state["modtagere"]["kvinder"] == {"antal": "300", "population": "1.200"}
    assert state["metoder"] == ["aktionslaeringsprojekter",
                                "fokusgrupper-med-borgeren-sammensat-med-koen-for-oeje"]
    view = cpython_view(page, cfg, state)
    assert shown(page) == expected(view)
    receiving = view["analyser"]["modtagere"]["result"]
    assert receiving["kvinder"]["andel"] == 300 / 1200 and receiving["maend"]["andel"] == 120 / 900
    assert page.input_value("[data-kb-markdown]") == view["markdown"]
    assert page.inner_text("[data-kb-v=title]") == "Ligestillingsvurdering af Træning som hjælp"
    assert_clean(page)

    # Reload: everything is still there.
    page.reload()
    page.wait_for_selector(ANSWERED, timeout=90_000)
    assert page.input_value("#kb-v-ydelse") == "Træning som hjælp"
    assert page.input_value("#kb-v-kriterium-0-maalt_maend") == "25"
    assert page.is_checked("#kb-v-metode-aktionslaeringsprojekter")
    assert shown(page) == expected(view)

    # Print: the documented assessment only, on at most two A4 pages.
    pdf = page.pdf(format="A4")
    assert 1 <= len(re.findall(rb"/Type\s*/Page[^s]", pdf)) <= 2
    page.emulate_media(media="print")
    assert page.locator("[data-kb-print-document]").is_visible()
    assert not page.locator("#kb-v-ydelse").is_visible()
    assert page.inner_text("[data-kb-print-document] h2") == "Ligestillingsvurdering af Træning som hjælp"
    page.emulate_media(media="screen")

    # Outputs: Markdown, .docx (read back) and JSON, each by keyboard.
    with page.expect_download() as markdown:
        press_on(page, "[data-kb-download=markdown]")
    assert Path(markdown.value.path()).read_text(encoding="utf-8") == view["markdown"]
    with page.expect_download() as word:
        press_on(page, "[data-kb-download=docx]")
    assert word.value.suggested_filename == "ligestillingsvurdering.docx"
    paragraphs = [p.text for p in docx.Document(io.BytesIO(Path(word.value.path()).read_bytes())).paragraphs]
    assert paragraphs[0] == "Ligestillingsvurdering af Træning som hjælp"
    assert all(line in paragraphs for line in receiving["linjer"])
    assert receiving["konklusion"] in paragraphs and "Sådan regner vi" in paragraphs
    with page.expect_download() as saved:
        press_on(page, "[data-kb-download=json]")
    json_file = tmp_path / "vurdering.json"
    json_file.write_bytes(Path(saved.value.path()).read_bytes())
    link = page.input_value("[data-kb-link]")
    assert link.startswith(site_url + PATH + "#vurdering=1.")
    # "Start forfra med eksemplet" (asks first; the dialog is accepted): the example from Python.
    before = computed(page)
    press_on(page, "[data-kb-start=example]")
    settle(page, before)
    assert page.input_value("#kb-v-ydelse") == EXAMPLE.ydelse
    assert page.locator("[data-kb-example]").is_visible()
    assert shown(page) == expected(cpython_view(page, cfg, EXAMPLE.to_dict()))

    # The share link in a fresh browser: the same assessment and figures.
    open_page(fresh, link)
    assert fresh.input_value("#kb-v-ydelse") == "Træning som hjælp"
    assert fresh.url == site_url + PATH  # the fragment is cleared
    assert shown(fresh) == expected(view)
    wait_until(fresh, "localStorage.getItem('kb-vurdering') !== null")
    assert stored(fresh) == state

    # Hostile links there: refused with a Danish message, nothing overwritten.
    bad = portable.pack(1, {**state, "succeskriterier": "<img src=x onerror=alert(1)>"})
    for token in (bad, "1.%%%", "9." + bad[2:], "1." + "A" * 20_000):
        fresh.evaluate("(token) => { location.hash = 'vurdering=' + token; }", token)
        wait_until(fresh, "!document.querySelector('[data-kb-message]').hidden")
        message = fresh.inner_text("[data-kb-message-text]")
        assert message.startswith("Linket til vurderingen er ugyldigt eller ufuldstændigt."), message
        assert message.endswith("Din egen vurdering er uændret.")
        assert stored(fresh) == state and fresh.input_value("#kb-v-ydelse") == "Træning som hjælp"
        fresh.evaluate("document.querySelector('[data-kb-message]').hidden = true")
    assert_clean(fresh)
    # Markup in a valid link stays text.
    marked = portable.pack(1, {**state, "ydelse": "<img src=x onerror=alert(1)>"})
    fresh.on("dialog", lambda d: d.accept())
    fresh.evaluate("(token) => { location.hash = 'vurdering=' + token; }", marked)
    wait_until(fresh, "!document.querySelector('[data-kb-link-choice]').hidden")
    press_on(fresh, "[data-kb-link-replace]")
    wait_until(fresh, "document.querySelector('[data-kb-v=title]').textContent.includes('<img')")
    assert fresh.locator(f"{ROOT} img").count() == 0

    # Files: one that is not ours is refused; the saved one opens again.
    hostile = tmp_path / "fremmed.json"
    hostile.write_text(json.dumps({"format": "noget-andet", "version": 1}), encoding="utf-8")
    fresh.set_input_files("[data-kb-import]", str(hostile))
    wait_until(fresh, "document.querySelector('[data-kb-import-error]').textContent !== ''")
    assert fresh.inner_text("[data-kb-import-error]") == (
        "Filen er ikke en ligestillingsvurdering fra »Vurdér en ydelse«.")
    assert fresh.input_value("#kb-v-ydelse") == "<img src=x onerror=alert(1)>"
    assert_clean(fresh)
    fresh.set_input_files("[data-kb-import]", str(json_file))
    wait_until(fresh, "document.querySelector('#kb-v-ydelse').value === 'Træning som hjælp'")
    assert stored(fresh) == state


def test_unreadable_storage_is_set_aside_and_both_hand_offs_arrive(page: Any, site_url: str) -> None:
    page.goto(site_url + "regler/")  # same origin, no widget
    unreadable = {"version": 1, "vurdering": {"ydelse": "Min", "metoder": ["<b>ikke et id</b>"]}}
    page.evaluate("(v) => localStorage.setItem('kb-vurdering', JSON.stringify(v))", unreadable)
    open_page(page, site_url + PATH)
    assert page.inner_text("[data-kb-message-text]").startswith("Den vurdering, der var gemt i browseren,")
    aside = page.evaluate("localStorage.getItem('kb-vurdering-ulaeselig')")
    assert json.loads(aside) == unreadable["vurdering"]
    wait_until(page, "document.querySelector('#kb-v-ydelse').value.startsWith('Eksempel')")
    before = computed(page)
    type_into(page, "#kb-v-hypotese-hvad-fortaeller-data-os", "Kvinder venter længere på træning.")
    settle(page, before)
    workshop = page.get_attribute("[data-kb-workshop]", "href")
    assert workshop.startswith(site_url + "workshop/workshop-kort/#plan=")
    assert_clean(page)

    # "Lav en projektplan": the action-learning project plan opens prefilled (the form shows its
    # stored work at once, before its Python has loaded).
    press_on(page, "[data-kb-project]")
    page.wait_for_url(site_url + "workshop/projektplan/")
    wait_until(page, "document.querySelector('[data-kb-key=projekttitel]').value !== ''")
    assert page.input_value("[data-kb-key=projekttitel]") == EXAMPLE.ydelse
    assert page.input_value("[data-kb-key=maalgruppe]").startswith("Eksempel: borgere over 65 år")
    assert page.input_value("[data-kb-key=beskrivelse]") == EXAMPLE.spoergsmaal
    goals = page.input_value("[data-kb-key=laeringsmaal]")
    assert goals.startswith("- Eksempel: antal borgere, der kommer igennem forløbet: kvinder mindst 50")

    # "Planlæg en workshop om resultaterne" (the link the page made): the planner opens the short
    # workshop template with the summary of step 2 in its data block and of step 3 in its
    # hypothesis block.
    page.goto(workshop)
    page.wait_for_selector("[data-kb-widget='workshop'][data-kb-answered='true']", timeout=90_000)
    wait_until(page, "localStorage.getItem('kb-workshop') !== null")
    agenda = json.loads(page.evaluate("localStorage.getItem('kb-workshop')"))["agenda"]
    assert agenda["titel"] == "Workshop om resultaterne: Eksempel: et rehabiliteringsforløb i hjemmeplejen"
    notes = {block["titel"]: block["note"] for block in agenda["blokke"]}
    data = next(note for title, note in notes.items() if title.startswith("Oplæg om ligestilling"))
    hypotheses = next(note for title, note in notes.items() if title.startswith("Hypotesedannelse"))
    assert "Kvinder: 20,0 pr. 100 (120 af 600)" in data and "Fishers eksakte test" in data
    assert "Hvad fortæller data os? Kvinder venter længere på træning." in hypotheses
    shown_notes = page.eval_on_selector_all("[data-kb-field=note]", "els => els.map(e => e.value)")
    assert any("Kvinder venter længere på træning." in note for note in shown_notes)
    assert_clean(page)
